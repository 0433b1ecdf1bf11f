"""One role per column from two kinds of evidence: what its header says and what its values
hold (content.py).

`--map` is decided before this and always wins. Then, in order:
1. Header names, most trusted first (a known name, a known name with a qualifier, a weak
   name, a one-letter slip). A header the values contradict outright — a "MAC" column of
   vendor names — is dropped with a warning, and the values decide (step 2).
2. Columns no header explains, by their values alone: MACs, makers, model numbers, or makers
   and model numbers together ("Hikvision DS-2CD2143G2-I"). Two columns that could hold the
   same field give one warning naming both and the one chosen.
3. A make column whose values are model numbers reads as the model too, and a model column
   whose values are makes as the make, when no other column holds that field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from duediligence.inventory.content import Kind, Profile
from duediligence.results.assets import Field


class Level(Enum):
    """How a header named its field, and how far that alone is trusted (0 to 1)."""

    KNOWN = 0.9
    QUALIFIED = 0.8
    WEAK = 0.6
    SLIP = 0.6


@dataclass(frozen=True, slots=True)
class Candidate:
    """A column whose header names `fields` (two for 'Make/Model'), and why."""

    column: int
    fields: tuple[Field, ...]
    why: str
    level: Level


MIN_VALUES = 3
"""Distinct values a column needs before its content decides what it holds: one or two
values are a coincidence; a three-row sheet of radios ('Hytera PD785', ...) is a register."""
CONTRADICT_MIN_VALUES = 20
"""Distinct values needed before content overrules what a header names: a person's header is
not set aside on a handful of odd rows."""
KIND_MIN = {Kind.MAC: 0.8, Kind.MAKER: 0.5, Kind.MODEL: 0.3, Kind.DATE: 0.8, Kind.FIRMWARE: 0.8}
"""The share of a column's values that makes it hold that kind. MACs and dates are told by
their shape, so most must have it; so are firmware versions ('V5.5.0 build 200911').
Makers: half, since an IEEE registrant or pack entity is
named by most of a make column's values but not by its house brands and typos ('Acme',
'Hikvison'). Model numbers: 0.3, since only the pack's vendors have patterns; a register of
mixed makes has a third or more of its models from them only when it matters."""
STRONG = 0.9
"""Content overrules a header only when this share of values is of another kind..."""
NONE_OF_IT = 0.05
"""...and almost none (under this share) is of the kind the header names."""
CONTENT_WEIGHT = 0.9
"""A role found by content alone is trusted at its share times this: values are strong
evidence, but a person named the column and did not say."""

KIND_OF = {
    Field.MAKE: Kind.MAKER,
    Field.MODEL: Kind.MODEL,
    Field.MAC: Kind.MAC,
    Field.PURCHASED: Kind.DATE,
    Field.INSTALLED: Kind.DATE,
    Field.FIRMWARE: Kind.FIRMWARE,
}
"""The kind of value each field's column should hold, where content can tell."""


