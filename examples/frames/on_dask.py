"""Screening a partitioned register with Dask: `duediligence.dask.attribute` adds the
`dd_` columns to every partition through `map_partitions`, the pack sent to each worker once.

Runs on a LocalCluster of two worker processes; point `Client` at a scheduler to run the same
code on a cluster, and read the register from wherever it lives (`dd.read_parquet("s3://...")`).
Needs `pip install "duediligence[dask]"`. Run: python examples/frames/on_dask.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dask.dataframe as dd
from distributed import Client, LocalCluster

import duediligence
import duediligence.dask

REGISTER = Path(__file__).parents[1] / "inventory.csv"


def main() -> None:
    pack = duediligence.load_pack()
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        frame = dd.read_csv(REGISTER, dtype=str, blocksize=1_000).repartition(npartitions=2)
        screened = duediligence.dask.attribute(
            frame, profile="us-federal", as_of=date(2026, 6, 1), pack=pack
        )
        # lazy until here: each worker attributes its partitions
        flagged = screened[screened["dd_flagged"]][["Asset Tag", "dd_entity_name", "dd_severity"]]
        print(flagged.compute().to_string(index=False))


if __name__ == "__main__":
    main()
