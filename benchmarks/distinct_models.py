"""Cost per distinct model value: one at a time, and a block's distinct values at once.

Times what the scan pays for each model text it has not met before, over the model texts of
`benchmarks/scale.py`'s registers, each text met once (every round takes texts no earlier
round took, so no memo answers for them):
  serials     the csv-models register's model cells ('SN000123457K'), which say nothing
  realistic   the realistic register's models ('DS-2CD2143G2-I/3'), which all say something
and, for each, two ways:
  one_by_one  `Identifier.model_says_nothing` asked of every text (the row loop's way, and
              the Arrow loop's before identify/bulk.py)
  block       `bulk.PlainModels.outcomes` over blocks of --block distinct texts, as the Arrow
              loop asks it: one expression in C over the block, the rest read one by one
Run:
    python benchmarks/distinct_models.py                   # 200,000 serials, 3 rounds
    python benchmarks/distinct_models.py --texts 50000 --rounds 5
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from benchmarks.scale import DISTINCT_MODELS, PAIRS
from duediligence.api import load_pack
from duediligence.identify.interface import Identifier
from duediligence.identify.normalize import model_key

BLOCK = 50_000
"""Distinct texts a block holds: about the rows of one 4 MiB block of the CSV reader
(inventory/blocks.py) when nearly every row's model is new."""


def serials(first: int, count: int) -> list[str]:
    """Model cells of the csv-models register (as benchmarks/scale.py writes them), from the
    `first`-th distinct one on."""
    return [f"SN{n * 7_919 % 10**9:09d}K" for n in range(first, first + count)]


def realistic(first: int, count: int) -> list[str]:
    """The realistic register's distinct models, all of them (whatever `first` and `count`)."""
    return sorted({model for _, model in PAIRS})


def one_by_one(identifier: Identifier, texts: list[str]) -> None:
    says_nothing = identifier.model_says_nothing
    for text in texts:
        says_nothing(text)


def block(identifier: Identifier, texts: list[str], size: int) -> None:
    import pyarrow as pa

    from duediligence.identify.bulk import PlainModels

    plain = PlainModels(identifier)
    for at in range(0, len(texts), size):
        plain.outcomes(pa.array(texts[at : at + size], pa.string()), identifier.model_says_nothing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=DISTINCT_MODELS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--block", type=int, default=BLOCK)
    parser.add_argument("--ways", default="one_by_one,block")
    args = parser.parse_args()
    catalog = load_pack().catalog
    ways: dict[str, Callable[[Identifier, list[str]], None]] = {
        "one_by_one": one_by_one,
        "block": lambda identifier, texts: block(identifier, texts, args.block),
    }
    count = args.texts
    print("| texts | distinct | way | µs per distinct text (best round) | all rounds |")
    print("|---|---|---|---|---|")
    offset = 0
    for kind, make in (("serials", serials), ("realistic", realistic)):
        for way in args.ways.split(","):
            times = []
            for _ in range(args.rounds):
                texts = make(offset, count)
                offset += count
                identifier = Identifier(catalog)
                identifier.model_says_nothing("SN000000000K")  # its lazy parts made
                model_key.cache_clear()
                start = time.perf_counter()
                ways[way](identifier, texts)
                times.append((time.perf_counter() - start) / len(texts) * 1e6)
            rounds = ", ".join(f"{t:.2f}" for t in times)
            n = len(make(0, count))
            print(f"| {kind} | {n:,} | {way} | {min(times):.2f} µs | {rounds} |", flush=True)


if __name__ == "__main__":
    main()
