"""Score the corpus as each register layout holds it, read through `duediligence.api.scan`.

The layout files are written to a temporary folder from corpus.csv (layouts.py), scanned as
a user's files are, and each flagged row is matched back to its label by the corpus Asset
ID its identifier column carries. A flagged row that carries no Asset ID (a template's
instruction row) counts as a false alarm. A layout the reader refuses scores every covered
row as missed, and the refusal is reported.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from benchmarks.accuracy.layouts import LAYOUTS, Layout
from duediligence.api import scan
from duediligence.errors import DueDiligenceError
from duediligence.pack.loader import Pack

COVERED_RULE = "US-NDAA-889-A"
REVIEW_RULE = "RISK-CONFLICTING-ATTRIBUTION"
ASSET_ID = re.compile(r"ACC-\d{5}")


@dataclass(frozen=True, slots=True)
class Seen:
    """One corpus row as a layout carried it, and what the scan made of it."""

    asset_id: str
    expected: str  # yes | no | review
    signal: str
    part: str
    covered: bool
    review: bool
    confidence: float | None = None
    """The attribution's confidence when the row got a covered finding."""


@dataclass
class LayoutResult:
    name: str
    seen: list[Seen] = field(default_factory=list)
    unlabelled_alarms: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def corpus_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def judge_layout(
    layout: Layout, rows: list[dict[str, str]], folder: Path, pack: Pack, as_of: date
) -> LayoutResult:
    result = LayoutResult(layout.name)
    path = layout.write(rows, folder)
    covered: dict[str, float] = {}
    review: set[str] = set()
    try:
        report = scan([path], profile="global", as_of=as_of, pack=pack)
    except DueDiligenceError as e:
        result.error = str(e)
    else:
        result.warnings = list(report.warnings)
        for flagged in report.flagged:
            rules = {h.rule_id for h in flagged.judgment.hits}
            ids = {m for v in flagged.asset.fields.values() for m in ASSET_ID.findall(v)}
            if not ids and COVERED_RULE in rules:
                result.unlabelled_alarms += 1
            if COVERED_RULE in rules:
                for aid in ids:
                    covered[aid] = flagged.judgment.attribution.confidence
            if REVIEW_RULE in rules:
                review |= ids
    for r in rows:
        if layout.accepts(r):
            aid = r["Asset ID"]
            result.seen.append(
                Seen(
                    aid,
                    r["expected_covered"],
                    r["signal"],
                    r["part"],
                    aid in covered,
                    aid in review,
                    covered.get(aid),
                )
            )
    return result


Scores = dict[str, float | int | None]


def score(seen: list[Seen], unlabelled_alarms: int = 0) -> Scores:
    judged = [s for s in seen if s.expected != "review"]
    positives = [s for s in judged if s.expected == "yes"]
    found = [s for s in judged if s.covered]
    hits = [s for s in found if s.expected == "yes"]
    alarms = len(found) - len(hits) + unlabelled_alarms
    flagged = len(found) + unlabelled_alarms
    return {
        "rows": len(seen),
        "covered": len(positives),
        "recall": round(len(hits) / len(positives), 4) if positives else None,
        "precision": round(len(hits) / flagged, 4) if flagged else None,
        "missed": len(positives) - len(hits),
        "false_alarms": alarms,
    }


def judge_all(
    rows: list[dict[str, str]], folder: Path, pack: Pack, as_of: date
) -> list[LayoutResult]:
    return [judge_layout(layout, rows, folder, pack, as_of) for layout in LAYOUTS]


def tables(results: list[LayoutResult]) -> dict[str, dict[str, Scores]]:
    """Scores per layout, per part and per signal (both pooled over every layout)."""
    per_layout = {r.name: score(r.seen, r.unlabelled_alarms) for r in results}
    pooled = [s for r in results for s in r.seen]
    by: dict[str, dict[str, list[Seen]]] = {"part": defaultdict(list), "signal": defaultdict(list)}
    for s in pooled:
        by["part"][s.part].append(s)
        by["signal"][s.signal].append(s)
    unlabelled = sum(r.unlabelled_alarms for r in results)
    return {
        "layout": per_layout,
        "overall": {"all layouts": score(pooled, unlabelled)},
        "part": {k: score(v) for k, v in sorted(by["part"].items())},
        "signal": {k: score(v) for k, v in sorted(by["signal"].items())},
        "part by layout": {
            f"{r.name} / {part}": score([s for s in r.seen if s.part == part])
            for r in results
            for part in sorted({s.part for s in r.seen})
        },
    }


def calibrated(results: list[LayoutResult], at: float) -> tuple[int, int]:
    """(covered findings at confidence >= `at` over every layout, how many are right).
    A layout's reading can only make a finding, not its group, wrong; so right means the
    row is truly covered."""
    high = [
        s
        for r in results
        for s in r.seen
        if s.expected != "review" and s.covered and (s.confidence or 0) >= at
    ]
    return len(high), sum(s.expected == "yes" for s in high)


def recall_matrix(results: list[LayoutResult]) -> dict[str, dict[str, float | None]]:
    """Recall per layout (rows) and signal (columns): where each layout loses its rows."""
    signals = sorted({s.signal for r in results for s in r.seen})
    return {
        r.name: {sig: score([s for s in r.seen if s.signal == sig])["recall"] for sig in signals}
        for r in results
    }
