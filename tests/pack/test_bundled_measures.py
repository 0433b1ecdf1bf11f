"""What the bundled measures conclude for the cases issue reports and sources describe."""

from datetime import date

import pytest

from duediligence.api import load_pack
from duediligence.engine import Evaluator
from duediligence.findings import Severity
from duediligence.identify.interface import Identifier, Signals
from duediligence.pack.loader import Pack

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
