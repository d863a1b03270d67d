"""Connections between initiatives, and with crown jewels, that can learn from each other."""
