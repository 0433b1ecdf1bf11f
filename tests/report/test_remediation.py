"""The remediation plan: by site, each flagged asset under the strongest action its rules ask
for, with the deadline, the mitigations and a few assets to find."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from duediligence.api import scan
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack
from duediligence.report.remediation import NO_SITE, Kind, advice, kind_of, plan
from duediligence.results.findings import Deadline, Hit, RuleInfo, Severity
from duediligence.results.report import Report
from tests.report.kev import kev_report

AS_OF = date(2026, 1, 1)
HEADER = "Asset ID,Make,Model,Site"


def scanned(tmp_path: Path, pack: Pack, *rows: str, profile: str | None = "global") -> Report:
    path = tmp_path / "inv.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return scan([path], pack=pack, as_of=AS_OF, profile=profile)


def rule(kind: str = "measure", status: str = "in_force", **changes: Any) -> RuleInfo:
    base = RuleInfo(
        id="R",
        title="A rule",
        kind=kind,
        jurisdiction="XX",
        status=status,
        effective=None,
        binds="agencies",
        rationale="Because.",
        recommended_action="Act.",
        mitigations=(),
        sources=(),
    )
    return dataclasses.replace(base, **changes)


def hit(severity: Severity) -> Hit:
    return Hit("R", severity, "XX", "Covered.", "Act.", ())


def with_rules(report: Report, changes: dict[str, dict[str, Any]]) -> Report:
    """The report with some of its rules described otherwise (deadlines, mitigations...)."""
    rules = dict(report.rules)
    for rule_id, change in changes.items():
        rules[rule_id] = dataclasses.replace(rules[rule_id], **change)
    return dataclasses.replace(report, rules=rules)


@pytest.mark.parametrize(
    ("info", "severity", "expected"),
    [
        pytest.param(rule(), Severity.CRITICAL, Kind.REMOVE, id="binding-ban-critical-remove"),
        pytest.param(rule(), Severity.HIGH, Kind.REPLACE, id="binding-ban-high-replace"),
        pytest.param(rule(), Severity.MEDIUM, Kind.MITIGATE, id="binding-ban-medium-mitigate"),
        pytest.param(rule(), Severity.INFO, Kind.MITIGATE, id="binding-ban-info-mitigate"),
        pytest.param(
            rule(status="recommended"), Severity.CRITICAL, Kind.MITIGATE, id="recommended"
        ),
        pytest.param(rule(status="proposed"), Severity.HIGH, Kind.MITIGATE, id="proposed"),
        pytest.param(rule(status="advisory"), Severity.HIGH, Kind.MITIGATE, id="advisory"),
        pytest.param(
            rule(kind="risk", status="advisory"), Severity.CRITICAL, Kind.MITIGATE, id="risk"
        ),
        pytest.param(None, Severity.CRITICAL, Kind.MITIGATE, id="rule-not-described"),
    ],
)
def test_what_a_rule_asks_for(info: RuleInfo | None, severity: Severity, expected: Kind) -> None:
    assert kind_of(hit(severity), info) is expected


def test_assets_are_grouped_by_site_under_their_strongest_action(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = scanned(
        tmp_path,
        test_pack,
        "CAM-1,Acme,AC-1234B,HQ",
        "CAM-2,Acme,AC-2040X-I, HQ ",  # the site as read, trimmed
        "CAM-3,ZED,Z1,Depot",
        "CAM-4,Acme,AC-9999Z,",
        "CAM-5,Axis,P1,HQ",  # clean: not in the plan
    )
    plans = plan(report)
    assert [(p.site, p.assets) for p in plans] == [("Depot", 1), ("HQ", 2), (NO_SITE, 1)]
    (hq,) = plans[1].actions
    # Under `global` both bans are high: replace; the risk rules are subsumed.
    assert (hq.kind, hq.rules, hq.severity, hq.assets) == (
        Kind.REPLACE,
        ("XX-BAN-A", "XX-BRAND-BAN"),
        Severity.HIGH,
        2,
    )
    assert [e.name for e in hq.examples] == ["CAM-1", "CAM-2"]
    assert str(hq.examples[0]) == f"CAM-1 ({report.inputs[0].source}, row 2)"
    assert hq.recommended == ("Remove it.", "Replace it.")
    assert (hq.deadline, hq.overdue) == (None, False)
    assert sum(p.assets for p in plans) == report.summary.flagged


def test_a_critical_ban_means_remove(tmp_path: Path, test_pack: Pack) -> None:
    report = scanned(tmp_path, test_pack, "CAM-1,Acme,AC-1234B,HQ", profile="strict")
    ((action,),) = [p.actions for p in plan(report)]
    assert (action.kind, action.rules, action.severity) == (
        Kind.REMOVE,
        ("XX-BAN-A",),
        Severity.CRITICAL,
    )


def test_the_deadline_is_the_earliest_of_the_deciding_rules_and_may_be_overdue(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = with_rules(
        scanned(tmp_path, test_pack, "CAM-1,Acme,AC-1234B,HQ"),
        {
            "XX-BAN-A": {"deadlines": (Deadline("replace by", "2027-06-30"),)},
            "XX-BRAND-BAN": {"deadlines": (Deadline("remove by", "2025-12-31"),)},
        },
    )
    ((action,),) = [p.actions for p in plan(report)]
    assert action.deadline == Deadline("remove by", "2025-12-31")
    assert (action.deadline_rule, action.overdue) == ("XX-BRAND-BAN", True)
    earlier = dataclasses.replace(report, as_of="2025-12-31")  # due that day: not yet past
    ((action,),) = [p.actions for p in plan(earlier)]
    assert action.overdue is False


def test_equipment_that_may_stay_gets_the_mitigations_and_no_deadline(
    tmp_path: Path, test_pack: Pack
) -> None:
    isolate = "Isolate the camera network; block outbound traffic."
    report = with_rules(
        scanned(tmp_path, test_pack, "CAM-1,Acme,AC-1234B,HQ"),
        {
            "XX-BAN-A": {"status": "recommended", "deadlines": (Deadline("by", "2020-01-01"),)},
            "XX-BRAND-BAN": {"status": "proposed"},
            "RISK-STATE": {"mitigations": (isolate, "Keep firmware patched.")},
            "RISK-XJ": {"mitigations": (isolate,)},
        },
    )
    ((action,),) = [p.actions for p in plan(report)]
    assert action.kind is Kind.MITIGATE
    assert action.rules == ("XX-BAN-A", "XX-BRAND-BAN", "RISK-STATE", "RISK-XJ")
    assert action.mitigations == (isolate, "Keep firmware patched.")  # each once
    assert (action.deadline, action.overdue) == (None, False)


def test_examples_are_the_first_three_in_inventory_order(tmp_path: Path, test_pack: Pack) -> None:
    rows = [f"CAM-{n},Acme,AC-1234B,HQ" for n in range(5)]
    report = scanned(tmp_path, test_pack, *rows, "ZED-1,ZED,Z1,HQ", profile="strict")
    ((remove,),) = [p.actions for p in plan(report)]
    assert remove.assets == 6
    assert [e.name for e in remove.examples] == ["CAM-0", "CAM-1", "CAM-2"]


def test_actions_at_a_site_are_most_urgent_first(tmp_path: Path, test_pack: Pack) -> None:
    report = scanned(
        tmp_path,
        test_pack,
        "Z-1,ZED,Z1,HQ",
        "A-1,Acme,AC-1234B,HQ",
        "L-1,AcmeLine,X1,HQ",
        "L-2,AcmeLine,X1,HQ",
    )
    risk = Hit("RISK-STATE", Severity.MEDIUM, None, "Owned.", "Review.", ())
    ban = Hit("XX-BAN-A", Severity.CRITICAL, "XX", "Banned.", "Remove it.", ())
    by_entity = {"zed": (risk,), "acmeline": (ban,)}
    judgments = tuple(
        dataclasses.replace(j, hits=by_entity.get(j.attribution.entity.id, j.hits))
        for j in report.judgments
    )
    (hq,) = plan(dataclasses.replace(report, judgments=judgments))
    assert [(a.kind, a.rules, a.assets) for a in hq.actions] == [
        (Kind.REMOVE, ("XX-BAN-A",), 2),
        (Kind.REPLACE, ("XX-BAN-A", "XX-BRAND-BAN"), 1),
        (Kind.MITIGATE, ("RISK-STATE",), 1),
    ]
    assert hq.assets == 4


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_rows_read_in_blocks_give_the_same_plan(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    sites = ["HQ", "Depot", "", " Annex "]
    rows = [
        f"A{n},Acme,AC-{1000 + n}B,{sites[n % 4]}" if n % 3 else f"A{n},Axis,P{n},HQ"
        for n in range(300)
    ]
    monkeypatch.setattr(blocks, "MIN_BYTES", 1 << 60)
    expected = plan(scanned(tmp_path, test_pack, *rows))
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # several blocks
    report = scanned(tmp_path, test_pack, *rows)
    assert plan(report) == expected
    assert [(p.site, p.assets) for p in expected] == [
        ("Annex", 50),
        ("Depot", 50),
        ("HQ", 50),
        (NO_SITE, 50),
    ]
    assert [e.name for e in expected[0].actions[0].examples] == ["A7", "A11", "A19"]


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_an_actions_examples_are_its_first_rows_across_judgments_blocks_and_files(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    # AcmeLine AC-1234B and ZED X1 are two judgments with one action under `global`: replace
    # for XX-BAN-A and XX-BRAND-BAN. The small file is parsed by the csv module whatever the
    # setting.
    small = tmp_path / "small.csv"
    small.write_text(f"{HEADER}\nA-0,Axis,P1,HQ\nZ-1,ZED,X1,HQ\n", encoding="utf-8")
    rows = [f"C-{n},AcmeLine,AC-1234B,HQ" if n % 5 else f"Z-{n},ZED,X1,HQ" for n in range(400)]
    big = tmp_path / "big.csv"
    big.write_text("\n".join([HEADER, "Q-0,Axis,P2,HQ", *rows]) + "\n", encoding="utf-8")

    def planned() -> tuple[Any, ...]:
        return plan(scan([small, big], pack=test_pack, profile="global", as_of=AS_OF))

    monkeypatch.setattr(blocks, "MIN_BYTES", 1 << 60)
    expected = planned()
    monkeypatch.setattr(blocks, "MIN_BYTES", small.stat().st_size + 1 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # the big file in several blocks
    assert planned() == expected
    ((replace,),) = [p.actions for p in expected]
    assert (replace.kind, replace.rules, replace.assets) == (
        Kind.REPLACE,
        ("XX-BAN-A", "XX-BRAND-BAN"),
        401,
    )
    assert [str(e) for e in replace.examples] == [
        f"Z-1 ({small}, row 3)",
        f"Z-0 ({big}, row 3)",
        f"C-1 ({big}, row 4)",
    ]


@pytest.mark.parametrize(
    ("profile", "actions"),
    [
        pytest.param(None, {"HQ": [(Kind.MITIGATE, ("RISK-STATE", "RISK-XJ"))]}, id="no-profile"),
        pytest.param(
            "strict",
            {"HQ": [(Kind.REMOVE, ("XX-BAN-A",))], "Depot": [(Kind.REMOVE, ("XX-BAN-A",))]},
            id="strict",
        ),
    ],
)
def test_only_the_rules_that_bind_give_actions(
    tmp_path: Path, test_pack: Pack, profile: str | None, actions: dict[str, Any]
) -> None:
    """Under no profile the ZED camera at the depot is named only by measures binding someone
    else: it has no action, and no deadline is borrowed from them."""
    report = scanned(tmp_path, test_pack, "CAM-1,Acme,AC-1234B,HQ", "CAM-2,ZED,Z-1,Depot",
                     profile=profile)  # fmt: skip
    found = {p.site: [(a.kind, a.rules) for a in p.actions] for p in plan(report)}
    assert found == actions
    assert all(a.deadline is None for p in plan(report) for a in p.actions) or profile


@pytest.mark.parametrize(
    ("profile", "kind", "patch_by", "overdue"),
    [
        # BOD 22-01: the catalogue's due dates are a US agency's; both have passed.
        pytest.param("us-federal", Kind.REMOVE, "2022-01-24", True, id="us-federal-remove"),
        pytest.param(None, Kind.MITIGATE, None, False, id="no-profile-no-deadline"),
    ],
)
def test_patch_by_stands_beside_remove_replace_or_mitigate(
    tmp_path: Path, profile: str | None, kind: Kind, patch_by: str | None, overdue: bool
) -> None:
    depot = next(s for s in plan(kev_report(tmp_path, profile)) if s.site == "Depot")
    (action,) = depot.actions  # NAS-1 is not flagged
    assert (action.kind, action.patch_by, action.patch_overdue) == (kind, patch_by, overdue)
    assert action.cves == ("CVE-2021-36260",)
    if profile is None:  # the catalogue's dates still show, in the finding, as facts
        assert depot.advisories[0].patch_by is None


def test_the_advice_cell_says_by_when_to_patch(tmp_path: Path) -> None:
    report = kev_report(tmp_path)
    by_asset = {f.asset.asset_id: f for f in report.flagged}
    assert "; patch by 2022-01-24, overdue" in advice(by_asset["CAM-1"].judgment, report)
    assert "patch by" not in advice(by_asset["CAM-2"].judgment, report)  # patched
