import copy
from datetime import date
from pathlib import Path

import pytest

from duediligence.evaluate.engine import Evaluator
from duediligence.identify import weights
from duediligence.identify.interface import Identifier, Signals
from duediligence.pack.loader import Pack
from duediligence.results.findings import Severity
from tests.factory import ACME_FILE, MEASURES, PROFILES, make_pack


def rules_for(
    pack: Pack,
    signals: Signals,
    as_of: date,
    profile: str | None = "global",
    acquired: date | None = None,
) -> dict[str, Severity]:
    attribution = Identifier(pack.catalog).attribute(signals, acquired or as_of)
    assert attribution is not None
    found = Evaluator(pack, profile, as_of).hits(attribution, dated=acquired is not None)
    return {f.rule_id: f.severity for f in found}


def test_a_group_entity_meets_every_rule_that_covers_it(test_pack: Pack) -> None:
    assert rules_for(test_pack, Signals(make="Acme"), date(2026, 1, 1)) == {
        "XX-BAN-A": Severity.HIGH,
        "XX-BRAND-BAN": Severity.HIGH,
        "RISK-STATE": Severity.MEDIUM,
        "RISK-XJ": Severity.MEDIUM,
    }


def test_a_measure_applies_only_once_in_effect(test_pack: Pack) -> None:
    assert set(rules_for(test_pack, Signals(make="ZED"), date(2019, 8, 12))) == set()
    assert set(rules_for(test_pack, Signals(make="ZED"), date(2019, 8, 13))) == {"XX-BAN-A"}
    assert set(rules_for(test_pack, Signals(make="ZED"), date(2022, 1, 1))) == {
        "XX-BAN-A",
        "XX-BRAND-BAN",
    }


def test_facts_count_from_their_date_and_history_is_kept_after_an_exit(test_pack: Pack) -> None:
    assert "RISK-XJ" not in rules_for(test_pack, Signals(make="Acme"), date(2016, 12, 31))
    assert "RISK-XJ" in rules_for(test_pack, Signals(make="Acme"), date(2026, 1, 1))


def test_severity_follows_the_profile(test_pack: Pack) -> None:
    assert rules_for(test_pack, Signals(make="Acme"), date(2026, 1, 1), profile="strict") == {
        "XX-BAN-A": Severity.CRITICAL
    }


def test_a_former_subsidiary_is_covered_only_for_equipment_bought_while_owned(
    test_pack: Pack,
) -> None:
    today = date(2026, 1, 1)
    bought_2020 = rules_for(test_pack, Signals(make="Oldbrand"), today, acquired=date(2020, 6, 1))
    bought_2024 = rules_for(test_pack, Signals(make="Oldbrand"), today, acquired=date(2024, 1, 1))
    assert "XX-BAN-A" in bought_2020
    assert bought_2024 == {}  # a Canadian brand, no longer in the group


def test_brand_country_is_judged_by_the_brand(test_pack: Pack) -> None:
    assert "XX-BRAND-BAN" in rules_for(test_pack, Signals(make="AcmeLine"), date(2026, 1, 1))


def test_a_finding_explains_itself(test_pack: Pack) -> None:
    attribution = Identifier(test_pack.catalog).attribute(
        Signals(make="AcmeLine"), date(2026, 1, 1)
    )
    assert attribution is not None
    findings = Evaluator(test_pack, "global", date(2026, 1, 1)).hits(attribution)
    by_rule = {f.rule_id: f for f in findings}
    ban = by_rule["XX-BAN-A"]
    assert ban.message == (
        "[XX] Test ban: AcmeLine (Acme Vision Technology Co., Ltd. group)"
        " — the Acme Vision Technology Co., Ltd. group is named"
    )
    assert ban.jurisdiction == "XX"
    assert ban.recommended_action == "Remove it."
    assert ban.references == ("SRC1",)
    assert (
        "state ownership: State Holding (about 40%), as of 2018-06" in by_rule["RISK-STATE"].message
    )
    assert "Five surveillance projects (2017; ended 2024-12)" in by_rule["RISK-XJ"].message


