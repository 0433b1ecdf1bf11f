"""Inventories as people keep them: piped in, as JSON, JSON Lines, CycloneDX, many sheets."""

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.cli.helpers import findings, run
from tests.inventory.books.writers import Sheet, write_ods
from tests.inventory.test_nmap import CAMERA, DOWN, END, PROLOG

AS_OF = "2026-11-23"
CSV = "Tag,Make,Model\nCAM-1,Hikvision,DS-2CD2143G2-I\nCAM-2,Axis,P3245-LVE\n"


def scan_json(*args: str, stdin: bytes | None = None) -> tuple[int, dict[str, Any]]:
    r = run("scan", *args, "-p", "global", "--format", "json", "--as-of", AS_OF, "-q", stdin=stdin)
    assert r.code in (0, 1), r.stderr
    return r.code, json.loads(r.stdout)


def flagged_tags(doc: dict[str, Any]) -> list[str]:
    return sorted({f["asset"]["asset_id"] for f in findings(doc)})


def test_a_csv_piped_in_as_dash_is_scanned_and_named_stdin() -> None:
    code, doc = scan_json("-", stdin=CSV.encode())
    assert code == 1
    assert flagged_tags(doc) == ["CAM-1"]
    assert doc["inputs"][0]["source"] == "<stdin>"


def test_a_workbook_and_json_lines_are_told_apart_on_stdin(tmp_path: Path) -> None:
    lines = '{"Tag": "CAM-1", "Make": "Dahua", "Model": "IPC-HDW5442TM-AS"}\n{"Tag": "X"}\n'
    _, doc = scan_json("-", stdin=lines.encode())
    assert flagged_tags(doc) == ["CAM-1"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in CSV.splitlines():
        sheet.append(row.split(","))
    book.save(tmp_path / "b.xlsx")
    _, doc = scan_json("-", stdin=(tmp_path / "b.xlsx").read_bytes())
    assert flagged_tags(doc) == ["CAM-1"]


def test_json_records_are_scanned_with_their_record_numbers(tmp_path: Path) -> None:
    path = tmp_path / "inv.json"
    records = [
        {"asset_id": "CAM-1", "make": "Axis", "model": "M3106-L"},
        {"asset_id": "CAM-2", "make": "Hikvision", "model": "DS-7608NI-I2", "site": {"name": "HQ"}},
    ]
    path.write_text(json.dumps({"assets": records}), encoding="utf-8")
    _, doc = scan_json(str(path))
    (row,) = doc["flagged"]
    assert row["row"] == 2
    assert row["fields"]["site.name"] == "HQ"


def test_a_cyclonedx_bom_is_read_for_its_devices(tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {"type": "library", "name": "openssl", "version": "3.0.13"},
            {
                "type": "device",
                "name": "DS-2CD2143G2-I",
                "manufacturer": {"name": "Hangzhou Hikvision Digital Technology Co., Ltd."},
                "bom-ref": "cam-7",
            },
        ],
    }
    path = tmp_path / "site.cdx.json"
    path.write_text(json.dumps(bom), encoding="utf-8")
    r = run("scan", str(path), "-p", "global", "--format", "json", "--as-of", AS_OF)
    assert r.code == 1
    assert flagged_tags(json.loads(r.stdout)) == ["cam-7"]
    assert "1 component is not a device: not read as equipment (1 library)" in r.stderr


def workbook(path: Path) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Cameras"
    first.append(["Tag", "Make", "Model"])
    first.append(["CAM-1", "Hikvision", "DS-2CD2143G2-I"])
    radios = book.create_sheet("Radios")
    radios.append(["Tag", "Make", "Model"])
    radios.append(["RAD-1", "Hytera", "PD785G"])
    lists = book.create_sheet("Lists")
    lists.append(["Make"])
    lists.append(["Dahua"])
    lists.sheet_state = "hidden"
    book.save(path)
    return path


def test_every_visible_sheet_is_read_and_a_hidden_one_is_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "estate.xlsx")
    _, doc = scan_json(str(path))
    assert flagged_tags(doc) == ["CAM-1", "RAD-1"]
    assert [i["sheet"] for i in doc["inputs"]] == ["Cameras", "Radios"]
    assert any("sheet 'Lists' is hidden: not read" in w for w in doc["warnings"])


