"""The gate: a finding counts for the exit code when it is at or above the threshold, no
waiver in force covers it, and (given a baseline) the baseline did not hold it. Nothing is
ever removed from the report."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from duediligence.api import scan
from duediligence.errors import InputError
from duediligence.gate.baseline import _as_written, load_baseline
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack, load_layers
from duediligence.report import json as json_report
from duediligence.report.interface import RenderOptions
from duediligence.results.findings import Severity, WaiverState
from duediligence.results.fingerprints import asset_fingerprint
from duediligence.results.report import Report
from tests.factory import make_pack
from tests.factory import waivers_file as waivers

AS_OF = date(2026, 1, 1)
# In the test pack AcmeLine AC-1234B meets XX-BAN-A and XX-BRAND-BAN (high), RISK-STATE and
# RISK-XJ (medium); ZED X1 meets the two high ones.
ROWS = ["CAM-1,AcmeLine,AC-1234B,HQ", "NVR-2,ZED,X1,HQ", "CAM-3,AcmeLine,AC-1234B,Depot"]


def inventory(path: Path, rows: list[str] = ROWS) -> Path:
    path.write_text("Asset ID,Make,Model,Site\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def doc(report: Report) -> dict[str, Any]:
    out = StringIO()
    json_report.write(report, RenderOptions(), out)
    parsed: dict[str, Any] = json.loads(out.getvalue())
    return parsed


def gated(tmp_path: Path, pack: Pack, *entries: dict[str, Any], **kw: Any) -> Report:
    return scan(
        [inventory(tmp_path / "inv.csv")],
        pack=pack,
        profile="global",
        as_of=AS_OF,
        waivers=waivers(tmp_path / "w.yml", *entries),
        **kw,
    )


def test_without_waivers_every_finding_at_or_above_the_threshold_counts(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = inventory(tmp_path / "inv.csv")
    assert scan([path], pack=test_pack, profile="global", as_of=AS_OF).failing == 6
    medium = scan([path], pack=test_pack, profile="global", as_of=AS_OF, fail_on=Severity.MEDIUM)
    assert medium.failing == 10
    assert (
        scan([path], pack=test_pack, profile="global", as_of=AS_OF, fail_on=Severity.NONE).failing
        == 0
    )


def test_a_waiver_in_force_keeps_its_findings_but_takes_them_out_of_the_count(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = gated(tmp_path, test_pack, {"asset": "CAM-1", "rule": "XX-*", "expires": "2026-12-31"})
    assert report.summary.findings == 10  # nothing removed
    assert report.failing == 4
    assert report.gate is not None and report.gate.waived == 2
    assert len(report.gate.marks) == 1  # only rows with a mark are kept
    (w,) = report.gate.waivers
    assert (w.state, w.matched, w.applied) == (WaiverState.ACTIVE, 2, True)
    marked = {(f.asset.asset_id, f.rule_id): f.waiver for f in report.findings()}
    assert marked[("CAM-1", "XX-BAN-A")] == w
    assert marked[("CAM-1", "XX-BRAND-BAN")] == w
    assert marked[("CAM-1", "RISK-STATE")] is None  # the glob names the XX rules only
    assert marked[("CAM-3", "XX-BAN-A")] is None  # another asset
    assert not report.warnings


def test_asset_ids_match_as_the_fingerprint_does_whatever_their_case(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = gated(tmp_path, test_pack, {"asset": "cam-1", "rule": "*", "expires": "2026-12-31"})
    assert report.gate is not None and report.gate.waived == 4


def test_an_expired_waiver_is_not_applied_and_is_named(tmp_path: Path, test_pack: Pack) -> None:
    report = gated(tmp_path, test_pack, {"asset": "CAM-1", "rule": "*", "expires": "2025-12-31"})
    assert report.failing == 6
    assert report.gate is not None and report.gate.waived == 0
    (w,) = report.gate.waivers
    assert (w.state, w.matched, w.applied) == (WaiverState.EXPIRED, 4, False)
    assert all(f.waiver is None for f in report.findings())
    (warning,) = report.warnings
    assert "(waivers[0])" in warning and "asset CAM-1" in warning
    assert "expired on 2025-12-31 and is not applied; the 4 findings it matches count again" in (
        warning
    )


def test_a_waiver_expiring_within_30_days_is_applied_and_named(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = gated(tmp_path, test_pack, {"asset": "CAM-1", "rule": "*", "expires": "2026-01-31"})
    assert report.failing == 4
    (warning,) = report.warnings
    assert "expires on 2026-01-31, in 30 days: renew it or resolve the findings" in warning
    later = gated(tmp_path, test_pack, {"asset": "CAM-1", "rule": "*", "expires": "2026-02-01"})
    assert later.gate is not None and later.gate.waivers[0].state is WaiverState.ACTIVE
    assert not later.warnings


def test_a_waiver_that_matches_nothing_is_reported_stale(tmp_path: Path, test_pack: Pack) -> None:
    report = gated(
        tmp_path,
        test_pack,
        {"asset": "CAM-999", "rule": "*", "expires": "2026-12-31"},
        {"asset": "CAM-1", "rule": "US-NDAA-*", "expires": "2026-12-31"},
    )
    assert report.failing == 6
    gone, typo = report.warnings
    assert "asset CAM-999" in gone and "matched no finding (stale)" in gone
    assert "no rule of profile global matches 'US-NDAA-*'" in typo


def test_a_fingerprint_names_an_asset_or_one_finding(tmp_path: Path, test_pack: Pack) -> None:
    plain = scan([inventory(tmp_path / "inv.csv")], pack=test_pack, profile="global", as_of=AS_OF)
    cam3 = next(f for f in plain.findings() if f.asset.asset_id == "CAM-3")
    nvr2 = next(f for f in plain.findings() if f.asset.asset_id == "NVR-2")
    report = gated(
        tmp_path,
        test_pack,
        {"fingerprint": asset_fingerprint("id:cam-3"), "rule": "*", "expires": "2026-12-31"},
        {"fingerprint": nvr2.fingerprint, "rule": "*", "expires": "2026-12-31"},
    )
    waived = {(f.asset.asset_id, f.rule_id) for f in report.findings() if f.waiver}
    assert {r for a, r in waived if a == "CAM-3"} == {
        "XX-BAN-A",
        "XX-BRAND-BAN",
        "RISK-STATE",
        "RISK-XJ",
    }
    assert {r for a, r in waived if a == "NVR-2"} == {nvr2.rule_id}
    assert cam3.rule_id == "XX-BAN-A"
    assert report.failing == 6 - 2 - 1


def baseline_of(
    tmp_path: Path, pack: Pack, rows: list[str], *, pretty: bool = False, **kw: Any
) -> Path:
    """A JSON report of `rows`, as the writer lays it out (or `pretty`: re-indented)."""
    kw.setdefault("profile", "global")
    report = scan([inventory(tmp_path / "old.csv", rows)], pack=pack, as_of=AS_OF, **kw)
    path = tmp_path / "baseline.json"
    with path.open("w", encoding="utf-8") as out:
        json_report.write(report, RenderOptions(), out)
    if pretty:
        path.write_text(json.dumps(doc(report), indent=1), encoding="utf-8")
    return path


def test_against_a_baseline_only_new_findings_count(tmp_path: Path, test_pack: Pack) -> None:
    old = baseline_of(tmp_path, test_pack, ["CAM-1,AcmeLine,AC-1234B,HQ", "CAM-9,ZED,X1,HQ"])
    report = scan(
        [inventory(tmp_path / "inv.csv")],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
        baseline=old,
    )
    assert report.summary.findings == 10
    assert report.failing == 4  # NVR-2 and CAM-3 are new; CAM-1 was known
    new = {(f.asset.asset_id, f.rule_id) for f in report.findings() if f.new}
    assert {a for a, _ in new} == {"NVR-2", "CAM-3"}
    assert all(f.new is False for f in report.findings() if f.asset.asset_id == "CAM-1")
    assert report.gate is not None and report.gate.baseline is not None
    b = report.gate.baseline
    assert (b.findings, b.new, b.unchanged, b.gone) == (6, 6, 4, 2)
    assert not report.warnings


def test_a_baseline_from_another_pack_version_or_profile_is_compared_and_said(
    tmp_path: Path, test_pack: Pack
) -> None:
    version_2 = {"pack.yml": {"id": "test", "version": "2", "reviewed": "2026-11-01"}}
    other = make_pack(tmp_path / "v2", **version_2)
    old = baseline_of(tmp_path, other, ROWS, profile="strict")
    report = scan(
        [inventory(tmp_path / "inv.csv")],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
        baseline=old,
    )
    text = "\n".join(report.warnings)
    assert "written with rule pack test 2, this scan uses test 1" in text
    assert "written for profile strict, this scan is for global" in text
    assert "did not evaluate RISK-STATE, RISK-XJ, XX-BRAND-BAN" in text
    assert report.failing == 3  # XX-BRAND-BAN on three assets; XX-BAN-A was known


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not a JSON report"),
        ('{"a": 1}', "not a duediligence JSON report"),
        ('{"schema_version": "1.0", "findings": []}', "schema 1.0 report"),
        ('{"schema_version": "2.0", "flagged": [{}]}', "incomplete or altered"),
    ],
)
def test_a_baseline_that_cannot_be_compared_is_refused(
    tmp_path: Path, test_pack: Pack, content: str, problem: str
) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        scan(
            [inventory(tmp_path / "inv.csv")],
            pack=test_pack,
            profile="global",
            as_of=AS_OF,
            baseline=path,
        )


def test_the_json_report_marks_rows_and_describes_the_gate(tmp_path: Path, test_pack: Pack) -> None:
    old = baseline_of(tmp_path, test_pack, ["CAM-1,AcmeLine,AC-1234B,HQ"])
    report = gated(
        tmp_path,
        test_pack,
        {"asset": "NVR-2", "rule": "XX-BAN-A", "expires": "2026-12-31"},
        baseline=old,
    )
    d = doc(report)
    rows = {r["fields"]["Asset ID"]: r for r in d["flagged"]}
    assert "waived" not in rows["CAM-1"] and "new" not in rows["CAM-1"]
    assert rows["NVR-2"]["waived"] == {"XX-BAN-A": 0}
    assert rows["NVR-2"]["new"] == ["XX-BAN-A", "XX-BRAND-BAN"]
    assert rows["CAM-3"]["new"] == ["RISK-STATE", "RISK-XJ", "XX-BAN-A", "XX-BRAND-BAN"]
    gate = d["gate"]
    assert (gate["fail_on"], gate["failing"], gate["waived"]) == ("high", 3, 1)
    assert gate["waivers"][0]["state"] == "active" and gate["waivers"][0]["matched"] == 1
    assert gate["baseline"]["new"] == 6


def test_rows_are_marked_alike_whichever_parser_read_them(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        f"CAM-{n},AcmeLine,AC-1234B,HQ" if n % 3 else f"NVR-{n},ZED,X1,Dépôt" for n in range(600)
    ]
    old = baseline_of(tmp_path, test_pack, rows[:400])
    path = inventory(tmp_path / "big.csv", rows)
    w = waivers(
        tmp_path / "w.yml",
        {"asset": "CAM-1", "rule": "*", "expires": "2026-12-31"},
        {"asset": "NVR-501", "rule": "XX-BAN-A", "expires": "2026-12-31"},
    )
    texts = []
    for arrow in (True, False):
        monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
        monkeypatch.setattr(blocks, "BLOCK_BYTES", 2048)
        report = scan(
            [path], pack=test_pack, profile="global", as_of=AS_OF, waivers=w, baseline=old
        )
        # 200 rows new since the baseline, two high findings each, one of them waived.
        assert (len(report.flagged), report.failing) == (600, 2 * 200 - 1)
        out = StringIO()
        json_report.write(report, RenderOptions(), out)
        texts.append(out.getvalue())
    assert texts[0] == texts[1]


def test_a_baseline_reformatted_by_another_tool_is_read_the_same(
    tmp_path: Path, test_pack: Pack
) -> None:
    written = baseline_of(tmp_path, test_pack, ["CAM-1,AcmeLine,AC-1234B,HQ", "CAM-9,ZED,X1,HQ"])
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(written.read_text("utf-8")), indent=2), "utf-8")
    fast, slow = load_baseline(written), load_baseline(pretty)
    assert fast == dataclasses.replace(slow, source=str(written))
    assert len(fast.known) == 2 and fast.findings == 6
    assert _as_written(written.read_bytes()) is not None  # the written layout is read fast
    assert _as_written(pretty.read_bytes()) is None
    # The rows' values, kept as written and read only when asked, read the same both ways.
    assert {fp: fast.values_of(fp) for fp in fast.known} == {
        fp: slow.values_of(fp) for fp in slow.known
    }
    assert all(len(fast.values_of(fp)) == 1 for fp in fast.known)


def test_a_baseline_counts_only_the_findings_that_bound_its_buyer(
    tmp_path: Path, test_pack: Pack
) -> None:
    """A baseline written with no profile holds the ban's findings as `binds: false`: for a
    buyer the ban binds, they were never known, so they are new."""
    old = baseline_of(tmp_path, test_pack, ["CAM-1,AcmeLine,AC-1234B,HQ"], profile=None)
    doc = json.loads(old.read_text(encoding="utf-8"))
    assert doc["profile"] is None
    assert {f["rule_id"] for f in doc["judgments"]["j1"]["findings"] if not f["binds"]} == {
        "XX-BAN-A",
        "XX-BRAND-BAN",
    }
    path = inventory(tmp_path / "inv.csv", ["CAM-1,AcmeLine,AC-1234B,HQ"])
    report = scan([path], pack=test_pack, profile="strict", as_of=AS_OF, baseline=old)
    assert [(f.rule_id, f.new) for f in report.findings()] == [("XX-BAN-A", True)]
    assert report.failing == 1
    assert any(
        "written for no profile chosen, this scan is for strict" in w for w in report.warnings
    )


# Where new findings come from: a baseline scanned with the test pack on 2026-01-01, then
# the register and the pack changed (tests/factory.py, changed_pack_files) and scanned again.
BEFORE = [
    "CAM-1,AcmeLine,AC-1234B,HQ",
    "NVR-2,ZED,X1,HQ",
    "CAM-4,Newco,NC-1000,HQ",  # not recognised: the pack does not know Newco yet
    "CAM-7,ZED,X1,Depot",
]
AFTER = [
    "CAM-1,AcmeLine,AC-1234B,HQ",
    "NVR-2,ZED,X1,HQ",
    "CAM-4,Newco,NC-1000,HQ",
    "CAM-5,AcmeLine,AC-1234B,Annex",  # a new row
    "CAM-7,AcmeLine,AC-1234B,Depot",  # the same asset, replaced by an Acme camera
]
ACME_RISKS = {"RISK-STATE": "register", "RISK-XJ": "register"}


@pytest.fixture(scope="module", params=[False, True], ids=["as-written", "re-indented"])
def changed_scan(
    tmp_path_factory: pytest.TempPathFactory, test_pack: Pack, request: pytest.FixtureRequest
) -> dict[str, Any]:
    from tests.factory import changed_pack_files, write_pack

    tmp = tmp_path_factory.mktemp("origins")
    old = baseline_of(tmp, test_pack, BEFORE, pretty=request.param)
    changed = load_layers([(write_pack(tmp / "v2", changed_pack_files()), "testpack")])
    report = scan(
        [inventory(tmp / "after.csv", AFTER)],
        pack=changed,
        profile="global",
        as_of=date(2026, 12, 1),
        baseline=old,
    )
    from duediligence.report.interface import Format, render

    return {
        "report": report,
        "doc": doc(report),
        "sarif": json.loads(render(Format.SARIF, report)),
        "junit": render(Format.JUNIT, report),
    }


@pytest.mark.parametrize(
    ("asset", "origin"),
    [
        pytest.param("CAM-1", {"XX-NEW": "pack"}, id="same-row-a-measure-new-to-the-pack"),
        pytest.param(
            "NVR-2", {"RISK-STATE": "pack"}, id="same-row-same-values-a-rule-it-did-not-have"
        ),
        pytest.param(
            "CAM-4",
            {"XX-BAN-A": "pack", "XX-BRAND-BAN": "pack", "RISK-STATE": "pack"},
            id="row-the-old-pack-did-not-recognise-a-new-entity-and-pattern",
        ),
        pytest.param(
            "CAM-5",
            {"XX-BAN-A": "register", "XX-BRAND-BAN": "register", **ACME_RISKS, "XX-NEW": "pack"},
            id="new-row-old-rules-from-the-register-the-new-measure-from-the-pack",
        ),
        pytest.param("CAM-7", {**ACME_RISKS, "XX-NEW": "pack"}, id="same-asset-changed-values"),
    ],
)
def test_each_new_finding_says_whether_the_register_or_the_pack_brought_it(
    changed_scan: dict[str, Any], asset: str, origin: dict[str, str]
) -> None:
    rows = {r["fields"]["Asset ID"]: r for r in changed_scan["doc"]["flagged"]}
    assert rows[asset]["new"] == sorted(origin)
    assert rows[asset]["origin"] == dict(sorted(origin.items()))
    report: Report = changed_scan["report"]
    found = {f.rule_id: f.origin for f in report.findings() if f.asset.asset_id == asset}
    assert {r: o.value for r, o in found.items() if o is not None} == origin
    sarif = changed_scan["sarif"]["runs"][0]["results"]
    told = {
        r["ruleId"]: r["properties"]["origin"]
        for r in sarif
        if r["properties"].get("asset_id") == asset and r["baselineState"] == "new"
    }
    assert told == origin
    case = next(
        c
        for c in ET.fromstring(changed_scan["junit"]).iter("testcase")
        if c.get("name", "").startswith(f"{asset} ")
    )
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    noted = dict(
        re.findall(r"^\w+ ([\w-]+) \[new since the baseline, from the (\w+)\]", failure.text, re.M)
    )
    assert noted == origin


@pytest.mark.parametrize(
    ("fmt", "words"),
    [
        pytest.param(
            None, "13 new since the baseline: 6 from the register, 7 from the pack", id="table"
        ),
        pytest.param("markdown", "13 new (6 from the register, 7 from the pack)", id="markdown"),
        pytest.param(
            "html", "13 new since the baseline: 6 from the register, 7 from the pack", id="html"
        ),
    ],
)
def test_the_summary_counts_new_findings_by_origin(
    changed_scan: dict[str, Any], fmt: str | None, words: str
) -> None:
    from duediligence.report.interface import Format, render
    from duediligence.report.rows import summary_line

    report: Report = changed_scan["report"]
    assert report.gate is not None and report.gate.baseline is not None
    b = report.gate.baseline
    assert (b.new, b.from_register, b.from_pack) == (13, 6, 7)
    assert changed_scan["doc"]["gate"]["baseline"]["from_pack"] == 7
    text = summary_line(report) if fmt is None else render(Format(fmt), report)
    assert words in text


def test_rows_get_their_origins_alike_whichever_parser_read_them(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Values are read back only for the rows that need them, block by block."""
    from tests.factory import changed_pack_files, write_pack

    before = [f"NVR-{n},ZED,X1,HQ" for n in range(600)]
    after = [f"NVR-{n},{'ZED,X1' if n % 2 else 'AcmeLine,AC-1234B'},HQ" for n in range(600)]
    old = baseline_of(tmp_path, test_pack, before)
    changed = load_layers([(write_pack(tmp_path / "v2", changed_pack_files()), "testpack")])
    path = inventory(tmp_path / "big.csv", after)
    texts = []
    for arrow in (True, False):
        monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
        monkeypatch.setattr(blocks, "BLOCK_BYTES", 2048)
        report = scan([path], pack=changed, profile="global", as_of=date(2026, 12, 1), baseline=old)
        assert report.gate is not None and report.gate.baseline is not None
        b = report.gate.baseline
        # ZED rows: RISK-STATE from the pack. Acme rows: two risks from the register, XX-NEW
        # from the pack.
        assert (b.from_register, b.from_pack) == (300 * 2, 300 + 300)
        out = StringIO()
        json_report.write(report, RenderOptions(), out)
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
