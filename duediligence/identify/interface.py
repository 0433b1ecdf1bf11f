"""The identification stage as the rest of the pipeline sees it: memoised on distinct values."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from duediligence.identify import context, kinds, weights
from duediligence.identify.combine import Plans, combine
from duediligence.identify.fcc_ids import FccIdMatcher, grantee_code
from duediligence.identify.former_brands import former_brand
from duediligence.identify.hostnames import HostnameMatcher
from duediligence.identify.makers import registered_maker
from duediligence.identify.model_numbers import ModelMatcher
from duediligence.identify.names import NameMatcher
from duediligence.identify.oui import OuiMatcher, oui_key
from duediligence.identify.suppliers import SupplierMatcher
from duediligence.pack.catalog import Catalog
from duediligence.results.assets import Asset
from duediligence.results.findings import Attribution, Evidence, Signal

MatchFn = Callable[[str], tuple[Evidence, ...]]


@dataclass(frozen=True, slots=True)
class Signals:
    """The parts of a row that can say who made it; equal rows share one attribution."""

    make: str | None = None
    model: str | None = None
    mac: str | None = None
    fcc_id: str | None = None
    supplier: str | None = None
    description: str | None = None
    notes: str | None = None
    hostname: str | None = None

    @classmethod
    def of(cls, asset: Asset) -> Signals:
        return cls(
            asset.make,
            asset.model,
            asset.mac,
            asset.fcc_id,
            asset.supplier,
            asset.description,
            asset.notes,
            asset.hostname,
        )

    def any(self) -> bool:
        """Whether the row says anything about its maker at all."""
        return bool(
            self.make
            or self.model
            or self.mac
            or self.fcc_id
            or self.supplier
            or self.description
            or self.notes
            or self.hostname
        )

    def keyed(self) -> Signals:
        """Only what can name a vendor: the OUI of a MAC, the grantee code of an FCC ID.

        Rows whose MACs (or FCC IDs) differ only past that part share one attribution. A MAC
        or FCC ID that can name no one becomes None.
        """
        mac = oui_key(self.mac) if self.mac else None
        fcc_id = grantee_code(self.fcc_id) if self.fcc_id else None
        if mac == self.mac and fcc_id == self.fcc_id:
            return self
        # built, not `replace`d: dataclasses.replace costs ~8 us, once a key of a scan
        return Signals(
            self.make,
            self.model,
            mac,
            fcc_id,
            self.supplier,
            self.description,
            self.notes,
            self.hostname,
        )


class Identifier:
    """Attributes assets; every distinct value is matched once, however many rows repeat it.

    Evidence is memoised per distinct field value and per distinct combination of values;
    the dated walk to a group is memoised per (combination, span of dates with the same
    relationships).
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.names = NameMatcher(catalog)
        self.models = ModelMatcher(catalog)
        self.ouis = OuiMatcher(catalog)
        self.fcc_ids = FccIdMatcher(catalog)
        self.suppliers = SupplierMatcher(catalog, self.names)
        self.hostnames = HostnameMatcher(catalog, self.names, self.models)
        self._categories = {p.spec.id: p.spec.category for p in catalog.patterns}
        self._evidence: dict[Signals, tuple[Evidence, ...]] = {}
        self._attributions: dict[tuple[Signals, int, bool], Attribution | None] = {}
        self._spans: dict[Signals, tuple[date, ...]] = {}
        self._name_memo: dict[str, tuple[Evidence, ...]] = {}
        self._model_memo: dict[str, tuple[Evidence, ...]] = {}
        self._mac_memo: dict[str, tuple[Evidence, ...]] = {}
        self._fcc_memo: dict[str, tuple[Evidence, ...]] = {}
        self._supplier_memo: dict[str, tuple[Evidence, ...]] = {}
        self._host_memo: dict[str, tuple[Evidence, ...]] = {}
        self._context_memo: dict[str, tuple[Evidence, ...]] = {}
        self._readings: dict[tuple[str, bool], context.Reading] = {}
        self._guards: dict[Signals, str | None] = {}
        self._plans: Plans = {}

    def evidence(self, signals: Signals) -> tuple[Evidence, ...]:
        """Every signal's evidence for a combination of values (dateless).

        Free text (model, description, notes) is searched only where it says what the item
        is: 'Dahua' in 'surveillance drive for Dahua NVR' is context (identify/context.py).
        """
        cached = self._evidence.get(signals)
        if cached is None:
            found: list[Evidence] = []
            if signals.make:
                found += _memo(self._name_memo, signals.make, self.names.match)
            if signals.model and (model := self.reading(signals.model).item):
                found += _memo(self._model_memo, model, self.models.match)
                # Registers paste the vendor into the model field too ('Huawei-2288H-V5'), and
                # the brand on the box ('HONOR H30-L02' under make Huawei: former_brands.py).
                found += _memo(self._name_memo, model, self.names.match)
            if signals.mac:
                found += _memo(self._mac_memo, signals.mac, self.ouis.match)
            if signals.fcc_id:
                found += _memo(self._fcc_memo, signals.fcc_id, self.fcc_ids.match)
            if signals.supplier:
                found += _memo(self._supplier_memo, signals.supplier, self.suppliers.match)
            for text, read_kinds in ((signals.description, True), (signals.notes, False)):
                if text and (item := self.reading(text, read_kinds).item):
                    found += _memo(self._name_memo, item, self.names.match)
                    found += _memo(self._model_memo, item, self.models.match)
            if signals.hostname:
                named = _memo(self._host_memo, signals.hostname, self.hostnames.match)
                # A make column says who made the item better than what someone named it:
                # 'Axis' with hostname 'hik-lobby' is an Axis camera near the Hikvision kit.
                found += [ev for ev in named if ev.signal is Signal.MODEL or not signals.make]
            cached = _dedupe(found)
            self._evidence[signals] = cached
        return cached

    def model_says_nothing(self, text: str) -> bool:
        """Whether a model value names no one and sets nothing apart: no pattern or name in
        what it says the item is, no context, no accessory or service, no word of a kind that
        keeps the description's words from saying what the item is ('IP Camera': kinds.py).
        Rows whose models say nothing are attributed and guarded alike, so the scan keys them
        as one (a serial typed into the model field). Not memoised: such values are as many as
        the rows. What a text that says something is read and matched to is kept in the memos
        `evidence` reads, since its key's evidence reads the same text again."""
        text = text.strip()
        if not text:
            return False
        if self.plainly_says_nothing(text):
            return True
        item = context.item_if_plain(text)
        if item is not None:
            return not self._item_says(item) and not kinds.other_kind(text)
        read = self._readings.get((text, True)) or context.read(text)
        if says := read.context or read.kind is not None or self._item_says(read.item):
            self._readings.setdefault((text, True), read)
        return not says and not kinds.other_kind(text)

    def _item_says(self, item: str) -> bool:
        """Whether a model value's item holds a pattern or a name (`model_says_nothing`)."""
        found = item and _kept(self._model_memo, item, self.models.match)
        return bool(found or (item and _kept(self._name_memo, item, self.names.match)))

    def plainly_says_nothing(self, text: str) -> bool:
        """`model_says_nothing` for a stripped, non-empty text, told by three pre-tests and
        no matching: True only when the text is ASCII, none of its words can be or be near a
        name (`NameMatcher.may_name`), it holds no context cue (`context.item_if_plain`), no
        pattern can start at any of its words (`ModelMatcher.may_match`) and it names no kind
        (`kinds.other_kind`). A serial typed into the model field ('SN123456789K') is such a
        text; False means only "read it"."""
        item = text[: weights.FREE_TEXT_MAX_CHARS]
        return (
            item.isascii()
            and not self.names.may_name(item)
            and context.item_if_plain(item) is not None
            and not self.models.may_match(item)
            and not kinds.other_kind(item)
        )

    def name_evidence(self, text: str) -> tuple[Evidence, ...]:
        """What the pack's names and aliases find in a text, memoised as the scan's own
        lookups are: the column roles' probe asks it of the sampled cells the scan reads
        again."""
        return _memo(self._name_memo, text, self.names.match)

    def model_evidence(self, text: str) -> tuple[Evidence, ...]:
        """What the pack's model patterns find in a text, memoised as `name_evidence`."""
        return _memo(self._model_memo, text, self.models.match)

    def reading(self, text: str, kinds: bool = True) -> context.Reading:
        """What a free-text value says the item is, and what it only mentions (memoised).

        `kinds` False for notes, which remark on the item rather than say what it is.
        """
        key = (text, kinds)
        found = self._readings.get(key)
        if found is None:
            found = self._readings[key] = context.read(text, kinds)
        return found

    def guard(self, signals: Signals) -> str | None:
        """Why a row is not covered equipment (an accessory, a service, or a vendor named only
        as context), or None. Memoised per distinct combination of (keyed) values."""
        if signals in self._guards:
            return self._guards[signals]
        texts = (
            ("model", signals.model, True),
            ("description", signals.description, True),
            ("notes", signals.notes, False),
        )
        readings = [(name, self.reading(text, kinds)) for name, text, kinds in texts if text]
        said = None
        if any(r.context or r.kind is not None for _, r in readings):
            said = context.note(readings, self.evidence(signals), self._mentioned, self._label)
        self._guards[signals] = said
        return said

    def _mentioned(self, span: str) -> tuple[Evidence, ...]:
        def match(text: str) -> tuple[Evidence, ...]:
            return _dedupe([*self.names.match(text), *self.models.match(text)])

        return _memo(self._context_memo, span, match)

    def _label(self, ev: Evidence) -> str:
        name = self.catalog.entities[ev.entity].name
        if ev.signal is Signal.NAME and ev.matched:
            return f"'{ev.matched}'"
        return f"a {name} model" if ev.signal is Signal.MODEL else name

    def attribute(self, signals: Signals, when: date, dated: bool = True) -> Attribution | None:
        """Who made it, as ownership stood on `when` (the purchase date, else the as-of date).

        `dated` False: `when` is the as-of date, the row giving no date of its own; a make
        naming a brand's former owner then reads differently (identify/former_brands.py).
        """
        return self.attribute_keyed(signals.keyed(), when, dated)

    def attribute_keyed(
        self, signals: Signals, when: date, dated: bool = True
    ) -> Attribution | None:
        """`attribute` for signals already `keyed()`: the scan keys each row once."""
        key = (signals, bisect_right(self.spans(signals), when), dated)
        if key in self._attributions:
            return self._attributions[key]
        evidence = self.evidence(signals)
        attribution = combine(evidence, self.catalog, when, plans=self._plans)
        if attribution is not None and signals.make:
            attribution = self._check_make(signals, evidence, attribution, when, dated)
        if attribution is not None:
            attribution = self._with_kind(signals, evidence, attribution)
        self._attributions[key] = attribution
        return attribution

    def spans(self, signals: Signals) -> tuple[date, ...]:
        """The days the attribution of these (keyed) signals can change on: none for most."""
        found = self._spans.get(signals)
        if found is None:
            found = self._spans[signals] = self.catalog.spans(
                {ev.entity for ev in self.evidence(signals)}
            )
        return found

    def _check_make(
        self,
        signals: Signals,
        evidence: tuple[Evidence, ...],
        attribution: Attribution,
        when: date,
        dated: bool,
    ) -> Attribution:
        """A model grammar belongs to a maker: a make naming another manufacturer outweighs a
        pattern that alone points to a group.

        When the group rests on model patterns alone (a supplier at most beside them) and the
        make names a manufacturer the pack holds in another group ('Lorex' once Dahua sold
        it), the make's group is attributed (`combine(prefer=...)`) and the pattern's group
        kept as a conflict. When the make names one only the IEEE registry knows ('TP-Link'
        with 'NVR1008H-8P', 'Axis' with a Dahua model number), the attribution is kept but
        `disputed`: a mislabelled row, an undisclosed relabel or a pattern that caught the
        wrong maker, for a person to settle. A relabel the pack records ('Amcrest') is a
        source tying the make to the group, so it is not disputed; an unknown make ('Acme
        Security') is no conflict at all: that is what a relabel looks like. A name, MAC or
        FCC ID of the group beside the pattern confirms it; the make's conflict is then only
        reported. A brand word in the model that the make's group once owned ('Huawei' with
        'HONOR H30-L02') is read by `former_brand` first.
        """
        make = signals.make or ""
        made = _memo(self._name_memo, make, self.names.match)
        # `former_brand` reads only a name other than the make's: without one it finds none
        if made and any(ev.signal is Signal.NAME and ev.value != made[0].value for ev in evidence):
            texts = frozenset(
                item
                for text in (signals.model, signals.description)
                if text and (item := self.reading(text).item)
            )
            former = former_brand(made, texts, evidence, self.catalog, when, dated)
            if former is not None:
                return former
        confirmed = any(ev.signal in _CONFIRMING for ev in attribution.evidence)
        if made:
            if confirmed:
                return attribution
            group = self.catalog.group_of(made[0].entity, when)
            return combine(evidence, self.catalog, when, group, self._plans) or attribution
        org = registered_maker(make)
        if org is None:
            return attribution
        said = (
            f"the make '{make}' names a manufacturer in the IEEE registry ('{org}') that the"
            f" pack does not relate to the {attribution.entity.group_name} group"
        )
        if confirmed:
            return replace(attribution, conflicts=(*attribution.conflicts, said))
        said += (
            f"; only {_pointers(attribution)} points to that group, and no source ties the"
            " make to it, so the group's rules wait for review"
        )
        return replace(attribution, conflicts=(*attribution.conflicts, said), disputed=True)

    def _with_kind(
        self, signals: Signals, evidence: tuple[Evidence, ...], attribution: Attribution
    ) -> Attribution:
        """The attribution with what the row's words say the item is (`kinds.told`), when no
        model pattern says it: any model pattern among the row's signals, of the attributed
        group or another ('DH-IPC' under make Hikvision), says the item is of its kind."""
        if any(
            ev.signal is Signal.MODEL and ev.matched in self._categories
            for ev in (*attribution.evidence, *evidence)
        ):
            return attribution
        return kinds.told(
            attribution,
            signals.description,
            (signals.model, signals.notes, signals.hostname),
            self.catalog,
            lambda text: self.reading(text).item,
        )

    @property
    def distinct_values(self) -> int:
        return len(self._evidence)


