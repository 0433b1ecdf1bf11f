"""A make naming the group that a brand in the model text belonged to: the make is the producer
when the row's date (or its lack of one) allows it, and a conflict to review when it does not.

Honor was Huawei's until 2020-11-17 and Lorex Dahua's from 2018-02-06 to 2022-11-24 (the pack's
dated relationships); Sepura is Hytera's from 2017-05-25.
"""

from __future__ import annotations

from datetime import date

import pytest

from duediligence.api import load_pack
from duediligence.identify import weights
from duediligence.identify.former_brands import FORMER_BRAND
from duediligence.identify.interface import Identifier, Signals
from duediligence.results.findings import Signal

TODAY = date(2026, 1, 1)
BEFORE_SALE = date(2018, 6, 1)
AFTER_SALE = date(2022, 3, 1)
FORMER = "former"  # the make's group, the tie told in the evidence, confidence discounted
DISPUTED = "disputed"  # the make's group, review rules only, the conflict saying why
SAME = "same"  # the tie held on the day: one group, nothing to settle
CONFLICT = "conflict"  # another group's signal stands: an ordinary conflict


@pytest.fixture(scope="module")
def identifier() -> Identifier:
    return Identifier(load_pack().catalog)


@pytest.mark.parametrize(
    ("signals", "when", "dated", "group", "outcome"),
    [
        pytest.param(
            Signals(make="Huawei", model="HONOR H30-L02"),
            TODAY,
            False,
            "huawei",
            FORMER,
            id="huawei-make-honor-model-undated",
        ),
        pytest.param(
            Signals(make="Huawei", model="HONOR H30-L02"),
            BEFORE_SALE,
            True,
            "huawei",
            SAME,
            id="huawei-make-honor-model-bought-before-the-sale",
        ),
        pytest.param(
            Signals(make="Huawei", model="HONOR H30-L02"),
            AFTER_SALE,
            True,
            "huawei",
            DISPUTED,
            id="huawei-make-honor-model-bought-after-the-sale",
        ),
        pytest.param(
            Signals(make="Huawei", model="HONOR BKL-L09"),
            TODAY,
            False,
            "huawei",
            FORMER,
            id="huawei-make-honor-brand-and-huawei-code-undated",
        ),
        pytest.param(
            Signals(make="Huawei", model="HONOR BKL-L09"),
            AFTER_SALE,
            True,
            "huawei",
            DISPUTED,
            id="huawei-make-honor-brand-and-huawei-code-after-the-sale",
        ),
        pytest.param(
            Signals(make="Huawei", description="HONOR 8 handset, 32GB"),
            TODAY,
            False,
            "huawei",
            FORMER,
            id="brand-in-the-description",
        ),
        pytest.param(
            Signals(make="Huawei", model="HONOR 90", mac="04:79:75:12:34:56"),
            TODAY,
            False,
            "honor",
            CONFLICT,
            id="honor-mac-registered-by-the-company-after-the-sale-stays-a-conflict",
        ),
        pytest.param(
            Signals(make="Honor", model="HUAWEI Y6"),
            TODAY,
            False,
            "honor",
            CONFLICT,
            id="honor-make-huawei-model-the-make-is-no-parent",
        ),
        pytest.param(
            Signals(make="Honor", model="HUAWEI Y6"),
            BEFORE_SALE,
            True,
            "huawei",
            SAME,
            id="honor-make-huawei-model-before-the-sale",
        ),
        pytest.param(
            Signals(make="Samsung", model="HONOR 8"),
            TODAY,
            False,
            "honor",
            CONFLICT,
            id="non-covered-maker-is-no-parent",
        ),
        pytest.param(
            Signals(make="Huawei", model="ZTE MF286"),
            TODAY,
            False,
            "zte",
            CONFLICT,
            id="another-group-never-owned-by-the-make",
        ),
        pytest.param(
            Signals(make="Dahua", model="Lorex N841"),
            TODAY,
            False,
            "dahua",
            FORMER,
            id="dahua-make-lorex-model-undated",
        ),
        pytest.param(
            Signals(make="Dahua", model="Lorex N841"),
            date(2020, 1, 1),
            True,
            "dahua",
            SAME,
            id="dahua-make-lorex-model-while-dahua-owned-it",
        ),
        pytest.param(
            Signals(make="Dahua", model="Lorex N841"),
            date(2024, 1, 1),
            True,
            "dahua",
            DISPUTED,
            id="dahua-make-lorex-model-after-dahua-sold-it",
        ),
        pytest.param(
            Signals(make="Hytera", model="Sepura SC20"),
            date(2016, 1, 1),
            True,
            "hytera",
            DISPUTED,
            id="hytera-make-sepura-model-before-hytera-bought-it",
        ),
        pytest.param(
            Signals(make="Hytera", model="Sepura SC20"),
            TODAY,
            False,
            "hytera",
            SAME,
            id="hytera-make-sepura-model-undated-the-tie-holds-today",
        ),
    ],
)
def test_a_make_naming_a_brands_former_owner(
    identifier: Identifier, signals: Signals, when: date, dated: bool, group: str, outcome: str
) -> None:
    found = identifier.attribute(signals, when, dated)
    assert found is not None and found.entity.group == group
    told = [ev for ev in found.evidence if ev.matched == FORMER_BRAND]
    assert found.disputed == (outcome == DISPUTED)
    assert bool(told) == (outcome == FORMER)
    if outcome == FORMER:
        assert found.confidence <= weights.FORMER_BRAND_UNDATED
        assert found.confidence >= weights.ATTRIBUTION_FLOOR
        assert not found.conflicts and not found.alternatives
        assert told[0].signal is Signal.RELATIONSHIP and "the make column names" in (
            told[0].explanation
        )
    if outcome == DISPUTED:
        assert any("the row's date" in said for said in found.conflicts)
    if outcome == SAME:
        assert not found.conflicts
    if outcome == CONFLICT:
        assert found.conflicts and not any("the make column names" in c for c in found.conflicts)


def test_the_explanation_names_the_make_the_brand_the_date_and_the_sources(
    identifier: Identifier,
) -> None:
    found = identifier.attribute(Signals(make="Huawei", model="HONOR H30-L02"), TODAY, False)
    assert found is not None
    [told] = [ev for ev in found.evidence if ev.matched == FORMER_BRAND]
    said = told.explanation
    assert said.startswith("the make column names Huawei Technologies Co., Ltd.")
    assert "'Honor' in 'HONOR H30-L02' names Honor Device Co., Ltd." in said
    assert "a subsidiary of Huawei Technologies Co., Ltd. until 2020-11-17" in said
    assert "(sources S70, WAPO-AP-HONOR)" in said and "no date" in said
    later = identifier.attribute(Signals(make="Huawei", model="HONOR H30-L02"), AFTER_SALE)
    assert later is not None
    [why] = [c for c in later.conflicts if "the make column names" in c]
    assert "until 2020-11-17" in why and "on 2022-03-01, the row's date" in why


def test_dated_and_undated_rows_of_the_same_day_are_memoised_apart(
    identifier: Identifier,
) -> None:
    signals = Signals(make="Huawei", model="HONOR 7X")
    undated = identifier.attribute(signals, TODAY, dated=False)
    dated = identifier.attribute(signals, TODAY, dated=True)
    assert undated is not None and dated is not None
    assert not undated.disputed and dated.disputed
