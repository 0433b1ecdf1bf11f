"""`attribute`: every row of a frame attributed and judged by the scan's own loop, the answer
added as columns, the rows in order, the frame of the same kind handed back.

Pure: the pack is loaded once by the caller (or here, when none is given) and passed in, and
nothing is kept between calls, so the same function runs on each partition of a Dask or
Spark frame with the pack the driver sent (on_dask.py, on_spark.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from duediligence.errors import UsageError
from duediligence.evaluate.columnar import row_groups
from duediligence.evaluate.engine import Evaluator
from duediligence.frames.judged import COLUMNS, FrameJudge
from duediligence.frames.kinds import Answers, with_answers
from duediligence.identify.interface import Identifier
from duediligence.identify.probe import CatalogProbe
from duediligence.inventory.frames import (
    FrameMap,
    arrow_of,
    frame_inventory,
    frame_kind,
    map_frame,
    text_table,
)
from duediligence.inventory.read import parse_column_map
from duediligence.results.assets import Field

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
    if pack is None:
        from duediligence.api import load_pack

        pack = load_pack()
    text = text_table(_without_answers(arrow_of(frame)))
    mapping = frame_map(text, pack, column_map)
    answers = attribute_text(text, mapping, pack, profile, as_of or date.today())
    return with_answers(frame, frame_kind(frame), answers)


def frame_map(text: pa.Table, pack: Pack, column_map: dict[str, str] | None) -> FrameMap:
    """How a text table's columns are read, judged against the pack (`map_frame`)."""
    overrides, sheets = parse_column_map(column_map or {})
    if sheets:
        raise UsageError(
            "column_map names sheets (" + ", ".join(sorted(sheets)) + "): a frame has none"
        )
    return map_frame(text, overrides, CatalogProbe(Identifier(pack.catalog)))


def attribute_text(
    text: pa.Table, mapping: FrameMap, pack: Pack, profile: str | None, when: date
) -> Answers:
    """Each row of a text table (`text_table`) attributed through `mapping`."""
    import pyarrow as pa

    if profile is not None:
        pack.require_profile(profile)
    inventory = frame_inventory(text, mapping)
    judge = FrameJudge(
        Identifier(pack.catalog), Evaluator(pack, profile, when), when, inventory.dates
    )
    fields: dict[Field, int] = inventory.columns.fields
    parts = [groups for _, groups in row_groups(judge, inventory.table, fields)]
    groups = pa.concat_arrays(parts) if parts else pa.array([], pa.int64())
    return Answers(groups, judge.answered())


def _without_answers(table: pa.Table) -> pa.Table:
    """A frame attributed before is read without the columns an attribution added."""
    gone = [name for name in COLUMNS if name in table.column_names]
    return table.drop_columns(gone) if gone else table
