"""People: accounts, roles and departments, and how they sign in."""
