"""Where a workbook's cells lie is known before python-calamine builds the sheet: a part whose
cells span more than the limit is refused, and cells are placed exactly as calamine places
them, whether or not they carry their own reference."""

from __future__ import annotations

import re
import zipfile
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from duediligence.errors import InputError
from duediligence.inventory import cell_tags, extent
from duediligence.inventory.cell_tags import UNUSUAL
from duediligence.inventory.extent import Extent, _placed, check_extents
from duediligence.inventory.xlsx import MAX_CELLS
from tests.hostile.corpus import MAIN, member, sheet_xml, workbook

PART = "xl/worksheets/sheet1.xml"


def letters(column: int) -> str:
    """Excel's name of a 1-based column."""
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet(body: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'


def extent_of(path: Path) -> Extent:
    with zipfile.ZipFile(path) as archive:
        return _placed(archive, archive.getinfo(PART), path.name)


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        check_extents(path, path.name, MAX_CELLS)
    return str(caught.value)


# -- the one search: which cell tags are as Excel writes them, within the usual range


@pytest.mark.parametrize(
    ("column", "row", "usual"),
    [
        (1, 1, True),
        (26, 1, True),  # Z
        (27, 1, True),  # AA
        (64, 1_048_576, True),  # BL, Excel's last row
        (65, 1, False),  # BM
        (79, 1, False),  # CA
        (703, 1, False),  # AAA
        (16_384, 1, False),  # XFD
        (1, 999_999, True),
        (1, 1_000_000, True),
        (1, 1_048_575, True),
        (1, 1_048_577, False),
        (1, 1_049_000, False),
        (1, 1_100_000, False),
        (1, 2_000_000, False),
        (1, 10_000_000, False),
    ],
)
def test_a_cell_is_usual_only_within_the_first_64_columns_and_excels_rows(
    column: int, row: int, usual: bool
) -> None:
    tag = f'<c r="{letters(column)}{row}" t="n"><v>1</v></c>'
    assert (UNUSUAL.search(tag.encode()) is None) is usual


@given(st.integers(1, 200), st.integers(1, 2_000_000))
def test_the_usual_range_is_exactly_64_columns_by_excels_rows(column: int, row: int) -> None:
    tag = f'<c r="{letters(column)}{row}">'.encode()
    assert (UNUSUAL.search(tag) is None) is (column <= 64 and row <= 1_048_576)


@pytest.mark.parametrize(
    "tag",
    [
        '<c t="n" r="A1">',  # r not first
        "<c r='A1'>",  # another quote
        '<c  r="A1">',  # another space
        "<c>",  # no r: placed by counting
        '<c r="a1">',  # lower case, which calamine reads
        '<c r="$A$1">',
        '<x:c r="A1">',  # a prefix, which calamine reads past
    ],
)
def test_a_cell_written_any_other_way_is_read_tag_by_tag(tag: str) -> None:
    assert UNUSUAL.search(tag.encode()) or re.search(rb":c[\s/>]", tag.encode())


@pytest.mark.parametrize("tag", ["<col>", '<cols min="1">', '<cfRule type="x">', "<c/>x"])
def test_tags_that_only_begin_with_c_are_not_cells(tag: str) -> None:
    assert UNUSUAL.search(tag.encode()) is None or tag == "<c/>x"


# -- refusals


def test_two_cells_far_apart_are_refused_naming_the_part_and_both_corners(tmp_path: Path) -> None:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = workbook(
        tmp_path / "far.xlsx", sheet_xml(["Make"]).replace("</sheetData>", far + "</sheetData>")
    )
    message = refused(path)
    assert f"{PART}: its cells reach from A1 to XFD1048576" in message
    assert "17,179,869,184 cells" in message


@pytest.mark.parametrize(
    "far",
    [
        '<row><c r="XFD1048576" t="n"><v>1</v></c></row>',
        "<row r=\"1048576\"><c t='n' r='XFD1048576'><v>1</v></c></row>",
        '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
        '<row r="1048576">' + "<c><v>1</v></c>" * 70 + "</row>",  # no r: counted along
    ],
    ids=["row-without-r", "attributes-reordered", "prefixed", "cells-without-r"],
)
def test_cells_far_apart_are_found_however_they_are_written(tmp_path: Path, far: str) -> None:
    body = sheet_xml(["Make"]).replace("</sheetData>", far + "</sheetData>")
    body = body.replace("<worksheet ", f'<worksheet xmlns:x="{MAIN}" ')
    assert "cells reach from A1 to" in refused(workbook(tmp_path / "far.xlsx", body))


def test_a_part_that_is_not_a_listed_sheet_is_searched_too(tmp_path: Path) -> None:
    """What calamine loads as a sheet is up to relationships a file may point anywhere."""
    from tests.hostile.corpus import member

    stray = member(
        "xl/elsewhere.xml", sheet('<row><c r="A1"><v>1</v></c><c r="XFD99999"><v>1</v></c></row>')
    )
    path = workbook(tmp_path / "stray.xlsx", sheet_xml(["Make"]), stray)
    assert "xl/elsewhere.xml: its cells reach from A1 to XFD99999" in refused(path)


def test_a_tag_that_never_ends_is_refused(tmp_path: Path) -> None:
    cut = sheet_xml(["Make"]).removesuffix("</sheetData></worksheet>")
    endless = cut + '<row r="2"><c r="A2" x="' + "y" * (2 << 20)
    assert "a tag runs on for over 1 MiB" in refused(workbook(tmp_path / "tag.xlsx", endless))


# -- what passes


def test_a_register_as_excel_writes_it_passes_with_one_search(tmp_path: Path) -> None:
    rows = [[f"r{r}c{c}" for c in range(64)] for r in range(50)]
    check_extents(workbook(tmp_path / "wide.xlsx", sheet_xml(*rows)), "wide.xlsx", MAX_CELLS)


def test_a_wide_sheet_within_the_limit_passes_tag_by_tag(tmp_path: Path) -> None:
    """200 columns by 10 rows: past the usual range, far within the limit."""
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{letters(c)}{r}"><v>1</v></c>' for c in range(1, 201))
        + "</row>"
        for r in range(1, 11)
    )
    path = workbook(tmp_path / "wide.xlsx", sheet(body))
    check_extents(path, "wide.xlsx", MAX_CELLS)
    assert extent_of(path) == Extent(top=0, bottom=9, left=0, right=199)


