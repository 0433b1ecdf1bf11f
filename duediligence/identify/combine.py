"""Signals combine into one attribution per asset: walk each to its group, weigh, keep the rest."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from duediligence.identify import weights
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import Relationship
from duediligence.results.findings import Attribution, EntityRef, Evidence, Signal


def combine(
    evidence: tuple[Evidence, ...], catalog: Catalog, when: date, prefer: str | None = None
) -> Attribution | None:
    """One attribution from every signal's evidence, as relationships stood on `when`.

    Evidence for entities of the same group adds up (1 - product of misses), hints but once
    (weights.HINT_BELOW). When another group also reaches ALTERNATIVE_MIN it is kept as an
    alternative for review: conflicting signals are reported, never silently resolved.
    `prefer`, a group some evidence reaches, is attributed whatever the scores (the make's
    group over a pattern that alone points elsewhere); the others stay alternatives.
    """
    if not evidence:
        return None
    per_group: dict[str, list[tuple[Evidence, float, tuple[Relationship, ...]]]] = defaultdict(list)
    for ev in evidence:
        path = catalog.group_path(ev.entity, when)
        factor = 1.0
        for rel in path:
            factor *= weights.CONFIDENCE_WEIGHT[rel.confidence]
        strength = weights.SIGNAL_WEIGHT[ev.signal] * ev.score / 100 * factor
        if ev.signal is Signal.NAME and ev.score < 100:
            strength *= weights.FUZZY_DISCOUNT
        group = path[-1].parent if path else ev.entity
        per_group[group].append((ev, strength, path))

    scored = sorted(
        ((group, _combined([s for _, s, _ in items])) for group, items in per_group.items()),
        key=lambda gs: (-gs[1], gs[0]),
    )
    if prefer is not None and prefer in per_group:
        scored.sort(key=lambda gs: gs[0] != prefer)
    best_group, confidence = scored[0]
    items = per_group[best_group]
    lead, _, lead_path = min(
        items, key=lambda item: (weights.ENTITY_PRECEDENCE.index(item[0].signal), -item[1])
    )
    chain = tuple(_relationship_evidence(rel, catalog) for rel in lead_path)
    rivals = [g for g, c in scored[1:] if c >= weights.ALTERNATIVE_MIN]
    alternatives = tuple(_ref(catalog, per_group[g][0][0].entity, g) for g in rivals)
    best_name = catalog.entities[best_group].name
    conflicts = tuple(
        f"{per_group[g][0][0].explanation} — that points to the {catalog.entities[g].name}"
        f" group, not {best_name}"
        for g in rivals
    )
    return Attribution(
        entity=_ref(catalog, lead.entity, best_group),
        confidence=round(confidence, 3),
        evidence=tuple(ev for ev, _, _ in items) + chain,
        alternatives=alternatives,
        conflicts=conflicts,
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
