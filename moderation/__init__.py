"""Moderation: what people reported, and a moderator's decision about it."""
