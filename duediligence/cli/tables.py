"""What a scan read, read again, for the formats that copy whole inventories.

A report keeps only its flagged rows; the workbook report copies every row with its verdict
(`rows_reader`), and everything else of an input workbook: the title block above a table's
header, and the sheets no table was read from (`books_reader`). Reporters may not read
inventories, so the CLI builds these readers and passes them in `RenderOptions`.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from duediligence.errors import InputError
from duediligence.inventory.formats import WORKBOOK_SUFFIXES
from duediligence.inventory.read import SheetMaps, open_inventories, parse_column_map
from duediligence.inventory.stdin import DISPLAY
from duediligence.report.interface import BookCopy, BookSource, RowSource, SheetCells, SheetCopy
from duediligence.results.assets import Field
from duediligence.results.findings import InputTable

if TYPE_CHECKING:
    # The workbook reader (python-calamine, and the .ods, .xls and .xlsb checks) is imported
    # by a report that copies a workbook, not by every run of the CLI: start-up.
    from duediligence.inventory.sheets import RawBook, SheetInfo

Rows = Generator[tuple[int, list[str]], None, None]
CHANGED = "changed since it was scanned: scan it again"


def rows_reader(
    column_map: Mapping[str, str] | None = None, encoding: str | None = None
) -> RowSource:
    """A reader of the tables a scan with this `--map` and `--encoding` read.

    Standard input was read once and is gone: its tables give None. A file is opened only
    when its rows are first asked for, so a report of many files holds one open at a time.
    """
    overrides, sheet_maps = parse_column_map(column_map or {})

    def rows(table: InputTable) -> Rows | None:
        if table.source == DISPLAY:
            return None
        return _reread(table, overrides, sheet_maps, encoding)

    return rows


def _reread(
    table: InputTable,
    overrides: dict[Field, str],
    sheet_maps: SheetMaps,
    encoding: str | None,
) -> Rows:
    """The table's rows as the scan read them; refuses a file that changed since, whose rows
    would no longer be the ones the report judged. Not strict: the scan mapped the columns
    with the pack's knowledge, and only the rows are wanted here."""
    inventories = open_inventories(
        Path(table.source),
        overrides,
        table.sheet,
        table.source,
        sheet_maps=sheet_maps,
        strict=False,
        encoding=encoding,
    )
    first = inventories[0]
    for other in inventories[1:]:
        other.table.rows.close()
    rows = first.table.rows
    header = tuple(first.columns.header)
    try:
        if first.table.header_row != table.header_row or header != table.columns[: len(header)]:
            raise InputError(CHANGED, _where(table.source, table.sheet))
        yield from rows
    finally:
        rows.close()


def books_reader(chosen: str | None = None) -> BookSource:
    """A reader of what the workbooks a scan read hold besides their tables' rows; `chosen`
    is the scan's `--sheet`, which leaves every other sheet unread.

    A workbook is opened once when asked for, to read its title blocks and to list (and, for
    the visible ones, check) the sheets no table was read from; each of those is loaded again
    only when its copy is written, so a report holds one at a time. Standard input, read once
    and gone, and files that are not workbooks give None.
    """

    def book(source: str, tables: Sequence[InputTable]) -> BookCopy | None:
        path = Path(source)
        if source == DISPLAY or path.suffix.lower() not in WORKBOOK_SUFFIXES:
            return None
        return _book(path, source, tables, chosen is not None)

    return book


