"""What the bundled measures conclude for the cases issue reports and sources describe."""

from datetime import date
from pathlib import Path

import pytest

from duediligence.api import load_pack, scan
from duediligence.evaluate.engine import Evaluator
from duediligence.identify.interface import Identifier, Signals
from duediligence.pack.loader import Pack
from duediligence.pack.measures import Status, Unknown
from duediligence.results.findings import Severity

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def rules(
    pack: Pack,
    signals: Signals,
    profile: str = "global",
    when: date = TODAY,
    acquired: date | None = None,
) -> dict[str, Severity]:
    attribution = Identifier(pack.catalog).attribute(signals, acquired or when)
    assert attribution is not None, signals
    found = Evaluator(pack, profile, when).hits(attribution, dated=acquired is not None)
    return {f.rule_id: f.severity for f in found}


def test_other_prc_vendors_are_not_ndaa_covered_but_meet_prc_brand_rules(pack: Pack) -> None:
    found = rules(pack, Signals(make="Uniview", model="IPC2122LB-AF28(40)-A2"))
    assert not {r for r in found if r.startswith("US-NDAA") or r.startswith("US-FCC")}
    assert {"TW-GOV-PRC-BRANDS", "UK-WMS-2022", "RISK-SENSITIVE-SITES"} <= set(found)


def test_honor_is_huawei_only_until_its_sale(pack: Pack) -> None:
    ident = Identifier(pack.catalog)
    before = ident.attribute(Signals(make="Honor"), date(2020, 11, 17))
    after = ident.attribute(Signals(make="Honor"), date(2020, 11, 18))
    assert before is not None and before.entity.group == "huawei"
    assert after is not None and after.entity.group == "honor"


def test_an_oem_relabel_is_covered_and_flagged_as_opaque_provenance(pack: Pack) -> None:
    found = rules(pack, Signals(make="Amcrest", model="IP5M-T1179E"))
    assert {"US-NDAA-889-A", "RISK-OPAQUE-PROVENANCE"} <= set(found)
    assert "TW-GOV-PRC-BRANDS" not in found  # Amcrest is a US brand: judged by brand


def test_a_subsidiary_is_not_opaque_provenance(pack: Pack) -> None:
    assert "RISK-OPAQUE-PROVENANCE" not in rules(pack, Signals(make="Ezviz"))


def test_the_lorex_finding_states_what_held_when_it_was_bought(pack: Pack) -> None:
    attribution = Identifier(pack.catalog).attribute(Signals(make="Lorex"), date(2020, 6, 1))
    assert attribution is not None
    found = Evaluator(pack, "us-federal", TODAY).hits(attribution, dated=True)
    (ndaa,) = [f for f in found if f.rule_id == "US-NDAA-889-A"]
    assert ndaa.message.endswith(
        "(judged on the date the row gives for purchase or installation: Lorex Technology Inc."
        " then belonged to the Zhejiang Dahua Technology Co., Ltd. group)"
    )


def test_norway_is_modelled_as_recommended_divested_withdrawn(pack: Pack) -> None:
    norway = pack.measures["NO-GPFG-2020"]
    assert [(e.date, e.event.split()[0]) for e in norway.history] == [
        ("2020-01-14", "Council"),
        ("2020-09-11", "Norges"),
        ("2020-09-15", "Recommendation"),
    ]
    assert rules(pack, Signals(make="Hikvision"), profile="investor")["NO-GPFG-2020"] == (
        Severity.MEDIUM
    )


def test_the_dod_contracting_ban_starts_on_2026_06_30(pack: Pack) -> None:
    assert "US-DOD-1260H-805" not in rules(pack, Signals(make="Dahua"), when=date(2026, 6, 29))
    assert "US-DOD-1260H-805" in rules(pack, Signals(make="Dahua"), when=date(2026, 6, 30))


def test_the_uk_direction_binds_central_government_hardest(pack: Pack) -> None:
    signals = Signals(make="Hikvision", model="DS-2CD2143G2-I")
    assert rules(pack, signals, profile="uk-central-government")["UK-WMS-2022"] is (
        Severity.CRITICAL
    )
    assert rules(pack, signals, profile="uk-public-sector")["UK-WMS-2022"] is Severity.MEDIUM


def test_a_radio_is_not_a_visual_surveillance_system(pack: Pack) -> None:
    found = rules(pack, Signals(make="Hytera", model="PD785G"), profile="uk-central-government")
    assert "UK-WMS-2022" not in found


def test_imou_keeps_its_dahua_tie_until_a_completed_sale_is_sourced(pack: Pack) -> None:
    (tie,) = [r for r in pack.catalog.relationships if r.entity == "imou"]
    assert (tie.parent, tie.valid_to) == ("dahua", None)
    assert tie.note is not None and "unverified" in tie.note


