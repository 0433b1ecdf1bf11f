"""Start-up: what a run pays before it reads its first row, cold and warm pack cache; and a
whole CLI scan of a generated register, end to end.

Each run is a fresh Python process (started in an empty folder, so the duediligence it
imports is the installed one, or the one on PYTHONPATH). It times, in order:
  imports      import duediligence.api
  pack         duediligence.api.load_pack() and Identifier(pack.catalog)
  first_mac    the first MAC attributed (the IEEE registry read on first use)
  first_make   the first make checked against the registry's makers (index built on use)
`cold` runs start with an empty cache folder each; `warm` runs share one filled beforehand.
Prints the median of N runs of each phase, in wall time and in the CPU time the process
spent (steadier on a busy machine), and the whole child process's CPU time.

  --tree DIR      also run the duediligence found in DIR (a checkout of another commit), its
                  runs alternating with this one's, so both meet the same load
  --importtime    the modules that cost most to import (`python -X importtime`, warm, the
                  least self time of N runs), by module and by top-level package
  --cli ROWS      `duediligence scan` of a benchmarks/scale.py CSV register of ROWS rows, JSON
                  report written to a file, warm cache: the end-to-end time, beside a
                  `csv.reader` pass over the same file
Run:
    python benchmarks/startup.py                  # 15 runs each
    python benchmarks/startup.py --runs 31 --importtime --cli 100000
    python benchmarks/startup.py --tree ../before # this tree against another
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
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
IMPORTS_AND_PACK = "import duediligence.api; duediligence.api.load_pack()"
HERE = "this tree"


def _env(cache: Path, tree: Path | None) -> dict[str, str]:
    """Bytecode is written and used, as an installed wheel has it: a source checkout run with
    PYTHONDONTWRITEBYTECODE compiles every changed module again on every run."""
    env = {**os.environ, "DUEDILIGENCE_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def _timed(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str, str]:
    """Wall seconds, CPU seconds of the child, its stdout and stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout, done.stderr


def _child(cache: Path, workdir: Path, tree: Path | None) -> dict[str, float]:
    _, cpu, stdout, stderr = _timed([sys.executable, "-c", CHILD], _env(cache, tree), workdir)
    if not stdout:
        raise SystemExit(f"the child failed:\n{stderr}")
    times: dict[str, float] = json.loads(stdout)
    times["process_cpu"] = cpu
    return times


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def _show(label: str, times: dict[str, float]) -> None:
    """One line of wall times, then one of CPU times: on a busy machine the CPU time is the
    steadier measure of what the process itself does."""
    for kind, suffix in (("wall", ""), ("cpu", "_cpu")):
        startup = times["imports" + suffix] + times["pack" + suffix]
        cells = "  ".join(f"{k} {times[k + suffix] * 1000:6.1f}" for k in PHASES)
        print(f"{label:16} {kind:4}  imports+pack {startup * 1000:6.1f}   {cells}  (ms)")
    print(f"{label:16} whole process CPU {times['process_cpu'] * 1000:6.1f} ms")


def _startup(trees: dict[str, Path | None], runs: int, work: Path) -> None:
    cold: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    warm: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for i in range(runs):
        for n, (name, tree) in enumerate(trees.items()):
            cold[name].append(_child(work / f"cold-{n}-{i}", work, tree))
    for n, tree in enumerate(trees.values()):
        _child(work / f"warm-{n}", work, tree)
    for _ in range(runs):
        for n, (name, tree) in enumerate(trees.items()):
            warm[name].append(_child(work / f"warm-{n}", work, tree))
    print(f"median of {runs} fresh processes, Python {sys.version.split()[0]}")
    for name in trees:
        _show(f"cold {name}", _median(cold[name]))
        _show(f"warm {name}", _median(warm[name]))


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")


def _importtime(tree: Path | None, runs: int, work: Path) -> None:
    """The least self time of each module over `runs` warm runs: the cost of the module's
    own code, with the machine's load mostly filtered out."""
    env = _env(work / "importtime", tree)
    subprocess.run([sys.executable, "-c", IMPORTS_AND_PACK], env=env, cwd=work, check=True)
    least: dict[str, int] = {}
    for _ in range(runs):
        *_, stderr = _timed([sys.executable, "-X", "importtime", "-c", IMPORTS_AND_PACK], env, work)
        for module, micros in ((m[2], int(m[1])) for m in IMPORT_LINE.finditer(stderr)):
            least[module] = min(micros, least.get(module, micros))
    packages: Counter[str] = Counter()
    for module, micros in least.items():
        packages[module.split(".")[0]] += micros
    print(f"\n-X importtime, warm, least self time of {runs} runs:")
    print(f"  all modules {sum(least.values()) / 1000:6.1f} ms; by top-level package:")
    for name, micros in packages.most_common(12):
        print(f"    {micros / 1000:6.1f}  {name}")
    print("  the costliest modules:")
    for module, micros in sorted(least.items(), key=lambda item: -item[1])[:15]:
        print(f"    {micros / 1000:6.1f}  {module}")


def _cli(rows: int, runs: int, work: Path, trees: dict[str, Path | None]) -> None:
    """`duediligence scan` as a user runs it, warm cache, every rule binding (the heaviest
    report, as benchmarks/scale.py measures it); each tree's runs alternate with the others'."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.scale import PROFILE, write_csv

    register = work / f"inventory-{rows}.csv"
    write_csv(register, rows)
    scan = [sys.executable, "-m", "duediligence", "scan", str(register), "--profile", PROFILE]
    scan += ["--format", "json", "--output", str(work / "report.json"), "--quiet"]
    read = [sys.executable, "-c", f"import csv\nfor _ in csv.reader(open({str(register)!r})): pass"]
    envs = {
        name: _env(work / f"cli-cache-{n}", tree) for n, (name, tree) in enumerate(trees.items())
    }
    for env in envs.values():
        _timed(scan, env, work)  # fills the cache
    timed: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    reads: list[float] = []
    for _ in range(runs):
        for name, env in envs.items():
            timed[name].append(_timed(scan, env, work)[:2])
        reads.append(_timed(read, envs[HERE], work)[0])
    plain = statistics.median(reads)
    size = register.stat().st_size / 1e6
    print(f"\n`duediligence scan` of a {rows:,}-row CSV ({size:.1f} MB), JSON report, warm cache,")
    print(f"median of {runs}; a `csv.reader` pass in its own process: {plain:.2f} s")
    for name, scans in timed.items():
        wall = statistics.median(w for w, _ in scans)
        cpu = statistics.median(c for _, c in scans)
        print(f"  {name:16} wall {wall:.2f} s ({wall / plain:.1f}x), CPU {cpu:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tree", type=Path, action="append", default=[])
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument("--cli", type=int, metavar="ROWS")
    args = parser.parse_args()
    trees: dict[str, Path | None] = {HERE: None}
    trees.update({str(t): t.resolve() for t in args.tree})
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        _startup(trees, args.runs, work)
        if args.importtime:
            _importtime(None, args.runs, work)
        if args.cli:
            _cli(args.cli, max(3, args.runs // 3), work, trees)


if __name__ == "__main__":
    main()
