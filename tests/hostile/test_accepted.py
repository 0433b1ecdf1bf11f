"""Odd but valid inputs: read, reported, and left byte for byte as they were."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.corpus import MAIN, laughs, sheet_xml, workbook
from tests.hostile.helpers import digest, listing, scan_in_process, scan_isolated

AS_OF = "2026-11-23"
Build = Callable[[Path], Path]


def text(name: str, data: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


HEADER_ONLY = [
    pytest.param(text("inv.csv", b"Make,Model\n"), id="csv"),
    pytest.param(text("inv.csv", b"\xef\xbb\xbfMake;Model"), id="csv-bom-no-line-break"),
    pytest.param(text("inv.tsv", b"Asset\tMake\tModel\n\n\n"), id="tsv-blank-lines"),
    pytest.param(lambda f: workbook(f / "inv.xlsx", sheet_xml(["Make", "Model"])), id="xlsx"),
]


@pytest.mark.parametrize("build", HEADER_ONLY)
def test_a_header_only_file_is_a_valid_empty_register(tmp_path: Path, build: Build) -> None:
    path = build(tmp_path)
    before = digest(path)
    outcome = scan_in_process(str(path), "--as-of", AS_OF)
    assert outcome.code == 0, outcome
    assert "0 assets read" in outcome.stdout
    assert digest(path) == before


FORMULAS = {
    "Asset ID": "=cmd|' /C calc'!A0",
    "Make": "Hikvision",
    "Model": '=HYPERLINK("http://evil.example","click")',
    "Notes": "+SUM(1;2)",
}
NOT_RECOGNISED = {"Asset ID": "@SUM(A1)", "Make": "=1+1", "Model": "-2+3", "Notes": "=0"}


def formulas_csv(folder: Path) -> Path:
    def row(cells: dict[str, str]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' for c in cells.values())

    path = folder / "inv.csv"
    path.write_text(
        f"{','.join(FORMULAS)}\n{row(FORMULAS)}\n{row(NOT_RECOGNISED)}\n", encoding="utf-8"
    )
    return path


def test_formula_looking_cells_are_read_and_reported_as_the_text_they_are(
    tmp_path: Path,
) -> None:
    path = formulas_csv(tmp_path)
    before = digest(path)
    outcome = scan_in_process(str(path), "--format", "json", "--as-of", AS_OF, "-p", "global")
    assert outcome.code == 1, outcome
    doc = json.loads(outcome.stdout)
    (flagged,) = doc["flagged"]
    assert flagged["fields"] == FORMULAS
    (unknown,) = doc["unknown"]
    assert (unknown["make"], unknown["model"]) == ("=1+1", "-2+3")
    table = scan_in_process(str(path), "--as-of", AS_OF).stdout
    assert "=1+1 -2+3" in table
    assert "=cmd|' /C" in table
    assert digest(path) == before


def test_a_workbook_formula_is_read_as_its_saved_value_never_run(tmp_path: Path) -> None:
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>Make</t></is></c></row><row r="2">'
        '<c r="A2" t="str"><f>HYPERLINK("http://evil.example","Hikvision")</f>'
        "<v>Hikvision</v></c></row></sheetData></worksheet>"
    )
    path = workbook(tmp_path / "inv.xlsx", sheet)
    outcome = scan_in_process(str(path), "--format", "json", "--as-of", AS_OF)
    (flagged,) = json.loads(outcome.stdout)["flagged"]
    assert flagged["fields"] == {"Make": "Hikvision"}


def test_text_that_is_not_utf8_is_read_as_windows_1252_and_said_so(tmp_path: Path) -> None:
    path = text("inv.csv", "Make,Model,Site\nAxis,P1,Zürich Büro\n".encode("cp1252"))(tmp_path)
    outcome = scan_in_process(str(path), "--format", "json", "--as-of", AS_OF)
    assert outcome.code == 0, outcome
    assert "not valid UTF-8: read as Windows-1252 (cp1252)" in outcome.stderr
    assert json.loads(outcome.stdout)["summary"]["assets"] == 1


def test_ragged_rows_are_read_and_counted_in_one_warning(tmp_path: Path) -> None:
    path = text("inv.csv", b"Make,Model\nAxis,P1,extra\nBosch\n")(tmp_path)
    outcome = scan_in_process(str(path), "--format", "json", "--as-of", AS_OF)
    assert outcome.code == 0, outcome
    assert "2 row(s) do not have one cell per header column (2)" in outcome.stderr
    assert json.loads(outcome.stdout)["summary"]["assets"] == 2


def test_a_dtd_that_is_declared_but_never_used_changes_nothing(tmp_path: Path) -> None:
    sheet = sheet_xml(["Make", "Model"], ["Hikvision", "DS-2CD2143G2-I"], prolog=laughs())
    path = workbook(tmp_path / "inv.xlsx", sheet)
    outcome = scan_in_process(str(path), "--format", "json", "--as-of", AS_OF, "-p", "global")
    assert outcome.code == 1, outcome
    assert len(json.loads(outcome.stdout)["flagged"]) == 1


def test_a_one_column_list_of_quoted_makes_is_read_in_bounded_time(tmp_path: Path) -> None:
    """csv.Sniffer took 9.5 s over the 64 KB sample of this file; a scan takes under one."""
    path = text("makes.csv", b'"Make"\n' + b'"Hikvision"\n' * 20_000)(tmp_path)
    files = listing(tmp_path)
    outcome = scan_isolated(
        str(path), "--format", "json", "--as-of", AS_OF, "-p", "global", folder=tmp_path, timeout=5
    )
    assert outcome.code == 1, outcome
    assert json.loads(outcome.stdout)["summary"]["flagged"] == 20_000
    assert listing(tmp_path) == files
