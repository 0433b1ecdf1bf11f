from datetime import date

import pytest

from duediligence.identify.combine import Plans, combine
from duediligence.identify.interface import Identifier, Signals
from duediligence.pack.loader import Pack
from duediligence.results.findings import Signal


def test_a_brand_is_walked_to_its_group(test_pack: Pack) -> None:
    a = Identifier(test_pack.catalog).attribute(Signals(make="AcmeLine"), date(2025, 1, 1))
    assert a is not None
    assert (a.entity.id, a.entity.group) == ("acmeline", "acme")
    assert a.evidence[-1].signal.value == "relationship"
    assert "AcmeLine is a brand of Acme Vision Technology Co., Ltd." in a.evidence[-1].explanation


def test_relationships_count_only_while_valid(test_pack: Pack) -> None:
    ident = Identifier(test_pack.catalog)
    during = ident.attribute(Signals(make="Oldbrand"), date(2020, 6, 1))
    after = ident.attribute(Signals(make="Oldbrand"), date(2023, 1, 1))
    before = ident.attribute(Signals(make="Oldbrand"), date(2018, 2, 5))
    assert during is not None and during.entity.group == "acme"
    assert after is not None and after.entity.group == "oldbrand"
    assert before is not None and before.entity.group == "oldbrand"


def test_agreeing_signals_add_up(test_pack: Pack) -> None:
    ident = Identifier(test_pack.catalog)
    name_only = ident.attribute(Signals(make="Acme"), date(2025, 1, 1))
    both = ident.attribute(Signals(make="Acme", model="AC-1234B"), date(2025, 1, 1))
    assert name_only is not None and both is not None
    assert both.confidence > name_only.confidence
    assert [e.signal.value for e in both.evidence] == ["name", "model"]
    assert both.alternatives == ()


def test_conflicting_signals_are_kept_for_review(test_pack: Pack) -> None:
    a = Identifier(test_pack.catalog).attribute(
        Signals(make="ZED", model="AC-1234B"), date(2025, 1, 1)
    )
    assert a is not None
    assert {a.entity.group, *(x.group for x in a.alternatives)} == {"acme", "zed"}


def test_nothing_known_gives_no_attribution(test_pack: Pack) -> None:
    assert Identifier(test_pack.catalog).attribute(Signals(make="Axis"), date(2025, 1, 1)) is None


def test_work_is_memoised_on_distinct_values(test_pack: Pack) -> None:
    ident = Identifier(test_pack.catalog)
    for _ in range(1000):
        ident.attribute(Signals(make="Acme", model="AC-1234B"), date(2025, 1, 1))
    ident.attribute(Signals(make="Acme", model="AC-9999Z"), date(2025, 1, 1))
    assert ident.distinct_values == 2


def test_a_supplier_alone_is_weak_evidence(test_pack: Pack) -> None:
    ident = Identifier(test_pack.catalog)
    a = ident.attribute(Signals(supplier="ACME DISTRIBUTION UK LIMITED"), date(2025, 1, 1))
    assert a is not None and a.entity.group == "acme"
    assert a.confidence < 0.3
    assert a.evidence[0].explanation == (
        "supplier 'ACME DISTRIBUTION UK LIMITED' is Acme Distribution UK Ltd, a distributor of"
        " Acme Vision Technology Co., Ltd. (sources SRC1)"
    )
    assert ident.attribute(Signals(supplier="Acme Distributors"), date(2025, 1, 1)) is None


def test_macs_differing_only_in_the_device_part_share_one_attribution(test_pack: Pack) -> None:
    ident = Identifier(test_pack.catalog)
    first = ident.attribute(Signals(make="Acme", mac="44:19:B6:00:00:01"), date(2025, 1, 1))
    second = ident.attribute(Signals(make="Acme", mac="44-19-b6-ff-ff-02"), date(2025, 1, 1))
    assert first is second
    assert ident.distinct_values == 1


def test_a_rival_group_is_a_conflict_said_in_words(test_pack: Pack) -> None:
    a = Identifier(test_pack.catalog).attribute(
        Signals(make="ZED", model="AC-1234B"), date(2025, 1, 1)
    )
    assert a is not None and len(a.conflicts) == 1
    assert "points to the" in a.conflicts[0] and "group, not" in a.conflicts[0]


