"""The formats a Report can be written in, as a registry proven complete by a test."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from io import StringIO
from typing import Literal, TextIO

from duediligence.results.findings import InputTable
from duediligence.results.report import Report


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    XLSX = "xlsx"
    HTML = "html"

    @property
    def binary(self) -> bool:
        """A workbook is bytes: its renderer writes to the text stream's `.buffer`."""
        return self is Format.XLSX


class ViewFormat(StrEnum):
    """How commands that show one thing (a mapping, an attribution) print it."""

    TABLE = "table"
    JSON = "json"


RowSource = Callable[[InputTable], Generator[tuple[int, Sequence[str]], None, None] | None]
"""Every row beneath a table's header, read again from its input and numbered as the report
numbers rows; None when the input cannot be read again (standard input)."""

SheetState = Literal["visible", "hidden", "veryHidden"]
"""A sheet's visibility, as SpreadsheetML (and openpyxl's `sheet_state`) names it."""


@dataclass(frozen=True, slots=True)
class SheetCells:
    """A sheet's cells as text, read when asked for: a sheet can be as large as a register.

    `rows` gives every row from 1 to `last_row` (none when the sheet is empty), each as (row
    number, cells from column `column` on, 0 being A): a sheet's cells begin at its first
    used column, and a copy must put them back where they were.
    """

    column: int
    last_row: int
    rows: Iterator[tuple[int, Sequence[str]]]


@dataclass(frozen=True, slots=True)
class SheetCopy:
    """A sheet of an input workbook that no table was read from: a workbook report copies it
    as it is, since the report promises every original sheet; nothing in it was judged.

    `why` says why it was not read ("not read: hidden", "not read: no header row", "empty",
    "a chart sheet"), for the reader of the copy; `cells` reads it, or is None when it holds
    no cells to copy (a chart sheet), which the report then names without copying.
    """

    name: str
    state: SheetState
    why: str
    cells: Callable[[], SheetCells] | None


@dataclass(frozen=True, slots=True)
class BookCopy:
    """What an input workbook holds besides the rows of the tables read from it.

    `above` gives, by the sheet a table was read from, the rows above its header (a title
    block: rows 1 to the header's row less one, each cell in the column of the table's cell
    beneath it); `sheets` the sheets no table was read from, in the workbook's order.
    """

    above: Mapping[str, Sequence[Sequence[str]]] = field(default_factory=dict)
    sheets: tuple[SheetCopy, ...] = ()


BookSource = Callable[[str, Sequence[InputTable]], BookCopy | None]
"""An input file read again, given its name (`InputTable.source`) and the tables a scan read
from it: None when it is not a workbook or cannot be read again (standard input). Raises
`duediligence.errors.InputError` for a workbook that changed since it was scanned."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the reader will see the text: a terminal's width and whether it shows colour.

    `rows` gives the rows a report does not hold (it keeps flagged rows only) to the formats
    that copy whole tables (the workbook), and `books` what else of an input workbook they
    copy (title blocks, and the sheets no table was read from). Reporters may not read
    inventories, so whoever may (the CLI) passes them; without `rows` those formats copy the
    flagged rows only, without `books` the tables' rows alone, and say so.
    """

    width: int = 120
    color: bool = False
    rows: RowSource | None = None
    books: BookSource | None = None


Renderer = Callable[[Report, RenderOptions, TextIO], None]
"""Writes a report to a stream: a large report is never held as one string."""


def formats() -> dict[Format, Renderer]:
    """Format -> renderer, each imported only when used: `json` output never loads rich."""
    return {f: _lazy(f.value) for f in Format}


def _lazy(module: str) -> Renderer:
    def write(report: Report, options: RenderOptions, out: TextIO) -> None:
        renderer: Renderer = import_module(f"duediligence.report.{module}").write
        renderer(report, options, out)

    return write


def render(fmt: Format, report: Report, options: RenderOptions | None = None) -> str:
    """The report as one string, for small reports, tests and notebooks."""
    out = StringIO()
    formats()[fmt](report, options or RenderOptions(), out)
    return out.getvalue()
