"""What the scan remembers per distinct signals: the rows that share them and their verdicts.

Kept by the scanner (scanner.py, judge.py) across every batch and table the scan loop
(columnar.py) reads, so rows alike are judged once however they fall into batches.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING

from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.oui import is_locally_administered, oui_key, oui_text
from duediligence.identify.unknown import MAC_RANDOM, mac_problem

if TYPE_CHECKING:
    from duediligence.identify.bulk import PlainModels

CLEAN, FLAGGED, UNKNOWN, SKIPPED, NOT_COVERED = range(5)
"""NOT_COVERED: an accessory, a service, or a vendor named only as context (identify/context.py)."""
NO_MAKER = "?"
"""The key of every well-formed MAC whose OUI the pack relates to no one."""
OUI_MEMO = 200_000
"""OUIs remembered before the memo starts again: a register of random MACs meets a new OUI
nearly every row, and classifying one again costs what remembering it would save."""
_HEX2 = "[0-9A-Fa-f]{2}"
_COMMON_MAC = re.compile(rf"{_HEX2}([:-]){_HEX2}\1{_HEX2}\1{_HEX2}\1{_HEX2}\1{_HEX2}")
"""'44:19:B6:12:34:56' or with hyphens: its OUI is its first eight characters."""
COMMON_MAC_RE2 = rf"^{_HEX2}(?::{_HEX2}){{5}}$|^{_HEX2}(?:-{_HEX2}){{5}}$"
"""The same test in Arrow's regular expressions (RE2 has no back-references)."""


class Outcomes:
    """What a MAC or a model value says, once per distinct value: the part of a row's key
    they give. Values that name no one share one outcome, so they share one key."""

    def __init__(self, identifier: Identifier) -> None:
        self._identifier = identifier
        self._oui_memo: dict[str, str] = {}
        self._model_memo: dict[str, tuple[str, str | None]] = {}
        self._plain: PlainModels | None = None

    def plain_models(self) -> PlainModels:
        """The test of a block's distinct model texts at once (identify/bulk.py), built once
        a scan, not once a table: its expression is read from every pattern of the pack
        (~17 ms). Imported here: bulk.py imports pyarrow, whose import overlaps the pack's
        load (inventory.batches.import_arrow_ahead)."""
        if self._plain is None:
            from duediligence.identify.bulk import PlainModels

            self._plain = PlainModels(self._identifier)
        return self._plain

    @property
    def plain_built(self) -> bool:
        """Whether `plain_models` is built (warmed while a workbook loads, or by a block
        before): a block then tells its few new texts in bulk too, at no cost to build."""
        return self._plain is not None

    def mac_key(self, text: str) -> str:
        """What a MAC says: the OUI that names a maker, NO_MAKER for one that names no one
        the pack knows, or why none can ('!...')."""
        if _COMMON_MAC.fullmatch(text):
            return self.prefix_key(text[:8])
        text = text.strip()
        if not text:
            return ""
        return self._oui_outcome(oui_key(text), text)

    def prefix_key(self, prefix: str) -> str:
        """`mac_key` of any MAC in the common form ('44:19:B6:12:34:56') from its first eight
        characters, hex digits and separators: the device part changes neither its OUI nor
        what is wrong with it (only a locally administered one, then, can be wrong)."""
        key = self._oui_memo.get(prefix)
        if key is None:
            if len(self._oui_memo) >= OUI_MEMO:
                self._oui_memo.clear()
            digits = (prefix[0:2] + prefix[3:5] + prefix[6:8]).upper()
            if is_locally_administered(digits):
                key = "!" + MAC_RANDOM
            else:
                oui = oui_text(digits)
                key = oui if self._identifier.ouis.match(oui) else NO_MAKER
            self._oui_memo[prefix] = key
        return key

    def _oui_outcome(self, oui: str | None, text: str) -> str:
        if oui is None:
            return "!" + (mac_problem(text) or "")
        return oui if self._identifier.ouis.match(oui) else NO_MAKER

    def model_of(self, text: str) -> tuple[str, str | None]:
        """A model cell's first equal text (rows then share one string) and its key: the text,
        or None when it says nothing (`Identifier.model_says_nothing`)."""
        found = self._model_memo.get(text)
        if found is None:
            says = not self._identifier.model_says_nothing(text)
            found = self._model_memo[text] = (text, text if says else None)
        return found


