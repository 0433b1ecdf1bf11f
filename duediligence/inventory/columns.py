"""Which column holds the make, the model, the MAC...: header names (headers.py), `--map`
overrides, and (roles.py) what the columns hold."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from duediligence.errors import InputError
from duediligence.inventory.content import Profile
from duediligence.inventory.headers import COMBINED, SYNONYMS, WEAK
from duediligence.inventory.roles import Candidate, Decided, Level, assign
from duediligence.results.assets import Field

# Fields that can say who made an item; a table with none of them cannot be judged.
IDENTIFYING = (
    Field.MAKE,
    Field.MODEL,
    Field.MAC,
    Field.FCC_ID,
    Field.SUPPLIER,
    Field.DESCRIPTION,
)

_PUNCT = re.compile(r"[^\w#]+")


def header_key(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).casefold().replace("_", " ")
    return " ".join(_PUNCT.sub(" ", text).split())


_LOOKUP: dict[str, tuple[Field, ...]] = {
    header_key(name): (f,) for f, names in SYNONYMS.items() for name in names
}
_LOOKUP.update({header_key(name): (Field.MAKE, Field.MODEL) for name in COMBINED})
_WEAK = frozenset(header_key(name) for name in WEAK)


@dataclass(frozen=True)
class ColumnMap:
    """Field -> column index, with the reason for each choice (shown by `columns` and errors).

    One column may hold two fields: 'Hikvision DS-2CD2143G2-I' under 'Make/Model' is both the
    make and the model. `confidence` is how sure the choice is (1 for `--map`); `notes` are
    the warnings the choice raised (a header its values contradict, a choice between columns).
    """

    header: tuple[str, ...]
    fields: dict[Field, int]
    reasons: dict[Field, str]
    confidence: dict[Field, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def guesses(self) -> list[str]:
        """Columns read by resemblance to a known name, and the notes: a person should
        confirm them."""
        return [
            f"column {self.header[i]!r} read as {f.value}: {self.reasons[f]}; if that is wrong,"
            f" use --map {f.value}=COLUMN"
            for f, i in self.fields.items()
            if SLIP in self.reasons[f]
        ] + list(self.notes)

    def explain(self) -> list[str]:
        return [
            f"{f.value} <- column {self.header[i]!r}: {self.reasons[f]}"
            for f, i in sorted(self.fields.items(), key=lambda kv: kv[1])
        ]


def unique_headers(raw: list[str]) -> tuple[list[str], list[str]]:
    """Headers made unique and non-empty, so every cell keeps a name; plus warnings."""
    out: list[str] = []
    warnings: list[str] = []
    taken = {name.strip() for name in raw}
    used: set[str] = set()
    following: dict[str, int] = {}
    for i, name in enumerate(raw):
        name = name.strip() or f"Column {i + 1}"
        if name in used:
            # Never a name a later header holds, nor one made already: 'A', 'A', 'A (2)'. Each
            # name's next number is kept, so 16,000 copies of one header cost linear time.
            n = following.get(name, 2)
            while f"{name} ({n})" in used or f"{name} ({n})" in taken:
                n += 1
            following[name] = n + 1
            new = f"{name} ({n})"
            warnings.append(f"duplicate header {name!r} in column {i + 1}: kept as {new!r}")
            name = new
        used.add(name)
        out.append(name)
    return out, warnings


# Words that only say what kind of thing the column describes: "Camera Manufacturer" and
# "Device Model" name the same fields as "Manufacturer" and "Model".
QUALIFIERS = frozenset(
    {"device", "camera", "equipment", "item", "product", "hardware", "unit", "the", "of"}
)
SLIP = "is close to"
_MIN_FUZZY = 6
"""Headers shorter than this are never read by resemblance ('Made', 'Mode', 'Site')."""


def recognised(header: list[str]) -> dict[Field, int]:
    """Fields whose synonyms appear in this header row (first column wins per field)."""
    return {f: i for f, (i, _) in recognise(header).items()}


def recognise(header: list[str]) -> dict[Field, tuple[int, str]]:
    """Field -> (column, why) by header alone: the first candidate naming each field."""
    found: dict[Field, tuple[int, str]] = {}
    for c in candidates(header):
        for f in c.fields:
            found.setdefault(f, (c.column, c.why))
    return found


def candidates(header: list[str]) -> list[Candidate]:
    """Columns whose header names a field, most trusted first: a known name, then a known
    name with a qualifier ('Camera Manufacturer', 'Hardware Make/Model'), then a weak name
    ('Device Type'), then a one-letter slip in a long name ('Manufacturor', 'Serail No').
    A column is offered once, at its most trusted reading; a combined column ('Make/Model')
    after single ones at the same trust, so a column of its own holds the model when there is
    one."""
    keys = [header_key(name) for name in header]
    out: list[Candidate] = []
    for i, key in enumerate(keys):
        fields = _LOOKUP.get(key)
        if fields is not None:
            level = Level.WEAK if key in _WEAK else Level.KNOWN
            out.append(Candidate(i, fields, _known(header[i], fields), level))
            continue
        guess = _resemblance(key)
        if guess is not None:
            out.append(Candidate(i, guess[0], f"header {header[i]!r} {guess[1]}", guess[2]))
    order = (Level.KNOWN, Level.QUALIFIED, Level.WEAK, Level.SLIP)
    return sorted(out, key=lambda c: (order.index(c.level), len(c.fields) > 1, c.column))


def _known(header: str, fields: tuple[Field, ...]) -> str:
    if len(fields) == 1:
        return f"header {header!r} is a known name for {fields[0].value}"
    return f"header {header!r} names the make and the model in one column"


def _resemblance(key: str) -> tuple[tuple[Field, ...], str, Level] | None:
    words = [w for w in key.split() if w not in QUALIFIERS]
    bare = " ".join(words)
    if words and bare != key and bare in _LOOKUP:
        # "Equipment Type" is no surer than "Type": a weak name stays weak when qualified.
        level = Level.WEAK if bare in _WEAK else Level.QUALIFIED
        return _LOOKUP[bare], f"is {bare!r} with a qualifier", level
    twice = _one_field_twice(words)
    if twice is not None:
        return twice
    if len(bare) < _MIN_FUZZY:
        return None
    from rapidfuzz import distance, process  # only for a header no name or qualifier explains

    best = process.extractOne(bare, _LONG_NAMES, scorer=distance.OSA.distance, score_cutoff=1)
    if best is None:
        return None
    name = best[0]
    return _LOOKUP[name], f"{SLIP} {name!r} (one letter differs)", Level.SLIP


def _one_field_twice(words: list[str]) -> tuple[tuple[Field, ...], str, Level] | None:
    """Two names of one field in one header ('Supplier / Installer', 'Vendor/Supplier'): a
    register that keeps who sold and who fitted an item in one column. Two names of different
    fields are not read so ('Make/Model' is a combined name of its own, `COMBINED`)."""
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        fields = _LOOKUP.get(first)
        if fields is not None and len(fields) == 1 and _LOOKUP.get(second) == fields:
            level = Level.WEAK if first in _WEAK or second in _WEAK else Level.QUALIFIED
            return fields, f"names {first!r} and {second!r}, both {fields[0].value}", level
    return None


_LONG_NAMES = [k for k in _LOOKUP if len(k) >= _MIN_FUZZY]


def map_columns(
    header: list[str],
    overrides: dict[Field, str],
    where: str,
    profiles: Sequence[Profile] | None = None,
    strict: bool = True,
) -> ColumnMap:
    """Map fields to columns: `--map` overrides first, then header names and, given
    `profiles` (one per column, content.py), what the columns hold (roles.py).

    Raises InputError when an override names a missing column, or, when `strict`, when no
    column could say who made an item (a table read again for a report is not strict: the
    scan that read it had the content evidence).
    """
    decided = Decided(header, {}, {})
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    for f, column in overrides.items():
        index = by_key.get(header_key(column))
        if index is None:
            raise InputError(
                f"--map {f.value}={column}: no column {column!r}; the columns are "
                + _listed(header),
                where,
            )
        decided.take(f, index, f"--map {f.value}={column}", 1.0)
    assign(decided, candidates(header), profiles)
    if strict and not any(f in decided.fields for f in IDENTIFYING):
        raise InputError(
            "no column says who made the items: expected a header such as Make, Manufacturer,"
            " Vendor, Brand, Model, Model No., Part Number, MAC or Description, or a column"
            " of makers, model numbers or MACs (or use --map make=COLUMN); found "
            + _listed(header),
            where,
        )
    return ColumnMap(
        tuple(header), decided.fields, decided.reasons, decided.confidence, tuple(decided.notes)
    )


LISTED_COLUMNS = 20
LISTED_CHARS = 40
"""An error names at most 20 columns of 40 characters each: a binary file read as text can
have thousands of "columns" tens of kilobytes long, and the error must stay one line."""


def _listed(header: list[str]) -> str:
    shown = ", ".join(
        repr(h if len(h) <= LISTED_CHARS else h[: LISTED_CHARS - 1] + "…")
        for h in header[:LISTED_COLUMNS]
    )
    more = len(header) - LISTED_COLUMNS
    return shown + (f" and {more:,} more" if more > 0 else "")
