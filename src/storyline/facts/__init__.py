"""Facts of a story: what the reports state (quantities, entities) and where they differ."""
