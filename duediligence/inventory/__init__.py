"""Reading inventories: files to rows, rows to Assets. Knows nothing of vendors or rules."""
