"""`scan --format xlsx`: a new annotated workbook, the inventory untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from duediligence.errors import InputError
from duediligence.findings import InputTable
from duediligence.tables import rows_reader
from tests.cli.helpers import run

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = "2026-11-23"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_example_workbook_is_annotated_into_a_new_file(tmp_path: Path) -> None:
    source = EXAMPLES / "inventory.xlsx"
    before = digest(source)
    out = tmp_path / "out.xlsx"
    r = run("scan", str(source), "--format", "xlsx", "-o", str(out), "--as-of", AS_OF, "-q")
    assert r.code == 1, r.stderr  # the example holds banned equipment
    assert digest(source) == before
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Remediation", "Register", "Findings"]
    register = list(book["Register"].iter_rows(values_only=True))
    assert register[3][:2] == ("Asset Tag", "Site")  # the header on its own row, 4
    flags = [row[9] for row in register[4:]]
    assert flags.count("flagged") == 13 and flags.count("not judged") == 1
    assert book["Findings"].max_row == 1 + 165


def test_standard_input_cannot_be_read_again_so_its_flagged_rows_are_copied(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.xlsx"
    stdin = (EXAMPLES / "inventory.csv").read_bytes()
    r = run("scan", "-", "--format", "xlsx", "-o", str(out), "--as-of", AS_OF, "-q", stdin=stdin)
    assert r.code == 1, r.stderr
    book = load_workbook(out)
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
