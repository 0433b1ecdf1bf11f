"""Data frames as inventories: a pandas or polars DataFrame or a pyarrow Table read as Arrow
batches of text columns, the batches every other reader yields, mapped as a scan maps a file.

A frame is already in memory and already typed, so reading it is a conversion, never a
failure: numbers, booleans and dates become the text a person sees ('12', 'true',
'2024-03-01'), nulls become empty cells, and a value Arrow cannot cast (a list, a mix of
types in one pandas column) is written as Python writes it. The ASCII separators U+001C to
U+001F, which no register means as text and which the scan loop keeps for itself, read as
spaces. pandas and polars are imported only by the frames they came from: neither is a
dependency of the core.

The column mapping is decided once per frame (`map_frame`) and carried as column names
(`FrameMap`), so the partitions of one Dask or Spark frame, each read on its own, are read
through the one mapping decided on the first rows, not each by its own guess.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from duediligence.errors import InputError, UsageError
from duediligence.inventory.columns import (
    ColumnMap,
    header_key,
    map_columns,
    unique_headers,
)
from duediligence.inventory.content import ContentProbe, profile_values, sample
from duediligence.inventory.dates import DATED, decide
from duediligence.inventory.dates import SAMPLE_ROWS as DATE_SAMPLE_ROWS
from duediligence.inventory.interface import Table
from duediligence.inventory.read import Inventory
from duediligence.results.assets import DateOrder, Field

if TYPE_CHECKING:
    import pyarrow as pa

BATCH_ROWS = 50_000
"""Rows per batch handed to the scan loop, as a large CSV or sheet is cut (blocks.py)."""
FRAME = "DataFrame"
"""What messages call a frame, which has no file name."""
_SEPARATORS = "[\x1c-\x1f]"


@dataclass(frozen=True, slots=True)
class FrameMap:
    """How a frame's columns were read, by column name: small and picklable, so every
    partition of a distributed frame is read alike."""

    fields: tuple[tuple[Field, str], ...]
    dates: tuple[tuple[Field, DateOrder], ...] = ()
    warnings: tuple[str, ...] = ()


class FrameBlocks:
    """A text table's rows, or a stream of text batches (a Spark partition's), as the scan
    loop reads blocks; a frame's batches are never refused."""

    def __init__(self, batches: pa.Table | Iterable[pa.RecordBatch]) -> None:
        self._batches = batches

    def batches(self) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        given = self._batches
        if isinstance(given, pa.Table):
            given = given.to_batches(max_chunksize=BATCH_ROWS)
        for batch in given:
            if batch.num_rows:
                yield batch

    def remaining(
        self, rows: Iterator[tuple[int, list[str]]], consumed: int
    ) -> Iterator[tuple[int, list[str]]]:
        return iter(())


def arrow_of(frame: object) -> pa.Table:
    """The frame as a pyarrow Table, column names as text; UsageError for anything that is
    not a pandas or polars DataFrame or a pyarrow Table (or RecordBatch)."""
    import pyarrow as pa

    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pa.RecordBatch):
        return pa.Table.from_batches([frame])
    kind = frame_kind(frame)
    if kind == "polars":
        return cast("pa.Table", cast(Any, frame).to_arrow())
    if kind == "pandas":
        return _from_pandas(frame)
    raise UsageError(
        "expected a pandas DataFrame, a polars DataFrame or a pyarrow Table, not "
        + type(frame).__qualname__
    )


def frame_kind(frame: object) -> str:
    """'pandas', 'polars', 'arrow' or '' for a frame of no kind read here, told by the
    module its type comes from, so neither library is imported to find out."""
    module = type(frame).__module__.partition(".")[0]
    if module == "pyarrow":
        return "arrow"
    if module in ("pandas", "polars"):
        name = type(frame).__name__
        return module if name == "DataFrame" else ""
    return ""


