"""`scan --format xlsx`: a new annotated workbook, the inventory untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from duediligence import api
from duediligence.cli.tables import rows_reader
from duediligence.errors import InputError
from duediligence.results.findings import InputTable
from duediligence.results.report import Report
from tests.cli.helpers import run
from tests.factory import write_workbook

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = "2026-11-23"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_example_workbook_is_annotated_into_a_new_file(tmp_path: Path) -> None:
    source = EXAMPLES / "inventory.xlsx"
    before = digest(source)
    book = annotated(str(source), out=tmp_path / "out.xlsx")
    assert digest(source) == before
    assert book.sheetnames == ["Summary", "Remediation", "Register", "Findings"]
    register = list(book["Register"].iter_rows(values_only=True))
    assert [r[0] for r in register[:3]] == [  # the title block, as it was
        "Estate equipment register",
        "Exported from the facilities asset system",
        None,
    ]
    assert register[3][:2] == ("Asset Tag", "Site")  # the header on its own row, 4
    flags = [row[9] for row in register[4:]]
    assert flags.count("flagged") == 13 and flags.count("not judged") == 1
    assert book["Findings"].max_row == 1 + 213


def test_standard_input_cannot_be_read_again_so_its_flagged_rows_are_copied(
    tmp_path: Path,
) -> None:
    stdin = (EXAMPLES / "inventory.csv").read_bytes()
    book = annotated("-", stdin=stdin, out=tmp_path / "out.xlsx")
    rows = list(book["<stdin>"].iter_rows(values_only=True))
    assert rows[0][0] == "Row" and len(rows) == 1 + 13
    notes = [row[0] for row in book["Summary"].iter_rows(values_only=True)]
    assert "<stdin> cannot be read again: its sheet holds its flagged rows only." in notes


def test_the_reader_refuses_a_file_that_changed_since_the_scan(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nAcme,A1\n", encoding="utf-8")
    table = InputTable(str(path), None, 1, ("Make", "Model"), {}, 1)
    rows = rows_reader()(table)
    assert rows is not None
    assert list(rows) == [(2, ["Acme", "A1"])]
    path.write_text("Brand,Model\nAcme,A1\n", encoding="utf-8")
    changed = rows_reader({"make": "Brand"})(table)
    assert changed is not None
    with pytest.raises(InputError, match="changed since it was scanned"):
        list(changed)


REGISTER: list[list[Any]] = [
    ["Estate register"],
    [],
    ["Make", "Model"],
    ["Axis", "P1"],
    ["Hikvision", "DS-2CD2143G2-I"],
]
"""A workbook table below a title block; the Hikvision camera is flagged."""


def estate(tmp_path: Path) -> Path:
    """A register, a second table, a hidden lookup list and a sheet of notes."""
    return write_workbook(
        tmp_path / "estate.xlsx",
        {
            "Register": REGISTER,
            "Depot": [["Make", "Model"], ["Dahua", "IPC-HFW1230S"]],
            "Lookups": [["Hikvision", '=HYPERLINK("http://example.com")']],
            "Notes": [[None, None, "Counted on site"]],
        },
        states={"Lookups": "hidden"},
    )


def annotated(*args: str, stdin: bytes | None = None, out: Path) -> Any:
    r = run(
        "scan",
        *args,
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--as-of",
        AS_OF,
        "-p",
        "global",
        "-q",
        stdin=stdin,
    )
    assert r.code == 1, r.stderr  # the register holds covered equipment
    return load_workbook(out)


def test_every_sheet_of_a_workbook_is_in_its_annotated_copy(tmp_path: Path) -> None:
    book = annotated(str(estate(tmp_path)), out=tmp_path / "out.xlsx")
    assert book.sheetnames == [
        *("Summary", "Remediation", "Register", "Depot", "Lookups", "Notes", "Findings")
    ]
    assert book["Register"]["A1"].value == "Estate register"
    assert book["Lookups"].sheet_state == "hidden"
    assert book["Lookups"]["B1"].value == '=HYPERLINK("http://example.com")'
    assert book["Lookups"]["B1"].data_type == "s"
    assert book["Notes"]["C1"].value == "Counted on site"


def test_with_sheet_the_other_sheets_are_copied_as_they_are(tmp_path: Path) -> None:
    path = estate(tmp_path)
    book = annotated(str(path), "--sheet", "Register", out=tmp_path / "out.xlsx")
    assert book.sheetnames == [
        *("Summary", "Remediation", "Register", "Depot", "Lookups", "Notes", "Findings")
    ]
    depot = list(book["Depot"].iter_rows(values_only=True))
    assert depot == [("Make", "Model"), ("Dahua", "IPC-HFW1230S")]  # not judged: no Flag
    notes = [row[0] for row in book["Summary"].iter_rows(values_only=True)]
    assert (
        f"{path}, sheet 'Depot' (not read: --sheet chose 'Register'): copied as it is,"
        " without verdicts." in notes
    )


def test_a_workbook_on_standard_input_gives_its_tables_alone(tmp_path: Path) -> None:
    stdin = estate(tmp_path).read_bytes()
    book = annotated("-", stdin=stdin, out=tmp_path / "out.xlsx")
    assert book.sheetnames == ["Summary", "Remediation", "Register", "Depot", "Findings"]
    assert next(book["Register"].iter_rows(values_only=True))[0] == "Row"  # flagged rows only


def test_a_workbook_that_changes_between_the_scan_and_the_report_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = estate(tmp_path)
    scan = api.scan

    def scan_then_edit(*args: Any, **kwargs: Any) -> Report:
        report = scan(*args, **kwargs)
        write_workbook(path, {"Register": REGISTER, "Notes": [["Make", "Model"]]})
        return report

    monkeypatch.setattr(api, "scan", scan_then_edit)
    out = tmp_path / "out.xlsx"
    r = run("scan", str(path), "--format", "xlsx", "-o", str(out), "-q")
    assert r.code == 2
    assert "changed since it was scanned: scan it again" in r.stderr
    assert not out.exists()
