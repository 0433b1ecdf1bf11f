"""How many cells an Excel 97-2003 workbook (.xls) makes python-calamine hold, found from its
records before calamine opens it.

An .xls file is a "Workbook" stream of BIFF records (a 2-byte type, a 2-byte length) inside
an OLE compound file, read here with olefile. calamine parses every sheet when it opens the
file and holds each as the dense box of its cells (Range::from_sparse), after reserving room
for the box the sheet's DIMENSIONS record declares; rows and columns are 16-bit in a cell
record, 32-bit in DIMENSIONS, so a small file can declare or place cells 65,536 columns
apart, which Excel never writes (256 columns) and which would make calamine allocate past
any memory and abort. So the records are walked here as calamine walks them
(tafia/calamine src/xls.rs), every sheet's box and reservation summed, and the file refused
when they pass the limit. A file olefile cannot read is damaged, and said so in one line.
"""

from __future__ import annotations

import struct
from pathlib import Path

from duediligence.errors import InputError
from duediligence.inventory.extent import Extent

STREAMS = ("Workbook", "Book")
"""The stream holding the workbook: BIFF8 (Excel 97 on) names it Workbook, BIFF5 Book
(olefile matches names without regard to case, as calamine tries both spellings)."""
ENCRYPTED = "EncryptedPackage"
"""The stream Excel 2007 on writes a workbook saved with a password into (MS-OFFCRYPTO)."""
BOF, EOF, DIMENSIONS, MUL_RK = 0x0809, 0x000A, 0x0200, 0x00BD
CELLS = frozenset({0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006})
"""Number, Label, RString, BoolErr, RK, LabelSst and Formula: each begins with its row and
column as 16-bit numbers, and each is a cell calamine places (Blank, 0x0201, it passes over)."""


def check_xls(path: Path, display: str, limit: int) -> None:
    """Raise InputError when the file is not a readable compound file with a workbook
    stream, or when the cells calamine would hold for its sheets pass `limit`."""
    import olefile  # .xls only (books.py imports this module)

    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists(ENCRYPTED):
                raise InputError(
                    "not a readable workbook: a password-protected workbook; save it again"
                    " without a password",
                    display,
                )
            name = next((n for n in STREAMS if ole.exists(n)), None)
            if name is None:
                raise InputError(
                    "not a readable workbook: an OLE compound file without a Workbook stream"
                    " (a Word or other Office 97-2003 document, or a workbook saved with a"
                    " password by a newer Excel?)",
                    display,
                )
            stream = ole.openstream(name).read()
    except InputError:
        raise
    except Exception as exc:  # olefile raises OSError and assorted others on a damaged file
        raise InputError(
            "not a readable workbook: its OLE compound file is damaged"
            f" ({exc or type(exc).__name__}): an Excel 97-2003 (.xls) file or a"
            " password-protected workbook cut short?",
            display,
        ) from exc
    held = _held(stream)
    if held > limit:
        raise InputError(
            f"its sheets span {held:,} cells, more than the {limit:,} of a million rows of 64"
            " columns that may be read (cells far apart, or a DIMENSIONS record no program"
            " writes?)",
            display,
        )


def _held(stream: bytes) -> int:
    """The cells calamine would reserve or fill, summed over the sheets: for each sheet
    the larger of its declared DIMENSIONS and the box its cells span."""
    held = 0
    depth = 0  # substreams open: the globals' or a sheet's, and charts nested in a sheet
    extent, reserved = Extent(), 0
    at, end = 0, len(stream)
    while at + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + size]
        at += 4 + size
        if kind == BOF:
            depth += 1
            if depth == 1:
                extent, reserved = Extent(), 0
        elif kind == EOF:
            if depth == 1:
                held += max(extent.cells, reserved)
            depth = max(depth - 1, 0)
        elif depth != 1:
            continue
        elif kind == DIMENSIONS:
            reserved = max(reserved, _declared(body))
        elif kind in CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            extent.add(row, column)
        elif kind == MUL_RK and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            extent.add(row, first)
            extent.add(row, max(first, last))
    return held + (max(extent.cells, reserved) if depth else 0)


def _declared(body: bytes) -> int:
    """The cells a DIMENSIONS record makes calamine reserve, with its 32-bit arithmetic."""
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
    else:
        return 0
    if first_col > 0xFF or last_col < first_col:
        first_col = 0
    if last_row < 1 or last_col < 1:
        return 1
    rows: int = ((last_row - 1 - first_row) % (1 << 32)) + 1
    columns: int = ((last_col - 1 - first_col) % (1 << 32)) + 1
    return rows * columns
