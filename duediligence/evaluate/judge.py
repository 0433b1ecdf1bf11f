"""The state of a scan: the signals seen, the groups they fall in, and each group judged once
against the pack.

Apart from scanner.py (which reads the tables and tallies the report) so that columnar.py
(the scan loop, which scanner.py calls) can use it without the two importing each other.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from duediligence.evaluate.advisories import Exposure
from duediligence.evaluate.engine import Evaluator
from duediligence.evaluate.groups import (
    CLEAN,
    FLAGGED,
    NO_MAKER,
    NOT_COVERED,
    SKIPPED,
    UNKNOWN,
    Group,
    Outcomes,
    Signalled,
)
from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.oui import oui_key
from duediligence.identify.unknown import unknown_reason
from duediligence.inventory.interface import Table
from duediligence.results.assets import DateOrder, Field, Location, parse_date
from duediligence.results.findings import (
    Attribution,
    Hit,
    InputTable,
    Judgment,
    Signal,
    Skip,
)
from duediligence.results.flagged import FlaggedRows

NO_SIGNAL = "no make, model, MAC, supplier or description in this row"

# Signal columns keyed on their text, in key order; a missing column reads as "". The model
# and the MAC are keyed on what they say (`model_of`, `mac_key`). The firmware names no maker
# but decides the advisory join (evaluate/advisories.py), so rows of one model at two
# firmware versions are two groups; a register without a firmware column keys as before.
_SIGNAL_FIELDS = (
    Field.MAKE,
    Field.MODEL,
    Field.MAC,
    Field.FCC_ID,
    Field.SUPPLIER,
    Field.DESCRIPTION,
    Field.NOTES,
    Field.HOSTNAME,
    Field.FIRMWARE,
)
"""The columns a key's first row is read for, in the order `signalled_by` reads them."""

KEYED = (
    Field.MAKE,
    Field.FCC_ID,
    Field.SUPPLIER,
    Field.DESCRIPTION,
    Field.NOTES,
    Field.HOSTNAME,
    Field.FIRMWARE,
)


