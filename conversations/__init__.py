"""Conversations civil servants have with communities, the tips they hear and their spread."""
