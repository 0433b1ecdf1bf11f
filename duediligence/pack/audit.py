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
    KEV_ENTRY = "kev_entry"  # an advisory's catalogue entry: dates, vendor, product
    AFFECTED_MODELS = "affected_models"  # an advisory's models and their fixed firmware


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
    key: str
    """What names the fact in a review (pack/review.py): `where`, except that an alias or a
    name is named by its text and a dated event by its date, so that an entry added beside
    it does not move it."""


def _dated(start: str | None, end: str | None) -> str:
    if start and end:
        return f" from {start} to {end}"
    if start:
        return f" from {start}"
    return f" until {end}" if end else ""


_Claim = tuple[ClaimKind, str, str, str | None, Sequence[str], str]


def _claims(pack: Pack) -> Iterator[_Claim]:
    """Every (kind, where, claim, confidence, cited ids, key) in the pack, in pack order."""
    c = pack.catalog
    for e in c.entities.values():
        for i, alias in enumerate(e.aliases):
            yield (
                ClaimKind.ALIAS,
                f"entity {e.id}: aliases[{i}]",
                f"{alias!r} names {e.name}",
                None,
                e.sources,
                f"entity {e.id}: alias {alias}",
            )
        for i, n in enumerate(e.names):
            claim = f"{n.name!r} ({n.lang}) names {e.name}"
            where, key = f"entity {e.id}: names[{i}]", f"entity {e.id}: name {n.name}"
            yield ClaimKind.ALIAS, where, claim, None, e.sources, key
        for i, o in enumerate(e.ownership):
            share = o.share_text or (f"{o.share_percent}%" if o.share_percent is not None else "")
            claim = f"{o.owner} owns {share + ' of ' if share else ''}{e.name} (as of {o.as_of})"
            claim += "; state ownership" if o.state else ""
            where = f"entity {e.id}: ownership[{i}]"
            yield ClaimKind.OWNERSHIP, where, claim, o.confidence.value, o.sources, where
    for r in c.relationships:
        child, parent = c.entities[r.entity].name, c.entities[r.parent].name
        claim = f"{child} is a {r.type.value} of {parent}{_dated(r.valid_from, r.valid_to)}"
        where = f"relationship {r.entity} -> {r.parent}"
        yield ClaimKind.RELATIONSHIP, where, claim, r.confidence.value, r.sources, where
    for p in c.patterns:
        m = p.spec
        claim = (
            f"{', '.join(m.examples)} are {c.entities[m.entity].name} models"
            f" ({m.description}; pattern {m.pattern})"
        )
        where = f"model pattern {m.id}"
        yield ClaimKind.PATTERN, where, claim, m.confidence.value, m.sources, where
    for s in c.suppliers:
        claim = f"{s.name} is a {s.role} of {c.entities[s.entity].name}"
        where = f"supplier {s.name!r}"
        yield ClaimKind.SUPPLIER, where, claim, s.confidence.value, s.sources, where
    for x in c.facts:
        claim = f"{x.summary} ({x.kind.value}, {x.date}{', ended ' + x.ended if x.ended else ''})"
        where = f"fact {x.id}"
        yield ClaimKind.RISK_FACT, where, claim, x.confidence.value, x.sources, where
    for rule in pack.measures.values():
        since = f", effective {rule.effective}" if rule.effective else ""
        claim = f"{rule.title}: {rule.status.value}{since}"
        where = f"measure {rule.id}"
        yield ClaimKind.MEASURE, where, claim, None, rule.sources, where
        for i, ev in enumerate(rule.history):
            where, key = f"measure {rule.id}: history[{i}]", f"measure {rule.id}: {ev.date}"
            claim = f"{ev.date}: {ev.event}"
            yield ClaimKind.MEASURE_EVENT, where, claim, None, ev.sources, key
    for a in pack.advisories.values():
        for k in a.kev:
            claim = (
                f"{k.cve} ({k.vendor} {k.product}) was added to the catalogue on {k.added},"
                f" due {k.due}: {k.required_action}"
            )
            where = f"advisory {a.id}: {k.cve}"
            yield ClaimKind.KEV_ENTRY, where, claim, None, a.sources, where
        for affected in a.models:
            fixed = f"; fixed in {affected.fixed}" if affected.fixed else "; no fixed version"
            claim = (
                f"{', '.join(affected.examples)} are affected by {', '.join(a.cves)}"
                f" ({affected.description}; pattern {affected.pattern}{fixed})"
            )
            where = f"advisory models {affected.id}"
            confidence = affected.confidence.value
            yield ClaimKind.AFFECTED_MODELS, where, claim, confidence, affected.sources, where


def all_facts(pack: Pack) -> list[AuditFact]:
    """Every fact the audit can draw, in pack order (entities, relationships, patterns,
    suppliers, risk facts, measures)."""
    return [
        AuditFact(
            kind,
            where,
            claim,
            confidence,
            tuple(Citation.of(pack.sources[s]) for s in ids),
            key,
        )
        for kind, where, claim, confidence, ids, key in _claims(pack)
    ]


def sample(pack: Pack, count: int, seed: int | None = None) -> list[AuditFact]:
    """`count` facts drawn at random without repeats (all of them if the pack has fewer), in
    the order drawn; the same seed on the same pack draws the same facts."""
    if count < 0:
        raise ValueError("count must not be negative")
    facts = all_facts(pack)
    return random.Random(seed).sample(facts, min(count, len(facts)))  # noqa: S311 - not security
