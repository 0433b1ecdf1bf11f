"""Cost per distinct free-text value: the context guard and the free-text search.

Builds deterministic distinct texts as registers hold them (descriptions naming an item,
accessories and services mentioning a covered vendor, model numbers with catalogue
suffixes, in several languages; hostnames) and times, each over every distinct text once:
  read        identify/context.py `read`: what the item is and what is only context
  search      names and model numbers in the part that says what the item is
  hostname    model numbers and exact names in the words of a hostname
  guard       the row decision (`Identifier.guard`) with the evidence already memoised
Run:
    python benchmarks/free_text.py                # 20,000 distinct texts
    python benchmarks/free_text.py --texts 5000
"""

from __future__ import annotations

import argparse
import random
import time

from duediligence.api import load_pack
from duediligence.identify.context import read
from duediligence.identify.interface import Identifier, Signals

TEXTS = (
    "Hikvision DS-2CD2143G2-I{n} 4MP dome camera",
    "4MP Dome DS-2CD2{n}G2-IS/2.8mm",
    "DS-2CD2T47G2-L(4mm)(C)(O-STD) lot {n}",
    "Dahua NVR 16ch, site {n}",
    "surveillance drive {n}TB for Dahua NVR",
    "PoE injector for Hikvision PTZ #{n}",
    "bracket compatible with Hikvision & Dahua, order {n}",
    "replace Huawei ONT with Nokia (ticket {n})",
    "Labour: re-programming Hytera radios, {n} h",
    "Huawei ONT HG8245H (replaces ZTE) unit {n}",
    "Festplatte für Dahua NVR, Auftrag {n}",
    "Disque dur pour enregistreur Dahua n°{n}",
    "海康威视录像机专用硬盘 {n}",
    "Axis P3245-V fixed dome, lobby {n}",
    "Meeting room display {n}, 55 inch",
)
HOSTS = ("cam-DS2CD2143-lobby-{n}", "HIK-NVR-{n}", "ws-{n}.corp.example", "dahua-cam-{n}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(11)
    texts = list(
        dict.fromkeys(rng.choice(TEXTS).format(n=rng.randrange(10**6)) for _ in range(args.texts))
    )
    hosts = list(
        dict.fromkeys(rng.choice(HOSTS).format(n=rng.randrange(10**6)) for _ in range(args.texts))
    )
    identifier = Identifier(load_pack().catalog)

    t = time.perf_counter()
    readings = [read(x) for x in texts]
    t_read = time.perf_counter() - t

    t = time.perf_counter()
    for r in readings:
        if r.item:
            identifier.names.match(r.item)
            identifier.models.match(r.item)
    t_search = time.perf_counter() - t

    t = time.perf_counter()
    for h in hosts:
        identifier.hostnames.match(h)
    t_host = time.perf_counter() - t

    signals = [Signals(description=x) for x in texts]
    for s in signals:
        identifier.evidence(s)
    t = time.perf_counter()
    for s in signals:
        identifier.guard(s)
    t_guard = time.perf_counter() - t

    n, m = len(texts), len(hosts)
    print(f"{n:,} distinct texts, {m:,} distinct hostnames")
    for label, seconds, count in (
        ("read (context guard)", t_read, n),
        ("search (names + models)", t_search, n),
        ("hostname", t_host, m),
        ("guard (row decision)", t_guard, n),
    ):
        print(f"{label:26} {seconds * 1e6 / count:8.1f} µs per distinct value")


if __name__ == "__main__":
    main()
