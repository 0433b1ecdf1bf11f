"""Signals combine into one attribution per asset: walk each to its group, weigh, keep the rest."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from duediligence.identify import weights
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import Relationship
from duediligence.results.findings import Attribution, EntityRef, Evidence, Signal

Shape = tuple[tuple[str, Signal, int], ...]
"""What combining reads of a tuple of evidence: each one's entity, signal and score, in order."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """What `combine` decides from a tuple of evidence's shape on a day, to be filled in with
    the evidence itself: which evidence the attributed group holds, the lead's entity and
    its chain, and which evidence speaks for each rival group."""

    kept: tuple[int, ...]
    entity: EntityRef
    confidence: float
    chain: tuple[Evidence, ...]
    alternatives: tuple[EntityRef, ...]
    rivals: tuple[tuple[int, str], ...]
    best_name: str


Plans = dict[tuple[Shape, date, str | None], _Plan]
"""`combine`'s plans by shape, day and preferred group: a register's keys share a few dozen
shapes (the 100k benchmark register: 2,000 keys, 1,446 distinct evidence tuples, 26 tuples
of entities), so each is decided once (docs/performance.md)."""


def combine(
    evidence: tuple[Evidence, ...],
    catalog: Catalog,
    when: date,
    prefer: str | None = None,
    plans: Plans | None = None,
) -> Attribution | None:
    """One attribution from every signal's evidence, as relationships stood on `when`.

    Evidence for entities of the same group adds up (1 - product of misses), hints but once
    (weights.HINT_BELOW). When another group also reaches ALTERNATIVE_MIN it is kept as an
    alternative for review: conflicting signals are reported, never silently resolved.
    `prefer`, a group some evidence reaches, is attributed whatever the scores (the make's
    group over a pattern that alone points elsewhere); the others stay alternatives.
    Everything but the evidence's own texts follows from its entities, signals and scores,
    so given `plans` (one catalog's) that is decided once per shape.
    """
    if not evidence:
        return None
    shape = tuple((ev.entity, ev.signal, ev.score) for ev in evidence)
    key = (shape, when, prefer)
    plan = plans.get(key) if plans is not None else None
    if plan is None:
        plan = _plan(shape, catalog, when, prefer)
        if plans is not None:
            plans[key] = plan
    return Attribution(
        entity=plan.entity,
        confidence=plan.confidence,
        evidence=tuple(evidence[i] for i in plan.kept) + plan.chain,
        alternatives=plan.alternatives,
        conflicts=tuple(
            f"{evidence[i].explanation} — that points to the {name} group, not {plan.best_name}"
            for i, name in plan.rivals
        ),
    )


def _plan(shape: Shape, catalog: Catalog, when: date, prefer: str | None) -> _Plan:
    per_group: dict[str, list[tuple[int, Signal, float, tuple[Relationship, ...]]]] = defaultdict(
        list
    )
    for i, (entity, signal, score) in enumerate(shape):
        path = catalog.group_path(entity, when)
        factor = 1.0
        for rel in path:
            factor *= weights.CONFIDENCE_WEIGHT[rel.confidence]
        strength = weights.SIGNAL_WEIGHT[signal] * score / 100 * factor
        if signal is Signal.NAME and score < 100:
            strength *= weights.FUZZY_DISCOUNT
        group = path[-1].parent if path else entity
        per_group[group].append((i, signal, strength, path))

    scored = sorted(
        ((group, _combined([s for _, _, s, _ in items])) for group, items in per_group.items()),
        key=lambda gs: (-gs[1], gs[0]),
    )
    if prefer is not None and prefer in per_group:
        scored.sort(key=lambda gs: gs[0] != prefer)
    best_group, confidence = scored[0]
    items = per_group[best_group]
    lead, _, _, lead_path = min(
        items, key=lambda item: (weights.ENTITY_PRECEDENCE.index(item[1]), -item[2])
    )
    rivals = [g for g, c in scored[1:] if c >= weights.ALTERNATIVE_MIN]
    return _Plan(
        kept=tuple(i for i, _, _, _ in items),
        entity=_ref(catalog, shape[lead][0], best_group),
        confidence=round(confidence, 3),
        chain=tuple(_relationship_evidence(rel, catalog) for rel in lead_path),
        alternatives=tuple(_ref(catalog, shape[per_group[g][0][0]][0], g) for g in rivals),
        rivals=tuple((per_group[g][0][0], catalog.entities[g].name) for g in rivals),
        best_name=catalog.entities[best_group].name,
    )


def _combined(strengths: list[float]) -> float:
    """Independent signals add up (1 - product of misses); hints count once, by the strongest
    (weights.HINT_BELOW says why)."""
    hints = [s for s in strengths if s < weights.HINT_BELOW]
    counted = [s for s in strengths if s >= weights.HINT_BELOW]
    if hints:
        counted.append(max(hints))
    miss = 1.0
    for s in counted:
        miss *= 1.0 - min(s, 1.0)
    return 1.0 - miss


def _ref(catalog: Catalog, entity: str, group: str) -> EntityRef:
    return EntityRef(
        id=entity,
        name=catalog.entities[entity].name,
        group=group,
        group_name=catalog.entities[group].name,
    )


def _relationship_evidence(rel: Relationship, catalog: Catalog) -> Evidence:
    """Says the span the tie held, not the day judged: every day in the span reads the same."""
    child = catalog.entities[rel.entity].name
    parent = catalog.entities[rel.parent].name
    span = ""
    if rel.valid_from or rel.valid_to:
        span = f" from {rel.valid_from or 'its start'} to {rel.valid_to or 'date'}"
    kind = rel.type.value.replace("_", " ")
    article = "an" if kind[0] in "aeiou" else "a"
    said = (
        f"{child} is {article} {kind} of {parent}{span}"
        f" (confidence {rel.confidence.value};"
        f" sources {', '.join(rel.sources)})"
    )
    score = round(100 * weights.CONFIDENCE_WEIGHT[rel.confidence])
    return Evidence(Signal.RELATIONSHIP, child, rel.parent, score, said, rel.type.value)