@pytest.mark.parametrize("profile", ["global", "strict"])
def test_evaluation_is_memoised_per_attribution(test_pack: Pack, profile: str) -> None:
    evaluator = Evaluator(test_pack, profile, date(2026, 1, 1))
    attribution = Identifier(test_pack.catalog).attribute(Signals(make="Acme"), date(2026, 1, 1))
    assert attribution is not None
    assert evaluator.hits(attribution) is evaluator.hits(attribution)
    assert len(evaluator._memo) == 1


def test_hits_come_worst_first(test_pack: Pack) -> None:
    attribution = Identifier(test_pack.catalog).attribute(Signals(make="Acme"), date(2026, 1, 1))
    assert attribution is not None
    hits = Evaluator(test_pack, "global", date(2026, 1, 1)).hits(attribution)
    ranks = [h.severity.rank for h in hits]
    assert ranks == sorted(ranks, reverse=True)
    assert [h.rule_id for h in hits][:2] == ["XX-BAN-A", "XX-BRAND-BAN"]


def test_a_disputed_attribution_meets_only_review_rules(test_pack: Pack) -> None:
    """'Axis' with an Acme model number: the pattern alone is no ground for the ban."""
    rules = rules_for(test_pack, Signals(make="Axis", model="AC-1234B"), date(2026, 1, 1))
    assert rules == {"RISK-CONFLICT": Severity.MEDIUM}
    confirmed = Signals(make="Axis", model="AC-1234B", fcc_id="2ACME-CAM01")
    assert set(rules_for(test_pack, confirmed, date(2026, 1, 1))) == {
        "XX-BAN-A",
        "XX-BRAND-BAN",
        "RISK-STATE",
        "RISK-XJ",
        "RISK-CONFLICT",
    }


def _category_pack(root: Path) -> Pack:
    """Acme plus a drone maker that makes nothing else, and a foreign-produced-drones entry."""
    entities = copy.deepcopy(ACME_FILE)
    entities["entities"].append(
        {
            "id": "skyco",
            "name": "Skyco Drones",
            "country": "CN",
            "categories": ["uas"],
            "sources": ["SRC1"],
        }
    )
    entities["models"].append(
        {
            "id": "acme-router",
            "entity": "acme",
            "pattern": r"^AR-\d{3}$",
            "category": "router",
            "description": "Acme home router",
            "examples": ["AR-100", "AR-200", "AR-310"],
            "counter_examples": ["AR-1"],
            "confidence": "high",
            "sources": ["SRC1"],
        }
    )
    measures = copy.deepcopy(MEASURES)
    measures["measures"].append(
        {
            "id": "XX-FOREIGN-DEVICES",
            "title": "Foreign-produced drones and routers",
            "kind": "measure",
            "jurisdiction": "XX",
            "binds": "importers",
            "status": "in_force",
            "covers": [{"equipment": ["uas", "router"], "establish": "country_of_production"}],
            "severity": {"default": "low"},
            "rationale": "Where it was made.",
            "recommended_action": "Establish where it was produced.",
            "sources": ["SRC1"],
        }
    )
    return make_pack(root, **{"entities/acme.yml": entities, "measures/xx.yml": measures})


@pytest.mark.parametrize(
    ("signals", "asks"),
    [
        pytest.param(Signals(make="Skyco Drones"), True, id="a-maker-of-drones-only-makes-a-drone"),
        pytest.param(Signals(make="Acme", model="AR-100"), True, id="a-router-by-its-pattern"),
        pytest.param(Signals(make="Acme", model="AC-1234B"), False, id="a-camera-is-not-a-router"),
        pytest.param(Signals(make="Acme"), False, id="an-unknown-device-is-no-router"),
    ],
)
def test_a_category_entry_asks_where_a_device_was_produced_and_never_clears_it(
    tmp_path: Path, signals: Signals, asks: bool
) -> None:
    pack = _category_pack(tmp_path)
    attribution = Identifier(pack.catalog).attribute(signals, date(2026, 6, 1))
    assert attribution is not None
    hits = {h.rule_id: h for h in Evaluator(pack, "global", date(2026, 6, 1)).hits(attribution)}
    assert ("XX-FOREIGN-DEVICES" in hits) is asks
    if asks:
        message = hits["XX-FOREIGN-DEVICES"].message
        assert "the register does not say where it was produced: establish it" in message


