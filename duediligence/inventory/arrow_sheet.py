"""A workbook of text read by fastexcel into Arrow columns, for large sheets.

fastexcel and python-calamine both parse with calamine (0.36 and 0.37), and for a shared or
inline string in a UTF-8 part give the same text; fastexcel takes a quarter less time (a
million rows of 7 columns: 3.1-3.6 s to Arrow columns, against 4.1 s for python-calamine's
load, which reads the sheet's XML twice, and 0.25 s more to hand out its rows as Python
lists, which the blocks then transpose). It writes other cells as text its own way (12.5 to
nine places, a date as '2020-05-01 00:00:00', a truth value as 'true'), not as a person sees
them (`cell_text`), and says nothing of merged cells; so only a workbook whose every cell
with a value is such a string, with no merged cells, takes this path: extent.Cells.text_only,
found by the search every workbook gets. A large workbook of text, numbers, dates and truth
values (extent.Cells.typed_only, a register kept in Excel) is loaded by fastexcel's typed
columns and made text column by column (typed_sheet.py), or by python-calamine where those
cannot be shown to read alike.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from duediligence.inventory.arrow_child import load_table
from duediligence.inventory.typed_sheet import load_typed_table

if TYPE_CHECKING:
    import pyarrow as pa
    from fastexcel import ExcelReader

# fastexcel's calamine logs what it passes over in a damaged part ("'worksheet' not a valid
# worksheet") through Python's logging; unconfigured, that would reach stderr as a stray line
# beside the one error line the reader gives.
logging.getLogger("calamine").addHandler(logging.NullHandler())

MIN_BYTES = 8 << 20
"""The XML of about 20,000 rows of a register (blocks.MIN_ROWS): below this python-calamine
is as quick, and fastexcel's import is not paid."""
_ROWS_AT_ONCE = 4096
"""Rows made Python lists at a time when the rows are read one by one (the header search,
a row the blocks hand back): bounded memory, one call to Arrow per slice."""


class FastReader:
    """fastexcel's reader of one workbook, and whether its cells are all text (`typed`:
    numbers, dates or truth values among them, each column made text by typed_sheet.py)."""

    def __init__(self, reader: ExcelReader, typed: bool) -> None:
        self.reader = reader
        self.typed = typed


def fast_reader(path: Path, text_only: bool, typed_only: bool, largest: int) -> FastReader | None:
    """fastexcel's reader for a large workbook of text (or of typed cells, `typed_only`),
    else None (python-calamine reads it).

    Raises what fastexcel raises for a workbook of text it cannot open; the caller names the
    file. A typed workbook it cannot open goes to python-calamine, which words the fault as
    it always has.
    """
    if not (text_only or typed_only) or largest < MIN_BYTES:
        return None
    try:
        import fastexcel
        import pyarrow  # noqa: F401
    except ImportError:
        return None
    if text_only:
        return FastReader(fastexcel.read_excel(str(path)), typed=False)
    try:
        return FastReader(fastexcel.read_excel(str(path)), typed=True)
    except Exception:
        return None


class ArrowSheet:
    """A sheet as python-calamine's CalamineSheet shows it to the reader: `start`, `height`,
    `width`, no merged cells (the path is not taken when a part merges cells), and rows from
    Excel's row 1 (empty ones down to the first used row), cells from the first used column.

    The rows are one cursor: `iter_rows` hands out the cursor itself, and `take_table` takes
    the next rows as Arrow columns, so rows go to whichever asks next, once.
    """

    def __init__(self, name: str, table: pa.Table, left: int) -> None:
        self.name = name
        self.table = table
        self.width = table.num_columns
        top = _first_used_row(table)
        self.start: tuple[int, int] | None = None if top is None else (top, left)
        self.height = 0 if top is None else table.num_rows - top
        self.position = 0
        self._rows: list[list[Any]] = []
        self._rows_at = 0

    @property
    def merged_cell_ranges(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        return []

    def iter_rows(self) -> ArrowSheet:
        return self

    def __iter__(self) -> Iterator[list[Any]]:
        return self

    def __next__(self) -> list[Any]:
        at = self.position
        if at >= self.table.num_rows:
            raise StopIteration
        if not self._rows_at <= at < self._rows_at + len(self._rows):
            self._rows = python_rows(self.table.slice(at, _ROWS_AT_ONCE))
            self._rows_at = at
        self.position = at + 1
        return self._rows[at - self._rows_at]

    def take_table(self, count: int) -> pa.Table:
        taken = self.table.slice(self.position, count)
        self.position += taken.num_rows
        return taken


def load_arrow_sheet(reader: ExcelReader, name: str) -> ArrowSheet:
    return ArrowSheet(name, *load_table(reader, name))


def load_typed_sheet(reader: ExcelReader, name: str) -> ArrowSheet | None:
    """A sheet of typed columns made text; None when it is python-calamine's to read."""
    loaded = load_typed_table(reader, name)
    return None if loaded is None else ArrowSheet(name, *loaded)


def python_rows(table: pa.Table) -> list[list[Any]]:
    """Rows as lists of str, '' for an empty cell, as python-calamine gives a sheet of text."""
    columns = [column.to_pylist() for column in table.columns]
    if not columns:
        return [[] for _ in range(table.num_rows)]
    return [["" if cell is None else cell for cell in row] for row in zip(*columns, strict=True)]


def _first_used_row(table: pa.Table) -> int | None:
    """The first row with a value in any column. A register's header row has one in every
    used column, so most columns answer by their first cell; only a column whose first
    cell is empty is searched. The kernels are `pc`'s: pyarrow.compute's import (~0.07 s)
    would be paid for this alone on a workbook of text."""
    from duediligence.results.compute import pc

    first: int | None = None
    for column in table.columns:
        nulls = column.null_count
        if nulls == len(column):
            continue
        if nulls == 0 or column[0].is_valid:
            return 0
        index = pc.indices_nonzero(pc.is_valid(column))[0].as_py()
        first = index if first is None else min(first, index)
    return first
