"""What a scan read, read again for the workbook report: a workbook's title blocks and the
sheets no table was read from, refused when the workbook changed since the scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from duediligence.cli.tables import books_reader
from duediligence.errors import InputError
from duediligence.inventory.stdin import DISPLAY
from duediligence.report.interface import BookCopy
from duediligence.results.findings import InputTable
from tests.factory import write_workbook

TITLE: list[list[Any]] = [
    ["Estate register"],
    ["Printed", None, "2026-01-01"],
    [],
    ["Make", "Model", "Site"],
    ["Axis", "P1", "HQ"],
]


def table(path: Path, sheet: str = "Register", header_row: int = 4) -> InputTable:
    return InputTable(str(path), sheet, header_row, ("Make", "Model", "Site"), {}, 1)


def read(path: Path, *tables: InputTable, chosen: str | None = None) -> BookCopy:
    book = books_reader(chosen)(str(path), tables or [table(path)])
    assert book is not None
    return book


def copies(book: BookCopy) -> list[tuple[str, str, str]]:
    return [(s.name, s.state, s.why) for s in book.sheets]


def test_the_rows_above_a_header_are_read_in_the_tables_columns(tmp_path: Path) -> None:
    shifted = [[None, None, *row] for row in TITLE]  # the whole sheet starts at column C
    path = write_workbook(tmp_path / "r.xlsx", {"Register": shifted})
    book = read(path)
    assert book.above == {
        "Register": [["Estate register", "", ""], ["Printed", "", "2026-01-01"], ["", "", ""]]
    }
    assert book.sheets == ()


def test_a_header_on_row_1_has_nothing_above_it(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "r.xlsx", {"Register": TITLE[3:]})
    assert read(path, table(path, header_row=1)).above == {}


def test_each_sheet_not_read_is_listed_in_order_with_why(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "r.xlsx",
        {
            "Lookups": [["Hikvision", "banned"]],
            "Register": TITLE,
            "Retired": [["Make", "Model"], ["Acme", "A1"]],
            "Notes": [[None, None, "free text"]],
            "Sheet3": [],
        },
        states={"Lookups": "hidden", "Retired": "veryHidden"},
        charts=("Chart1",),
    )
    book = read(path)
    assert copies(book) == [
        ("Lookups", "hidden", "not read: hidden"),
        ("Retired", "veryHidden", "not read: very hidden"),
        ("Notes", "visible", "not read: no header row"),
        ("Sheet3", "visible", "empty"),
        ("Chart1", "visible", "a chart sheet"),
    ]
    assert book.sheets[-1].cells is None  # a chart sheet holds no cells to copy
    load = book.sheets[2].cells
    assert load is not None
    notes = load()
    assert (notes.column, notes.last_row, list(notes.rows)) == (2, 1, [(1, ["free text"])])


def test_with_sheet_every_other_sheet_is_left_unread(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "r.xlsx",
        {"Register": TITLE, "Depot": [["Make", "Model"], ["Acme", "A1"]], "Hidden": [["x"]]},
        states={"Register": "hidden", "Hidden": "hidden"},
    )
    book = read(path, chosen="register")
    why = "not read: --sheet chose 'Register'"
    assert copies(book) == [("Depot", "visible", why), ("Hidden", "hidden", why)]


def test_standard_input_and_files_of_other_types_give_nothing(tmp_path: Path) -> None:
    csv = tmp_path / "inv.csv"
    csv.write_text("Make,Model\nAxis,P1\n", encoding="utf-8")
    reader = books_reader()
    assert reader(str(csv), [InputTable(str(csv), None, 1, ("Make", "Model"), {}, 1)]) is None
    assert reader(DISPLAY, [InputTable(DISPLAY, "Register", 1, ("Make",), {}, 1)]) is None


@pytest.mark.parametrize(
    ("sheets", "states", "where"),
    [
        pytest.param({"Renamed": TITLE}, {}, "sheet 'Register'", id="table-sheet-gone"),
        pytest.param(
            {"Register": TITLE, "Notes": [["x"]]},
            {"Register": "hidden"},
            "sheet 'Register'",
            id="hidden",
        ),
        pytest.param({"Register": TITLE[2:]}, {}, "sheet 'Register'", id="title-block-shorter"),
        pytest.param(
            {"Register": TITLE, "Notes": [["Make", "Model"]]}, {}, "sheet 'Notes'", id="new-header"
        ),
    ],
)
def test_a_workbook_that_changed_since_the_scan_is_refused(
    tmp_path: Path, sheets: dict[str, list[list[Any]]], states: dict[str, str], where: str
) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(path, {"Register": TITLE, "Notes": [["free text"]]})
    scanned = table(path)
    write_workbook(path, sheets, states)
    with pytest.raises(InputError, match="changed since it was scanned") as caught:
        books_reader()(str(path), [scanned])
    assert caught.value.location == f"{path}, {where}"


def test_sheets_that_change_before_they_are_copied_are_refused(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "r.xlsx", {"Register": TITLE, "Old": [["x"]]}, states={"Old": "hidden"}
    )
    book = read(path)
    write_workbook(path, {"Register": TITLE, "Old": [["x"]], "New": [["y"]]}, {"Old": "hidden"})
    load = book.sheets[0].cells
    assert load is not None
    with pytest.raises(InputError, match="changed since it was scanned"):
        load()
