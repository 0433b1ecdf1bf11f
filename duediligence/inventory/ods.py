"""How many cells an OpenDocument spreadsheet makes python-calamine hold, found from its
content.xml before calamine opens it.

ODS compresses runs of cells in two attributes: `table:number-columns-repeated` on a cell
and `table:number-rows-repeated` on a row. calamine (0.33 on) caps a row at 16,384 columns
and a sheet at 1,048,576 rows, and refuses a sheet's box past 100 million cells, but it
expands every repeated cell that holds a value into a vector first, unchecked, and parses
every sheet when the book is opened: measured, a 12 KB file of 20,000 rows, each one cell
repeated 16,384 times, aborts the process (no exception) past 1 GiB of memory. So the file
is read here first, as calamine will read it, and refused when its cells pass the limit.

The XML is parsed by defusedxml's SAX reader with DTDs, entities and external references
refused (a spreadsheet's content.xml has none), so a billion-laughs or an entity naming a
local file ends at its declaration. Elements are matched by their prefixed names
('table:table-row'), as calamine matches them: a file that spells them otherwise is no table
to calamine either.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

from duediligence.errors import InputError

CONTENT = "content.xml"
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
"""calamine's own caps on an ODS sheet (src/ods.rs): rows past them are dropped, not read."""
_VALUE_ATTRIBUTES = frozenset(
    {
        "office:value",
        "office:string-value",
        "office:boolean-value",
        "office:date-value",
        "office:time-value",
        "table:formula",
    }
)
"""Attributes that give a cell a value or a formula; a cell with none and no content is
empty, and calamine holds an empty run only when a cell with a value follows it."""


Range = tuple[tuple[int, int], tuple[int, int]]
"""A merged range as calamine gives one for .xlsx: ((top, left), (bottom, right)), 0-based."""
Merges = dict[str, list[Range]]


class _TooMany(Exception):
    """Raised from inside the parse to stop it at the first cell past the limit."""


@dataclass(slots=True)
class _Table:
    """One sheet's counts: the cells calamine pushes, and the box its values span."""

    name: str
    merged: list[Range] = field(default_factory=list)
    pushed: int = 0
    rows: int = 0
    top: int = -1
    bottom: int = -1
    left: int = MAX_COLUMNS
    right: int = -1

    @property
    def box(self) -> int:
        return 0 if self.top < 0 else (self.bottom - self.top + 1) * (self.right - self.left + 1)


class _Counter(ContentHandler):
    """Counts as calamine's read_table/read_row/get_range do (tafia/calamine src/ods.rs)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.tables: list[_Table] = []
        self.held = 0  # cells pushed by every sheet so far: calamine holds them all at once
        self._repeat_rows = 1
        self._column = 0
        self._pending = 0  # an empty run not yet pushed
        self._at = 0  # the column the next cell begins in, empty cells counted
        self._row_left, self._row_right = MAX_COLUMNS, -1
        self._cell_repeat = 0
        self._cell_value = False
        self._depth = 0  # elements open inside the current cell

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802 (SAX)
        if self._depth:
            self._depth += 1
            self._cell_value = True  # content (a paragraph) makes a cell a value
        elif name == "table:table":
            self.tables.append(_Table(attrs.get("table:name", f"Sheet{len(self.tables) + 1}")))
        elif name == "table:table-row" and self.tables:
            self._repeat_rows = _count(attrs.get("table:number-rows-repeated"))
            self._column = self._pending = self._at = 0
            self._row_left, self._row_right = MAX_COLUMNS, -1
        elif name in ("table:table-cell", "table:covered-table-cell") and self.tables:
            self._cell_repeat = _count(attrs.get("table:number-columns-repeated"))
            self._cell_value = any(a in _VALUE_ATTRIBUTES for a in attrs.getNames())
            self._depth = 1
            self._merge(attrs)

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX)
        if self._depth > 1:
            self._depth -= 1
        elif self._depth == 1:
            self._depth = 0
            self._end_cell()
        elif name == "table:table-row" and self.tables:
            self._end_row()

    def _merge(self, attrs: AttributesImpl) -> None:
        """A cell spanning others merges them: calamine gives no ranges for .ods, so they
        are gathered here for the reader to fill as it fills an .xlsx's."""
        rows = _count(attrs.get("table:number-rows-spanned"))
        columns = _count(attrs.get("table:number-columns-spanned"))
        table = self.tables[-1]
        if (rows > 1 or columns > 1) and table.rows < MAX_ROWS and self._at < MAX_COLUMNS:
            top, left = table.rows, self._at
            table.merged.append(((top, left), (top + rows - 1, left + columns - 1)))

    def _end_cell(self) -> None:
        self._at = min(self._at + self._cell_repeat, MAX_COLUMNS)
        room = MAX_COLUMNS - self._column
        if not self._cell_value:
            self._pending = min(self._pending + self._cell_repeat, room)
            return
        run = min(self._pending, room)
        repeat = min(self._cell_repeat, room - run)
        self._column += run
        self._row_left = min(self._row_left, self._column)
        self._column += repeat
        self._row_right = max(self._row_right, self._column - 1)
        self._pending = 0
        self._push(run + repeat)

    def _end_row(self) -> None:
        table = self.tables[-1]
        repeat = min(self._repeat_rows, MAX_ROWS - table.rows)
        if self._row_right >= 0 and repeat > 0:
            if table.top < 0:
                table.top = table.rows
            table.bottom = table.rows + repeat - 1
            table.left, table.right = (
                min(table.left, self._row_left),
                max(table.right, self._row_right),
            )
            if table.box > self.limit:
                raise _TooMany
        table.rows += repeat

    def _push(self, cells: int) -> None:
        self.tables[-1].pushed += cells
        self.held += cells
        if self.held > self.limit:
            raise _TooMany


