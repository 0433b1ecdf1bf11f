import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from duediligence.errors import InputError
from duediligence.inventory import blocks, xlsx
from duediligence.inventory.batches import batches
from duediligence.inventory.columns import IDENTIFYING, recognised
from duediligence.inventory.interface import Table
from duediligence.inventory.xlsx import read_xlsx
from tests.hostile.corpus import DOC_RELS, MAIN, member, sheet_xml, workbook_members, write_zip

pytestmark = pytest.mark.usefixtures("either_reader")

Contents = tuple[str | None, int, list[str], list[tuple[int, list[str]]]]


def is_header(cells: list[str]) -> bool:
    """The same test read.py passes in: the row names a column that can identify an item."""
    return any(f in IDENTIFYING for f in recognised(cells))


def workbook(*sheets: str) -> tuple[Workbook, list[Worksheet]]:
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)
    first.title = sheets[0]
    return book, [first, *(book.create_sheet(name) for name in sheets[1:])]


def fill(sheet: Worksheet, *rows: list[Any], top: int = 1, left: int = 1) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=top + r, column=left + c, value=value)


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def read(path: Path, sheet: str | None = None) -> tuple[list[Table], list[str]]:
    return read_xlsx(path, path.name, is_header, sheet)


def contents(table: Table) -> Contents:
    return table.sheet, table.header_row, table.header, list(table.rows)


def only(path: Path, sheet: str | None = None) -> Contents:
    tables, warnings = read(path, sheet)
    assert warnings == []
    [table] = tables
    return contents(table)


def test_every_visible_sheet_with_a_header_is_read(tmp_path: Path) -> None:
    book, (cams, doors) = workbook("Cams", "Doors")
    fill(cams, ["Make", "Model"], ["Acme", "AC-1234B"])
    fill(doors, ["Manufacturer", "Model"], ["ZED", "Z1"], ["Oldbrand", "O-9"])
    tables, warnings = read(save(book, tmp_path / "book.xlsx"))
    assert [contents(t) for t in tables] == [
        ("Cams", 1, ["Make", "Model"], [(2, ["Acme", "AC-1234B"])]),
        ("Doors", 1, ["Manufacturer", "Model"], [(2, ["ZED", "Z1"]), (3, ["Oldbrand", "O-9"])]),
    ]
    assert warnings == []


def test_a_title_block_above_the_header_is_passed_over(tmp_path: Path) -> None:
    book, (sheet,) = workbook("Register")
    fill(
        sheet, ["Estate register"], ["Exported 2024-05-01"], [], ["Make", "Model"], ["Acme", 1234.0]
    )
    assert only(save(book, tmp_path / "book.xlsx")) == (
        "Register",
        4,
        ["Make", "Model"],
        [(5, ["Acme", "1234"])],
    )


def test_rows_keep_excels_numbers_when_the_data_starts_below_and_right_of_a1(
    tmp_path: Path,
) -> None:
    book, (sheet,) = workbook("Cams")
    fill(sheet, ["Make", "Model"], ["Acme", "AC-1"], [], ["ZED", "Z1"], top=3, left=3)
    assert only(save(book, tmp_path / "book.xlsx")) == (
        "Cams",
        3,
        ["Make", "Model"],
        [(4, ["Acme", "AC-1"]), (5, ["", ""]), (6, ["ZED", "Z1"])],
    )


def test_date_cells_read_as_iso_dates(tmp_path: Path) -> None:
    book, (sheet,) = workbook("Cams")
    fill(
        sheet,
        ["Make", "Purchased", "Installed"],
        ["Acme", date(2020, 6, 1), datetime(2021, 2, 3, 14, 30)],
    )
    rows = only(save(book, tmp_path / "book.xlsx"))[3]
    assert rows == [(2, ["Acme", "2020-06-01", "2021-02-03T14:30:00"])]


@pytest.mark.parametrize(
    ("state", "how"),
    [
        pytest.param("hidden", "hidden", id="hidden"),
        pytest.param("veryHidden", "very hidden", id="very-hidden"),
    ],
)
def test_a_hidden_sheet_is_named_but_not_read(
    tmp_path: Path, state: Literal["hidden", "veryHidden"], how: str
) -> None:
    book, (cams, lists) = workbook("Cams", "Old Lists")
    fill(cams, ["Make"], ["Acme"])
    fill(lists, ["Make"], ["ZED"])
    lists.sheet_state = state
    tables, warnings = read(save(book, tmp_path / "book.xlsx"))
    assert [t.sheet for t in tables] == ["Cams"]
    assert warnings == [
        f"book.xlsx: sheet 'Old Lists' is {how}: not read; use --sheet 'Old Lists' to read it"
    ]


