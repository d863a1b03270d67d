"""Insight for the council, and open data for everyone: patterns, never private notes."""
