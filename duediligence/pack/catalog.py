"""The merged, checked knowledge of a pack: entities, dated relationships, signals and facts.

Identification reads this; it holds no jurisdictions (those are in `measures`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TypeVar

from duediligence.pack.dates import first_day, last_day, within
from duediligence.pack.entities import (
    Entity,
    EntityFile,
    FccGrantee,
    ModelPattern,
    OuiPrefix,
    Relationship,
    RelationType,
    RiskFact,
    SupplierName,
)
from duediligence.pack.patterns import MAX_SUBJECT, case_free
from duediligence.pack.sources import Confidence

# When two parents are valid at once, the stronger tie wins: owned beats relabelled.
_TIE_ORDER = {
    RelationType.SUBSIDIARY: 0,
    RelationType.BRAND: 1,
    RelationType.AFFILIATE: 2,
    RelationType.OEM_RELABEL: 3,
}
_CONFIDENCE_ORDER = {Confidence.HIGH: 0, Confidence.MEDIUM: 1, Confidence.LOW: 2}
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    spec: ModelPattern
    regex: re.Pattern[str]
    """The pattern as model keys of ASCII text (upper case) are matched: without IGNORECASE
    when that reads them as it does (`patterns.case_free`), which halves the compile. Text
    outside ASCII, or with lower case in it, is matched by `folded`."""

    @property
    def folded(self) -> re.Pattern[str]:
        """The pattern with case ignored, compiled when first asked."""
        return folded(self.regex)

    def match(self, text: str) -> bool:
        """Whether the value starts with this model number, case ignored.

        Only the first MAX_SUBJECT characters are read: the schema held the pattern to
        shapes whose worst case is small on a value that short (see pack/patterns.py), so a
        hostile cell costs no more than a short one.
        """
        if text.isascii():  # upper-casing ASCII keeps its length and what IGNORECASE reads
            return self.regex.match(text.upper(), 0, MAX_SUBJECT) is not None
        return self.folded.match(text, 0, MAX_SUBJECT) is not None


@cache
def folded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` with case ignored (itself when it already ignores case)."""
    if regex.flags & re.IGNORECASE:
        return regex
    return re.compile(regex.pattern, regex.flags | re.IGNORECASE)


def plain_key(key: str) -> bool:
    """Whether `CompiledPattern.regex` may match `key`: ASCII with no lower-case letter."""
    return key.isascii() and key.upper() == key


