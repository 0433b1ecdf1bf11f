"""A large workbook of text, numbers, dates and truth values is read by fastexcel's typed
columns; every cell must read exactly as python-calamine's reader makes it, by rows and by
blocks. Where that cannot be shown, the sheet is python-calamine's, and reads as before."""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineSheet, CalamineWorkbook

from duediligence.errors import InputError
from duediligence.inventory import arrow_sheet, extent
from duediligence.inventory.arrow_sheet import ArrowSheet
from duediligence.inventory.extent import check_extents
from duediligence.inventory.typed_sheet import _header, _moment_text
from duediligence.inventory.xlsx import MAX_CELLS, SheetLoader
from tests.inventory.test_arrow_sheet import CELL, read

DURATION = "[h]:mm:ss"


def write(
    path: Path,
    values: list[Any],
    header: list[Any] | None = None,
    epoch_1904: bool = False,
    style: str | None = None,
) -> Path:
    """A register whose third column holds `values`, one a row, under `header`, and whose
    fourth holds purchase dates, as a register kept in Excel does."""
    book = Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    sheet.append([*(header or ["Manufacturer", "Model", "Value"]), "Bought"])
    for n, value in enumerate(values):
        sheet.append(["Axis", f"P13{n:02d}-E", value, date(2020, 5, n + 1)])
        if style is not None:
            sheet.cell(row=n + 2, column=3).number_format = style
    book.save(path)
    return path


def rewrite(path: Path, old: str, new: str) -> Path:
    """The sheet's XML with `old` replaced: cells openpyxl does not write (cached values)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(old, new, sheet, count=1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def loaded(path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 0)
    with CalamineWorkbook.from_path(str(path)) as book:
        return SheetLoader(book, path, path.name).load("Register")


def assert_alike(path: Path) -> None:
    for in_blocks in (False, True):
        assert read(path, "fastexcel", in_blocks) == read(path, "python-calamine", in_blocks)


TYPED = [
    pytest.param([date(2020, 5, 1), date(2024, 2, 29), date(9999, 12, 31)], {}, id="dates"),
    pytest.param([date(1904, 1, 3), date(1900, 3, 1)][:1], {}, id="a date after 1904-01-02"),
    pytest.param(
        [datetime(2020, 5, 1, 10, 30), datetime(2020, 5, 1), datetime(1999, 12, 31, 23, 59, 59)],
        {},
        id="date and times, one at midnight",
    ),
    pytest.param([datetime(2020, 5, 1, 10, 30, 15, 123000)], {}, id="milliseconds"),
    pytest.param([time(10, 30), time(0, 0, 1), time(23, 59, 59, 500000)], {}, id="times"),
    pytest.param(
        [timedelta(hours=26, minutes=3), timedelta(0), timedelta(seconds=1)],
        {"style": DURATION},
        id="durations",
    ),
    pytest.param(
        [date(2020, 5, 1), datetime(2020, 5, 1, 1, 2, 3)], {"epoch_1904": True}, id="1904"
    ),
    pytest.param([12.0, 12.5, -3.0, 1e20, 2.0**60, 1.5e-10, 0.1 + 0.2, -0.0], {}, id="numbers"),
    pytest.param([12, 123456789012345678, -7, 0], {}, id="integers"),
    pytest.param([1e-05, 1e16 + 2, 123456.789], {}, id="exponent forms"),
    pytest.param([True, False, True], {}, id="truth values"),
    pytest.param([None, date(2020, 5, 1), None], {}, id="dates with empty cells"),
    pytest.param([None, None], {}, id="an empty column"),
    pytest.param(["0012", "1e5", " 12 ", "TRUE", "2020-05-01"], {}, id="text like numbers"),
    pytest.param(
        [1.5], {"header": ["Manufacturer", "Model", "2024"]}, id="a header of whole digits"
    ),
    pytest.param([1.5], {"header": ["Manufacturer", None, "Value"]}, id="an empty header cell"),
    pytest.param([1.5], {"header": ["Make", "Site_1", "Value"]}, id="a name like a renaming"),
    pytest.param(["n/a", "NA", "null", "NaN", ""], {}, id="text fastexcel takes for null"),
    pytest.param([1.5], {"header": ["Manufacturer", "12.5", "TRUE"]}, id="a header like values"),
    pytest.param(
        [datetime(2020, 11, 17, 10, 30, 15, us) for us in (123456, 999999, 999500, 499, 1500)],
        {},
        id="microseconds, rounded alike",
    ),
    pytest.param(
        [1e21, -1e21, 2.0**53 + 2, -(2.0**53), 5e-324, 1.7976931348623157e308], {}, id="far"
    ),
    pytest.param([0.5, 0.125], {"style": "0%"}, id="percent"),
    pytest.param([1234.5, -3.0], {"style": '"$"#,##0.00'}, id="currency"),
    pytest.param([date(2020, 11, 17)], {"style": "[$-409]mmmm d, yyyy;@"}, id="a locale's date"),
    pytest.param([43000.0, 45000.5], {"style": '0.00" d"'}, id="a number with a d in quotes"),
    pytest.param(
        [timedelta(hours=-12), timedelta(days=-3, seconds=5)], {"style": DURATION}, id="negative"
    ),
    pytest.param([time(0, 0)], {}, id="midnight alone, serial 0"),
]


@pytest.mark.parametrize(("values", "how"), TYPED)
def test_typed_columns_read_as_python_calamine_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[Any], how: dict[str, Any]
) -> None:
    path = write(tmp_path / "register.xlsx", values, **how)
    assert isinstance(loaded(path, monkeypatch), ArrowSheet)
    assert_alike(path)


def test_a_formula_s_cached_number_reads_as_python_calamine_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "register.xlsx", [1.0, 2.0])
    path = rewrite(path, r'<c r="C2" t="n"><v>1</v></c>', '<c r="C2"><f>1+1</f><v>2.5</v></c>')
    assert isinstance(loaded(path, monkeypatch), ArrowSheet)
    assert_alike(path)


MIXED = [
    pytest.param(["Lobby", 12.5], id="a column of text and numbers"),
    pytest.param([date(2020, 5, 1), "n/a"], id="a column of dates and text"),
    pytest.param([date(2020, 5, 1), 12.5, True], id="dates, numbers, truth values"),
    pytest.param([True, "null"], id="a truth value and 'null'"),
]


@pytest.mark.parametrize("values", MIXED)
def test_a_column_of_two_kinds_in_its_first_rows_is_not_typed_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[Any]
) -> None:
    """Found in the part's first piece: fastexcel would refuse it only once it had loaded."""
    path = write(tmp_path / "register.xlsx", values)
    assert not check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


