"""Large tables parsed into blocks of Arrow text columns by their reader, for the scan loop.

A CSV file is read by Arrow itself (`CsvBlocks`), a file in another encoding than UTF-8
transcoded to UTF-8 by its Python codec as Arrow reads; a large sheet's cells are taken from
its reader a block at a time and made text column by column (`SheetBlocks`, `TableBlocks`).
Every other table's rows are gathered into batches by batches.py.

Arrow reads a file only where it reads what the csv module reads (the encoding the reader
found, the header on the first line, '"' quoting, the edge cases of csv_edges.py), and
where it refuses a block (a ragged row, invalid text, a quote never closed, a cell past the
csv module's limit) the csv module reads on from the first row of that block, through the
same batches (batches.py), and reports the problem as it always does.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from duediligence.inventory.cells import cells_text, column_text
from duediligence.inventory.csv_edges import ends_open

if TYPE_CHECKING:
    import pyarrow as pa

MIN_BYTES = 4 << 20
"""Below this the csv module is as quick end to end, and Arrow's import (~0.1 s) is not paid."""
BLOCK_BYTES = 4 << 20
"""About 50,000 rows of a typical register: few enough blocks that per-block work is noise,
small enough that memory stays bounded by the block, not the file."""


ROWS_PER_BLOCK = 50_000
MIN_ROWS = 20_000
"""A sheet shorter than this has its cells made text row by row, and batches.py gathers the
rows; from this size, taking blocks and making them text column by column pays."""

Rows = Iterator[tuple[int, list[str]]]
Taken = TypeVar("Taken")


class Refused(Exception):
    """The blocks cannot go on as the table's rows would: the rows read on from here."""


class Blocks(Protocol):
    """Record batches of a table's rows (one string column per header cell, rows numbered on
    from the header), and the table's rows left to read where they stop (batches.py)."""

    def batches(self) -> Iterator[pa.RecordBatch]: ...

    def remaining(self, rows: Rows, consumed: int) -> Rows: ...


