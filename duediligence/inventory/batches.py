"""What the scan reads from every table: Arrow record batches of text with their row numbers.

A reader that parses into Arrow itself (a large CSV, a large sheet: blocks.py) hands over its
blocks while it can; every other row, from any reader, goes through `RowBatcher`, the one
place that decides what a ragged row is: a row with no cell at all or only empty ones and not
as wide as the header is no row (a blank line), a shorter one is padded with empty cells, a
longer one keeps its extra cells as unnamed columns, and each such row is counted for the
table's warning. Row numbers travel beside the cells because they are not always one after
another: blank lines, gaps in a sheet, records of a JSON file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from duediligence.errors import InputError
from duediligence.inventory.blocks import CsvBlocks, Refused
from duediligence.inventory.interface import Table

if TYPE_CHECKING:
    import pyarrow as pa

ROWS_PER_BATCH = 50_000
"""Rows gathered into one batch: per-batch work is noise past a few thousand rows, and
memory stays bounded by the batch, not the table."""


@dataclass(frozen=True, slots=True)
class Batch:
    """Rows of one table: `cells` holds one string column per header cell (then one per
    unnamed column past it, where a row is wider), `numbers` each row's number as a person
    sees it (int64)."""

    numbers: pa.Array[Any]
    cells: pa.RecordBatch

    @property
    def num_rows(self) -> int:
        return self.cells.num_rows


def batches(table: Table) -> Iterator[Batch]:
    """Every row of the table, in order, as batches: the reader's Arrow blocks while they
    last, then the rest of its rows through `RowBatcher`. Closes the table's rows when done."""
    _check_header(table)
    width = len(table.header)
    if table.blocks is None:
        yield from RowBatcher(table, width).batches(table.rows)
        return
    from duediligence.results.compute import int_range

    text = _csv_blocks(table)
    first = table.header_row + 1
    read = 0
    held: Batch | None = None
    """The last block read, yielded once the next arrives: a CSV's last block is checked for
    a quoted cell the file ends inside (Arrow reads one as closed) before it goes."""
    try:
        for block in table.blocks.batches():
            n = block.num_rows
            if not n:
                continue
            if text is not None:
                note_line_breaks(table.lines, block, first + read)
            batch = Batch(int_range(first + read, n), block)
            read += n
            if held is not None:
                yield held
            held = batch
    except Refused:
        # The blocks stopped at a row they cannot take: the rows go on from there.
        if held is not None:
            yield held
    else:
        if (
            held is None
            or text is None
            or not text.ends_open(held.cells, first + read - 1, table.lines)
        ):
            if held is not None:
                yield held
            table.rows.close()
            return
        read -= held.num_rows  # the csv module reads the last block again, and names the cell
    rest = table.blocks.remaining(table.rows, read)
    yield from RowBatcher(table, width).batches(rest)


def _csv_blocks(table: Table) -> CsvBlocks | None:
    inner = getattr(table.blocks, "inner", table.blocks)
    return inner if isinstance(inner, CsvBlocks) else None


def note_line_breaks(lines: list[tuple[int, int]], batch: pa.RecordBatch, number: int) -> None:
    """Note in `lines` the rows pushed down a text line by a cell holding a line break (in
    rows from `number`), as the csv module's reader notes them: most blocks hold none."""
    from duediligence.results.compute import holds, pc

    counts = None
    for column in batch.columns:
        if holds(column, b"\n", b"\r"):
            found = pc.count_substring_regex(column, "\r\n|\r|\n")
            counts = found if counts is None else pc.add(counts, found)
    if counts is None:
        return
    shift = lines[-1][1] - lines[-1][0] if lines else 0
    breaks = counts.to_pylist()
    for i in pc.indices_nonzero(counts).to_pylist():
        shift += breaks[i]
        row = number + i + 1
        lines.append((row, row + shift))


