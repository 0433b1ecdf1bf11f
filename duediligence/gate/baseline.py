"""An earlier JSON report, as a baseline: which rules each asset was already flagged for.

Findings are compared by asset fingerprint and rule id, both stable across runs and row
reorderings, so the comparison needs only each flagged row's fingerprint and its judgment's
rule ids; each row's understood values tell a new finding of the register from one of the
pack. What cannot be compared is said, never silently ignored: a report of another schema
major version is refused (its fingerprints are made differently), and a baseline from another
pack or profile is compared with a warning that names the difference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from duediligence.errors import InputError

SCHEMA_MAJOR = "2"
"""Fingerprints are made the same way across every 2.x report."""

_FLAGGED = b',"flagged":['
_STR = rb'"(?:[^"\\]|\\.)*"'
_ROW = re.compile(
    rb'\n\{"input":(\d+),"row":\d+,"judgment":(' + _STR + rb'),"fingerprint":"([0-9a-f]{32})"'
    rb',"fields":([^\n]*)'
)
"""A flagged row as the JSON writer lays it out: one per line, its keys in this order. The
rest of the line (its `fields`, its marks, the closing brace) is kept as written and parsed
only if it is needed."""
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""The JSON writer's encoding, for a row's `fields` from a report parsed whole."""

Values = tuple[tuple[str, str], ...]
"""A row's understood fields and their values, (field, value) sorted by field: what the scan
read of it. Two rows of one asset with the same values were judged on the same register
facts."""


@dataclass(frozen=True, slots=True)
class Baseline:
    source: str
    pack_id: str
    pack_version: str
    profile: str | None
    as_of: str
    rules: frozenset[str]
    """Every rule that bound the baseline's buyer, flagged or not (reports before schema 2.2
    hold no other rules, nor findings that do not bind)."""
    known: dict[str, frozenset[str]]
    """Asset fingerprint -> the rules it was flagged for."""
    cells: dict[str, tuple[tuple[int, bytes], ...]] = field(compare=False)
    """Asset fingerprint -> (input, the row as written from its `fields` on) of each distinct
    flagged row, parsed only when a new finding's origin turns on them (`values_of`)."""
    mapped: tuple[tuple[tuple[str, str], ...], ...]
    """For each input, its understood fields and the columns holding them, by field."""
    pack_reviewed: str | None = None
    """The baseline pack's review date: entries added to the pack after it are new to it."""

    @property
    def findings(self) -> int:
        return sum(len(rules) for rules in self.known.values())

    def values_of(self, fingerprint: str) -> frozenset[int]:
        """`values_hash` of each flagged row of this asset the baseline holds (none: none)."""
        out = set()
        for table, raw in self.cells.get(fingerprint, ()):
            cells = json.loads(b'{"fields":' + raw.rstrip(b","))["fields"]
            out.add(values_hash(tuple((f, cells[c]) for f, c in self.mapped[table] if c in cells)))
        return frozenset(out)


def values_hash(values: Values) -> int:
    """A key for a row's values, compared within one process only (str hashes are salted)."""
    return hash(values)


def load_baseline(path: Path) -> Baseline:
    where = str(path)
    try:
        data = path.read_bytes()
        doc: Any
        doc, rows = _as_written(data) or (json.loads(data), None)
    except FileNotFoundError:
        raise InputError("baseline report not found", where) from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(
            f"the baseline is not a JSON report (write one with --format json): {exc}", where
        ) from None
    if not isinstance(doc, dict) or "schema_version" not in doc:
        raise InputError(
            "the baseline is not a duediligence JSON report (no schema_version); write one"
            " with --format json",
            where,
        )
    version = str(doc["schema_version"])
    if version.split(".")[0] != SCHEMA_MAJOR:
        raise InputError(
            f"the baseline is a schema {version} report; fingerprints are made differently"
            f" since {SCHEMA_MAJOR}.0, so its findings cannot be compared. Write a new baseline"
            " with --format json",
            where,
        )
    try:
        return _parse(doc, where, rows)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise InputError(f"the baseline report is incomplete or altered ({exc!r})", where) from None


Row = tuple[str, str, int, bytes]
"""A baseline row as read: judgment id, fingerprint, input index and the row from its
`fields` on, as written."""


def _as_written(data: bytes) -> tuple[Any, list[Row]] | None:
    """The report and its flagged rows (judgment, fingerprint, input, fields), read fast where
    the file is laid out as the JSON writer writes it (a flagged row per line); None where it
    is not (a pretty-printed copy, say), and the whole document is parsed instead.

    Parsing a million-row report whole takes seconds and most of a gigabyte, for the few
    values a row needs. A raw newline cannot occur inside a JSON string, so the flagged rows
    end at the first newline followed by ']'.
    """
    start = data.find(_FLAGGED)
    end = data.find(b"\n]", start)
    if start < 0 or end < 0:
        return None
    section = data[start + len(_FLAGGED) : end]
    found = _ROW.findall(section)
    if len(found) != section.count(b"\n{"):
        return None
    rest = data[end + 2 :].lstrip(b",")
    try:
        doc = json.loads(data[:start] + (b"," + rest if rest.strip() != b"}" else b"}"))
    except ValueError:
        return None
    ids: dict[bytes, str] = {}
    rows = [
        (
            ids[j] if j in ids else ids.setdefault(j, json.loads(j)),
            fp.decode(),
            int(t),
            fields,
        )
        for t, j, fp, fields in found
    ]
    return doc, rows


def _parse(doc: dict[str, Any], where: str, rows: list[Row] | None) -> Baseline:
    rules_of = {
        jid: frozenset(str(f["rule_id"]) for f in j["findings"] if f.get("binds", True))
        for jid, j in doc["judgments"].items()
    }
    flagged: Iterable[Row] = (
        rows
        if rows is not None
        else (
            (r["judgment"], r["fingerprint"], int(r["input"]), _dumps(r["fields"]).encode() + b"}")
            for r in doc["flagged"]
        )
    )
    known: dict[str, frozenset[str]] = {}
    held: dict[str, tuple[tuple[int, bytes], ...]] = {}
    for judgment, fingerprint, table, raw in flagged:
        rules = rules_of[judgment]
        seen = known.get(fingerprint)
        if seen is None:
            known[fingerprint] = rules
            held[fingerprint] = ((table, raw),)
            continue
        known[fingerprint] = seen | rules
        if (table, raw) not in held[fingerprint]:
            held[fingerprint] += ((table, raw),)
    mapped = tuple(tuple(sorted(t["fields"].items())) for t in doc["inputs"])
    pack = doc["pack"]
    return Baseline(
        source=where,
        pack_id=str(pack["id"]),
        pack_version=str(pack["version"]),
        profile=None if doc["profile"] is None else str(doc["profile"]),
        as_of=date.fromisoformat(str(doc["as_of"])).isoformat(),
        rules=frozenset(r for r, info in doc["rules"].items() if info.get("in_profile", True)),
        known=known,
        cells=held,
        mapped=mapped,
        pack_reviewed=None if pack.get("reviewed") is None else str(pack["reviewed"]),
    )
