"""What every match of a model pattern holds: its first two characters, and characters it needs.

A register whose model column holds serials asks the pack's patterns of every one of them.
The patterns mostly begin with a maker's literal prefix ('DS-2CD', 'IPC-H', 'ZXHN'), so the
first two characters a match can start with rule most values out at once: 'SN123456789K'
starts no pattern but one, '[A-Z]{1,3}\\d{3,4}[A-Z]? I\\d{2}[A-Z]{2}', and that one needs a space
and an 'I' the serial does not hold. `shape` reads both from Python's own parse of the
pattern (as pack/patterns.py does), for text in ASCII, letters in upper case (`model_key`
upper-cases every value before a pattern sees it).

What it gives is a superset, never a subset: a zero-width assertion ('(?![0-9])', '\\b',
'^') and atomic grouping are read as if they were not there, and a character class as every
ASCII character Python's own expression, compiled with the pattern's flags and case-blind,
accepts; a character is needed only where the pattern holds it outside any choice, optional
part or assertion. A pattern it cannot read (a back-reference), or one that can match
nothing at all, gives None: then no value is ruled out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sre_constants as _constants
    import sre_parse as _parser
else:  # the same modules; the old names warn on import since Python 3.11
    from re import _constants, _parser

WIDTH = 2
"""Characters of a match's beginning that are read: two rule out nearly every serial, and
keep the beginnings of one pattern under 128 * 128 + 128 however it is written."""
_ASCII = [chr(i) for i in range(128)]
_ZERO_WIDTH = frozenset({_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT})
_REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})
_ONE_CHARACTER = frozenset(
    {_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN, _constants.ANY}
)
_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
}


class Unreadable(Exception):
    """A part of a pattern `shape` does not read."""


@dataclass(frozen=True, slots=True)
class Shape:
    """What every match of a pattern on ASCII text in upper case holds."""

    starts: frozenset[str]
    """Every string of WIDTH characters (fewer: a whole match that short) a match begins with."""
    needs: frozenset[str]
    """Characters every match holds somewhere."""


def shape(pattern: re.Pattern[str]) -> Shape | None:
    """The shape of `pattern`'s matches; None when it cannot be told."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        found = _sequence(parsed, WIDTH, pattern.flags)
        needs = _needs(parsed, pattern.flags)
    except (Unreadable, re.error, RecursionError):
        return None
    if "" in found:  # a pattern that can match nothing at all starts everywhere
        return None
    return Shape(frozenset(found), frozenset(needs))


def _sequence(items: Any, budget: int, flags: int) -> set[str]:
    """Beginnings of a sequence of parsed items, each at most `budget` characters; one
    shorter than that is a whole match."""
    out = {""}
    for op, av in items:
        out = _then(out, lambda room, op=op, av=av: _item(op, av, room, flags), budget)
    return out


def _then(before: set[str], after: Any, budget: int) -> set[str]:
    """`before` followed by what `after(room)` gives for the room each one leaves."""
    out: set[str] = set()
    cache: dict[int, set[str]] = {}
    for head in before:
        room = budget - len(head)
        if room == 0:
            out.add(head)
            continue
        if room not in cache:
            cache[room] = after(room)
        out.update(head + tail for tail in cache[room])
    return out


def _item(op: Any, av: Any, budget: int, flags: int) -> set[str]:
    if op in _ONE_CHARACTER:
        return set(_characters(op, av, flags))
    if op in _ZERO_WIDTH:
        return {""}
    if op is _constants.SUBPATTERN:
        added, removed = av[1], av[2]
        return _sequence(av[3], budget, (flags | added) & ~removed)
    if op is _constants.ATOMIC_GROUP:
        return _sequence(av, budget, flags)
    if op is _constants.BRANCH:
        return {s for branch in av[1] for s in _sequence(branch, budget, flags)}
    if op in _REPEATS:
        return _repeat(av[0], av[1], av[2], budget, flags)
    raise Unreadable(f"cannot read {op}")


def _repeat(low: int, high: int, body: Any, budget: int, flags: int) -> set[str]:
    """The beginnings of `body` repeated `low` to `high` times. Past `low` + `budget`
    repeats nothing new can begin: each adds a character or adds nothing."""
    once = _sequence(body, budget, flags)
    current = {""}
    out: set[str] = set()
    for count in range(min(high, low + budget) + 1):
        if count >= low:
            out |= current
        if count == high:
            break
        current = _then(current, lambda room: {s[:room] for s in once}, budget)
    return out


def _needs(items: Any, flags: int) -> set[str]:
    """Characters every match of a sequence holds: each item's, outside choices, optional
    parts and assertions (in upper case, a single character an item alone accepts)."""
    out: set[str] = set()
    for op, av in items:
        if op in _ONE_CHARACTER:
            accepted = _characters(op, av, flags)
            if len(accepted) == 1:
                out.add(accepted[0])
        elif op is _constants.SUBPATTERN:
            out |= _needs(av[3], (flags | av[1]) & ~av[2])
        elif op is _constants.ATOMIC_GROUP:
            out |= _needs(av, flags)
        elif op is _constants.BRANCH:
            out |= set.intersection(*(_needs(branch, flags) for branch in av[1]))
        elif op in _REPEATS and av[0] >= 1:
            out |= _needs(av[2], flags)
    return out


def _characters(op: Any, av: Any, flags: int) -> tuple[str, ...]:
    """The ASCII characters, in upper case, one parsed character item accepts."""
    if op is _constants.ANY:
        source = "(?s:.)" if flags & re.DOTALL else "."
    elif op is _constants.IN:
        source = "[" + "".join(_member(o, a) for o, a in av) + "]"
    else:
        literal = _escaped(av)
        source = literal if op is _constants.LITERAL else f"[^{literal}]"
    return _accepted(source, flags | re.IGNORECASE)


@cache
def _accepted(source: str, flags: int) -> tuple[str, ...]:
    """The ASCII characters, in upper case, an expression of one character accepts (the
    pack's patterns repeat their classes and literals: each is tried on ASCII once)."""
    one = re.compile(source, flags)
    return tuple(
        sorted({c.upper() for c in _ASCII if one.fullmatch(c) or one.fullmatch(c.upper())})
    )


def _member(op: Any, av: Any) -> str:
    """One member of a character class, written back as Python reads it."""
    if op is _constants.NEGATE:
        return "^"
    if op is _constants.LITERAL:
        return _escaped(av)
    if op is _constants.RANGE:
        return f"{_escaped(av[0])}-{_escaped(av[1])}"
    if op is _constants.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise Unreadable(f"cannot read {op} in a class")


def _escaped(code: int) -> str:
    return f"\\U{code:08x}"
