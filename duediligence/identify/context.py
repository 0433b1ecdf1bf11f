"""Which part of a free-text cell says what the item is, and which only mentions other things.

"PoE injector for Hikvision PTZ" is an injector: Hikvision is what it is for. "Huawei ONT
HG8245H (replaces ZTE)" is a Huawei ONT: ZTE is what it replaces. "Labour: re-programming
Hytera radios" is a service. Vendor evidence is searched only in the part that says what the
item is; the rest is kept, so a row left unflagged can say why. English and the languages the
column headers are read in (de, fr, es, it, nl, pt, zh, ja, ko) are understood.

Pure text work, no vendor knowledge: the Identifier memoises `read` per distinct text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from duediligence.identify import context_words as words
from duediligence.identify import weights
from duediligence.results.findings import Evidence, Signal


class Cue(StrEnum):
    """How a mention relates to the item."""

    FOR = "what the item is for"
    COMPATIBLE = "what the item is compatible with"
    REPLACED = "what is being replaced"
    SERVICE = "the subject of a service"


class Kind(StrEnum):
    """What the text says the item is, when it is not equipment."""

    ACCESSORY = "an accessory or consumable"
    SERVICE = "a service or work order"


@dataclass(frozen=True, slots=True)
class Reading:
    """A text split into what the item is (`item`) and what it only mentions (`context`).

    `item` is the text itself when nothing was set apart, so evidence quotes the cell as
    written. `kind` and `term` say when the item is an accessory or a service ('bracket').
    """

    text: str
    item: str
    context: tuple[tuple[Cue, str], ...] = ()
    kind: Kind | None = None
    term: str | None = None


def read(text: str, kinds: bool = True) -> Reading:
    """Split `text` into what the item is and what it only mentions. Never raises.

    `kinds`: also say whether the item is an accessory or a service. Not for notes: 'bracket
    loose' or 'maintenance done 2023' on a camera's row say something about the camera.
    Only the first weights.FREE_TEXT_MAX_CHARS characters are read.
    """
    norm = unicodedata.normalize("NFKC", text)[: weights.FREE_TEXT_MAX_CHARS]
    if _cue_free(norm):
        return Reading(text, text if norm == text else norm)
    reading = _read(text, norm)
    return _kind(reading) if kinds else reading


def item_if_plain(text: str) -> str | None:
    """`read(text).item` when the pre-test shows `text` sets nothing apart and names no
    accessory or service (then `read` would give no context and no kind), else None: a
    reading for the many values that hold no cue, without making one."""
    norm = unicodedata.normalize("NFKC", text)[: weights.FREE_TEXT_MAX_CHARS]
    return norm if _cue_free(norm) else None


def read_in_full(text: str, kinds: bool = True) -> Reading:
    """`read` without its pre-test: every expression tried. What the tests hold `read` to."""
    reading = _read(text, unicodedata.normalize("NFKC", text)[: weights.FREE_TEXT_MAX_CHARS])
    return _kind(reading) if kinds else reading


def _cue_free(norm: str) -> bool:
    """Whether an ASCII text holds no cue, accessory or service: no stem of one
    (context_words.CUE_STEMS) starts anywhere in it. Most model cells are such text (a
    serial, a model number): one set test, not a dozen expressions, answers for them. Text
    outside ASCII is read in full."""
    if not norm.isascii():
        return False
    if words.GRAM_RUN.search(norm) is None:
        return True
    low = norm.lower()
    n = words.GRAM
    return words.ASCII_GRAMS.isdisjoint([low[i : i + n] for i in range(len(low) - n + 1)])


def _read(text: str, norm: str) -> Reading:
    for pattern, before in words.REPLACE:
        m = pattern.search(norm)
        if m is None:
            continue
        start = _clause_start(norm, m.start()) if before else m.start()
        old = norm[start : m.start()].lstrip("将把") if before else m["old"]
        if old.strip():
            item = (norm[:start] + " " + m["new"] + " " + norm[m.end() :]).strip()
            return Reading(text, item, ((Cue.REPLACED, old.strip()),))
    spans: list[tuple[int, int, Cue]] = []
    for m in words.AFTER.finditer(norm):
        end = _clause_end(norm, m.end())
        word = m.group().casefold()
        cue = Cue.REPLACED if _is_replacing(word) else _cue(word)
        spans.append((m.start(), end, cue))
    for m in words.BEFORE.finditer(norm):
        start = _word_start(norm, m.start())
        word = m.group().casefold()
        spans.append((start, m.end(), Cue.REPLACED if _is_replacing(word) else _cue(word)))
    first_accessory = words.ACCESSORY.search(norm)
    to = words.TO.search(norm, first_accessory.end()) if first_accessory is not None else None
    if to is not None:
        spans.append((to.start(), _clause_end(norm, to.end()), Cue.FOR))
    if not spans:
        return Reading(text, text if norm == text else norm)
    context: list[tuple[Cue, str]] = []
    kept: list[str] = []
    at = 0
    for start, end, cue in sorted(spans):
        if start < at:
            continue
        kept.append(norm[at:start])
        mentioned = _strip_cue(norm[start:end], cue)
        if mentioned:
            context.append((cue, mentioned))
        at = end
    kept.append(norm[at:])
    item = " ".join(" ".join(kept).split())
    return Reading(text, item, tuple(context))


def _kind(reading: Reading) -> Reading:
    """What the item part says the item is: a service wherever a service is named (its
    object is context), else an accessory when the first clause naming a thing names only
    accessories ('PoE injector'), or ends on one right after the equipment it belongs to
    ('NVR HDD', '录像机硬盘'). 'Hikvision DVR 8ch 2TB HDD' is a recorder that holds a drive:
    when in doubt, the item is the equipment, since a missed camera costs more than a
    flagged bracket."""
    item = reading.item
    bare = words.WITH.split(item, maxsplit=1)[0]
    service = words.SERVICE.search(bare)
    if service is not None:
        context = (*reading.context, (Cue.SERVICE, item)) if item else reading.context
        return Reading(reading.text, "", context, Kind.SERVICE, service.group().strip())
    for clause in words.CLAUSE_END.split(bare):
        accessories = list(words.ACCESSORY.finditer(clause))
        equipment = list(words.EQUIPMENT.finditer(clause))
        if not accessories and not equipment:
            continue
        if not accessories:
            break
        last = max(accessories, key=lambda m: (m.end(), len(m.group())))
        device = max((m for m in equipment if m.end() <= last.start()), key=_end, default=None)
        after = any(m.end() > last.end() for m in equipment)
        if not after and (device is None or not clause[device.end() : last.start()].strip(" -")):
            return Reading(reading.text, item, reading.context, Kind.ACCESSORY, last.group())
        break
    return reading


def _end(m: re.Match[str]) -> int:
    return m.end()


def _is_replacing(word: str) -> bool:
    return any(w in word for w in words.REPLACING)


def _cue(word: str) -> Cue:
    return Cue.COMPATIBLE if _compatible(word) else Cue.FOR


def _compatible(word: str) -> bool:
    word = word.casefold()
    return any(w in word for w in words.COMPATIBLE)


def _clause_end(text: str, at: int) -> int:
    m = words.CLAUSE_END.search(text, at)
    return m.start() if m is not None else len(text)


def _word_start(text: str, at: int) -> int:
    """Where the word before `at` starts: a cue that follows what it relates to takes one
    word ('Hikvision CCTV용 카메라' is a Hikvision camera for CCTV; 'NVR用HDD' is for an NVR)."""
    clause = _clause_start(text, at)
    end = at
    while end > clause and text[end - 1].isspace():
        end -= 1
    start = end
    while start > clause and not text[start - 1].isspace():
        start -= 1
    return start


def _clause_start(text: str, at: int) -> int:
    starts = [m.end() for m in words.CLAUSE_START.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _strip_cue(span: str, cue: Cue) -> str:
    """The mention without its cue word: 'for Dahua NVR' -> 'Dahua NVR'."""
    m = words.AFTER.match(span) or words.TO.match(span)
    rest = span[m.end() :] if m is not None else span
    b = words.BEFORE.search(rest)
    if b is not None and b.end() == len(rest):
        rest = rest[: b.start()]
    return rest.strip(" \t-–—:;,.()[]")


NOTE_QUOTE_MAX = 80
"""Characters of the cell a note quotes."""


def note(
    readings: Sequence[tuple[str, Reading]],
    evidence: tuple[Evidence, ...],
    mentioned: Callable[[str], tuple[Evidence, ...]],
    label: Callable[[Evidence], str],
) -> str | None:
    """Why a row is not covered equipment, or None when it may be.

    `readings` are the row's free-text fields read (field name, reading; notes read without
    kinds); `evidence` what its
    signals name once context is set apart; `mentioned` finds the vendors a context span
    names; `label` says one in words. A row is not covered equipment when a text says the
    item is an accessory or a service and no MAC, FCC ID or model number in the model field
    says it is a device; or when nothing names a vendor except mentions that are context.
    """
    model_items = [r.item for name, r in readings if name == "model" and r.kind is None]
    device = any(
        ev.signal in _DEVICE or (ev.signal is Signal.MODEL and ev.value in model_items)
        for ev in evidence
    )
    said = next(((name, r) for name, r in readings if r.kind is not None), None)
    if said is not None and device:
        return None
    if said is None and evidence:
        return None
    mentions: list[str] = []
    for name, r in readings:
        for cue, span in r.context:
            labels = sorted({label(ev) for ev in mentioned(span)})
            if labels:
                mentions.append(
                    f"{_listed(labels)} {'is' if len(labels) == 1 else 'are'} mentioned only as"
                    f" {cue.value} ({_quote(r.text)}, {name})"
                )
    what = ""
    if said is not None and said[1].kind is not None:
        what = f"{said[1].kind.value} ({_quote(said[1].term or '')})"
    if evidence and what:
        makers = _listed(sorted({label(ev) for ev in evidence}))
        return (
            f"the row names {makers}, but the {said[0] if said else 'text'} says the item is"
            f" {what}: not covered equipment"
        )
    if not mentions:
        return None
    return "; ".join(mentions) + ": " + (f"{what}, " if what else "") + "not covered equipment"


_DEVICE = (Signal.MAC, Signal.FCC_ID)


def _listed(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > NOTE_QUOTE_MAX:
        text = text[: NOTE_QUOTE_MAX - 1] + "…"
    return f"'{text}'"
