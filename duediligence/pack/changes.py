"""What changed in a pack since a date, read from the dates the pack itself holds.

A buyer who scanned last month asks what is new: measures added or coming into effect,
relationships that began or ended, entities and model patterns the pack did not know. Every
answer comes from the data (`added` on entries, a measure's `effective`, `ends` and dated
`history`, a relationship's `valid_from` / `valid_to`, an ownership fact's `as_of`), never
from the files' history, so an installed pack answers it too.

The same dates tell a baseline's new findings apart (`PackDelta`): a finding the pack
changes since the baseline bring is the pack's doing, not the register's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from duediligence.pack.dates import first_day, last_day
from duediligence.results.findings import Judgment, Signal

if TYPE_CHECKING:
    from duediligence.pack.loader import Pack


class ChangeKind(StrEnum):
    """What a dated entry of the pack says happened; the order is the listing's within a day."""

    NEW_MEASURE = "new_measure"
    MEASURE_IN_EFFECT = "measure_in_effect"
    MEASURE_ENDS = "measure_ends"
    MEASURE_EVENT = "measure_event"
    NEW_ENTITY = "new_entity"
    NEW_PATTERN = "new_pattern"
    NEW_RELATIONSHIP = "new_relationship"
    RELATIONSHIP_BEGAN = "relationship_began"
    RELATIONSHIP_ENDED = "relationship_ended"
    OWNERSHIP = "ownership"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


_ORDER = {kind: i for i, kind in enumerate(ChangeKind)}

ADDITIONS = frozenset(
    {
        ChangeKind.NEW_MEASURE,
        ChangeKind.NEW_ENTITY,
        ChangeKind.NEW_PATTERN,
        ChangeKind.NEW_RELATIONSHIP,
    }
)
"""Changes dated by when the entry entered the pack (`added`), not by when something happened
in the world: against a baseline they count from the baseline's pack review date."""

_MEASURE_CHANGES = (ChangeKind.NEW_MEASURE, ChangeKind.MEASURE_IN_EFFECT)
"""A measure's dated `history` is not among them: most events (a clause recast, a notice
published) change no coverage, and a finding of a new row under such a measure is the
register's."""


