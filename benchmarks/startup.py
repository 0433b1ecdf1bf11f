"""Start-up: what a run pays before it reads its first row, cold and warm pack cache.

Each run is a fresh Python process (started in an empty folder, so the duediligence it
imports is the installed one, or the one on PYTHONPATH). It times, in order:
  imports      import duediligence.api
  pack         duediligence.api.load_pack() and Identifier(pack.catalog)
  first_mac    the first MAC attributed (the IEEE registry read on first use)
  first_make   the first make checked against the registry's makers (index built on use)
`cold` runs start with an empty cache folder each; `warm` runs share one filled beforehand.
Prints the median of N runs of each, wall time, and the process's CPU time as a check on
a busy machine. Run:
    python benchmarks/startup.py            # 15 runs each
    python benchmarks/startup.py --runs 31
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, time
t0 = time.perf_counter()
import duediligence.api
t1 = time.perf_counter()
pack = duediligence.api.load_pack()
from duediligence.identify.interface import Identifier, Signals
identifier = Identifier(pack.catalog)
t2 = time.perf_counter()
from datetime import date
when = date(2026, 11, 23)
identifier.attribute(Signals(mac="3C:5A:B4:00:00:01"), when)
t3 = time.perf_counter()
identifier.attribute(Signals(make="Axis Communications", model="DS-2CD2143G2-I"), when)
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "pack": t2 - t1, "first_mac": t3 - t2,
                  "first_make": t4 - t3}))
"""
PHASES = ("imports", "pack", "first_mac", "first_make")


def _child(cache: Path, workdir: Path) -> dict[str, float]:
    env = {**os.environ, "DUEDILIGENCE_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, cwd=workdir, capture_output=True, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    times: dict[str, float] = json.loads(done.stdout)
    times["process_cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return times


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def _show(label: str, times: dict[str, float]) -> None:
    startup = times["imports"] + times["pack"]
    cells = "  ".join(f"{k} {times[k] * 1000:6.1f}" for k in (*PHASES, "process_cpu"))
    print(f"{label:5}  imports+pack {startup * 1000:6.1f} ms   {cells}  (ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        cold = [_child(work / f"cold-{i}", work) for i in range(args.runs)]
        _child(work / "warm", work)
        warm = [_child(work / "warm", work) for _ in range(args.runs)]
    print(f"median of {args.runs} fresh processes, Python {sys.version.split()[0]}")
    _show("cold", _median(cold))
    _show("warm", _median(warm))


if __name__ == "__main__":
    main()