@pytest.mark.parametrize("values", MIXED)
def test_a_column_of_two_kinds_further_down_is_refused_by_the_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[Any]
) -> None:
    monkeypatch.setattr(extent, "CHUNK", 600)  # the first piece ends within row 2
    path = write(tmp_path / "register.xlsx", values)
    assert check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


CALAMINE = [
    pytest.param([1.5], {"header": ["Make", "Make", "Value"]}, id="a header named twice"),
    pytest.param([1.5], {"header": ["Make", "Make_1", "Value"]}, id="or renamed by fastexcel?"),
    pytest.param([1.5], {"header": ["Make", " ", " "]}, id="two blanks, the second renamed"),
    pytest.param([1.5], {"header": ["Make", "__UNNAMED__1", "V"]}, id="or made up by it?"),
    pytest.param([1.5, "NA"], {"chunk": 600}, id="a number and text fastexcel reads as null"),
    pytest.param([date(2020, 5, 1), "n/a"], {"chunk": 600}, id="a date and 'n/a'"),
    pytest.param([1.5, "NaN"], {"chunk": 600}, id="a number and text read as a number"),
    pytest.param([time(10, 30)], {"epoch_1904": True}, id="a time of day in 1904's system"),
    pytest.param([date(1902, 5, 1)], {}, id="a date the date system decides"),
]
NUL = [
    # Excel's escape of a NUL, which calamine unescapes and fastexcel drops from a name
    pytest.param([1.5], {"header": ["Manufacturer", "Mo_x0000_del", "Value"]}, id="in a name"),
    pytest.param(["a_x0000_b"], {}, id="or in any other string"),
]


NULL_TEXT = [
    # fastexcel's null strings (its NULL_STRING_VALUES), read as null in a typed column;
    # '#N/A' as openpyxl writes it is an error cell, which the check refuses
    *["#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>"],
    *["N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"],
]


@pytest.mark.parametrize("text", NULL_TEXT)
@pytest.mark.parametrize(
    "typed", [pytest.param(1.5, id="number"), pytest.param(date(2020, 5, 1), id="date")]
)
def test_text_fastexcel_reads_as_null_below_the_first_piece_is_python_calamine_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, typed: Any
) -> None:
    monkeypatch.setattr(extent, "CHUNK", 600)  # the first piece ends within row 2
    path = write(tmp_path / "register.xlsx", [typed, typed, text])
    assert check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


