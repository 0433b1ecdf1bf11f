"""An inventory piped in as `-`: spooled to a private temporary file, its type told by content.

Readers need a file they can read twice (a header search, JSON Lines' key pass) and a
workbook is a zip that must be seekable; a temporary file gives both in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

STDIN = "-"
DISPLAY = "<stdin>"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # a .xls, or a password-protected workbook: the reader names it
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_NMAP = b"<nmaprun"


@contextmanager
def spooled(stream: BinaryIO) -> Iterator[Path]:
    """The stream's bytes in a temporary file named for their format; removed afterwards.

    (tempfile, shutil and zipfile are imported here, not with the module: a scan of files
    does not pay for them.)"""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="duediligence-") as tmp:
        raw = Path(tmp) / "stdin"
        with raw.open("wb") as out:
            shutil.copyfileobj(stream, out, 1 << 20)
        path = raw.with_suffix(_suffix(raw))
        raw.rename(path)
        yield path


def _suffix(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(4)
        if head == _OLE:
            return ".xls"
        if head == _ZIP:
            return _zipped(path)
        f.seek(0)
        if _NMAP in f.read(64 << 10):
            return ".xml"
        f.seek(0)
        first = f.readline(1 << 20).lstrip(b"\xef\xbb\xbf").strip()
        if first[:1] == b"[" or (first[:1] == b"{" and not _one_object(first)):
            return ".json"
        if first[:1] == b"{":
            return ".jsonl"
    return ".csv"


def _zipped(path: Path) -> str:
    """Which workbook a zip holds, by the parts each format must have: an OpenDocument
    spreadsheet names its type in a `mimetype` part, an .xlsb has xl/workbook.bin; any
    other zip goes to the .xlsx reader, whose checks name what is wrong with it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                if archive.read("mimetype").strip() == _ODS:
                    return ".ods"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return ".xlsx"
    return ".xlsb" if "xl/workbook.bin" in names else ".xlsx"


def _one_object(line: bytes) -> bool:
    """Whether a line is one record of JSON Lines: a whole object by itself, not a document
    holding its records ('{"assets": [...]}', a CycloneDX BOM) or the start of one."""
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and not any(isinstance(v, list) for v in value.values())
