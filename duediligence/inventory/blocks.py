"""Large tables in blocks of Arrow text columns, for the columnar scan.

A UTF-8 CSV file is read by Arrow itself (`CsvBlocks`); a large sheet's rows, already text,
are gathered into blocks (`RowBlocks`).

The csv module stays the reference reader. Arrow reads a file only where it reads what the
csv module reads (UTF-8 with or without a byte-order mark, the header on the first line, '"'
quoting), and where it refuses a block (a ragged row, invalid UTF-8, a quote never closed)
the csv module takes over from the first row of that block and reports the problem as it
always does. One difference remains and is documented: text after a closing quote
('"abc"def') is read as Excel reads it ('abcdef') where the csv module refuses the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pyarrow as pa

MIN_BYTES = 4 << 20
"""Below this the csv module is as quick end to end, and Arrow's import (~0.1 s) is not paid."""
BLOCK_BYTES = 4 << 20
"""About 50,000 rows of a typical register: few enough blocks that per-block work is noise,
small enough that memory stays bounded by the block, not the file."""


ROWS_PER_BLOCK = 50_000
MIN_ROWS = 20_000
"""A sheet shorter than this is scanned row by row: Arrow's import would cost more."""

Rows = Iterator[tuple[int, list[str]]]


class Refused(Exception):
    """The blocks cannot go on as the row reader would: hand the rest back to it."""


class Blocks(Protocol):
    """Record batches of a table's rows (one string column per header cell, rows numbered on
    from the header), and the rows left for the row loop where they stop."""

    def batches(self) -> Iterator[pa.RecordBatch]: ...

    def remaining(self, rows: Rows, consumed: int) -> Rows: ...


@dataclass(frozen=True, slots=True)
class CsvBlocks:
    """Where and how to read a CSV in Arrow record batches of strings, one column per header
    cell, data starting on line 2."""

    path: Path
    delimiter: str
    width: int

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
            with reader:
                while True:
                    try:
                        batch = reader.read_next_batch()
                    except StopIteration:
                        return
                    yield batch
        except (pa.ArrowInvalid, pa.ArrowException, OSError) as exc:
            raise Refused(str(exc)) from exc

    def remaining(self, rows: Rows, consumed: int) -> Rows:
        """The csv module reads the file again from the start: skip what the blocks judged."""
        return islice(rows, consumed, None)


class RowBlocks:
    """Rows a reader has already turned into text (a workbook's), gathered into blocks.

    Only rows numbered one after another and exactly as wide as the header go into blocks;
    at the first other row, it and the rows gathered since the last block go back to the row
    loop with the rest, which reports them as it always does.
    """

    def __init__(self, rows: Rows, width: int, first: int) -> None:
        self._rows = rows
        self._width = width
        self._first = first
        self._left: list[tuple[int, list[str]]] = []

    def batches(self) -> Iterator[pa.RecordBatch]:

        names = [f"c{i}" for i in range(self._width)]
        expected, width = self._first, self._width
        gathered: list[tuple[int, list[str]]] = []
        for number, cells in self._rows:
            gathered.append((number, cells))
            if number != expected or len(cells) != width:
                self._left = gathered
                raise Refused(f"row {number} does not continue the block")
            expected += 1
            if len(gathered) == ROWS_PER_BLOCK:
                yield _batch(gathered, names)
                gathered = []
        if gathered:
            yield _batch(gathered, names)

    def remaining(self, rows: Rows, consumed: int) -> Rows:
        return chain(self._left, self._rows)


def _batch(rows: list[tuple[int, list[str]]], names: list[str]) -> pa.RecordBatch:
    import pyarrow as pa

    columns = zip(*(cells for _, cells in rows), strict=True)
    return pa.RecordBatch.from_arrays([pa.array(c, pa.string()) for c in columns], names)


def row_blocks(rows: Rows, width: int, first: int, height: int) -> RowBlocks | None:
    """Blocks for a sheet of `height` rows when Arrow is worth its import; else None."""
    if height < MIN_ROWS or width == 0:
        return None
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return None
    return RowBlocks(rows, width, first)


def blocks_for(
    path: Path, delimiter: str, width: int, encoding: str, header: int
) -> CsvBlocks | None:
    """Blocks for a file Arrow can read as the csv module would, and that is big enough to gain;
    else None."""
    if encoding != "utf-8-sig" or header != 1 or width == 0:
        return None
    try:
        if path.stat().st_size < MIN_BYTES:
            return None
        import pyarrow.csv  # noqa: F401
    except (OSError, ImportError):
        return None
    return CsvBlocks(path, delimiter, width)
