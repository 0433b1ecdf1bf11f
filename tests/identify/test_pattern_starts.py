"""What `shape` promises of a pattern: every match begins with one of its starts and holds
every character it needs, so a value that offers neither cannot match it."""

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duediligence.api import load_pack
from duediligence.identify.pattern_starts import WIDTH, Shape, shape

PROPERTY = settings(
    max_examples=500, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
FLAGS = re.IGNORECASE | re.UNICODE


def _digits(prefix: str) -> set[str]:
    return {prefix + d for d in string.digits}


@pytest.mark.parametrize(
    ("pattern", "starts", "needs"),
    [
        pytest.param(r"^DS-2CD\d", {"DS"}, set("DS-2C"), id="literal-prefix"),
        pytest.param(r"^(DHI?-)?VT[OH]\d{4}", {"DH", "VT"}, {"V", "T"}, id="optional-prefix"),
        pytest.param(r"^ds-\d", {"DS"}, {"D", "S", "-"}, id="lower-case-read-upper"),
        pytest.param(r"^X\d", _digits("X"), {"X"}, id="class-second"),
        pytest.param(r"^(AB|AC)D", {"AB", "AC"}, {"A", "D"}, id="choice-keeps-common"),
        pytest.param(r"^A(?![0-9])B?", {"A", "AB"}, {"A"}, id="lookahead-read-as-absent"),
        pytest.param(r"^\bZ{2,}", {"ZZ"}, {"Z"}, id="open-repeat"),
        pytest.param(r"^Q", {"Q"}, {"Q"}, id="one-character-match"),
        pytest.param(r"^[^\W\d_]9", {c + "9" for c in string.ascii_uppercase}, {"9"}, id="negated"),
        pytest.param(r"^(?>AB)", {"AB"}, {"A", "B"}, id="atomic-group"),
    ],
)
def test_shape_of(pattern: str, starts: set[str], needs: set[str]) -> None:
    assert shape(re.compile(pattern, FLAGS)) == Shape(frozenset(starts), frozenset(needs))


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(r"^(A)\1", id="back-reference"),
        pytest.param(r"^A?", id="matches-nothing-at-all"),
        pytest.param(r"^(?:B|\b)", id="a-choice-of-nothing"),
    ],
)
def test_shapes_not_told(pattern: str) -> None:
    assert shape(re.compile(pattern, FLAGS)) is None


def test_every_bundled_pattern_has_a_shape_its_examples_fit() -> None:
    """Every pattern of the bundled pack is read, so the pre-test rules out values for all of
    them (one unread pattern would switch it off), and its own examples fit the shape."""
    for p in load_pack().catalog.patterns:
        found = shape(p.regex)
        assert found is not None, p.spec.id
        for example in p.spec.examples:
            m = p.regex.match(example.upper())
            assert m is not None, (p.spec.id, example)
            assert m.group()[:WIDTH] in found.starts, (p.spec.id, example)
            assert found.needs <= set(m.group()), (p.spec.id, example)


# Random patterns of the kinds packs write: literals, classes, optional parts, choices,
# bounded and open repeats, assertions; and random ASCII text to match them on.
ATOM = st.one_of(
    st.sampled_from(list("ABCDSZ019- ")).map(re.escape),
    st.sampled_from(
        [r"\d", r"\w", r"\s", "[A-C]", "[^A]", "[0-3X]", ".", r"\b", "(?!1)", "(?<=A)"]
    ),
)


def _grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, min_size=1, max_size=4).map("".join),
        st.tuples(inner, inner).map(lambda ab: f"(?:{ab[0]}|{ab[1]})"),
        inner.map(lambda a: f"({a})?"),
        st.tuples(inner, st.integers(0, 2), st.integers(0, 3)).map(
            lambda t: f"(?:{t[0]}){{{t[1]},{t[1] + t[2]}}}"
        ),
        inner.map(lambda a: f"(?:{a})+"),
    )


PATTERN = st.recursive(ATOM, _grow, max_leaves=8)
TEXT = st.text(st.sampled_from(list("ABCDSZabcz019- _X")), max_size=10)


@PROPERTY
@given(PATTERN, st.lists(TEXT, min_size=1, max_size=6), st.booleans())
def test_every_match_fits_the_shape(pattern: str, texts: list[str], ignore_case: bool) -> None:
    regex = re.compile("^" + pattern, FLAGS if ignore_case else re.UNICODE)
    found = shape(regex)
    if found is None:
        return
    for text in (t.upper() for t in texts):
        m = regex.match(text)
        if m is not None:
            assert m.group()[:WIDTH] in found.starts, text
            assert found.needs <= set(m.group()), text
