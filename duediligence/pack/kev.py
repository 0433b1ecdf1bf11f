"""A newer Known Exploited Vulnerabilities catalogue, read from the file a user downloaded,
compared with the pack's advisories and turned into a layer over them.

The scan never reaches the network: a person downloads the catalogue's JSON
(cisagov/kev-data, or CISA's own feed) and `duediligence rules advisories --import FILE`
reads it. The result says what the pack's advisories do not yet know:

- entries added since the release the advisories were checked against, naming a vendor the
  pack holds: they need model patterns, with examples a person has checked, before they can
  flag a row, so they are listed, never guessed into rules;
- bundled entries whose catalogue fields changed (due date, required action, ...): the layer
  carries the catalogue's new values;
- bundled entries the newer catalogue no longer lists: withdrawn in the layer, so their
  advisory stops flagging once every one of its entries is gone.

A malformed file is an InputError naming the line and the field, as the loader names the
file and YAML path of a pack problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from duediligence.errors import InputError
from duediligence.pack.advisories import CVE_PATTERN, AdvisoriesFile, Advisory, Catalogue, KevEntry
from duediligence.pack.records import to_written

MAX_BYTES = 64 * 1024 * 1024
"""The catalogue's JSON is about 1.5 MB with 1,400 entries; a file 40 times that is not it."""
SOURCE_ID = "KEV-IMPORTED"
"""The source id a written layer gives the imported catalogue release."""


class _Entry(BaseModel):
    """One vulnerability as the catalogue's JSON schema gives it (extra keys are kept out)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cveID: str = Field(pattern=CVE_PATTERN)  # noqa: N815 - the catalogue's own key
    vendorProject: str = Field(min_length=1)  # noqa: N815
    product: str = Field(min_length=1)
    dateAdded: date  # noqa: N815
    dueDate: date  # noqa: N815
    requiredAction: str = Field(min_length=1)  # noqa: N815
    vulnerabilityName: str = ""  # noqa: N815


class _Top(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    catalogVersion: str = Field(min_length=1)  # noqa: N815
    dateReleased: str = Field(min_length=10)  # noqa: N815
    vulnerabilities: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class KevRecord:
    """A catalogue entry, in the pack's words."""

    entry: KevEntry
    name: str


@dataclass(frozen=True, slots=True)
class KevCatalogue:
    version: str
    released: date
    records: tuple[KevRecord, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """A bundled entry the newer catalogue gives differently: which fields, old -> new."""

    advisory: str
    cve: str
    fields: tuple[tuple[str, str, str], ...]


@dataclass
class Comparison:
    """What a newer catalogue says that the pack's advisories do not."""

    catalogue: KevCatalogue
    since: date | None
    added: list[KevRecord] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    withdrawn: list[tuple[str, str]] = field(default_factory=list)
    layer: AdvisoriesFile | None = None
    """The advisories that changed or were withdrawn, with the new catalogue fields; None
    when nothing did."""


def read_catalogue(path: Path) -> KevCatalogue:
    """The catalogue in `path`; InputError naming the line and field of the first problem."""
    where = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"larger than {MAX_BYTES // 2**20} MB: not a KEV catalogue", where)
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the catalogue: {exc}", where) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}: not valid JSON: {exc.msg}", where) from None
    try:
        top = _Top.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"])
        raise InputError(
            f"line {_line_of(text, name.split('.')[0])}: field {name!r}: {first['msg']}"
            " (is this the Known Exploited Vulnerabilities JSON?)",
            where,
        ) from None
    records = []
    spans = _element_spans(text)
    for i, raw in enumerate(top.vulnerabilities):
        try:
            e = _Entry.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            key = str(first["loc"][0]) if first["loc"] else "(entry)"
            start, end = spans[i] if i < len(spans) else (0, len(text))
            line = _line_of(text, key, start, end)
            raise InputError(
                f"line {line}: vulnerabilities[{i}].{key}: {first['msg']}", where
            ) from None
        entry = KevEntry(
            cve=e.cveID,
            added=e.dateAdded,
            due=e.dueDate,
            required_action=e.requiredAction,
            vendor=e.vendorProject,
            product=e.product,
        )
        records.append(KevRecord(entry, e.vulnerabilityName or f"{e.vendorProject} {e.product}"))
    try:
        released = date.fromisoformat(top.dateReleased[:10])
    except ValueError:
        line = _line_of(text, "dateReleased")
        raise InputError(f"line {line}: field 'dateReleased': not a date", where) from None
    return KevCatalogue(top.catalogVersion, released, tuple(records))