def test_sheet_reads_only_the_named_sheet_even_if_hidden(tmp_path: Path) -> None:
    path = workbook(tmp_path / "estate.xlsx")
    _, doc = scan_json(str(path), "--sheet", "Lists")
    assert [i["sheet"] for i in doc["inputs"]] == ["Lists"]
    assert doc["summary"]["assets"] == 1
    r = run("scan", str(path), "--sheet", "Nope")
    assert r.code == 2
    assert "no sheet named 'Nope'" in r.stderr
    (tmp_path / "x.csv").write_text(CSV, encoding="utf-8")
    r = run("scan", str(tmp_path / "x.csv"), "--sheet", "Lists")
    assert r.code == 2
    assert "--sheet 'Lists': only workbooks have sheets" in r.stderr


def test_columns_shows_each_sheet_and_json_keys(tmp_path: Path) -> None:
    r = run("columns", str(workbook(tmp_path / "estate.xlsx")))
    assert r.code == 0
    assert "sheet 'Cameras', header in row 1" in r.stdout
    assert "sheet 'Radios', header in row 1" in r.stdout
    path = tmp_path / "inv.jsonl"
    path.write_text('{"Manufacturer": "Axis"}\n', encoding="utf-8")
    r = run("columns", str(path))
    assert "columns from the records' field names" in r.stdout


GBK_REGISTER = "资产编号,品牌,型号\nCAM-1,海康威视,DS-2CD2143G2-I\nCAM-2,安讯士,P3245-LVE\n"


def test_a_register_saved_on_a_chinese_windows_is_read_and_its_encoding_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inv.csv"
    path.write_bytes(GBK_REGISTER.encode("gbk"))
    r = run("scan", str(path), "--format", "json", "--as-of", AS_OF, "--profile", "us-federal")
    assert r.code == 1, r.stderr
    assert flagged_tags(json.loads(r.stdout)) == ["CAM-1"]
    assert f"warning: {path}: not valid UTF-8: read as GBK/GB18030, guessed" in r.stderr


def test_encoding_overrides_the_guess_for_scan_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_bytes(GBK_REGISTER.encode("gb18030"))
    code, doc = scan_json(str(path), "--encoding", "gb18030")
    assert code == 1 and flagged_tags(doc) == ["CAM-1"]
    assert f"{path}: read as GBK/GB18030, as --encoding says" in doc["warnings"]
    r = run("columns", str(path), "--encoding", "GB18030", "--format", "json")
    assert r.code == 0, r.stderr
    (table,) = json.loads(r.stdout)
    assert table["fields"]["make"]["column"] == "品牌"


def test_a_wrong_encoding_given_is_refused_as_mojibake_not_scanned_into_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inv.csv"
    path.write_bytes(GBK_REGISTER.encode("gbk"))
    r = run("scan", str(path), "--encoding", "cp1252")
    assert r.code == 2
    assert r.stderr.strip() == (
        f"duediligence: error: {path}: the header reads as mojibake ('×Ê²ú±àºÅ') in"
        " Windows-1252 (cp1252), as --encoding says: the file is in another encoding; give it"
        " with --encoding NAME (e.g. --encoding gb18030 for Chinese, cp932 for Japanese, cp949"
        " for Korean, utf-8)"
    )


def test_an_unknown_encoding_is_a_usage_error_for_scan_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(CSV, encoding="utf-8")
    for command in ("scan", "columns"):
        r = run(command, str(path), "--encoding", "klingon")
        assert r.code == 2
        assert "--encoding 'klingon': not an encoding Python knows" in r.stderr


def test_an_nmap_scan_and_an_ods_register_are_scanned(tmp_path: Path) -> None:
    """A host found by its MAC alone; an OpenDocument register piped in, told by content."""
    scan = tmp_path / "scan.xml"
    scan.write_text(PROLOG + DOWN + CAMERA + END)
    _, doc = scan_json(str(scan))
    (row,) = doc["flagged"]
    assert (row["row"], row["fields"]["IP Address"]) == (2, "192.168.1.64")
    rows = [line.split(",") for line in CSV.splitlines()]
    book = write_ods(tmp_path / "register.ods", Sheet("Register", [["Register"], [], *rows]))
    _, doc = scan_json("-", stdin=book.read_bytes())
    assert flagged_tags(doc) == ["CAM-1"]
