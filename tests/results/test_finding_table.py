"""`Report.to_arrow`, `to_pandas` and `to_polars`: one row per finding, the asset's own cells
beside what was concluded, as the JSON report lists the same findings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import duediligence
from duediligence.report.json import to_dict
from duediligence.results.finding_table import AFTER, BEFORE
from tests.cli.helpers import findings

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.csv"


@pytest.fixture(scope="module")
def report() -> duediligence.Report:
    return duediligence.scan(EXAMPLE, profile="us-federal", as_of=date(2026, 6, 1))


def test_one_row_per_finding_as_the_json_lists_them(report: duediligence.Report) -> None:
    table = report.to_arrow()
    doc = json.loads(json.dumps(to_dict(report)))
    expected = findings(doc)
    assert table.num_rows == len(expected)
    rows = table.to_pylist()
    for row, want in zip(rows, expected, strict=True):
        assert row["dd_row"] == want["asset"]["row"]
        assert row["dd_rule"] == want["rule_id"]
        assert row["dd_severity"] == want["severity"]
        assert row["dd_binds"] == want["binds"]
        assert row["dd_entity"] == want["entity"]["id"]
        assert row["dd_group"] == want["entity"]["group"]
        assert row["dd_sources"] == want["references"]
        assert row["dd_fingerprint"] == want["fingerprint"]
        assert row["dd_waived"] is None  # no waivers file given


def test_the_assets_cells_sit_between_where_and_what(report: duediligence.Report) -> None:
    table = report.to_arrow()
    header = list(report.inputs[0].columns)
    assert table.column_names == [*BEFORE, *header, *AFTER]
    first = table.slice(0, 1).to_pylist()[0]
    assert (first["Asset Tag"], first["Manufacturer"]) == ("CAM-0001", "Hikvision")


def test_pandas_and_polars_hold_the_same_rows(report: duediligence.Report) -> None:
    table = report.to_arrow()
    frame = report.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["dd_rule"]) == table.column("dd_rule").to_pylist()
    polars = report.to_polars()
    assert isinstance(polars, pl.DataFrame)
    assert polars.to_dicts() == table.to_pylist()


def test_a_clean_register_gives_an_empty_table_with_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "clean.csv"
    path.write_text("Make,Model\nAxis,P3245-V\n", encoding="utf-8")
    table = duediligence.scan(path).to_arrow()
    assert table.num_rows == 0
    assert table.column_names == [*BEFORE, "Make", "Model", *AFTER]
