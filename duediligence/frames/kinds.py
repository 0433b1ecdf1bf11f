"""The answers added to a frame of the kind it came as: a pyarrow Table, a pandas or a polars
DataFrame. Each library is imported only for its own frames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from duediligence.frames.judged import COLUMNS, RowAnswer

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True, slots=True)
class Answers:
    """Each row's group (an index into `answers`) and each group's answer."""

    groups: pa.Array[Any]
    answers: list[RowAnswer]


def with_answers(frame: Any, kind: str, answers: Answers) -> Any:
    """`frame` with the columns of `answers` added (replacing any of the same names)."""
    added = answer_table(answers)
    if kind == "pandas":
        return _pandas(frame, added)
    if kind == "polars":
        import polars as pl

        kept = frame.drop([c for c in COLUMNS if c in frame.columns])
        return kept.hstack(pl.from_arrow(added).get_columns())
    import pyarrow as pa

    table = frame if isinstance(frame, pa.Table) else pa.Table.from_batches([frame])
    table = table.drop_columns([c for c in COLUMNS if c in table.column_names])
    for name in COLUMNS:
        table = table.append_column(name, added.column(name))
    return table


def _pandas(frame: Any, added: Any) -> Any:
    """pandas columns: text as objects (None where there is no answer), the confidence as a
    float (NaN where none), the flag as bool, the rules as Arrow lists (each a Python list
    when read), on the frame's own index."""
    import pandas as pd

    out = frame.drop(columns=[c for c in COLUMNS if c in frame.columns]).copy()
    for name in COLUMNS:
        column = added.column(name)
        if name == "dd_rules":
            values = pd.Series(pd.arrays.ArrowExtensionArray(column), index=frame.index, name=name)
        else:
            values = column.to_pandas().set_axis(frame.index)
        out[name] = values
    return out


def answer_table(answers: Answers, *, large: bool = True) -> pa.Table:
    """The added columns as an Arrow table, one row per row of the frame.

    Text and lists are built `large` (64-bit offsets) unless told otherwise: a 32-bit take
    is refused once a column passes 2 GB ("Take operation overflowed binary array
    capacity"), which the explanations (about 500 bytes a row under the `global` profile) do
    past four million rows. pandas and polars keep text so anyway. Spark, which declares
    32-bit text and hands over a batch at a time, asks for `large=False`.
    """
    import pyarrow as pa

    text = pa.large_string() if large else pa.string()
    listed = pa.large_list(text) if large else pa.list_(text)
    each = answers.answers
    per_group: list[pa.Array[Any]] = [
        pa.array([a.entity for a in each], text),
        pa.array([a.entity_name for a in each], text),
        pa.array([a.group for a in each], text),
        pa.array([a.confidence for a in each], pa.float64()),
        pa.array([a.severity for a in each], text),
        pa.array([list(a.rules) for a in each], listed),
        pa.array([a.flagged for a in each], pa.bool_()),
        pa.array([a.explanation for a in each], text),
    ]
    return pa.table([c.take(answers.groups) for c in per_group], names=list(COLUMNS))