def _book(path: Path, source: str, tables: Sequence[InputTable], chosen: bool) -> BookCopy:
    """Checks the sheets against the scan's tables and reads what the report copies first
    (title blocks, why each other sheet was not read); the copies' cells wait for `_Copier`."""
    read = {t.sheet: t for t in tables if t.sheet is not None}
    picked = next(iter(read)) if chosen and read else None  # the sheet `--sheet` named
    from duediligence.inventory.sheets import RawBook

    with RawBook(path, source) as raw:
        for name in read:
            _check_read(raw.sheets, name, picked is not None, source)
        above = {name: _above(raw, t) for name, t in read.items() if t.header_row > 1}
        others = [s for s in raw.sheets if s.name not in read]
        whys = [_why(raw, s, path, picked) for s in others]
    copier = _Copier(path, source, raw.sheets, [s.name for s in others if s.kind is None])
    return BookCopy(
        above,
        tuple(
            SheetCopy(s.name, s.state, why, None if s.kind else partial(copier.load, s.name))
            for s, why in zip(others, whys, strict=True)
        ),
    )


def _check_read(listed: Sequence[SheetInfo], name: str, chosen: bool, source: str) -> None:
    """A sheet a table was read from is still a worksheet, and (unless `--sheet` chose it)
    still visible: else the sheets are not the ones the scan saw."""
    info = next((s for s in listed if s.name == name), None)
    if info is None or info.kind is not None or (not chosen and info.state != "visible"):
        raise InputError(CHANGED, _where(source, name))


def _above(raw: RawBook, table: InputTable) -> list[list[str]]:
    """The rows above the table's header. Its cells and theirs begin at the sheet's first
    used column, so each cell stays above the table's cell that was beneath it."""
    assert table.sheet is not None
    sheet = raw.load(table.sheet)
    count = table.header_row - 1
    if sheet.last_row <= count:  # no header row where the scan found it
        sheet.rows.close()
        raise InputError(CHANGED, _where(table.source, table.sheet))
    try:
        return [cells for _, cells in islice(sheet.rows, count)]
    finally:
        sheet.rows.close()


def _why(raw: RawBook, info: SheetInfo, path: Path, chosen: str | None) -> str:
    """Why the scan did not read this sheet. A visible worksheet it passed over must still
    be empty or without a header row: one that now has one is a sheet the scan would have
    read, so the workbook changed since."""
    if info.kind is not None:
        return info.kind
    if chosen is not None:
        return f"not read: --sheet chose {chosen!r}"
    if info.state != "visible":
        return "not read: " + ("hidden" if info.state == "hidden" else "very hidden")
    if raw.load(info.name).last_row == 0:
        return "empty"
    if _has_header(path, raw.display, info.name):
        raise InputError(CHANGED, _where(raw.display, info.name))
    return "not read: no header row"


def _has_header(path: Path, display: str, name: str) -> bool:
    """Whether the scan's own reader finds a header row in sheet `name`."""
    try:
        found = open_inventories(path, None, name, display)
    except InputError:  # no header row (or unreadable: its copy will say so)
        return False
    for inventory in found:
        inventory.table.rows.close()
    return True


class _Copier:
    """Loads one workbook's sheets to copy, each when its copy is written, from one opening
    of the book: the cells copied count together against the reader's limit, as a scan's
    do, and the book is closed after the last, so a report holds one workbook open."""

    def __init__(
        self, path: Path, display: str, listed: Sequence[SheetInfo], names: Sequence[str]
    ) -> None:
        self.path = path
        self.display = display
        self.listed = list(listed)
        self.left = list(names)
        self.book: RawBook | None = None

    def load(self, name: str) -> SheetCells:
        book = self.book or self._open()
        sheet = book.load(name)
        if name in self.left:
            self.left.remove(name)
        if not self.left:
            book.close()
            self.book = None
        return SheetCells(sheet.column, sheet.last_row, sheet.rows)

    def _open(self) -> RawBook:
        from duediligence.inventory.sheets import RawBook

        book = RawBook(self.path, self.display)
        if book.sheets != self.listed:  # a sheet added, removed, renamed, hidden or shown
            book.close()
            raise InputError(CHANGED, self.display)
        self.book = book
        return book


def _where(source: str, sheet: str | None) -> str:
    return source if sheet is None else f"{source}, sheet {sheet!r}"
