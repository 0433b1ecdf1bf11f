"""What the bundled pack concludes for the makers it holds for their known-exploited
advisories: a TP-Link camera, a TP-Link router and a Reolink camera, under the profiles whose
measures could reach them, and under none.

TP-Link is a Mainland-China brand (S45, S48) whose producer no source settles since its
2022-2024 separation (S135): Taiwan's ban, judged by brand, applies; the UK direction and the
sensitive-sites risk, which turn on the producing company, give only the producer review.
Reolink's registry address is Hong Kong's: no measure keyed on Mainland China reaches it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from duediligence.api import load_pack, scan
from duediligence.pack.loader import Pack

TODAY = date(2026, 12, 7)
REGISTER = (
    "Asset Tag,Manufacturer,Model No.,Firmware\n"
    "TP-CAM,TP-Link,VIGI C340,\n"
    "TP-ROUTER,TP-Link,Archer AX21,1.1.3 Build 20221125 rel.70413\n"
    "REOLINK-CAM,Reolink,RLC-410W,v3.0.0.136_20121102\n"
)
# Found everywhere as binding someone else: Taiwan's ban (the brand), Texas's list (names
# TP-Link), India's certification review (any camera), the FCC's router entry (any router).
TP_CAM_ELSEWHERE = {
    "TW-GOV-PRC-BRANDS": "high",
    "US-TX-PROHIBITED-TECH-2026": "low",
    "IN-MEITY-CCTV-ER-2025": "info",
}
TP_ROUTER_ELSEWHERE = {
    "TW-GOV-PRC-BRANDS": "high",
    "US-TX-PROHIBITED-TECH-2026": "low",
    "US-FCC-COVERED-ROUTERS-2026": "low",
}
REOLINK_ELSEWHERE = {"IN-MEITY-CCTV-ER-2025": "info"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _findings(tmp_path: Path, pack: Pack, profile: str | None) -> dict[str, dict[str, str]]:
    """Per asset: {rule id: severity}, the binding ones as they are, the others suffixed."""
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    report = scan([register], pack=pack, profile=profile, as_of=TODAY)
    out: dict[str, dict[str, str]] = {}
    for row in report.flagged:
        found = out.setdefault(row.asset.asset_id or "", {})
        found |= {h.rule_id: h.severity.value for h in row.judgment.hits}
        found |= {f"{h.rule_id} (elsewhere)": h.severity.value for h in row.judgment.also}
    return out


def _elsewhere(found: dict[str, str]) -> dict[str, str]:
    return {f"{k} (elsewhere)": v for k, v in found.items()}


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        pytest.param(
            None,
            {
                "TP-CAM": {"RISK-UNSETTLED-PRODUCER": "low", **_elsewhere(TP_CAM_ELSEWHERE)},
                "TP-ROUTER": {"RISK-KNOWN-EXPLOITED": "medium", **_elsewhere(TP_ROUTER_ELSEWHERE)},
                "REOLINK-CAM": {"RISK-KNOWN-EXPLOITED": "medium", **_elsewhere(REOLINK_ELSEWHERE)},
            },
            id="no-profile",
        ),
        pytest.param(
            "us-federal",
            {
                # no US federal measure names TP-Link; the producer review binds no one here
                "TP-CAM": _elsewhere(TP_CAM_ELSEWHERE),
                "TP-ROUTER": {
                    "RISK-KNOWN-EXPLOITED": "critical",
                    **_elsewhere(TP_ROUTER_ELSEWHERE),
                },
                "REOLINK-CAM": {
                    "RISK-KNOWN-EXPLOITED": "critical",
                    **_elsewhere(REOLINK_ELSEWHERE),
                },
            },
            id="us-federal",
        ),
        pytest.param(
            "tw-government",
            {
                "TP-CAM": {
                    "TW-GOV-PRC-BRANDS": "critical",
                    **_elsewhere({k: v for k, v in TP_CAM_ELSEWHERE.items() if k[:2] != "TW"}),
                },
                "TP-ROUTER": {
                    "TW-GOV-PRC-BRANDS": "critical",
                    "RISK-KNOWN-EXPLOITED": "high",
                    **_elsewhere({k: v for k, v in TP_ROUTER_ELSEWHERE.items() if k[:2] != "TW"}),
                },
                "REOLINK-CAM": {"RISK-KNOWN-EXPLOITED": "high", **_elsewhere(REOLINK_ELSEWHERE)},
            },
            id="tw-government",
        ),
        pytest.param(
            "uk-central-government",
            {
                # not UK-WMS-2022 (critical) nor RISK-SENSITIVE-SITES (high): the review names them
                "TP-CAM": {"RISK-UNSETTLED-PRODUCER": "medium", **_elsewhere(TP_CAM_ELSEWHERE)},
                "TP-ROUTER": {"RISK-KNOWN-EXPLOITED": "high", **_elsewhere(TP_ROUTER_ELSEWHERE)},
                "REOLINK-CAM": {"RISK-KNOWN-EXPLOITED": "high", **_elsewhere(REOLINK_ELSEWHERE)},
            },
            id="uk-central-government",
        ),
    ],
)
def test_the_findings_of_a_tp_link_camera_and_router_and_a_reolink_camera(
    tmp_path: Path, pack: Pack, profile: str | None, expected: dict[str, dict[str, str]]
) -> None:
    assert _findings(tmp_path, pack, profile) == expected


def test_the_producer_review_names_the_measures_it_holds_back_and_why(
    tmp_path: Path, pack: Pack
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    report = scan([register], pack=pack, profile="uk-central-government", as_of=TODAY)
    [review] = [f for f in report.findings() if f.rule_id == "RISK-UNSETTLED-PRODUCER"]
    assert review.message.endswith(
        "establish who produced it before acting on UK-WMS-2022 (critical),"
        " RISK-SENSITIVE-SITES (high)"
    )
    assert "TP-Link Systems Inc." in review.message
    assert {"S36", "S135"} <= set(review.references)


def test_a_uniview_camera_still_meets_the_uk_direction_in_full(pack: Pack, tmp_path: Path) -> None:
    """The producer review is TP-Link's: a maker whose producer is settled is judged as before."""
    register = tmp_path / "register.csv"
    register.write_text("Manufacturer,Model\nUniview,IPC2122LB-AF28-A2\n", encoding="utf-8")
    report = scan([register], pack=pack, profile="uk-central-government", as_of=TODAY)
    found = {f.rule_id for f in report.findings()}
    assert {"UK-WMS-2022", "RISK-SENSITIVE-SITES"} <= found
    assert "RISK-UNSETTLED-PRODUCER" not in found


def test_texas_names_tp_link(tmp_path: Path, pack: Pack) -> None:
    found = _findings(tmp_path, pack, "us-texas-state")
    assert found["TP-CAM"]["US-TX-PROHIBITED-TECH-2026"] == "critical"
    assert "US-TX-PROHIBITED-TECH-2026" in found["TP-ROUTER"]
    assert not any(r.startswith("US-TX") for r in found["REOLINK-CAM"])
