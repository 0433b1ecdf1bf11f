"""A block's rows keyed on what their signal cells say, as numbers rather than joined text.

Each signal column of a block is dictionary-encoded once and each distinct value given the
number of its outcome: its own text for the make, FCC ID, supplier, description, notes,
hostname and firmware; what it says for a model or a MAC (`Outcomes`). Numbers are kept for
the table across blocks, and a model text's number is remembered by its text, so a value an
earlier block met costs one dictionary lookup. A row's key is its columns' numbers in one
integer (each column a digit, its base the count of that column's outcomes), found in
Arrow's integer kernels; a block's distinct keys are read back as the tuple of their
numbers, which names the same key in every block. Two rows share a key exactly when their
cells' outcomes are equal, as when the outcomes' texts were joined (and no separator in a
cell can make two keys alike).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pyarrow as pa

from duediligence.evaluate.groups import COMMON_MAC_RE2, NO_MAKER, Outcomes
from duediligence.identify.interface import Identifier
from duediligence.identify.unknown import MAC_RANDOM
from duediligence.results.compute import (
    first_rows,
    int_array,
    int_scalar,
    int_values,
    pc,
    text_array,
    text_scalar,
    text_values,
)

Key = tuple[int, ...]
"""A row's key: the number of each signal column's outcome, in column order."""

DISTINCT_SHARE = 4
"""A block's MACs are read per distinct prefix when their prefixes are fewer than its rows
over this; a block of random OUIs is read in Arrow row by row, which saves the gather."""
WIDEST = 1 << 62
"""The largest key one integer holds: past it (columns of many distinct values), the key so
far is encoded again into the block's own numbers before the next column joins it."""
BULK_FROM = 1_000
"""New model texts a block must bring before they are told in bulk (`PlainModels`, whose
expression costs ~9 ms to build and compile once a scan): fewer are read one by one, as a
realistic register's few hundred models are (its bulk test clears one of 384)."""
MODEL_MEMO = 200_000
"""Model texts remembered with their outcome's number before the memo starts again: a
register of serials in its model field meets a new text on nearly every row."""
_PREFIX = re.compile(r"^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}\1[0-9A-Fa-f]{2}$")
"""A common-form MAC's first eight characters ('44:19:B6', '44-19-b6')."""


