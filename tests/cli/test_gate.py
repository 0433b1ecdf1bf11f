"""`scan` as a CI gate: every exit code, every waiver state, a baseline, and settings files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.cli.helpers import run
from tests.report.test_sarif import SCHEMA, Draft7Validator

AS_OF = "2026-11-23"
CAMERA = "CAM-1,Hikvision,DS-2CD2143G2-I,HQ"
AXIS = "CAM-2,Axis,P3245-LVE,HQ"


def inventory(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "assets.csv"
    path.write_text("Asset ID,Make,Model,Site\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def waivers(tmp_path: Path, expires: str, asset: str = "CAM-1", rule: str = "*") -> str:
    path = tmp_path / "waivers.yml"
    path.write_text(
        f"waivers:\n  - asset: {asset}\n    rule: '{rule}'\n    reason: Replaced in Q1\n"
        f"    approved_by: Head of Security\n    expires: {expires}\n",
        encoding="utf-8",
    )
    return str(path)


def scan(*args: str) -> Any:
    """The gate judged for a buyer every rule binds, so a covered camera fails at high."""
    return run("scan", "--as-of", AS_OF, "--profile", "global", *args)


def test_exit_1_when_a_finding_at_or_above_the_threshold_remains(tmp_path: Path) -> None:
    assert scan(inventory(tmp_path, CAMERA)).code == 1


def test_exit_0_when_nothing_reaches_the_threshold(tmp_path: Path) -> None:
    assert scan(inventory(tmp_path, AXIS)).code == 0
    assert scan(inventory(tmp_path, CAMERA), "--fail-on", "none").code == 0
    assert scan(inventory(tmp_path, CAMERA), "--fail-on", "critical").code == 0


def test_exit_2_for_a_waivers_file_or_baseline_that_cannot_be_used(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("waivers:\n  - asset: CAM-1\n    rule: '*'\n", encoding="utf-8")
    r = scan(inventory(tmp_path, CAMERA), "--waivers", str(bad))
    assert r.code == 2
    assert "invalid waivers file (3 problems)" in r.stderr and "Traceback" not in r.stderr
    r = scan(inventory(tmp_path, CAMERA), "--baseline", str(tmp_path / "none.json"))
    assert (r.code, r.stderr.strip()) == (
        2,
        f"duediligence: error: {tmp_path / 'none.json'}: baseline report not found",
    )


def test_a_waiver_in_force_passes_the_gate_and_keeps_the_findings(tmp_path: Path) -> None:
    r = scan(
        inventory(tmp_path, CAMERA), "--waivers", waivers(tmp_path, "2027-03-31"), "-f", "json"
    )
    assert r.code == 0
    doc = json.loads(r.stdout)
    assert doc["summary"]["findings"] > 0
    (row,) = doc["flagged"]
    assert set(row["waived"].values()) == {0}
    assert len(row["waived"]) == len(doc["judgments"][row["judgment"]]["findings"])
    assert doc["gate"]["failing"] == 0 and doc["gate"]["waivers"][0]["state"] == "active"


def test_an_expired_waiver_fails_the_gate_and_is_named(tmp_path: Path) -> None:
    r = scan(
        inventory(tmp_path, CAMERA), "--waivers", waivers(tmp_path, "2026-11-01"), "-f", "json"
    )
    assert r.code == 1
    assert "expired on 2026-11-01 and is not applied" in r.stderr


def test_an_expiring_waiver_passes_with_a_warning(tmp_path: Path) -> None:
    r = scan(inventory(tmp_path, CAMERA), "--waivers", waivers(tmp_path, "2026-12-01"))
    assert r.code == 0
    assert "expires on 2026-12-01, in 8 days" in " ".join(r.stdout.split())  # wrapped
    assert "waived" in r.stdout.splitlines()[-1]


def test_a_stale_waiver_is_reported_and_does_not_change_the_exit_code(tmp_path: Path) -> None:
    r = scan(
        inventory(tmp_path, CAMERA),
        "--waivers",
        waivers(tmp_path, "2027-03-31", asset="CAM-404"),
        "-f",
        "json",
    )
    assert r.code == 1
    assert "matched no finding (stale)" in r.stderr


def test_against_a_baseline_only_new_findings_fail(tmp_path: Path) -> None:
    before = tmp_path / "baseline.json"
    assert scan(inventory(tmp_path, CAMERA), "-f", "json", "-o", str(before)).code == 1
    assert scan(inventory(tmp_path, CAMERA, AXIS), "--baseline", str(before)).code == 0
    r = scan(
        inventory(tmp_path, CAMERA, "CAM-3,Dahua,IPC-HFW2431S-S-S2,Depot"),
        "--baseline",
        str(before),
        "-f",
        "json",
    )
    assert r.code == 1
    doc = json.loads(r.stdout)
    new = {row["fields"]["Asset ID"]: row.get("new") for row in doc["flagged"]}
    assert new["CAM-1"] is None and new["CAM-3"]
    assert doc["gate"]["baseline"]["new"] == len(new["CAM-3"])


def test_sarif_carries_suppressions_and_baseline_states_and_stays_valid(tmp_path: Path) -> None:
    before = tmp_path / "baseline.json"
    scan(inventory(tmp_path, CAMERA), "-f", "json", "-o", str(before))
    r = scan(
        inventory(tmp_path, CAMERA, "CAM-3,Dahua,IPC-HFW2431S-S-S2,Depot"),
        "--baseline",
        str(before),
        "--waivers",
        waivers(tmp_path, "2027-03-31", rule="US-NDAA-889-*"),
        "-f",
        "sarif",
    )
    doc = json.loads(r.stdout)
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(doc)] == []
    results = doc["runs"][0]["results"]
    waived = [x for x in results if "suppressions" in x]
    assert {x["ruleId"] for x in waived} == {"US-NDAA-889-A", "US-NDAA-889-B"}
    assert all(x["properties"]["asset_id"] == "CAM-1" for x in waived)
    (s,) = waived[0]["suppressions"]
    assert s["kind"] == "external" and s["status"] == "accepted"
    assert s["justification"].startswith("Replaced in Q1 (approved by Head of Security")
    states = {x["properties"]["asset_id"]: x["baselineState"] for x in results}
    assert states == {"CAM-1": "unchanged", "CAM-3": "new"}


def test_settings_in_the_working_folder_apply_and_flags_override_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "duediligence.toml").write_text('fail-on = "none"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = inventory(tmp_path, CAMERA)
    r = scan(path)
    assert r.code == 0
    assert f"settings: {tmp_path / 'duediligence.toml'}" in r.stderr
    assert scan(path, "--fail-on", "high").code == 1
    assert scan(path, "--config", str(tmp_path / "missing.toml")).code == 2


def test_a_bad_settings_file_is_exit_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "duediligence.toml").write_text('fail-on = "severe"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = scan(inventory(tmp_path, CAMERA))
    assert r.code == 2
    assert f"{tmp_path / 'duediligence.toml'}: invalid settings" in r.stderr


def test_junit_passes_an_asset_whose_every_finding_is_waived_and_notes_partial_waivers(
    tmp_path: Path,
) -> None:
    dahua = "CAM-3,Dahua,IPC-HFW2431S-S-S2,Depot"
    path = tmp_path / "waivers.yml"
    path.write_text(
        "waivers:\n"
        "  - {asset: CAM-1, rule: '*', reason: Lab, approved_by: CISO, expires: 2027-03-31}\n"
        "  - {asset: CAM-3, rule: US-NDAA-889-A, reason: Isolated, approved_by: CISO,"
        " expires: 2027-03-31}\n",
        encoding="utf-8",
    )
    r = scan(inventory(tmp_path, CAMERA, dahua), "--waivers", str(path), "-f", "junit")
    root = ElementTree.fromstring(r.stdout)
    assert root.attrib["failures"] == "1"
    cases = {c.attrib["name"].split()[0]: c for c in root.iter("testcase")}
    cam1, cam3 = cases["CAM-1"], cases["CAM-3"]
    assert cam1.find("failure") is None
    assert "waived until 2027-03-31 by CISO: Lab" in (cam1.findtext("system-out") or "")
    failure = cam3.find("failure")
    assert failure is not None
    assert "US-NDAA-889-A [waived until 2027-03-31 by CISO: Isolated]" in (failure.text or "")
