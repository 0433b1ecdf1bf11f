"""Scan speed and memory against a plain read of the same file and a naive per-row matcher.

Each measurement runs in a fresh process so peak RSS is its own. Run:
    python benchmarks/scale.py --rows 100000 [--rows 1000000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Distinct values as registers hold them: each vendor's models with that vendor's spellings
# of its make (typos and legal names included), real model stems with variants, MACs from
# real OUIs with random device parts; most rows repeat a make/model pair seen before.
VENDORS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("Hikvision", "HIKVISION", "Hikvison", "Hik Vision", ""): (
        "DS-2CD2143G2-I",
        "DS-2CD2T47G2-L",
        "DS-7608NI-I2",
        "DS-2DE4A425IW-DE",
    ),
    ("HiLook", "Hilook"): ("IPC-B140HA", "IPC-B120HA-LU"),
    ("Dahua", "Dahua Technology", "Zhejiang Dahua Technology Co., Ltd.", ""): (
        "IPC-HDW5442TM-AS",
        "DHI-NVR4232-4KS2",
        "IPC-HFW2231T-ZS",
    ),
    ("Lorex",): ("LNB9242B", "LNE9292B"),
    ("Axis Communications", "Axis", "AXIS"): ("P3245-LVE", "M3106-L", "Q6135-LE"),
    ("Bosch", "Bosch Security Systems"): ("NDE-3502-AL", "NBE-3502-AL"),
    ("Hanwha Vision", "Hanwha Techwin", "Samsung Techwin"): ("XNV-8080R", "QNV-6082R"),
    ("Avigilon",): ("2.0C-H5A-D1", "4.0C-H5A-BO1-IR"),
    ("Cisco", "Cisco Systems"): ("C9300-48P", "C9200L-24P-4G"),
    ("Hytera",): ("PD785G", "PD365"),
    ("Motorola Solutions", "Motorola"): ("DP4400E", "R7"),
    ("Huawei",): ("S5720-28X-SI-AC",),
    ("ZTE",): ("ZXHN F670L",),
    ("Ubiquiti",): ("UVC-G4-PRO", "U6-LR"),
    ("Mobotix", "Vivotek", "Milestone"): ("M16B", "FD9387-HTV"),
}
PAIRS = [
    (make, f"{model}{'' if i == 0 else f'/{i}'}")
    for makes, models in VENDORS.items()
    for make in makes
    for model in models
    for i in range(12)
]
OUIS = ["44:19:B6", "24:52:6A", "00:40:8C", "00:1A:07", "B8:A4:4F", "00:0C:29"]
SITES = [f"Site {i:03d}" for i in range(200)]


def generate(path: Path, rows: int, seed: int = 20261123) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Asset Tag", "Site", "Manufacturer", "Model", "MAC Address", "Serial"])
        for n in range(rows):
            make, model = rng.choice(PAIRS)
            mac = ""
            if rng.random() < 0.4:
                mac = rng.choice(OUIS) + "".join(f":{rng.randrange(256):02X}" for _ in range(3))
            out.writerow(
                [f"A{n:08d}", rng.choice(SITES), make, model, mac, f"SN{rng.randrange(10**9):09d}"]
            )


def plain_read(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        for _ in csv.reader(f):
            pass


def full_scan(path: Path) -> None:
    from duediligence import scan
    from duediligence.report.interface import Format, RenderOptions, formats

    report = scan([path])
    with path.with_suffix(".json").open("w", encoding="utf-8") as out:
        formats()[Format.JSON](report, RenderOptions(), out)


def identify_only(path: Path) -> None:
    """The hot path alone: read, map columns and attribute every row; no findings, no report."""
    from datetime import date

    from duediligence import load_pack
    from duediligence.identify.interface import Identifier, Signals
    from duediligence.inventory.read import open_inventory

    identifier = Identifier(load_pack().catalog)
    today = date.today()
    for a in open_inventory(path).assets():
        identifier.attribute(Signals.of(a), today)


def naive(path: Path) -> None:
    """What a hand-rolled checker does: fuzzy-match every row's make, try every pattern."""
    from rapidfuzz import fuzz, process

    from duediligence import load_pack

    pack = load_pack()
    aliases = [a for e in pack.catalog.entities.values() for a in (e.name, *e.aliases)]
    patterns = [p.regex for p in pack.catalog.patterns]
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            process.extractOne(row[2], aliases, scorer=fuzz.WRatio, score_cutoff=90)
            for p in patterns:
                p.match(row[3].upper())


JOBS = {"plain_read": plain_read, "identify": identify_only, "scan": full_scan, "naive": naive}


def child(job: str, path: Path) -> None:
    start = time.perf_counter()
    JOBS[job](path)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb}))


def measure(job: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", job, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, action="append")
    parser.add_argument("--child", nargs=2, metavar=("JOB", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    for rows in args.rows or [100_000]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"inventory-{rows}.csv"
            generate(path, rows)
            size_mb = path.stat().st_size / 1e6
            results = {job: measure(job, path) for job in JOBS}
            base, ident_s, scan_s, naive_s = (
                results[j]["seconds"] for j in ("plain_read", "identify", "scan", "naive")
            )
            print(f"{rows:,} rows ({size_mb:.1f} MB CSV)")
            for job, r in results.items():
                print(f"  {job:<11} {r['seconds']:7.2f} s   peak RSS {r['peak_mb']:7.0f} MB")
            print(f"  scan / plain read       {scan_s / base:6.1f}x")
            print(f"  identify / plain read   {ident_s / base:6.1f}x")
            print(f"  naive / identify        {naive_s / ident_s:6.1f}x  (memoised vs per row)")
            print(
                f"  naive / scan            {naive_s / scan_s:6.1f}x  (scan also writes findings)"
            )
            print(f"  scan rows/s         {rows / scan_s:,.0f}")


if __name__ == "__main__":
    main()
