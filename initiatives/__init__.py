"""Initiatives: what communities do, in their own words, with their members."""
