"""Model values that say nothing, told for a block's distinct values at once, in Arrow.

A register with serials in its model field meets a new model on nearly every row. In Python
each costs the pre-tests of `Identifier.plainly_says_nothing` (a few µs); here one expression
in RE2, which Arrow's `match_substring_regex` runs in C over a block's dictionary of distinct
models, matches every text in which something might be said. Each of its parts stands for
one of those pre-tests, read for text in ASCII without whitespace (for such text `model_key`
only upper-cases):

- a word (a run of letters and digits) with at most weights.FUZZY_EDITS_LONG characters no
  name key holds (`NameMatcher.may_name`);
- GRAM letters in a row of those the context cues' stems start with (`context._cue_free`);
- a word of another kind than a radio, phone or switch (`kinds.other_kind`: 'IPCamera');
- a word start (the start, or after a separator) with the beginning of a pattern that needs
  no whitespace, then, later in the text, a character that pattern needs and its beginning
  lacks (`ModelMatcher.may_match`; identify/pattern_starts.py): a pattern that may begin with
  any two letters ('ANE-LX1') still leaves 'SN000123457K' cleared, as it lacks the '-'.

A text it does not match that is ASCII, not empty, holds no whitespace and is at most
weights.FREE_TEXT_MAX_CHARS long says nothing; any other is read one by one, as before.
tests/identify/test_bulk.py holds every text it clears to the full reading, and a block's
outcomes to the one-by-one reading's.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any, cast

import pyarrow as pa

from duediligence.identify import context_words, kinds, weights
from duediligence.identify.interface import Identifier
from duediligence.identify.model_numbers import SEPARATORS
from duediligence.results.compute import (
    bool_array,
    bool_scalar,
    int_scalar,
    pc,
    text_array,
    text_scalar,
)

_ASCII = [chr(i) for i in range(128)]
_ALNUM = string.ascii_letters + string.digits
_SPACE = re.compile(r"\s")
"""Whitespace as Python's expressions read it: what `model_key` and `str.strip` act on."""


class PlainModels:
    """Which of a block's distinct model texts surely say nothing (`model_says_nothing`)."""

    def __init__(self, identifier: Identifier) -> None:
        self.expression = expression(identifier)

    def says_nothing(self, texts: pa.Array[Any]) -> pa.Array[Any]:
        """True where a text says nothing; False where it may say something (to be read)."""
        if self.expression is None or len(texts) == 0:
            return bool_array([False] * len(texts))
        fit = pc.and_(
            pc.string_is_ascii(texts),
            pc.less_equal(pc.binary_length(texts), int_scalar(weights.FREE_TEXT_MAX_CHARS)),
        )
        said = pc.match_substring_regex(texts, self.expression)
        return cast(
            "pa.Array[Any]", pc.fill_null(pc.and_(fit, pc.invert(said)), bool_scalar(False))
        )

    def outcomes(self, models: pa.Array[Any], says_nothing: Callable[[str], bool]) -> pa.Array[Any]:
        """Each model cell's outcome: '!' for a model that says nothing, '=' and the text for
        one that may say something. The block's distinct texts are tested at once here, and
        only those this test does not clear are asked of `says_nothing` (the one-by-one
        reading, memoised by its owner), so the outcome is the one-by-one reading's."""
        encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(models))
        distinct = encoded.dictionary
        silent = self.says_nothing(distinct)
        read = pc.invert(silent)
        texts = cast(list[str], pc.filter(distinct, read).to_pylist())
        said = text_array(["!" if says_nothing(t) else "=" + t for t in texts])
        blank = pc.if_else(silent, text_scalar("!"), text_scalar(""))
        outcomes = pc.replace_with_mask(blank, read, said)
        return cast("pa.Array[Any]", pc.take(outcomes, encoded.indices))


def expression(identifier: Identifier) -> str | None:
    """The RE2 expression every text matches in which something might be said; None when a
    pattern's shape cannot be told (then every text is read)."""
    spaces = "".join(c for c in _ASCII if _SPACE.match(c))
    beginnings = identifier.models.beginnings(spaces)
    if beginnings is None:
        return None
    separator = re.compile(SEPARATORS)
    starts = _chars(c for c in _ASCII if separator.match(c))
    held = identifier.names.key_characters
    inside = _chars(c for c in _ALNUM if c.lower() in held)
    outside = _chars(c for c in _ALNUM if c.lower() not in held)
    edits = weights.FUZZY_EDITS_LONG
    if outside == "[]":  # every word may be a name
        near = "[A-Za-z0-9]"
    elif inside == "[]":
        near = f"(?:^|[^A-Za-z0-9])(?:{outside}){{1,{edits}}}(?:$|[^A-Za-z0-9])"
    else:
        word = f"{inside}+(?:{outside}{inside}*){{0,{edits}}}|(?:{outside}{inside}*){{1,{edits}}}"
        near = f"(?:^|[^A-Za-z0-9])(?:{word})(?:$|[^A-Za-z0-9])"
    grams = _chars(sorted(set("".join(context_words.ASCII_GRAMS))))
    parts = [
        "^$",
        _chars(spaces),
        near,
        f"(?i:{grams}{{{context_words.GRAM}}})",
        kinds.OTHER_ASCII,
    ]
    by_after: dict[frozenset[str], list[str]] = {}
    for begun, after in beginnings.items():
        by_after.setdefault(after, []).append(begun)
    for after, begins in sorted(by_after.items(), key=lambda kv: sorted(kv[0])):
        begun = "|".join(_literal(b) for b in sorted(begins))
        # A character the pattern needs and its beginning lacks comes later in the text.
        later = f"(?s:.*){_chars(sorted(after | {c.lower() for c in after}))}" if after else ""
        parts.append(f"(?:^|{starts})(?i:{begun}){later}")
    return "|".join(parts)


def _chars(chars: Any) -> str:
    """A class of ASCII characters in RE2, each written by its code."""
    return "[" + "".join(f"\\x{{{ord(c):02x}}}" for c in chars) + "]"


def _literal(text: str) -> str:
    return "".join(c if c in _ALNUM else f"\\x{{{ord(c):02x}}}" for c in text)