# -- placed as calamine places them

Cell = tuple[bool, int, int]  # written with its own r?, row, column (1-based)
ROW = st.tuples(
    st.booleans(),  # the row written with r
    st.integers(1, 40),
    st.lists(st.tuples(st.booleans(), st.integers(1, 40), st.integers(1, 40)), max_size=5),
)


def written(rows: list[tuple[bool, int, list[Cell]]]) -> str:
    body = ""
    for with_r, number, cells in rows:
        body += f'<row r="{number}">' if with_r else "<row>"
        for own, row, column in cells:
            ref = f' r="{letters(column)}{row}"' if own else ""
            body += f'<c{ref} t="n"><v>1</v></c>'
        body += "</row>"
    return sheet(body)


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=6))
def test_cells_are_placed_where_calamine_places_them(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[bool, int, list[Cell]]]
) -> None:
    path = workbook(tmp_path_factory.mktemp("placed") / "placed.xlsx", written(rows))
    loaded = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    ours = extent_of(path)
    if loaded.start is None:
        assert ours.cells == 0
        return
    assert (ours.top, ours.left) == loaded.start
    assert (ours.bottom, ours.right) == loaded.end


def test_cells_with_no_value_count_though_calamine_skips_them(tmp_path: Path) -> None:
    """Never judged smaller than calamine holds it: at worst larger."""
    path = workbook(
        tmp_path / "empty.xlsx", sheet('<row><c r="A1"><v>1</v></c><c r="C9"></c></row>')
    )
    assert extent_of(path) == Extent(top=0, bottom=8, left=0, right=2)


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_part_is_read_whole_across_pieces_stored_or_deflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compression: int
) -> None:
    """Pieces of 64 bytes cut tags in two; a far cell at the very end is still found."""
    monkeypatch.setattr(extent, "CHUNK", 64)
    rows = [[f"r{r}c{c}" for c in range(5)] for r in range(40)]
    far = '<row r="900000"><c r="ZZ900000"><v>1</v></c></row>'
    path = tmp_path / "pieces.xlsx"
    with zipfile.ZipFile(workbook(tmp_path / "base.xlsx", sheet_xml(*rows))) as base:
        with zipfile.ZipFile(path, "w", compression) as out:
            for name in base.namelist():
                data = base.read(name)
                if name == PART:
                    data = data.replace(b"</sheetData>", far.encode() + b"</sheetData>")
                out.writestr(name, data)
    assert "cells reach from A1 to ZZ900000" in refused(path)