def _count(value: str | None) -> int:
    """A repeat count; calamine refuses a sheet whose count is not a number, so 1 here."""
    try:
        return max(int(value), 0) if value is not None else 1
    except ValueError:
        return 1


def check_ods(path: Path, display: str, limit: int) -> Merges:
    """Raise InputError when the cells calamine would hold for the workbook pass `limit`, or
    when its content.xml declares a DTD or an entity, or is not XML; else each sheet's
    merged ranges, by sheet name.

    Called after the archive check (archive.py), which bounds what content.xml unpacks to.
    """
    # Here, not at the top: defusedxml's SAX reader imports urllib.request, http.client and
    # email (~20 ms), which a scan of any other workbook (books.py imports this module for
    # `Merges`) would pay for nothing.
    from defusedxml import DefusedXmlException
    from defusedxml.sax import parse

    counter = _Counter(limit)
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                stream: IO[bytes] = archive.open(CONTENT)
            except KeyError:
                raise InputError(
                    f"not a readable workbook: no {CONTENT} in the archive, as every .ods has",
                    display,
                ) from None
            with stream:
                parse(stream, counter, forbid_dtd=True)
    except _TooMany:
        raise InputError(_refusal(counter, limit), display) from None
    except DefusedXmlException as exc:
        raise InputError(
            f"{CONTENT}: refused: its XML declares a DTD or an entity ({type(exc).__name__}),"
            " which no spreadsheet program writes and which could expand without bound or"
            " read other files",
            display,
        ) from exc
    except SAXParseException as exc:
        raise InputError(
            f"{CONTENT} cannot be read: its XML is damaged, line {exc.getLineNumber()}:"
            f" {exc.getMessage()}",
            display,
        ) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"{CONTENT} cannot be read: the file is damaged ({exc})", display) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    return {table.name: table.merged for table in counter.tables if table.merged}


def _refusal(counter: _Counter, limit: int) -> str:
    table = counter.tables[-1]
    if counter.held > limit:
        what = "its repeated cells expand to more cells"
    else:
        what = (
            f"its cells span {table.bottom - table.top + 1:,} rows by"
            f" {table.right - table.left + 1:,} columns ({table.box:,} cells), more"
        )
    return (
        f"sheet {table.name!r}: {what} than the {limit:,} of a million rows of 64 columns that"
        " may be read (table:number-columns-repeated or number-rows-repeated on cells that"
        " hold a value?)"
    )
