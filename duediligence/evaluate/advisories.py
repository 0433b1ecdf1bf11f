"""The advisory join: which known-exploited advisories a model and its firmware fall in.

Asked once per distinct (group, model texts, firmware) of a scan: the rows sharing them share
the answer, as they share an attribution. A model matches an advisory's pattern only when the
attribution already names the advisory's group, so a Synology "DS-920+" never meets a
Hikvision entry. The pattern is tried at the start of every word of each text, as attribution
tries its own (identify/model_numbers.py): a model is read where attribution found it, in a
combined make/model cell ("Hikvision DS-2CD2143G2-IS") or a description, not only alone.
The firmware then decides between three readings, never "not affected" without a version to
show it:

- no firmware in the row: "may be affected: firmware unknown";
- a firmware the vendor's numbering cannot order against the fixed version (or no fixed
  version recorded): "may be affected", saying why, for a person to check;
- older than the fixed version: affected. At or past it: not in the entry, so no finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from duediligence.identify.firmware import compare, parse_version
from duediligence.identify.model_numbers import word_starts
from duediligence.identify.normalize import model_key
from duediligence.pack.advisories import Advisory, AffectedModels
from duediligence.pack.patterns import MAX_SUBJECT

MEMO = 100_000
"""Distinct (group, model texts, firmware) answers remembered; a register has thousands at
most."""


class Reading(StrEnum):
    """How sure the join is that the row's device is affected."""

    AFFECTED = "affected"
    FIRMWARE_UNKNOWN = "firmware unknown"
    UNORDERED = "firmware not comparable"
    NO_FIXED = "no fixed version recorded"


@dataclass(frozen=True, slots=True)
class Exposure:
    """One advisory a row's device falls in, and how the firmware was read against it."""

    advisory: str
    models: str
    reading: Reading
    firmware: str | None = None


class AdvisoryIndex:
    """The pack's advisories, each group's patterns compiled once it is asked about, asked per
    distinct value."""

    def __init__(self, advisories: dict[str, Advisory]) -> None:
        self.advisories = advisories
        self._by_group: dict[str, list[tuple[Advisory, AffectedModels]]] = {}
        for advisory in advisories.values():
            if advisory.withdrawn:
                continue
            for models in advisory.models:
                self._by_group.setdefault(advisory.group, []).append((advisory, models))
        self._compiled: dict[str, list[tuple[Advisory, AffectedModels, re.Pattern[str]]]] = {}
        self._memo: dict[tuple[str, tuple[str, ...], str | None], tuple[Exposure, ...]] = {}

    def exposures(
        self, group: str, models: tuple[str, ...], firmware: str | None
    ) -> tuple[Exposure, ...]:
        """The advisories a device of `group` at `firmware` falls in, in pack order.

        `models`: the texts its model may be read from, the model cell and whatever text
        attribution found a model number in."""
        candidates = self._candidates(group)
        texts = tuple(dict.fromkeys(m for m in models if m))
        if not candidates or not texts:
            return ()
        key = (group, texts, firmware)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO:
                self._memo.clear()
            subjects = [_subjects(model_key(text)) for text in texts]
            found = self._memo[key] = _exposures(candidates, subjects, firmware)
        return found

    def _candidates(self, group: str) -> list[tuple[Advisory, AffectedModels, re.Pattern[str]]]:
        """A group's advisories, their patterns compiled when the group is first asked about:
        a register meets few of the pack's groups (compiling all 17 patterns: ~3 ms)."""
        found = self._compiled.get(group)
        if found is None:
            found = self._compiled[group] = [
                (advisory, models, re.compile(models.pattern, re.IGNORECASE))
                for advisory, models in self._by_group.get(group, ())
            ]
        return found


def _subjects(key: str) -> tuple[str, ...]:
    """The text from each word's start on, as far as a pattern may read."""
    return tuple(key[at : at + MAX_SUBJECT] for at in word_starts(key))


def _exposures(
    candidates: list[tuple[Advisory, AffectedModels, re.Pattern[str]]],
    subjects: list[tuple[str, ...]],
    firmware: str | None,
) -> tuple[Exposure, ...]:
    out: list[Exposure] = []
    seen: set[str] = set()
    for advisory, models, regex in candidates:
        if advisory.id in seen:
            continue
        if not any(regex.match(s) for words in subjects for s in words):
            continue
        reading = read_firmware(firmware, models.fixed)
        if reading is None:
            continue
        seen.add(advisory.id)
        out.append(Exposure(advisory.id, models.id, reading, firmware))
    return tuple(out)


def read_firmware(firmware: str | None, fixed: str | None) -> Reading | None:
    """How a row's firmware stands against an entry's fixed version; None: not affected."""
    if firmware is None or not firmware.strip():
        return Reading.FIRMWARE_UNKNOWN
    if fixed is None:
        return Reading.NO_FIXED
    have, want = parse_version(firmware), parse_version(fixed)
    order = None if have is None or want is None else compare(have, want)
    if order is None:
        return Reading.UNORDERED
    return Reading.AFFECTED if order < 0 else None


def describe(exposure: Exposure, advisory: Advisory, models: AffectedModels) -> str:
    """The finding's words for one exposure: CVEs, due date, fixed version, and the reading."""
    cves = ", ".join(advisory.cves)
    fixed = f"fixed in {models.fixed}" if models.fixed else "no fixed version recorded"
    firmware = exposure.firmware
    said = {
        Reading.AFFECTED: f"affected: firmware '{firmware}' is older than {models.fixed}",
        Reading.FIRMWARE_UNKNOWN: "may be affected: firmware unknown",
        Reading.UNORDERED: (
            f"may be affected: firmware '{firmware}' cannot be ordered against {models.fixed};"
            " review it against the vendor's advisory"
        ),
        Reading.NO_FIXED: (
            f"may be affected: firmware '{firmware}'; the pack records no fixed version for"
            " these models, so check it against the vendor's advisory"
        ),
    }[exposure.reading]
    return (
        f"{advisory.title} ({cves}; KEV due {advisory.due.isoformat()}; {fixed}) — {said}"
        f" ({models.description}, pack entry {models.id})"
    )