def _from_pandas(frame: Any) -> pa.Table:
    """Each column on its own: a column of mixed objects ('12', 3, None) that Arrow refuses
    is written as text value by value, and the index is not a column."""
    import pyarrow as pa

    arrays = []
    for i in range(frame.shape[1]):
        series = frame.iloc[:, i]
        try:
            arrays.append(pa.array(series, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            arrays.append(pa.array([_python_text(v) for v in series], pa.string()))
    return pa.Table.from_arrays(arrays, names=[str(c) for c in frame.columns])


def text_table(table: pa.Table) -> pa.Table:
    """Every column as text, nulls as empty cells, column names made unique as a register's
    header is (a name repeated gets ' (2)')."""
    import pyarrow as pa

    header, _ = unique_headers([str(n) for n in table.column_names])
    return pa.Table.from_arrays([_text(table.column(i)) for i in range(table.num_columns)], header)


def text_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """`text_table` of one batch."""
    import pyarrow as pa

    return text_table(pa.Table.from_batches([batch])).combine_chunks().to_batches()[0]


def _text(column: pa.ChunkedArray[Any]) -> pa.ChunkedArray[Any]:
    import pyarrow as pa
    import pyarrow.types as pt

    from duediligence.results.compute import pc

    kind = column.type
    if pt.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pt.is_timestamp(kind) and _midnights(column):
        column = column.cast(pa.date32())
    if not pt.is_string(kind):
        try:
            column = column.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            column = pa.chunked_array(
                [pa.array([_python_text(v) for v in column.to_pylist()], pa.string())],
                pa.string(),
            )
    text: pa.ChunkedArray[Any] = pc.fill_null(column, "")
    if pc.any(pc.match_substring_regex(text, _SEPARATORS)).as_py():
        text = pc.replace_substring_regex(text, _SEPARATORS, " ")
    return text


def _midnights(column: pa.ChunkedArray[Any]) -> bool:
    """Whether every time in a timestamp column is midnight: a date a frame keeps as a time."""
    import pyarrow as pa

    from duediligence.results.compute import pc

    if column.type.tz is not None:
        return False
    days = column.cast(pa.date32()).cast(column.type)
    return bool(pc.all(pc.equal(days, column)).as_py() is not False)


def _python_text(value: object) -> str:
    if value is None or value != value:  # None, NaN, NaT
        return ""
    return str(value)


def map_frame(
    table: pa.Table,
    overrides: dict[Field, str],
    probe: ContentProbe | None,
) -> FrameMap:
    """How a text table's columns are read: `overrides` (`column_map`) first, then header
    names and what the first rows hold, as a scan reads a file (columns.py, roles.py); date
    columns' order of day and month from their first values (dates.py).

    Raises UsageError naming the columns seen when none can say who made an item, or when
    an override names a column the frame does not have. A frame with no rows is not asked
    for such a column: it has nothing to judge.
    """
    header = list(table.column_names)
    inventory = _table(header, table)
    profiles = [profile_values(v, n, probe) for v, n in sample(inventory, len(header))]
    try:
        columns = map_columns(header, overrides, FRAME, profiles, strict=table.num_rows > 0)
    except InputError as exc:
        raise UsageError(exc.message.replace("--map ", "column_map "), FRAME) from None
    indexes = {f: columns.fields[f] for f in DATED if f in columns.fields}
    head = table.slice(0, DATE_SAMPLE_ROWS)
    orders, warnings = decide(
        {
            f: (header[i], [v for v in cast(list[str], head.column(i).to_pylist()) if v.strip()])
            for f, i in indexes.items()
        }
    )
    return FrameMap(
        fields=tuple((f, header[i]) for f, i in columns.fields.items()),
        dates=tuple(orders.items()),
        warnings=tuple(f"{FRAME}: {w}" for w in (*columns.guesses(), *warnings)),
    )


def frame_inventory(
    header: list[str], batches: pa.Table | Iterable[pa.RecordBatch], mapping: FrameMap
) -> Inventory:
    """Text batches under `header` read through a mapping decided before (`map_frame`),
    perhaps on another part of the same frame. UsageError when a column the mapping reads is
    missing."""
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    fields: dict[Field, int] = {}
    for f, name in mapping.fields:
        index = by_key.get(header_key(name))
        if index is None:
            raise UsageError(
                f"no column {name!r}, read as {f.value} in the frame's first rows; the"
                " columns are " + ", ".join(repr(h) for h in header),
                FRAME,
            )
        fields[f] = index
    columns = ColumnMap(tuple(header), fields, dict.fromkeys(fields, "as mapped"))
    return Inventory(_table(header, batches), columns, dict(mapping.dates))


def _table(header: list[str], batches: pa.Table | Iterable[pa.RecordBatch]) -> Table:
    def nothing() -> Generator[tuple[int, list[str]], None, None]:
        yield from ()

    return Table(FRAME, None, list(header), 1, nothing(), blocks=FrameBlocks(batches))
