"""Which reader takes a file, by its suffix: the names alone, so that the dispatch (read.py)
imports a reader only for a file it reads, and a CSV scan never loads the workbook readers.
"""

from __future__ import annotations

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
"""Text tables, and arp-scan's output (told apart by content: arp_scan.py)."""
XLSX_SUFFIXES = (".xlsx", ".xlsm")
"""Read sheet by sheet, and by fastexcel when large and all text (arrow_sheet.py)."""
WORKBOOK_SUFFIXES = (*XLSX_SUFFIXES, ".xlsb", ".ods", ".xls")
"""What python-calamine reads (books.py)."""
RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")
XML_SUFFIXES = (".xml",)
"""nmap's -oX output, the one XML read (told by content: nmap.py)."""
SUPPORTED = CSV_SUFFIXES + WORKBOOK_SUFFIXES + RECORD_SUFFIXES + XML_SUFFIXES