# Signals that tie a row to a group on their own: a pattern beside them is confirmed.
_CONFIRMING = frozenset({Signal.NAME, Signal.MAC, Signal.FCC_ID})


def _pointers(attribution: Attribution) -> str:
    """What an unconfirmed group rests on, in words: 'a model pattern', 'a supplier', or both."""
    said = {Signal.MODEL: "a model pattern", Signal.SUPPLIER: "a supplier"}
    found = [said[s] for s in said if any(ev.signal is s for ev in attribution.evidence)]
    return " and ".join(found) or "a pattern"


def _memo(
    memo: dict[str, tuple[Evidence, ...]], value: str, match: MatchFn
) -> tuple[Evidence, ...]:
    cached = memo.get(value)
    if cached is None:
        cached = match(value)
        memo[value] = cached
    return cached


def _kept(
    memo: dict[str, tuple[Evidence, ...]], value: str, match: MatchFn
) -> tuple[Evidence, ...]:
    """`_memo`, keeping only what finds something: a text that says nothing is not kept."""
    cached = memo.get(value)
    if cached is None:
        cached = match(value)
        if cached:
            memo[value] = cached
    return cached


def _dedupe(found: list[Evidence]) -> tuple[Evidence, ...]:
    """One piece of evidence per (signal, entity): a description repeating the make adds nothing."""
    seen: set[tuple[str, str]] = set()
    out = []
    for ev in found:
        if (ev.signal, ev.entity) not in seen:
            seen.add((ev.signal, ev.entity))
            out.append(ev)
    return tuple(out)
