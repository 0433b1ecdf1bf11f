"""Registers exported the way their tools export them are read column by column, and their
covered rows are found: one fixture per template (tests/inventory/templates, sources in
SOURCES.md), each judged against expected.yml."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from duediligence import api
from duediligence.results.assets import Field

TEMPLATES = Path(__file__).parent / "templates"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (TEMPLATES / "expected.yml").read_text(encoding="utf-8")
)["fixtures"]
COVERED_RULE = "US-NDAA-889-A"
AS_OF = date(2026, 11, 23)


def cases(check: str) -> list[Any]:
    out = []
    for name, spec in EXPECTED.items():
        pending = spec.get("pending", {}).get(check)
        marks = [pytest.mark.xfail(strict=True, reason=pending)] if pending else []
        out.append(pytest.param(name, spec, marks=marks, id=name))
    return out


@pytest.mark.parametrize(("name", "spec"), cases("columns"))
def test_each_template_column_is_read_as_its_field(name: str, spec: dict[str, Any]) -> None:
    inventory = api.columns([TEMPLATES / name])[0]
    header, fields = inventory.columns.header, inventory.columns.fields
    read = {f.value: header[i] for f, i in fields.items()}
    for field, column in spec["columns"].items():
        if field == "combined":
            assert column in (read.get(Field.MAKE.value), read.get(Field.MODEL.value)), read
        else:
            assert read.get(field) == column, read


@pytest.mark.parametrize(("name", "spec"), cases("flagged"))
def test_each_template_flags_exactly_its_covered_rows(name: str, spec: dict[str, Any]) -> None:
    report = api.scan([TEMPLATES / name], profile="global", as_of=AS_OF)
    wanted = set(spec["flagged"])
    flagged: set[str] = set()
    for row in report.flagged:
        if any(h.rule_id == COVERED_RULE for h in row.judgment.hits):
            values = set(row.asset.fields.values())
            flagged |= (values & wanted) or {f"row {row.asset.location.row}"}
    assert flagged == wanted


def test_every_fixture_is_cited_in_sources() -> None:
    sources = (TEMPLATES / "SOURCES.md").read_text(encoding="utf-8")
    tooling = {"SOURCES.md", "expected.yml", "make_fixtures.py", "__init__.py", "__pycache__"}
    assert set(EXPECTED) == {p.name for p in TEMPLATES.iterdir()} - tooling
    assert all(f"`{name}`" in sources for name in EXPECTED)


@pytest.mark.parametrize("name", ["fedramp-inventory.xlsx", "lansweeper-assets.xlsx"])
def test_committed_workbooks_hold_what_the_script_writes(name: str) -> None:
    from tests.inventory.templates import make_fixtures

    made = make_fixtures.WORKBOOKS[name]().active
    committed = load_workbook(TEMPLATES / name).active
    assert made is not None and committed is not None

    def cells(sheet: Any) -> list[tuple[object, ...]]:
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]

    assert cells(committed) == cells(made)
