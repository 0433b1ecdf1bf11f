"""The workbook's sheets of inputs: a sheet per table read, and after the tables of each input
workbook a copy of each sheet no table was read from; their names, their frames (what
openpyxl writes before their rows are streamed), and the Summary's notes on them.

The report promises every original sheet, row and column. A table's sheet holds its title
block (the rows above its header, as text) when `RenderOptions.books` can read it; a sheet
the scan did not read (hidden, without a header row, empty, or left by `--sheet`) is copied
cell for cell as text, hidden when it was, with nothing added: nothing in it was judged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duediligence.report import safe
from duediligence.report.interface import RenderOptions, SheetCells, SheetCopy
from duediligence.report.xlsx_rows import ADDED, GATE, Rows, Source
from duediligence.results.findings import InputTable

HEADER = "duediligence header"
"""The named style of a header row."""
RESERVED = ("Summary", "Remediation", "Findings", "History")
"""Sheet names taken by this workbook, and by Excel itself (History)."""
Body = Callable[[], tuple[Iterator[str], int]]
"""A large sheet's rows as SpreadsheetML, begun when its part is written (a copied sheet is
loaded only then), and at most how many rows they are."""


@dataclass
class TableSheet:
    """A table's sheet: every row when they can be read again, else its flagged rows.

    Rows sit on their own row numbers, below the header on its own and the title block above
    it (`above`: None when it cannot be read, and the rows stay empty). A sheet of flagged
    rows only, or of a table with no header row (JSON records, numbered from 1), lists its
    rows one after another instead, each with its number in a first column, Row.
    """

    index: int
    table: InputTable
    rows: Source | None
    above: Sequence[Sequence[str]] | None
    title: str = ""

    @property
    def numbered(self) -> bool:
        return self.rows is None or self.table.header_row < 1

    @property
    def header_row(self) -> int:
        return 1 if self.numbered else self.table.header_row

    def header(self, gate: bool) -> list[str]:
        first = ["Row"] if self.numbered else []
        return [*first, *self.table.columns, *ADDED, *([GATE] if gate else [])]


@dataclass
class CopiedSheet:
    """A sheet of input workbook `source` that no table was read from, copied as it is; a
    sheet of no cells (a chart sheet) is only named in the notes, and gets no title."""

    source: str
    copy: SheetCopy
    title: str = ""


InputSheet = TableSheet | CopiedSheet


def input_sheets(inputs: Sequence[InputTable], options: RenderOptions) -> list[InputSheet]:
    """The sheets of the inputs in workbook order, named: each file's tables, then the sheets
    of it no table was read from, in its own order. Reads each input workbook's title blocks
    and sheet list now; the rows are read when they are written."""
    out: list[InputSheet] = []
    for source, group in groupby(enumerate(inputs), key=lambda it: it[1].source):
        tables = list(group)
        book = None if options.books is None else options.books(source, [t for _, t in tables])
        for index, table in tables:
            rows = None if options.rows is None else options.rows(table)
            above = None if book is None or table.sheet is None else book.above.get(table.sheet)
            out.append(TableSheet(index, table, rows, above))
        out.extend(CopiedSheet(source, copy) for copy in (book.sheets if book else ()))
    written = [s for s in out if isinstance(s, TableSheet) or s.copy.cells is not None]
    for sheet, title in zip(written, titles([_base(s) for s in written]), strict=True):
        sheet.title = title
    return out


def _base(sheet: InputSheet) -> str:
    if isinstance(sheet, CopiedSheet):
        return sheet.copy.name
    t = sheet.table
    return t.sheet or t.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def titles(bases: Sequence[str]) -> list[str]:
    """A sheet name for each base name, in order; Excel's rules kept (31 characters, none of
    []:*?/\\, unique without regard to case, none of RESERVED)."""
    used = {r.casefold() for r in RESERVED}
    out = []
    for base in bases:
        base = "".join("_" if c in "[]:*?/\\" else c for c in base).strip("'") or "Sheet"
        title, n = base[:31], 1
        while title.casefold() in used:
            n += 1
            title = f"{base[: 31 - len(f' ({n})')]} ({n})"
        used.add(title.casefold())
        out.append(title)
    return out


def frame(book: Workbook, sheet: InputSheet, rows: Rows) -> tuple[WriteOnlyWorksheet, Body]:
    """An input's sheet as openpyxl writes it (a table's layout, title block and header; a
    copy's visibility), and its rows to stream."""
    if isinstance(sheet, CopiedSheet):
        load = sheet.copy.cells
        assert load is not None
        made: WriteOnlyWorksheet = book.create_sheet(sheet.title)
        hideable: Any = made  # openpyxl's stubs do not list sheet_state on write-only sheets
        hideable.sheet_state = sheet.copy.state
        return made, lambda: _copied(rows, load)
    header = sheet.header(rows.gated)
    above = () if sheet.numbered else sheet.above or ()
    at, widths = sheet.header_row, [16] * len(header)
    made = large_sheet(book, sheet.title, header, at, widths, rows.limit, above)
    body = rows.table(sheet.index, sheet.rows, sheet.numbered)
    return made, lambda: (body, sheet.table.assets)


