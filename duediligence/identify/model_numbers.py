"""Model numbers: the pack's anchored patterns, tried at the start of every word of a value.

A word starts a value, or follows a space, a bracket, a slash or punctuation, so a model is
found in "4MP Dome DS-2CD2143G2-IS/2.8mm", "NVR: DHI-NVR4216-16P-4KS2;" and
"DS-2CD2T47G2-L(4mm)(C)(O-STD)" alike; in a hostname a word also follows '-', '_' or '.'
("cam-DS2CD2143-lobby"). In a hostname, where '-' separates words and so cannot join a
prefix to its number, a prefix written without its hyphen before a family code ("DS2CD2143")
is tried with it, at a discount (weights.HYPHEN_DROPPED). Elsewhere a model is matched as
written: Brocade's "DS7720B" is not Hikvision's "DS-7720B" (the negative corpus found it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from duediligence.identify import weights
from duediligence.identify.beginnings import stored_beginnings
from duediligence.identify.normalize import model_key, model_key_once
from duediligence.identify.pattern_starts import WIDTH, shape
from duediligence.pack.catalog import Catalog, CompiledPattern, plain_key
from duediligence.pack.patterns import MAX_SUBJECT
from duediligence.results.findings import Evidence, Signal

SEPARATORS = r"[\s()\[\]{}<>,;:/|\"'=+*#]"
"""What a word of a model cell or description follows: a space, a bracket, punctuation."""
_STARTS = re.compile(SEPARATORS + "+")
_HOST_STARTS = re.compile(r"[\s()\[\]{}<>,;:/|\"'=+*#._-]+")
_TOKEN_END = re.compile(r"[\s()\[\]{}<>,;:|\"'=+*#]")
_HOST_TOKEN_END = re.compile(r"[^A-Z0-9/]")
"""In a hostname a model ends with its letters and digits: 'cam-DS2CD2143-lobby'."""
_RUN_ON = re.compile(r"([A-Z]{2,3})(?=\d+[A-Z]+\d)")
"""Letters running straight into a family code, digits joined to letters and digits again:
'DS2CD2143' is tried as 'DS-2CD2143', 'DS3E1526P' as 'DS-3E1526P'. Letters before a bare
number and its suffix are not: Brocade (DS7720B), Synology (DS2419+) and Digidragon
(DS6018) write their own models so, and no hyphen is made up for them (weights.HYPHEN_DROPPED)."""


class ModelMatcher:
    """Finds model numbers of known vendors in a model field or in free text."""

    def __init__(self, catalog: Catalog) -> None:
        self._patterns: tuple[CompiledPattern, ...] = catalog.patterns
        self._names = {e.id: e.name for e in catalog.entities.values()}
        self._any = _any_of(self._patterns) or _any_of(self._patterns, fold=True)

    @cached_property
    def _any_folded(self) -> re.Pattern[str] | None:
        """`_any` with case ignored, for keys `plain_key` turns away."""
        return _any_of(self._patterns, fold=True)

    @cached_property
    def _by_start(self) -> dict[str, list[str]] | None:
        """What each beginning a pattern can have needs (`_beginnings_of`), read when first
        asked: a scan whose models all say something never asks; the per-user cache keeps
        them (identify/beginnings.py), since telling them costs ~15 ms."""
        return stored_beginnings(self._patterns, _beginnings_of)

    def beginnings(self, absent: str) -> dict[str, frozenset[str]] | None:
        """The beginnings (identify/pattern_starts.py) of every pattern that can match text in
        which no character of `absent` is, each with the characters one of which must follow
        it (in upper case; empty when nothing more is needed): for each such pattern one
        character it needs that its beginning does not hold. None when some pattern's shape
        cannot be told."""
        if self._by_start is None:
            return None
        out: dict[str, frozenset[str]] = {}
        for begun, alternatives in self._by_start.items():
            after: set[str] = set()
            for held in alternatives:
                if any(c in absent for c in held):
                    continue
                rest = sorted(c for c in held if c not in begun)
                if not rest:  # nothing more to ask of the text after this beginning
                    out[begun] = frozenset()
                    break
                after.add(rest[0])
            else:
                if after:
                    out[begun] = frozenset(after)
        return out

    def may_match(self, text: str) -> bool:
        """False when no pattern can match at the start of any word of an ASCII `text` as
        `match` reads it (not as a hostname), told without trying one: at each word start
        no pattern begins with the two characters there, or each that does needs a character
        the rest of the word's subject lacks (identify/pattern_starts.py). True when some
        may, when a pattern's shape cannot be told, and for text outside ASCII."""
        if self._by_start is None or not text.isascii():
            return True
        key = model_key_once(text[: weights.FREE_TEXT_MAX_CHARS])
        if not key:
            return False
        by_start = self._by_start
        starts = (0,) if _STARTS.search(key) is None else word_starts(key)
        for at in starts:
            tail = key[at : at + MAX_SUBJECT]
            if not tail or not tail[0].isalnum():
                continue
            for begun in (tail[:1], tail[:WIDTH]):
                for needs in by_start.get(begun, ()):
                    for c in needs:
                        if c not in tail:
                            break
                    else:
                        return True
        return False

    def match(self, text: str, hostname: bool = False) -> tuple[Evidence, ...]:
        """Evidence per entity whose pattern matches at the start of some word, best first.

        `hostname`: the text names a device on a network ('cam-ds2cd2143-lobby'): words also
        start after '-', '_' and '.', and what is found counts at weights.HOSTNAME_MODEL.
        """
        key = model_key(text[: weights.FREE_TEXT_MAX_CHARS])
        if not key:
            return ()
        starts = _HOST_STARTS if hostname else _STARTS
        factor = weights.HOSTNAME_MODEL if hostname else 1.0
        found: dict[str, Evidence] = {}
        plain = plain_key(key)
        for at in word_starts(key, starts):
            tail = key[at : at + MAX_SUBJECT]
            if not tail or not tail[0].isalnum():
                continue
            self._try(text, tail, tail, factor, hostname, plain, found)
            run_on = _RUN_ON.match(tail) if hostname else None
            if run_on is not None:
                letters = run_on.group(1)
                restored = f"{letters}-{tail[len(letters) :]}"
                self._try(
                    text, restored, tail, factor * weights.HYPHEN_DROPPED, hostname, plain, found
                )
        if not found:
            return ()
        return tuple(sorted(found.values(), key=lambda e: -e.score))

    def _try(
        self,
        text: str,
        candidate: str,
        written: str,
        factor: float,
        hostname: bool,
        plain: bool,
        found: dict[str, Evidence],
    ) -> None:
        """`plain`: the key `candidate` comes from holds only ASCII and no lower case
        (`plain_key`), so each pattern's `regex` reads it; otherwise its `folded` one."""
        any_of = self._any if plain else self._any_folded
        if any_of is not None and any_of.match(candidate, 0, MAX_SUBJECT) is None:
            return
        ends = _HOST_TOKEN_END if hostname else _TOKEN_END
        for p in self._patterns:
            m = (p.regex if plain else p.folded).match(candidate, 0, MAX_SUBJECT)
            if m is None:
                continue
            score = round(100 * weights.CONFIDENCE_WEIGHT[p.spec.confidence] * factor)
            seen = found.get(p.spec.entity)
            if seen is not None and seen.score >= score:
                continue
            model = _word(written, ends, m.end() - (len(candidate) - len(written)))
            said = f"model '{model}'"
            if candidate is not written:
                said += f" (read as '{_word(candidate, ends, m.end())}': the hyphen was left out)"
            if hostname:
                said = f"hostname '{text}': {said}"
            found[p.spec.entity] = Evidence(
                Signal.MODEL,
                text,
                p.spec.entity,
                score,
                f"{said} matches the {self._names[p.spec.entity]} pattern"
                f" {p.spec.pattern} ({p.spec.description}; pack entry {p.spec.id})",
                p.spec.id,
            )


