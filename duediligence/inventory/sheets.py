"""A workbook's sheets as raw text rows, for copying: the workbook report promises every
original sheet, row and column, including what a scan does not read (a title block above
the header, hidden sheets, sheets without a header row).

Nothing here looks for a header or maps a column; a sheet is its cells as text, each row on
its own number. The book is opened only after the archive check, and every sheet is loaded
through the scan's own `SheetLoader`, so a hostile workbook costs a copy no more memory than
it may cost a scan.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from python_calamine import SheetTypeEnum, SheetVisibleEnum

from duediligence.inventory.books import open_book
from duediligence.inventory.cells import cells_text
from duediligence.inventory.sheet_rows import Sheet, SheetRows
from duediligence.inventory.xlsx import MAX_CELLS, SheetLoader

Rows = Generator[tuple[int, list[str]], None, None]
State = Literal["visible", "hidden", "veryHidden"]
"""A sheet's visibility, as SpreadsheetML names it."""

_KINDS = (
    (SheetTypeEnum.ChartSheet, "a chart sheet"),
    (SheetTypeEnum.DialogSheet, "a dialog sheet"),
    (SheetTypeEnum.MacroSheet, "an Excel 4.0 macro sheet"),
    (SheetTypeEnum.Vba, "a VBA module"),
)
"""What each kind of sheet other than a worksheet is called: a copy holds worksheets only,
the cells a scan could have read (calamine's enums are not hashable: pairs, not a dict)."""


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """A sheet as the workbook lists it: its name, whether it is a worksheet (`kind` None:
    the only kind a copy can hold; else what it is, "a chart sheet"), and its visibility as
    SpreadsheetML names it (visible, hidden, veryHidden)."""

    name: str
    kind: str | None
    state: State


@dataclass
class RawSheet:
    """A loaded sheet's cells: `rows` from row 1 to `last_row`, each (row number, cells from
    column `column` on, 0 being A), as text; an empty sheet has no rows and `last_row` 0."""

    name: str
    column: int
    last_row: int
    rows: Rows


class RawBook:
    """An input workbook opened again, its sheets loaded one at a time.

    The sheets loaded through one RawBook count together against the loader's limit, as a
    scan's do. Closing it closes the file; a sheet already loaded keeps its cells.
    """

    def __init__(self, path: Path, display: str) -> None:
        self._book, merges = open_book(path, display, MAX_CELLS)
        self._loader = SheetLoader(self._book, path, display, merges)
        self.display = display
        self.sheets = [
            SheetInfo(m.name, _kind(m.typ), _state(m.visible)) for m in self._book.sheets_metadata
        ]

    def load(self, name: str) -> RawSheet:
        """Sheet `name`, loaded now; its rows are turned into text as they are read."""
        sheet = self._loader.load(name)
        if sheet.start is None:
            return RawSheet(name, 0, 0, _rows(sheet, self.display))
        top, left = sheet.start
        return RawSheet(name, left, top + sheet.height, _rows(sheet, self.display))

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> RawBook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _kind(typ: SheetTypeEnum) -> str | None:
    if typ == SheetTypeEnum.WorkSheet:
        return None
    return next((name for kind, name in _KINDS if kind == typ), "a sheet of another kind")


def _state(visible: SheetVisibleEnum) -> State:
    if visible == SheetVisibleEnum.Hidden:
        return "hidden"
    return "veryHidden" if visible == SheetVisibleEnum.VeryHidden else "visible"


def _rows(sheet: Sheet, display: str) -> Rows:
    """Every row from 1 on, numbered as Excel numbers them (`SheetRows`); cells begin at
    the first used column."""
    rows = SheetRows(sheet, display)
    for row in rows:
        yield rows.number, cells_text(row)
