"""The check an .xlsb passes before calamine opens it: the box of each part's cells, and
its merged ranges by sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.xlsb import check_xlsb
from duediligence.inventory.xlsx import MAX_CELLS
from tests.inventory.books.writers import write_parts, write_xlsb, xlsb_parts, xlsb_sheet
from tests.inventory.test_books import SHEETS


def test_an_xlsb_with_cells_far_apart_is_refused(tmp_path: Path) -> None:
    part = xlsb_sheet([(0, 0, "Make"), (1_048_575, 4_000_000_000, "x")])
    path = write_parts(tmp_path / "far.xlsb", xlsb_parts([("Register", part, False)]))
    with pytest.raises(InputError) as caught:
        check_xlsb(path, "far.xlsb", MAX_CELLS)
    assert "xl/worksheets/sheet1.bin: its cells span 1,048,576 rows by 4,000,000,001" in str(
        caught.value
    )


def test_an_xlsb_register_passes_and_gives_its_merged_ranges(tmp_path: Path) -> None:
    merges = check_xlsb(write_xlsb(tmp_path / "book.xlsb", *SHEETS), "book.xlsb", MAX_CELLS)
    assert merges == {"Register": [((3, 3), (4, 3))]}
