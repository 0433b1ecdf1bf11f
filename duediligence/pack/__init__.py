"""Rules as data: the pack's schema, its loader, and the catalog identification reads."""
