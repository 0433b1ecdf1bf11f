"""Screening a register where it lives, with Spark: `duediligence.spark.attribute` adds the
`dd_` columns through `mapInArrow` (Arrow batches, no Python function per row), with the
output schema declared and the pack broadcast.

Runs in local mode on two cores; on a cluster, read the table instead
(`spark.table("cmdb.assets")`) and install the same duediligence on every worker: a worker
on another version fails the job saying which it runs. Needs `pip install
"duediligence[spark]"` and a Java runtime. Run: python examples/frames/on_spark.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pyspark.sql import SparkSession

import duediligence
import duediligence.spark

REGISTER = Path(__file__).parents[1] / "inventory.csv"


def main() -> None:
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("duediligence-example")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        frame = spark.read.csv(str(REGISTER), header=True)  # every column a string
        screened = duediligence.spark.attribute(
            frame, profile="us-federal", as_of=date(2026, 6, 1), pack=duediligence.load_pack()
        )
        screened.printSchema()
        flagged = screened.where("dd_flagged").select("Asset Tag", "dd_entity_name", "dd_rules")
        flagged.show(truncate=False)
        # or keep the answer beside the table: screened.write.saveAsTable("cmdb.assets_screened")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