class Keys:
    """One table's keys across its blocks: each column's outcomes and their numbers."""

    def __init__(
        self,
        identifier: Identifier,
        outcomes: Outcomes,
        present: list[int],
        i_model: int | None,
        i_mac: int | None,
    ) -> None:
        self.identifier = identifier
        self.outcomes = outcomes
        self.present = present
        self.i_model = i_model
        self.i_mac = i_mac
        columns = len(present) + (i_model is not None) + (i_mac is not None)
        self.numbers: list[dict[str, int]] = [{} for _ in range(columns)]
        """Per column, each outcome's number (in the order outcomes were met)."""
        self._models: dict[str, int] = {}
        self.model_cells: tuple[pa.Array[Any], pa.Array[Any]] | None = None
        """The last block's model cells as indices into its distinct texts, and those texts:
        the scan counts rows per model text from them (`columnar._count_models`)."""
        self._naming: pa.Array[Any] | None = None

    def encoded(self, batch: pa.RecordBatch) -> tuple[pa.Array[Any], list[Key]]:
        """Each row's key as an index into the block's distinct keys, and those keys."""
        columns = [
            _numbered(batch.column(i), self.numbers[part]) for part, i in enumerate(self.present)
        ]
        if self.i_model is not None:
            columns.append(self.models(batch.column(self.i_model), self.numbers[len(columns)]))
        if self.i_mac is not None:
            columns.append(self.macs(batch.column(self.i_mac), self.numbers[len(columns)]))
        return _combined(columns, [max(len(n), 1) for n in self.numbers], batch.num_rows)

    def models(self, models: pa.Array[Any], numbers: dict[str, int]) -> pa.Array[Any]:
        """The number of each model cell's outcome: '!' for a model that says nothing, '='
        and the text for one that may not (`PlainModels.outcomes`). A text met before is
        looked up and only new texts are read; a block of texts nearly all its own (serials
        in the model field) is read whole in Arrow, which a lookup a text would only slow."""
        encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(models))
        distinct = encoded.dictionary
        self.model_cells = (encoded.indices, distinct)
        model_of = self.outcomes.model_of

        def says_nothing(text: str) -> bool:
            return model_of(text)[1] is None

        if len(distinct) * DISTINCT_SHARE > len(models):
            said = _numbered(self.outcomes.plain_models().outcomes(distinct, says_nothing), numbers)
            return cast("pa.Array[Any]", pc.take(said, encoded.indices))
        texts = text_values(distinct)
        memo = self._models
        found = [memo.get(text, -1) for text in texts]
        new = [k for k, number in enumerate(found) if number < 0]
        if new:
            if len(memo) + len(new) > MODEL_MEMO:
                memo.clear()
            if not self.outcomes.plain_built and len(new) < BULK_FROM:
                # what `PlainModels.outcomes` gives, each text read one by one
                outcomes = ["!" if says_nothing(texts[k]) else "=" + texts[k] for k in new]
            else:
                fresh = pc.take(distinct, int_array(new))
                outcomes = text_values(self.outcomes.plain_models().outcomes(fresh, says_nothing))
            for k, outcome in zip(new, outcomes, strict=True):
                found[k] = memo[texts[k]] = numbers.setdefault(outcome, len(numbers))
        return cast("pa.Array[Any]", pc.take(int_array(found), encoded.indices))

    def macs(self, mac: pa.Array[Any], numbers: dict[str, int]) -> pa.Array[Any]:
        """The number of each MAC cell's outcome (`Outcomes.mac_key`, '~' for an empty cell).

        A register leaves most MAC cells empty: those are set aside first, since a regular
        expression's call on an empty text costs what one on a MAC costs."""
        empty = pc.equal(pc.binary_length(mac), int_scalar(0, pa.int32()))
        if not pc.any(empty).as_py():
            return self._filled(mac, numbers)
        none: pa.Array[Any] = pa.repeat(int_scalar(numbers.setdefault("~", len(numbers))), len(mac))
        filled = pc.invert(empty)
        if not pc.any(filled).as_py():
            return none
        said = self._filled(pc.filter(mac, filled), numbers)
        return cast("pa.Array[Any]", pc.replace_with_mask(none, filled, said))

    def _filled(self, mac: pa.Array[Any], numbers: dict[str, int]) -> pa.Array[Any]:
        """`macs` of cells not empty: a MAC in the common form by its first eight characters,
        once per distinct prefix of the block (in Arrow row by row when nearly every row has
        its own: random OUIs); any other text once per distinct text of the block."""
        read = pc.match_substring_regex(mac, COMMON_MAC_RE2)
        prefixes = pc.utf8_slice_codeunits(mac, 0, 8)
        encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(prefixes))
        if len(encoded.dictionary) * DISTINCT_SHARE > len(mac):
            said = _numbered(self._prefix_outcomes(prefixes), numbers)
        else:
            # A prefix not in the common form is only ever a row replaced below.
            prefix_key, common = self.outcomes.prefix_key, _PREFIX.fullmatch
            ours = [
                numbers.setdefault(prefix_key(p) if common(p) else NO_MAKER, len(numbers))
                for p in text_values(encoded.dictionary)
            ]
            said = pc.take(int_array(ours), encoded.indices)
        other = pc.invert(read)
        if not pc.any(other).as_py():
            return said
        texts = _outcomes(pc.filter(mac, other), self.outcomes.mac_key)
        return cast("pa.Array[Any]", pc.replace_with_mask(said, other, _numbered(texts, numbers)))

    def _prefix_outcomes(self, prefixes: pa.Array[Any]) -> pa.Array[Any]:
        """What a common-form MAC with each prefix (its first eight characters) says, in
        Arrow: the rows of other prefixes are replaced by the caller."""
        if self._naming is None:
            self._naming = text_array(sorted(self.identifier.ouis.naming()))
        oui = pc.utf8_upper(pc.replace_substring(prefixes, "-", ":"))
        digits = pc.replace_substring(oui, ":", "")
        said = pc.if_else(
            pc.match_substring_regex(digits, "^.[2367ABEF]"),
            text_scalar("!" + MAC_RANDOM),
            pc.if_else(pc.is_in(digits, value_set=self._naming), oui, text_scalar(NO_MAKER)),
        )
        return cast("pa.Array[Any]", said)


def _combined(
    columns: list[pa.Array[Any]], bases: list[int], rows: int
) -> tuple[pa.Array[Any], list[Key]]:
    """Each row's index into the block's distinct keys, and each key's numbers."""
    if not columns:
        return pa.repeat(int_scalar(0, pa.int32()), rows), [()]
    key, base = columns[0], bases[0]
    again = False
    for column, digits in zip(columns[1:], bases[1:], strict=True):
        if base * digits > WIDEST:
            encoded = pc.dictionary_encode(key)
            key, base, again = pc.cast(encoded.indices, pa.int64()), len(encoded.dictionary), True
        key = pc.add(pc.multiply(key, int_scalar(digits)), column)
        base *= digits
    encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(key))
    distinct, codes = encoded.dictionary, encoded.indices
    if again:
        # the key holds the block's own numbers: each column read at the key's first row
        firsts = int_array(first_rows(codes, list(range(len(distinct)))))
        parts = [int_values(pc.take(column, firsts)) for column in columns]
    else:
        parts = []
        rest = distinct
        for digits in reversed(bases[1:]):
            width = int_scalar(digits)
            above = pc.divide(rest, width)
            parts.append(int_values(pc.subtract(rest, pc.multiply(above, width))))
            rest = above
        parts.append(int_values(rest))
        parts.reverse()
    return codes, list(zip(*parts, strict=True))


def _numbered(texts: pa.Array[Any], numbers: dict[str, int]) -> pa.Array[Any]:
    """Each cell's number in `numbers`, given once per distinct text of the block."""
    encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(texts))
    found = [numbers.setdefault(text, len(numbers)) for text in text_values(encoded.dictionary)]
    return cast("pa.Array[Any]", pc.take(int_array(found), encoded.indices))


def _outcomes(column: pa.Array[Any], outcome: Callable[[str], str]) -> pa.Array[Any]:
    """Each cell's outcome, computed once per distinct text of the block."""
    encoded = cast("pa.DictionaryArray[Any, Any]", pc.dictionary_encode(column))
    said = text_array([outcome(text) for text in text_values(encoded.dictionary)])
    return cast("pa.Array[Any]", pc.take(said, encoded.indices))
