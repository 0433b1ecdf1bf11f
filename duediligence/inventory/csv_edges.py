"""Where CSV is ambiguous, the one reading every CSV path gives (docs/security.md).

A large file is parsed by Arrow, a small one (and whatever Arrow refuses) by the csv module
in its default, lenient mode; the two agree on every input Arrow accepts (a property test
holds them to it, tests/inventory/test_csv_edges.py) but two: Arrow reads a quoted cell the
file ends inside as if closed, and a cell of any length. Both are refused here, as the csv
module refuses them: the file's end is checked (`ends_open`) and a block holding a cell past
the csv module's limit is handed to it (blocks.CsvBlocks), which names line and column.
Text after a closing quote ('"abc"def') is read as Excel, LibreOffice, Arrow and the csv
module's default mode read it: 'abcdef'.
"""

from __future__ import annotations

import codecs
import csv
from itertools import islice
from pathlib import Path

TAIL_BYTES = 8
"""Enough of the file's end to hold its last line break in any encoding (UTF-32: 4 bytes)."""


def ends_open(path: Path, codec: str, delimiter: str, line: int, last_cell: str) -> int | None:
    """The column of a quoted cell the file ends inside, in the record starting on `line`
    whose last cell (as read) is `last_cell`; None when the file ends outside quotes.

    Such a cell runs to the end of the file, so it is the record's last and ends as the file
    does: a file ending in a line break whose last cell does not is closed, and nothing is
    read again (nearly every file). Else the record is read again from its first line.
    """
    if not last_cell.endswith(("\n", "\r")) and _ends_with_line_break(path, codec):
        return None
    return open_cell(path, codec, delimiter, line, csv.field_size_limit())


def _ends_with_line_break(path: Path, codec: str) -> bool:
    encoder = codecs.getincrementalencoder(codec)()
    encoder.encode("")  # a byte-order mark, where the codec writes one
    breaks = (encoder.encode("\n"), encoder.encode("\r"))
    try:
        with path.open("rb") as raw:
            size = raw.seek(0, 2)
            raw.seek(max(0, size - TAIL_BYTES))
            return raw.read().endswith(breaks)
    except OSError:
        return False


def open_cell(path: Path, encoding: str, delimiter: str, line: int, limit: int) -> int | None:
    """The column of the record starting on `line` that the csv module stopped in: the first
    cell past `limit` characters, or the quoted cell open where the file ends.

    The csv module names neither the record's first line nor the column. The record up to
    where it stopped is valid CSV, so counting delimiters outside quotes finds the column;
    this reads no further than the csv module did, and the limit bounds that. Text after a
    closing quote goes on in the same cell, as the csv module reads it.
    """
    column, length, state = 1, 0, "start"  # start of a cell, "plain", "quoted", "closed"
    with path.open("r", encoding=encoding, newline="", errors="replace") as handle:
        for text in islice(handle, line - 1, None):
            for char in text:
                if state == "quoted":
                    if char == '"':
                        state = "closed"
                        continue
                elif state == "closed" and char == '"':
                    state = "quoted"  # a doubled quote stands for one
                elif char == delimiter:
                    column, length, state = column + 1, 0, "start"
                    continue
                elif char in "\r\n":
                    return None  # the record ends before any long cell
                elif char == '"' and state == "start":
                    state = "quoted"
                    continue
                else:
                    state = "plain"
                length += 1
                if length > limit:
                    return column
    return column if state == "quoted" else None
