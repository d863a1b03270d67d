"""The map page and its layers."""
