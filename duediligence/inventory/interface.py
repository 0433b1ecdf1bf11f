"""What every reader yields: a header and the rows beneath it, streamed, with exact row numbers.

The scan reads every table as Arrow batches (batches.py): the reader's own blocks where it
has them, else its rows gathered into batches.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duediligence.inventory.blocks import Blocks


@dataclass
class Table:
    """One header row and the rows under it.

    `rows` yields (row number as a person sees it, cells as text); it is a generator, so a
    million-row CSV is never held in memory, and closing it closes the file. `warnings`
    fills as rows are read. `blocks`, when set, reads the same rows in Arrow record batches
    (a large CSV, a large sheet); `rows` then takes over wherever Arrow stops.
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
    ragged: int = 0
    """Rows not as wide as the header (blank lines aside), counted as the rows are batched."""
    first_ragged: str = ""
    """The first of them, for the warning: 'row 7 has 3 cells'."""
