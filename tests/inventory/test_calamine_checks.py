"""The checks an .ods, .xlsb or .xls passes before calamine opens it (ods.py, xlsb.py,
xls.py): a real register passes; cells that would make calamine hold more than the limit,
however few bytes declare them, are refused with what they span."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.ods import check_ods
from duediligence.inventory.xls import check_xls
from duediligence.inventory.xlsb import check_xlsb
from duediligence.inventory.xlsx import MAX_CELLS
from tests.inventory.books.writers import (
    ods_cell,
    ods_content,
    ods_parts,
    ods_row,
    write_ods,
    write_parts,
    write_xlsb,
    xlsb_parts,
    xlsb_sheet,
)
from tests.inventory.test_books import BOOKS, SHEETS

HEADER = ods_row(ods_cell("Make") + ods_cell("Model"))


def ods_of(folder: Path, rows: str) -> Path:
    table = f'<table:table table:name="Register">{HEADER}{rows}</table:table>'
    return write_parts(folder / "book.ods", ods_parts(ods_content(table)))


ODS_CASES = [
    pytest.param(
        ods_row(ods_cell("x", 16_384)) * 5_000,
        "sheet 'Register': its repeated cells expand to more cells than the 67,108,864",
        id="rows-of-a-cell-repeated-across-every-column",
    ),
    pytest.param(
        ods_row(ods_cell("x", 1_000_000_000), 1_000_000_000),
        "its cells span 1,048,576 rows by 16,384 columns",
        id="a-row-and-a-cell-each-repeated-a-billion-times",
    ),
    pytest.param(
        ods_row(ods_cell(None), 1_000_000) + ods_row(ods_cell(None, 16_000) + ods_cell("x")),
        "its cells span 1,000,002 rows by 16,001 columns",
        id="empty-runs-then-one-cell-far-away",
    ),
]


@pytest.mark.parametrize(("rows", "needle"), ODS_CASES)
def test_an_ods_whose_repeats_expand_past_the_limit_is_refused(
    tmp_path: Path, rows: str, needle: str
) -> None:
    path = ods_of(tmp_path, rows)
    assert path.stat().st_size < 50_000
    with pytest.raises(InputError) as caught:
        check_ods(path, "book.ods", MAX_CELLS)
    assert needle in str(caught.value)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(ods_row(ods_cell(None, 1_024), 1_048_000), id="trailing-empty-rows"),
        pytest.param(ods_row(ods_cell("Axis") + ods_cell(None, 16_382)), id="trailing-empty-run"),
        pytest.param(ods_row(ods_cell("Axis") + ods_cell("P1")) * 2, id="plain-rows"),
    ],
)
def test_an_ods_as_spreadsheet_programs_write_it_passes(tmp_path: Path, rows: str) -> None:
    """LibreOffice ends each row with an empty run to the last column and the sheet with
    an empty row repeated to the last row: empty, so calamine holds none of them."""
    assert check_ods(ods_of(tmp_path, rows), "book.ods", MAX_CELLS) == {}


def test_an_ods_gives_its_merged_ranges(tmp_path: Path) -> None:
    merges = check_ods(write_ods(tmp_path / "book.ods", *SHEETS), "book.ods", MAX_CELLS)
    assert merges == {"Register": [((3, 3), (4, 3))]}


@pytest.mark.parametrize(
    ("prolog", "needle"),
    [
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>',
            "refused: its XML declares a DTD or an entity (DTDForbidden)",
            id="dtd",
        ),
        pytest.param("<?xml version='1.0'?><broken", "its XML is damaged, line 1", id="broken"),
    ],
)
def test_an_ods_whose_xml_is_hostile_or_broken_is_refused(
    tmp_path: Path, prolog: str, needle: str
) -> None:
    path = write_parts(tmp_path / "book.ods", ods_parts(ods_content("", prolog=prolog)))
    with pytest.raises(InputError) as caught:
        check_ods(path, "book.ods", MAX_CELLS)
    assert needle in str(caught.value)


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


Patch = Callable[[bytes], bytes]


def title_far_away(data: bytes) -> bytes:
    """The register's title, a LabelSst cell (type 0x00FD, 10 bytes: row 0, column 0,
    style 15, string 0), moved to row and column 65,535, far from the rest of the sheet."""
    at = data.index(b"\xfd\x00\x0a\x00\x00\x00\x00\x00\x0f\x00\x00\x00")
    return data[: at + 4] + b"\xff\xff\xff\xff" + data[at + 8 :]


def huge_dimensions(data: bytes) -> bytes:
    """The first sheet's DIMENSIONS (type 0x0200, 14 bytes) declaring 268 million rows."""
    at = [m.start() for m in re.finditer(rb"\x00\x02\x0e\x00", data)][1]
    return data[: at + 8] + (0x1000_0000).to_bytes(4, "little") + data[at + 12 :]


@pytest.mark.parametrize(
    ("patch", "needle"),
    [
        pytest.param(title_far_away, "its sheets span 4,294,8", id="a-cell-far-away"),
        pytest.param(huge_dimensions, "its sheets span 536,870,9", id="declared-dimensions"),
    ],
)
def test_an_xls_that_would_make_calamine_hold_too_much_is_refused(
    tmp_path: Path, patch: Patch, needle: str
) -> None:
    path = tmp_path / "book.xls"
    path.write_bytes(patch((BOOKS / "register.xls").read_bytes()))
    with pytest.raises(InputError) as caught:
        check_xls(path, "book.xls", MAX_CELLS)
    assert needle in str(caught.value)


def test_an_xls_register_passes(tmp_path: Path) -> None:
    path = Path(shutil.copyfile(BOOKS / "register.xls", tmp_path / "book.xls"))
    check_xls(path, "book.xls", MAX_CELLS)
