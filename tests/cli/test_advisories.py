"""`duediligence rules advisories --import`: a newer catalogue over the bundled advisories.

The fixture is a small catalogue in the shape of cisagov/kev-data's JSON, released after the
bundled 2025.08.25 release: one Hikvision entry added (CVE-2017-7921, on the date news
reports gave it; the bundled release does not hold it), one entry of a vendor the pack does
not hold, one bundled entry whose required action changed, one bundled entry missing
(withdrawn), and the bundled TP-Link and Reolink entries as the release gives them (added
before it: neither new nor changed).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import findings, run

FIXTURE = Path(__file__).parents[1] / "pack" / "kev" / "newer.json"
REGISTER = (
    "Asset Tag,Manufacturer,Model No.,Firmware\n"
    "CAM-1,Hikvision,DS-2CD2143G2-I,V5.5.0 build 200911\n"
    "CAM-2,Dahua,IPC-HDW5442TM-AS,\n"
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may open a connection: the catalogue is a file the user downloaded."""

    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("the network was reached")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _import(*args: str) -> dict[str, Any]:
    r = run("rules", "advisories", "--import", str(FIXTURE), "--format", "json", *args)
    assert r.code == 0, r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


def test_added_changed_and_withdrawn_entries_are_reported() -> None:
    doc = _import()
    assert doc["catalogue"] == {"version": "2026.03.06", "released": "2026-03-06", "entries": 9}
    assert doc["since"] == "2025-08-25"
    # Only entries added since the bundled release that name a vendor in the pack.
    assert [(a["cve"], a["vendor"], a["added"], a["due"]) for a in doc["added"]] == [
        ("CVE-2017-7921", "Hikvision", "2026-03-05", "2026-03-26")
    ]
    assert doc["changed"] == [
        {
            "advisory": "hikvision-web-command-injection",
            "cve": "CVE-2021-36260",
            "fields": {
                "required_action": [
                    "Apply updates per vendor instructions.",
                    "Apply mitigations per vendor instructions or discontinue use of the"
                    " product if mitigations are unavailable.",
                ]
            },
        }
    ]
    assert doc["withdrawn"] == [
        {"advisory": "dahua-authentication-bypass", "cve": "CVE-2021-33045"}
    ]


def test_the_table_says_what_an_added_entry_needs() -> None:
    r = run("rules", "advisories", "--import", str(FIXTURE))
    assert r.code == 0
    first, *lines = r.stdout.splitlines()
    assert first == (
        "catalogue 2026.03.06 (9 entries): 1 added since 2025-08-25 naming a vendor in the"
        " pack, 1 changed, 1 withdrawn"
    )
    assert any("CVE-2017-7921" in line and "needs model patterns" in line for line in lines)


def _kev_rows(doc: dict[str, Any]) -> dict[str, str]:
    return {
        f["asset"]["asset_id"]: f["message"]
        for f in findings(doc)
        if f["rule_id"] == "RISK-KNOWN-EXPLOITED"
    }


def test_the_written_layer_loads_and_the_scan_reads_it(tmp_path: Path) -> None:
    layer = tmp_path / "kev-layer"
    doc = _import("--write", str(layer))
    assert doc["layer"] == ["advisories/kev-imported.yml", "sources.yml"]
    assert run("rules", "validate", str(layer)).code == 0
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    args = ("scan", str(register), "--format", "json", "--quiet", "--profile", "us-federal")
    before = _kev_rows(json.loads(run(*args).stdout))
    after = _kev_rows(json.loads(run(*args, "--rules", str(layer)).stdout))
    assert set(before) == set(after) == {"CAM-1", "CAM-2"}
    assert "CVE-2021-33044, CVE-2021-33045" in before["CAM-2"]
    assert "CVE-2021-33044;" in after["CAM-2"]  # the withdrawn CVE is gone


def test_an_advisory_whose_every_entry_is_withdrawn_flags_nothing(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["vulnerabilities"] = [v for v in data["vulnerabilities"] if v["vendorProject"] != "Dahua"]
    newer = tmp_path / "kev.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    layer = tmp_path / "layer"
    r = run("rules", "advisories", "--import", str(newer), "--write", str(layer))
    assert r.code == 0, r.stderr
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    scanned = run("scan", str(register), "--format", "json", "--quiet", "--rules", str(layer))
    assert set(_kev_rows(json.loads(scanned.stdout))) == {"CAM-1"}


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("change", "needle", "field"),
    [
        pytest.param(
            ('"dueDate": "2024-09-11"', '"dueDate": "11/09/2024"'),
            '"11/09/2024"',
            "vulnerabilities[3].dueDate",
            id="bad-due-date",
        ),
        pytest.param(
            ('"cveID": "CVE-2023-1389"', '"cveID": "CVE-23-1389"'),
            '"CVE-23-1389"',
            "vulnerabilities[4].cveID",
            id="bad-cve-id",
        ),
        pytest.param(
            ('"vendorProject": "Zyxel",', ""),
            '{\n            "cveID": "CVE-2026-10001"',
            "vulnerabilities[1].vendorProject",
            id="missing-vendor-on-its-entrys-line",
        ),
    ],
)
def test_a_malformed_entry_is_exit_2_naming_line_and_field(
    tmp_path: Path, change: tuple[str, str], needle: str, field: str
) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(*change)
    bad = tmp_path / "kev.json"
    bad.write_text(text, encoding="utf-8")
    r = run("rules", "advisories", "--import", str(bad))
    assert r.code == 2
    assert f"line {_line_of(text, needle)}: {field}:" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        pytest.param(
            '{"catalogVersion": "1",\n  "vulnerabilities": [}',
            "line 2: not valid JSON",
            id="not-json",
        ),
        pytest.param("[1, 2, 3]", "line 1: field", id="not-a-catalogue"),
        pytest.param(
            '{"catalogVersion": "1", "dateReleased": "2026-01-01T00:00:00Z"}',
            "field 'vulnerabilities'",
            id="no-entries",
        ),
    ],
)
def test_a_file_that_is_not_a_catalogue_is_exit_2(tmp_path: Path, text: str, said: str) -> None:
    bad = tmp_path / "kev.json"
    bad.write_text(text, encoding="utf-8")
    r = run("rules", "advisories", "--import", str(bad))
    assert r.code == 2 and said in r.stderr, r.stderr


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    r = run("rules", "advisories", "--import", str(tmp_path / "absent.json"))
    assert r.code == 2 and "cannot read the catalogue" in r.stderr
