import json
from pathlib import Path

from tests.cli.helpers import run

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_columns_shows_each_field_its_column_and_why(tmp_path: Path) -> None:
    path = tmp_path / "inventar.csv"
    path.write_text("Inventarnummer,Hersteller,Modell,Bemerkung\nK-1,Hikvision,DS-2CD2143G2-I,x\n")
    r = run("columns", str(path))
    assert r.code == 0
    assert "header in row 1" in r.stdout
    assert "make         <- 'Hersteller': header 'Hersteller' is a known name for make" in r.stdout
    assert "notes        <- 'Bemerkung': header 'Bemerkung' is a known name for notes" in r.stdout


def test_columns_follows_map_and_finds_a_header_below_a_title(tmp_path: Path) -> None:
    r = run("columns", str(EXAMPLES / "inventory.xlsx"), "--map", "make=Supplier", "-f", "json")
    (doc,) = json.loads(r.stdout)
    assert (doc["sheet"], doc["header_row"]) == ("Register", 4)
    assert doc["fields"]["make"] == {"column": "Supplier", "why": "--map make=Supplier"}
    assert "Manufacturer" in doc["kept_as_is"]


def test_columns_on_a_file_with_no_maker_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Notes,Count\na,1\n")
    r = run("columns", str(path))
    assert r.code == 2
    assert "no column says who made the items" in r.stderr
