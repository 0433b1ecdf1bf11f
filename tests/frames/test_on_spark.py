"""`duediligence.spark.attribute` on Spark in local mode (`local[2]`): each row says what a
scan of the same rows says, the schema is declared before anything runs, and a worker that
runs another pack than the driver fails the job saying so. One Spark session for the module:
starting one takes seconds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import duediligence
from duediligence.errors import UsageError
from duediligence.frames.judged import COLUMNS
from duediligence.frames.shipping import Shipment
from duediligence.inventory.frames import FrameMap
from duediligence.pack.loader import Pack
from duediligence.results.assets import Field
from tests.frames.needs import java, module
from tests.frames.register import agrees, scanned, write_register

AS_OF = date(2026, 6, 1)
pytestmark = pytest.mark.filterwarnings(
    # pyspark warns of every pandas it has not been released against; no pandas is used here
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    java()
    sql = module("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("duediligence-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def pack() -> Pack:
    return duediligence.load_pack()


def _frame(spark: Any, rows: list[dict[str, str]]) -> Any:
    header = list(rows[0])
    schema = ", ".join(f"`{h}` string" for h in header)
    return spark.createDataFrame([tuple(r[h] for h in header) for r in rows], schema).repartition(2)


def test_every_row_says_what_the_scan_says(spark: Any, pack: Pack, tmp_path: Path) -> None:
    from duediligence.spark import attribute

    path = tmp_path / "register.csv"
    rows = write_register(path)
    expected = scanned(path, "us-federal", len(rows))
    # the row order through two partitions is Spark's: the asset tag says which row is which
    frame = _frame(spark, [{**r, "at": str(i)} for i, r in enumerate(rows)])
    out = attribute(frame, profile="us-federal", as_of=AS_OF, pack=pack)
    assert out.columns[-len(COLUMNS) :] == list(COLUMNS)
    got = sorted((r.asDict() for r in out.collect()), key=lambda r: int(r["at"]))
    agrees(expected, got)


def test_the_schema_is_declared(spark: Any, pack: Pack) -> None:
    from duediligence.spark import attribute

    frame = spark.createDataFrame([("Hikvision", 3)], "Make string, n int")
    out = attribute(frame, as_of=AS_OF, pack=pack)
    kinds = {f.name: f.dataType.simpleString() for f in out.schema.fields}
    assert kinds == {
        "Make": "string",
        "n": "int",
        "dd_entity": "string",
        "dd_entity_name": "string",
        "dd_group": "string",
        "dd_confidence": "double",
        "dd_severity": "string",
        "dd_rules": "array<string>",
        "dd_flagged": "boolean",
        "dd_explanation": "string",
    }
    (row,) = out.collect()
    assert (row.n, row.dd_entity, row.dd_flagged) == (3, "hikvision", True)


def test_nulls_and_numbers_are_read_not_raised(spark: Any, pack: Pack) -> None:
    from duediligence.spark import attribute

    frame = spark.createDataFrame(
        [(None, None), ("Dahua", 1.5), ("", 2.0)], "Make string, Model double"
    )
    out = [r.dd_flagged for r in attribute(frame, as_of=AS_OF, pack=pack).collect()]
    assert sorted(out) == [False, False, True]


def test_no_make_column_is_refused_on_the_driver(spark: Any, pack: Pack) -> None:
    from duediligence.spark import attribute

    frame = spark.createDataFrame([("Depot", "2")], "Site string, Floor string")
    with pytest.raises(UsageError, match="found 'Site', 'Floor'"):
        attribute(frame, pack=pack)


def test_workers_with_another_pack_fail_the_job_saying_so(spark: Any, pack: Pack) -> None:
    from duediligence.frames.on_spark import attribute_shipped

    shipped = Shipment.of(pack)
    driver = Shipment("duediligence-core", "1999.1.0", shipped.tool_version, shipped.payload)
    frame = spark.createDataFrame([("Hikvision",)], "Make string")
    out = attribute_shipped(frame, driver, FrameMap(((Field.MAKE, "Make"),)), None, AS_OF)
    with pytest.raises(Exception, match="this Spark worker runs rule pack duediligence-core") as e:
        out.collect()
    assert "the driver runs rule pack duediligence-core 1999.1.0" in str(e.value)
