"""CSV and TSV registers, streamed; row numbers count records as a spreadsheet shows them."""

from __future__ import annotations

import _csv
import codecs
import csv
from collections.abc import Generator
from pathlib import Path
from typing import IO

from duediligence.errors import InputError
from duediligence.inventory.blocks import blocks_for
from duediligence.inventory.interface import Table

SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;\t|"


def _encoding(sample: bytes) -> tuple[str, str | None]:
    """The file's encoding and, for a guessed legacy one, the warning that says so."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    try:
        sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:
            return "cp1252", "not valid UTF-8: read as Windows-1252 (cp1252); check accented text"
    return "utf-8-sig", None


def _delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(text, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def read_csv(path: Path, display: str) -> Table:
    """Open a delimited file and find its header (the first non-empty record)."""
    try:
        with path.open("rb") as raw:
            sample = raw.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    if not sample.strip():
        raise InputError("the file is empty: expected a header row such as Make,Model", display)
    encoding, warning = _encoding(sample)
    if encoding != "utf-16" and b"\x00" in sample:
        raise InputError(
            "contains NUL bytes: not a text file (a binary file, or UTF-16 without a byte-order"
            " mark?)",
            display,
        )
    text_sample = sample.decode(encoding, errors="replace")
    delimiter = _delimiter(text_sample, path.suffix.lower())
    handle = path.open("r", encoding=encoding, newline="", errors="strict")
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    records = _records(handle, reader, display, encoding)
    for number, cells in records:
        if any(c.strip() for c in cells):
            table = Table(display, None, [c.strip() for c in cells], number, records)
            table.blocks = blocks_for(path, delimiter, len(cells), encoding, number)
            if warning:
                table.warnings.append(f"{display}: {warning}")
            return table
    handle.close()
    raise InputError("no header row: every line is empty", display)


def _records(
    handle: IO[str], reader: _csv.Reader, display: str, encoding: str
) -> Generator[tuple[int, list[str]], None, None]:
    try:
        with handle:
            # Cells as read: stripping a million rows' cells costs more than reading them; the
            # scan trims only the values it uses.
            yield from enumerate(reader, start=1)
    except csv.Error as exc:
        why = str(exc)
        if why == "unexpected end of data":
            why = (
                'the file ends inside a quoted cell: a quote (") opened in a cell is never'
                " closed, so every line after it would be read as one cell"
            )
        raise InputError(f"line {reader.line_num}: not valid CSV: {why}", display) from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"after line {reader.line_num}: not valid text in {encoding}: {exc.reason}", display
        ) from exc
