"""The bundled pack, held to what it must carry and to the public registries it cites."""

import csv
from datetime import date
from pathlib import Path

import pytest
import yaml
from netaddr import OUI

from duediligence.api import load_pack
from duediligence.identify.normalize import model_key
from duediligence.pack.catalog import CompiledPattern
from duediligence.pack.loader import Pack
from duediligence.pack.measures import Status
from duediligence.pack.registry import registrants, registry_organisations

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_the_five_covered_groups_are_named(pack: Pack) -> None:
    for group in ("hikvision", "dahua", "hytera", "huawei", "zte"):
        entity = pack.catalog.entities[group]
        assert entity.country == "CN"
        assert entity.aliases, group
        assert pack.catalog.group_path(group, TODAY) == (), f"{group} is a top-level group"


@pytest.mark.parametrize(
    ("entity", "when", "group"),
    [
        pytest.param("huawei", TODAY, "huawei", id="a-group-is-its-own"),
        pytest.param("honor", date(2019, 6, 1), "huawei", id="honor-before-its-sale"),
        pytest.param("honor", TODAY, "honor", id="honor-after-its-sale"),
    ],
)
def test_an_entitys_group_is_where_its_dated_ties_lead(
    pack: Pack, entity: str, when: date, group: str
) -> None:
    assert pack.catalog.group_of(entity, when) == group


def test_the_profiles_the_product_promises(pack: Pack) -> None:
    assert {
        "global",
        "us-federal",
        "us-federal-contractor",
        "uk-public-sector",
        "tw-government",
    } <= set(pack.profiles)
    assert pack.profiles["global"].measures == ["*"]


@pytest.mark.parametrize(
    ("rule", "status", "effective"),
    [
        ("US-NDAA-889-A", Status.IN_FORCE, date(2019, 8, 13)),
        ("US-NDAA-889-B", Status.IN_FORCE, date(2020, 8, 13)),
        ("TW-GOV-PRC-BRANDS", Status.IN_FORCE, date(2022, 1, 1)),
        ("UK-FAC-2021", Status.RECOMMENDED, date(2021, 7, 8)),
    ],
)
def test_measures_carry_their_status_and_dates(
    pack: Pack, rule: str, status: Status, effective: date
) -> None:
    measure = pack.measures[rule]
    assert measure.status is status
    assert measure.effective == effective.isoformat()
    assert measure.sources and measure.recommended_action and measure.rationale


def test_risk_rules_for_state_ownership_and_xinjiang(pack: Pack) -> None:
    for rule in ("RISK-STATE-OWNERSHIP", "RISK-XINJIANG-SURVEILLANCE"):
        assert pack.measures[rule].kind.value == "risk"


def test_hikvision_state_ownership_is_dated_and_cited(pack: Pack) -> None:
    (state,) = [o for o in pack.catalog.entities["hikvision"].ownership if o.state]
    assert state.as_of == "2018-06"
    assert state.share_percent == 40
    assert "SEED003" in state.sources


def test_the_pishan_contract_is_recorded_as_the_seed_gives_it(pack: Pack) -> None:
    facts = pack.catalog.facts_of("hikvision")
    (pishan,) = [x for x in facts if x.reference == "TC179H2TH"]
    assert pishan.value is not None and "335.99" in pishan.value
    assert "21" in pishan.summary
    assert "SEED001" in pishan.sources
    assert any(x.kind.value == "xinjiang_surveillance" and x.ended for x in facts), (
        "the December 2024 exit is recorded without erasing the history"
    )


def test_every_citation_resolves(pack: Pack) -> None:
    for where, cited in pack.catalog.citations():
        assert set(cited) <= set(pack.sources), where


def _patterns(pack: Pack) -> list[CompiledPattern]:
    return list(pack.catalog.patterns)


def test_every_pattern_matches_its_examples_and_not_its_counter_examples(pack: Pack) -> None:
    for p in _patterns(pack):
        assert len(p.spec.examples) >= 3, p.spec.id
        for example in p.spec.examples:
            assert p.match(example), (p.spec.id, example)
        for counter in p.spec.counter_examples:
            assert not p.match(counter), (p.spec.id, counter)


def test_no_example_is_claimed_by_another_groups_pattern(pack: Pack) -> None:
    """Known collisions (HiLook IPC-B vs Dahua IPC-H, TYT MD vs Hytera) stay resolved."""

    def group(entity: str) -> str:
        path = pack.catalog.group_path(entity, TODAY)
        return path[-1].parent if path else entity

    patterns = _patterns(pack)
    for owner in patterns:
        for example in owner.spec.examples:
            for other in patterns:
                if group(other.spec.entity) != group(owner.spec.entity):
                    assert not other.match(example), (example, owner.spec.id, other.spec.id)


def test_every_listed_oui_is_registered_to_its_registrant(pack: Pack) -> None:
    for prefix, listed in pack.catalog.ouis.items():
        oui = OUI(prefix.replace(":", "-"))
        orgs = [oui.registration(i).org for i in range(oui.reg_count)]
        assert listed.registrant in orgs, prefix
        assert listed.registrant in pack.catalog.entities[listed.entity].registrants, prefix


def test_every_registrant_exists_in_the_ieee_registry(pack: Pack) -> None:
    known = registry_organisations()
    for entity in pack.catalog.entities.values():
        for org in entity.registrants:
            assert org in known, (entity.id, org)


def test_honor_mac_is_not_huawei_after_the_sale(pack: Pack) -> None:
    honor = [e for e in pack.catalog.entities.values() if "Honor Device Co., Ltd." in e.registrants]
    assert honor and honor[0].id != "huawei"
    assert registrants("000000000000") == ("XEROX CORPORATION",)


def test_source_titles_are_whole() -> None:
    """Titles copied from research keep their quotes balanced."""
    import yaml

    from duediligence.pack.bundled import bundled_rules_dir

    data = yaml.safe_load((bundled_rules_dir() / "sources.yml").read_text(encoding="utf-8"))
    for source in data["sources"]:
        assert source["title"].count('"') % 2 == 0, source["id"]


def test_no_pattern_claims_a_real_model_of_another_maker(pack: Pack) -> None:
    """1,500 real model numbers from the NetBox device-type library, by maker's folder."""
    catalog = pack.catalog
    seeds = Path(__file__).parents[2] / "benchmarks" / "accuracy" / "seeds"
    makers = yaml.safe_load((seeds / "makers.yml").read_text(encoding="utf-8"))["makers"]
    with (seeds / "netbox_models.csv").open(encoding="utf-8", newline="") as fh:
        models = list(csv.DictReader(fh))
    claimed = []
    for m in models:
        key = model_key(m["model"])
        for p in catalog.patterns:
            path = catalog.group_path(p.spec.entity, TODAY)
            group = path[-1].parent if path else p.spec.entity
            if group != makers[m["manufacturer"]]["group"] and p.match(key):
                claimed.append((m["manufacturer"], m["model"], p.spec.id))
    assert len(models) > 1500
    assert claimed == []