# A register a buyer of 2026 might hold: one row per case the 2024-2026 measures decide.
REGISTER = (
    "Tag,Make,Model,MAC\n"
    "DRONE-1,DJI,Mavic 3 Enterprise,\n"  # a drone by its pattern: not a fixed camera
    "DRONE-2,,,60:60:1F:12:34:56\n"  # a DJI MAC prefix, nothing else
    "DRONE-3,Autel Robotics,EVO II Pro,\n"
    "CAM-1,Hikvision,DS-2CD2143G2-I,\n"
    "NVR-1,Dahua,DHI-NVR4108HS-8P-4KS2,\n"
    "CAM-2,Uniview,IPC2122LB-AF28-A2,\n"
    "AI-1,Megvii,,\n"
    "SW-1,Huawei,S5735-L24P4S-A1,\n"
    "CAM-3,Axis,P3245-LVE,\n"
)
DJI_NAMED = {"US-FCC-COVERED-DJI-AUTEL-2025", "US-FCC-25-71"}
DRONE = {"US-FCC-COVERED-UAS-2025"}  # the category entry: where was it produced?
KEV = "RISK-KNOWN-EXPLOITED"  # CAM-1's model is in the bundled CVE-2021-36260 advisory
HIK_DAHUA_889 = {"US-NDAA-889-A", "US-FCC-COVERED-LIST", "US-FCC-EA-2022", "US-FCC-25-71"}


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        pytest.param(
            "us-state-local",
            {
                "DRONE-1": {"US-ASDA-2025"},
                "DRONE-2": {"US-ASDA-2025"},
                "DRONE-3": {"US-ASDA-2025"},
                "CAM-1": {
                    KEV,
                    "US-2CFR-200-216",
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                    "RISK-PUBLIC-MONEY",
                },
                "NVR-1": {
                    "US-2CFR-200-216",
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                    "RISK-PUBLIC-MONEY",
                },
                "SW-1": {"US-2CFR-200-216"},
            },
            id="grant-recipient",
        ),
        pytest.param(
            "us-usf",
            {
                "DRONE-1": DJI_NAMED | DRONE,
                "DRONE-2": DJI_NAMED | DRONE,
                "DRONE-3": DJI_NAMED | DRONE,
                "CAM-1": HIK_DAHUA_889 - {"US-NDAA-889-A"} | {"RISK-STATE-OWNERSHIP", KEV},
                "NVR-1": HIK_DAHUA_889 - {"US-NDAA-889-A"} | {"RISK-STATE-OWNERSHIP"},
                "SW-1": HIK_DAHUA_889 - {"US-NDAA-889-A"} | {"US-FCC-USF-54-9"},
            },
            id="universal-service-fund",
        ),
        pytest.param(
            "us-texas-state",
            {
                "DRONE-3": {"US-TX-PROHIBITED-TECH-2026"},
                "CAM-1": {
                    KEV,
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                    "RISK-PUBLIC-MONEY",
                },
                "NVR-1": {
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                    "RISK-PUBLIC-MONEY",
                },
                "CAM-2": {"US-TX-PROHIBITED-TECH-2026"},
                "AI-1": {"US-TX-PROHIBITED-TECH-2026"},
            },
            id="texas-agency",
        ),
        pytest.param(
            "ca-federal",
            {
                "DRONE-2": {"RISK-SENSITIVE-SITES"},
                "DRONE-3": {"RISK-SENSITIVE-SITES"},
                "CAM-1": {
                    KEV,
                    "CA-ICA-HIKVISION-2025",
                    "RISK-SENSITIVE-SITES",
                    "RISK-PUBLIC-MONEY",
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                },
                "NVR-1": {
                    "RISK-SENSITIVE-SITES",
                    "RISK-PUBLIC-MONEY",
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                },
                "CAM-2": {"RISK-SENSITIVE-SITES"},
                "AI-1": {"RISK-SENSITIVE-SITES"},
            },
            id="canadian-federal-body",
        ),
        pytest.param(
            "in-government",
            {
                "CAM-1": {
                    KEV,
                    "IN-MEITY-CCTV-ER-2025",
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                },
                "NVR-1": {
                    "IN-MEITY-CCTV-ER-2025",
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                },
                "CAM-2": {"IN-MEITY-CCTV-ER-2025"},
            },
            id="indian-public-buyer",
        ),
        pytest.param(
            "private-company",
            {
                "DRONE-2": {"RISK-SENSITIVE-SITES"},
                "DRONE-3": {"RISK-SENSITIVE-SITES"},
                "CAM-1": {
                    KEV,
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                    "RISK-SENSITIVE-SITES",
                },
                "NVR-1": {
                    "RISK-STATE-OWNERSHIP",
                    "RISK-XINJIANG-SURVEILLANCE",
                    "RISK-SENSITIVE-SITES",
                },
                "CAM-2": {"RISK-SENSITIVE-SITES"},
                "AI-1": {"RISK-SENSITIVE-SITES"},
            },
            id="private-company-risks-only",
        ),
    ],
)
def test_each_profile_meets_the_measures_that_bind_it(
    tmp_path: Path, pack: Pack, profile: str, expected: dict[str, set[str]]
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    report = scan([register], pack=pack, profile=profile, as_of=TODAY)
    found: dict[str, set[str]] = {}
    for f in report.findings():
        found.setdefault(f.asset.asset_id or "", set()).add(f.rule_id)
    assert found == expected


def test_a_drone_is_asked_where_it_was_produced_not_passed(pack: Pack) -> None:
    attribution = Identifier(pack.catalog).attribute(Signals(make="DJI"), TODAY)
    assert attribution is not None
    (drone,) = [
        h
        for h in Evaluator(pack, "us-usf", TODAY).hits(attribution)
        if h.rule_id == "US-FCC-COVERED-UAS-2025"
    ]
    assert drone.message.endswith(
        "the device is uas equipment; the register does not say where it was produced:"
        " establish it before treating the device as clear"
    )


def test_the_category_entries_start_on_their_dates_and_routers_keep_the_update_date(
    pack: Pack,
) -> None:
    before = rules(pack, Signals(make="DJI"), profile="us-usf", when=date(2025, 12, 21))
    on_the_day = rules(pack, Signals(make="DJI"), profile="us-usf", when=date(2025, 12, 22))
    assert not {"US-FCC-COVERED-UAS-2025", "US-FCC-COVERED-DJI-AUTEL-2025"} & set(before)
    assert {"US-FCC-COVERED-UAS-2025", "US-FCC-COVERED-DJI-AUTEL-2025"} <= set(on_the_day)
    routers = pack.measures["US-FCC-COVERED-ROUTERS-2026"]
    assert (routers.effective, [(d.date, d.label.split()[0]) for d in routers.deadlines]) == (
        "2026-03-23",
        [(date(2027, 3, 1), "firmware")],
    )
    assert [c.establish for c in routers.covers] == [Unknown.COUNTRY_OF_PRODUCTION]


def test_megvii_left_the_1260h_list_before_the_dod_ban_and_the_removal_is_kept(pack: Pack) -> None:
    ban = pack.measures["US-DOD-1260H-805"]
    assert "US-DOD-1260H-805" not in rules(pack, Signals(make="Megvii"), when=date(2026, 7, 1))
    assert any("Megvii" in e.event and "removed" in e.event for e in ban.history)
    assert [e.date for e in ban.history if "91 FR 35189" in e.event] == ["2026-06-10"]


def test_the_s889_measures_cite_far_52_240_91_and_keep_the_old_clauses(pack: Pack) -> None:
    for measure_id in ("US-NDAA-889-A", "US-NDAA-889-B"):
        instrument = pack.measures[measure_id].instrument or ""
        assert "52.240-91" in instrument and "52.204-25" in instrument, measure_id


def test_uniview_is_on_the_entity_list_from_2024_12_10(pack: Pack) -> None:
    signals = Signals(make="Uniview", model="IPC2122LB-AF28-A2")
    assert "US-BIS-ENTITY-LIST-2024" not in rules(pack, signals, when=date(2024, 12, 9))
    assert (
        rules(pack, signals, profile="investor", when=date(2024, 12, 10))["US-BIS-ENTITY-LIST-2024"]
        is Severity.MEDIUM
    )


def test_the_eu_proposal_is_a_proposal(pack: Pack) -> None:
    proposal = pack.measures["EU-CSA2-PROPOSAL-2026"]
    assert (proposal.status, proposal.effective) == (Status.PROPOSED, None)
    assert (
        rules(pack, Signals(make="Huawei", model="S5735-L24P4S-A1"))["EU-CSA2-PROPOSAL-2026"]
        is Severity.INFO
    )


def test_a_matrice_on_its_own_is_a_dji_drone_to_review(pack: Pack) -> None:
    found = rules(pack, Signals(model="Matrice 300 RTK"), profile="us-usf")
    assert {"US-FCC-COVERED-DJI-AUTEL-2025", "US-FCC-COVERED-UAS-2025"} <= set(found)
