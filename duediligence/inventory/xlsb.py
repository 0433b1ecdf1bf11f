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

import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from duediligence.errors import InputError
from duediligence.inventory.extent import Extent
from duediligence.inventory.ods import Merges, Range

ROW_HEADER = 0x0000
CELL_TYPES = frozenset(range(0x0002, 0x000C))
"""BrtCellRk to BrtFmlaError: the records calamine reads as a cell with a value (BrtCellBlank,
0x0001, it passes over)."""
END_SHEET_DATA = 0x0092
MAX_ROW = 0x0010_0000
"""A row header past this makes calamine stop reading the sheet."""
_PIECE = 1 << 20
_LOOKAHEAD = 32
"""More than a record's header and the body bytes read take (2 + 4 + 16 bytes)."""
MERGE_CELL, BUNDLE_SHEET = 0x00B0, 0x009C
"""BrtMergeCell (an RfX: first and last row, first and last column, 32 bits each) and
BrtBundleSh (a sheet of the workbook list)."""
_LIST_LIMIT = 16 << 20


def check_xlsb(path: Path, display: str, limit: int) -> Merges:
    """Raise InputError when the cells of any binary part of the workbook span more than
    `limit`; else each sheet's merged ranges, by sheet name, which calamine does not give
    for .xlsb. Called after the archive check, which bounds what each part unpacks to."""
    merged: dict[str, list[Range]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for part in archive.infolist():
                if part.is_dir() or not part.filename.lower().endswith(".bin"):
                    continue
                with archive.open(part) as stream:
                    extent, ranges = _extent(stream)
                if extent.cells > limit:
                    raise InputError(_refusal(part.filename, extent, limit), display)
                if ranges:
                    merged[part.filename] = ranges
            names = _sheet_parts(archive) if merged else {}
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"cannot be read: the file is damaged ({exc})", display) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    return {name: merged[part] for part, name in names.items() if part in merged}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name by part, as calamine finds them: each BrtBundleSh record of
    xl/workbook.bin names a sheet and a relationship, whose target in
    xl/_rels/workbook.bin.rels is the part under xl/. Parts too large to be a workbook's
    list are not read: their sheets' merged cells are then left unfilled, nothing worse."""
    try:
        book = archive.getinfo("xl/workbook.bin")
        rels = archive.getinfo("xl/_rels/workbook.bin.rels")
    except KeyError:
        return {}
    if book.file_size > _LIST_LIMIT or rels.file_size > _LIST_LIMIT:
        return {}
    from defusedxml import DefusedXmlException  # .xlsb only (books.py imports this module)
    from defusedxml.ElementTree import fromstring

    try:
        targets = {
            r.get("Id", ""): r.get("Target", "")
            for r in fromstring(archive.read(rels)).iter()
            if r.tag.rpartition("}")[2] == "Relationship"
        }
    except (ParseError, DefusedXmlException):
        return {}
    out: dict[str, str] = {}
    data, at = archive.read(book), 0
    while (found := _record(data, at)) is not None:
        kind, body, at = found
        if kind == BUNDLE_SHEET and (sheet := _bundle(body)) is not None:
            relation, name = sheet
            target = targets.get(relation, "").lstrip("/")
            out[target if target.startswith("xl/") else f"xl/{target}"] = name
    return out


def _record(data: bytes, at: int) -> tuple[int, bytes, int] | None:
    """The record at `at` in a part held whole: (type, body, where the next begins)."""
    if at >= len(data):
        return None
    kind = data[at] & 0x7F
    if data[at] & 0x80:
        if at + 1 >= len(data):
            return None
        kind += (data[at + 1] & 0x7F) << 7
        at += 1
    at += 1
    size = shift = 0
    for _ in range(4):
        if at >= len(data):
            return None
        size += (data[at] & 0x7F) << shift
        shift += 7
        at += 1
        if not data[at - 1] & 0x80:
            break
    return kind, data[at : at + size], at + size


def _bundle(body: bytes) -> tuple[str, str] | None:
    """(relationship id, sheet name) of a BrtBundleSh: state and tab id (4 bytes each),
    then the id as an XLNullableWideString and the name as an XLWideString."""
    relation, at = _wide(body, 8)
    name, _ = _wide(body, at)
    return None if relation is None or name is None else (relation, name)


def _wide(body: bytes, at: int) -> tuple[str | None, int]:
    if at + 4 > len(body):
        return None, at
    count = int.from_bytes(body[at : at + 4], "little")
    end = at + 4 + 2 * count
    if count == 0xFFFF_FFFF or end > len(body):
        return None, at + 4
    return body[at + 4 : end].decode("utf-16-le", "replace"), end


def _extent(stream: IO[bytes]) -> tuple[Extent, list[Range]]:
    """The box of the part's cells, read a piece at a time: of each record only its type,
    its size and, for a row header or a cell, the first four bytes of its body, all that
    calamine reads to place a cell. A record cut short ends the walk (calamine refuses such
    a sheet itself, with its own message, when it reads it)."""
    extent = Extent()
    ranges: list[Range] = []
    row = 0
    data, at, ended = b"", 0, False
    while True:
        if len(data) - at < _LOOKAHEAD and not ended:
            more = stream.read(_PIECE)
            ended = not more
            data, at = data[at:] + more, 0
        end = len(data)
        if at >= end:
            return extent, ranges
        byte = data[at]
        kind = byte & 0x7F
        at += 1
        if byte & 0x80:
            if at >= end:
                return extent, ranges
            kind += (data[at] & 0x7F) << 7
            at += 1
        size = shift = 0
        for _ in range(4):
            if at >= end:
                return extent, ranges
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
                    return extent, ranges
                else:
                    row = value
        elif kind == END_SHEET_DATA:
            row = 0
        elif kind == MERGE_CELL and size >= 16 and at + 16 <= end:
            top, bottom, left, right = struct.unpack_from("<IIII", data, at)
            ranges.append(((top, left), (bottom, right)))
        at += size
        if at > end:
            if not _skip(stream, at - end):
                return extent, ranges
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
