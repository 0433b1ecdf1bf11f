"""Every workbook format calamine reads is read as .xlsx is: the title block passed over,
hidden sheets named and not read, --sheet, rows numbered as the program shows them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.books import check_book
from duediligence.inventory.columns import IDENTIFYING, recognised
from duediligence.inventory.formats import WORKBOOK_SUFFIXES
from duediligence.inventory.interface import Table
from duediligence.inventory.xlsx import MAX_CELLS, read_xlsx
from tests.inventory.books import make_books
from tests.inventory.books.writers import Sheet, Value, write_ods, write_xlsb

BOOKS = Path(__file__).parent / "books"
REGISTER: list[list[Value]] = [
    ["Estate register"],
    [],
    ["Make", "Model", "MAC", "Site", "Installed", "Quantity"],
    ["Hikvision", "DS-2CD2143G2-I", "44:19:B6:00:00:01", "HQ", "2021-03-04", 2.0],
    ["Axis", "P1375-E", "00:40:8C:00:00:02", None, "2022-01-31", 1.0],
    ["Dahua", "DH-IPC-HFW2431S", "", "Depot", None, 12.5],
]
"""The cells make_books.py writes, as the hand-written formats write them (dates as text:
the writers hold no number formats)."""
SHEETS = (
    Sheet("Register", REGISTER, merged=[(3, 3, 4, 3)]),
    Sheet("Old Lists", [["Make", "Model"], ["Huawei", "S5735-L24T4X-A1"]], hidden=True),
    Sheet("Notes", [["Owner: estates team"]]),
)
HEADER = ["Make", "Model", "MAC", "Site", "Installed", "Quantity"]
BODY = [
    (4, ["Hikvision", "DS-2CD2143G2-I", "44:19:B6:00:00:01", "HQ", "2021-03-04", "2"]),
    (5, ["Axis", "P1375-E", "00:40:8C:00:00:02", "HQ", "2022-01-31", "1"]),
    (6, ["Dahua", "DH-IPC-HFW2431S", "", "Depot", "", "12.5"]),
]
Build = Callable[[Path], Path]


def xlsx(folder: Path) -> Path:
    make_books.build(folder / "register.xlsx")
    return folder / "register.xlsx"


def xls(folder: Path) -> Path:
    return Path(shutil.copyfile(BOOKS / "register.xls", folder / "register.xls"))


def ods(folder: Path) -> Path:
    return write_ods(folder / "register.ods", *SHEETS)


def xlsb(folder: Path) -> Path:
    return write_xlsb(folder / "register.xlsb", *SHEETS)


FORMATS = [
    pytest.param(xlsx, True, id="xlsx"),
    pytest.param(xls, True, id="xls"),
    pytest.param(ods, True, id="ods"),
    pytest.param(xlsb, True, id="xlsb"),
]
"""Each format, and whether its merged cells are filled: all are, calamine giving the ranges
of an .xlsx and an .xls, and the checks finding those of an .ods and an .xlsb (ods.py,
xlsb.py), for which calamine gives none."""


def is_header(cells: list[str]) -> bool:
    return any(f in IDENTIFYING for f in recognised(cells))


def read(path: Path, sheet: str | None = None) -> tuple[list[Table], list[str]]:
    return read_xlsx(path, path.name, is_header, sheet)


def test_every_calamine_format_is_read() -> None:
    assert set(WORKBOOK_SUFFIXES) == {".xlsx", ".xlsm", ".xlsb", ".ods", ".xls"}


@pytest.mark.parametrize(("build", "merges"), FORMATS)
def test_the_register_is_read_below_its_title_block(
    tmp_path: Path, build: Build, merges: bool
) -> None:
    path = build(tmp_path)
    (table,), warnings = read(path)
    assert (table.sheet, table.header_row, table.header) == ("Register", 3, HEADER)
    rows = list(table.rows)
    expected = [
        (n, cells if merges or n != 5 else [*cells[:3], "", *cells[4:]]) for n, cells in BODY
    ]
    assert rows == expected
    assert warnings == [
        f"{path.name}: sheet 'Old Lists' is hidden: not read; use --sheet 'Old Lists' to read it",
        f"{path.name}: sheet 'Notes' has no header row naming a known column in its first 30"
        " rows: not read",
    ]


@pytest.mark.parametrize(("build", "merges"), FORMATS)
def test_sheet_reads_a_hidden_sheet(tmp_path: Path, build: Build, merges: bool) -> None:
    (table,), warnings = read(build(tmp_path), "old lists")
    assert (table.sheet, table.header, list(table.rows)) == (
        "Old Lists",
        ["Make", "Model"],
        [(2, ["Huawei", "S5735-L24T4X-A1"])],
    )
    assert warnings == []


@pytest.mark.parametrize(("build", "merges"), FORMATS)
def test_a_sheet_that_is_not_there_is_named_with_the_sheets_that_are(
    tmp_path: Path, build: Build, merges: bool
) -> None:
    with pytest.raises(InputError, match=r"no sheet named 'Gone'; the sheets are: 'Register'"):
        read(build(tmp_path), "Gone")


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        pytest.param(
            "zip.xls",
            b"PK\x03\x04" + bytes(60),
            "not an OLE compound file, as every Excel 97-2003 (.xls) file is (it is a zip"
            " archive: an .xlsx renamed?)",
            id="xlsx-named-xls",
        ),
        pytest.param(
            "text.ods",
            b"Make,Model\n",
            "not a zip archive, as every .xlsx, .xlsb and .ods file is",
            id="text-named-ods",
        ),
        pytest.param(
            "cut.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "its OLE compound file is damaged",
            id="ole-header-alone",
        ),
    ],
)
def test_a_file_not_of_its_format_is_refused(
    tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match="not a readable workbook") as caught:
        check_book(path, name, MAX_CELLS)
    assert needle in str(caught.value)