def word_starts(key: str, starts: re.Pattern[str] = _STARTS) -> Iterable[int]:
    """Where the words of a key start: at 0, and after each run of separators. The advisory
    join (evaluate/advisories.py) reads a model where attribution found it, so it asks too."""
    later = [m.end() for m in starts.finditer(key)]
    return dict.fromkeys([0, *later]) if later else (0,)


def _beginnings_of(
    patterns: tuple[CompiledPattern, ...],
) -> dict[str, list[str]] | None:
    """For each beginning a pattern's match can have, the characters each such pattern
    needs; None when some pattern's shape cannot be told (then `may_match` rules out
    nothing)."""
    out: dict[str, list[str]] = {}
    for p in patterns:
        found = shape(p.regex)
        if found is None:
            return None
        for begun in found.starts:
            needs = out.setdefault(begun, [])
            held = "".join(sorted(found.needs))
            if held not in needs:
                needs.append(held)
    return out


def _any_of(patterns: tuple[CompiledPattern, ...], fold: bool = False) -> re.Pattern[str] | None:
    """One expression that matches where any of the patterns does, tried first: most words
    are no model number, and one test in C answers for them what a loop over every pattern
    would. `fold`: of the patterns with case ignored (matching where each `folded` does, so
    wherever each `regex` does on a plain key too). None when the patterns cannot be joined
    (different flags, a back-reference or a named group, whose numbers and names the
    alternation would change)."""
    regexes = [p.folded if fold else p.regex for p in patterns]
    flags = {r.flags for r in regexes}
    joinable = all(not r.groupindex and not _BACKREF.search(r.pattern) for r in regexes)
    if len(flags) != 1 or not joinable:
        return None
    try:
        return re.compile("|".join(f"(?:{r.pattern})" for r in regexes), flags.pop())
    except re.error:
        return None


_BACKREF = re.compile(r"\\(?:\d|g<)|\(\?P=")
"""A back-reference in a pattern's source: numbered, or by name."""


def _word(text: str, ends: re.Pattern[str], at: int) -> str:
    """The model as written: what the pattern matched, up to the end of its word."""
    end = ends.search(text, max(at, 1))
    return text[: end.start()] if end is not None else text