@pytest.mark.parametrize(("values", "how"), CALAMINE)
def test_what_cannot_be_shown_alike_is_python_calamine_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[Any], how: dict[str, Any]
) -> None:
    if "chunk" in how:  # a first piece too short to show the column's two kinds
        monkeypatch.setattr(extent, "CHUNK", how.pop("chunk"))
    path = write(tmp_path / "register.xlsx", values, **how)
    assert check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


def styled(path: Path, number_format: int) -> Path:
    """The workbook with its custom date style (openpyxl's 164) naming a built-in format."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = parts["xl/styles.xml"].decode()
    parts["xl/styles.xml"] = styles.replace(
        '<xf numFmtId="164"', f'<xf numFmtId="{number_format}"'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("number_format", "typed"),
    [
        *(
            pytest.param(n, False, id=f"{n}, a date in Chinese, Japanese or Korean")
            for n in [*range(27, 37), *range(50, 59)]
        ),
        pytest.param(14, True, id="14, mm-dd-yy"),
        pytest.param(22, True, id="22, m/d/yy h:mm"),
        pytest.param(49, True, id="49, text"),
        pytest.param(26, True, id="26, none"),
        pytest.param(59, True, id="59, a number in Thai"),
    ],
)
def test_a_built_in_east_asian_date_format_is_python_calamine_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number_format: int, typed: bool
) -> None:
    """Excel in those languages writes a date styled by id alone; python-calamine reads it as a
    date, fastexcel as the serial number: '2020-11-17' against '44152'."""
    values = [date(2020, 11, 17), datetime(2021, 3, 1, 10, 30)]
    path = styled(write(tmp_path / "register.xlsx", values, style="yyyy-mm-dd"), number_format)
    assert check_extents(path, path.name, MAX_CELLS).typed_only is typed
    assert isinstance(loaded(path, monkeypatch), ArrowSheet if typed else CalamineSheet)
    assert_alike(path)


@pytest.mark.parametrize(("values", "how"), NUL)
def test_an_escaped_nul_in_a_string_is_python_calamine_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[Any], how: dict[str, Any]
) -> None:
    path = write(tmp_path / "register.xlsx", values, **how)
    assert not check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(["Make", True, "Value"], id="a truth value"),
        pytest.param(["Make", 12.5, "Value"], id="a number"),  # fastexcel's own way
        pytest.param(["Make", date(2020, 5, 1), "Value"], id="a date"),  # made up: __UNNAMED__
    ],
)
def test_a_first_row_of_anything_but_text_is_not_typed_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: list[Any]
) -> None:
    path = write(tmp_path / "register.xlsx", [1.5], header=header)
    assert not check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            r'<c r="C2" t="n"><v>1</v></c>', '<c r="C2" t="e"><v>#N/A</v></c>', id="error"
        ),
        pytest.param(
            r'<c r="C2" t="n"><v>1</v></c>',
            '<c r="C2" t="str"><f>A1</f><v>a_x000D_b</v></c>',
            id="a formula's text",  # fastexcel's calamine does not unescape it
        ),
        pytest.param(
            r'<c r="C2" t="n"><v>1</v></c>', '<c r="C2" t="d"><v>10:30:00</v></c>', id="ISO date"
        ),
        pytest.param(
            r"</sheetData>",
            '</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>',
            id="merged cells",
        ),
    ],
)
def test_a_workbook_holding_other_cells_is_not_typed_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    path = rewrite(write(tmp_path / "register.xlsx", [1.0, 2.0]), old, new)
    assert not check_extents(path, path.name, MAX_CELLS).typed_only
    assert isinstance(loaded(path, monkeypatch), CalamineSheet)
    assert_alike(path)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        pytest.param(datetime(1899, 12, 31, 10, 30), "10:30:00", id="a serial below 1"),
        pytest.param(datetime(1904, 1, 2, 0, 0, 0, 1000), "1904-01-02T00:00:00.001000", id="after"),
        pytest.param(datetime(2020, 5, 1), "2020-05-01", id="midnight"),
    ],
)
def test_a_moment_is_written_as_python_calamine_s_value(moment: datetime, text: str) -> None:
    assert _moment_text(moment) == text


@pytest.mark.parametrize(
    "moment",
    [
        pytest.param(datetime(1900, 1, 1), id="serial 1, or just below it rounded"),
        pytest.param(datetime(1904, 1, 1, 12), id="a time in 1904, a date in 1900"),
        pytest.param(datetime(1899, 12, 30, 12), id="a negative serial"),
    ],
)
def test_a_moment_the_date_system_decides_is_refused(moment: datetime) -> None:
    with pytest.raises(Exception, match=moment.isoformat()):
        _moment_text(moment)


@pytest.mark.parametrize(
    ("names", "alike"),
    [
        pytest.param(["Make", None, "Model"], True, id="an empty cell"),
        pytest.param(["Make", "Site_1"], True, id="a name ending in digits"),
        pytest.param(["Make", "Make_1"], False, id="a renamed duplicate, or not"),
        pytest.param(["", "_1"], False, id="a second blank fastexcel renamed"),
        pytest.param(["Make", "12.5", "true"], True, id="text: row 1 holds nothing else"),
        pytest.param(["Make", "__UNNAMED__1"], False, id="fastexcel's own name"),
    ],
)
def test_a_header_name_is_the_first_row_s_text_only_when_it_must_be(
    names: list[str | None], alike: bool
) -> None:
    if alike:
        assert _header(names) == names
    else:
        with pytest.raises(Exception, match="."):
            _header(names)


NUMBER = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(2**53), 2**53).map(float),
    st.sampled_from([0.1 + 0.2, 1e-05, 1e16, -0.0, 2.0**60]),
)
MOMENT = st.datetimes(datetime(1904, 1, 3), datetime(9999, 12, 31)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)
)


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(CELL, min_size=2, max_size=2),
    text=st.lists(CELL, min_size=1, max_size=12),
    numbers=st.lists(st.one_of(st.none(), NUMBER), min_size=12, max_size=12),
    moments=st.lists(st.one_of(st.none(), MOMENT, MOMENT.map(datetime.date)), max_size=12),
)
def test_any_typed_sheet_reads_as_python_calamine_reads_it(
    names: list[Any], text: list[Any], numbers: list[Any], moments: list[Any]
) -> None:
    """Whichever reader takes it (fastexcel's types, or python-calamine where they are not
    shown alike), the same header, rows and text."""
    with tempfile.TemporaryDirectory() as folder:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Register"
        sheet.append(["Manufacturer", *names, "Bought"])
        for n, number in enumerate(numbers):
            cell = text[n] if n < len(text) else None
            moment = moments[n] if n < len(moments) else None
            sheet.append(["Axis", cell, number, moment])
        path = Path(folder) / "register.xlsx"
        book.save(path)
        assert_alike(path)


@pytest.mark.parametrize("left", [1, 3])
def test_a_typed_sheet_keeps_its_place_on_the_grid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, left: int
) -> None:
    """Rows from Excel's row 1, cells from the first used column, as python-calamine."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    rows: list[list[Any]] = [
        ["Make", "Bought"],
        ["Axis", date(2020, 5, 1)],
        [None, date(2021, 1, 2)],
    ]
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=r, column=left + c, value=value)
    path = tmp_path / "register.xlsx"
    book.save(path)
    typed = loaded(path, monkeypatch)
    assert isinstance(typed, ArrowSheet)
    with CalamineWorkbook.from_path(str(path)) as reference:
        expected = reference.get_sheet_by_name("Register")
        assert (typed.start, typed.height, typed.width) == (
            expected.start,
            expected.height,
            expected.width,
        )


