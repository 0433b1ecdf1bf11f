"""What the pre-tests for a model that says nothing promise for every text: a text they let
through unread is one the full reading finds nothing in.

`Identifier.plainly_says_nothing` answers for most serials without matching; the full
reading is `context.read_in_full` (every expression), then the pack's model patterns and
the name matcher on what the item is. The texts are built from the bundled pack's own
names and model examples (whole, cut, with digits let in, in other cases), serials, cue
words, separators and free text, so they come near every name and pattern.
"""

import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from duediligence.api import load_pack
from duediligence.identify import context_words as words
from duediligence.identify import kinds
from duediligence.identify.context import read_in_full
from duediligence.identify.interface import Identifier

PROPERTY = settings(
    max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
IDENTIFIER = Identifier(load_pack().catalog)
CATALOG = IDENTIFIER.catalog
NAMES = sorted({n for e in CATALOG.entities.values() for n in (e.name, *e.aliases) if n.isascii()})
EXAMPLES = sorted({x for p in CATALOG.patterns for x in (*p.spec.examples,)})


def says_nothing_in_full(text: str) -> bool:
    """`model_says_nothing` with nothing left out: every context expression, every matcher."""
    text = text.strip()
    if not text:
        return False
    if kinds.other_kind(text):
        return False  # 'IP Camera' keeps the description's words from saying a kind
    read = read_in_full(text)
    if read.context or read.kind is not None:
        return False
    item = read.item
    return not (item and (IDENTIFIER.models.match(item) or IDENTIFIER.names.match(item)))


def _with_digits(text: str, *at: int) -> str:
    """Digits let in at these places: a long name with two of them is still a typo away."""
    for i in sorted(at, reverse=True):
        text = text[:i] + "7" + text[i:]
    return text


KNOWN = st.sampled_from([*NAMES, *EXAMPLES])
PIECE = st.one_of(
    KNOWN,
    KNOWN.map(str.lower),
    KNOWN.map(lambda s: s[:-1]),
    KNOWN.map(lambda s: s[1:]),
    KNOWN.map(lambda s: s[:3]),
    KNOWN.map(lambda s: _with_digits(s, 2)),
    KNOWN.map(lambda s: _with_digits(s, 2, 5)),
    KNOWN.map(lambda s: _with_digits(s, 1, 3, 6)),
    KNOWN.map(lambda s: s.replace("-", "")),
    st.sampled_from(sorted(words.CUE_STEMS)),
    st.integers(0, 10**10).map(lambda n: f"SN{n:09d}K"),
    st.integers(0, 10**6).map(str),
    st.sampled_from([" ", "-", "/", "_", ".", ",", "(", ")", ": ", " - ", "\t", "\x0b", "\x1c"]),
    st.text(string.ascii_letters + string.digits, max_size=6),
    st.sampled_from(["\u212a", "\u017f", "ﬁ", "Ｓ", "é", "海康", "Нik"]),
)
TEXT = st.lists(PIECE, max_size=6).map("".join)


@PROPERTY
@given(TEXT)
@example("SN000123457K")
@example("SN00012 I45K")
@example("DS-2CD2143G2-I")
@example("Hikvison 123")
@example("X 123456789")
@example("IPCamera")
@example("NVR4K")
def test_the_pre_tests_never_change_what_a_model_says(text: str) -> None:
    assert IDENTIFIER.model_says_nothing(text) == says_nothing_in_full(text)
    stripped = text.strip()
    if stripped and IDENTIFIER.plainly_says_nothing(stripped):
        assert says_nothing_in_full(stripped)


@PROPERTY
@given(TEXT)
def test_a_text_no_name_can_be_in_matches_no_name(text: str) -> None:
    if not IDENTIFIER.names.may_name(text):
        assert IDENTIFIER.names.match(text) == ()


@PROPERTY
@given(TEXT)
def test_a_text_no_pattern_can_start_in_matches_no_pattern(text: str) -> None:
    if not IDENTIFIER.models.may_match(text):
        assert IDENTIFIER.models.match(text) == ()


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        pytest.param("SN000123457K", True, id="serial"),
        pytest.param("S000123-457K", True, id="serial-with-hyphen"),
        # Two letters then a hyphen may begin a Huawei handset code ('ANE-LX1'): read in full.
        pytest.param("SN000123-457K", False, id="letters-then-a-hyphen-may-start-a-pattern"),
        pytest.param("SN-000123457", False, id="a-word-without-digits-may-be-a-name"),
        pytest.param("4711 0815 2024", True, id="numbers"),
        pytest.param("SN00012 I45K", False, id="serial-a-pattern-may-start"),
        pytest.param("DS-2CD2143G2-I", False, id="model-number"),
        pytest.param("Hikvision 123456", False, id="name-then-digits"),
        pytest.param("SN12K", False, id="too-few-digits-to-rule-out-a-typo"),
        pytest.param("HDD 123456", False, id="accessory-word"),
        pytest.param("SN０００１２３４５６", False, id="outside-ascii"),
    ],
)
def test_what_the_pre_tests_let_through(text: str, plain: bool) -> None:
    assert IDENTIFIER.plainly_says_nothing(text) is plain
    if plain:
        assert says_nothing_in_full(text)
