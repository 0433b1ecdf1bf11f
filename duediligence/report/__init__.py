"""WRITE: every format is a view of one `Report` (duediligence.results)."""