@pytest.mark.parametrize(
    ("profile", "binding", "elsewhere"),
    [
        pytest.param(
            None,
            {"RISK-STATE": Severity.MEDIUM, "RISK-XJ": Severity.MEDIUM},
            {"XX-BAN-A": Severity.HIGH, "XX-BRAND-BAN": Severity.HIGH},
            id="no-profile-binds-the-risks-at-their-defaults",
        ),
        pytest.param(
            "strict",
            {"XX-BAN-A": Severity.CRITICAL},
            {
                "XX-BRAND-BAN": Severity.HIGH,
                "RISK-STATE": Severity.MEDIUM,
                "RISK-XJ": Severity.MEDIUM,
            },
            id="a-profile-binds-its-own-measures",
        ),
        pytest.param(
            "global",
            {
                "XX-BAN-A": Severity.HIGH,
                "XX-BRAND-BAN": Severity.HIGH,
                "RISK-STATE": Severity.MEDIUM,
                "RISK-XJ": Severity.MEDIUM,
            },
            {},
            id="global-binds-every-rule",
        ),
    ],
)
def test_every_measure_naming_the_vendor_is_judged_and_sorted_by_whom_it_binds(
    test_pack: Pack,
    profile: str | None,
    binding: dict[str, Severity],
    elsewhere: dict[str, Severity],
) -> None:
    attribution = Identifier(test_pack.catalog).attribute(Signals(make="Acme"), date(2026, 1, 1))
    assert attribution is not None
    hits, also = Evaluator(test_pack, profile, date(2026, 1, 1)).judge(attribution)
    assert {h.rule_id: h.severity for h in hits} == binding
    assert {h.rule_id: h.severity for h in also} == elsewhere
    assert [h.severity.rank for h in hits] == sorted((h.severity.rank for h in hits), reverse=True)


def _floor_pack(root: Path) -> Pack:
    """Acme plus a storage brand tied to it at low confidence, and the weak-attribution review;
    'review' is a profile that binds the ban and the review, 'strict' the ban alone."""
    entities = copy.deepcopy(ACME_FILE)
    entities["entities"].append(
        {"id": "acmetta", "name": "Acmetta Storage", "country": "CN", "sources": ["SRC1"]}
    )
    entities["relationships"].append(
        {
            "entity": "acmetta",
            "type": "subsidiary",
            "parent": "acme",
            "confidence": "low",
            "sources": ["SRC1"],
        }
    )
    measures = copy.deepcopy(MEASURES)
    measures["measures"].append(
        {
            "id": "RISK-WEAK",
            "title": "Weak attribution",
            "kind": "risk",
            "binds": "anyone",
            "status": "advisory",
            "covers": [{"weak": True}],
            "severity": {"default": "medium"},
            "rationale": "A hint is no proof.",
            "recommended_action": "Confirm the maker.",
            "sources": ["SRC1"],
        }
    )
    profiles = copy.deepcopy(PROFILES)
    profiles["profiles"].append(
        {
            "id": "review",
            "title": "Review",
            "description": "The ban and the reviews",
            "measures": ["XX-BAN-A", "RISK-WEAK", "RISK-CONFLICT"],
        }
    )
    return make_pack(
        root,
        **{"entities/acme.yml": entities, "measures/xx.yml": measures, "profiles.yml": profiles},
    )


@pytest.fixture(scope="module")
def floor_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return _floor_pack(tmp_path_factory.mktemp("floorpack"))


