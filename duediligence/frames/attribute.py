"""`attribute`: every row of a frame attributed and judged by the scan's own loop, the answer
added as columns, the rows in order, the frame of the same kind handed back.

Pure: the pack is loaded once by the caller (or here, when none is given) and passed in, and
nothing is kept between calls, so the same function runs on each partition of a Dask or
Spark frame with the pack the driver sent (on_dask.py, on_spark.py).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any

from duediligence.errors import UsageError
from duediligence.evaluate.engine import Evaluator
from duediligence.frames.judged import COLUMNS, FrameJudge, RowAnswer
from duediligence.frames.kinds import Answers, with_answers
from duediligence.identify.interface import Identifier
from duediligence.identify.probe import CatalogProbe
from duediligence.inventory.frames import (
    BATCH_ROWS,
    FrameMap,
    arrow_of,
    frame_inventory,
    frame_kind,
    map_frame,
    text_batch,
    text_table,
)
from duediligence.inventory.read import parse_column_map

MAP_ROWS = 10_000
"""The first rows the columns are mapped on, as a scan maps a file on its first rows
(inventory/content.py SAMPLE_ROWS)."""

if TYPE_CHECKING:
    import pyarrow as pa

    from duediligence.pack.loader import Pack


def attribute(
    frame: Any,
    *,
    profile: str | None = None,
    as_of: date | None = None,
    column_map: dict[str, str] | None = None,
    pack: Pack | None = None,
) -> Any:
    """The frame (a pandas or polars DataFrame, or a pyarrow Table) with, for every row in
    order, who made it and what binds: `dd_entity`, `dd_entity_name`, `dd_group`,
    `dd_confidence`, `dd_severity` (the worst binding finding), `dd_rules` (the binding rule
    ids), `dd_flagged` and `dd_explanation`. Columns are read as a scan reads a file's (by
    header and by what they hold); `column_map` overrides both, `{"make": "Brand"}`.
    `profile`, `as_of` and `pack` as for `scan`: load the pack once (`load_pack`) and pass it
    to screen many frames. The frame given is not changed; columns named as the added ones
    are replaced. Raises UsageError for a frame no column of which can name a maker."""
    pack = chosen_pack(pack, profile)
    table = without_answers(arrow_of(frame))
    mapping = frame_map(text_table(table.slice(0, MAP_ROWS)), pack, column_map)
    answers = attribute_table(table, mapping, pack, profile, as_of or date.today())
    return with_answers(frame, frame_kind(frame), answers)


def chosen_pack(pack: Pack | None, profile: str | None) -> Pack:
    """The pack to attribute with (the bundled one when none is given), refusing a profile it
    lacks before any row is read or any task is sent."""
    if pack is None:
        from duediligence.api import load_pack

        pack = load_pack()
    if profile is not None:
        pack.require_profile(profile)
    return pack


def frame_map(text: pa.Table, pack: Pack, column_map: dict[str, str] | None) -> FrameMap:
    """How a text table's columns are read, judged against the pack (`map_frame`)."""
    overrides, sheets = parse_column_map(column_map or {})
    if sheets:
        raise UsageError(
            "column_map names sheets (" + ", ".join(sorted(sheets)) + "): a frame has none"
        )
    return map_frame(text, overrides, CatalogProbe(Identifier(pack.catalog)))


def attribute_table(
    table: pa.Table, mapping: FrameMap, pack: Pack, profile: str | None, when: date
) -> Answers:
    """Each row of a table attributed through `mapping`, in order."""
    import pyarrow as pa

    answers: list[RowAnswer] = []
    parts: list[pa.Array[Any]] = []
    batches = table.to_batches(max_chunksize=BATCH_ROWS)
    for _, answered in attribute_stream(batches, mapping, pack, profile, when):
        parts.append(answered.groups)
        answers = answered.answers
    groups = pa.concat_arrays(parts) if parts else pa.array([], pa.int64())
    return Answers(groups, answers)


def attribute_stream(
    batches: Iterable[pa.RecordBatch],
    mapping: FrameMap,
    pack: Pack,
    profile: str | None,
    when: date,
) -> Iterator[tuple[pa.RecordBatch, Answers]]:
    """Each batch (as given) with its rows' answers, one judge over them all, so a group
    met in one batch is not judged again in the next: a Spark partition's stream of batches
    costs what one table of its rows costs. Batches without rows are passed over."""
    from duediligence.evaluate.columnar import row_groups  # pyarrow: not on `import duediligence`

    if profile is not None:
        pack.require_profile(profile)
    given: deque[pa.RecordBatch] = deque()

    def texts() -> Iterator[pa.RecordBatch]:
        for batch in batches:
            if batch.num_rows:
                given.append(batch)
                yield text_batch(batch)

    stream = texts()
    first = next(stream, None)
    if first is None:
        return
    inventory = frame_inventory(first.schema.names, chain([first], stream), mapping)
    judge = FrameJudge(
        Identifier(pack.catalog), Evaluator(pack, profile, when), when, inventory.dates
    )
    for _, groups in row_groups(judge, inventory.table, inventory.columns.fields):
        yield given.popleft(), Answers(groups, judge.answered())


def without_answers(table: pa.Table) -> pa.Table:
    """A frame attributed before is read without the columns an attribution added."""
    gone = [name for name in COLUMNS if name in table.column_names]
    return table.drop_columns(gone) if gone else table