def _copied(rows: Rows, load: Callable[[], SheetCells]) -> tuple[Iterator[str], int]:
    cells = load()
    return rows.copied(cells.rows, cells.column), cells.last_row


def large_sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    at: int,
    widths: Sequence[int],
    last: int,
    above: Sequence[Sequence[str]] = (),
) -> WriteOnlyWorksheet:
    """A large sheet as openpyxl writes it: layout (its filter down to row `last`), the rows
    above its header (a title block, a few rows: as text, on their own numbers) and its
    header; its rows come later."""
    sheet: WriteOnlyWorksheet = book.create_sheet(title)
    lay_out(sheet, widths, f"A{at + 1}", f"A{at}:{get_column_letter(len(header))}{last}")
    for n in range(at - 1):
        cells = above[n] if n < len(above) else ()
        sheet.append([safe.cell(sheet, c or None) for c in cells])
    sheet.append([safe.cell(sheet, h, HEADER) for h in header])
    return sheet


def lay_out(
    sheet: WriteOnlyWorksheet,
    widths: Iterable[int],
    freeze: str | None = None,
    filtered: str | None = None,
) -> None:
    """Column widths, the frozen header and the filter, which a write-only sheet writes before
    its first row (openpyxl's stubs do not list them on write-only sheets)."""
    layout: Any = sheet
    for k, width in enumerate(widths, 1):
        layout.column_dimensions[get_column_letter(k)].width = width
    if freeze is not None:
        layout.freeze_panes = freeze
    if filtered is not None:
        layout.auto_filter.ref = filtered


def input_notes(sheets: Sequence[InputSheet], reread: bool) -> Iterator[str]:
    """What the Summary says of the inputs' sheets: tables copied in part, title blocks left
    empty, and each sheet copied as it is (or not copied), and why."""
    for s in sheets:
        if isinstance(s, CopiedSheet):
            yield _copy_note(s)
        elif reread and s.rows is None:
            yield f"{_where(s.table)} cannot be read again: its sheet holds its flagged rows only."
    if any(
        isinstance(s, TableSheet) and not s.numbered and s.table.header_row > 1 and s.above is None
        for s in sheets
    ):
        yield "Rows keep their numbers; rows above a table's header (a title block) are empty."


def _copy_note(sheet: CopiedSheet) -> str:
    copy = sheet.copy
    where = f"{sheet.source}, sheet {copy.name!r} ({copy.why})"
    if copy.cells is None:
        return f"{where}: not copied, not being a worksheet."
    renamed = "" if sheet.title == copy.name else f", as sheet {sheet.title!r}"
    return f"{where}: copied as it is, without verdicts{renamed}."


def _where(t: InputTable) -> str:
    return t.source if t.sheet is None else f"{t.source}, sheet {t.sheet!r}"
