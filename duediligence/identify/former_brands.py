"""A make naming the group a brand in the model text belonged to: the make is the producer.

Registers write the producer in the make column and the box's brand in the model ('Huawei',
'HONOR H30-L02': an Honor 3C of 2014, which Huawei made while Honor was its brand). s.889 turns
on who produced the item, and the make column is the register's own word for that; a brand
word inside the model text does not override it when the brand was the make's group's at
the time. When that time is not the row's (the tie had ended on the row's date, or had not
begun), the two are a conflict for a person to settle, never a silent choice.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from duediligence.identify import weights
from duediligence.identify.combine import combine
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import Relationship
from duediligence.results.findings import Attribution, Evidence, Signal

# How a tie read by `former_brand` is marked in its evidence (`Evidence.matched`); no measure's
# `relations` names it, so only the make's group's own clauses apply.
FORMER_BRAND = "former_brand"


def former_brand(
    made: tuple[Evidence, ...],
    texts: frozenset[str],
    evidence: tuple[Evidence, ...],
    catalog: Catalog,
    when: date,
    dated: bool,
) -> Attribution | None:
    """The attribution when the make names the group that a brand read from the row's own
    texts (`texts`: what the model and description say the item is) belonged to, or None
    when that is not the case.

    `made` is the make's name evidence; `when` the day judged, `dated` whether it is the
    row's purchase or install date (else it is the as-of date and the row gives none).
    It applies only when the brand's group on `when` rests on such brand words alone: a MAC,
    FCC ID or model pattern of the brand's group is the device speaking for itself, and it
    stays a conflict. Undated, the make's group is attributed and the tie explained, at
    weights.FORMER_BRAND_UNDATED of its confidence; dated outside the tie, the make's group
    is kept but disputed (review rules only), the conflict saying why.
    """
    if not made:
        return None
    group = catalog.group_of(made[0].entity, when)
    words = [
        ev
        for ev in evidence
        if ev.signal is Signal.NAME
        and ev.value in texts
        and ev.value != made[0].value
        and catalog.group_of(ev.entity, when) != group
        and not _names_the_make(ev, made[0], catalog, group)
    ]
    ties = {ev.entity: _tie(catalog, ev.entity, group) for ev in words}
    if not words or any(path is None for path in ties.values()):
        return None
    rivals = {catalog.group_of(ev.entity, when) for ev in words}
    if any(
        ev not in words and catalog.group_of(ev.entity, when) in rivals
        for ev in evidence
        if ev.signal is not Signal.RELATIONSHIP
    ):
        return None  # the brand's group has a signal of its own: a conflict, as combine says
    found = combine(evidence, catalog, when, prefer=group)
    if found is None or found.entity.group != group:
        return None
    maker = catalog.entities[group].name
    # combine lists each rival group once, as an alternative and its conflict, in one order
    kept = [
        (alt, said)
        for alt, said in zip(found.alternatives, found.conflicts, strict=True)
        if alt.group not in rivals
    ]
    paths = [(ev, path) for ev in words if (path := ties[ev.entity]) is not None]
    if not dated:
        return replace(
            found,
            confidence=round(found.confidence * weights.FORMER_BRAND_UNDATED, 3),
            evidence=(*found.evidence, *(_told(ev, catalog, maker, p) for ev, p in paths)),
            alternatives=tuple(alt for alt, _ in kept),
            conflicts=tuple(said for _, said in kept),
        )
    return replace(
        found,
        conflicts=(
            *(said for _, said in kept),
            *(_disputed(ev, catalog, maker, p, when) for ev, p in paths),
        ),
        alternatives=(
            *(alt for alt, _ in kept),
            *(alt for alt in found.alternatives if alt.group in rivals),
        ),
        disputed=True,
    )


def _names_the_make(ev: Evidence, made: Evidence, catalog: Catalog, group: str) -> bool:
    """Whether the brand word holds the make's own name as a word ('Dahua USA' under make
    Dahua): a sales company named for its group is no brand of another producer, so the make
    is read as the make, not as the brand's former owner."""
    word = (ev.matched or ev.value).casefold()
    entity = catalog.entities[group]
    names = {n.casefold() for n in (made.matched or made.value, entity.name, *entity.aliases)}
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", word) for n in names if n)


def _tie(catalog: Catalog, entity: str, group: str) -> tuple[Relationship, ...] | None:
    """The dated chain by which `entity` belonged to `group` on some day (the caller knows it
    did not on the day judged): each day a tie above it starts or stops, and the day before."""
    for day in catalog.spans([entity]):
        for probe in (day - timedelta(days=1), day):
            path = catalog.group_path(entity, probe)
            if path and path[-1].parent == group:
                return path
    return None


def _span(path: tuple[Relationship, ...]) -> str:
    """When the chain held, from its dated links: 'until 2020-11-17', 'from 2018-02-06 to ...'."""
    starts = [str(r.valid_from) for r in path if r.valid_from]
    ends = [str(r.valid_to) for r in path if r.valid_to]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start and end:
        return f"from {start} to {end}"
    return f"from {start}" if start else f"until {end}"


def _owned(ev: Evidence, catalog: Catalog, maker: str, path: tuple[Relationship, ...]) -> str:
    """'HONOR H30-L02' names Honor Device Co., Ltd., a subsidiary of Huawei ... (sources ...)."""
    brand = catalog.entities[ev.entity].name
    kind = path[0].type.value.replace("_", " ")
    article = "an" if kind[0] in "aeiou" else "a"
    sources = ", ".join(dict.fromkeys(s for r in path for s in r.sources))
    word = f"'{ev.matched}' in " if ev.matched else ""
    return (
        f"{word}'{ev.value}' names {brand}, {article} {kind} of {maker} {_span(path)}"
        f" (sources {sources})"
    )


def _told(ev: Evidence, catalog: Catalog, maker: str, path: tuple[Relationship, ...]) -> Evidence:
    said = (
        f"the make column names {maker}; {_owned(ev, catalog, maker, path)}. The row gives"
        f" no date, so the make is taken as the producer, at {weights.FORMER_BRAND_UNDATED}"
        " of the confidence: only a date would show the item was made while the brand was"
        " the group's"
    )
    score = round(100 * weights.FORMER_BRAND_UNDATED)
    # named as combine names a tie (child's name, parent id): a change of it finds the row
    child = catalog.entities[path[-1].entity].name
    return Evidence(Signal.RELATIONSHIP, child, path[-1].parent, score, said, FORMER_BRAND)


def _disputed(
    ev: Evidence, catalog: Catalog, maker: str, path: tuple[Relationship, ...], when: date
) -> str:
    return (
        f"the make column names {maker}, but {_owned(ev, catalog, maker, path)}, and on"
        f" {when.isoformat()}, the row's date, it was not {maker}'s: the make and the brand"
        " agree only for an item made while it was (stock bought later), not for a later"
        " model entered under the brand's former owner, so a person decides"
    )