def declare(path: Path, change: int) -> Path:
    """The workbook with its sheet part's uncompressed size, in its local header and in the
    central directory, declared `change` bytes off what its stream inflates to."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        part = archive.getinfo("xl/worksheets/sheet1.xml")
    size = (part.file_size + change).to_bytes(4, "little")
    data[part.header_offset + 22 : part.header_offset + 26] = size
    name = part.filename.encode()
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24 : central + 28] = size
    path.write_bytes(data)
    return path


def outcome(path: Path, reader: str, in_blocks: bool) -> object:
    try:
        return read(path, reader, in_blocks)
    except InputError as exc:
        return str(exc)


def text_register(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    for row in (["Manufacturer", "Model"], ["Hikvision", "DS-2CD2043G2-I"], ["Axis", "P1375-E"]):
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "register",
    [
        pytest.param(
            lambda path: write(path, [date(2020, 11, 17), datetime(2020, 11, 17, 10, 30)]),
            id="typed",
        ),
        pytest.param(text_register, id="text"),
    ],
)
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(-1, id="a stream longer than declared"),
        pytest.param(1, id="a stream shorter than declared"),
    ],
)
def test_a_part_that_inflates_to_another_size_than_declared_is_python_calamine_s(
    tmp_path: Path, register: Any, change: int
) -> None:
    """python-calamine refuses a part longer than declared; fastexcel's calamine read it on,
    a damaged workbook read as if whole. Whatever python-calamine makes of it, as before."""
    path = declare(register(tmp_path / "register.xlsx"), change)
    found = check_extents(path, path.name, MAX_CELLS)
    assert not (found.text_only or found.typed_only)
    for in_blocks in (False, True):
        assert outcome(path, "fastexcel", in_blocks) == outcome(path, "python-calamine", in_blocks)