@dataclass(frozen=True)
class Catalog:
    entities: dict[str, Entity]
    relationships: tuple[Relationship, ...]
    patterns: tuple[CompiledPattern, ...]
    ouis: dict[str, OuiPrefix]
    grantees: dict[str, FccGrantee]
    suppliers: tuple[SupplierName, ...]
    facts: tuple[RiskFact, ...]
    parents_by_entity: dict[str, tuple[Relationship, ...]]
    facts_by_entity: dict[str, tuple[RiskFact, ...]]

    @classmethod
    def build(cls, files: Iterable[EntityFile], problems: list[str]) -> Catalog:
        """Merge entity files in layer order (a later entry with the same key overrides)."""
        entities: dict[str, Entity] = {}
        relationships: dict[tuple[str, str, str], Relationship] = {}
        models: dict[str, ModelPattern] = {}
        ouis: dict[str, OuiPrefix] = {}
        grantees: dict[str, FccGrantee] = {}
        suppliers: dict[tuple[str, str], SupplierName] = {}
        facts: dict[str, RiskFact] = {}
        for f in files:
            entities.update((e.id, e) for e in f.entities)
            relationships.update(((r.entity, r.parent, r.type.value), r) for r in f.relationships)
            models.update((m.id, m) for m in f.models)
            ouis.update((o.prefix, o) for o in f.ouis)
            grantees.update((g.code, g) for g in f.fcc_grantees)
            suppliers.update(((s.name.casefold(), s.entity), s) for s in f.suppliers)
            facts.update((x.id, x) for x in f.facts)

        patterns = [_compile(m, problems) for m in models.values()]
        catalog = cls(
            entities,
            tuple(relationships.values()),
            tuple(patterns),
            ouis,
            grantees,
            tuple(suppliers.values()),
            tuple(facts.values()),
            _index(relationships.values(), lambda r: r.entity),
            _index(facts.values(), lambda x: x.entity),
        )
        catalog._check(problems)
        return catalog

    def _check(self, problems: list[str]) -> None:
        known = self.entities
        refs: list[tuple[str, str]] = []
        refs += [(f"relationship {r.entity} -> {r.parent}", r.entity) for r in self.relationships]
        refs += [(f"relationship {r.entity} -> {r.parent}", r.parent) for r in self.relationships]
        refs += [(f"model pattern {p.spec.id}", p.spec.entity) for p in self.patterns]
        refs += [(f"OUI {o.prefix}", o.entity) for o in self.ouis.values()]
        refs += [(f"FCC grantee {g.code}", g.entity) for g in self.grantees.values()]
        refs += [(f"supplier {s.name!r}", s.entity) for s in self.suppliers]
        refs += [(f"fact {x.id}", x.entity) for x in self.facts]
        refs += [
            (f"entity {e.id}: ownership", o.owner_entity)
            for e in known.values()
            for o in e.ownership
            if o.owner_entity
        ]
        problems.extend(
            f"{where}: unknown entity {ident!r}" for where, ident in refs if ident not in known
        )
        problems.extend(
            f"relationship {r.entity} -> {r.parent}: valid_to is before valid_from"
            for r in self.relationships
            if r.valid_from and r.valid_to and r.valid_to < r.valid_from
        )

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        """Every (place, cited source ids) pair, so the loader can check each citation."""
        for e in self.entities.values():
            yield f"entity {e.id}", e.sources
            for i, o in enumerate(e.ownership):
                yield f"entity {e.id}: ownership[{i}]", o.sources
        for r in self.relationships:
            yield f"relationship {r.entity} -> {r.parent}", r.sources
        for p in self.patterns:
            yield f"model pattern {p.spec.id}", p.spec.sources
        for prefix in self.ouis.values():
            yield f"OUI {prefix.prefix}", prefix.sources
        for g in self.grantees.values():
            yield f"FCC grantee {g.code}", g.sources
        for s in self.suppliers:
            yield f"supplier {s.name!r}", s.sources
        for x in self.facts:
            yield f"fact {x.id}", x.sources

    def parents(self, entity_id: str, when: date) -> list[Relationship]:
        """Relationships of an entity to its parents that are valid on `when`, strongest first."""
        valid = [
            r
            for r in self.parents_by_entity.get(entity_id, ())
            if within(when, r.valid_from, r.valid_to)
        ]
        return sorted(valid, key=lambda r: (_TIE_ORDER[r.type], _CONFIDENCE_ORDER[r.confidence]))

    def group_path(self, entity_id: str, when: date) -> tuple[Relationship, ...]:
        """The chain of relationships from an entity up to its top-level group on `when`."""
        path: list[Relationship] = []
        seen = {entity_id}
        current = entity_id
        for _ in range(MAX_DEPTH):
            parents = self.parents(current, when)
            if not parents or parents[0].parent in seen:
                break
            path.append(parents[0])
            current = parents[0].parent
            seen.add(current)
        return tuple(path)

    def group_of(self, entity_id: str, when: date) -> str:
        """The top-level group an entity belongs to on `when`: itself when it has no parent."""
        path = self.group_path(entity_id, when)
        return path[-1].parent if path else entity_id

    def spans(self, entity_ids: Iterable[str]) -> tuple[date, ...]:
        """The days on which a relationship above these entities starts or stops holding.

        Two dates between the same two of these days see the same relationships, so an
        attribution judged on one holds for the other: a register with a purchase date on
        every row costs one attribution per distinct value and span, not per day.
        """
        days: set[date] = set()
        stack, seen = list(entity_ids), set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            for r in self.parents_by_entity.get(current, ()):
                if r.valid_from:
                    days.add(first_day(r.valid_from))
                if r.valid_to:
                    days.add(last_day(r.valid_to) + timedelta(days=1))
                stack.append(r.parent)
        return tuple(sorted(days))

    def facts_of(self, entity_id: str) -> tuple[RiskFact, ...]:
        return self.facts_by_entity.get(entity_id, ())


K = TypeVar("K")


def _index(items: Iterable[K], key: Callable[[K], str]) -> dict[str, tuple[K, ...]]:
    grouped: dict[str, list[K]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return {k: tuple(v) for k, v in grouped.items()}


def _compile(spec: ModelPattern, problems: list[str]) -> CompiledPattern:
    """Compile a pattern and hold it to its own examples: a pattern that misses one is an error.

    The schema has already parsed the pattern and checked its shape. Case is ignored, as
    identification upper-cases model numbers before matching: examples are kept as their
    sources write them ('AirEngine5761-21'). A case-free pattern (`patterns.case_free`) is
    compiled without IGNORECASE, which upper-case ASCII text does not need.
    """
    where = f"model pattern {spec.id}"
    flags = 0 if case_free(spec.pattern) else re.IGNORECASE
    compiled = CompiledPattern(spec, re.compile(spec.pattern, flags))
    problems.extend(
        f"{where}: example {ex!r} does not match the pattern"
        for ex in spec.examples
        if not compiled.match(ex)
    )
    problems.extend(
        f"{where}: counter-example {ex!r} matches the pattern"
        for ex in spec.counter_examples
        if compiled.match(ex)
    )
    return compiled
