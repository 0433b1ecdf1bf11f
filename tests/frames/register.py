"""One register, read by every way in: the CLI's JSON report says what each row is, and each
frame path must say the same of the same row."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tests.cli.helpers import run

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.csv"
MORE = [
    # a maker named only by its MAC, a model alone, a misspelt make, an accessory, a clean
    # row no pack knows, a row of nothing but a site, a number for a model, a dated brand
    ["NET-0100", "Depot", "", "", "44:19:B6:00:00:01", "", "", "", ""],
    ["CAM-0101", "Depot", "", "DH-IPC-HFW2431S-S-S2", "", "", "", "2020-05-01", ""],
    ["CAM-0102", "Annex", "Dahau", "IPC-HDBW2431E-S", "", "", "", "", "dome camera"],
    ["ACC-0103", "Annex", "Hikvision", "DS-1272ZJ-110", "", "", "", "", "wall mount bracket"],
    ["CAM-0104", "Annex", "Axis", "P3245-V", "", "", "", "", "dome camera"],
    ["", "Annex", "", "", "", "", "", "", ""],
    ["CAM-0106", "Annex", "Axis", "3245", "", "", "", "", ""],
    ["CAM-0107", "Annex", "Ezviz", "CS-C6N", "", "", "Ezviz Store", "2024-01-10", ""],
]


def write_register(path: Path) -> list[dict[str, str]]:
    """The example register with MORE rows beneath it, written to `path`; its rows."""
    with EXAMPLE.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows += MORE
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


Answer = tuple[str | None, str | None, float | None, str | None, tuple[str, ...], bool]
"""(entity, group, confidence, worst binding severity, binding rules, flagged) of a row."""


def scanned(path: Path, profile: str | None, rows: int) -> list[Answer | None]:
    """What `duediligence scan -f json` says of each row: the judgment of a row it lists; for
    a row it does not list, None (nothing binds, and a scan keeps no attribution then)."""
    args = ["scan", str(path), "-f", "json", "--as-of", "2026-06-01", "--fail-on", "none"]
    done = run(*args, *(["--profile", profile] if profile else []))
    assert done.code == 0, done.stderr
    doc: dict[str, Any] = json.loads(done.stdout)
    out: list[Answer | None] = [None] * rows
    for row in doc["flagged"]:
        j = doc["judgments"][row["judgment"]]
        binding = [f for f in j["findings"] if f["binds"]]
        ranks = ["info", "low", "medium", "high", "critical"]
        worst = max((f["severity"] for f in binding), key=ranks.index, default=None)
        rules = tuple(f["rule_id"] for f in binding)
        entity = j["entity"]
        out[row["row"] - 2] = (
            entity["id"],
            entity["group"],
            j["confidence"],
            worst,
            rules,
            bool(rules),
        )
    return out


def agrees(expected: list[Answer | None], got: list[dict[str, Any]]) -> None:
    """Every row of `got` (the added columns, as dicts, in order) says what the scan said."""
    assert len(got) == len(expected)
    for i, (want, row) in enumerate(zip(expected, got, strict=True)):
        rules = tuple(row["dd_rules"])
        answer = (
            _given(row["dd_entity"]),
            _given(row["dd_group"]),
            _given(row["dd_confidence"]),
            _given(row["dd_severity"]),
            rules,
            bool(row["dd_flagged"]),
        )
        if want is None:
            assert (answer[3], answer[4], answer[5]) == (None, (), False), f"row {i + 2}"
        else:
            assert answer == want, f"row {i + 2}"


def _given(value: Any) -> Any:
    """None for a missing value, however the frame writes it (pandas: NaN)."""
    return None if value is None or value != value else value
