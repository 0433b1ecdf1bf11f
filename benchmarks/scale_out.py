"""Rows per second of `attribute` on frames and clusters, as ratios against a scan of the same
rows written as CSV.

Generates the register benchmarks/scale.py generates (deterministic, 948 make/model pairs,
real OUIs, purchase dates) as one CSV and measures, each job in a fresh process:
  scan     duediligence.scan of the CSV file (read, attributed, judged; no report)
  arrow    duediligence.attribute of a pyarrow Table of the same rows
  pandas   duediligence.attribute of a pandas DataFrame of them
  polars   duediligence.attribute of a polars DataFrame of them
  dask     duediligence.dask.attribute on a LocalCluster of 2 worker processes (one thread
           each), the CSV read by the workers (dd.read_csv), the answer reduced on them
  spark    duediligence.spark.attribute on Spark local[2], the CSV read by Spark, every
           output row written to Spark's `noop` sink
  dask-read, spark-read  the same, through a map that adds nothing: what reading the CSV
           and moving its rows through Python costs on each before any attribution
The pack is loaded before the clock starts (as a notebook or a driver loads it once); the
in-memory frames are built from the CSV before it starts too, and that read is printed
beside. Dask's and Spark's start-up (cluster, JVM) is printed apart from their run.
"CPU s" is the timed part's own CPU time for the single-process jobs (on a shared machine a
steadier figure than the wall clock), and for Dask and Spark the CPU time of the whole job,
start-up and every worker process included ("all").
Run:
    python benchmarks/scale_out.py                     # 1M rows, every job (a few minutes)
    python benchmarks/scale_out.py --rows 200000 --jobs scan,arrow,dask
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.scale import HEADER, write_csv

PROFILE = "global"
"""Every rule binds, as in benchmarks/scale.py: the figures compare with docs/performance.md."""
AS_OF = date(2026, 6, 1)
PARTITION_MB = 20
"""MB of CSV per Dask and Spark partition (about 260k rows): each partition judges the
distinct rows it meets afresh, so partitions much smaller than this spend their time there."""
SPARK_BATCH = 50_000
"""Rows per Arrow batch Spark hands `mapInArrow` (spark.sql.execution.arrow.maxRecordsPerBatch,
10,000 unless set), as many as a scan's blocks hold (inventory/frames.py BATCH_ROWS)."""

Timing = dict[str, float]


def _pack() -> Any:
    from duediligence import load_pack

    return load_pack()


def _arrow(path: Path) -> Any:
    """The CSV as text columns, every cell as written (an empty cell stays empty)."""
    import pyarrow as pa
    import pyarrow.csv as pv

    return pv.read_csv(
        path,
        convert_options=pv.ConvertOptions(
            column_types=dict.fromkeys(HEADER, pa.string()), strings_can_be_null=False
        ),
    )


def scan(path: Path) -> Timing:
    from duediligence import scan

    pack = _pack()
    start, cpu = time.perf_counter(), time.process_time()
    report = scan([path], profile=PROFILE, as_of=AS_OF, pack=pack)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu_s": time.process_time() - cpu,
        "flagged": float(report.summary.flagged),
    }


def _in_memory(path: Path, build: Callable[[Any], Any], flagged: Callable[[Any], int]) -> Timing:
    from duediligence import attribute

    pack = _pack()
    start = time.perf_counter()
    frame = build(_arrow(path))
    read = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    out = attribute(frame, profile=PROFILE, as_of=AS_OF, pack=pack)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu_s": time.process_time() - cpu,
        "read_s": read,
        "flagged": float(flagged(out)),
    }


def arrow(path: Path) -> Timing:
    import pyarrow.compute as pc

    return _in_memory(path, lambda t: t, lambda t: pc.sum(t.column("dd_flagged")).as_py())


def pandas(path: Path) -> Timing:
    return _in_memory(path, lambda t: t.to_pandas(), lambda f: int(f["dd_flagged"].sum()))


def polars(path: Path) -> Timing:
    import polars as pl

    return _in_memory(path, pl.from_arrow, lambda f: int(f["dd_flagged"].sum()))


def dask(path: Path, identity: bool = False) -> Timing:
    """`identity`: the same read and reduction through a `map_partitions` that adds nothing,
    what the cluster costs before any attribution."""
    import dask.dataframe as dd
    import distributed

    import duediligence.dask

    pack = _pack()
    start = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(lambda: __import__("duediligence.frames.attribute"))  # workers warm
        started = time.perf_counter() - start
        start = time.perf_counter()
        frame = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=_partition_bytes())
        if identity:
            out = frame.map_partitions(lambda part: part.assign(dd_flagged=False))
        else:
            out = duediligence.dask.attribute(frame, profile=PROFILE, as_of=AS_OF, pack=pack)
        flagged = int(out["dd_flagged"].sum().compute())
        seconds = time.perf_counter() - start
        partitions = out.npartitions
    return {
        "seconds": seconds,
        "start_s": started,
        "flagged": float(flagged),
        "partitions": float(partitions),
    }


