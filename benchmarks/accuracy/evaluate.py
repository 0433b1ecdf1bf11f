"""Recall, precision and group accuracy of identification on the labelled corpus.

The corpus is read exactly as a user's register is (the CSV reader and column mapping), each
row attributed as on its purchase date, and the rules evaluated under the `global` profile:

- covered (predicted): the row gets a US-NDAA-889-A finding, i.e. it was attributed to one
  of the five groups s.889 names; labelled covered: `expected_covered` is `yes`.
- recall = covered rows found / covered rows; precision = rows found that are covered /
  rows found (rows labelled `review` are left out of both).
- group accuracy: the attributed group is the labelled one, or nothing was attributed and
  the labelled maker is not in the pack.
- review: rows whose signals disagree on purpose must raise RISK-CONFLICTING-ATTRIBUTION.
- held out: rows whose model number is not an example of any pack pattern, so patterns
  cannot have been written from them.
- held apart (`part`): rows built from a catalogue the patterns were not written from
  (seeds/held_apart.csv), scored apart from the rows of the pattern sources.
- layouts (`--layouts`): the same rows written as ten-plus real register layouts
  (layouts.py) in a temporary folder and read through `duediligence.api.scan`, as a user's
  files are; scored per layout, per part and per signal.
- reliability (`--reliability`): attributions bucketed by confidence against the share
  whose group is right, and covered findings against the share that are truly covered.

Run: python benchmarks/accuracy/evaluate.py [--json] [--misses N] [--layouts] [--reliability]
     [--corpus PATH]  (another labelled file, e.g. corpus_telecom.csv; --layouts uses corpus.csv)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.accuracy import by_layout
from duediligence.api import load_pack
from duediligence.evaluate.engine import Evaluator
from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.normalize import model_key
from duediligence.inventory.read import open_inventory
from duediligence.results.assets import Asset

CORPUS = Path(__file__).parent / "corpus.csv"
AS_OF = date(2026, 11, 23)
COVERED_RULE = "US-NDAA-889-A"
REVIEW_RULE = "RISK-CONFLICTING-ATTRIBUTION"
TARGET_RECALL = 0.99
TARGET_PRECISION = 0.995


@dataclass(frozen=True, slots=True)
class Outcome:
    row: int
    asset: Asset
    group: str | None
    covered: bool
    review: bool
    expected_group: str
    expected: str  # yes | no | review
    held_out: bool
    pack_knows_maker: bool
    confidence: float | None = None
    part: str = ""

    @property
    def right_group(self) -> bool:
        """The labelled group, or nothing when the pack does not know the maker at all."""
        return self.group == self.expected_group or (
            self.group is None and not self.pack_knows_maker
        )


Scores = dict[str, float | int | None]


def judge(path: Path = CORPUS) -> list[Outcome]:
    pack = load_pack()
    examples = {model_key(x) for p in pack.catalog.patterns for x in p.spec.examples}
    identifier = Identifier(pack.catalog)
    evaluator = Evaluator(pack, "global", AS_OF)
    out = []
    for asset in open_inventory(path, {}).assets():
        dated = asset.acquired is not None
        attribution = identifier.attribute(Signals.of(asset), asset.acquired or AS_OF, dated)
        rules = {h.rule_id for h in evaluator.hits(attribution, dated)} if attribution else set()
        words = {model_key(w) for w in (asset.description or "").split()}
        out.append(
            Outcome(
                row=asset.location.row or 0,
                asset=asset,
                group=attribution.entity.group if attribution else None,
                covered=COVERED_RULE in rules,
                review=REVIEW_RULE in rules,
                expected_group=asset.fields.get("expected_group", ""),
                pack_knows_maker=asset.fields.get("expected_group", "") in pack.catalog.entities,
                expected=asset.fields["expected_covered"],
                held_out=model_key(asset.model or "") not in examples and not words & examples,
                confidence=attribution.confidence if attribution else None,
                part=asset.fields.get("part", ""),
            )
        )
    return out


def scores(outcomes: list[Outcome]) -> Scores:
    judged = [o for o in outcomes if o.expected != "review"]
    positives = [o for o in judged if o.expected == "yes"]
    found = [o for o in judged if o.covered]
    hits = [o for o in found if o.expected == "yes"]
    reviews = [o for o in outcomes if o.expected == "review"]
    return {
        "rows": len(outcomes),
        "covered": len(positives),
        "recall": round(len(hits) / len(positives), 4) if positives else None,
        "precision": round(len(hits) / len(found), 4) if found else None,
        "group_accuracy": (
            round(sum(o.right_group for o in judged) / len(judged), 4) if judged else None
        ),
        "missed": len(positives) - len(hits),
        "false_alarms": len(found) - len(hits),
        "review_rows": len(reviews),
        "review_raised": sum(o.review for o in reviews),
        "review_on_clean_rows": sum(o.review for o in judged),
    }


def breakdown(outcomes: list[Outcome], key: str) -> dict[str, Scores]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.asset.fields.get(key, "")].append(o)
    return {k: scores(v) for k, v in sorted(groups.items())}


def _fmt(v: float | int | None) -> str:
    return "—" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v))


def table(title: str, rows: dict[str, Scores]) -> str:
    every = ("rows", "covered", "recall", "precision", "group_accuracy", "missed", "false_alarms")
    cols = tuple(c for c in every if any(c in s for s in rows.values()))
    width = max([16, *(len(n) + 2 for n in rows)])
    lines = [f"\n{title}", f"{'':<{width}}" + "".join(f"{c:>15}" for c in cols)]
    for name, s in rows.items():
        lines.append(f"{name:<{width}}" + "".join(f"{_fmt(s.get(c)):>15}" for c in cols))
    return "\n".join(lines)


BUCKETS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
"""Confidence buckets of the reliability table: [0, 0.5), [0.5, 0.7), ..., [0.95, 1.0]."""
CALIBRATED_FROM = 0.9
CALIBRATED_SHARE = 0.99
"""Issue 20: a finding at confidence >= 0.9 is right at least 99% of the time."""


def finding_right(o: Outcome) -> bool:
    """A covered finding is right when the row is truly covered and by the labelled group."""
    return o.expected == "yes" and o.group == o.expected_group


def reliability(outcomes: list[Outcome]) -> list[dict[str, float | int | str | None]]:
    """Per confidence bucket: attributions and the share with the right group; covered
    findings and the share that are right. Rows whose truth is for a person (`review`)
    are left out."""
    judged = [o for o in outcomes if o.expected != "review" and o.confidence is not None]
    out: list[dict[str, float | int | str | None]] = []
    for low, high in zip(BUCKETS, BUCKETS[1:], strict=False):
        last = high == BUCKETS[-1]
        inside = [
            o
            for o in judged
            if o.confidence is not None
            and low <= o.confidence
            and (o.confidence < high or (last and o.confidence <= high))
        ]
        found = [o for o in inside if o.covered]
        out.append(
            {
                "bucket": f"[{low:.2f}, {high:.2f}{']' if last else ')'}",
                "attributions": len(inside),
                "right_group": round(sum(o.right_group for o in inside) / len(inside), 4)
                if inside
                else None,
                "covered_findings": len(found),
                "findings_right": round(sum(map(finding_right, found)) / len(found), 4)
                if found
                else None,
            }
        )
    return out


def calibrated(outcomes: list[Outcome]) -> tuple[int, int]:
    """(covered findings at confidence >= 0.9, how many of them are right)."""
    high = [
        o
        for o in outcomes
        if o.expected != "review" and o.covered and (o.confidence or 0) >= CALIBRATED_FROM
    ]
    return len(high), sum(map(finding_right, high))


def layout_results() -> list[by_layout.LayoutResult]:
    """Write every layout to a temporary folder and score it through `api.scan`."""
    rows = by_layout.corpus_rows(CORPUS)
    with tempfile.TemporaryDirectory(prefix="accuracy-layouts-") as folder:
        return by_layout.judge_all(rows, Path(folder), load_pack(), AS_OF)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--misses", type=int, default=20, help="list this many errors")
    parser.add_argument("--layouts", action="store_true", help="score every register layout")
    parser.add_argument("--reliability", action="store_true", help="confidence vs share right")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="another labelled file (corpus_telecom.csv)"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    outcomes = judge(args.corpus)
    elapsed = time.perf_counter() - start
    overall = {
        "all": scores(outcomes),
        "held out": scores([o for o in outcomes if o.held_out]),
        **{f"part {k}": v for k, v in breakdown(outcomes, "part").items()},
    }
    parts = {key: breakdown(outcomes, key) for key in ("difficulty", "signal", "case")}
    a = overall["all"]
    extra: dict[str, object] = {}
    if args.reliability:
        n, right = calibrated(outcomes)
        extra["reliability"] = reliability(outcomes)
        extra["calibrated"] = {"findings_at_0.9": n, "right": right}
    if args.layouts:
        results = layout_results()
        layout_tables = by_layout.tables(results)
        matrix = by_layout.recall_matrix(results)
        extra["layouts"] = layout_tables
        found, right = by_layout.calibrated(results, CALIBRATED_FROM)
        extra["layouts_calibrated"] = {"findings_at_0.9": found, "right": right}
        extra["layout_recall_by_signal"] = matrix
        extra["layout_errors"] = {r.name: r.error for r in results if r.error}
    if args.json:
        print(json.dumps({**overall, **parts, **extra, "seconds": round(elapsed, 2)}, indent=2))
    else:
        if args.reliability:
            print("\nReliability (confidence bucket vs share right)")
            for b in extra["reliability"]:  # type: ignore[attr-defined]
                print(
                    "  "
                    + "  ".join(
                        f"{k}={_fmt(v) if not isinstance(v, str) else v}" for k, v in b.items()
                    )
                )
            print(f"  covered findings at confidence >= {CALIBRATED_FROM}: {extra['calibrated']}")
        if args.layouts:
            for key, rows in layout_tables.items():
                print(table(f"Layouts by {key}", rows))
            signals = sorted({k for v in matrix.values() for k in v})
            print(
                "\nLayout recall by signal\n" + f"{'':<20}" + "".join(f"{s:>13}" for s in signals)
            )
            for name, row in matrix.items():
                print(f"{name:<20}" + "".join(f"{_fmt(row[s]):>13}" for s in signals))
            print(
                f"  covered findings at confidence >= {CALIBRATED_FROM}, every layout:"
                f" {extra['layouts_calibrated']}"
            )
            for r in results:
                if r.error:
                    print(f"  {r.name}: not read: {r.error}")
        print(table("Overall", overall))
        for key, rows in parts.items():
            print(table(f"By {key}", rows))
        print(
            f"\nreview findings raised on {a['review_raised']}/{a['review_rows']} conflicting"
            f" rows and on {a['review_on_clean_rows']} other rows; {elapsed:.2f} s"
        )
        errors = [
            o
            for o in outcomes
            if o.expected != "review" and (o.covered != (o.expected == "yes") or not o.right_group)
        ]
        for o in errors[: args.misses]:
            f = o.asset.fields
            print(
                f"  row {o.row}: expected {o.expected_group or '(none)'}"
                f" covered={o.expected}; got {o.group or '(none)'} covered={o.covered}:"
                f" {f.get('Make', '')!r} {f.get('Model', '')!r} {f.get('MAC Address', '')!r}"
                f" {f.get('Description', '')!r} {f.get('FCC ID', '')!r}"
            )
    met = (a["recall"] or 0) >= TARGET_RECALL and (a["precision"] or 0) >= TARGET_PRECISION
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