class Judge:
    """The state of one scan and how a first row of new signals is judged."""

    def __init__(self, identifier: Identifier, evaluator: Evaluator, as_of: date) -> None:
        self.identifier = identifier
        self.evaluator = evaluator
        self.as_of = as_of
        self.tables: list[InputTable] = []
        self.judgments: list[Judgment] = []
        self.flagged = FlaggedRows(self.tables, self.judgments)
        self.skips: list[Skip] = []
        self.warnings: list[str] = []
        self.assets = 0
        self.signalled: dict[tuple[tuple[str, ...], str | None, str | None], Signalled] = {}
        self.groups: list[Group] = []
        self._judgment_ids: dict[tuple[Attribution, int, int], int] = {}
        self._hit_tuples: dict[tuple[Hit, ...], int] = {}
        """Each distinct tuple of hits (by value) numbered, for the judgments' key."""
        self._hit_tuple_of: dict[int, tuple[tuple[Hit, ...], int]] = {}
        """id() of a tuple of hits met -> the tuple (kept, so that its id stays its own) and
        its number: the engine hands out a few dozen tuples, shared by every group."""
        self.outcomes = Outcomes(identifier)
        self._date_memo: dict[tuple[str, str], date | None] = {}
        self._date_orders: tuple[DateOrder | None, DateOrder | None] = (None, None)
        self._first_bad_mac: str | None = None

    def date_of(self, bought: str, installed: str) -> date | None:
        """The row's purchase (else install) date, if it gives one; parsed once per text, in
        the order of day and month decided for its column."""
        raw = (bought, installed)
        if raw in self._date_memo:
            return self._date_memo[raw]
        in_bought, in_installed = self._date_orders
        when = self._date_memo[raw] = (
            parse_date(bought, in_bought) if bought.strip() else None
        ) or (parse_date(installed, in_installed) if installed.strip() else None)
        return when

    def signalled_by(
        self,
        key: tuple[tuple[str, ...], str | None, str | None],
        cells: list[str],
        fields: dict[Field, int],
        table: Table,
        number: int,
    ) -> Signalled:
        """The first row with these signals: what they are, and whether dates matter."""
        make, model, raw_mac, fcc_id, supplier, described, notes, hostname, firmware = (
            (cells[i].strip() or None) if i is not None else None
            for i in map(fields.get, _SIGNAL_FIELDS)
        )
        mac = key[1] if key[1] and not key[1].startswith("!") else None
        names_no_one = mac == NO_MAKER
        if names_no_one:
            # any of these MACs stands for all: their OUIs name no one
            mac = oui_key(cells[fields[Field.MAC]])
        if raw_mac is not None and mac is None and self._first_bad_mac is None:
            self._first_bad_mac = str(Location(table.path, number, table.sheet))
        signals = Signals(make, model, raw_mac, fcc_id, supplier, described, notes, hostname)
        # An OUI that names no one gives no evidence: keyed without it, the key shares the
        # identifier's memos (evidence, spans, attribution, guard) with the same signals
        # without a MAC, as a quarter of a realistic register's keys do.
        named = None if names_no_one else mac
        source = signals
        if named != raw_mac:
            source = Signals(make, model, named, fcc_id, supplier, described, notes, hostname)
        keyed = source.keyed()
        bad_mac = raw_mac is not None and not names_no_one and keyed.mac is None
        return Signalled(
            signals,
            keyed,
            self.identifier.spans(keyed),
            {},
            collapsed=key[2] is None,
            firmware=firmware,
            bad_mac=bad_mac,
        )

    def judge(self, same: Signalled, when: date | None) -> Group:
        """The first row with these signals in this date span: attribute, evaluate, remember.

        `when` is the row's date when it decides the span, else None (judged on the as-of date).
        """
        signals = same.signals
        bad_mac = same.bad_mac
        if not signals.any():
            group = Group(SKIPPED, reason=NO_SIGNAL)
        else:
            attribution = self.identifier.attribute_keyed(
                same.keyed, when or self.as_of, dated=when is not None
            )
            note = self.identifier.guard(same.keyed)
            if note is not None:
                group = Group(
                    NOT_COVERED,
                    reason=note,
                    make=signals.make,
                    model=signals.model,
                    bad_mac=bad_mac,
                    models=Counter() if same.collapsed else None,
                )
            elif attribution is None:
                group = Group(
                    UNKNOWN,
                    reason=unknown_reason(signals),
                    make=signals.make,
                    model=signals.model,
                    bad_mac=bad_mac,
                    models=Counter() if same.collapsed else None,
                )
            else:
                exposures = self.evaluator.advisories.exposures(
                    attribution.entity.group,
                    _model_texts(signals.model, attribution),
                    same.firmware,
                )
                group = self._evaluate(
                    attribution, dated=when is not None, bad_mac=bad_mac, exposures=exposures
                )
        group.index = len(self.groups)
        self.groups.append(group)
        return group

    def _evaluate(
        self,
        attribution: Attribution,
        dated: bool,
        bad_mac: bool,
        exposures: tuple[Exposure, ...] = (),
    ) -> Group:
        hits, also = self.evaluator.judge(attribution, dated=dated, exposures=exposures)
        if not hits and not also:
            return Group(CLEAN, group=attribution.entity.group, bad_mac=bad_mac)
        # Keyed on the hits' numbers, not the hits: hashing sixteen hits (their references,
        # messages, dates) cost ~9 us a key, twice, where the attribution costs under one.
        same = (attribution, self._hits_number(hits), self._hits_number(also))
        number_of = self._judgment_ids.get(same)
        if number_of is None:
            number_of = self._judgment_ids[same] = len(self.judgments)
            self.judgments.append(Judgment(f"j{number_of + 1}", attribution, hits, also))
        return Group(FLAGGED, judgment=number_of, group=attribution.entity.group, bad_mac=bad_mac)

    def _hits_number(self, hits: tuple[Hit, ...]) -> int:
        """The number of a tuple of hits, equal for equal tuples (`_hit_tuples`)."""
        known = self._hit_tuple_of.get(id(hits))
        if known is None:
            number = self._hit_tuples.setdefault(hits, len(self._hit_tuples))
            known = self._hit_tuple_of[id(hits)] = (hits, number)
        return known[1]


def _model_texts(model: str | None, attribution: Attribution) -> tuple[str, ...]:
    """Where the advisory join reads the device's model: the model cell, and every text in
    which attribution found a model number (a combined make/model cell, a description)."""
    found = tuple(ev.value for ev in attribution.evidence if ev.signal is Signal.MODEL)
    return (model, *found) if model else found