@dataclass
class Decided:
    """The mapping as it is decided: each field's column, why, and how sure (0 to 1)."""

    header: Sequence[str]
    fields: dict[Field, int]
    reasons: dict[Field, str]
    confidence: dict[Field, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """Warnings a person should read: a header contradicted, a choice between columns."""

    def take(self, f: Field, column: int, why: str, confidence: float) -> None:
        self.fields[f] = column
        self.reasons[f] = why
        self.confidence[f] = round(confidence, 2)


def assign(
    decided: Decided,
    candidates: Sequence[Candidate],
    profiles: Sequence[Profile] | None,
) -> None:
    """Fill `decided` (holding the `--map` choices) from headers and content, in place."""
    taken = set(decided.fields.values())
    for c in candidates:
        if c.column in taken:
            continue
        profile = profiles[c.column] if profiles is not None else None
        fields = [f for f in c.fields if f not in decided.fields]
        if not fields:
            continue
        against = _contradicted(fields, profile)
        if against is not None:
            assert profile is not None
            decided.notes.append(
                f"column {decided.header[c.column]!r}: its header names"
                f" {_names(fields)}, but by content {profile.said(against)}: not read as"
                f" {_names(fields)} (use --map {fields[0].value}=COLUMN if it is)"
            )
            continue
        for f in fields:
            why, confidence = c.why, c.level.value
            kind = KIND_OF.get(f)
            if profile is not None and kind is not None and _holds(profile, kind):
                why += f"; by content: {profile.said(kind)}"
                confidence = min(0.99, 1 - (1 - confidence) * (1 - profile.share(kind)))
            decided.take(f, c.column, why, confidence)
        taken.add(c.column)
    if profiles is not None:
        _by_content(decided, profiles, taken)
        _combined(decided, profiles)


def _contradicted(fields: list[Field], profile: Profile | None) -> Kind | None:
    """The kind the values hold instead of the one the header names, when they say so
    outright; else None."""
    if profile is None or profile.values < CONTRADICT_MIN_VALUES:
        return None
    kinds = [KIND_OF[f] for f in fields if f in KIND_OF]
    if len(kinds) != len(fields) or any(k not in profile.shares for k in kinds):
        return None  # a field content cannot judge, or a kind not asked
    if any(profile.share(k) >= NONE_OF_IT for k in kinds):
        return None
    other = max(profile.shares, key=lambda k: profile.shares[k])
    return (
        other
        if other not in kinds and other is not Kind.ID and profile.share(other) >= STRONG
        else None
    )


def _holds(profile: Profile, kind: Kind) -> bool:
    return (
        kind in profile.shares
        and profile.values >= MIN_VALUES
        and profile.share(kind) >= KIND_MIN[kind]
    )


def content_fields(profile: Profile) -> tuple[tuple[Field, ...], tuple[Kind, ...]]:
    """The fields a column holds by its values alone, and the kinds that say so."""
    if _holds(profile, Kind.MAC):
        return (Field.MAC,), (Kind.MAC,)
    if _holds(profile, Kind.FIRMWARE):
        return (Field.FIRMWARE,), (Kind.FIRMWARE,)
    maker, model = _holds(profile, Kind.MAKER), _holds(profile, Kind.MODEL)
    if maker and model:
        return (Field.MAKE, Field.MODEL), (Kind.MAKER, Kind.MODEL)
    if maker:
        return (Field.MAKE,), (Kind.MAKER,)
    if model:
        return (Field.MODEL,), (Kind.MODEL,)
    return (), ()


def _by_content(decided: Decided, profiles: Sequence[Profile], taken: set[int]) -> None:
    wanted: dict[Field, list[tuple[float, int, Kind]]] = {}
    for column, profile in enumerate(profiles):
        if column in taken:
            continue
        fields, kinds = content_fields(profile)
        for f in fields:
            kind = KIND_OF[f]
            assert kind in kinds
            wanted.setdefault(f, []).append((profile.share(kind), column, kind))
    header = decided.header
    for f, found in wanted.items():
        if f in decided.fields:
            continue
        free = [c for c in found if c[1] not in taken or decided.fields.get(_partner(f)) == c[1]]
        if not free:
            continue
        share, column, kind = max(free, key=lambda c: (c[0], -c[1]))
        said = profiles[column].said(kind)
        decided.take(f, column, f"by content: {said}", share * CONTENT_WEIGHT)
        taken.add(column)
        if len(free) > 1:
            others = ", ".join(
                f"{header[c]!r} ({profiles[c].said(k)})" for _, c, k in free if c != column
            )
            decided.notes.append(
                f"columns {header[column]!r} and {others} could each be {f.value} by their"
                f" content: read {header[column]!r}, whose values hold most {kind.value};"
                f" use --map {f.value}=COLUMN to choose another"
            )


def _partner(f: Field) -> Field:
    return Field.MODEL if f is Field.MAKE else Field.MAKE


def _combined(decided: Decided, profiles: Sequence[Profile]) -> None:
    """A make column of model numbers is the model column too, and the reverse, when no
    column holds that field: 'Hikvision DS-2CD2143G2-I' under 'Manufacturer'."""
    for have, want in ((Field.MAKE, Field.MODEL), (Field.MODEL, Field.MAKE)):
        column = decided.fields.get(have)
        if column is None or want in decided.fields:
            continue
        profile = profiles[column]
        kind = KIND_OF[want]
        if _holds(profile, kind):
            decided.take(
                want,
                column,
                f"column {decided.header[column]!r} holds {want.value} too, by content:"
                f" {profile.said(kind)}",
                profile.share(kind) * CONTENT_WEIGHT,
            )


def _names(fields: Sequence[Field]) -> str:
    return " and ".join(f.value for f in fields)
