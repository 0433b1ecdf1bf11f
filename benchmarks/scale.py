"""Scan speed and memory, as ratios against a plain read of the same file and a naive matcher.

Generates deterministic registers (CSV and XLSX at 10k, 100k and 1M rows) and
measures, each job in a fresh process so peak RSS is its own:
  plain_read  the csv module (CSV) or python-calamine (XLSX) reading every cell
  scan_alone  duediligence.scan: the register read, attributed and judged, no report
  scan        duediligence.scan plus the JSON report written to a file
  naive       rapidfuzz process.extractOne on make and on model, every row (measured on the
              first NAIVE_ROWS rows and scaled: it is per-row by construction)
Run:
    python benchmarks/scale.py                    # the full set (about 16 minutes)
    python benchmarks/scale.py --rows 100000 --formats csv
    python benchmarks/scale.py --rows 1000000 --formats csv-macs,csv-models --keep out/
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

# Distinct values as registers hold them: each vendor's models with that vendor's spellings
# of its make (typos and legal names included), real model stems with variants, MACs from
# real OUIs with random device parts, purchase dates over ten years; most rows repeat a
# make/model pair seen before. Hikvision and Dahua lead camera shipments, so covered makers
# are over half the rows: the heavy case for the report.
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
HEADER = ["Asset Tag", "Site", "Manufacturer", "Model", "MAC Address", "Serial", "Purchased"]
FIRST_DAY = date(2016, 1, 1)
NAIVE_ROWS = 20_000
TARGETS = {"seconds_1m_csv": 5.0, "csv_ratio": 5.0, "xlsx_ratio": 1.5, "naive": 50.0, "mb": 500}


DISTINCT_MODELS = 200_000
"""The models register: serials typed into the model field, this many distinct strings."""
ADVERSARIAL = ("macs", "models")
"""Registers whose cells are distinct where the realistic one repeats them:
  macs    every row a MAC of its own from a random OUI (unregistered, random or locally
          administered, as randomised and unregistered MACs are), beside the usual makes
  models  the model cell a serial number from DISTINCT_MODELS distinct ones, beside the make
"""


def rows(count: int, seed: int = 20261123, variant: str = "") -> Iterator[list[str]]:
    rng = random.Random(seed)
    for n in range(count):
        make, model = rng.choice(PAIRS)
        mac = ""
        if variant == "macs":
            # a random first three octets; the last three count the rows, so none repeats
            oui = "".join(f"{rng.randrange(256):02X}:" for _ in range(3))
            mac = oui + f"{n >> 16 & 255:02X}:{n >> 8 & 255:02X}:{n & 255:02X}"
        elif rng.random() < 0.4:
            mac = rng.choice(OUIS) + "".join(f":{rng.randrange(256):02X}" for _ in range(3))
        if variant == "models":
            model = f"SN{(n % DISTINCT_MODELS) * 7_919 % 10**9:09d}K"
        bought = (FIRST_DAY + timedelta(days=rng.randrange(3650))).isoformat()
        serial = f"SN{rng.randrange(10**9):09d}"
        yield [f"A{n:08d}", rng.choice(SITES), make, model, mac, serial, bought]


def write_csv(path: Path, count: int, variant: str = "") -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerows(rows(count, variant=variant))


def write_xlsx(path: Path, count: int, dated: bool = False) -> None:
    """Every cell text, as a register exported from a database often is; `dated`: purchase
    dates as Excel date cells, as a register kept in Excel is (read by fastexcel's typed
    columns, inventory/typed_sheet.py, where a text register is read by its text)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Register")
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append([*row[:-1], date.fromisoformat(row[-1])] if dated else row)
    book.save(path)


def plain_read(path: Path) -> None:
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            for _ in book.get_sheet_by_name(name).iter_rows():
                pass
        return
    with path.open(newline="", encoding="utf-8") as f:
        for _ in csv.reader(f):
            pass


PROFILE = "global"
"""Every rule binds, the heaviest report: the runs in docs/performance.md are comparable."""


def scan(path: Path) -> None:
    from duediligence import scan
    from duediligence.report.interface import Format, RenderOptions, formats

    report = scan([path], profile=PROFILE)
    with path.with_suffix(".json").open("w", encoding="utf-8") as out:
        formats()[Format.JSON](report, RenderOptions(), out)


def scan_alone(path: Path) -> None:
    """The scan without the report: what the naive matcher is compared with, and the part of
    the work that reads and judges the register rather than writes it."""
    from duediligence import scan

    scan([path], profile=PROFILE)


