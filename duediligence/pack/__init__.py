"""RULES AS DATA: the pack's schema, its loader, the catalog identification reads, and the
IEEE registry the pack is checked against."""
