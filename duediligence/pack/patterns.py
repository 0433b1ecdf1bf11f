"""Model-number patterns from a pack, checked before they ever run on inventory text.

Python's regular expressions backtrack: a pattern such as `(A+)+` takes time exponential in
the length of a value it fails on, and inventories are not trusted. So a pattern is accepted
only in shapes whose worst case is small, and it only ever sees the first `MAX_SUBJECT`
characters of a value: the cost of a match is bounded by the pack, never by the inventory.

The rules are structural, read from Python's own parse of the pattern, so they hold for
every input without timing anything:

- no back-references: matching them is NP-hard in general;
- a part that can repeat more than once repeats a fixed sequence, with no choice ('|') and
  no repeat of variable count inside it: `(A+)+`, `(A|AB)+` and `(A?){20}` can split one
  value in exponentially many ways;
- the number of ways the whole pattern can split a value stays under `MAX_WAYS` (each
  variable repeat multiplies it by the counts it allows, up to `MAX_SUBJECT` + 1);
- the pattern is at most `MAX_PATTERN` characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sre_constants as _constants
    import sre_parse as _parser
else:  # the same modules; the old names warn on import since Python 3.11
    from re import _constants, _parser

MAX_SUBJECT = 64
"""Characters of a value a pattern sees. The longest model number in the bundled pack's
examples is under 30 characters; a pattern anchored with '^' decides on a prefix anyway."""

MAX_PATTERN = 256
"""Longest pattern accepted; the longest bundled pattern is under 70 characters."""

MAX_WAYS = (MAX_SUBJECT + 1) ** 3
"""Ways a pattern may try to split one value: three open-ended repeats in a row ('\\w*\\w*\\w*')
fail on 64 characters in under a millisecond; four take about 10 ms, five over 0.1 s."""

_REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})
_BACKREFERENCES = frozenset({_constants.GROUPREF, _constants.GROUPREF_EXISTS})

TOO_LONG = "is {length} characters long; at most {limit} are accepted"
NO_COMPILE = "does not compile: {error}"
BACKREFERENCE = (
    "uses a back-reference ('\\1', '(?P=name)' or '(?(1)...)'), which can take exponential time"
)
NESTED = (
    "repeats a part that holds a choice ('|') or a repeat of its own, as in (A+)+ or (A|AB)+,"
    " which can take exponential time on a value it fails on: repeat a fixed sequence, or use"
    " a character class"
)
TOO_MANY_WAYS = (
    "can try {ways:,} ways to split one value (at most {limit:,}): use fewer open-ended"
    " repeats ('*', '+'), or bound them ('{{1,8}}')"
)


def pattern_problems(pattern: str) -> list[str]:
    """Why a pack pattern may not run on untrusted text; empty when it may.

    Each problem is one phrase that completes "pattern ...", so the loader can list it under
    the file and YAML path the pattern came from.
    """
    if len(pattern) > MAX_PATTERN:
        return [TOO_LONG.format(length=len(pattern), limit=MAX_PATTERN)]
    try:
        parsed = _parsed(pattern)
    except re.error as exc:
        return [NO_COMPILE.format(error=exc)]
    found: list[str] = []
    ways = _ways(parsed, found)
    if ways > MAX_WAYS and NESTED not in found:
        found.append(TOO_MANY_WAYS.format(ways=ways, limit=MAX_WAYS))
    return list(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def _parsed(pattern: str) -> Any:
    """Python's parse of a pattern, once: the schema's check and `case_free` both read it."""
    return _parser.parse(pattern, re.IGNORECASE)


_ASCII_LOWER = range(ord("a"), ord("z") + 1)
_FLAGS = re.IGNORECASE | re.UNICODE


def case_free(pattern: str) -> bool:
    """Whether `pattern` compiled without IGNORECASE matches ASCII text in upper case exactly
    where it matches with it, as every model key of ASCII text is: every character it names
    (a literal, a class member, a range's ends) is ASCII and none names a lower-case letter,
    and it sets no flag of its own. Compiling so costs half as much (the pack's 74 model
    patterns: 10 ms with IGNORECASE, 4.4 without). Text outside ASCII must still be matched
    with case ignored: 'İ' (U+0130) and the Kelvin sign (U+212A) fold to 'i' and 'k', so
    with IGNORECASE they match 'I' and 'K', which they do not without it.

    False when the pattern does not parse, and for anything this does not read (a
    back-reference, a conditional): the caller then ignores case as before.
    """
    try:
        parsed = _parsed(pattern)
    except re.error:
        return False
    return not parsed.state.flags & ~_FLAGS and _case_free(parsed)


def _case_free(items: Any) -> bool:
    for op, av in items:
        if op is _constants.LITERAL or op is _constants.NOT_LITERAL:
            if not _plain(av):
                return False
        elif op is _constants.IN:
            if not all(_member_case_free(o, a) for o, a in av):
                return False
        elif op is _constants.BRANCH:
            if not all(_case_free(branch) for branch in av[1]):
                return False
        elif op is _constants.SUBPATTERN:
            if av[1] or av[2] or not _case_free(av[3]):  # flags set or cleared inside
                return False
        elif op in _REPEATS:
            if not _case_free(av[2]):
                return False
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            if not _case_free(av[1]):
                return False
        elif op is _constants.ATOMIC_GROUP:
            if not _case_free(av):
                return False
        elif op not in (_constants.ANY, _constants.AT):
            return False
    return True


def _member_case_free(op: Any, av: Any) -> bool:
    if op is _constants.LITERAL:
        return _plain(av)
    if op is _constants.RANGE:
        low: int = av[0]
        high: int = av[1]
        return high < 0x80 and (high < _ASCII_LOWER.start or low >= _ASCII_LOWER.stop)
    return op is _constants.NEGATE or op is _constants.CATEGORY


def _plain(code: int) -> bool:
    return code < 0x80 and code not in _ASCII_LOWER


def _ways(items: Any, found: list[str]) -> int:
    """Ways a sequence of parsed items can split a value; problems are added to `found`."""
    total = 1
    for op, av in items:
        total *= _item_ways(op, av, found)
    return total


def _item_ways(op: Any, av: Any, found: list[str]) -> int:
    if op in _BACKREFERENCES:
        found.append(BACKREFERENCE)
        return 1
    if op is _constants.BRANCH:
        return sum(_ways(branch, found) for branch in av[1])
    if op is _constants.SUBPATTERN:
        return _ways(av[3], found)
    if op in (_constants.ASSERT, _constants.ASSERT_NOT):
        return _ways(av[1], found)
    if op is _constants.ATOMIC_GROUP:
        return _ways(av, found)
    if op in _REPEATS:
        low: int = av[0]
        high: int = av[1]
        body = av[2]
        inner = _ways(body, found)
        if high <= 1:
            return inner + 1 if low == 0 else inner
        if not _fixed(body):
            found.append(NESTED)
        return max(1, min(high, MAX_SUBJECT) - low + 1) * inner
    return 1


def _fixed(items: Any) -> bool:
    """Whether a sequence matches in exactly one way: no choice, no variable repeat inside."""
    for op, av in items:
        if op is _constants.BRANCH or op in _BACKREFERENCES:
            return False
        if op in _REPEATS and (av[0] != av[1] or not _fixed(av[2])):
            return False
        if op is _constants.SUBPATTERN and not _fixed(av[3]):
            return False
        if op in (_constants.ASSERT, _constants.ASSERT_NOT) and not _fixed(av[1]):
            return False
        if op is _constants.ATOMIC_GROUP and not _fixed(av):
            return False
    return True
