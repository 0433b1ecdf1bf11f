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
    """The box of the part's cells; a record cut short ends the walk (calamine refuses such
    a sheet itself, with its own message, when it reads it)."""
    extent = Extent()
    row = 0
    reader = _Records(stream)
    while (record := reader.next()) is not None:
        kind, body = record
        if kind == ROW_HEADER and len(body) >= 4:
            row = int.from_bytes(body[:4], "little")
            if row > MAX_ROW:
                break
        elif kind in CELL_TYPES and len(body) >= 4:
            extent.add(row, int.from_bytes(body[:4], "little"))
        elif kind == END_SHEET_DATA:
            row = 0
    return extent


class _Records:
    """(type, first four bytes of the body) of each record in turn: all that calamine reads
    of a row header or a cell to place it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._buffer = b""
        self._at = 0

    def _byte(self) -> int | None:
        if self._at >= len(self._buffer):
            self._buffer, self._at = self._stream.read(_PIECE), 0
            if not self._buffer:
                return None
        self._at += 1
        return self._buffer[self._at - 1]

    def _take(self, size: int, keep: bool) -> bytes | None:
        kept = bytearray()
        while size:
            if self._at >= len(self._buffer):
                self._buffer, self._at = self._stream.read(_PIECE), 0
                if not self._buffer:
                    return None
            step = min(size, len(self._buffer) - self._at)
            if keep and len(kept) < 4:
                kept += self._buffer[self._at : self._at + min(step, 4 - len(kept))]
            self._at += step
            size -= step
        return bytes(kept)

    def next(self) -> tuple[int, bytes] | None:
        first = self._byte()
        if first is None:
            return None
        kind = first & 0x7F
        if first & 0x80:
            second = self._byte()
            if second is None:
                return None
            kind += (second & 0x7F) << 7
        size = 0
        for shift in range(0, 28, 7):
            byte = self._byte()
            if byte is None:
                return None
            size += (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        wanted = kind == ROW_HEADER or kind in CELL_TYPES
        body = self._take(size, keep=wanted)
        if body is None:
            return None
        return kind, body


def _refusal(name: str, extent: Extent, limit: int) -> str:
    rows = extent.bottom - extent.top + 1
    columns = extent.right - extent.left + 1
    return (
        f"{name}: its cells span {rows:,} rows by {columns:,} columns ({extent.cells:,} cells),"
        f" more than the {limit:,} of a million rows of 64 columns that may be read (cells far"
        " apart, or a sheet not from a register?)"
    )