@pytest.mark.parametrize("asked", ["Lists", "lists"])
def test_the_sheet_option_reads_only_that_sheet_even_when_hidden(
    tmp_path: Path, asked: str
) -> None:
    book, (cams, lists) = workbook("Cams", "Lists")
    fill(cams, ["Make"], ["Acme"])
    fill(lists, ["Make"], ["ZED"])
    lists.sheet_state = "hidden"
    assert only(save(book, tmp_path / "book.xlsx"), sheet=asked) == (
        "Lists",
        1,
        ["Make"],
        [(2, ["ZED"])],
    )


def test_an_unknown_sheet_is_refused_listing_the_sheets(tmp_path: Path) -> None:
    book, (cams, lists) = workbook("Cams", "Lists")
    lists.sheet_state = "hidden"
    path = save(book, tmp_path / "book.xlsx")
    with pytest.raises(InputError) as caught:
        read(path, sheet="Cameras")
    assert str(caught.value) == (
        "book.xlsx: no sheet named 'Cameras'; the sheets are: 'Cams', 'Lists' (hidden)"
    )


def test_a_named_sheet_without_a_header_is_refused(tmp_path: Path) -> None:
    book, (cams, notes) = workbook("Cams", "Notes")
    fill(cams, ["Make"], ["Acme"])
    fill(notes, ["Exported from the facilities system"])
    path = save(book, tmp_path / "book.xlsx")
    with pytest.raises(InputError, match="sheet 'Notes' has no header row naming a known column"):
        read(path, sheet="Notes")


def test_a_sheet_without_a_header_is_named_and_an_empty_one_is_not(tmp_path: Path) -> None:
    book, (notes, _empty, cams) = workbook("Notes", "Sheet2", "Cams")
    fill(notes, ["This register was exported from the facilities system"])
    fill(cams, ["Make"], ["Acme"])
    tables, warnings = read(save(book, tmp_path / "book.xlsx"))
    assert [t.sheet for t in tables] == ["Cams"]
    assert warnings == [
        "book.xlsx: sheet 'Notes' has no header row naming a known column in its first 30 rows:"
        " not read"
    ]


def test_a_chart_sheet_is_passed_over_silently(tmp_path: Path) -> None:
    book, (cams,) = workbook("Cams")
    fill(cams, ["Make", "Count"], ["Acme", 3])
    chart = BarChart()
    chart.add_data(Reference(cams, min_col=2, min_row=1, max_row=2))
    book.create_chartsheet("Chart").add_chart(chart)
    tables, warnings = read(save(book, tmp_path / "book.xlsx"))
    assert ([t.sheet for t in tables], warnings) == (["Cams"], [])


def test_no_sheet_with_a_header_is_refused_naming_every_sheet(tmp_path: Path) -> None:
    book, (notes, lists) = workbook("Notes", "Lists")
    fill(notes, ["Exported from the facilities system"])
    fill(lists, ["Make"], ["Acme"])
    lists.sheet_state = "hidden"
    with pytest.raises(InputError) as caught:
        read(save(book, tmp_path / "book.xlsx"))
    assert str(caught.value) == (
        "book.xlsx: no sheet has a header row naming a known column (Make, Manufacturer, Model,"
        " MAC, ...) in its first 30 rows; sheets looked at: 'Notes'; hidden sheets not read:"
        " 'Lists' (use --sheet NAME to read one)"
    )


def test_a_header_merged_across_columns_names_each_column(tmp_path: Path) -> None:
    book, (sheet,) = workbook("Cams")
    fill(sheet, ["Make", "Model", None, "Site"], ["Acme", "AC-1234B", "rev 2", "HQ"])
    sheet.merge_cells("B1:C1")
    assert only(save(book, tmp_path / "book.xlsx")) == (
        "Cams",
        1,
        ["Make", "Model", "Model", "Site"],
        [(2, ["Acme", "AC-1234B", "rev 2", "HQ"])],
    )


@pytest.mark.parametrize(
    "group",
    [
        pytest.param("Device", id="group-title-is-itself-a-known-column"),
        pytest.param("Hardware", id="group-title-is-not-a-known-column"),
    ],
)
def test_sub_headers_under_a_merged_group_title_are_the_header(tmp_path: Path, group: str) -> None:
    book, (sheet,) = workbook("Cams")
    fill(sheet, ["Site", group, None], [None, "Make", "Model"], ["HQ", "Acme", "AC-1"])
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("A1:A2")
    assert only(save(book, tmp_path / "book.xlsx")) == (
        "Cams",
        2,
        ["Site", "Make", "Model"],
        [(3, ["HQ", "Acme", "AC-1"])],
    )


