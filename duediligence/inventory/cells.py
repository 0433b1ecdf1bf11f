"""A cell as the text a person sees, as every reader makes it.

Apart from interface.py so that blocks.py, which turns Arrow columns to text, and
interface.py, whose `Table` may carry `Blocks`, do not import each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

Cell = str | int | float | bool | date | datetime | time | timedelta | None


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


def column_text(values: Sequence[Any]) -> list[str]:
    """`cells_text` of a column, each distinct cell made text once: a column of dates (a
    register kept in Excel) repeats a few thousand days over a million rows, and making each
    cell text in turn was half a second of them. Booleans are made text cell by cell, since
    True and 1 are one key to a dict but not one text; so is a column of mostly distinct
    cells, which would pay for the dict and gain nothing."""
    if bool in set(map(type, values)):
        return cells_text(values)
    distinct = set(values)
    if 2 * len(distinct) > len(values):
        return cells_text(values)
    texts = {v: _distinct_text(v) for v in distinct}
    return list(map(texts.__getitem__, values))


@lru_cache(maxsize=1 << 16, typed=True)
def _distinct_text(value: Cell) -> str:
    """A distinct cell's text, kept across a sheet's blocks: each block of a million dated
    rows met the same few thousand days again. Typed, so 1, 1.0 and True are kept apart."""
    return value.strip() if type(value) is str else cell_text(value)