@pytest.mark.parametrize(
    ("signals", "confidence", "why"),
    [
        pytest.param(
            Signals(make="Acmetta Storage"),
            0.38,
            "through a low-confidence tie: Acmetta Storage is a subsidiary of Acme Vision"
            " Technology Co., Ltd. (confidence low; sources SRC1)",
            id="a-low-confidence-tie",
        ),
        pytest.param(
            Signals(supplier="Acme Distribution UK Ltd"),
            0.24,
            "only the supplier names the group (supplier 'Acme Distribution UK Ltd' is",
            id="a-supplier-alone",
        ),
        pytest.param(
            Signals(hostname="acme-cam-01"),
            0.43,
            "on hints alone (hostname 'acme-cam-01': the word 'acme' is the name 'Acme'",
            id="a-name-in-a-hostname",
        ),
    ],
)
def test_under_the_confidence_floor_only_the_review_is_given_and_it_says_why(
    floor_pack: Pack, signals: Signals, confidence: float, why: str
) -> None:
    attribution = Identifier(floor_pack.catalog).attribute(signals, date(2026, 1, 1))
    assert attribution is not None and attribution.entity.group == "acme"
    assert round(attribution.confidence, 2) == confidence < weights.ATTRIBUTION_FLOOR
    hits, also = Evaluator(floor_pack, "global", date(2026, 1, 1)).judge(attribution)
    (review,) = hits
    assert (review.rule_id, review.severity, also) == ("RISK-WEAK", Severity.MEDIUM, ())
    assert f"attributed at confidence {confidence:.2f} (under the 0.5 floor for a ban) " in (
        review.message
    )
    assert why in review.message
    # What would bind once the maker is confirmed, worst first.
    assert review.message.endswith(
        "; confirm the maker before acting on XX-BAN-A (high), XX-BRAND-BAN (high),"
        " RISK-STATE (medium), RISK-XJ (medium)"
    )


@pytest.mark.parametrize(
    ("profile", "signals", "rules"),
    [
        pytest.param(
            "review",
            Signals(make="Acmetta Storage"),
            {"RISK-WEAK": Severity.MEDIUM},
            id="the-review-names-the-profiles-ban",
        ),
        pytest.param(
            "review",
            Signals(make="Acmetta Storage", model="AC-1234B"),
            {"XX-BAN-A": Severity.HIGH},
            id="a-pattern-beside-the-weak-tie-confirms-it",
        ),
        pytest.param("review", Signals(make="Acme"), {"XX-BAN-A": Severity.HIGH}, id="a-make"),
        pytest.param("strict", Signals(make="Acmetta Storage"), {}, id="a-profile-without-it"),
        pytest.param(
            "review", Signals(supplier="Oldbrand Inc."), {}, id="a-hint-towards-no-covered-maker"
        ),
        pytest.param(
            "review",
            Signals(make="Axis", supplier="Acme Distribution UK Ltd"),
            {"RISK-CONFLICT": Severity.MEDIUM},
            id="a-disputed-row-is-reviewed-once",
        ),
        pytest.param(
            None, Signals(make="Acmetta Storage"), {"RISK-WEAK": Severity.MEDIUM}, id="no-profile"
        ),
        pytest.param(
            "review",
            Signals(supplier="Acme Distribution UK Ltd", hostname="acme-cam-01"),
            {"RISK-WEAK": Severity.MEDIUM},
            id="a-supplier-and-a-hostname-are-one-hint",
        ),
        pytest.param(
            "review",
            Signals(make="Acmetta Storage", supplier="Acme Distribution UK Ltd"),
            {"RISK-WEAK": Severity.MEDIUM},
            id="a-weak-tie-and-a-supplier-are-one-hint",
        ),
        pytest.param(
            "review",
            Signals(make="Acme", supplier="Acme Distribution UK Ltd", hostname="acme-cam-01"),
            {"XX-BAN-A": Severity.HIGH},
            id="hints-beside-a-make",
        ),
    ],
)
def test_the_floor_gives_no_ban_and_reviews_only_what_the_profile_would_act_on(
    floor_pack: Pack, profile: str | None, signals: Signals, rules: dict[str, Severity]
) -> None:
    assert rules_for(floor_pack, signals, date(2026, 1, 1), profile=profile) == rules