def spark(path: Path, identity: bool = False) -> Timing:
    """`identity`: the same read and write through a `mapInArrow` that adds nothing."""
    from pyspark.sql import SparkSession

    import duediligence.spark

    pack = _pack()
    start = time.perf_counter()
    session = (
        SparkSession.builder.master("local[2]")
        .appName("duediligence-scale-out")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.files.maxPartitionBytes", str(_partition_bytes()))
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(SPARK_BATCH))
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.range(4).count()  # the JVM and the first Python worker up
    started = time.perf_counter() - start
    try:
        start = time.perf_counter()
        frame = session.read.csv(str(path), header=True)  # every column a string
        if identity:
            out = frame.mapInArrow(lambda batches: batches, frame.schema)
        else:
            out = duediligence.spark.attribute(frame, profile=PROFILE, as_of=AS_OF, pack=pack)
        out.write.format("noop").mode("overwrite").save()
        seconds = time.perf_counter() - start
        partitions = out.rdd.getNumPartitions()
        flagged = 0 if identity else out.filter("dd_flagged").count()
    finally:
        gateway = session.sparkContext._gateway
        session.stop()
        # the JVM leaves when its stdin closes: waited for, its CPU time counts in the tree's
        gateway.shutdown()
        gateway.proc.stdin.close()
        gateway.proc.wait()
    return {
        "seconds": seconds,
        "start_s": started,
        "flagged": float(flagged),
        "partitions": float(partitions),
    }


def _partition_bytes() -> int:
    return int(float(os.environ.get(PARTITION_ENV, PARTITION_MB)) * 1e6)


PARTITION_ENV = "SCALE_OUT_PARTITION_MB"
"""Set by --partition-mb for the jobs."""


def generate(path: Path) -> Timing:
    write_csv(path, int(path.stem.rsplit("-", 1)[1]))
    return {}


JOBS: dict[str, Callable[[Path], Timing]] = {
    "generate": generate,
    "scan": scan,
    "arrow": arrow,
    "pandas": pandas,
    "polars": polars,
    "dask": dask,
    "spark": spark,
    "dask-read": lambda path: dask(path, identity=True),
    "spark-read": lambda path: spark(path, identity=True),
}


def measure(job: str, path: Path) -> Timing:
    """The job's figures, and `tree_cpu_s`: the CPU seconds of its process and every process
    it waited for (Dask's workers; Spark's JVM and Python workers), start-up included."""
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [sys.executable, __file__, "--child", job, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing: Timing = json.loads(out.stdout.strip().splitlines()[-1])
    timing["tree_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--jobs", default="scan,arrow,pandas,polars,dask-read,dask,spark-read,spark"
    )
    parser.add_argument("--partition-mb", type=float, default=PARTITION_MB)
    parser.add_argument("--child", nargs=2, metavar=("JOB", "PATH"))
    args = parser.parse_args()
    os.environ[PARTITION_ENV] = str(args.partition_mb)
    if args.child:
        import warnings

        warnings.simplefilter("ignore")  # pyspark's and distributed's notices on stderr
        print(json.dumps(JOBS[args.child[0]](Path(args.child[1]))))
        return
    jobs = args.jobs.split(",")
    unknown = sorted(set(jobs) - set(JOBS) - {"generate"})
    if unknown:
        parser.error(f"unknown jobs {unknown}; choose from {sorted(JOBS)}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"inventory-{args.rows}.csv"
        measure("generate", path)
        print(f"{args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB of CSV, profile {PROFILE}")
        print("| job | seconds | rows/s | / scan | CPU s | flagged | also |")
        print("|---|---|---|---|---|---|---|")
        base: float | None = None
        for job in jobs:
            r = measure(job, path)
            rate = args.rows / r["seconds"]
            if job == "scan":
                base = rate
            ratio = f"{rate / base:.2f}x" if base else "-"
            also = []
            if "read_s" in r:
                also.append(f"frame built from the CSV in {r['read_s']:.2f} s")
            if "start_s" in r:
                also.append(
                    f"{r['partitions']:.0f} partitions; start-up {r['start_s']:.1f} s apart"
                )
            cpu = f"{r['cpu_s']:.2f}" if "cpu_s" in r else f"{r['tree_cpu_s']:.1f} (all)"
            print(
                f"| {job} | {r['seconds']:.2f} | {rate:,.0f} | {ratio} | {cpu}"
                f" | {r['flagged']:,.0f}"
                f" | {'; '.join(also)} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
