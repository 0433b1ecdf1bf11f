"""A sheet's rows as a cursor the table's rows and its blocks share: the rows take one at a
time, the blocks take many, and either numbers the next row on from where the other stopped."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from python_calamine import CalamineSheet

from duediligence.errors import InputError
from duediligence.inventory.arrow_sheet import ArrowSheet

if TYPE_CHECKING:
    import pyarrow as pa

Sheet = CalamineSheet | ArrowSheet


class SheetRows:
    """A sheet's rows as calamine gives them, taken one at a time by the table's rows or a
    block at a time by `SheetBlocks`: whichever takes a row, the next is numbered on from it.

    iter_rows pads the rows above the first used one with empty rows, so counting from 1
    gives Excel's row numbers; it does not pad columns, so cells[0] is column sheet.start[1].
    """

    def __init__(self, sheet: Sheet, display: str) -> None:
        self.number = 0
        self._sheet = sheet
        self._rows: Iterator[list[Any]] = iter(sheet.iter_rows())
        self._back: list[list[Any]] = []
        self._name = sheet.name
        self._display = display

    def __iter__(self) -> Iterator[list[Any]]:
        return self

    def __next__(self) -> list[Any]:
        if self._back:
            row = self._back.pop()
        else:
            try:
                row = next(self._rows)
            except StopIteration:
                raise
            except Exception as exc:
                raise self._unreadable(self.number + 1, exc) from exc
        self.number += 1
        return row

    def put_back(self, row: list[Any]) -> None:
        self._back.append(row)
        self.number -= 1

    def take(self, count: int) -> list[list[Any]]:
        taken, self._back = self._back[::-1], []
        try:
            taken.extend(islice(self._rows, count - len(taken)))
        except Exception as exc:
            raise self._unreadable(self.number + len(taken) + 1, exc) from exc
        self.number += len(taken)
        return taken

    def take_table(self, count: int) -> pa.Table:
        """The next rows of a sheet in Arrow, as columns. Rows put back were the last the
        cursor gave (the header search looks one row ahead), so it steps back over them."""
        assert isinstance(self._sheet, ArrowSheet)
        self._sheet.position = self.number
        self._back.clear()
        taken = self._sheet.take_table(count)
        self.number += taken.num_rows
        return taken

    def _unreadable(self, number: int, exc: Exception) -> InputError:
        return InputError(
            f"sheet {self._name!r}, row {number}: cannot be read: {exc}", self._display
        )
