"""Large UTF-8 CSV files read by Arrow in blocks of text columns, for the columnar scan.

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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

MIN_BYTES = 4 << 20
"""Below this the csv module is as quick end to end, and Arrow's import (~0.1 s) is not paid."""
BLOCK_BYTES = 4 << 20
"""About 50,000 rows of a typical register: few enough blocks that per-block work is noise,
small enough that memory stays bounded by the block, not the file."""


class Refused(Exception):
    """Arrow cannot read the rest of the file as the csv module would: hand it back."""


@dataclass(frozen=True, slots=True)
class Blocks:
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
                    column_names=names, skip_rows=1, block_size=BLOCK_BYTES, use_threads=False
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


def blocks_for(path: Path, delimiter: str, width: int, encoding: str, header: int) -> Blocks | None:
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
    return Blocks(path, delimiter, width)
