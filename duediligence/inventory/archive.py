"""A workbook's zip archive, checked from its central directory before any part is unpacked.

An .xlsx or .xlsm file is a zip of XML parts. The reader (python-calamine) trusts the sizes
the archive declares and unpacks whatever a sheet needs, so a few megabytes can hold a
"zip bomb" of gigabytes of XML that takes minutes and all the machine's memory to parse. The
central directory lists every member's stored and unpacked size, and reading it unpacks
nothing; the reader refuses to unpack a member past the size declared there ("File is larger
than its declared uncompressed size"), so the declared sizes are the ones that count.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from duediligence.errors import InputError

MAX_UNPACKED = 2 << 30
"""2 GiB of parts in all. Measured: openpyxl writes a cell in ~59 bytes of XML (inline
strings; 41 MB for benchmarks/scale.py's 100,000 rows of 7 columns) and Excel in ~30
(shared strings), so this holds Excel's last row (1,048,576) at ~35 columns as openpyxl
writes them, ~70 as Excel does. The reader holds ~1.6 bytes of memory per byte of sheet XML
(66 MB for that 41 MB sheet), so even this much needs several GB: there is no room for more."""

MAX_RATIO = 100
"""A part may unpack to at most 100 times its stored size. Measured: a register's sheet
unpacks 8:1 (benchmarks/scale.py, 100,000 rows, as openpyxl saves it), 17:1 when every row
holds the same values; laid out as Excel writes sheets, 12-14:1 for the same values or for a
region of formatted empty cells, 20:1 for a million formatted empty rows. Every cell and row
carries its own reference (r="C1234"), which keeps sheets from compressing further; a bomb
reaches ~1,000:1, deflate's limit. Apache POI refuses at the same ratio."""

RATIO_GRACE = 1 << 20
"""Parts under 1 MiB unpacked are not held to MAX_RATIO: they cannot hurt when they unpack,
and small parts can compress very well. POI exempts only 100 KB, and its users report real
workbooks refused for parts between that and 1 MB (drawings at 100:1, an EMF image at
208:1, a form with many identical columns)."""

END_RECORD = b"PK\x05\x06"
"""The signature of a zip archive's end record: the last 22 bytes, or 22 and a comment."""
END_SIZE, MAX_COMMENT = 22, 0xFFFF

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an OLE compound file: an Excel 97-2003 workbook, or any workbook saved with a
password (Excel encrypts the zip inside one)."""


def check_workbook(path: Path, display: str, ole: bool = False) -> None:
    """Raise InputError unless `path` is a zip archive whose parts may safely be unpacked
    (.xlsx, .xlsm, .xlsb, .ods), or, when `ole`, an OLE compound file (.xls: xls.py checks
    it further).

    Called before the file reaches a workbook reader; opening the archive reads only its
    central directory (tens of bytes a part): ~50 microseconds for a 100,000-row workbook.
    """
    try:
        with path.open("rb") as raw:
            magic = raw.read(len(OLE_MAGIC))
            ending = _ending(raw)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    if not magic:
        raise InputError("the file is empty: expected a workbook", display)
    if ole:
        if magic != OLE_MAGIC:
            zipped = (
                " (it is a zip archive: an .xlsx renamed?)" if magic[:4] == b"PK\x03\x04" else ""
            )
            raise InputError(
                "not a readable workbook: not an OLE compound file, as every Excel 97-2003"
                f" (.xls) file is{zipped}",
                display,
            )
        return
    if magic == OLE_MAGIC:
        raise InputError(
            "not a readable workbook: a password-protected workbook or an Excel 97-2003 (.xls)"
            " file; save it from Excel as .xlsx without a password",
            display,
        )
    if ending:
        raise InputError(f"not a readable workbook: {ending}", display)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        detail = "" if str(exc) == "File is not a zip file" else f": {exc}"
        raise InputError(
            "not a readable workbook: not a zip archive, as every .xlsx, .xlsb and .ods file is"
            f" (a file of another type renamed, or a workbook cut short?){detail}",
            display,
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    if any(not part.filename for part in parts):
        # No program writes one; zipfile's own listing (is_dir) fails on it.
        raise InputError("not a readable workbook: a part of the archive has no name", display)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"refused as a likely zip bomb: it unpacks to {_size(unpacked)} (the limit is"
            f" {_size(MAX_UNPACKED)}, a million rows of about 35 columns)",
            display,
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size >= RATIO_GRACE and ratio > MAX_RATIO:
            raise InputError(
                f"refused as a likely zip bomb: {part.filename} unpacks to"
                f" {_size(part.file_size)} from {_size(part.compress_size)}, {ratio:,.0f} to 1"
                f" (a real workbook's parts stay under {MAX_RATIO} to 1)",
                display,
            )


def _ending(raw: BinaryIO) -> str:
    """Why the archive does not end with its end record, exactly; '' when it does, or when
    there is none (then it is no zip at all, which zipfile says).

    Readers find the end record by searching back from the end of the file, and differ on a
    record that does not fit: Python's zipfile (which the checks here read through) takes
    the last one it finds, calamine's zip reader passes over one whose comment runs past
    the end and takes an earlier one. One file can so hold two archives, a harmless one for
    the checks and another for the reader (cells far apart, which abort the process). A
    workbook as any program saves it ends with its record and a comment, if any, that fills
    the file to its last byte.
    """
    size = raw.seek(0, 2)
    tail_size = min(size, END_SIZE + MAX_COMMENT)
    raw.seek(size - tail_size)
    tail = raw.read(tail_size)
    at = tail.rfind(END_RECORD)
    if at < 0:
        return ""
    declared = int.from_bytes(tail[at + 20 : at + 22], "little") if at + 22 <= tail_size else 0
    left = tail_size - at - END_SIZE - declared
    if left < 0:
        return (
            "its zip archive's end record reaches past the end of the file (a workbook cut"
            " short, or one built to read differently in different programs)"
        )
    if left > 0:
        return (
            f"{left:,} bytes follow the end of its zip archive, which no program saving a"
            " workbook writes (save it again from Excel)"
        )
    return ""


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"
