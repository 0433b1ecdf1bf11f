"""Workbooks, read with python-calamine: every visible sheet that has a header row.

Excel's .xlsx, .xlsm, .xlsb and .xls and OpenDocument's .ods alike (books.py: the checks each
format passes first)."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Generator
from itertools import islice, zip_longest
from pathlib import Path
from typing import Any

from python_calamine import (
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from duediligence.errors import InputError
from duediligence.inventory.arrow_ahead import REFUSED, SheetAhead, start_ahead
from duediligence.inventory.arrow_sheet import (
    ArrowSheet,
    FastReader,
    fast_reader,
    load_arrow_sheet,
    load_typed_sheet,
)
from duediligence.inventory.blocks import sheet_blocks, table_blocks
from duediligence.inventory.books import calamine_reason, is_calamine_fault, is_xlsx, open_book
from duediligence.inventory.cells import cells_text
from duediligence.inventory.extent import Cells, check_extents
from duediligence.inventory.interface import Table
from duediligence.inventory.merged import Span, filled, has_group_title, merged_header, spans_of
from duediligence.inventory.ods import Merges, Range
from duediligence.inventory.sheet_rows import Sheet, SheetRows

HEADER_SEARCH_ROWS = 30
MAX_CELLS = 1_048_576 * 64
"""Cells the sheets of one workbook may span together: Excel's last row at 64 columns. The
reader holds a sheet as its bounding box, 32 bytes a cell filled or not, and every sheet read
stays loaded until the scan ends, so the sum is what memory must hold. The archive check
bounds the XML, not this: sheets that name one part (50 of them made a 20,000-row part a
million rows) or cells far apart span more than their XML. One part's box is found from its
XML before calamine builds it (extent.py: calamine aborts the process when it cannot, and
A1 with XFD1048576 is 17 billion cells); the sum is counted as sheets are built."""

Rows = Generator[tuple[int, list[str]], None, None]


def read_xlsx(
    path: Path,
    display: str,
    is_header: Callable[[list[str]], bool],
    sheet: str | None = None,
    holds: Holds | None = None,
    seen: set[str] | None = None,
    idle: Callable[[], object] | None = None,
) -> tuple[list[Table], list[str]]:
    """One Table per sheet with a header row among its first HEADER_SEARCH_ROWS rows, and
    warnings naming the sheets passed over.

    `is_header` says whether a row looks like a header (it names a known column), so a title
    block above the table is passed over. Hidden sheets usually hold lookup lists or retired
    data the owner chose not to show, so they are named but not read; `sheet` reads that one
    sheet alone, hidden or not. A sheet no header row names is read all the same when
    `holds` finds equipment in it (see `Holds`). `seen`, given, receives the name of every
    sheet the workbook lists. `idle`, given, is called once, while a child process loads a
    sheet and this one would only wait for it (`SheetLoader`). Raises InputError when no
    sheet can be read, or when the archive or its sheets are larger than any register
    (archive.py, MAX_CELLS).
    """
    book, merges = open_book(path, display, MAX_CELLS)
    # Closing the book only closes the file: a loaded sheet keeps its cells.
    with book:
        loader = SheetLoader(book, path, display, merges, idle)
        if seen is not None:
            seen.update(m.name for m in book.sheets_metadata)
        if sheet is not None:
            return [_chosen(loader, sheet, is_header, holds)], []
        return _every_visible(loader, is_header, holds)


class SheetLoader:
    """Loads a workbook's sheets, counting the cells they span against MAX_CELLS.

    A large workbook whose cells all hold text is loaded by fastexcel into Arrow columns
    (arrow_sheet.py), the same text in a third less time, and so is one of text, numbers,
    dates and truth values whose columns each hold one kind (typed_sheet.py); any other by
    python-calamine. `idle` is called once, after the check has passed and before this
    process waits for a child process's load (arrow_ahead.py): work the caller would do
    later anyway, done while the child works.
    """

    def __init__(
        self,
        book: CalamineWorkbook,
        path: Path,
        display: str,
        merges: Merges | None = None,
        idle: Callable[[], object] | None = None,
    ) -> None:
        self.book = book
        self._idle = idle
        self.merges = merges or {}
        self.path = path
        self.display = display
        self.cells = 0
        self._fast: FastReader | None = None
        self._chosen = False

    def load(self, name: str) -> Sheet:
        # A large workbook of text starts loading in a child process while it is checked.
        fresh = not self._chosen and is_xlsx(self.path)
        ahead = start_ahead(self.path, name, MAX_CELLS) if fresh else None
        try:
            sheet = self._load(name, ahead)
        finally:
            if ahead is not None:
                ahead.close()
        self.cells += sheet.height * sheet.width
        if self.cells > MAX_CELLS:
            raise InputError(
                f"sheet {name!r}: the sheets read span {self.cells:,} cells, more than the"
                f" {MAX_CELLS:,} of a million rows of 64 columns (sheets that share one part,"
                " or cells far apart?)",
                self.display,
            )
        return sheet

    def _load(self, name: str, ahead: SheetAhead | None) -> Sheet:
        found = (  # once per unchanged file; the other formats are checked when opened
            check_extents(self.path, self.display, MAX_CELLS)
            if is_xlsx(self.path)
            else Cells(False, False, 0)
        )
        try:
            if not self._chosen:
                self._fast = fast_reader(
                    self.path, found.text_only, found.typed_only, found.largest
                )
                self._chosen = True
            if self._fast is None:
                return self.book.get_sheet_by_name(name)
            if self._fast.typed:  # python-calamine's where it cannot be shown to read alike
                taken = self._taken(ahead) if ahead is not None and ahead.typed else None
                if taken is None:
                    taken = load_typed_sheet(self._fast.reader, name) or REFUSED
                if isinstance(taken, ArrowSheet):
                    return taken
                return self.book.get_sheet_by_name(name)
            text = self._taken(ahead) if ahead is not None and not ahead.typed else None
            if isinstance(text, ArrowSheet):
                return text
            return load_arrow_sheet(self._fast.reader, name)
        except BaseException as exc:
            if not is_calamine_fault(exc):
                raise
            raise InputError(
                f"sheet {name!r} cannot be read: {calamine_reason(exc)}", self.display
            ) from exc

    def _taken(self, ahead: SheetAhead) -> ArrowSheet | str | None:
        """The child's sheet (`SheetAhead.take`), `idle` run first while the child loads."""
        idle, self._idle = self._idle, None
        if idle is not None:
            idle()
        return ahead.take()


