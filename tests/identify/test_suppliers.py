"""Supplier, installer and maintainer text names a group's own companies, and only those."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duediligence.api import load_pack
from duediligence.evaluate.engine import Evaluator
from duediligence.identify import weights
from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.names import NameMatcher
from duediligence.identify.suppliers import SupplierMatcher
from duediligence.pack.loader import Pack
from duediligence.pack.sources import Confidence
from duediligence.results.findings import Signal
from tests.factory import ACME_FILE, make_pack

# Acme's national subsidiaries, one of them Acme's only for a while, as a pack records them.
SUBSIDIARIES: dict[str, Any] = {
    "entities": [
        {
            "id": "acme-uk",
            "name": "Acme Vision UK Ltd",
            "aliases": ["Acme UK"],
            "country": "GB",
            "sources": ["SRC1"],
        },
        {
            "id": "acme-usa",
            "name": "Acme Vision USA Inc.",
            "aliases": ["Acme USA"],
            "country": "US",
            "sources": ["SRC1"],
        },
    ],
    "relationships": [
        {
            "entity": "acme-uk",
            "type": "subsidiary",
            "parent": "acme",
            "confidence": "high",
            "sources": ["SRC1"],
        },
        {
            "entity": "acme-usa",
            "type": "subsidiary",
            "parent": "acme",
            "valid_to": "2021-06",
            "confidence": "high",
            "sources": ["SRC1"],
        },
    ],
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root: Path = tmp_path_factory.mktemp("supplierpack")
    return make_pack(root, **{"entities/acme.yml": ACME_FILE, "entities/subs.yml": SUBSIDIARIES})


@pytest.fixture(scope="module")
def suppliers(pack: Pack) -> SupplierMatcher:
    return SupplierMatcher(pack.catalog)


def group_of(pack: Pack, supplier: str, when: date) -> str | None:
    attribution = Identifier(pack.catalog).attribute(Signals(supplier=supplier), when)
    return attribution.entity.group if attribution else None


@pytest.mark.parametrize(
    ("supplier", "entity"),
    [
        pytest.param("Acme Vision UK Ltd", "acme-uk", id="subsidiary-legal-name"),
        pytest.param("ACME UK LIMITED", "acme-uk", id="subsidiary-alias-with-legal-form"),
        pytest.param("Acme Vision USA, Inc.", "acme-usa", id="us-subsidiary"),
        pytest.param("Acme", "acme", id="the-maker-itself"),
        pytest.param("Acmevision Europe B.V.", "acme", id="maker-name-inside-a-longer-name"),
        pytest.param("阿克米视觉技术有限公司", "acme", id="chinese-legal-name"),
        pytest.param("ACME DISTRIBUTION UK LIMITED", "acme", id="listed-distributor"),
        pytest.param("Аcmevision", "acme", id="cyrillic-lookalike"),
    ],
)
def test_suppliers_that_name_a_company_of_the_pack(
    suppliers: SupplierMatcher, supplier: str, entity: str
) -> None:
    (ev, *_) = suppliers.match(supplier)
    assert ev.signal is Signal.SUPPLIER and ev.entity == entity


@pytest.mark.parametrize(
    "supplier",
    [
        pytest.param("Acme Estates", id="short-name-beside-a-distinctive-word"),
        pytest.param("Acmevison Ltd", id="no-typos-for-suppliers"),
        pytest.param("Acme Bakery Supplies", id="listed-lookalike"),
        pytest.param("ADI Global", id="distributor-adi"),
        pytest.param("Anixter", id="distributor-anixter"),
        pytest.param("Wesco", id="distributor-wesco"),
        pytest.param("Security Systems Ltd", id="only-generic-words"),
        pytest.param("", id="empty"),
    ],
)
def test_suppliers_that_name_no_one(suppliers: SupplierMatcher, supplier: str) -> None:
    assert suppliers.match(supplier) == ()


def test_suppliers_take_no_typos_where_makes_do(pack: Pack) -> None:
    """The same text is a slip in a make column and another company in a supplier column."""
    assert not weights.SUPPLIER_TYPOS
    assert NameMatcher(pack.catalog).match("Acmevison Ltd")
    assert SupplierMatcher(pack.catalog).match("Acmevison Ltd") == ()


def test_a_subsidiary_is_explained_with_its_tie_and_source(suppliers: SupplierMatcher) -> None:
    (ev,) = suppliers.match("Acme UK Ltd")
    assert ev.explanation == (
        "supplier 'Acme UK Ltd' matches the name 'Acme UK' after removing 'Ltd' of Acme Vision"
        " UK Ltd, a subsidiary of the Acme Vision Technology Co., Ltd. group, per source SRC1"
    )


def test_a_dated_subsidiary_counts_only_within_its_ownership(
    pack: Pack, suppliers: SupplierMatcher
) -> None:
    assert group_of(pack, "Acme Vision USA Inc", date(2020, 5, 1)) == "acme"
    assert group_of(pack, "Acme Vision USA Inc", date(2023, 5, 1)) == "acme-usa"
    (ev,) = suppliers.match("Acme USA")
    assert (
        "a subsidiary of the Acme Vision Technology Co., Ltd. group from its start to 2021-06"
        in (ev.explanation)
    )


def test_a_supplier_counts_at_supplier_weight(pack: Pack) -> None:
    a = Identifier(pack.catalog).attribute(Signals(supplier="Acme UK"), date(2025, 1, 1))
    assert a is not None
    expected = weights.SIGNAL_WEIGHT[Signal.SUPPLIER] * weights.CONFIDENCE_WEIGHT[Confidence.HIGH]
    assert a.confidence == round(expected, 3)


@pytest.fixture(scope="module")
def bundled() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def identifier(bundled: Pack) -> Identifier:
    return Identifier(bundled.catalog)


@pytest.mark.parametrize(
    ("supplier", "when", "group"),
    [
        pytest.param("Hikvision UK Ltd", date(2026, 1, 1), "hikvision", id="hikvision-uk"),
        pytest.param("Hikvision USA, Inc.", date(2026, 1, 1), "hikvision", id="hikvision-usa"),
        pytest.param("HIKVISION EUROPE BV", date(2026, 1, 1), "hikvision", id="hikvision-europe"),
        pytest.param("Dahua Technology UK Ltd", date(2026, 1, 1), "dahua", id="dahua-uk"),
        pytest.param("Dahua Technology USA Inc", date(2020, 1, 1), "dahua", id="dahua-usa-2020"),
        pytest.param("Huawei Technologies (UK) Co Ltd", date(2026, 1, 1), "huawei", id="huawei-uk"),
        pytest.param("Prama Hikvision India Pvt Ltd", date(2026, 1, 1), "hikvision", id="prama"),
    ],
)
def test_a_supplier_only_row_naming_a_covered_groups_company_is_found(
    bundled: Pack, supplier: str, when: date, group: str
) -> None:
    """Found and sent for review, never banned: a supplier says who sold the item, not what
    it is, so it stays under the confidence floor and the review names the ban it awaits."""
    a = Identifier(bundled.catalog).attribute(Signals(supplier=supplier), when)
    assert a is not None and a.entity.group == group
    hits = Evaluator(bundled, "global", when).hits(a)
    (weak,) = hits
    assert weak.rule_id == "RISK-WEAK-ATTRIBUTION"
    assert "only the supplier names the group" in weak.message
    assert "US-NDAA-889-A (" in weak.message


@pytest.mark.parametrize(
    ("supplier", "when"),
    [
        pytest.param("ADI Global", date(2026, 1, 1), id="adi"),
        pytest.param("Anixter International", date(2026, 1, 1), id="anixter"),
        pytest.param("Wesco Distribution", date(2026, 1, 1), id="wesco"),
        pytest.param("Dahlia Supplies", date(2026, 1, 1), id="dahlia-is-not-dahua"),
        pytest.param("Hikari Trading", date(2026, 1, 1), id="hikari-is-not-hik"),
        pytest.param("Hik Estates", date(2026, 1, 1), id="hik-inside-a-longer-name"),
        pytest.param("Dahua Technology USA Inc", date(2025, 1, 1), id="dahua-usa-after-its-sale"),
    ],
)
def test_a_supplier_only_row_naming_no_covered_company_is_not_covered(
    bundled: Pack, supplier: str, when: date
) -> None:
    a = Identifier(bundled.catalog).attribute(Signals(supplier=supplier), when)
    hits = Evaluator(bundled, "global", when).hits(a) if a is not None else ()
    assert not {"US-NDAA-889-A", "RISK-WEAK-ATTRIBUTION"} & {h.rule_id for h in hits}


def test_a_covered_supplier_does_not_outweigh_another_makers_make(bundled: Pack) -> None:
    """A Hikvision company may have sold the Axis camera; the row is reviewed, not banned."""
    when = date(2026, 1, 1)
    a = Identifier(bundled.catalog).attribute(
        Signals(make="Axis", model="P3245-V", supplier="Hikvision UK Ltd"), when
    )
    assert a is not None and a.disputed
    hits = Evaluator(bundled, "global", when).hits(a)
    assert {h.rule_id for h in hits} == {"RISK-CONFLICTING-ATTRIBUTION"}
    assert "only a supplier points to that group" in hits[0].message


@settings(max_examples=150, deadline=None, database=None)
@given(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=80),
        st.text(st.characters(codec="utf-8"), min_size=1000, max_size=3000),
    )
)
def test_no_supplier_make_or_model_text_raises(identifier: Identifier, text: str) -> None:
    """Emoji, control characters, lookalikes, any script, any length: evidence or nothing."""
    for signals in (Signals(supplier=text), Signals(make=text, model=text, description=text)):
        a = identifier.attribute(signals, date(2026, 1, 1))
        assert a is None or 0 < a.confidence <= 1