@dataclass(frozen=True, slots=True)
class CsvBlocks:
    """Where and how to read a CSV in Arrow record batches of strings, one column per header
    cell, data starting on line 2."""

    path: Path
    delimiter: str
    width: int
    encoding: str = "utf8"
    """Arrow's own UTF-8 reader, or any other Python codec, which Arrow then calls to
    transcode the file to UTF-8 a block at a time as it reads."""

    def batches(self) -> Iterator[pa.RecordBatch]:
        """Record batches in file order; `Refused` where Arrow cannot go on."""
        import pyarrow as pa
        import pyarrow.csv as pcsv

        names = [f"c{i}" for i in range(self.width)]
        try:
            reader = pcsv.open_csv(
                str(self.path),
                read_options=pcsv.ReadOptions(
                    column_names=names,
                    # Records, not lines: a header cell may hold a line break.
                    skip_rows_after_names=1,
                    block_size=BLOCK_BYTES,
                    use_threads=False,
                    encoding=self.encoding,
                ),
                parse_options=pcsv.ParseOptions(
                    delimiter=self.delimiter,
                    quote_char='"',
                    double_quote=True,
                    escape_char=False,
                    newlines_in_values=True,
                    ignore_empty_lines=False,
                ),
                convert_options=pcsv.ConvertOptions(
                    column_types=dict.fromkeys(names, pa.string()),
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
            # The next block is parsed on a thread while this one is judged (Arrow's parse
            # lets go of the interpreter); its error, if any, is raised in its turn.
            with reader, ThreadPoolExecutor(1, thread_name_prefix="csv-ahead") as ahead:
                pending = ahead.submit(_next_block, reader)
                while (batch := pending.result()) is not None:
                    pending = ahead.submit(_next_block, reader)
                    yield batch
        except (pa.ArrowInvalid, pa.ArrowException, OSError, UnicodeDecodeError) as exc:
            # A byte the codec refuses, while transcoding: the csv module names its line.
            raise Refused(str(exc)) from exc

    def ends_open(self, last: pa.RecordBatch, row: int, lines: list[tuple[int, int]]) -> bool:
        """Whether the file ends inside a quoted cell: Arrow reads it as closed, the csv
        module refuses it (csv_edges.py). `last` is the file's last block, `row` its last
        row, `lines` the rows a line break in a cell pushed down."""
        # the last shift noted at or before the row (a break in the row itself notes the next)
        shift = next((at - n for n, at in reversed(lines) if n <= row), 0)
        cell = last.column(last.num_columns - 1)[last.num_rows - 1].as_py()
        return ends_open(self.path, self.encoding, self.delimiter, row + shift, cell) is not None

    def remaining(self, rows: Rows, consumed: int) -> Rows:
        """The csv module reads the file again from the start: skip what the blocks judged."""
        return islice(rows, consumed, None)


def _next_block(reader: Any) -> pa.RecordBatch | None:
    """The reader's next block, checked; None after the last."""
    try:
        batch: pa.RecordBatch = reader.read_next_batch()
    except StopIteration:
        return None
    _check_lengths(batch)
    return batch


def _check_lengths(batch: pa.RecordBatch) -> None:
    """Refuse a block holding a cell longer than the csv module takes: Arrow reads any, and
    the csv module then names the cell as it does in a small file."""
    import csv

    from duediligence.results.compute import pc

    limit = csv.field_size_limit()
    for column in batch.columns:
        if len(column) and pc.max(pc.binary_length(column)).as_py() > limit:
            if pc.max(pc.utf8_length(column)).as_py() > limit:
                raise Refused(f"a cell longer than {limit} characters")


class _TakenBlocks(ABC, Generic[Taken]):
    """Blocks taken from a sheet's reader, ROWS_PER_BLOCK rows at a time, each made a batch
    of text columns. A block whose cells past the header are not all blank (a ragged row)
    goes back to the sheet's rows whole, with the rest, which batches.py gathers."""

    def __init__(
        self,
        take: Callable[[int], Taken],
        width: int,
        first: int,
        text_rows: Callable[[list[list[Any]], int], Rows],
    ) -> None:
        self._take = take
        self._width = width
        self._first = first
        self._text_rows = text_rows
        self._left: tuple[list[list[Any]], int] = ([], first)

    def batches(self) -> Iterator[pa.RecordBatch]:
        names = [f"c{i}" for i in range(self._width)]
        number = self._first
        while count := self._count(taken := self._take(ROWS_PER_BLOCK)):
            batch = self._batch(taken, names)
            if batch is None:
                self._left = (self._rows(taken), number)
                raise Refused(f"rows {number} to {number + count - 1} are not all as wide")
            yield batch
            number += count

    def remaining(self, rows: Rows, consumed: int) -> Rows:
        return chain(self._text_rows(*self._left), rows)

    @abstractmethod
    def _count(self, taken: Taken) -> int: ...

    @abstractmethod
    def _batch(self, taken: Taken, names: list[str]) -> pa.RecordBatch | None: ...

    @abstractmethod
    def _rows(self, taken: Taken) -> list[list[Any]]: ...


class SheetBlocks(_TakenBlocks[list[list[Any]]]):
    """A large sheet's rows taken from python-calamine a block at a time and made text
    column by column in Arrow: a million rows in ~1 s, against ~4 s a row at a time."""

    def _count(self, taken: list[list[Any]]) -> int:
        return len(taken)

    def _batch(self, taken: list[list[Any]], names: list[str]) -> pa.RecordBatch | None:
        return _cell_batch(taken, self._width, names)

    def _rows(self, taken: list[list[Any]]) -> list[list[Any]]:
        return taken


class TableBlocks(_TakenBlocks["pa.Table"]):
    """A large sheet already in Arrow columns of text (arrow_sheet.ArrowSheet): empty cells
    filled and space trimmed, as `SheetBlocks` makes its cells."""

    def _count(self, taken: pa.Table) -> int:
        return taken.num_rows

    def _batch(self, taken: pa.Table, names: list[str]) -> pa.RecordBatch | None:
        import pyarrow as pa

        columns, width = taken.columns, self._width
        if len(columns) < width or not all(_blank_text(c) for c in columns[width:]):
            return None
        return pa.RecordBatch.from_arrays([_trimmed_text(c) for c in columns[:width]], names)

    def _rows(self, taken: pa.Table) -> list[list[Any]]:
        from duediligence.inventory.arrow_sheet import python_rows  # workbooks only

        return python_rows(taken)


def _blank_text(column: pa.ChunkedArray[Any]) -> bool:
    return column.null_count == len(column) or not any(cells_text(column.to_pylist()))


def _trimmed_text(column: pa.ChunkedArray[Any]) -> pa.Array[Any]:
    """A column of a block as text, empty cells '' and space trimmed. Through `pc` and the
    arrays built from bytes (results/compute.py): the ChunkedArray's own fill_null imports
    pyarrow.compute, ~0.07 s that a workbook of text would pay for this alone."""
    from duediligence.results.compute import pc, text_array, text_scalar, text_values

    filled = pc.fill_null(column, text_scalar("")) if column.null_count else column
    text = cast("pa.StringArray", filled.combine_chunks())
    if _trimmed(text):
        return text
    return text_array([cell.strip() for cell in text_values(text)])


_EDGE = "^[^!-~]|[^!-~]$"
"""A cell that begins or ends with anything but a visible ASCII character may have space to
trim; Python's str.strip decides (its idea of space is wider than Arrow's)."""
_SEPARATORS = (b"\x1c", b"\x1d", b"\x1e", b"\x1f")
"""ASCII characters Python's str.strip trims and Arrow's ascii_trim_whitespace does not:
looked for one at a time (memchr, 0.02 ms for a block's column against 1.4 ms for one
character class searched by `re`)."""


def _cell_batch(rows: list[list[Any]], width: int, names: list[str]) -> pa.RecordBatch | None:
    """The rows' first `width` columns as text; None when a later column holds anything.

    The rows are all as wide (else None), so their cells laid end to end hold each column
    at a stride: a column is a slice of that one list, a quarter less time than taking each
    row's cell in turn (`itemgetter`, 14.7 ms for 50,000 rows of 7 columns against 10.9
    ms), which itself took half the time of `zip(*rows)`.
    """
    import pyarrow as pa

    widths = set(map(len, rows))
    if len(widths) != 1:
        return None
    (count,) = widths
    laid = list(chain.from_iterable(rows))
    columns = [laid[i::count] for i in range(count)]
    del laid
    if len(columns) < width or not all(_blank(c) for c in columns[width:]):
        return None
    try:
        return pa.RecordBatch.from_arrays([_text_column(c) for c in columns[:width]], names)
    except UnicodeEncodeError:  # a lone surrogate: the rows report it
        return None


def _blank(column: Sequence[Any]) -> bool:
    return column.count("") == len(column) or not any(cells_text(column))


def _text_column(column: Sequence[Any]) -> pa.Array[Any]:
    """Cells as the sheet's rows make them: text trimmed, numbers and dates as a person sees
    them (`cell_text`); Arrow converts a column of text alone, most of a register."""
    import pyarrow as pa

    try:
        text = pa.array(column, pa.string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        if set(map(type, column)) == {date}:
            # A column of dates alone (a register kept in Excel): Arrow writes a date as
            # date.isoformat does, over Python's whole range of dates, in 2.6 ms for 50,000
            # cells against 6.2 ms for each distinct day made text in Python.
            return pa.array(column, pa.date32()).cast(pa.string())
        return pa.array(column_text(column), pa.string())
    if text.null_count or not _trimmed(text):
        return pa.array(cells_text(column), pa.string())
    return text


def _trimmed(text: pa.StringArray) -> bool:
    """Whether no cell has space at either end, as str.strip sees space. Text that is all
    ASCII (one pass over its bytes) is checked by Arrow's trim, a fifth of the time a
    pattern takes."""
    from duediligence.results.compute import own_bytes, pc

    raw = bytes(own_bytes(text))
    if not raw:
        return True
    if raw.isascii() and not any(separator in raw for separator in _SEPARATORS):
        return bool(pc.all(pc.equal(pc.ascii_trim_whitespace(text), text)).as_py())
    return not pc.any(pc.match_substring_regex(text, _EDGE)).as_py()


def sheet_blocks(
    take: Callable[[int], list[list[Any]]],
    width: int,
    first: int,
    height: int,
    text_rows: Callable[[list[list[Any]], int], Rows],
) -> SheetBlocks | None:
    """Blocks for a sheet of `height` rows when Arrow is worth its import; else None."""
    if height < MIN_ROWS or width == 0:
        return None
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return None
    return SheetBlocks(take, width, first, text_rows)


def table_blocks(
    take: Callable[[int], pa.Table],
    width: int,
    first: int,
    height: int,
    text_rows: Callable[[list[list[Any]], int], Rows],
) -> TableBlocks | None:
    """Blocks for a sheet of `height` rows in Arrow, unless too short to gain; else None."""
    if height < MIN_ROWS or width == 0:
        return None
    return TableBlocks(take, width, first, text_rows)


def blocks_for(
    path: Path, delimiter: str, width: int, encoding: str, header: int
) -> CsvBlocks | None:
    """Blocks for a file Arrow can read as the csv module would, and that is big enough to gain;
    else None. A file in another encoding than UTF-8 is transcoded as Arrow reads it
    (`CsvBlocks.encoding`); UTF-16 and UTF-32 drop their byte-order mark in Python's codec."""
    if header != 1 or width == 0:
        return None
    try:
        if path.stat().st_size < MIN_BYTES:
            return None
        import pyarrow.csv  # noqa: F401
    except (OSError, ImportError):
        return None
    return CsvBlocks(path, delimiter, width, "utf8" if encoding == "utf-8-sig" else encoding)