class RowBatcher:
    """Rows as readers make them, (number, cells as text), gathered into batches."""

    def __init__(self, table: Table, width: int) -> None:
        self._table = table
        self._width = width

    def batches(self, rows: Iterator[tuple[int, list[str]]]) -> Iterator[Batch]:
        gathered: list[list[str]] = []
        numbers: list[int] = []
        widest = width = self._width
        table = self._table
        try:
            for number, cells in rows:
                n = len(cells)
                if n != width:
                    if not any(cells):
                        continue  # a blank line is not a row
                    table.ragged += 1
                    if not table.first_ragged:
                        table.first_ragged = f"row {number} has {n} cells"
                    widest = max(widest, n)
                gathered.append(cells)
                numbers.append(number)
                if len(gathered) == ROWS_PER_BATCH:
                    yield self._batch(numbers, gathered, widest)
                    gathered, numbers, widest = [], [], width
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        if gathered:
            yield self._batch(numbers, gathered, widest)

    def _batch(self, numbers: list[int], rows: list[list[str]], width: int) -> Batch:
        try:
            return _batch(numbers, rows, width)
        except UnicodeEncodeError:
            raise self._not_text(numbers, rows) from None

    def _not_text(self, numbers: list[int], rows: list[list[str]]) -> InputError:
        """The first cell (or header name) holding a lone surrogate, which Arrow cannot take.

        JSON may escape half of a UTF-16 pair ("\\ud800") with its other half missing: no
        character, so no text, UTF-8 or other, can hold it. It is refused as text that is not
        valid is refused everywhere (docs/security.md), never replaced by a guess.
        """
        table = self._table
        where = f"sheet {table.sheet!r}, " if table.sheet is not None else ""
        for number, cells in zip(numbers, rows, strict=True):
            for i, cell in enumerate(cells):
                if (half := _lone_surrogate(cell)) is not None:
                    column = table.header[i] if i < len(table.header) else f"{i + 1}"
                    return _refusal(
                        f"{where}row {number}, column {column!r}: holds {half}", table.path
                    )
        raise AssertionError("Arrow refused text that holds no lone surrogate")


_NOT_A_CHARACTER = (
    ", half of a UTF-16 surrogate pair without its other half: not a character, so it"
    " cannot be read as text; write the character meant, or remove it"
)


def _check_header(table: Table) -> None:
    """A header name holding a lone surrogate is refused before any row (RowBatcher)."""
    for i, name in enumerate(table.header):
        if (half := _lone_surrogate(name)) is not None:
            where = f"sheet {table.sheet!r}, " if table.sheet is not None else ""
            raise _refusal(f"{where}column {i + 1}: its name holds {half}", table.path)


def _refusal(what: str, path: str) -> InputError:
    return InputError(what + _NOT_A_CHARACTER, path)


def _lone_surrogate(text: str) -> str | None:
    """'U+D800' for the first lone surrogate in `text`, None when it holds none."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"U+{ord(text[exc.start]):04X}"
    return None


def _batch(numbers: list[int], rows: list[list[str]], width: int) -> Batch:
    import pyarrow as pa

    from duediligence.results.compute import int_array, text_array

    if any(len(cells) != width for cells in rows):
        rows = [cells + [""] * (width - len(cells)) for cells in rows]
    columns = [text_array(column) for column in zip(*rows, strict=True)]
    names = [f"c{i}" for i in range(len(columns))]
    return Batch(int_array(numbers), pa.RecordBatch.from_arrays(columns, names))


def import_arrow_ahead() -> threading.Thread:
    """Import pyarrow on a thread while the caller goes on (loading the pack, opening the
    files): every scan reads Arrow batches, and its import (~0.1 s) then overlaps work a
    small file's scan waits for anyway. Join the thread before relying on the import."""
    thread = threading.Thread(target=_import_arrow, name="import-arrow", daemon=True)
    thread.start()
    return thread


def _import_arrow() -> None:
    try:
        import duediligence.results.compute  # noqa: F401  (pyarrow and its kernels)
    except ImportError:
        pass  # the scan's own import then says what is missing
