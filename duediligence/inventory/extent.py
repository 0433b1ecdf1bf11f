"""How far apart a workbook's cells lie, found in its XML before python-calamine reads it.

python-calamine holds a sheet as the dense box from its first cell to its last, 32 bytes a
cell, and allocates that box in one piece; when it cannot, the process aborts (no exception
to catch: tafia/calamine#693). Two cells far apart, A1 and XFD1048576, make a 1 KB file
whose box is 17 billion cells. So each part of the archive is searched for where its cells
lie before any sheet is loaded, and a part whose cells span more than the limit is refused.

Where a cell lies: calamine places a cell (`<c>`) by its own `r` attribute ("C12"), else
one column right of the cell before it, on the row its `<row r>` names or on the row after
the previous one. Excel, LibreOffice, openpyxl and XlsxWriter write every cell as
`<c r="C12"`, `r` first; for those parts one search of the XML settles it (`_search`),
about 0.04 s for 100,000 rows of 7 columns (41 MB of XML) after unpacking them (0.09 s).
Any other part (cells without `r`, `r` not first, a namespace prefix, columns beyond BL or
rows beyond Excel's 1,048,576) is read tag by tag, as calamine would place its cells
(`_placed`). Cells without a value take no room in calamine's box but are counted here: a
sheet is never judged smaller than it is.

The same pass says whether every cell with a value holds text (`cell_tags.NOT_TEXT`,
`Cells`): then fastexcel, quicker, gives the text python-calamine gives (arrow_sheet.py).
After the first cell that does not, it asks whether every cell is text, a number, a date or
a truth value (`cell_tags.NOT_TYPED`, `Cells.typed_only`: typed_sheet.py reads those
columns), and after the first that is none of them searches on for the extent alone.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from duediligence.errors import InputError
from duediligence.inventory.cell_tags import (
    EAST_ASIAN_DATES,
    PREFIXED,
    UNUSUAL,
    holds_nul,
    mixes_kinds,
    usual_text,
    usual_typed,
)
from duediligence.inventory.inflate import FastFailed, unpacked

CHUNK = 2 << 20
"""Bytes of XML searched at a time: memory stays bounded by this, not by the part."""
MAX_TAG = 1 << 20
"""A tag longer than this (no '>' within a MiB of its '<') is not XML a spreadsheet holds."""
GRID_ROWS, USUAL_COLUMNS = 1_048_576, 64
"""A part whose cells all lie within Excel's rows and the first 64 columns (A to BL) spans at
most 64 Mi cells, xlsx.MAX_CELLS: such a part needs no more than the one search."""

_CHECKED: dict[tuple[str, int, int, int], Cells] = {}
"""Files found within the limit, by path, size and modification time: the workbook report
opens an input again (its rows, its title blocks, its other sheets), and one search is
enough for an unchanged file."""
_TAG = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
_R = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]*)([0-9]+)")


@dataclass(frozen=True, slots=True)
class Cells:
    """What the search found out about a workbook's cells, beyond their extent.

    `text_only`: every part is written as usual, every cell with a value holds text, and no
    part merges cells. Such a workbook reads the same whichever reader turns its cells into
    text (xlsx.SheetLoader picks the quicker one then). `typed_only`: the same, but numbers
    (dates among them) and truth values may stand beside the text (typed_sheet.py), and no
    styles part names an East Asian built-in date format nor any string an escaped NUL.
    Neither holds when a part inflates to another size than the archive declares.
    `largest`: the bytes of XML in the largest part.
    """

    text_only: bool
    typed_only: bool
    largest: int


@dataclass(slots=True)
class Extent:
    """The rows and columns a part's cells reach (0-based, inclusive), as calamine places them."""

    top: int = -1
    bottom: int = -1
    left: int = -1
    right: int = -1

    @property
    def cells(self) -> int:
        if self.bottom < 0:
            return 0
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)

    def add(self, row: int, column: int) -> None:
        if self.bottom < 0:
            self.top = self.bottom = row
            self.left = self.right = column
            return
        self.top, self.bottom = min(self.top, row), max(self.bottom, row)
        self.left, self.right = min(self.left, column), max(self.right, column)