def _element_spans(text: str) -> list[tuple[int, int]]:
    """Where each element of the 'vulnerabilities' array starts and ends in the text."""
    decoder = json.JSONDecoder()
    key = text.find('"vulnerabilities"')
    at = text.find("[", key) + 1 if key >= 0 else -1
    if at <= 0:
        return []
    offsets: list[tuple[int, int]] = []
    while True:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] == "]":
            return offsets
        try:
            _, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError:
            return offsets
        offsets.append((at, end))
        at = end


def _line_of(text: str, key: str, start: int = 0, end: int | None = None) -> int:
    """The line `"key"` first appears on between `start` and `end`, else the line `start` is
    on (a field that is missing is reported on the line its entry starts)."""
    found = text.find(f'"{key}"', start, len(text) if end is None else end)
    return text.count("\n", 0, found if found >= 0 else start) + 1


def compare(
    advisories: dict[str, Advisory],
    bundled: Catalogue | None,
    newer: KevCatalogue,
    names_pack_vendor: Callable[[str], bool],
) -> Comparison:
    """What `newer` adds to, changes in and withdraws from the pack's advisories.

    `names_pack_vendor` says whether a catalogue vendorProject names an entity of the pack
    (the identifier's name matcher, which the caller builds: this stage matches no names).
    """
    since = bundled.released if bundled is not None else None
    by_cve = {r.entry.cve: r for r in newer.records}
    known = {cve: a for a in advisories.values() for cve in a.cves}
    result = Comparison(newer, since)
    for record in newer.records:
        e = record.entry
        if e.cve in known or (since is not None and e.added <= since):
            continue
        if names_pack_vendor(e.vendor):
            result.added.append(record)
    result.added.sort(key=lambda r: (r.entry.added, r.entry.cve))
    layered: list[Advisory] = []
    for advisory in advisories.values():
        kept: list[KevEntry] = []
        touched = False
        for entry in advisory.kev:
            newest = by_cve.get(entry.cve)
            if newest is None:
                if since is None or newer.released > since:
                    result.withdrawn.append((advisory.id, entry.cve))
                    touched = True
                    continue
                kept.append(entry)
                continue
            diff = _differences(entry, newest.entry)
            if diff:
                result.changed.append(Change(advisory.id, entry.cve, diff))
                touched = True
            kept.append(newest.entry)
        if touched:
            layered.append(_updated(advisory, kept))
    if layered:
        result.layer = AdvisoriesFile(
            catalogue=Catalogue(version=newer.version, released=newer.released, source=SOURCE_ID),
            advisories=layered,
        )
    return result


_COMPARED: Sequence[str] = ("added", "due", "required_action", "vendor", "product")


def _differences(old: KevEntry, new: KevEntry) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (name, str(getattr(old, name)), str(getattr(new, name)))
        for name in _COMPARED
        if getattr(old, name) != getattr(new, name)
    )


def _updated(advisory: Advisory, kept: list[KevEntry]) -> Advisory:
    """The advisory with the newer catalogue's entries; withdrawn when none is left."""
    sources = list(dict.fromkeys([*advisory.sources, SOURCE_ID]))
    if not kept:
        return replace(advisory, withdrawn=True, sources=sources)
    return replace(advisory, kev=kept, sources=sources)


def layer_files(comparison: Comparison) -> dict[str, str]:
    """The pack layer a comparison gives, as {relative path: YAML text}: the changed and
    withdrawn advisories and the source they now cite. Empty when nothing changed."""
    import yaml

    if comparison.layer is None:
        return {}
    cat = comparison.catalogue
    source = {
        "id": SOURCE_ID,
        "kind": "official",
        "title": f"Known Exploited Vulnerabilities catalogue, JSON release {cat.version}"
        " (imported)",
        "publisher": "CISA",
        "date": cat.released.isoformat(),
        "url": "https://www.cisa.gov/known-exploited-vulnerabilities-catalog",
    }
    advisories = to_written(comparison.layer)
    header = (
        f"# Written by `duediligence rules advisories --import` from catalogue {cat.version}.\n"
        "# A layer over the bundled advisories: scan with --rules pointing at this folder.\n"
    )
    return {
        "sources.yml": header + yaml.safe_dump({"sources": [source]}, sort_keys=False),
        "advisories/kev-imported.yml": header
        + yaml.safe_dump(advisories, sort_keys=False, allow_unicode=True, width=100),
    }
