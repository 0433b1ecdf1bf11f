"""An inventory piped in as `-`: spooled to a private temporary file, its type told by content.

Readers need a file they can read twice (a header search, JSON Lines' key pass) and a
workbook is a zip that must be seekable; a temporary file gives both in bounded memory.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

STDIN = "-"
DISPLAY = "<stdin>"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # a password-protected workbook, or a .xls: the reader names it


@contextmanager
def spooled(stream: BinaryIO) -> Iterator[Path]:
    """The stream's bytes in a temporary file named for their format; removed afterwards."""
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
        if head in (_ZIP, _OLE):
            return ".xlsx"
        f.seek(0)
        first = f.readline(1 << 20).lstrip(b"\xef\xbb\xbf").strip()
        if first[:1] == b"[" or (first[:1] == b"{" and not _one_object(first)):
            return ".json"
        if first[:1] == b"{":
            return ".jsonl"
    return ".csv"


def _one_object(line: bytes) -> bool:
    """Whether a line is one record of JSON Lines: a whole object by itself, not a document
    holding its records ('{"assets": [...]}', a CycloneDX BOM) or the start of one."""
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and not any(isinstance(v, list) for v in value.values())
