"""What every reader yields: a header and the rows beneath it, streamed, with exact row numbers."""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from duediligence.inventory.blocks import Blocks

Cell = str | int | float | bool | date | datetime | time | timedelta | None


@dataclass
class Table:
    """One header row and the rows under it.

    `rows` yields (row number as a person sees it, cells as text); it is a generator, so a
    million-row CSV is never held in memory, and closing it closes the file. `warnings`
    fills as rows are read. `blocks`, when set, reads the same rows in Arrow record batches
    (a large UTF-8 CSV); `rows` then takes over wherever Arrow stops.
    """

    path: str
    sheet: str | None
    header: list[str]
    header_row: int
    rows: Generator[tuple[int, list[str]], None, None]
    warnings: list[str] = field(default_factory=list)
    blocks: Blocks | None = None
    lines: list[tuple[int, int]] = field(default_factory=list)
    """(row, the text line it starts on) wherever that stops being the row number: a cell
    holding a line break pushes every later row down, so only the rows where the shift
    changes are listed (none in most files). Fills as rows are read; CSV only."""


def cell_text(value: Cell) -> str:
    """A cell as the text a person sees: 12.0 -> '12', a date -> '2020-05-01'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def cells_text(values: Iterable[Any]) -> list[str]:
    """Cells as text, as every reader makes them. Text, most of a register, skips the call
    to cell_text: a tenth of a second per 100k rows."""
    return [v.strip() if type(v) is str else cell_text(v) for v in values]