def _every_visible(
    loader: SheetLoader, is_header: Callable[[list[str]], bool], holds: Holds | None
) -> tuple[list[Table], list[str]]:
    book, display = loader.book, loader.display
    tables: list[Table] = []
    warnings: list[str] = []
    looked: list[str] = []
    hidden: list[str] = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # chart and dialog sheets hold no cells
        name = meta.name
        if meta.visible != SheetVisibleEnum.Visible:
            how = "very hidden" if meta.visible == SheetVisibleEnum.VeryHidden else "hidden"
            warnings.append(
                f"{display}: sheet {name!r} is {how}: not read; use --sheet {shlex.quote(name)}"
                " to read it"
            )
            hidden.append(name)
            continue
        looked.append(name)
        loaded = loader.load(name)
        if loaded.start is None:
            continue  # an empty sheet (Excel's spare "Sheet2") holds nothing to lose
        table = _table(loaded, display, is_header, holds, loader.merges.get(name))
        if table is None:
            warnings.append(
                f"{display}: sheet {name!r} has no header row naming a known column in its"
                f" first {HEADER_SEARCH_ROWS} rows"
                + ("" if holds is None else _first_row(loaded, display))
                + ": not read"
            )
        else:
            tables.append(table)
    if not tables:
        hint = (
            "; hidden sheets not read: " + _names(hidden) + " (use --sheet NAME to read one)"
            if hidden
            else ""
        )
        raise InputError(
            "no sheet has a header row naming a known column (Make, Manufacturer, Model, MAC, ...)"
            f" in its first {HEADER_SEARCH_ROWS} rows; sheets looked at: {_names(looked)}{hint}",
            display,
        )
    return tables, warnings


def _chosen(
    loader: SheetLoader, wanted: str, is_header: Callable[[list[str]], bool], holds: Holds | None
) -> Table:
    """The sheet `--sheet` names; Excel treats sheet names without regard to case, so do we."""
    metadata, display = loader.book.sheets_metadata, loader.display
    name = next((m.name for m in metadata if m.name == wanted), None) or next(
        (m.name for m in metadata if m.name.casefold() == wanted.casefold()), None
    )
    if name is None:
        listed = ", ".join(
            repr(m.name) + ("" if m.visible == SheetVisibleEnum.Visible else " (hidden)")
            for m in metadata
        )
        raise InputError(f"no sheet named {wanted!r}; the sheets are: {listed}", display)
    loaded = loader.load(name)
    merged = loader.merges.get(name)
    table = None if loaded.start is None else _table(loaded, display, is_header, holds, merged)
    if table is None:
        raise InputError(
            f"sheet {name!r} has no header row naming a known column (Make, Manufacturer, Model,"
            f" MAC, ...) in its first {HEADER_SEARCH_ROWS} rows",
            display,
        )
    return table