@dataclass(frozen=True, slots=True)
class Change:
    """One dated change. `id` is the entry's id; a relationship's is 'child -> parent'."""

    date: str
    """As precise as the pack gives it: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    kind: ChangeKind
    id: str
    summary: str
    sources: tuple[str, ...] = ()


def changes_since(pack: Pack, since: date, until: date | None = None) -> list[Change]:
    """Every dated change on or after `since` (and on or before `until`), oldest first.

    A partial date counts when any day it can mean falls in the window: a history event of
    "2025-01" is listed for `since` 2025-01-15. Entries without `added` have no date of entry
    and are never listed as new.
    """

    def inside(when: str) -> bool:
        return last_day(when) >= since and (until is None or first_day(when) <= until)

    found = [c for c in _all_changes(pack) if inside(c.date)]
    return sorted(found, key=lambda c: (first_day(c.date), _ORDER[c.kind], c.id))


def _all_changes(pack: Pack) -> Iterator[Change]:
    for m in pack.measures.values():
        sources = tuple(m.sources)
        if m.added is not None:
            yield Change(m.added.isoformat(), ChangeKind.NEW_MEASURE, m.id, m.title, sources)
        if m.effective is not None:
            yield Change(m.effective, ChangeKind.MEASURE_IN_EFFECT, m.id, m.title, sources)
        if m.ends is not None:
            yield Change(m.ends, ChangeKind.MEASURE_ENDS, m.id, m.title, sources)
        for event in m.history:
            yield Change(
                event.date, ChangeKind.MEASURE_EVENT, m.id, event.event, tuple(event.sources)
            )
    catalog = pack.catalog
    for e in catalog.entities.values():
        if e.added is not None:
            summary = f"{e.name} ({e.country})"
            yield Change(
                e.added.isoformat(), ChangeKind.NEW_ENTITY, e.id, summary, tuple(e.sources)
            )
        for o in e.ownership:
            share = f" {o.share_text or ''}".rstrip() if o.share_text else ""
            yield Change(
                o.as_of, ChangeKind.OWNERSHIP, e.id, f"owned{share} by {o.owner}", tuple(o.sources)
            )
    for p in catalog.patterns:
        spec = p.spec
        if spec.added is not None:
            summary = f"{spec.description} ({spec.entity}, {spec.pattern})"
            yield Change(
                spec.added.isoformat(),
                ChangeKind.NEW_PATTERN,
                spec.id,
                summary,
                tuple(spec.sources),
            )
    for r in catalog.relationships:
        ident = f"{r.entity} -> {r.parent}"
        summary = f"{r.entity} is a {r.type.value.replace('_', ' ')} of {r.parent}"
        sources = tuple(r.sources)
        if r.added is not None:
            yield Change(r.added.isoformat(), ChangeKind.NEW_RELATIONSHIP, ident, summary, sources)
        if r.valid_from is not None:
            yield Change(r.valid_from, ChangeKind.RELATIONSHIP_BEGAN, ident, summary, sources)
        if r.valid_to is not None:
            yield Change(r.valid_to, ChangeKind.RELATIONSHIP_ENDED, ident, summary, sources)


@dataclass(frozen=True, slots=True)
class PackDelta:
    """What changed in the pack between a baseline and this scan that can bring a finding.

    `measures`: rules added to the pack or come into effect;
    `entities`, `patterns`: entries added; `relationships`: (child's name, parent id) pairs
    added or begun, as relationship evidence names them. A finding whose rule, maker, group,
    model pattern or relationship is among them is one the baseline's pack could not give.
    """

    measures: frozenset[str]
    entities: frozenset[str]
    patterns: frozenset[str]
    relationships: frozenset[tuple[str, str]]

    @classmethod
    def between(
        cls, pack: Pack, reviewed: str | None, before: date, after: date, same_pack: bool
    ) -> PackDelta:
        """The changes since a baseline written with a pack reviewed on `reviewed` and judged
        on `before`, for a scan judged on `after`.

        Entries count as added when their `added` date is after `reviewed`, unless the two
        scans used the same pack (`same_pack`), which added nothing. Events in the world
        (effective dates, relationships that began) count when they fall after `before`, up
        to `after`: they change findings even when the pack did not change.
        """
        measures: set[str] = set()
        entities: set[str] = set()
        patterns: set[str] = set()
        relationships: set[tuple[str, str]] = set()
        added_after = None if same_pack or reviewed is None else last_day(reviewed)
        for change in _all_changes(pack):
            if change.kind in ADDITIONS:
                if added_after is None or first_day(change.date) <= added_after:
                    continue
            elif not before < last_day(change.date) or first_day(change.date) > after:
                continue
            if change.kind in _MEASURE_CHANGES:
                measures.add(change.id)
            elif change.kind is ChangeKind.NEW_ENTITY:
                entities.add(change.id)
            elif change.kind is ChangeKind.NEW_PATTERN:
                patterns.add(change.id)
            elif change.kind in (ChangeKind.NEW_RELATIONSHIP, ChangeKind.RELATIONSHIP_BEGAN):
                child, parent = change.id.split(" -> ")
                relationships.add((pack.catalog.entities[child].name, parent))
        return cls(
            frozenset(measures), frozenset(entities), frozenset(patterns), frozenset(relationships)
        )

    def brings(self, judgment: Judgment, rule_id: str) -> bool:
        """Whether a finding of `rule_id` on this judgment rests on a change in the delta."""
        if rule_id in self.measures:
            return True
        entity = judgment.attribution.entity
        if entity.id in self.entities or entity.group in self.entities:
            return True
        for e in judgment.attribution.evidence:
            if e.entity in self.entities:
                return True
            if e.signal is Signal.MODEL and e.matched in self.patterns:
                return True
            if e.signal is Signal.RELATIONSHIP and (e.value, e.entity) in self.relationships:
                return True
        return False
