"""READ: inventories to tables of text with their row numbers. Knows nothing of vendors or
rules."""
