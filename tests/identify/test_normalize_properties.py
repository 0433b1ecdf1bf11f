"""What normalisation promises for every input, not just the examples in test_normalize.py.

Pack aliases and inventory cells go through these same functions, so a key that changed when
keyed again, or that depended on case or punctuation, would make the two drift apart.
"""

import re
import string
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from duediligence.identify.normalize import (
    CJK_LEGAL_SUFFIXES,
    GENERIC_WORDS,
    LEGAL_FORMS,
    LOOKALIKES,
    fold_lookalikes,
    legal_form_removed,
    lookalikes_in,
    model_key,
    name_key,
    name_tokens,
)

PROPERTY = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text as registers hold it: any characters, and the pieces names are made of (legal forms
# in Latin and CJK script, full-width letters, punctuation), in any order.
PIECE = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=6),
    st.sampled_from(sorted(LEGAL_FORMS) + list(CJK_LEGAL_SUFFIXES)),
    st.sampled_from(["Co., Ltd.", "S.A.", "ＨＩＫ", " ", ", ", ".", "。", "(", ")", "-", "/"]),
)
TEXT = st.lists(PIECE, max_size=8).map("".join)
WORD = st.text(string.ascii_letters + string.digits, min_size=1, max_size=10)
SEPARATOR = st.text(" ,.;:-_/()&'\"\t", min_size=1, max_size=3)
EDGE = st.text(" ,.;:-_/()&'\"\t", max_size=3)


@PROPERTY
@given(TEXT)
@example("Hikvision Co., Ltd.")
@example("海康威视有限公司。")
def test_tokens_are_a_fixed_point(text: str) -> None:
    """Tokens joined and tokenised again come back unchanged: an alias stored as its key
    matches the cell it came from."""
    tokens = name_tokens(text)
    assert name_tokens(" ".join(tokens)) == tokens


@PROPERTY
@given(TEXT)
def test_a_key_is_one_folded_word_or_none(text: str) -> None:
    key = name_key(text)
    if key is not None:
        assert key == "".join(name_tokens(text))
        assert re.fullmatch(r"[^\W_]+", key)
        assert name_key(key) in (key, None)


@PROPERTY
@given(st.lists(WORD, min_size=1, max_size=6), st.data())
def test_punctuation_between_words_does_not_matter(words: list[str], data: st.DataObject) -> None:
    """'Hik-Vision', 'Hik. Vision' and ' Hik (Vision) ' tokenise alike."""
    plain = " ".join(words)
    noisy = data.draw(EDGE)
    for word in words[:-1]:
        noisy += word + data.draw(SEPARATOR)
    noisy += words[-1] + data.draw(EDGE)
    assert name_tokens(noisy) == name_tokens(plain)


@PROPERTY
@given(st.lists(WORD, min_size=1, max_size=6))
def test_case_does_not_matter(words: list[str]) -> None:
    text = " ".join(words)
    assert name_tokens(text.upper()) == name_tokens(text.lower()) == name_tokens(text)
    assert name_key(text.upper()) == name_key(text.swapcase())


@PROPERTY
@given(st.lists(WORD.filter(lambda w: len(w) > 1), min_size=1, max_size=4))
def test_a_key_does_not_depend_on_where_the_spaces_fall(words: list[str]) -> None:
    """'Hik Vision' and 'Hikvision' are one vendor, unless a space leaves a legal form or a
    generic word standing alone (single letters are another story: 'K K' is 'KK', a legal
    form)."""
    ignored = LEGAL_FORMS | GENERIC_WORDS
    joined = "".join(words).casefold()
    if joined in ignored or any(w.casefold() in ignored for w in words):
        return
    assert name_key(" ".join(words)) == name_key("".join(words)) == joined


@PROPERTY
@given(TEXT)
def test_a_removed_legal_form_is_quoted_from_the_name(text: str) -> None:
    removed = legal_form_removed(text)
    if removed is not None:
        assert removed in unicodedata.normalize("NFKC", text)


@PROPERTY
@given(TEXT)
def test_model_keys_are_a_fixed_point(text: str) -> None:
    key = model_key(text)
    assert model_key(key) == key
    assert key == key.strip()
    assert "  " not in key
    assert not re.search(r"\s[-/]|[-/]\s", key)


@PROPERTY
@given(st.text(string.ascii_letters + string.digits + " -/.", max_size=30))
def test_model_keys_ignore_case_and_spaces_around_separators(text: str) -> None:
    spaced = text.replace("-", " - ").replace("/", "\t/ ")
    assert model_key(text.lower()) == model_key(text.upper()) == model_key(spaced)


# Anything a cell can hold: every script, emoji, control and format characters, lookalikes,
# and cells far longer than any name.
ANY_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=64),
    st.text(st.characters(codec="utf-8"), min_size=2000, max_size=4000),
    st.lists(
        st.sampled_from(["Н", "і", "а", "Ο", "Hik", "vision", "📷", "\x00", "\u200b", "\u202e"]),
        max_size=20,
    ).map("".join),
)
LOOKALIKE = {latin: other for other, latin in LOOKALIKES.items()}


@PROPERTY
@given(ANY_TEXT)
@example("Нikvision\x00📷\u202e")
def test_no_text_makes_normalisation_raise(text: str) -> None:
    name_tokens(text)
    name_key(text)
    legal_form_removed(text)
    model_key(text)
    lookalikes_in(text)
    folded, count = fold_lookalikes(text)
    assert len(folded) == len(text) and 0 <= count <= len(text)
    assert fold_lookalikes(folded) == (folded, 0)


@PROPERTY
@given(st.text(string.ascii_letters, min_size=1, max_size=12), st.data())
def test_a_word_written_with_lookalikes_tokenises_as_the_word(
    word: str, data: st.DataObject
) -> None:
    """'Hikvision' with any of its letters swapped for a Cyrillic or Greek twin is 'Hikvision'."""
    swap = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    disguised = "".join(
        LOOKALIKE[c] if s and c in LOOKALIKE else c for c, s in zip(word, swap, strict=True)
    )
    assert name_tokens(disguised) == name_tokens(word)
    assert lookalikes_in(disguised) == sum(a != b for a, b in zip(word, disguised, strict=True))
