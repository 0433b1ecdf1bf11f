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

Run: python benchmarks/accuracy/evaluate.py [--json] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from duediligence.api import load_pack
from duediligence.assets import Asset
from duediligence.engine import Evaluator
from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.normalize import model_key
from duediligence.inventory.read import open_inventory

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
        attribution = identifier.attribute(Signals.of(asset), asset.acquired or AS_OF)
        rules = (
            {h.rule_id for h in evaluator.hits(attribution, asset.acquired is not None)}
            if attribution
            else set()
        )
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
    cols = ("rows", "covered", "recall", "precision", "group_accuracy", "missed", "false_alarms")
    lines = [f"\n{title}", f"{'':<16}" + "".join(f"{c:>15}" for c in cols)]
    for name, s in rows.items():
        lines.append(f"{name:<16}" + "".join(f"{_fmt(s[c]):>15}" for c in cols))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--misses", type=int, default=20, help="list this many errors")
    args = parser.parse_args()
    start = time.perf_counter()
    outcomes = judge()
    elapsed = time.perf_counter() - start
    overall = {"all": scores(outcomes), "held out": scores([o for o in outcomes if o.held_out])}
    parts = {key: breakdown(outcomes, key) for key in ("difficulty", "signal", "case")}
    a = overall["all"]
    if args.json:
        print(json.dumps({**overall, **parts, "seconds": round(elapsed, 2)}, indent=2))
    else:
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