def check_extents(path: Path, display: str, limit: int) -> Cells:
    """Raise InputError when the cells of any part of the workbook span more than `limit`;
    else what the search saw of the cells.

    Every part is searched, not only the ones the workbook lists as sheets: what calamine
    would load as a sheet is decided by relationships a hostile file can point anywhere, and
    a part without cells costs only its unpacking.
    """
    try:
        seen = _seen(path, limit)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    if (known := _CHECKED.get(seen)) is not None:
        return known
    text_only, typed_only, largest = True, True, 0
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if part.is_dir():
                continue
            try:
                try:
                    search, extent = _searched(archive, part, display, fast=True)
                except FastFailed:  # ISA-L's refusal: zlib's words for it (inflate.py)
                    search, extent = _searched(archive, part, display, fast=False)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
                raise InputError(
                    f"{part.filename} cannot be read: the file is damaged ({exc})", display
                ) from exc
            if extent is not None and extent.cells > limit:
                raise InputError(_refusal(part.filename, extent, limit), display)
            text_only = text_only and search.usual and search.text_only
            typed_only = typed_only and search.usual and search.typed
            largest = max(largest, search.size)
    _CHECKED[seen] = cells = Cells(text_only, typed_only, largest)
    return cells


def _searched(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, display: str, fast: bool
) -> tuple[_Search, Extent | None]:
    search = _search(archive, part, display, fast)
    return search, None if search.usual else _placed(archive, part, display, fast)


def _seen(path: Path, limit: int) -> tuple[str, int, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, limit)


def leading_cells(path: Path, limit: int, least: int) -> tuple[int, bool]:
    """The bytes of XML in the workbook's largest part, when that is at least `least`, the
    file is not yet checked, and the part's first piece holds only usual cells of text (or
    of text, numbers and truth values, each column of one kind: then True); else 0. What a
    load started before the check is worth (arrow_ahead.py) is settled by the first piece: a
    register's typed columns show in its first rows. `check_extents` still reads every part;
    this never raises, since the check names any fault it finds.
    """
    try:
        if _seen(path, limit) in _CHECKED:
            return 0, False
        with zipfile.ZipFile(path) as archive:
            part = max(archive.infolist(), key=lambda part: part.file_size, default=None)
            if part is None or part.file_size < least:
                return 0, False
            pieces = _texts(archive, part, str(path))
            first = next(pieces, b"")
            pieces.close()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, InputError):
        return 0, False
    except FastFailed:  # the check reads it again with zlib, and names the fault
        return 0, False
    if not _utf8(first):
        return 0, False
    if usual_text(first):
        return part.file_size, False
    if usual_typed(first) and not mixes_kinds(first):
        return part.file_size, True
    return 0, False


@dataclass(slots=True)
class _Search:
    """One pass over a part: whether its cells are all written as usual (so within the
    limit), whether they all hold text, or text, numbers and truth values, and its size."""

    usual: bool = True
    text_only: bool = True
    typed: bool = True
    size: int = 0


def _search(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, display: str, fast: bool = True
) -> _Search:
    """While every cell so far is usual text one search a piece settles both questions
    (`NOT_TEXT`, 0.18 s per 100 MB of XML against 0.10 s for `UNUSUAL`); after the first
    other cell, while every cell is typed, `NOT_TYPED`; after the first cell of any other
    kind, `UNUSUAL` alone."""
    found = _Search()
    styles = part.filename.lower().endswith("styles.xml")  # calamine's `{xl}/styles.xml`
    for text in _texts(archive, part, display, fast):
        first = not found.size
        if styles and EAST_ASIAN_DATES.search(text):
            found.typed = False
        if first and not _utf8(text):
            found.text_only = found.typed = False
        found.size += len(text)
        if found.typed and holds_nul(text):  # in any part: a shared string, an inline one
            found.typed = False
        if found.usual and found.text_only and not usual_text(text):
            found.text_only = False
        if found.usual and not found.text_only and found.typed:
            found.typed = usual_typed(text) and not (first and mixes_kinds(text))
        if found.usual and not found.typed:
            found.usual = not (UNUSUAL.search(text) or PREFIXED.search(text))
        if not found.usual:
            break  # read again tag by tag; the size matters only to a part of text
    if found.size != part.file_size:
        # Not the size the directory declares: a damaged stream that inflates all the same
        # (its last block's bytes changed, or its stored size cut short). python-calamine
        # refuses it ("larger than its declared uncompressed size"); fastexcel's calamine
        # reads on, or words the fault its own way. It is python-calamine's, as before.
        found.text_only = found.typed = False
    return found


