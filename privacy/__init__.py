"""Privacy: a person's own data, retention, and the audit log."""
