"""CSV and TSV registers, streamed; row numbers count records as a spreadsheet shows them."""

from __future__ import annotations

import _csv
import csv
import io
import re
from collections import Counter
from collections.abc import Generator
from pathlib import Path
from typing import IO

from duediligence.errors import InputError
from duediligence.inventory.blocks import blocks_for
from duediligence.inventory.csv_edges import ends_open, open_cell
from duediligence.inventory.encodings import Encoding, check_header, detect
from duediligence.inventory.interface import Table

SNIFF_BYTES = 64 * 1024
SNIFF_CHARS = 8 * 1024
"""Text the delimiter is guessed from: ~100 rows of a register, split once per candidate by
the csv module (linear in the sample; csv.Sniffer's quote-guessing regular expression, used
before, took time quadratic in it: 64 KB of ',"' took 14 s)."""
DELIMITERS = ",;\t|"
ZIP_MAGIC = b"PK\x03\x04"
_DECIMAL_COMMA = re.compile(r"(?<![\d,])\d{1,3}(?:\.\d{3})*,\d+(?![\d,])")
"""'12,50', '1.234,56': a number with a decimal comma, as Excel writes one in Europe."""


def _delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the sample's records most consistently into two or more cells.

    Counted by the csv module itself, so a delimiter inside quotes does not count. Where a
    semicolon and a comma split as consistently (a German or French export, whose decimal
    comma '12,50' can sit in every row), the semicolon wins when the commas sit between
    digits: Excel writes ';' exactly where ',' is the decimal mark.
    """
    if suffix == ".tsv":
        return "\t"
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and (end := sample.rfind("\n")) > 0:
        sample = sample[:end]  # whole lines: a line cut short can have one delimiter too few
    scores: dict[str, tuple[float, int]] = {}
    for delimiter in DELIMITERS:
        widths = _widths(sample, delimiter)
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width > 1:
            scores[delimiter] = (count / len(widths), width)
    if not scores:
        return ","
    best = max(scores.values())[0]
    tied = [d for d in DELIMITERS if d in scores and scores[d][0] == best]
    if tied[0] == "," and ";" in tied and _DECIMAL_COMMA.search(sample):
        return ";"
    return tied[0]


def _widths(sample: str, delimiter: str) -> list[int]:
    """How many cells each non-empty record of the sample has when split at `delimiter`."""
    widths: list[int] = []
    try:
        records = csv.reader(io.StringIO(sample), delimiter=delimiter)
        widths.extend(len(cells) for cells in records if any(cells))
    except csv.Error:
        pass  # a quote opened in the sample and closed after it: the records before it count
    return widths


def read_csv(path: Path, display: str, encoding: Encoding | None = None) -> Table:
    """Open a delimited file and find its header (the first non-empty record).

    `encoding` is the one `--encoding` gives; else it is found from the file's first bytes.
    """
    try:
        with path.open("rb") as raw:
            sample = raw.read(SNIFF_BYTES)
            complete = not raw.read(1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    if not sample.strip():
        raise InputError("the file is empty: expected a header row such as Make,Model", display)
    if sample.startswith(ZIP_MAGIC):
        raise InputError(
            "a zip archive, not text: an Excel workbook? Give it its .xlsx name to read it",
            display,
        )
    if encoding is None:
        encoding = detect(sample, display, complete)
    if not encoding.wide and b"\x00" in sample:
        raise InputError(
            "contains NUL bytes: not a text file (a binary file, or UTF-16 without a byte-order"
            " mark?)",
            display,
        )
    codec = encoding.codec
    text_sample = sample.decode(codec, errors="replace")
    delimiter = _delimiter(text_sample, path.suffix.lower())
    handle = path.open("r", encoding=codec, newline="", errors="strict")
    # Lenient, as Arrow reads: text after a closing quote goes on in the cell (csv_edges.py).
    reader = csv.reader(handle, delimiter=delimiter, strict=False)
    lines: list[tuple[int, int]] = []
    records = _records(path, handle, reader, display, encoding, lines)
    for number, cells in records:
        if any(c.strip() for c in cells):
            header = [c.strip() for c in cells]
            try:
                check_header(header, encoding, display)
            except InputError:
                records.close()
                raise
            table = Table(display, None, header, number, records, lines=lines)
            table.blocks = blocks_for(path, delimiter, len(cells), codec, number)
            if (warning := encoding.warning()) is not None:
                table.warnings.append(f"{display}: {warning}")
            return table
    handle.close()
    raise InputError("no header row: every line is empty", display)


def _records(
    path: Path,
    handle: IO[str],
    reader: _csv.Reader,
    display: str,
    encoding: Encoding,
    lines: list[tuple[int, int]],
) -> Generator[tuple[int, list[str]], None, None]:
    """Records numbered as a spreadsheet shows them, noting in `lines` where a record starts
    on another text line (after a cell holding a line break); rows Arrow already noted, before
    this reader took over, are not noted twice."""
    last = 0  # the line the last whole record ended on
    shift = 0
    cells: list[str] = []
    try:
        with handle:
            # Cells as read: stripping a million rows' cells costs more than reading them; the
            # scan trims only the values it uses.
            for number, cells in enumerate(reader, start=1):
                if last + 1 - number != shift:
                    shift = last + 1 - number
                    if not lines or number > lines[-1][0]:
                        lines.append((number, last + 1))
                yield number, cells
                last = reader.line_num
    except csv.Error as exc:
        why = str(exc)
        delimiter = reader.dialect.delimiter
        if why.startswith("field larger than field limit"):
            raise _too_long(path, encoding.codec, delimiter, last + 1, display) from exc
        if why == "unexpected end of data":
            raise _never_closed(path, encoding.codec, delimiter, last + 1, display) from exc
        raise InputError(f"line {reader.line_num}: not valid CSV: {why}", display) from exc
    except UnicodeDecodeError as exc:
        # Text is decoded ahead of the reader, a few thousand characters at a time.
        where = f"after line {reader.line_num}" if reader.line_num else "near the start"
        raise InputError(
            f"{where}: not valid text in {encoding.name}: {exc.reason}",
            display,
        ) from exc
    # The record read last started on the line after the one before it ended.
    start = shift + number if cells else 0
    if cells and ends_open(path, encoding.codec, reader.dialect.delimiter, start, cells[-1]):
        raise _never_closed(path, encoding.codec, reader.dialect.delimiter, start, display)


def _too_long(path: Path, encoding: str, delimiter: str, line: int, display: str) -> InputError:
    """The error for a cell past csv.field_size_limit(), named by where that cell starts.

    The limit (131,072 characters unless a program changes it) is four times what Excel
    holds in a cell (32,767): such a cell is a quote (") never closed, which makes the rest
    of the file one cell, or not a register at all.
    """
    limit = csv.field_size_limit()
    where = _where(line, open_cell(path, encoding, delimiter, line, limit))
    return InputError(
        f"{where}: a cell longer than {limit:,} characters, more than a register holds (Excel"
        ' keeps at most 32,767): a quote (") opened there and never closed, or not a text table',
        display,
    )


def _never_closed(path: Path, encoding: str, delimiter: str, line: int, display: str) -> InputError:
    where = _where(line, open_cell(path, encoding, delimiter, line, csv.field_size_limit()))
    return InputError(
        f'{where}: not valid CSV: the file ends inside a quoted cell: a quote (") opened there'
        " is never closed, so every line after it would be read as one cell",
        display,
    )


def _where(line: int, column: int | None) -> str:
    return f"line {line}" + (f", column {column}" if column else "")