def naive(path: Path) -> None:
    """What a hand-rolled checker does: fuzzy-match every row's make and model to known ones."""
    from rapidfuzz import process

    from duediligence import load_pack

    pack = load_pack()
    names = sorted({a for e in pack.catalog.entities.values() for a in (e.name, *e.aliases)})
    models = sorted({x for p in pack.catalog.patterns for x in p.spec.examples})
    with path.with_suffix(".csv").open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for _, row in zip(range(NAIVE_ROWS), reader, strict=False):
            process.extractOne(row[2], names)
            process.extractOne(row[3], models)


def generate(path: Path) -> None:
    """Written in its own process too: Linux keeps a process's peak RSS across fork and exec,
    so a parent that built a big workbook would lend its peak to every measurement."""
    count = int(path.stem.rsplit("-", 1)[1])
    variant = next((v for v in ADVERSARIAL if f"-{v}-" in path.stem), "")
    write_csv(path.with_suffix(".csv"), count, variant)
    if path.suffix == ".xlsx":
        write_xlsx(path, count, dated="dated" in path.stem)


JOBS = {
    "generate": generate,
    "plain_read": plain_read,
    "scan": scan,
    "scan_alone": scan_alone,
    "naive": naive,
}


IN_PROCESS = "SCALE_IN_PROCESS"
"""Set by --in-process for the jobs: every workbook loaded in the scan's own process."""


def child(job: str, path: Path) -> None:
    if os.environ.get(IN_PROCESS):
        from duediligence.inventory import xlsx

        setattr(xlsx, "start_ahead", lambda *_: None)  # noqa: B010 (a name xlsx.py imports)
    start = time.perf_counter()
    JOBS[job](path)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # A large workbook of text is loaded by a child process (inventory/arrow_ahead.py): its
    # peak is reported beside this one's, since both are held at once.
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb, "child_mb": child_mb}))


def measure(job: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", job, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench(path: Path, count: int) -> dict[str, float]:
    base = measure("plain_read", path)
    alone = measure("scan_alone", path)
    scanned = measure("scan", path)
    naive_s = measure("naive", path)["seconds"] * count / min(count, NAIVE_ROWS)
    return {
        "rows": count,
        "mb": path.stat().st_size / 1e6,
        "plain_s": base["seconds"],
        "alone_s": alone["seconds"],
        "scan_s": scanned["seconds"],
        "scan_mb": scanned["peak_mb"],
        "child_mb": scanned["child_mb"],
        "naive_s": naive_s,
        "ratio_alone": alone["seconds"] / base["seconds"],
        "ratio_plain": scanned["seconds"] / base["seconds"],
        "ratio_naive": naive_s / scanned["seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, action="append")
    parser.add_argument(
        "--formats",
        default="csv,xlsx,xlsx-dated",
        help="any of csv, xlsx, xlsx-dated, and the adversarial csv-macs and csv-models",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="copy each register and its JSON report to this folder (to compare reports)",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="load large workbooks of text in the scan's process, not a child's"
        " (inventory/arrow_ahead.py), to measure what the child saves",
    )
    parser.add_argument("--child", nargs=2, metavar=("JOB", "PATH"))
    args = parser.parse_args()
    if args.in_process:
        os.environ[IN_PROCESS] = "1"
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    kinds = args.formats.split(",")
    print(
        "| format | rows | file | plain read | scan alone | scan + JSON | peak RSS"
        " | alone/plain | scan+JSON/plain | naive/scan+JSON"
    )
    print("|---|---|---|---|---|---|---|---|---|---")
    for kind in kinds:
        sizes = args.rows or [10_000, 100_000, 1_000_000]
        for count in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                # the naive job reads the CSV written beside it
                suffix, _, variant = kind.partition("-")
                path = Path(tmp) / f"inventory{f'-{variant}' if variant else ''}-{count}.{suffix}"
                measure("generate", path)
                r = bench(path, count)
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    for made in path.parent.iterdir():
                        shutil.copy(made, args.keep / made.name)
            loader = f" + {r['child_mb']:.0f} MB child" if r["child_mb"] else ""
            print(
                f"| {kind} | {count:,} | {r['mb']:.1f} MB | {r['plain_s']:.2f} s"
                f" | {r['alone_s']:.2f} s | {r['scan_s']:.2f} s | {r['scan_mb']:.0f} MB{loader}"
                f" | {r['ratio_alone']:.1f}x | {r['ratio_plain']:.1f}x | {r['ratio_naive']:.0f}x",
                flush=True,
            )
    print(f"\ntargets: {TARGETS}; naive measured on the first {NAIVE_ROWS:,} rows and scaled")
    if importlib.util.find_spec("numpy") is not None:
        # The figures differ by environment: say which this was (docs/performance.md).
        print(
            "numpy is installed: pyarrow imports it in every scan job here (0.13-0.17 s of CPU);"
            " `pip install .` installs none, and the CLI runs without it"
        )


if __name__ == "__main__":
    main()
