"""CLI: the command line, the only code that prints, prompts or exits; one module per
command, and what only a command needs (buyer.py for `init`, tables.py to read the input
tables again for the workbook report)."""
