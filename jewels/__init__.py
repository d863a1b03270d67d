"""Crown jewels: what a community values, nominated by anyone."""
