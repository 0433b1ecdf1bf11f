"""`attribute` on a Spark DataFrame: each partition's Arrow batches attributed by the one
function through `mapInArrow`, with the output schema declared, the pack broadcast, and no
Python function called per row.

The columns are mapped on the first rows, on the driver, and that mapping (column names)
goes to every task with the pack. A partition's batches share one judge, so a group met in
one batch is not judged again in the next. Each task checks that its worker runs the
duediligence the driver runs (shipping.py) and fails the job saying so when not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from duediligence.frames.attribute import (
    MAP_ROWS,
    attribute_stream,
    chosen_pack,
    frame_map,
    without_answers,
)
from duediligence.frames.judged import COLUMNS
from duediligence.frames.kinds import answer_table
from duediligence.frames.shipping import Shipment
from duediligence.inventory.frames import FrameMap, text_table
from duediligence.pack.loader import Pack

SPARK_TYPES = {
    "dd_confidence": "double",
    "dd_rules": "array",
    "dd_flagged": "boolean",
}
"""The added columns Spark declares as other than text."""


def attribute(
    frame: Any,
    *,
    profile: str | None = None,
    as_of: date | None = None,
    column_map: dict[str, str] | None = None,
    pack: Pack | None = None,
) -> Any:
    """The Spark DataFrame with `duediligence.attribute`'s columns added, lazily: nothing is
    computed but the first rows, which decide how columns are read."""
    pack = chosen_pack(pack, profile)
    head = without_answers(frame.limit(MAP_ROWS).toArrow())
    mapping = frame_map(text_table(head), pack, column_map)
    return attribute_shipped(frame, Shipment.of(pack), mapping, profile, as_of or date.today())


def attribute_shipped(
    frame: Any, shipment: Shipment, mapping: FrameMap, profile: str | None, when: date
) -> Any:
    """`attribute` with the pack already packed and the columns already mapped."""
    from pyspark.sql.types import ArrayType, BooleanType, DoubleType, StringType, StructType

    kinds = {"double": DoubleType(), "array": ArrayType(StringType()), "boolean": BooleanType()}
    kept = frame.drop(*[c for c in COLUMNS if c in frame.columns])
    # mapInArrow resolves each column by name, and reads 'Model No.' as a field 'No' of a
    # column 'Model': the columns travel under plain names and get their own back after.
    names = list(kept.columns)
    plain = kept.toDF(*(f"_c{i}" for i in range(len(names))))
    schema = StructType.fromJson(plain.schema.jsonValue())
    for name in COLUMNS:
        kind = SPARK_TYPES.get(name)
        schema = schema.add(name, kinds[kind] if kind else StringType(), nullable=True)
    sent = frame.sparkSession.sparkContext.broadcast(shipment)

    def task(batches: Iterator[Any]) -> Iterator[Any]:
        return attributed_batches(batches, names, sent.value, mapping, profile, when)

    return plain.mapInArrow(task, schema).toDF(*names, *COLUMNS)


def attributed_batches(
    batches: Iterator[Any],
    names: list[str],
    shipment: Shipment,
    mapping: FrameMap,
    profile: str | None,
    when: date,
) -> Iterator[Any]:
    """One partition's record batches (columns under plain names, whose own are `names`),
    each with the added columns, on a worker."""
    import pyarrow as pa

    pack = shipment.unpack("Spark worker")
    named = (pa.RecordBatch.from_arrays(b.columns, names=names) for b in batches)
    for batch, answers in attribute_stream(named, mapping, pack, profile, when):
        added = answer_table(answers, large=False)
        yield pa.RecordBatch.from_arrays(
            [*batch.columns, *(c.combine_chunks() for c in added.columns)],
            names=[*(f"_c{i}" for i in range(len(names))), *COLUMNS],
        )
