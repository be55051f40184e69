"""Area pages and the area finder: every Welsh area with its map, parents,
children, population and deprivation."""
