"""Vendor names: exact aliases, aliases inside longer makes, and guarded typo matching."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from duediligence.errors import PackError
from duediligence.identify import context_words, weights
from duediligence.identify.normalize import (
    GENERIC_WORDS,
    LEGAL_FORMS,
    fold_lookalikes,
    is_cjk,
    legal_form_removed,
    lookalikes_in,
    name_tokens,
)
from duediligence.pack.catalog import Catalog
from duediligence.results.findings import Evidence, Signal


@dataclass(frozen=True, slots=True)
class _Alias:
    entity: str
    text: str
    tokens: tuple[str, ...]
    key: str


class NameMatcher:
    """Matches free vendor-name text against every name and alias in the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self._names = {e.id: e.name for e in catalog.entities.values()}
        by_key: dict[str, _Alias] = {}
        problems: list[str] = []
        self._lookalikes: list[tuple[str, tuple[str, ...]]] = []
        exact_only: set[str] = set()  # romanised names: see weights.py
        for entity in catalog.entities.values():
            texts = [entity.name, *(n.name for n in entity.names), *entity.aliases]
            exact_only.update(
                "".join(name_tokens(n.name)) for n in entity.names if _romanised(n.lang)
            )
            for text in texts:
                tokens = name_tokens(text)
                key = "".join(tokens)
                if not key:
                    problems.append(f"entity {entity.id}: alias {text!r} is empty once normalised")
                    continue
                seen = by_key.get(key)
                if seen is not None and seen.entity != entity.id:
                    problems.append(
                        f"entity {entity.id}: alias {text!r} is also an alias of {seen.entity}"
                        f" ({seen.text!r})"
                    )
                by_key.setdefault(key, _Alias(entity.id, text, tokens, key))
            self._lookalikes.extend(
                (entity.id, name_tokens(text)) for text in entity.lookalikes if name_tokens(text)
            )
        if problems:
            raise PackError(problems)
        self._by_key = by_key
        self._romanised = frozenset(exact_only)
        self._phrases = [a for a in by_key.values() if not is_cjk(a.key)]
        self._cjk = [
            a
            for a in by_key.values()
            if is_cjk(a.key) and len(a.key) >= weights.CJK_SUBSTRING_MIN_LEN
        ]
        # Indexes that leave out, without trying them, the aliases a text cannot hold: a
        # phrase by its first word, a CJK name by its first character, a typo by its length.
        self._phrases_from: dict[str, list[int]] = {}
        for i, a in enumerate(self._phrases):
            self._phrases_from.setdefault(a.tokens[0], []).append(i)
        self._cjk_firsts = frozenset(a.key[0] for a in self._cjk)
        self._fuzzy_near: dict[int, tuple[frozenset[str], list[tuple[str, frozenset[str]]]]] = {}
        self._fuzzy_keys = [
            a.key
            for a in by_key.values()
            if len(a.key) >= weights.FUZZY_MIN_LEN and not is_cjk(a.key) and a.key not in exact_only
        ]
        self.key_characters = frozenset("".join(by_key))
        """Every character some name's key holds: a word holding many others names no one."""
        self._near_word = _near_word(self.key_characters)

    def may_name(self, text: str) -> bool:
        """False when an ASCII `text` can name no one, told without matching: every word of
        it (a run of letters and digits, as `name_tokens` splits it) holds more characters
        than a typo may change (weights.FUZZY_EDITS_LONG) that no name's key holds, so no
        word, and no run of words, is a name, holds one or is within a typo of one ('SN
        123456789K': nine digits, and no key holds a digit). True when it may, and for text
        outside ASCII."""
        return not text.isascii() or self._near_word.search(text) is not None

    def match(self, text: str, *, typos: bool = True) -> tuple[Evidence, ...]:
        """Evidence for each entity the text names, best first; empty when none does.

        `typos=False` leaves out typo matching, for text where a near miss is likelier another
        company than a slip (supplier names: see weights.SUPPLIER_TYPOS).
        """
        tokens = name_tokens(text)
        if not tokens or _only_generic(tokens):
            return ()
        candidates = self._candidates(text, tokens, typos)
        if not candidates:
            return ()
        excluded = {ent for ent, look in self._lookalikes if _contains(tokens, look)}
        found: dict[str, Evidence] = {}
        for ev in candidates:
            if ev.entity in excluded:
                continue
            if ev.entity not in found or ev.score > found[ev.entity].score:
                found[ev.entity] = ev
        return tuple(sorted(found.values(), key=lambda e: -e.score))

    def _candidates(self, text: str, tokens: tuple[str, ...], typos: bool) -> list[Evidence]:
        key = "".join(tokens)
        exact = self._by_key.get(key)
        if exact is not None:
            return [self._evidence(text, exact, 100, "matches the name")]
        starting = [self._phrases_from[t] for t in tokens if t in self._phrases_from]
        at = sorted({i for found in starting for i in found})
        phrases = self._phrases_in(tokens, at) if at else []
        out = [self._evidence(text, a, 100, "contains the name") for a in phrases]
        if not self._cjk_firsts.isdisjoint(key):
            out += [
                self._evidence(text, a, 100, "contains the name") for a in self._cjk if a.key in key
            ]
        if not out:
            out += self._leading(text)
        if not out and typos:
            out += self._fuzzy(text, tokens)
        return out

    def _phrases_in(self, tokens: tuple[str, ...], at: list[int]) -> list[_Alias]:
        """The phrases among `self._phrases[at]` the tokens hold as names of their own."""
        phrases = [
            a
            for a in (self._phrases[i] for i in at)
            if _contains(tokens, a.tokens)
            and (
                (len(a.key) >= weights.PHRASE_MIN_LEN and a.key not in self._romanised)
                or _only_generic(_without(tokens, a.tokens))
            )
        ]
        # A name inside a longer name found too says nothing more: 'Dahua Technology USA
        # Sales' names the US company, not also its former parent 'Dahua'.
        phrases = [
            a
            for a in phrases
            if not any(b is not a and _contains(b.tokens, a.tokens) for b in phrases)
        ]
        return phrases

    def _leading(self, text: str) -> list[Evidence]:
        """A short name first and only model numbers or kinds of equipment after it, as a
        "Make/Model" cell or a terse description holds them: 'Imou IPC-A26Z', 'ZTE F660',
        'ZTE ONT', 'Imou Bullet 2C'. Too short to be trusted inside any longer make ('Imou
        Farms', 'ZED Ranger 2'), the name is trusted here because every other word carries a
        digit, names a kind of equipment or says nothing ('IP', 'Camera')."""
        words = text.split()
        if len(words) < 2 or not all(_model_or_kind(w) for w in words[1:]):
            return []
        lead = self._by_key.get("".join(name_tokens(words[0])))
        if lead is None or lead.key in self._romanised:
            return []
        return [self._evidence(text, lead, 100, "starts with the name, then a model number")]

    def _fuzzy(self, text: str, tokens: tuple[str, ...]) -> list[Evidence]:
        """Typos, only where every other word is generic: 'Hikvison Digital Technology' yes,
        'Hyteria Farms' no (the farm is what the make names). rapidfuzz is imported here,
        on the first name no exact or alias key finds: a register of known spellings never
        pays for its import (start-up, docs/performance.md)."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import DamerauLevenshtein

        out: list[Evidence] = []
        for start in range(len(tokens)):
            for stop in range(start + 1, min(start + 3, len(tokens)) + 1):
                rest = tokens[:start] + tokens[stop:]
                if rest and not _only_generic(rest):
                    continue
                probe = "".join(tokens[start:stop])
                if len(probe) < weights.FUZZY_MIN_LEN:
                    continue
                near = self._near(probe)
                if not near:
                    continue
                for alias_key, edits, _ in process.extract(
                    probe,
                    near,
                    scorer=DamerauLevenshtein.distance,
                    score_cutoff=weights.FUZZY_EDITS_LONG,
                    limit=5,
                ):
                    if edits > _allowed_edits(alias_key):
                        continue
                    alias = self._by_key[alias_key]
                    if edits == 0:
                        out.append(self._evidence(text, alias, 100, "matches the name"))
                        continue
                    score = round(fuzz.ratio(probe, alias_key))
                    out.append(
                        self._evidence(
                            text,
                            alias,
                            score,
                            f"≈ (score {score}, {edits} edit{'s' if edits > 1 else ''})",
                        )
                    )
        return out

    def _near(self, probe: str) -> list[str]:
        """The typo keys a probe can be within FUZZY_EDITS_LONG edits of, in the order of
        `_fuzzy_keys`. An edit changes the length by one at most, and brings in or takes out
        one letter at most: a key of another length, or with more letters the probe lacks (or
        lacking more of the probe's), is further away than that."""
        most = weights.FUZZY_EDITS_LONG
        near = self._fuzzy_near.get(len(probe))
        if near is None:
            keys = [(k, frozenset(k)) for k in self._fuzzy_keys if abs(len(k) - len(probe)) <= most]
            near = self._fuzzy_near[len(probe)] = (frozenset("".join(k for k, _ in keys)), keys)
        every, by_length = near
        letters = frozenset(probe)
        # No key can be near a probe with more letters than that outside all of them (a
        # serial's digits): said at once, without trying each key.
        if len(letters - every) > most:
            return []
        return [
            k for k, has in by_length if len(has - letters) <= most and len(letters - has) <= most
        ]

    def _evidence(self, text: str, alias: _Alias, score: int, how: str) -> Evidence:
        name = self._names[alias.entity]
        removed = legal_form_removed(text)
        after = f" after removing '{removed}'" if removed else ""
        if how.startswith("≈"):
            said = f"'{text}' ≈ '{alias.text}' {how[1:].strip()}{after}, a name of {name}"
        else:
            said = f"'{text}' {how} '{alias.text}'{after} of {name}"
        said += _lookalikes(text)
        return Evidence(Signal.NAME, text, alias.entity, score, said, alias.text)


_ALNUM = string.ascii_letters + string.digits


def _near_word(held: frozenset[str]) -> re.Pattern[str]:
    """A word of ASCII text with at most FUZZY_EDITS_LONG characters outside `held` (the
    characters of every name key, in lower case, as `name_tokens` lowers a word)."""
    inside = "".join(c for c in _ALNUM if c.lower() in held)
    outside = "".join(c for c in _ALNUM if c.lower() not in held)
    if not outside:  # every word may be a name
        return re.compile("")
    word, other = f"[{re.escape(inside)}]*" if inside else "", f"[{re.escape(outside)}]"
    return re.compile(
        f"(?<![{_ALNUM}])(?=[{_ALNUM}]){word}(?:{other}{word}){{0,{weights.FUZZY_EDITS_LONG}}}"
        f"(?![{_ALNUM}])"
    )


def _lookalikes(text: str) -> str:
    """Says when a name was read through lookalike letters: "; 'Нikvision' is 'Hikvision'
    written with 1 lookalike character"."""
    count = lookalikes_in(text)
    if not count:
        return ""
    read = fold_lookalikes(text)[0]
    plural = "s" if count > 1 else ""
    return f"; '{text}' is '{read}' written with {count} lookalike character{plural}"


def _romanised(lang: str) -> bool:
    """Whether a name's BCP 47 tag marks a romanisation ('zh-Latn', 'zh-Latn-pinyin')."""
    return "latn" in lang.casefold().split("-")


def _allowed_edits(alias_key: str) -> int:
    if len(alias_key) <= weights.EXACT_ONLY_MAX_LEN:
        return 0
    if len(alias_key) >= weights.FUZZY_LONG_FROM:
        return weights.FUZZY_EDITS_LONG
    return weights.FUZZY_EDITS_SHORT


def _model_or_kind(word: str) -> bool:
    """A word that, after a short name, leaves it naming the maker: a model number, a kind of
    equipment ('ONT', 'router', 'dome') or a word that says nothing about who made it."""
    if any(c.isdigit() for c in word):
        return True
    tokens = name_tokens(word)
    return bool(tokens) and all(
        t in GENERIC_WORDS or t in LEGAL_FORMS or context_words.EQUIPMENT.fullmatch(t)
        for t in tokens
    )


def _only_generic(tokens: tuple[str, ...]) -> bool:
    return all(t in GENERIC_WORDS or t in LEGAL_FORMS for t in tokens)


def _without(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> tuple[str, ...]:
    n = len(phrase)
    for i in range(len(tokens) - n + 1):
        if tokens[i : i + n] == phrase:
            return tokens[:i] + tokens[i + n :]
    return tokens


def _contains(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether `phrase` occurs in `tokens` as whole consecutive words."""
    n = len(phrase)
    return any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))
