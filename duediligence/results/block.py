"""Flagged rows read by Arrow, kept in Arrow as one `Block` each block of a table.

Apart from flagged.py so that block_fingerprints.py, which fingerprints a block in Arrow,
and flagged.py, which asks it to, do not import each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import pyarrow as pa


FlaggedRow = tuple[int, int, tuple[str, ...], int]
"""(input table index, row number, cells as read, judgment index)."""


@dataclass(frozen=True, slots=True)
class Block:
    """Flagged rows of a block read by Arrow, kept in Arrow: their row numbers, cells (one
    string column per input column) and judgment indices. Writers that understand Arrow build
    their output from the columns; everything else sees the rows through `FlaggedRows.raw`."""

    table: int
    numbers: pa.Array[Any]
    cells: pa.RecordBatch
    verdicts: pa.Array[Any]

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self) -> Iterator[FlaggedRow]:
        columns = [c.to_pylist() for c in self.cells.columns]
        return zip(
            repeat(self.table, len(self)),
            cast(list[int], self.numbers.to_pylist()),
            cast(Iterator[tuple[str, ...]], zip(*columns, strict=True)),
            cast(list[int], self.verdicts.to_pylist()),
            strict=True,
        )
