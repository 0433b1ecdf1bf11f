"""What a MAC or a model says, as the scan keys rows on it: values that name no one are one
key, whatever their text, and values that say something keep their own; and the entries
the report lists, the ones with the most rows."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duediligence.api import load_pack
from duediligence.evaluate.groups import NO_MAKER, OUI_MEMO, Group, Listed, ModelRows, Outcomes
from duediligence.identify.interface import Identifier
from duediligence.identify.unknown import MAC_MALFORMED, MAC_RANDOM


@pytest.fixture(scope="module")
def outcomes() -> Outcomes:
    return Outcomes(Identifier(load_pack().catalog))


@pytest.mark.parametrize(
    ("mac", "key"),
    [
        pytest.param("44:19:B6:12:34:56", "44:19:B6", id="hikvision-oui"),
        pytest.param("44-19-b6-00-00-01", "44:19:B6", id="hyphens-lower-case"),
        pytest.param("4419.b612.3456", "44:19:B6", id="dotted"),
        pytest.param("00:00:5E:00:53:01", NO_MAKER, id="registered-to-no-one-in-the-pack"),
        pytest.param("3C:D9:2B:00:00:01", NO_MAKER, id="hp-oui-not-in-the-pack"),
        pytest.param("9C:00:7F:AA:BB:CC", NO_MAKER, id="unregistered-oui"),
        pytest.param("02:11:22:33:44:55", "!" + MAC_RANDOM, id="locally-administered"),
        pytest.param("DA:A1:19:00:00:01", "!" + MAC_RANDOM, id="randomised"),
        pytest.param("not a mac", "!" + MAC_MALFORMED, id="malformed"),
        pytest.param("   ", "", id="blank"),
    ],
)
def test_a_mac_is_keyed_on_what_its_oui_says(outcomes: Outcomes, mac: str, key: str) -> None:
    assert outcomes.mac_key(mac) == key


def test_the_oui_memo_starts_again_rather_than_grow_with_random_macs(outcomes: Outcomes) -> None:
    fresh = Outcomes(outcomes._identifier)
    for n in range(OUI_MEMO + 10):
        fresh.mac_key(f"{n >> 16 & 0xFC:02X}:{n >> 8 & 255:02X}:{n & 255:02X}:00:00:01")
    assert len(fresh._oui_memo) <= OUI_MEMO
    assert fresh.mac_key("44:19:B6:12:34:56") == "44:19:B6"


@pytest.mark.parametrize(
    ("model", "says"),
    [
        pytest.param("DS-2CD2143G2-I", True, id="a-pattern"),
        pytest.param("Hikvision-DS-X", True, id="a-name"),
        pytest.param("wall bracket", True, id="an-accessory"),
        pytest.param("camera for the Dahua NVR", True, id="context"),
        pytest.param("", True, id="empty-keyed-as-written"),
        pytest.param("SN000123457K", False, id="a-serial"),
        pytest.param(" 7f3a9c ", False, id="hex-with-spaces"),
        pytest.param("XJ-9", False, id="an-unknown-model"),
    ],
)
def test_a_model_is_keyed_as_written_only_when_it_says_something(
    outcomes: Outcomes, model: str, says: bool
) -> None:
    text, key = outcomes.model_of(model)
    assert text == model
    assert (key == model) if says else (key is None)


def test_equal_model_texts_share_the_first_string(outcomes: Outcomes) -> None:
    first = "".join(["SN0001", "99K"])
    again = "".join(["SN00019", "9K"])
    assert outcomes.model_of(first)[0] is outcomes.model_of(again)[0]


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        pytest.param(None, [("XJ-9", 4)], id="keyed-as-written"),
        pytest.param({"SN1": 3, "SN2": 1}, [("SN1", 3), ("SN2", 1)], id="models-saying-nothing"),
    ],
)
def test_a_group_names_its_rows_by_their_models(
    models: dict[str, int] | None, expected: list[tuple[str, int]]
) -> None:
    group = Group(0, model="XJ-9", rows=4, models=None if models is None else Counter(models))
    listed = ModelRows()
    listed.add(group)
    assert listed.most(10) == [((None, model, ""), n) for model, n in expected]


def flat(groups: list[Group]) -> Counter[Listed]:
    """Every group's rows by (make, model, reason), one entry each: what ModelRows keeps."""
    out: Counter[Listed] = Counter()
    for g in groups:
        for model, n in [(g.model, g.rows)] if g.models is None else list(g.models.items()):
            out[(g.make, model, g.reason)] += n
    return out


MODEL = st.one_of(st.none(), st.text("SNK0123", max_size=3))
GROUP = st.builds(
    lambda make, reason, model, rows, models: Group(
        0, make=make, reason=reason, model=model, rows=rows, models=models
    ),
    st.sampled_from([None, "Acme", "Hikvision", "ａcme"]),
    st.sampled_from(["unknown make", "no signal"]),
    MODEL,
    st.integers(0, 6),
    st.one_of(
        st.none(), st.dictionaries(st.text("SNK0123", max_size=3), st.integers(0, 6)).map(Counter)
    ),
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(GROUP, max_size=30), st.integers(0, 60))
def test_the_listed_entries_are_what_sorting_every_entry_gives(
    groups: list[Group], shown: int
) -> None:
    listed = ModelRows()
    for g in groups:
        listed.add(g)
    every = flat(groups)
    assert listed.most(shown) == sorted(every.items(), key=lambda kv: (-kv[1], str(kv[0])))[:shown]
    by_reason: Counter[str] = Counter()
    for (_, _, reason), n in every.items():
        by_reason[reason] += n
    assert listed.by_reason() == dict(sorted(by_reason.items()))


@pytest.mark.parametrize(
    ("rows", "shown", "expected"),
    [
        pytest.param({"b": 2, "a": 2, "c": 3}, 2, [("c", 3), ("a", 2)], id="ties-by-text"),
        pytest.param({"b": 1, "a": 1}, 5, [("a", 1), ("b", 1)], id="fewer-than-shown"),
        pytest.param({"a": 1}, 0, [], id="none-shown"),
        pytest.param({}, 3, [], id="nothing-counted"),
    ],
)
def test_the_entries_listed(
    rows: dict[str, int], shown: int, expected: list[tuple[str, int]]
) -> None:
    listed = ModelRows()
    listed.add(Group(0, make="Acme", reason="unknown make", models=Counter(rows)))
    assert listed.most(shown) == [(("Acme", model, "unknown make"), n) for model, n in expected]
