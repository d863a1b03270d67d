"""Places: the kernen (villages and districts) of the municipality and their boundaries."""
