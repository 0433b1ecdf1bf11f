"""What the context reading's pre-test promises for every text: the reading it gives is the
one every expression gives, so a text it lets through unread sets nothing apart.

`read` returns an ASCII text holding no cue stem as it is; `read_in_full` tries every
expression. The texts are built from the cue words themselves (whole, cut short, in other
cases), the letters case-insensitive matching treats specially, serials and free text.
"""

import re
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from duediligence.identify import context_words as words
from duediligence.identify.context import _cue_free, item_if_plain, read, read_in_full

PROPERTY = settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

STEMS = sorted(words.CUE_STEMS)
PHRASES = [
    "replace Huawei ONT with Nokia",
    "Huawei ONT replaced by ZTE",
    "Dahua durch Hikvision ersetzen",
    "PoE injector for Hikvision PTZ",
    "Hikvision-compatible bracket",
    "NVR用HDD",
    "Labour: re-programming Hytera radios",
    "Cat6 cable to Hikvision camera",
    "Wandhalterung",
    "camera with bracket",
    "compat. Dahua",
]
PIECE = st.one_of(
    st.sampled_from(STEMS),
    st.sampled_from(STEMS).map(str.upper),
    st.sampled_from(STEMS).map(str.title),
    st.sampled_from(STEMS).map(lambda s: s[:-1]),
    st.sampled_from(STEMS).map(lambda s: s[1:]),
    st.sampled_from(PHRASES),
    st.sampled_from(["SN000123457K", "DS-2CD2143G2-I", "HG8245H", "4TB", "Dahua", "Hikvision"]),
    # Letters that case-insensitive matching folds onto ASCII ones, and NFKC's full width.
    st.sampled_from(["\u212a", "\u017f", "\u0130", "\u0131", "ﬁ", "ｆｏｒ", "Ａ", "ß", "é"]),
    st.sampled_from([" ", ", ", "; ", " - ", "(", ")", "/", "+", "\n", ":", "-", "."]),
    st.text(string.ascii_letters + string.digits, max_size=8),
    st.text(st.characters(codec="utf-8"), max_size=4),
)
TEXT = st.lists(PIECE, max_size=8).map("".join)


@PROPERTY
@given(TEXT, st.booleans())
@example("SN000123457K", True)
@example("for", True)
@example("FOR \u212a", True)
@example("mount", False)
def test_the_pre_test_never_changes_a_reading(text: str, kinds: bool) -> None:
    assert read(text, kinds) == read_in_full(text, kinds)


@PROPERTY
@given(TEXT)
@example("SN000123457K")
@example("HDD")
def test_a_plain_item_is_the_item_of_a_reading_that_sets_nothing_apart(text: str) -> None:
    item = item_if_plain(text)
    if item is not None:
        assert read_in_full(text) == read(text)
        assert (read(text).item, read(text).context, read(text).kind) == (item, (), None)


@pytest.mark.parametrize("stem", [pytest.param(s, id=s) for s in STEMS])
def test_every_stem_is_read_as_every_expression_reads_it(stem: str) -> None:
    for text in (stem, stem.upper(), f"Dahua {stem.title()} x1", f"{stem}s, DS-2CD2143"):
        for kinds in (True, False):
            assert read(text, kinds) == read_in_full(text, kinds), text


@pytest.mark.parametrize("stem", [pytest.param(s, id=s) for s in STEMS if not s.isascii()])
def test_a_stem_outside_ascii_matches_no_ascii_text(stem: str) -> None:
    """The pre-test reads an ASCII text by its ASCII stems only: a stem holding a letter no
    ASCII letter matches (with the expressions' flags) can never be in such a text."""
    assert any(
        not any(re.fullmatch(re.escape(c), chr(a), re.IGNORECASE | re.UNICODE) for a in range(128))
        for c in stem
    )


@pytest.mark.parametrize(
    ("text", "cue_free"),
    [
        pytest.param("SN000123457K", True, id="serial"),
        pytest.param("DS-2CD2143G2-I", True, id="model-number"),
        pytest.param("Axis P3245-V", True, id="make-and-model"),
        pytest.param("HDD 4TB", False, id="accessory"),
        pytest.param("bracket FOR Dahua", False, id="cue-in-capitals"),
        pytest.param("Kamera", True, id="equipment-alone-sets-nothing-apart"),
        pytest.param("摄像机", False, id="outside-ascii-read-in-full"),
    ],
)
def test_what_the_pre_test_lets_through(text: str, cue_free: bool) -> None:
    assert _cue_free(text) is cue_free
    assert read(text) == read_in_full(text)
