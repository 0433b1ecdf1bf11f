"""Why a measure's clause covers an attribution, in words a reviewer reads.

The rules of the pack read the attribution, never strings: a clause names equipment, groups,
relationships, countries, state ownership or documented facts, and each field it sets must
hold. The engine (engine.py) asks once per distinct bearing of an attribution and memoises.
"""

from __future__ import annotations

from datetime import date

from duediligence.identify import kinds, weights
from duediligence.pack.catalog import Catalog
from duediligence.pack.dates import first_day
from duediligence.pack.entities import EquipmentCategory
from duediligence.pack.measures import Coverage
from duediligence.pack.sources import Confidence
from duediligence.results.findings import Attribution, EntityRef, Signal


def who(ref: EntityRef) -> str:
    """The maker as a finding names it: with its group when it is not the group itself."""
    return ref.name if ref.id == ref.group else f"{ref.name} ({ref.group_name} group)"


def weakness(attribution: Attribution) -> str:
    """Why an attribution under the floor is weak, in the words of its own evidence.

    A tie walked at low confidence scores CONFIDENCE_WEIGHT[low] (combine.py); a supplier
    alone says who sold the item; anything else under the floor is a hint (a name in a
    hostname, a low-confidence pattern), whose evidence says so.
    """
    low = round(100 * weights.CONFIDENCE_WEIGHT[Confidence.LOW])
    ties = [
        ev.explanation
        for ev in attribution.evidence
        if ev.signal is Signal.RELATIONSHIP and ev.score <= low
    ]
    direct = [ev for ev in attribution.evidence if ev.signal not in _NOT_WHO]
    said = "; ".join(ev.explanation for ev in direct)
    if ties:
        why = "through a low-confidence tie: " + "; ".join(ties)
    elif direct and all(ev.signal is Signal.SUPPLIER for ev in direct):
        why = f"only the supplier names the group ({said})"
    else:
        why = f"on hints alone ({said})"
    return (
        f"attributed at confidence {attribution.confidence:.2f}"
        f" (under the {weights.ATTRIBUTION_FLOOR} floor for a ban) {why}"
    )


def said_kinds(attribution: Attribution) -> frozenset[EquipmentCategory]:
    """The categories the row's own words allow ('two-way radio': radio or telecommunications;
    words of several kinds, any of theirs), all of them when the words say nothing
    (identify/kinds.py)."""
    said = [
        kinds.KINDS[ev.matched].categories
        for ev in attribution.evidence
        if ev.signal is Signal.KIND and ev.matched in kinds.KINDS
    ]
    return frozenset().union(*said) if said else _EVERY


_EVERY = frozenset(EquipmentCategory)


# Evidence that says how the group was reached or what the item is, not who made it.
_NOT_WHO = frozenset({Signal.RELATIONSHIP, Signal.KIND})


def covers(
    clause: Coverage,
    attribution: Attribution,
    category: EquipmentCategory | None,
    catalog: Catalog,
    as_of: date,
    weak: bool = False,
    settled: bool = False,
) -> tuple[str, tuple[str, ...]] | None:
    """Why this clause covers the attribution (reason, extra sources), or None if it does not.

    Every field the clause sets must match. An equipment list excludes an asset only when its
    category is known: not knowing what a device is never clears it. The category is the
    model pattern's, else the categories the row's words allow (`said_kinds`). A clause that must
    `establish` a fact the register lacks (where a router or drone was produced) applies to a
    device known to be of its category, from the model pattern or a maker that makes nothing
    else, and asks for review rather than passing the device. A `weak` attribution (under
    the confidence floor) meets only the review clauses, `weak` and `conflicting`. A maker
    whose producer is unsettled (Entity.producer_unsettled) meets a `countries` clause only
    when it judges by brand, and the `producer_unsettled` review otherwise; `settled` reads
    the clauses as if the producer were of the brand's country, for that review to name them.
    """
    ref = attribution.entity
    entity = catalog.entities[ref.id]
    group = catalog.entities[ref.group]
    reasons: list[str] = []
    sources: list[str] = []
    if clause.equipment and category is not None and category not in clause.equipment:
        return None
    if (
        clause.equipment
        and category is None
        and not said_kinds(attribution) & set(clause.equipment)
    ):
        return None  # the row's words say what the item is, and it is none of these
    if attribution.disputed and not clause.conflicting:
        return None  # a pattern the make contradicts names the group: review only
    if weak and not (clause.weak or clause.conflicting):
        return None  # under the confidence floor: review only
    if clause.weak:
        if not weak:
            return None
        reasons.append(weakness(attribution))
    if clause.conflicting:
        if not attribution.conflicts:
            return None
        reasons.append("signals disagree: " + "; ".join(attribution.conflicts))
    if clause.establish is not None:
        kind = category or (entity.categories[0] if len(entity.categories) == 1 else None)
        if kind is None or kind not in clause.equipment:
            return None  # only a device known to be of the category; the entry is the category
        reasons.append(
            f"the device is {kind.value.replace('_', ' ')} equipment; the register does not say"
            f" {clause.establish.phrase}: establish it before treating the device as clear"
        )
    if clause.groups:
        if ref.group not in clause.groups:
            return None
        reasons.append(f"the {ref.group_name} group is named")
    if clause.relations:
        via = [
            ev.explanation
            for ev in attribution.evidence
            if ev.signal is Signal.RELATIONSHIP and ev.matched in clause.relations
        ]
        if not via:
            return None
        reasons.append("reached through " + "; ".join(via))
    if clause.producer_unsettled:
        if entity.producer_unsettled is None or settled:
            return None
        reasons.append(f"the brand is from {entity.country}, but {entity.producer_unsettled}")
    if clause.countries:
        if entity.country not in clause.countries:
            return None
        if entity.producer_unsettled is not None and not (clause.brands or settled):
            return None  # the clause turns on the producer, which no source settles
        reasons.append(f"{ref.name} is a brand from {entity.country}")
    if clause.state_owned:
        owners = [o for o in group.ownership if o.state and first_day(o.as_of) <= as_of]
        if not owners:
            return None
        o = owners[-1]
        share = f" ({o.share_text})" if o.share_text else ""
        reasons.append(f"state ownership: {o.owner}{share}, as of {o.as_of}")
        sources += o.sources
    if clause.facts:
        facts = [
            x
            for x in catalog.facts_of(ref.group)
            if x.kind in clause.facts and first_day(x.date) <= as_of
        ]
        if not facts:
            return None
        for x in facts:
            details = [x.date]
            details += [x.value] if x.value else []
            details += [f"ref. {x.reference}"] if x.reference else []
            if x.ended:
                details.append(f"ended {x.ended}" + (f": {x.ended_note}" if x.ended_note else ""))
            reasons.append(f"{x.summary} ({'; '.join(details)})")
            sources += x.sources
    if not reasons:
        return None
    return f"{who(ref)} — " + "; ".join(reasons), tuple(sources)