def test_an_attribution_at_the_floor_is_judged_in_full(
    floor_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The floor is the least confidence that is enough, not the most that is too little."""
    made = Signals(make="Acme")  # 0.95
    monkeypatch.setattr(weights, "ATTRIBUTION_FLOOR", 0.95)
    assert "XX-BAN-A" in rules_for(floor_pack, made, date(2026, 1, 1))
    monkeypatch.setattr(weights, "ATTRIBUTION_FLOOR", 0.951)
    assert set(rules_for(floor_pack, made, date(2026, 1, 1))) == {"RISK-WEAK"}


@pytest.mark.parametrize(
    ("signals", "strongest"),
    [
        pytest.param(
            Signals(supplier="Acme Distribution UK Ltd", hostname="acme-cam-01"),
            Signals(hostname="acme-cam-01"),
            id="supplier-and-hostname",
        ),
        pytest.param(
            Signals(make="Acmetta Storage", supplier="Acme Distribution UK Ltd"),
            Signals(make="Acmetta Storage"),
            id="weak-tie-and-supplier",
        ),
    ],
)
def test_agreeing_hints_count_once_by_the_strongest(
    floor_pack: Pack, signals: Signals, strongest: Signals
) -> None:
    """Hints are what the organisation wrote about the purchase: a device named after its
    invoice is one observation written twice, so hints are not added up (weights.HINT_BELOW)."""
    ident = Identifier(floor_pack.catalog)
    together = ident.attribute(signals, date(2026, 1, 1))
    alone = ident.attribute(strongest, date(2026, 1, 1))
    assert together is not None and alone is not None
    assert together.entity.group == alone.entity.group == "acme"
    assert together.confidence == alone.confidence < weights.ATTRIBUTION_FLOOR


def test_a_hint_still_adds_to_a_trusted_signal(floor_pack: Pack) -> None:
    """A model number comes from the device, not from the invoice: a supplier beside it adds."""
    ident = Identifier(floor_pack.catalog)
    model = ident.attribute(Signals(model="AC-1234B"), date(2026, 1, 1))
    both = ident.attribute(
        Signals(model="AC-1234B", supplier="Acme Distribution UK Ltd"), date(2026, 1, 1)
    )
    assert model is not None and both is not None
    assert both.confidence == round(1 - (1 - model.confidence) * (1 - 0.3 * 0.8), 3)


MEMO_SIGNALS = [
    Signals(make="Acme"),
    Signals(make="Acme", model="AC-1234B"),
    Signals(make="AcmeLine"),
    Signals(make="Oldbrand"),  # a former subsidiary: a dated note
    Signals(make="Acmetta Storage"),  # a low-confidence tie, under the floor
    Signals(supplier="Acme Distribution UK Ltd"),
    Signals(hostname="acme-cam-01"),
    Signals(make="Axis", supplier="Acme Distribution UK Ltd"),  # disputed
]


@pytest.mark.parametrize("profile", ["global", "review", None])
def test_memoised_findings_are_what_a_fresh_evaluator_finds(
    floor_pack: Pack, profile: str | None
) -> None:
    """One evaluator judges every attribution of a scan, memoised on what the clauses read of
    each; judged in any order, each gets what it gets alone (the dated note included)."""
    today = date(2026, 1, 1)
    identifier = Identifier(floor_pack.catalog)
    shared = Evaluator(floor_pack, profile, today)
    for when in (today, date(2020, 6, 1), today):
        for signals in MEMO_SIGNALS:
            attribution = identifier.attribute(signals, when)
            assert attribution is not None
            for dated in (False, True):
                alone = Evaluator(floor_pack, profile, today).judge(attribution, dated)
                assert shared.judge(attribution, dated) == alone, signals


def test_attributions_differing_only_in_what_no_clause_reads_share_their_findings(
    test_pack: Pack,
) -> None:
    identifier = Identifier(test_pack.catalog)
    today = date(2026, 1, 1)
    as_written = identifier.attribute(Signals(make="Acme"), today)
    in_capitals = identifier.attribute(Signals(make="ACME"), today)
    assert as_written is not None and in_capitals is not None
    assert as_written != in_capitals and as_written.entity == in_capitals.entity
    evaluator = Evaluator(test_pack, "global", today)
    assert evaluator.judge(as_written) is evaluator.judge(in_capitals)


def _split_brand_pack(root: Path) -> Pack:
    """A CN brand whose producer no source settles, a measure judged by brand, and the review."""
    entities = copy.deepcopy(ACME_FILE)
    entities["entities"].append(
        {
            "id": "splitco",
            "name": "Splitco",
            "country": "CN",
            "producer_unsettled": "the brand is also sold by a US company of the same name",
            "sources": ["SRC1"],
        }
    )
    measures = copy.deepcopy(MEASURES)
    common = {"binds": "buyers", "rationale": "Why.", "recommended_action": "Act."}
    measures["measures"] += [
        {
            "id": "XX-BRANDS-ONLY",
            "title": "Brand ban",
            "kind": "measure",
            "jurisdiction": "XX",
            "status": "in_force",
            "covers": [{"countries": ["CN"], "brands": True}],
            "severity": {"default": "high"},
            "sources": ["SRC1"],
            **common,
        },
        {
            "id": "RISK-PRODUCER",
            "title": "Producer unsettled",
            "kind": "risk",
            "status": "advisory",
            "covers": [{"producer_unsettled": True}],
            "severity": {"default": "low"},
            "sources": ["SRC1"],
            **common,
        },
    ]
    profiles = copy.deepcopy(PROFILES)
    profiles["profiles"].append(
        {
            "id": "producers",
            "title": "Producers",
            "description": "A buyer bound by the producer-country ban",
            "measures": ["XX-BRAND-BAN", "XX-BRANDS-ONLY", "RISK-PRODUCER"],
        }
    )
    files = {"entities/acme.yml": entities, "measures/xx.yml": measures, "profiles.yml": profiles}
    return make_pack(root, **files)


@pytest.mark.parametrize(
    ("make", "profile", "binding", "elsewhere"),
    [
        pytest.param(
            "Splitco",
            "producers",
            {"XX-BRANDS-ONLY", "RISK-PRODUCER"},
            set(),
            id="the-brand-measure-applies-the-producer-measure-is-a-review",
        ),
        pytest.param(
            "Splitco",
            "strict",
            set(),
            {"XX-BRANDS-ONLY"},
            id="no-review-when-no-held-measure-binds",
        ),
        pytest.param(
            "Acme",
            "producers",
            {"XX-BRAND-BAN", "XX-BRANDS-ONLY"},
            {"XX-BAN-A", "RISK-STATE", "RISK-XJ"},
            id="a-settled-producer-meets-both-in-full",
        ),
    ],
)
def test_a_brand_whose_producer_is_unsettled_meets_brand_measures_and_a_review(
    tmp_path: Path, make: str, profile: str, binding: set[str], elsewhere: set[str]
) -> None:
    pack = _split_brand_pack(tmp_path)
    attribution = Identifier(pack.catalog).attribute(Signals(make=make), date(2026, 1, 1))
    assert attribution is not None
    hits, also = Evaluator(pack, profile, date(2026, 1, 1)).judge(attribution)
    assert {h.rule_id for h in hits} == binding
    assert {h.rule_id for h in also} == elsewhere
    review = [h for h in hits if h.rule_id == "RISK-PRODUCER"]
    if review:
        assert review[0].message.endswith(
            "Splitco — the brand is from CN, but the brand is also sold by a US company of the"
            " same name; establish who produced it before acting on XX-BRAND-BAN (high)"
        )
