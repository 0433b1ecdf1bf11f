"""A sample of the pack's facts, each with what it cites, for a person to check by hand.

The loader can check that a fact cites a source and that its confidence is within what the
source's kind allows (pack/sourcing.py); only a person can check that the source shows the
fact. `duediligence rules audit` draws a random sample for that, and a seed makes the draw
repeatable, so two reviewers (or this year's review and next) can check the same facts.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from duediligence.pack.loader import Pack
from duediligence.pack.sources import Source


class ClaimKind(StrEnum):
    """What a sampled fact is; the audit draws from every kind of claim the pack makes."""

    RELATIONSHIP = "relationship"
    OWNERSHIP = "ownership"
    ALIAS = "alias"
    PATTERN = "pattern"
    RISK_FACT = "risk_fact"
    SUPPLIER = "supplier"
    MEASURE = "measure"
    MEASURE_EVENT = "measure_event"


@dataclass(frozen=True, slots=True)
class Citation:
    id: str
    title: str
    kind: str | None
    publisher: str | None
    date: str | None
    url: str | None
    note: str | None

    @classmethod
    def of(cls, source: Source) -> Citation:
        return cls(
            source.id,
            source.title,
            source.kind.value if source.kind else None,
            source.publisher,
            source.date,
            source.url,
            source.note or (f"document {source.document}" if source.document else None),
        )


@dataclass(frozen=True, slots=True)
class AuditFact:
    """One claim as a person would check it: what it says, where it is, what it cites."""

    kind: ClaimKind
    where: str
    claim: str
    confidence: str | None
    citations: tuple[Citation, ...]


def _dated(start: str | None, end: str | None) -> str:
    if start and end:
        return f" from {start} to {end}"
    if start:
        return f" from {start}"
    return f" until {end}" if end else ""


def _claims(pack: Pack) -> Iterator[tuple[ClaimKind, str, str, str | None, Sequence[str]]]:
    """Every (kind, where, claim, confidence, cited ids) in the pack, in pack order."""
    c = pack.catalog
    for e in c.entities.values():
        for i, alias in enumerate(e.aliases):
            yield (
                ClaimKind.ALIAS,
                f"entity {e.id}: aliases[{i}]",
                f"{alias!r} names {e.name}",
                None,
                e.sources,
            )
        for i, n in enumerate(e.names):
            claim = f"{n.name!r} ({n.lang}) names {e.name}"
            yield ClaimKind.ALIAS, f"entity {e.id}: names[{i}]", claim, None, e.sources
        for i, o in enumerate(e.ownership):
            share = o.share_text or (f"{o.share_percent}%" if o.share_percent is not None else "")
            claim = f"{o.owner} owns {share + ' of ' if share else ''}{e.name} (as of {o.as_of})"
            claim += "; state ownership" if o.state else ""
            where = f"entity {e.id}: ownership[{i}]"
            yield ClaimKind.OWNERSHIP, where, claim, o.confidence.value, o.sources
    for r in c.relationships:
        child, parent = c.entities[r.entity].name, c.entities[r.parent].name
        claim = f"{child} is a {r.type.value} of {parent}{_dated(r.valid_from, r.valid_to)}"
        where = f"relationship {r.entity} -> {r.parent}"
        yield ClaimKind.RELATIONSHIP, where, claim, r.confidence.value, r.sources
    for p in c.patterns:
        m = p.spec
        claim = (
            f"{', '.join(m.examples)} are {c.entities[m.entity].name} models"
            f" ({m.description}; pattern {m.pattern})"
        )
        yield ClaimKind.PATTERN, f"model pattern {m.id}", claim, m.confidence.value, m.sources
    for s in c.suppliers:
        claim = f"{s.name} is a {s.role} of {c.entities[s.entity].name}"
        yield ClaimKind.SUPPLIER, f"supplier {s.name!r}", claim, s.confidence.value, s.sources
    for x in c.facts:
        claim = f"{x.summary} ({x.kind.value}, {x.date}{', ended ' + x.ended if x.ended else ''})"
        yield ClaimKind.RISK_FACT, f"fact {x.id}", claim, x.confidence.value, x.sources
    for rule in pack.measures.values():
        since = f", effective {rule.effective}" if rule.effective else ""
        claim = f"{rule.title}: {rule.status.value}{since}"
        yield ClaimKind.MEASURE, f"measure {rule.id}", claim, None, rule.sources
        for i, ev in enumerate(rule.history):
            where = f"measure {rule.id}: history[{i}]"
            yield ClaimKind.MEASURE_EVENT, where, f"{ev.date}: {ev.event}", None, ev.sources


def all_facts(pack: Pack) -> list[AuditFact]:
    """Every fact the audit can draw, in pack order (entities, relationships, patterns,
    suppliers, risk facts, measures)."""
    return [
        AuditFact(kind, where, claim, confidence, tuple(Citation.of(pack.sources[s]) for s in ids))
        for kind, where, claim, confidence, ids in _claims(pack)
    ]


def sample(pack: Pack, count: int, seed: int | None = None) -> list[AuditFact]:
    """`count` facts drawn at random without repeats (all of them if the pack has fewer), in
    the order drawn; the same seed on the same pack draws the same facts."""
    if count < 0:
        raise ValueError("count must not be negative")
    facts = all_facts(pack)
    return random.Random(seed).sample(facts, min(count, len(facts)))  # noqa: S311 - not security