def test_a_make_naming_an_unrelated_registered_maker_disputes_a_pattern_alone(
    test_pack: Pack,
) -> None:
    """A model grammar belongs to a maker: the pattern alone cannot outweigh 'Axis'."""
    a = Identifier(test_pack.catalog).attribute(
        Signals(make="Axis", model="AC-1234B"), date(2025, 1, 1)
    )
    assert a is not None and a.entity.group == "acme" and a.disputed
    assert a.conflicts == (
        "the make 'Axis' names a manufacturer in the IEEE registry ('Axis Communications AB')"
        " that the pack does not relate to the Acme Vision Technology Co., Ltd. group; only a"
        " model pattern points to that group, and no source ties the make to it, so the"
        " group's rules wait for review",
    )
    assert [ev.signal for ev in a.evidence] == [Signal.MODEL]


def test_a_registered_make_beside_a_pattern_and_an_fcc_id_is_only_a_conflict(
    test_pack: Pack,
) -> None:
    """The FCC ID ties the row to the group on its own: the make's disagreement is reported."""
    a = Identifier(test_pack.catalog).attribute(
        Signals(make="Axis", model="AC-1234B", fcc_id="2ACME-CAM01"), date(2025, 1, 1)
    )
    assert a is not None and a.entity.group == "acme" and not a.disputed
    assert a.conflicts == (
        "the make 'Axis' names a manufacturer in the IEEE registry ('Axis Communications AB')"
        " that the pack does not relate to the Acme Vision Technology Co., Ltd. group",
    )


def test_a_make_the_pack_holds_in_another_group_leads_over_a_pattern_alone(
    test_pack: Pack,
) -> None:
    """Oldbrand left the Acme group in 2022: its make with an Acme model number is an
    Oldbrand item whose model points to Acme, for review, not an Acme item."""
    a = Identifier(test_pack.catalog).attribute(
        Signals(make="Oldbrand", model="AC-1234B"), date(2025, 1, 1)
    )
    assert a is not None and a.entity.group == "oldbrand" and not a.disputed
    assert [g.group for g in a.alternatives] == ["acme"]
    assert "points to the Acme Vision Technology Co., Ltd. group, not Oldbrand" in a.conflicts[0]
    owned = Identifier(test_pack.catalog).attribute(
        Signals(make="Oldbrand", model="AC-1234B"), date(2020, 1, 1)
    )
    assert owned is not None and owned.entity.group == "acme" and owned.conflicts == ()


def test_an_unknown_make_on_a_known_model_is_a_relabel_not_a_conflict(test_pack: Pack) -> None:
    a = Identifier(test_pack.catalog).attribute(
        Signals(make="Northgate Security Ltd", model="AC-1234B"), date(2025, 1, 1)
    )
    assert a is not None and a.entity.group == "acme"
    assert a.conflicts == ()


def test_an_fcc_id_is_attributed_by_its_grantee_code(test_pack: Pack) -> None:
    ident = Identifier(test_pack.catalog)
    a = ident.attribute(Signals(fcc_id="FCC ID: 2ACME-CAM01"), date(2025, 1, 1))
    b = ident.attribute(Signals(fcc_id="2acme-cam02"), date(2025, 1, 1))
    assert a is not None and a.entity.group == "acme"
    assert a is b
    assert a.evidence[0].explanation == (
        "FCC grantee code 2ACME is held by 'Acme Vision Technology Co., Ltd.' (sources SRC1)"
    )


@pytest.mark.parametrize(
    ("first", "then", "when"),
    [
        pytest.param(
            Signals(make="ZED", model="AC-1234B"),
            Signals(make="zed", model="AC-1234B/28"),
            date(2025, 1, 1),
            id="a rival group's conflict names the evidence of its own row",
        ),
        pytest.param(
            Signals(make="Oldbrand"),
            Signals(make="OLDBRAND"),
            date(2020, 6, 1),
            id="a brand walked to its group on a day the tie held",
        ),
        pytest.param(
            Signals(make="Oldbrand"),
            Signals(make="OLDBRAND"),
            date(2023, 1, 1),
            id="the same shape on a day after the tie ended",
        ),
    ],
)
def test_a_plan_decided_for_one_shape_of_evidence_serves_the_next(
    test_pack: Pack, first: Signals, then: Signals, when: date
) -> None:
    ident = Identifier(test_pack.catalog)
    plans: Plans = {}
    seen = ident.evidence(first.keyed())
    later = ident.evidence(then.keyed())
    assert [(e.entity, e.signal, e.score) for e in seen] == [
        (e.entity, e.signal, e.score) for e in later
    ]
    assert [e.value for e in seen] != [e.value for e in later]
    combine(seen, test_pack.catalog, when, plans=plans)
    assert len(plans) == 1
    reused = combine(later, test_pack.catalog, when, plans=plans)
    assert len(plans) == 1
    assert reused == combine(later, test_pack.catalog, when)
    assert reused is not None
    assert all(e in later or e.signal is Signal.RELATIONSHIP for e in reused.evidence)
