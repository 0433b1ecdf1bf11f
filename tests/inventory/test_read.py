from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from duediligence.errors import InputError
from duediligence.inventory.read import expand, open_inventories, open_inventory
from duediligence.results.assets import Field
from tests.factory import WordProbe


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rows(path: Path) -> list[tuple[int | None, str | None, str | None]]:
    return [(a.location.row, a.make, a.model) for a in open_inventory(path).assets()]


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.csv", 'Make,Model\nAcme,"AC-1\n234"\n\nZED,Z1\n')
    assert rows(path) == [(2, "Acme", "AC-1\n234"), (4, "ZED", "Z1")]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        pytest.param("\ufeffMake;Model\nAcme;AC-1\n", "utf-8", id="utf8-bom-semicolon"),
        pytest.param("Make\tModel\nAcme\tAC-1\n", "utf-8", id="tab"),
        pytest.param("Make,Model\nAcme,AC-1\n", "utf-16", id="utf16"),
    ],
)
def test_csv_dialects(tmp_path: Path, text: str, encoding: str) -> None:
    assert rows(write(tmp_path / "inv.csv", text, encoding)) == [(2, "Acme", "AC-1")]


def test_legacy_encoding_is_read_and_announced(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.csv", "Make,Model,Site\nAcme,AC-1,Zürich Büro\n", "cp1252")
    inventory = open_inventory(path)
    assert [a.site for a in inventory.assets()] == ["Zürich Büro"]
    assert inventory.warnings == [
        f"{path}: not valid UTF-8: read as Windows-1252 (cp1252), guessed from its bytes; if"
        " its text looks wrong, give its encoding with --encoding NAME"
    ]


def test_a_header_only_file_has_no_assets(tmp_path: Path) -> None:
    assert rows(write(tmp_path / "inv.csv", "Make,Model\n")) == []


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("empty.csv", "", "the file is empty"),
        ("blank.csv", "\n\n  \n", "the file is empty"),
        ("cols.csv", "Tag,Cost\n1,2\n", "no column says who made the items"),
        ("notes.pdf", "%PDF", "unsupported file type '.pdf'"),
    ],
)
def test_bad_files_are_refused_with_their_name(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(InputError, match=message) as caught:
        open_inventory(path)
    assert caught.value.location is not None and name in caught.value.location


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        open_inventory(tmp_path / "absent.csv")
    assert str(caught.value) == f"{tmp_path / 'absent.csv'}: file not found"


def test_nul_bytes_mean_a_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.csv", "Make,Model\nAcme,AC-1\nZ\x00ED,Z1\n")
    with pytest.raises(InputError, match="contains NUL bytes: not a text file"):
        rows(path)


def test_a_cell_past_the_field_limit_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nAcme,AC-1\nZED," + "x" * 200_000 + "\n")
    with pytest.raises(InputError, match="line 3, column 2: a cell longer than 131,072 char"):
        rows(path)


def test_a_quote_left_open_is_named_where_it_opens_not_where_the_cell_grew_too_long(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text('Make,Model,Notes\nAcme,AC-1,"see\n' + "Axis,P1,ok\n" * 20_000)
    with pytest.raises(InputError, match="line 2, column 3: a cell longer than") as caught:
        rows(path)
    assert 'a quote (") opened there and never closed' in str(caught.value)


def make_xlsx(path: Path) -> Path:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes["A1"] = "This register was exported from the facilities system"
    sheet = book.create_sheet("Register")
    sheet["A1"] = "Estate register"
    sheet["B4"], sheet["C4"], sheet["D4"] = "Make", "Model", "Purchased"
    sheet["B5"], sheet["C5"], sheet["D5"] = "Acme", "AC-1234B", date(2020, 6, 1)
    sheet["B7"], sheet["C7"] = "ZED", 1234.0
    book.save(path)
    return path


def test_xlsx_finds_the_header_below_a_title_block_on_a_later_sheet(tmp_path: Path) -> None:
    inventory = open_inventory(make_xlsx(tmp_path / "inv.xlsx"))
    assert inventory.table.sheet == "Register"
    assert inventory.table.header_row == 4
    assets = list(inventory.assets())
    assert [(a.location.row, a.location.sheet, a.make, a.model) for a in assets] == [
        (5, "Register", "Acme", "AC-1234B"),
        (7, "Register", "ZED", "1234"),
    ]
    assert assets[0].purchased == date(2020, 6, 1)


def test_a_corrupt_workbook_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.xlsx", "this is not a zip file")
    with pytest.raises(InputError, match="not a readable workbook"):
        open_inventory(path)


def test_a_directory_expands_to_its_inventories(tmp_path: Path) -> None:
    write(tmp_path / "b.csv", "Make\nAcme\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.tsv", "Make\nAcme\n")
    write(tmp_path / "readme.md", "# notes")
    assert expand([tmp_path]) == [tmp_path / "b.csv", tmp_path / "sub" / "a.tsv"]


def test_an_unterminated_quote_is_an_error_not_one_giant_cell(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.csv", 'Make,Model\nHikvision,"DS-2CD\nAxis,P1\nDahua,IPC\n')
    with pytest.raises(InputError, match="line 2, column 2: not valid CSV: the file ends inside"):
        rows(path)


def test_text_after_a_closing_quote_goes_on_in_the_cell(tmp_path: Path) -> None:
    """'"AC-1"x' is 'AC-1x', as Excel, LibreOffice and Arrow read it; one reading for every
    CSV, large or small (inventory/csv_edges.py, docs/security.md)."""
    path = write(tmp_path / "inv.csv", 'Make,Model\nAcme,"AC-1"x\nZED,"Z""1"\n')
    assert rows(path) == [(2, "Acme", "AC-1x"), (3, "ZED", 'Z"1')]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "Kit,Where\nHytera PD785,Van 1\nHikvision DS-2CD2143G2-I,Lobby\nAxis P3245-LVE,Gate\n",
            {Field.MAKE: 0, Field.MODEL: 0},
            id="makes-and-models-under-an-unknown-header",
        ),
        pytest.param(
            "Port,Seen on\n44:19:B6:2A:10:01,ge-0/0/1\n24:52:6A:0B:33:C1,ge-0/0/2\n"
            "E0:50:8B:00:00:01,ge-0/0/3\n",
            {Field.MAC: 0},
            id="macs-under-an-unknown-header",
        ),
    ],
)
def test_a_csv_no_header_explains_is_read_by_its_content(
    tmp_path: Path, text: str, fields: dict[Field, int]
) -> None:
    path = write(tmp_path / "inv.csv", text)
    (inventory,) = open_inventories(path, probe=WordProbe())
    assert inventory.columns.fields == fields
    assert [a.location.row for a in inventory.assets()] == [2, 3, 4]


def test_without_the_pack_a_column_of_makers_is_not_known_for_one(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.csv", "Kit,Where\nHytera PD785,Van 1\nAxis P3245-LVE,Gate\n")
    with pytest.raises(InputError, match="no column says who made the items"):
        open_inventories(path)
