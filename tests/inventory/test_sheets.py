"""A workbook's sheets as raw text rows, for the workbook report to copy what a scan did not
read: every sheet listed with its kind and visibility, every row on its own number, every
cell in its own column, loaded only as the scan loads sheets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from duediligence.errors import InputError
from duediligence.inventory import xlsx
from duediligence.inventory.sheets import RawBook, SheetInfo
from tests.factory import write_workbook

pytestmark = pytest.mark.usefixtures("either_reader")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_workbook(
        tmp_path / "book.xlsx",
        {
            "Register": [["Make", "Model"], ["Axis", "P1"]],
            "Lookups": [[None], [None, None, "x", 3], [], [None, None, None, True]],
            "Retired": [['=HYPERLINK("http://example.com")']],
            "Empty": [],
        },
        states={"Lookups": "hidden", "Retired": "veryHidden"},
        charts=("Chart1",),
    )


def test_every_sheet_is_listed_in_order_with_its_kind_and_visibility(book: Path) -> None:
    with RawBook(book, "book.xlsx") as raw:
        assert raw.sheets == [
            SheetInfo("Register", None, "visible"),
            SheetInfo("Lookups", None, "hidden"),
            SheetInfo("Retired", None, "veryHidden"),
            SheetInfo("Empty", None, "visible"),
            SheetInfo("Chart1", "a chart sheet", "visible"),
        ]


def test_rows_keep_their_numbers_and_cells_their_first_column(book: Path) -> None:
    with RawBook(book, "book.xlsx") as raw:
        sheet = raw.load("Lookups")
    # Closing the book closes the file: the loaded sheet keeps its cells.
    assert (sheet.column, sheet.last_row) == (2, 4)  # its first used cell is C2
    assert list(sheet.rows) == [
        (1, ["", ""]),
        (2, ["x", "3"]),
        (3, ["", ""]),
        (4, ["", "TRUE"]),
    ]


def test_text_is_as_stored_formula_looking_or_not(book: Path) -> None:
    with RawBook(book, "book.xlsx") as raw:
        sheet = raw.load("Retired")
        assert list(sheet.rows) == [(1, ['=HYPERLINK("http://example.com")'])]


def test_an_empty_sheet_has_no_rows(book: Path) -> None:
    with RawBook(book, "book.xlsx") as raw:
        sheet = raw.load("Empty")
        assert (sheet.column, sheet.last_row, list(sheet.rows)) == (0, 0, [])


def test_cells_read_as_the_scan_reads_them(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "b.xlsx",
        {"S": [["  padded  ", 12.0, 1.5, date(2020, 5, 1), datetime(2020, 5, 1, 9, 30), False]]},
    )
    with RawBook(path, "b.xlsx") as raw:
        [(number, cells)] = list(raw.load("S").rows)
    assert (number, cells) == (
        1,
        ["padded", "12", "1.5", "2020-05-01", "2020-05-01T09:30:00", "FALSE"],
    )


def test_sheets_are_loaded_through_one_of_the_scans_loaders(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan's loader guards memory against hostile workbooks, counting the cells of the
    sheets it loads together: a book's copies go through one, as a scan's sheets do."""
    loads: list[tuple[int, str]] = []
    load = xlsx.SheetLoader.load

    def counted(self: xlsx.SheetLoader, name: str) -> Any:
        loads.append((id(self), name))
        return load(self, name)

    monkeypatch.setattr(xlsx.SheetLoader, "load", counted)
    with RawBook(book, "book.xlsx") as raw:
        raw.load("Register")
        raw.load("Lookups")
    assert [name for _, name in loads] == ["Register", "Lookups"]
    assert len({loader for loader, _ in loads}) == 1


def test_a_file_that_is_not_a_workbook_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("Make,Model\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a zip archive") as caught:
        RawBook(path, "fake.xlsx")
    assert caught.value.location == "fake.xlsx"


def test_a_missing_sheet_is_named(book: Path) -> None:
    with RawBook(book, "book.xlsx") as raw, pytest.raises(InputError, match="'Gone'"):
        raw.load("Gone")


class _Breaking:
    """A loaded sheet whose third row cannot be read (a damaged part)."""

    name, start, height = "Lookups", (0, 0), 3

    def iter_rows(self) -> Iterator[list[Any]]:
        yield ["a"]
        yield ["b"]
        raise ValueError("bad cell")


def test_a_row_that_cannot_be_read_is_named_with_its_sheet(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx.SheetLoader, "load", lambda self, name: _Breaking())
    with RawBook(book, "book.xlsx") as raw:
        rows = raw.load("Lookups").rows
        assert next(rows) == (1, ["a"])
        with pytest.raises(InputError, match="sheet 'Lookups', row 3: cannot be read: bad cell"):
            list(rows)
