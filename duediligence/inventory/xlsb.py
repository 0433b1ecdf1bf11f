"""How far apart an Excel binary workbook's (.xlsb) cells lie, found from its records before
python-calamine loads a sheet.

An .xlsb sheet is a stream of binary records (MS-XLSB 2.1.4: a type of one or two bytes and
a size of up to four, seven bits in each byte), not XML, so extent.py's search cannot see
its cells. calamine places a cell on the row the last row header (BrtRowHdr) named and at
the column its record's first four bytes give, and holds the sheet as the dense box from
its first cell to its last (Range::from_sparse), as for .xlsx: a 1 KB file with cells at A1
and at column 4 billion would make it allocate past any memory and abort the process. So
every binary part of the archive is walked here, record by record, and a part whose cells
span more than the limit is refused. A part that is not a sheet holds no records of these
types, and counting one anyway could only refuse a file, never let one through.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import IO

from duediligence.errors import InputError
from duediligence.inventory.extent import Extent

ROW_HEADER = 0x0000
CELL_TYPES = frozenset(range(0x0002, 0x000C))
"""BrtCellRk to BrtFmlaError: the records calamine reads as a cell with a value (BrtCellBlank,
0x0001, it passes over)."""
END_SHEET_DATA = 0x0092
MAX_ROW = 0x0010_0000
"""A row header past this makes calamine stop reading the sheet."""
_PIECE = 1 << 20
_LOOKAHEAD = 16
"""More than a record's header and the start of its body take (2 + 4 + 4 bytes)."""


def check_xlsb(path: Path, display: str, limit: int) -> None:
    """Raise InputError when the cells of any binary part of the workbook span more than
    `limit`. Called after the archive check, which bounds what each part unpacks to."""
    try:
        with zipfile.ZipFile(path) as archive:
            for part in archive.infolist():
                if part.is_dir() or not part.filename.lower().endswith(".bin"):
                    continue
                with archive.open(part) as stream:
                    extent = _extent(stream)
                if extent.cells > limit:
                    raise InputError(_refusal(part.filename, extent, limit), display)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"cannot be read: the file is damaged ({exc})", display) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc


def _extent(stream: IO[bytes]) -> Extent:
    """The box of the part's cells, read a piece at a time: of each record only its type,
    its size and, for a row header or a cell, the first four bytes of its body, all that
    calamine reads to place a cell. A record cut short ends the walk (calamine refuses such
    a sheet itself, with its own message, when it reads it)."""
    extent = Extent()
    row = 0
    data, at, ended = b"", 0, False
    while True:
        if len(data) - at < _LOOKAHEAD and not ended:
            more = stream.read(_PIECE)
            ended = not more
            data, at = data[at:] + more, 0
        end = len(data)
        if at >= end:
            return extent
        byte = data[at]
        kind = byte & 0x7F
        at += 1
        if byte & 0x80:
            if at >= end:
                return extent
            kind += (data[at] & 0x7F) << 7
            at += 1
        size = shift = 0
        for _ in range(4):
            if at >= end:
                return extent
            byte = data[at]
            at += 1
            size += (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if kind == ROW_HEADER or kind in CELL_TYPES:
            if size >= 4 and at + 4 <= end:
                value = int.from_bytes(data[at : at + 4], "little")
                if kind != ROW_HEADER:
                    extent.add(row, value)
                elif value > MAX_ROW:
                    return extent
                else:
                    row = value
        elif kind == END_SHEET_DATA:
            row = 0
        at += size
        if at > end:
            if not _skip(stream, at - end):
                return extent
            data, at = b"", 0


def _skip(stream: IO[bytes], count: int) -> bool:
    """Pass over `count` bytes of the stream; False when it ends first."""
    while count > 0:
        skipped = len(stream.read(min(count, _PIECE)))
        if not skipped:
            return False
        count -= skipped
    return True


def _refusal(name: str, extent: Extent, limit: int) -> str:
    rows = extent.bottom - extent.top + 1
    columns = extent.right - extent.left + 1
    return (
        f"{name}: its cells span {rows:,} rows by {columns:,} columns ({extent.cells:,} cells),"
        f" more than the {limit:,} of a million rows of 64 columns that may be read (cells far"
        " apart, or a sheet not from a register?)"
    )