def test_an_unchanged_file_is_searched_once_and_a_changed_one_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook report opens an input up to four more times after the scan."""
    searched: list[str] = []
    real = extent._search

    def counting(
        archive: zipfile.ZipFile, part: zipfile.ZipInfo, display: str, fast: bool = True
    ) -> Any:
        searched.append(part.filename)
        return real(archive, part, display, fast)

    monkeypatch.setattr(extent, "_search", counting)
    path = workbook(tmp_path / "once.xlsx", sheet_xml(["Make"], ["Axis"]))
    check_extents(path, path.name, MAX_CELLS)
    check_extents(path, path.name, MAX_CELLS)
    assert searched.count(PART) == 1
    workbook(path, sheet_xml(["Make"], ["Bosch"], ["Axis"]))
    check_extents(path, path.name, MAX_CELLS)
    assert searched.count(PART) == 2


# -- text only: whether every cell with a value holds text, so either reader gives one text


def text_only(tmp_path: Path, cells: str, after: str = "") -> bool:
    body = f'<row r="1"><c r="A1" t="inlineStr"><is><t>Make</t></is></c>{cells}</row>'
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData>{after}</worksheet>'
    path = workbook(tmp_path / "cells.xlsx", xml)
    return check_extents(path, path.name, MAX_CELLS).text_only


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="B1" t="s"><v>0</v></c>',  # a shared string, as openpyxl writes it
        '<c r="B1" s="12" t="s"><v>0</v></c>',  # with a style, as Excel writes it
        '<c r="B1" s="3"/>',  # formatted but empty
        '<c r="B1" t="inlineStr" />',  # openpyxl's empty inline string
        '<c r="B1" t="n"/>',  # a number type without a number
    ],
)
def test_text_and_empty_cells_leave_a_workbook_text_only(tmp_path: Path, cell: str) -> None:
    assert text_only(tmp_path, cell)


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="B1"><v>12.5</v></c>',  # a number
        '<c r="B1" s="4"><v>43952</v></c>',  # a date is a number with a date style
        '<c r="B1" t="n"><v>1</v></c>',
        '<c r="B1" t="b"><v>1</v></c>',
        '<c r="B1" t="e"><v>#N/A</v></c>',
        '<c r="B1" t="d"><v>2020-05-01T00:00:00</v></c>',
        '<c r="B1" t="str"><f>A9</f><v>Axis_x000D_</v></c>',  # a formula's text: the
        # readers' calamine versions differ on unescaping it
        '<c r="B1" t="s" s="1"><v>0</v></c>',  # text, but not written as usual writers do
        '<x:c r="B1" t="s"><v>0</v></x:c>',  # a prefixed cell
        '<c t="s"><v>0</v></c>',  # no reference
    ],
)
def test_any_other_cell_makes_it_not_text_only(tmp_path: Path, cell: str) -> None:
    assert not text_only(tmp_path, cell)


@pytest.mark.parametrize(
    "merged",
    [
        '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
        f'<x:mergeCells xmlns:x="{MAIN}"><x:mergeCell ref="A1:B1"/></x:mergeCells>',
    ],
    ids=["merged", "merged-with-a-prefix"],
)
def test_merged_cells_make_it_not_text_only(tmp_path: Path, merged: str) -> None:
    """fastexcel does not say which cells are merged; python-calamine does, by local name."""
    assert text_only(tmp_path, "")
    assert not text_only(tmp_path, "", after=merged)


@pytest.mark.parametrize(
    ("start", "same"),
    [
        (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', True),
        (b"\xef\xbb\xbf<?xml version='1.0' encoding='utf8'?>", True),
        (b'<?xml version="1.0"?>', True),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?>', False),
        (b'<?xml version="1.0" encoding="utf-16"?>', False),  # yet written in UTF-8
    ],
)
def test_a_part_declared_in_another_encoding_is_not_text_only(
    tmp_path: Path, start: bytes, same: bool
) -> None:
    """python-calamine reads every part as UTF-8; fastexcel follows the declaration."""
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>Make</t></is></c></row>'
    path = workbook(tmp_path / "declared.xlsx", member(PART, start + sheet(body).encode()))
    assert check_extents(path, path.name, MAX_CELLS).text_only is same


def test_a_part_in_utf16_is_not_text_only(tmp_path: Path) -> None:
    """Its cells are invisible to a search for '<c' in bytes; fastexcel would read them."""
    xml = sheet('<row r="1"><c r="A1"><v>7</v></c></row>').encode("utf-16")
    path = workbook(tmp_path / "wide.xlsx", member(PART, xml))
    assert not check_extents(path, path.name, MAX_CELLS).text_only


def test_a_number_after_the_first_piece_is_still_found(tmp_path: Path) -> None:
    """The search changes pattern at the first cell not text: cells after it still count."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{"x" * 200}</t></is></c></row>'
        for r in range(2, 40_000)
    )
    body = rows + '<row r="40000"><c r="A40000"><v>7</v></c></row>'
    path = workbook(tmp_path / "late.xlsx", sheet(body))
    assert path.stat().st_size > 0
    found = check_extents(path, path.name, MAX_CELLS)
    assert not found.text_only
    assert found.largest > extent.CHUNK  # the number lies beyond the first piece


