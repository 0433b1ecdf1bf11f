"""The pack's own source rules, checked: a fact is only as sure as the best source it cites.

README's confidence scale made checkable. A source's `kind` sets the most a fact resting on
it alone may claim: a primary text (a statute, a regulator's order, a company's filing or
its own manual, an official register) can give `high`; one reputable secondary source (a
news report, a law-firm alert, a curated dataset, a project that works with the devices)
`medium`; a weak one (a wiki copy, a forum or issue comment, a blog, a reseller's page)
`low`. Several independent reputable secondary sources that agree can give `high`: two
press or analysis sources with different publishers. An official register (the IEEE
registry) shows who registered a MAC prefix, never who owns whom, so it counts for nothing
in a relationship or an ownership fact. A source without a `kind` (a user's
own pack written before kinds existed) bounds nothing; the bundled pack gives every source
one, and a test holds it to that.

What the kind cannot check is whether the source shows the fact at all; that is what
`duediligence rules audit` is for (pack/audit.py), and docs/rules.md records the audit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from duediligence.pack.entities import EntityFile
from duediligence.pack.sources import Confidence, Source, SourceKind

CEILING: dict[SourceKind, Confidence] = {
    SourceKind.OFFICIAL: Confidence.HIGH,
    SourceKind.FILING: Confidence.HIGH,
    SourceKind.REGISTRY: Confidence.HIGH,
    SourceKind.MAKER: Confidence.HIGH,
    SourceKind.PRESS: Confidence.MEDIUM,
    SourceKind.ANALYSIS: Confidence.MEDIUM,
    SourceKind.DATASET: Confidence.MEDIUM,
    SourceKind.REPOSITORY: Confidence.MEDIUM,
    SourceKind.RESELLER: Confidence.LOW,
    SourceKind.WIKI: Confidence.LOW,
    SourceKind.FORUM: Confidence.LOW,
    SourceKind.BLOG: Confidence.LOW,
}
# Secondary sources that, when two independent ones agree, can give `high` together.
CORROBORATING = frozenset({SourceKind.PRESS, SourceKind.ANALYSIS})


class _Rated(Protocol):
    @property
    def confidence(self) -> Confidence: ...
    @property
    def sources(self) -> list[str]: ...


_RANK = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


def allowed(cited: Sequence[Source], *, tie: bool = False) -> Confidence | None:
    """The most confidence these sources allow, or None when one of them has no kind.

    `tie`: the fact is a relationship or ownership, which no register shows.
    """
    if any(s.kind is None for s in cited):
        return None
    if tie:
        cited = [s for s in cited if s.kind is not SourceKind.REGISTRY]
    kinds = [s.kind for s in cited if s.kind is not None]
    best = max((CEILING[k] for k in kinds), key=_RANK.__getitem__, default=Confidence.LOW)
    publishers = {(s.publisher or s.id).casefold() for s in cited if s.kind in CORROBORATING}
    if len(publishers) >= 2:
        return Confidence.HIGH
    return best


def _rated(f: EntityFile) -> Iterator[tuple[str, Confidence, list[str], bool]]:
    """Every (path in the file, confidence, cited ids, whether it is a tie) of an entity
    file."""
    for i, e in enumerate(f.entities):
        for j, o in enumerate(e.ownership):
            yield f"entities[{i}].ownership[{j}]", o.confidence, o.sources, True
    groups: list[tuple[str, Sequence[_Rated]]] = [
        ("relationships", f.relationships),
        ("models", f.models),
        ("suppliers", f.suppliers),
        ("facts", f.facts),
    ]
    for key, items in groups:
        for i, item in enumerate(items):
            yield f"{key}[{i}]", item.confidence, item.sources, key == "relationships"


def confidence_problems(
    files: Sequence[tuple[str, EntityFile]], sources: Mapping[str, Source]
) -> list[str]:
    """One line per fact whose confidence exceeds what its cited sources allow, naming the
    file and the path inside it, and the kind of each source."""
    problems = []
    for label, f in files:
        for path, confidence, ids, tie in _rated(f):
            cited = [sources[s] for s in ids if s in sources]
            ceiling = allowed(cited, tie=tie)
            if ceiling is None or _RANK[confidence] <= _RANK[ceiling]:
                continue
            kinds = ", ".join(f"{s.id} {s.kind}" for s in cited)
            problems.append(
                f"{label}: {path}.confidence: {confidence.value!r} exceeds what its sources"
                f" allow ({ceiling.value!r}: {kinds})"
            )
    return problems
