"""Start-up: what a run pays before it reads its first row, cold and warm pack cache.

Each run is a fresh Python process (started in an empty folder, so the duediligence it
imports is the installed one, or the one on PYTHONPATH). It times, in order:
  imports      import duediligence.api
  pack         duediligence.api.load_pack() and Identifier(pack.catalog)
  first_mac    the first MAC attributed (the IEEE registry read on first use)
  first_make   the first make checked against the registry's makers (index built on use)
`cold` runs start with an empty cache folder each; `warm` runs share one filled beforehand.
Prints the median of N runs of each phase, in wall time and in the CPU time the process
spent (steadier on a busy machine), and the whole child process's CPU time. Run:
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
marks = [(time.perf_counter(), time.process_time())]
import duediligence.api
marks.append((time.perf_counter(), time.process_time()))
pack = duediligence.api.load_pack()
from duediligence.identify.interface import Identifier, Signals
identifier = Identifier(pack.catalog)
marks.append((time.perf_counter(), time.process_time()))
from datetime import date
when = date(2026, 11, 23)
identifier.attribute(Signals(mac="3C:5A:B4:00:00:01"), when)
marks.append((time.perf_counter(), time.process_time()))
identifier.attribute(Signals(make="Axis Communications", model="DS-2CD2143G2-I"), when)
marks.append((time.perf_counter(), time.process_time()))
phases = ("imports", "pack", "first_mac", "first_make")
out = {}
for name, (w0, c0), (w1, c1) in zip(phases, marks, marks[1:]):
    out[name] = w1 - w0
    out[name + "_cpu"] = c1 - c0
print(json.dumps(out))
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
    """One line of wall times, then one of CPU times: on a busy machine the CPU time is the
    steadier measure of what the process itself does."""
    for kind, suffix in (("wall", ""), ("cpu", "_cpu")):
        startup = times["imports" + suffix] + times["pack" + suffix]
        cells = "  ".join(f"{k} {times[k + suffix] * 1000:6.1f}" for k in PHASES)
        print(f"{label:5} {kind:4}  imports+pack {startup * 1000:6.1f}   {cells}  (ms)")
    print(f"{label:5} whole process CPU {times['process_cpu'] * 1000:6.1f} ms")


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
