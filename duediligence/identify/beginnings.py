"""The model patterns' beginnings (`model_numbers._beginnings_of`), kept in the per-user cache.

Telling them parses every pattern and compiles each of its classes and literals (~15 ms for
the bundled pack's 74 patterns), the same answer every run of the same pack; a scan that
reads a model column asks for them (identify/bulk.py). The entry is keyed by the patterns'
sources and flags, every source file of this stage (the shapes are read here) and Python's
version (its parser of expressions), so a change to any of them tells them again; an entry
not of the form written is told again too.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from duediligence.pack import cache as stored
from duediligence.pack.catalog import CompiledPattern

CACHE_KIND = "beginnings"

Beginnings = dict[str, list[str]] | None


def stored_beginnings(
    patterns: tuple[CompiledPattern, ...],
    tell: Callable[[tuple[CompiledPattern, ...]], Beginnings],
) -> Beginnings:
    """`tell(patterns)`, read from the cache when an entry holds it."""
    sources = json.dumps([[p.regex.pattern, p.regex.flags] for p in patterns])
    key = stored.tree_digest(
        [(Path(__file__).parent, "identify")], sys.version, sources, files="*.py"
    )
    found = stored.cached_json(CACHE_KIND, key, _an_entry, lambda: {"beginnings": tell(patterns)})
    told: Beginnings = found["beginnings"]
    return told


def _an_entry(found: object) -> bool:
    """`{"beginnings": null}` or `{"beginnings": {text: [text, ...], ...}}`."""
    if not isinstance(found, dict) or found.keys() != {"beginnings"}:
        return False
    told = found["beginnings"]
    return told is None or (
        isinstance(told, dict)
        and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(each, str) for each in v)
            for k, v in told.items()
        )
    )
