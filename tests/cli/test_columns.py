import json
from pathlib import Path

from tests.cli.helpers import run
from tests.factory import write_workbook

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
    assert doc["fields"]["make"] == {
        "column": "Supplier",
        "why": "--map make=Supplier",
        "confidence": 1.0,
    }
    assert "Manufacturer" in doc["kept_as_is"]


def test_columns_on_a_file_with_no_maker_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Notes,Count\na,1\n")
    r = run("columns", str(path))
    assert r.code == 2
    assert "no column says who made the items" in r.stderr


def test_columns_says_when_a_column_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "scan.csv"
    path.write_text(
        "Addr,Kit,Seen\n"
        "44:19:B6:2A:10:01,Hikvision DS-2CD2143G2-I,2024-05-01\n"
        "24:52:6A:0B:33:C1,Dahua Technology DHI-NVR4216-16P-4KS2,2024-05-01\n"
        "E0:50:8B:00:00:01,HUAWEI S5735-L24T4X-A1,2024-05-02\n"
        "00:40:8C:12:34:56,Axis P3245-LVE,2024-05-02\n",
        encoding="utf-8",
    )
    r = run("columns", str(path))
    assert r.code == 0, r.stderr
    assert (
        "  mac          <- 'Addr': by content: 100% of 4 values are MAC addresses (confidence 0.90)"
    ) in r.stdout
    assert (
        "  make         <- 'Kit': by content: 100% of 4 values are names of manufacturers"
        " (confidence 0.90)"
    ) in r.stdout
    assert "  model        <- 'Kit': by content: 75% of 4 values are model numbers" in r.stdout
    assert "kept as is (passed through to reports): 'Seen'" in r.stdout


def test_columns_takes_a_map_for_one_sheet(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "estate.xlsx",
        {
            "Cameras": [["Make", "Model"], ["Hikvision", "DS-2CD2143G2-I"]],
            "Radios": [["Kit", "Where"], ["Tait TP9300", "Van 3"]],
        },
    )
    r = run("columns", str(path), "--map", "Radios:make=Kit", "-f", "json")
    assert r.code == 0, r.stderr
    cameras, radios = json.loads(r.stdout)
    assert cameras["fields"]["make"]["column"] == "Make"
    assert radios["fields"] == {
        "make": {"column": "Kit", "why": "--map make=Kit", "confidence": 1.0}
    }
    missing = run("columns", str(path), "--map", "Radio:make=Kit")
    assert missing.code == 2
    assert "--map names sheets no input workbook has: 'radio'" in missing.stderr
