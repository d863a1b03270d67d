"""Obstacles (drempels) initiatives meet with the municipality, and its answers."""
