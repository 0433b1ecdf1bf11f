"""`attribute` on a Dask DataFrame: each partition attributed by the one function through
`map_partitions`, the pack pickled once and sent to each worker once.

The columns are mapped on the first rows, on the client, and that mapping (column names) goes
to every partition with the pack: partitions are not each mapped by their own contents. The
pack travels as one `dask.delayed` value (one key of the graph every task depends on), so a
worker receives it once however many partitions it attributes; each partition checks that
its worker runs the duediligence the client runs (shipping.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from duediligence.frames.attribute import (
    MAP_ROWS,
    attribute_table,
    chosen_pack,
    frame_map,
    without_answers,
)
from duediligence.frames.kinds import with_answers
from duediligence.frames.shipping import Shipment
from duediligence.inventory.frames import FrameMap, arrow_of, text_table
from duediligence.pack.loader import Pack


def attribute(
    frame: Any,
    *,
    profile: str | None = None,
    as_of: date | None = None,
    column_map: dict[str, str] | None = None,
    pack: Pack | None = None,
) -> Any:
    """The Dask DataFrame with `duediligence.attribute`'s columns added to every partition,
    lazily: nothing is computed but the first rows, which decide how columns are read."""
    import dask

    pack = chosen_pack(pack, profile)
    when = as_of or date.today()
    head = frame.partitions[0].map_partitions(_first_rows, meta=frame._meta).compute()
    mapping = frame_map(text_table(without_answers(arrow_of(head))), pack, column_map)
    shipment = Shipment.of(pack)
    meta = partition(head.iloc[:0], shipment, mapping, profile, when)
    sent = dask.delayed(shipment, pure=True, traverse=False)
    return frame.map_partitions(partition, sent, mapping, profile, when, meta=meta)


def partition(
    part: Any, shipment: Shipment, mapping: FrameMap, profile: str | None, when: date
) -> Any:
    """One pandas partition attributed, on a worker."""
    pack = shipment.unpack("Dask worker")
    table = without_answers(arrow_of(part))
    return with_answers(part, "pandas", attribute_table(table, mapping, pack, profile, when))


def _first_rows(part: Any) -> Any:
    """The rows the columns are mapped on: the first partition's first rows."""
    return part.iloc[:MAP_ROWS]
