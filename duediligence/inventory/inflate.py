"""A workbook part's bytes, inflated a piece at a time for the cell-box check (extent.py).

The check reads every part of a workbook before calamine does, and inflating the sheet's XML
is a third of it: 0.13 s of zlib for the 80 MB of a 200,000-row register, 0.69 s at a
million rows. ISA-L's inflate (the `isal` package, where installed) gives the same bytes in
half the time (0.067 and 0.33 s), so it is asked first. Its errors word a damaged stream
otherwise than zlib's, and the check's refusal names them; so any error of ISA-L's stops the
part's pieces (`FastFailed`) and the part is read again from its start with zlib, which
refuses it in the words it always has, or reads it where ISA-L would not. Without `isal`,
zlib alone, as before.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO


class FastFailed(Exception):
    """ISA-L refused the part's stream: read it again with zlib (`unpacked(fast=False)`)."""


def _isal() -> Any:
    try:
        from isal import isal_zlib
    except ImportError:
        return None
    return isal_zlib


FAST: Any = _isal()
"""ISA-L's zlib-alike module, or None where `isal` is not installed."""


@contextmanager
def unpacked(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, chunk: int, fast: bool = True
) -> Iterator[Callable[[], bytes]]:
    """A reader of the part's bytes, `chunk` at a time (b"" at the end); by ISA-L when `fast`
    and installed, else zlib.

    A deflated part is inflated from its stored bytes directly: zipfile's reader also checks
    the CRC and copies each piece, a third more time (0.11 s against 0.085 s for 41 MB of
    sheet XML), and calamine checks the part when it reads it anyway.
    """
    if part.compress_type != zipfile.ZIP_DEFLATED or part.flag_bits & 1 or not archive.filename:
        with archive.open(part) as stream:
            yield lambda: stream.read(chunk)
        return
    with open(archive.filename, "rb") as raw:
        raw.seek(part.header_offset)
        header = raw.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"{part.filename}: no local header where the directory says")
        raw.seek(
            int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little"), 1
        )
        module = FAST if fast and FAST is not None else None
        inflater = _Inflater(raw, part.compress_size, chunk, module)
        yield inflater.read if module is None else inflater.read_fast


class _Inflater:
    def __init__(self, raw: BinaryIO, size: int, chunk: int, module: Any) -> None:
        self._raw = raw
        self._left = size
        self._chunk = chunk
        self._zlib = (module or zlib).decompressobj(-zlib.MAX_WBITS)
        self._pending = b""
        self._ahead = b""

    def read_fast(self) -> bytes:
        try:
            out = self.read()
        except (EOFError, OSError):
            raise  # the file's own faults, worded here alike for either inflate
        except Exception as exc:
            raise FastFailed(str(exc)) from exc
        if not out and not self._zlib.eof:
            # A stream cut short: zlib's flush gives what it holds of it, ISA-L's may not.
            raise FastFailed("the stream ends before its last block")
        return out

    def read(self) -> bytes:
        """`chunk` bytes, fewer only at the end: where a piece ends never depends on which
        inflate made it (the check's first piece is its sample, and a tag that runs on is
        refused where a piece cuts it), and memory is bounded by it, however well the part
        compresses. ISA-L may give a little more than it is asked for: kept for the next."""
        out, self._ahead = self._ahead or self._inflated(self._chunk), b""
        if out and len(out) < self._chunk:  # joined only then: most pieces come whole
            pieces, size = [out], len(out)
            while size < self._chunk and (piece := self._inflated(self._chunk - size)):
                pieces.append(piece)
                size += len(piece)
            out = b"".join(pieces)
        if len(out) > self._chunk:
            out, self._ahead = out[: self._chunk], out[self._chunk :]
        return out

    def _inflated(self, most: int) -> bytes:
        """Up to `most` bytes of the stream (b"" at its end)."""
        while True:
            if self._pending:
                out = self._zlib.decompress(self._pending, most)
                self._pending = self._zlib.unconsumed_tail
                if out:
                    return bytes(out)
            if self._left <= 0:
                return bytes(self._zlib.flush()) if not self._zlib.eof else b""
            data = self._raw.read(min(self._left, 4 << 20))
            if not data:
                raise EOFError("the part ends before its stored size")
            self._left -= len(data)
            self._pending = data