def test_a_title_above_a_blank_sub_header_names_its_column(tmp_path: Path) -> None:
    book, (sheet,) = workbook("Cams")
    fill(sheet, ["Site", "Device", None, "Notes"], [None, "Make", "Model"], ["HQ", "Acme", "AC-1"])
    sheet.merge_cells("B1:C1")
    assert only(save(book, tmp_path / "book.xlsx"))[:3] == (
        "Cams",
        2,
        ["Site", "Make", "Model", "Notes"],
    )


def test_a_site_merged_down_rows_applies_to_each_row(tmp_path: Path) -> None:
    book, (sheet,) = workbook("Cams")
    fill(
        sheet,
        ["Site", "Make", "Model"],
        ["North depot", "Acme", "AC-1"],
        [None, "ZED", "Z1"],
        [None, "ZED", "Z2"],
        [None, "Oldbrand", "O-9"],
    )
    sheet.merge_cells("A2:A4")
    assert only(save(book, tmp_path / "book.xlsx"))[3] == [
        (2, ["North depot", "Acme", "AC-1"]),
        (3, ["North depot", "ZED", "Z1"]),
        (4, ["North depot", "ZED", "Z2"]),
        (5, ["", "Oldbrand", "O-9"]),
    ]


def test_merged_cells_are_placed_by_excels_columns_when_data_starts_right_of_a1(
    tmp_path: Path,
) -> None:
    book, (sheet,) = workbook("Cams")
    fill(sheet, ["Make", "Model", None], ["Acme", "AC-1", "x"], ["ZED", "Z1", None], left=3)
    sheet.merge_cells("D1:E1")
    sheet.merge_cells("C2:C3")
    assert only(save(book, tmp_path / "book.xlsx"))[2:] == (
        ["Make", "Model", "Model"],
        [(2, ["Acme", "AC-1", "x"]), (3, ["Acme", "Z1", ""])],
    )


def test_a_corrupt_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(InputError, match="^book.xlsx: not a readable workbook: "):
        read(path)


def test_a_corrupt_sheet_is_refused_by_name(tmp_path: Path) -> None:
    book, (cams,) = workbook("Cams")
    fill(cams, ["Make"], ["Acme"])
    good = save(book, tmp_path / "good.xlsx")
    bad = tmp_path / "book.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(InputError, match="^book.xlsx: sheet 'Cams' cannot be read: "):
        read(bad)


def test_a_formulas_text_reads_as_excel_shows_it(tmp_path: Path) -> None:
    """Excel escapes a carriage return in a formula's cached text as _x000D_."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Make</t></is></c></row>'
        '<row r="2"><c r="A2" t="str"><f>A9</f><v>Axis_x000D_</v></c></row>'
    )
    book = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = write_zip(tmp_path / "formula.xlsx", workbook_members(book))
    assert only(path)[3] == [(2, ["Axis"])]


def aliased(path: Path, sheets: int) -> Path:
    """A workbook whose sheets all name one part: Excel never writes one, and each sheet read
    costs the part's cells again."""
    book = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        + "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId1"/>' for n in range(1, sheets + 1))
        + "</sheets></workbook>"
    )
    rows = (["Make", "Model"], *(["Acme", f"AC-{n}"] for n in range(9)))
    parts = [
        member("xl/workbook.xml", book) if m.name == "xl/workbook.xml" else m
        for m in workbook_members(sheet_xml(*rows))
    ]
    return write_zip(path, parts)


def test_sheets_may_span_only_so_many_cells_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_CELLS", 50)  # each sheet spans 10 rows of 2 columns
    path = aliased(tmp_path / "book.xlsx", sheets=3)
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.message.startswith(
        "sheet 'S3': the sheets read span 60 cells, more than the 50 of a million rows of 64"
    )
    tables, _ = read(path, sheet="S3")
    assert [len(list(t.rows)) for t in tables] == [9]


MIXED: list[list[Any]] = [
    # Text alone in the first and last columns, so Arrow converts them and only the edges
    # decide; the middle column's numbers and dates go through the row reader's conversion.
    ["Hikvision\u3000", "DS-2CD2143G2-I ", "Site 1"],
    ["Dahua\xa0", 12345, "Zone\u200a"],
    ["Axis", datetime(2021, 3, 4), "Lobby"],
    ["\u2003Huawei", True, "Roof"],
    ["Hanwha Vision", 2.5, "Yard"],
    ["海康威视", date(2020, 1, 2), "大厅"],
    [None, None, None],
    ["Bosch\x85", "  NDE-3502-AL", "Gate"],
]


def text_of(
    path: Path, monkeypatch: pytest.MonkeyPatch, in_blocks: bool
) -> tuple[list[list[str]], bool]:
    """Every row below the header as text, as the scan reads them (batches.py): from the
    sheet's blocks where it has them, else its rows; and whether it had blocks."""
    monkeypatch.setattr(blocks, "MIN_ROWS", 0 if in_blocks else 1 << 60)
    monkeypatch.setattr(blocks, "ROWS_PER_BLOCK", 100)
    (table,), _ = read_xlsx(path, path.name, is_header)
    had = table.blocks is not None
    return [list(r.values()) for b in batches(table) for r in b.cells.to_pylist()], had


