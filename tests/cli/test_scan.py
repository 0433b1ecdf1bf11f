"""The real CLI on the bundled examples: exact findings and exit codes."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = "2026-11-23"

HIKVISION_OR_DAHUA = {
    "TW-GOV-PRC-BRANDS",
    "US-NDAA-889-A",
    "US-NDAA-889-B",
    "RISK-STATE-OWNERSHIP",
    "RISK-XINJIANG-SURVEILLANCE",
    "UK-FAC-2021",
}
TELECOM = {"TW-GOV-PRC-BRANDS", "US-NDAA-889-A", "US-NDAA-889-B"}

# CSV row -> (asset, group, rules) under the default `global` profile.
EXPECTED = {
    2: ("CAM-0001", "hikvision", HIKVISION_OR_DAHUA),  # exact make + model
    3: ("CAM-0002", "hikvision", HIKVISION_OR_DAHUA),  # 'Hikvison' typo
    4: ("CAM-0003", "hikvision", HIKVISION_OR_DAHUA),  # model number only
    5: ("CAM-0004", "hikvision", HIKVISION_OR_DAHUA),  # HiLook brand
    6: ("NVR-0001", "dahua", HIKVISION_OR_DAHUA),
    7: ("CAM-0005", "dahua", HIKVISION_OR_DAHUA),  # legal name with Co., Ltd.
    # Lorex bought in 2020, while Dahua owned it; a Canadian brand, so not Taiwan's ban.
    8: ("CAM-0006", "dahua", HIKVISION_OR_DAHUA - {"TW-GOV-PRC-BRANDS"}),
    12: ("RAD-0001", "hytera", TELECOM),
    13: ("SW-0001", "huawei", TELECOM),
    14: ("ONT-0001", "zte", TELECOM),
    15: ("CAM-0010", "dahua", HIKVISION_OR_DAHUA),  # MAC only
    16: ("CAM-0011", "hikvision", HIKVISION_OR_DAHUA),  # Ezviz brand
    18: ("CAM-0013", "hikvision", HIKVISION_OR_DAHUA),  # model inside a description
}


def scan_json(*args: str, as_of: str = AS_OF) -> tuple[int, dict[str, Any]]:
    r = run("scan", *args, "--as-of", as_of, "--format", "json", "--quiet")
    return r.code, json.loads(r.stdout)


def by_row(doc: dict[str, Any], offset: int = 0) -> dict[int, tuple[str, str, set[str]]]:
    out: dict[int, tuple[str, str, set[str]]] = {}
    for f in doc["findings"]:
        row = f["asset"]["row"] - offset
        asset_id, group, rules = out.setdefault(
            row, (f["asset"]["asset_id"], f["entity"]["group"], set())
        )
        rules.add(f["rule_id"])
    return out


@pytest.mark.parametrize(
    ("name", "offset", "sheet"),
    [("inventory.csv", 0, None), ("inventory.xlsx", 3, "Register")],
)
def test_the_examples_give_exactly_the_expected_findings(
    name: str, offset: int, sheet: str | None
) -> None:
    code, doc = scan_json(str(EXAMPLES / name))
    assert code == 1
    assert by_row(doc, offset) == EXPECTED
    summary = doc["summary"]
    assert summary == {
        "assets": 18,
        "attributed": 14,  # the 13 flagged rows and the Lorex bought in 2024
        "unknown": 3,  # Axis, Bosch, Hanwha: not in the pack, not flagged
        "skipped": 1,
        "flagged": 13,
        "findings": 68,
        "by_severity": {"high": 38, "medium": 30},
        "by_group": {"dahua": 4, "huawei": 1, "hikvision": 6, "hytera": 1, "zte": 1},
        "by_rule": {
            "RISK-STATE-OWNERSHIP": 10,
            "RISK-XINJIANG-SURVEILLANCE": 10,
            "TW-GOV-PRC-BRANDS": 12,
            "UK-FAC-2021": 10,
            "US-NDAA-889-A": 13,
            "US-NDAA-889-B": 13,
        },
    }
    assert {f["asset"]["sheet"] for f in doc["findings"]} == {sheet}
    assert [(s["row"] - offset, s["reason"][:10]) for s in doc["skips"]] == [(19, "no make, m")]


def test_every_finding_carries_evidence_references_and_an_action() -> None:
    _, doc = scan_json(str(EXAMPLES / "inventory.csv"))
    for f in doc["findings"]:
        assert f["evidence"] and f["references"] and f["recommended_action"]
        assert set(f["references"]) <= set(doc["sources"])
        assert f["rule_id"] in doc["rules"]
    typo = next(f for f in doc["findings"] if f["asset"]["asset_id"] == "CAM-0002")
    assert typo["evidence"][0]["explanation"].startswith("'Hikvison' ≈ (score 94, 1 edit)")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param([], 1, id="default-fail-on-high"),
        pytest.param(["--fail-on", "critical"], 0, id="nothing-critical-under-global"),
        pytest.param(["--fail-on", "none"], 0, id="never-fail"),
        pytest.param(["--fail-on", "medium"], 1, id="medium"),
        pytest.param(["--profile", "us-federal", "--fail-on", "critical"], 1, id="us-federal"),
        pytest.param(["--profile", "uk-public-sector"], 1, id="uk-risk-rules-are-high"),
    ],
)
def test_exit_codes(args: list[str], code: int) -> None:
    r = run("scan", str(EXAMPLES / "inventory.csv"), "--as-of", AS_OF, "--quiet", *args)
    assert r.code == code, r.stderr


def test_fail_on_never_hides_lower_findings() -> None:
    _, everything = scan_json(str(EXAMPLES / "inventory.csv"))
    _, strict = scan_json(str(EXAMPLES / "inventory.csv"), "--fail-on", "critical")
    assert everything["findings"] == strict["findings"]


def test_measures_apply_only_from_their_effective_date() -> None:
    path = str(EXAMPLES / "inventory.csv")
    _, before = scan_json(path, "--profile", "tw-government", as_of="2021-12-31")
    _, from_day_one = scan_json(path, "--profile", "tw-government", as_of="2022-01-01")
    assert "TW-GOV-PRC-BRANDS" not in before["summary"]["by_rule"]
    assert from_day_one["summary"]["by_rule"]["TW-GOV-PRC-BRANDS"] == 12


def test_the_profile_sets_severity() -> None:
    _, doc = scan_json(str(EXAMPLES / "inventory.csv"), "--profile", "us-federal")
    severities = {(f["rule_id"], f["severity"]) for f in doc["findings"]}
    assert ("US-NDAA-889-A", "critical") in severities
    assert {r for r, _ in severities} == {
        "US-NDAA-889-A",
        "RISK-STATE-OWNERSHIP",
        "RISK-XINJIANG-SURVEILLANCE",
    }


def test_the_table_goes_to_stdout_and_ends_with_the_summary() -> None:
    r = run("scan", str(EXAMPLES / "inventory.csv"), "--as-of", AS_OF)
    assert r.code == 1
    assert r.stdout.rstrip().splitlines()[-1] == (
        "18 assets read · 13 flagged · 68 findings (38 high, 30 medium) · 3 not recognised"
        " · 1 skipped"
    )


def test_map_overrides_a_column(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Brand,Maker,Part\nAxis,Hikvision,DS-2CD2143G2-I\n")
    code, doc = scan_json(str(path), "--map", "make=Maker", "--map", "model=Part")
    assert code == 1
    assert doc["findings"][0]["asset"]["make"] == "Hikvision"


def test_json_output_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    r = run("scan", str(EXAMPLES / "inventory.csv"), "--as-of", AS_OF, "-f", "json", "-o", str(out))
    assert r.code == 1
    assert r.stdout == ""
    assert json.loads(out.read_text())["summary"]["flagged"] == 13
    assert not list(tmp_path.glob(".*.tmp"))