Holds = Callable[[str, list[list[str]]], int | None]
"""Where the header is in a sheet no header row names, if it holds equipment all the same:
given the sheet's name and its first HEADER_SEARCH_ROWS rows, the index of the header row
among them, or None to pass the sheet over."""


def _table(
    sheet: Sheet,
    display: str,
    is_header: Callable[[list[str]], bool],
    holds: Holds | None = None,
    ranges: list[Range] | None = None,
) -> Table | None:
    """The sheet's header and the rows beneath it, or None when no early row is a header.

    `ranges`: the sheet's merged ranges where calamine gives none (.ods, from books.py).
    A group title merged across columns above sub-headers ("Device" over "Make" and "Model")
    can itself look like a header, so when the row after such a row is a header too, the
    sub-headers name the columns and the titles above fill only the columns they leave blank.
    Where no early row names a known column, `holds` may still find the header (`Holds`).
    """
    assert sheet.start is not None
    spans = spans_of(sheet.merged_cell_ranges or ranges, sheet.start[1])
    cells = SheetRows(sheet, display)
    rows = _rows(cells)
    above: list[list[str]] = []  # every row above the candidate header, for merged titles
    for number, row in rows:
        if number > HEADER_SEARCH_ROWS:
            cells.put_back(row)
            break
        if any(row) and is_header(row):
            header = merged_header(row, number, spans, above)
            following = next(rows, None)
            if (
                following is not None
                and has_group_title(number, spans)
                and any(following[1])
                and is_header(following[1])
            ):
                above.append(row)
                number, row = following
                below = merged_header(row, number, spans, above)
                header = [sub or top for sub, top in zip_longest(below, header, fillvalue="")]
            elif following is not None:
                cells.put_back(following[1])
            return _built(sheet, display, cells, rows, _trim(header), number, spans)
        above.append(row)
    rows.close()
    first = None if holds is None else holds(sheet.name, above)
    if first is None:
        return None
    for row in reversed(above[first + 1 :]):
        cells.put_back(row)
    header = _trim(merged_header(above[first], first + 1, spans, above[:first]))
    return _built(sheet, display, cells, _rows(cells), header, first + 1, spans)


def _built(
    sheet: Sheet,
    display: str,
    cells: SheetRows,
    rows: Rows,
    header: list[str],
    number: int,
    spans: list[Span],
) -> Table:
    """The table under the header in row `number`, its body read from `rows`."""
    merged = [s for s in spans if s[0] > number]
    body = _fitted(filled(rows, merged), header)
    table = Table(display, sheet.name, header, number, body)
    if merged:
        return table  # filled row by row, its rows gathered into batches (batches.py)
    if isinstance(sheet, ArrowSheet):
        table.blocks = table_blocks(
            cells.take_table, len(header), number + 1, sheet.height, _text_rows(header)
        )
    else:
        table.blocks = sheet_blocks(
            cells.take, len(header), number + 1, sheet.height, _text_rows(header)
        )
    return table


def _rows(cells: SheetRows) -> Rows:
    for row in cells:
        yield cells.number, cells_text(row)


def _text_rows(header: list[str]) -> Callable[[list[list[Any]], int], Rows]:
    """Rows a block could not take, as the table's rows would have given them."""

    def text_rows(taken: list[list[Any]], first: int) -> Rows:
        return _fitted(((n, cells_text(r)) for n, r in enumerate(taken, first)), header)

    return text_rows


def _fitted(rows: Rows, header: list[str]) -> Rows:
    """Rows without the empty cells past the header: a sheet is as wide as its widest row, so
    one stray cell far right would otherwise make every row look longer than its header."""
    width = len(header)
    try:
        for number, cells in rows:
            if len(cells) > width and not any(cells[width:]):
                del cells[width:]
            yield number, cells
    finally:
        rows.close()


def _first_row(sheet: Sheet, display: str) -> str:
    """', and no column holds makers, ... (its first row: ...)': why a sheet is passed over."""
    if isinstance(sheet, ArrowSheet):
        sheet.position = 0  # the header search moved it; the sheet is read no further
    rows = SheetRows(sheet, display)
    first = next((cells_text(r) for r in islice(rows, HEADER_SEARCH_ROWS) if any(r)), [])
    shown = ", ".join(repr(c if len(c) <= 40 else c[:39] + "…") for c in first[:10] if c)
    more = "" if len(first) <= 10 else ", ..."
    return (
        ", and no column holds makers, model numbers or MACs by content (its first row: "
        + (shown or "(blank)")
        + more
        + ")"
    )


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names) or "(none)"


def _trim(header: list[str]) -> list[str]:
    while header and not header[-1]:
        header = header[:-1]
    return header
