from pathlib import Path

import pytest

from duediligence.pack.audit import AuditFact, ClaimKind, all_facts, sample
from duediligence.pack.loader import Pack
from tests.factory import make_pack
from tests.pack.test_advisories import ADVISORY


def by_where(facts: list[AuditFact]) -> dict[str, AuditFact]:
    return {f.where: f for f in facts}


@pytest.mark.parametrize(
    ("where", "kind", "claim", "confidence"),
    [
        pytest.param(
            "relationship oldbrand -> acme",
            ClaimKind.RELATIONSHIP,
            "Oldbrand Inc. is a subsidiary of Acme Vision Technology Co., Ltd."
            " from 2018-02-06 to 2022-11",
            "high",
            id="a-dated-relationship",
        ),
        pytest.param(
            "entity acme: ownership[0]",
            ClaimKind.OWNERSHIP,
            "State Holding owns about 40% of Acme Vision Technology Co., Ltd. (as of 2018-06);"
            " state ownership",
            "high",
            id="ownership",
        ),
        pytest.param(
            "entity acme: aliases[1]",
            ClaimKind.ALIAS,
            "'Acmevision' names Acme Vision Technology Co., Ltd.",
            None,
            id="an-alias",
        ),
        pytest.param(
            "entity acme: names[0]",
            ClaimKind.ALIAS,
            "'阿克米视觉技术有限公司' (zh-Hans) names Acme Vision Technology Co., Ltd.",
            None,
            id="a-name-in-another-script",
        ),
        pytest.param(
            "model pattern acme-ac",
            ClaimKind.PATTERN,
            "AC-1234B, AC-2040X-I, AC-9999Z are Acme Vision Technology Co., Ltd. models"
            r" (Acme camera; pattern ^AC-\d{4}[A-Z])",
            "high",
            id="a-pattern",
        ),
        pytest.param(
            "supplier 'Acme Distribution UK Ltd'",
            ClaimKind.SUPPLIER,
            "Acme Distribution UK Ltd is a distributor of Acme Vision Technology Co., Ltd.",
            "medium",
            id="a-supplier",
        ),
        pytest.param(
            "fact acme-xj",
            ClaimKind.RISK_FACT,
            "Five surveillance projects (xinjiang_surveillance, 2017, ended 2024-12)",
            "high",
            id="a-risk-fact-that-ended",
        ),
    ],
)
def test_every_kind_of_fact_is_drawn_with_its_claim(
    test_pack: Pack, where: str, kind: ClaimKind, claim: str, confidence: str | None
) -> None:
    fact = by_where(all_facts(test_pack))[where]
    assert (fact.kind, fact.claim, fact.confidence) == (kind, claim, confidence)
    (cited,) = fact.citations
    assert (cited.id, cited.title, cited.publisher, cited.date) == (
        "SRC1",
        "A test source",
        "Tests",
        "2020",
    )


def test_an_advisorys_catalogue_entries_and_models_are_drawn(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, **{"advisories/acme.yml": {"advisories": [ADVISORY]}})
    facts = by_where(all_facts(pack))
    entry = facts["advisory acme-bug: CVE-2024-0001"]
    assert (entry.kind, entry.claim) == (
        ClaimKind.KEV_ENTRY,
        "CVE-2024-0001 (Acme Cameras) was added to the catalogue on 2024-01-02, due"
        " 2024-01-23: Apply updates per vendor instructions.",
    )
    models = facts["advisory models acme-cam"]
    assert (models.kind, models.confidence) == (ClaimKind.AFFECTED_MODELS, "high")
    assert models.claim == (
        r"AC-100, AC-200, AC-300 are affected by CVE-2024-0001 (Acme camera; pattern ^AC-\d;"
        " fixed in V2.0)"
    )
    assert [c.id for c in models.citations] == ["SRC1"]


def test_measures_and_their_history_are_drawn(test_pack: Pack) -> None:
    kinds = {f.kind for f in all_facts(test_pack)}
    assert ClaimKind.MEASURE in kinds
    measures = [f for f in all_facts(test_pack) if f.kind is ClaimKind.MEASURE]
    assert len(measures) == len(test_pack.measures)
    assert all(f.citations for f in measures)


def test_the_same_seed_draws_the_same_facts(test_pack: Pack) -> None:
    first = sample(test_pack, 5, seed=42)
    assert len(first) == 5
    assert sample(test_pack, 5, seed=42) == first
    assert len({f.where for f in first}) == 5  # no repeats


def test_other_seeds_draw_other_facts(test_pack: Pack) -> None:
    draws = {tuple(f.where for f in sample(test_pack, 3, seed=s)) for s in range(10)}
    assert len(draws) > 1


def test_asking_for_more_than_the_pack_holds_draws_everything_once(test_pack: Pack) -> None:
    everything = all_facts(test_pack)
    drawn = sample(test_pack, len(everything) + 10, seed=1)
    assert sorted(f.where for f in drawn) == sorted(f.where for f in everything)


def test_the_bundled_pack_can_be_audited_whole() -> None:
    from duediligence.api import load_pack

    pack = load_pack()
    facts = all_facts(pack)
    assert {f.kind for f in facts} == set(ClaimKind) - {ClaimKind.SUPPLIER}  # none listed
    assert all(f.citations for f in facts)
    assert all(c.title for f in facts for c in f.citations)
    # The aliases the 2026-12 audit found to be other companies are not aliases any more.
    aliases = {f.claim.split("'")[1] for f in facts if f.where.startswith("entity huawei: aliases")}
    assert "Huawei Investment & Holding" not in aliases and "Huawei" in aliases
    lorex = {f.claim for f in facts if f.where.startswith("entity lorex: aliases")}
    assert lorex == {"'Lorex' names Lorex Technology Inc."}