_STYLES = ["", ' s="1"', ' s="12345"', ' s="123456"', ' s=""', ' s="1" s="2"', " s='1'"]
_TYPES = ["", ' t="s"', ' t="inlineStr"', ' t="n"', ' t="str"', " t=s", ' t="s" s="1"']
_ENDS = [">", "/>", " />", "  />", " >", "\t>"]


@pytest.mark.parametrize("style", _STYLES)
def test_the_text_search_decides_every_cell_as_a_search_that_may_give_its_style_back(
    style: str,
) -> None:
    """The style is matched possessively (cell_tags.TEXT_CELL): for every tag, the search
    says what the pattern that may give the style back says."""
    given_back = re.compile(
        cell_tags.NOT_TEXT.pattern.replace(rb'(?: s="[0-9]{1,5}")?+', rb'(?: s="[0-9]{1,5}")?')
    )
    assert given_back.pattern != cell_tags.NOT_TEXT.pattern
    for kind, end in product(_TYPES, _ENDS):
        tag = f'<c r="B1"{style}{kind}{end}'.encode()
        assert bool(cell_tags.NOT_TEXT.search(tag)) == bool(given_back.search(tag)), tag


# -- typed only: text, numbers (dates among them) and truth values, below a first row of text


def typed_only(tmp_path: Path, cell: str) -> bool:
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Make</t></is></c></row>'
    body = f'{header}<row r="2"><c r="A2" t="inlineStr"><is><t>Axis</t></is></c>{cell}</row>'
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'
    path = workbook(tmp_path / "cells.xlsx", xml)
    return check_extents(path, path.name, MAX_CELLS).typed_only


@pytest.mark.parametrize(
    ("cell", "typed"),
    [
        pytest.param('<c r="B2"><v>12.5</v></c>', True, id="a number, as Excel writes it"),
        pytest.param('<c r="B2" s="4"><v>43952</v></c>', True, id="a date"),
        pytest.param('<c r="B2" s="1" t="n"><v>43952</v></c>', True, id="as openpyxl writes it"),
        pytest.param('<c r="B2" t="b"><v>1</v></c>', True, id="a truth value"),
        pytest.param('<c r="B2"><f>1+1</f><v>2</v></c>', True, id="a formula's number"),
        pytest.param('<c r="B2" t="s"><v>0</v></c>', True, id="text"),
        pytest.param('<c r="B1"><v>12.5</v></c>', False, id="a number in the first row"),
        pytest.param('<c r="B2" t="e"><v>#N/A</v></c>', False, id="an error"),
        pytest.param('<c r="B2" t="str"><f>A1</f><v>x</v></c>', False, id="a formula's text"),
        pytest.param('<c r="B2" t="d"><v>2020-05-01</v></c>', False, id="an ISO date"),
        pytest.param('<c r="B2" t="n" s="1"><v>1</v></c>', False, id="t before s"),
        pytest.param('<c r="B2" cm="1"><v>1</v></c>', False, id="another attribute"),
        pytest.param('<x:c r="B2"><v>1</v></x:c>', False, id="a prefixed cell"),
    ],
)
def test_typed_only_takes_text_numbers_and_truth_values_below_row_1(
    tmp_path: Path, cell: str, typed: bool
) -> None:
    assert typed_only(tmp_path, cell) is typed


@pytest.mark.parametrize(
    ("strings", "cell"),
    [
        pytest.param("<si><t>Mo_x0000_del</t></si>", '<c r="B2" t="s"><v>0</v></c>', id="shared"),
        pytest.param("", '<c r="B2" t="inlineStr"><is><t>a_x0000_b</t></is></c>', id="inline"),
    ],
)
def test_a_string_holding_an_escaped_nul_is_not_typed_only(
    tmp_path: Path, strings: str, cell: str
) -> None:
    """fastexcel drops a NUL from a column's name; the search cannot tell a header's string
    from another, so any string holding one leaves the workbook to python-calamine."""
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Make</t></is></c></row>'
    body = f'{header}<row r="2"><c r="A2"><v>1</v></c>{cell}</row>'
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'
    sst = f'<sst xmlns="{MAIN}">{strings}</sst>'
    path = workbook(tmp_path / "cells.xlsx", xml, member("xl/sharedStrings.xml", sst))
    assert not check_extents(path, path.name, MAX_CELLS).typed_only
    # calamine unescapes the lower-case spelling alone
    plain = member("xl/sharedStrings.xml", sst.replace("_x0000_", "_X0000_"))
    other = workbook(tmp_path / "other.xlsx", xml.replace("_x0000_", "_X0000_"), plain)
    assert check_extents(other, other.name, MAX_CELLS).typed_only
