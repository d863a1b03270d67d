"""Attention: what a community brings and that waits for the organisation, so nothing waits
unseen ("alles wat aandacht krijgt, groeit")."""
