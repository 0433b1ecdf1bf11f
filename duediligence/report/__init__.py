"""Writing reports: every format is a view of one `Report`."""
