"""Held-apart rows for Huawei, ZTE and Hytera, built from Google Play's supported-devices list.

The held-apart part of corpus.csv comes from a camera catalogue, so it holds no Huawei, ZTE
or Hytera row and their held-apart recall was unmeasured. Google Play's list of the devices
it supports (`supported_devices.csv` of github.com/ifarbod/gplay-supported-devices) names
each device's retail brand and model. No pack pattern was written from its Huawei, ZTE or
Hytera rows: the negative corpus (negative.py) reads only the list's other makers, and no
source in rules/sources.yml is the list. So its rows for those three brands are held apart
in the same sense as the camera catalogue's, and are kept out of corpus.csv so that the
figures measured on it stay comparable with the earlier ones.

Seeds (seeds/held_apart_telecom.csv) are chosen without looking at the pack's patterns:
every distinct model of the brand that carries a digit and does not spell out the brand
(`Huawei Ideos X1` is a name, not a model number), minus any model in the NetBox seeds or
among the pack's pattern examples; per brand, the first PER_BRAND by a stable hash of the
model. Rows are made from them exactly as build.py makes held-apart rows (an easy row, every
model alone, and the hash-chosen hard rows), with `part = held-apart-telecom`.

Run: python -m benchmarks.accuracy.telecom --gplay <git dir of gplay-supported-devices>
     (rewrites the seeds and the corpus); without --gplay it rewrites the corpus only.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.accuracy import build, negative
from duediligence.api import load_pack
from duediligence.identify.normalize import model_key

SEED = build.SEEDS / "held_apart_telecom.csv"
CORPUS = build.HERE / "corpus_telecom.csv"
PART = "held-apart-telecom"
GPLAY_SOURCE = "ifarbod/gplay-supported-devices"
GPLAY = "https://github.com/ifarbod/gplay-supported-devices/blob"
BRANDS = {"huawei": "Huawei", "zte": "ZTE", "hytera": "Hytera"}
"""Google Play's retail brand (folded) -> the maker's key in seeds/makers.yml."""
PER_BRAND = 40
_DIGIT = re.compile(r"\d")


def known_models() -> set[str]:
    """Model keys a pattern may have been written from: the NetBox seeds and pattern examples."""
    with (build.SEEDS / "netbox_models.csv").open(encoding="utf-8", newline="") as fh:
        known = {model_key(r["model"]) for r in csv.DictReader(fh)}
    pack = load_pack()
    return known | {model_key(x) for p in pack.catalog.patterns for x in p.spec.examples}


def choose(rows: list[negative.Row], known: set[str]) -> list[dict[str, str]]:
    """The seed rows: per brand, models with a digit that do not spell the brand, by hash."""
    by_brand: dict[str, dict[str, negative.Row]] = {b: {} for b in BRANDS}
    for row in rows:
        brand = negative.fold(row.maker)
        model = negative.clean(row.model)
        if brand not in BRANDS or not _DIGIT.search(model):
            continue
        if brand in negative.fold(model) or model_key(model) in known:
            continue
        by_brand[brand].setdefault(model.casefold(), dataclasses.replace(row, model=model))
    seeds: list[dict[str, str]] = []
    for brand, models in by_brand.items():
        picked = sorted(models.values(), key=lambda r: (build.stable(r.model), r.model))
        seeds.extend(
            {"manufacturer": BRANDS[brand], "model": r.model, "path": r.path, "commit": r.commit}
            for r in picked[:PER_BRAND]
        )
    return seeds


def write_seeds(seeds: list[dict[str, str]], out: Path = SEED) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ("manufacturer", "model", "path", "commit"), lineterminator="\n")
        w.writeheader()
        w.writerows(seeds)


def build_corpus() -> str:
    """corpus_telecom.csv: held-apart rows from the seeds, as build.py makes them."""
    makers: dict[str, Any] = yaml.safe_load(
        (build.SEEDS / "makers.yml").read_text(encoding="utf-8")
    )["makers"]
    with SEED.open(encoding="utf-8", newline="") as fh:
        seeds = list(csv.DictReader(fh))
    corpus = build.Corpus()
    for s in seeds:
        why = f"Google Play supported devices, retail brand {s['manufacturer']}: {GPLAY}/"
        why += f"{s['commit']}/{s['path']}"
        build.from_model(corpus, makers[s["manufacturer"]], s["model"], why, build.HELD_APART)
    out = io.StringIO()
    writer = csv.DictWriter(out, build.COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, "part": PART} for row in corpus.rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gplay", type=Path, help="git directory of gplay-supported-devices")
    args = parser.parse_args(argv)
    if args.gplay is not None:
        seeds = choose(list(negative.gplay(GPLAY_SOURCE, args.gplay)), known_models())
        write_seeds(seeds)
        print(f"wrote {SEED} ({len(seeds)} models)")
    CORPUS.write_text(build_corpus(), encoding="utf-8")
    print(f"wrote {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
