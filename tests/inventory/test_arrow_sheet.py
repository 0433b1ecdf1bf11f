"""A large workbook of text is read by fastexcel into Arrow; it must read exactly as
python-calamine's reader reads it: the same header, the same rows with the same numbers,
the same text in every cell, by rows and by blocks."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from python_calamine import CalamineSheet, CalamineWorkbook

from duediligence.inventory import arrow_sheet, blocks
from duediligence.inventory.arrow_sheet import ArrowSheet
from duediligence.inventory.interface import Table
from duediligence.inventory.xlsx import SheetLoader, read_xlsx
from tests.inventory.test_xlsx import is_header

# Text a cell of an XML file can hold (no control characters but tab and line breaks),
# weighted towards the edges str.strip and Arrow's trim see differently.
EDGES = [" ", "\t", "\n", "\u00a0", "\u3000", "\u2009", "\u0085", "\u200b", "\ufeff"]
CELL = st.one_of(
    st.none(),
    st.text(
        st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\x7f"),
        max_size=12,
    ),
    st.tuples(st.sampled_from(EDGES), st.sampled_from(["Axis", "海康", "DS-2CD"])).map("".join),
    st.sampled_from(["", " ", "TRUE", "1", "2020-05-01", "-0", "0.0000001"]),
)


def write(path: Path, top: int, left: int, title: bool, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    if title:
        sheet.cell(row=top, column=left + 1, value="Estate register")
    header_row = top + (2 if title else 0)
    for c, name in enumerate(["Manufacturer", "Model", "Site"]):
        sheet.cell(row=header_row, column=left + c, value=name)
    for r, row in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=r, column=left + c, value=value)
    book.save(path)
    return path


def read(path: Path, reader: str, in_blocks: bool) -> tuple[str, int, list[str], list[Any]]:
    """The table as the scan sees it: by rows, or by blocks and then the rows they hand back."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrow_sheet, "MIN_BYTES", 0 if reader == "fastexcel" else 1 << 60)
        patch.setattr(blocks, "MIN_ROWS", 0 if in_blocks else 1 << 60)
        patch.setattr(blocks, "ROWS_PER_BLOCK", 7)
        (table,), _ = read_xlsx(path, path.name, is_header)
        return table.sheet or "", table.header_row, table.header, list(_body(table))


def _body(table: Table) -> Iterator[Any]:
    if table.blocks is None:
        yield from table.rows
        return
    consumed = 0
    try:
        for batch in table.blocks.batches():
            for row in batch.to_pylist():
                yield list(row.values())
            consumed += batch.num_rows
    except blocks.Refused:
        yield "handed back"
    yield from table.blocks.remaining(table.rows, consumed)


@settings(max_examples=60, deadline=None)
@given(
    top=st.integers(1, 4),
    left=st.integers(1, 3),
    title=st.booleans(),
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=40),
    stray=st.one_of(st.none(), st.integers(0, 39)),
)
def test_fastexcel_reads_a_sheet_of_text_as_python_calamine_does(
    top: int, left: int, title: bool, rows: list[list[Any]], stray: int | None
) -> None:
    if stray is not None and stray < len(rows):
        rows[stray] = [*rows[stray], None, "stray"]  # a cell past the header: a ragged row
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "register.xlsx", top, left, title, rows)
        for in_blocks in (False, True):
            expected = read(path, "python-calamine", in_blocks)
            assert read(path, "fastexcel", in_blocks) == expected


def loaded(path: Path) -> object:
    with CalamineWorkbook.from_path(str(path)) as book:
        return SheetLoader(book, path, path.name).load("Register")


@pytest.mark.parametrize(
    ("value", "reader"),
    [
        ("DS-2CD2143G2-I", ArrowSheet),
        # fastexcel's text writes 12.5 to nine places and a truth value as 'true': its typed
        # columns are made text here instead (typed_sheet.py)
        (12.5, ArrowSheet),
        (True, ArrowSheet),
        (None, ArrowSheet),
        ("#N/A", CalamineSheet),  # an error cell (openpyxl writes this text as one)
    ],
)
def test_a_workbook_of_text_or_typed_cells_goes_to_fastexcel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: object, reader: type
) -> None:
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 0)
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", value, "Lobby"]])
    assert isinstance(loaded(path), reader)


def test_a_small_workbook_stays_with_python_calamine(tmp_path: Path) -> None:
    """fastexcel's import costs more than it saves below ~20,000 rows."""
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    assert isinstance(loaded(path), CalamineSheet)


def test_the_sheet_keeps_its_place_on_the_grid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows from Excel's row 1, cells from the first used column, as python-calamine."""
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 0)
    path = write(tmp_path / "register.xlsx", 4, 3, True, [["Axis", "P1375-E", "Lobby"]])
    sheet = loaded(path)
    assert isinstance(sheet, ArrowSheet)
    with CalamineWorkbook.from_path(str(path)) as book:
        reference = book.get_sheet_by_name("Register")
        assert (sheet.start, sheet.height, sheet.width) == (
            reference.start,
            reference.height,
            reference.width,
        )
        assert list(sheet.iter_rows()) == [list(r) for r in reference.iter_rows()]


READ_BY_FASTEXCEL = """
import sys
from pathlib import Path
from duediligence.inventory import arrow_sheet, blocks
from duediligence.inventory.xlsx import read_xlsx
from tests.inventory.test_xlsx import is_header
arrow_sheet.MIN_BYTES = 0
blocks.MIN_ROWS = 0
blocks.ROWS_PER_BLOCK = 2
(table,), _ = read_xlsx(Path(sys.argv[1]), "register.xlsx", is_header)
assert isinstance(table.blocks, blocks.TableBlocks), table.blocks
rows = [batch.to_pylist() for batch in table.blocks.batches()]
print(len(rows), "pyarrow.compute" in sys.modules)
"""


def test_a_sheet_read_by_fastexcel_leaves_pyarrow_compute_unimported(tmp_path: Path) -> None:
    """pyarrow.compute's import wraps every kernel (~0.07 s): the sheet's first used row and
    its blocks' trim call the kernels through `pc` (results/kernels.py) instead."""
    rows = [[" Axis ", "P1375-E", None], ["Hikvision", None, "Yard\u3000"], [None, "", "Gate"]]
    path = write(tmp_path / "register.xlsx", 3, 2, True, rows)
    done = subprocess.run(
        [sys.executable, "-c", READ_BY_FASTEXCEL, str(path)],
        capture_output=True,
        check=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.stdout.split() == ["2", "False"]