_DECLARED = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
_WIDE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
"""Byte-order marks of UTF-16 and UTF-32 (UTF-32LE's begins as UTF-16LE's does)."""


def _utf8(start: bytes) -> bool:
    """Whether a part, by its first bytes, is UTF-8 to both readers. python-calamine reads
    every part as UTF-8 whatever it declares; fastexcel follows the declaration or the
    byte-order mark, so a part that says otherwise (ISO-8859-1, or UTF-16, whose cells the
    searches here cannot even see) would read differently, and goes to python-calamine."""
    if start.startswith(_WIDE_MARKS):
        return False
    declared = _DECLARED.match(start.removeprefix(b"\xef\xbb\xbf").lstrip())
    return declared is None or declared[1].lower() in (b"utf-8", b"utf8")


def _placed(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, display: str, fast: bool = True
) -> Extent:
    """Every cell placed as calamine places it (cells/reader `next_cell`): only a start tag
    is a cell or a row (`<c/>` and `<row/>` are passed over), a cell's own r wins, and the
    end of a row moves on to the next row's first column."""
    extent = Extent()
    row = column = 0
    for text in _texts(archive, part, display, fast):
        for closing, name, attributes in _TAG.findall(text):
            if attributes.endswith(b"/"):
                continue
            if name == b"row":
                if closing:
                    row, column = row + 1, 0
                elif (at := _position(attributes)) is not None:
                    row = at[0]
            elif not closing:
                at = _position(attributes)
                if at is not None and at[1] >= 0:
                    row_of_cell, column = at
                else:
                    row_of_cell = row
                extent.add(row_of_cell, column)
                column += 1
    return extent


def _position(attributes: bytes) -> tuple[int, int] | None:
    """(row, column) of an r attribute, 0-based; column -1 when r names a row alone; None
    when there is no r or calamine could not read it (it then refuses the sheet itself)."""
    found = _R.search(attributes)
    if found is None:
        return None
    ref = _REF.fullmatch(found[1] if found[1] is not None else found[2])
    if ref is None or int(ref[2]) == 0:
        return None
    column = 0
    for letter in ref[1].upper():
        column = column * 26 + letter - 64
    return int(ref[2]) - 1, column - 1


def _texts(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, display: str, fast: bool = True
) -> Generator[bytes, None, None]:
    """The part's bytes in pieces that each end on a whole tag: a tag cut by the end of a
    piece begins the next one. `fast`: inflated by ISA-L where installed (inflate.py)."""
    carry = b""
    # Unpacking (zlib or ISA-L, which let go of the interpreter) runs one piece ahead on a
    # thread of its own while the last piece is searched.
    with unpacked(archive, part, CHUNK, fast) as read, ThreadPoolExecutor(1) as ahead:
        pending = ahead.submit(read)
        while block := pending.result():
            pending = ahead.submit(read)
            text = carry + block
            start = text.rfind(b"<")
            if start >= 0 and text.find(b">", start) < 0:
                text, carry = text[:start], text[start:]
                if len(carry) > MAX_TAG:
                    raise InputError(
                        f"{part.filename}: a tag runs on for over {MAX_TAG >> 20} MiB: not the"
                        " XML of a workbook",
                        display,
                    )
            else:
                carry = b""
            yield text
    if carry:
        yield carry


def _refusal(name: str, extent: Extent, limit: int) -> str:
    rows = extent.bottom - extent.top + 1
    columns = extent.right - extent.left + 1
    return (
        f"{name}: its cells reach from {_cell(extent.top, extent.left)} to"
        f" {_cell(extent.bottom, extent.right)}, a block of {rows:,} rows by {columns:,}"
        f" columns ({extent.cells:,} cells), more than the {limit:,} of a million rows of 64"
        " columns that may be read (cells far apart, or a sheet not from a register?)"
    )


def _cell(row: int, column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"