@pytest.mark.parametrize("merged", [False, True], ids=["sheet-blocks", "merged-cells"])
def test_blocks_make_each_cell_the_text_the_row_reader_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merged: bool
) -> None:
    """Trimmed by Python's idea of space (ideographic, no-break and hair spaces, the next-line
    character), numbers and dates as a person sees them, empty cells empty; a title block
    above the header; merged cells below it send the sheet to its rows, filled one at a time
    and gathered into batches."""
    book, (sheet,) = workbook("Register")
    fill(sheet, ["Estate register"], [], ["Manufacturer", "Model", "Location"])
    fill(sheet, *(MIXED[n % len(MIXED)] for n in range(1200)), top=4)
    if merged:
        sheet.merge_cells("C20:C22")
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    by_row, had = text_of(path, monkeypatch, in_blocks=False)
    assert not had
    assert text_of(path, monkeypatch, in_blocks=True) == (by_row, not merged)
    assert by_row[:3] == [
        ["Hikvision", "DS-2CD2143G2-I", "Site 1"],
        ["Dahua", "12345", "Zone"],
        ["Axis", "2021-03-04", "Lobby"],
    ]
    assert by_row[6:8] == [["", "", ""], ["Bosch", "NDE-3502-AL", "Gate"]]
    assert len(by_row) == 1200


def test_a_block_with_a_cell_past_the_header_goes_back_to_the_row_reader_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book, (sheet,) = workbook("Register")
    fill(sheet, ["Manufacturer", "Model"], *(["Axis", f"M{n}"] for n in range(250)))
    sheet.cell(row=160, column=4, value="stray")
    path = tmp_path / "ragged.xlsx"
    book.save(path)
    monkeypatch.setattr(blocks, "MIN_ROWS", 0)
    monkeypatch.setattr(blocks, "ROWS_PER_BLOCK", 100)
    (table,), _ = read_xlsx(path, path.name, is_header)
    assert table.blocks is not None
    taken = table.blocks.batches()
    assert next(taken).num_rows == 100  # rows 2-101
    with pytest.raises(blocks.Refused):
        next(taken)
    rest = list(table.blocks.remaining(table.rows, 100))
    assert [n for n, _ in rest] == list(range(102, 252))
    assert rest[58] == (160, ["Axis", "M158", "", "stray"])
    assert rest[0] == (102, ["Axis", "M100"])


def header_in_first_nonempty_row(name: str, rows: list[list[str]]) -> int | None:
    """A `Holds` that finds equipment in every sheet whose name starts 'Kit'."""
    first = next((i for i, row in enumerate(rows) if any(row)), None)
    return first if name.startswith("Kit") else None


@pytest.mark.parametrize("in_blocks", [False, True], ids=["row-reader", "blocks"])
@pytest.mark.parametrize("count", [5, 40], ids=["shorter-than-the-search", "longer"])
def test_a_sheet_without_a_known_header_is_read_when_it_holds_equipment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_blocks: bool, count: int
) -> None:
    """Every row under the first non-empty one comes back, numbered as Excel numbers it,
    whether the rows were read one by one or in blocks."""
    monkeypatch.setattr(blocks, "MIN_ROWS", 0 if in_blocks else 1 << 60)
    monkeypatch.setattr(blocks, "ROWS_PER_BLOCK", 7)
    book, (kit, colours) = workbook("Kit list", "Colours")
    fill(
        kit, ["Item", "Where"], *([f"Hytera PD{700 + n}", f"Van {n}"] for n in range(count)), top=3
    )
    fill(colours, ["Colour"], ["Red"])
    tables, warnings = read_xlsx(
        save(book, tmp_path / "book.xlsx"),
        "book.xlsx",
        is_header,
        holds=header_in_first_nonempty_row,
    )
    [table] = tables
    assert (table.sheet, table.header_row, table.header) == ("Kit list", 3, ["Item", "Where"])
    expected = [[f"Hytera PD{700 + n}", f"Van {n}"] for n in range(count)]
    if in_blocks:
        assert table.blocks is not None
        assert [list(r.values()) for b in table.blocks.batches() for r in b.to_pylist()] == expected
        table.rows.close()
    else:
        assert table.blocks is None
        assert list(table.rows) == [(4 + n, cells) for n, cells in enumerate(expected)]
    assert warnings == [
        "book.xlsx: sheet 'Colours' has no header row naming a known column in its first 30"
        " rows, and no column holds makers, model numbers or MACs by content (its first row:"
        " 'Colour'): not read"
    ]