@dataclass(slots=True)
class Signalled:
    """Rows with the same signals: the dates their relationships change on, and their groups.

    `spans` is empty when no relationship above the signals' makers is dated (a Hikvision
    camera): then every row shares `groups[None]` and its date is never parsed.
    """

    signals: Signals
    keyed: Signals
    spans: tuple[date, ...]
    groups: dict[int | None, Group]
    collapsed: bool = False
    """Whether the rows' models say nothing (`Outcomes.model_of`): they share these signals
    whatever their text, so the unknown and not-covered counts take each row's own model."""
    firmware: str | None = None
    """The rows' firmware (part of their key), for the advisory join."""
    bad_mac: bool = False
    """Whether the rows' MACs can name no one as written (a malformed or randomised MAC):
    `keyed` leaves out a MAC that names no one the pack knows as well."""


@dataclass(slots=True)
class Group:
    """Rows sharing signals and date span: what they were judged to be, and how many."""

    kind: int
    judgment: int = -1
    reason: str = ""
    make: str | None = None
    model: str | None = None
    group: str = ""
    bad_mac: bool = False
    rows: int = 0
    index: int = -1
    """Its place in the scan's list of groups: the scan loop indexes Arrow arrays by it."""
    models: Counter[str] | None = None
    """Rows per model text, for an unknown or not-covered group whose models say nothing:
    the report counts those rows by (make, model, reason), as written."""


Listed = tuple[str | None, str | None, str]
"""An entry of the report's unknown or not-covered list: make, model, reason."""


class ModelRows:
    """Rows by (make, model, reason), for the report's unknown or not-covered list.

    Kept as one Counter of models per (make, reason): a group's Counter of model texts
    (`Group.models`) joins it in one `Counter.update`, which copies it in C when the
    make and reason are new, and the (make, model, reason) entries are made only for those
    that can be among the `shown` listed. A register with serials in its model field counts
    hundreds of thousands of entries for a list of fifty.
    """

    def __init__(self) -> None:
        self._by: dict[tuple[str | None, str], Counter[str | None]] = {}

    def add(self, group: Group) -> None:
        """The group's rows, under its make and reason, by the model each is listed under."""
        counts = self._by.get((group.make, group.reason))
        if counts is None:
            counts = self._by[(group.make, group.reason)] = Counter()
        if group.models is None:
            counts[group.model] += group.rows
        else:
            counts.update(group.models)

    def by_reason(self) -> dict[str, int]:
        """Rows per reason, by reason."""
        out: Counter[str] = Counter()
        for (_, reason), counts in self._by.items():
            if counts:  # a reason is listed once some entry holds it, though with no rows
                out[reason] += sum(counts.values())
        return dict(sorted(out.items()))

    def most(self, shown: int) -> list[tuple[Listed, int]]:
        """The `shown` entries with the most rows, most first, ties in the order of their
        text: what sorting every entry would give, from only those with at least as many
        rows as the `shown`-th most."""
        entries = sum(len(counts) for counts in self._by.values())
        least = 0
        if 0 < shown < entries:
            every = chain.from_iterable(counts.values() for counts in self._by.values())
            least = heapq.nlargest(shown, every)[-1]
        candidates = [
            ((make, model, reason), n)
            for (make, reason), counts in self._by.items()
            for model, n in counts.items()
            if n >= least
        ]
        return sorted(candidates, key=lambda kv: (-kv[1], str(kv[0])))[:shown]
