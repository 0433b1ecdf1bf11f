"""Hostile inventories, built at test time inside tmp_path: no binary file is committed.

Workbooks are written by a small zip writer of our own rather than zipfile, so a member can be
stored exactly as an attacker would store it: a deflate stream far smaller than what it
claims, or a DTD in a sheet's XML.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# 1980-01-01, the earliest date a zip header can hold: the same bytes on every run.
DOS_DATE = (0 << 9) | (1 << 5) | 1


@dataclass(frozen=True, slots=True)
class Member:
    """A zip member as it is stored: its raw deflate stream, CRC-32 and unpacked size."""

    name: str
    deflated: bytes
    crc: int
    size: int


def member(name: str, text: str | bytes) -> Member:
    data = text.encode() if isinstance(text, str) else text
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def bomb(name: str, head: bytes, unit: bytes, repeat: int, tail: bytes) -> Member:
    """`head`, `unit` repeated `repeat` times, then `tail`, without ever holding it all.

    Each piece is deflated from a fresh state and ended with a full flush, so the pieces need
    no history before their start and their concatenation is one valid stream; the unit is
    deflated once and its bytes repeated, which is how a zip bomb is made in practice.
    """

    def piece(data: bytes, final: bool) -> bytes:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        return packer.compress(data) + packer.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    crc = zlib.crc32(head)
    for _ in range(repeat):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    deflated = piece(head, False) + piece(unit, False) * repeat + piece(tail, True)
    return Member(name, deflated, crc, len(head) + len(unit) * repeat + len(tail))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A plain zip (no zip64: every member under 4 GiB), members in the order given."""
    local, central = _records(members, 0)
    path.write_bytes(local + central + _end(len(members), len(central), len(local), 0))
    return path


def two_archives(path: Path, seen: list[Member], hidden: list[Member]) -> Path:
    """One file, two archives: `hidden`'s end record ends the file, its comment holding
    `seen`'s directory and an end record whose comment would run 5 bytes past the end.
    Python's zipfile takes that last record and reads `seen`; a reader that passes over a
    record that does not fit (calamine's zip reader) goes back to `hidden`'s."""
    seen_local, seen_central = _records(seen, 0)
    hidden_local, hidden_central = _records(hidden, len(seen_local))
    hidden_at = len(seen_local) + len(hidden_local)
    seen_at = hidden_at + len(hidden_central) + 22
    comment = seen_central + _end(len(seen), len(seen_central), seen_at, 5)
    hidden_end = _end(len(hidden), len(hidden_central), hidden_at, len(comment))
    path.write_bytes(seen_local + hidden_local + hidden_central + hidden_end + comment)
    return path


def _records(members: list[Member], at: int) -> tuple[bytes, bytes]:
    """Local headers with their data, the first at offset `at`, and the directory entries."""
    local = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode()
        # Local header: signature, version needed, flags, method (8, deflate), time, date,
        # CRC-32, stored size, unpacked size, name length, extra length; then the name.
        head = (0x04034B50, 20, 0, 8, 0, DOS_DATE, m.crc, len(m.deflated), m.size, len(name), 0)
        # Directory entry: the same after "version made by", then comment length, disk,
        # internal and external attributes, and where the local header starts.
        entry = (0x02014B50, 20, *head[1:], 0, 0, 0, 0, at + len(local))
        local += struct.pack("<IHHHHHIIIHH", *head) + name + m.deflated
        central += struct.pack("<IHHHHHHIIIHHHHHII", *entry) + name
    return bytes(local), bytes(central)


def _end(count: int, size: int, offset: int, comment: int) -> bytes:
    """An end record: count of entries, the directory's size and offset, comment length."""
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, offset, comment)


def sheet_xml(*rows: list[str], prolog: str = "") -> str:
    """A worksheet of inline-string cells, each with its A1 reference, as Excel lays one out."""
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'
            for c, text in enumerate(cells)
        )
        + "</row>"
        for r, cells in enumerate(rows, start=1)
    )
    return f'{prolog}<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'


def workbook_members(sheet: Member | str, *extra: Member) -> list[Member]:
    """The parts a reader needs for a one-sheet workbook named 'Register'."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    )
    package = (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>'
    )
    book = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        '<sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet"'
        ' Target="worksheets/sheet1.xml"/></Relationships>'
    )
    return [
        member("[Content_Types].xml", types),
        member("_rels/.rels", package),
        member("xl/workbook.xml", book),
        member("xl/_rels/workbook.xml.rels", book_rels),
        sheet if isinstance(sheet, Member) else member("xl/worksheets/sheet1.xml", sheet),
        *extra,
    ]


def workbook(path: Path, sheet: Member | str, *extra: Member) -> Path:
    return write_zip(path, workbook_members(sheet, *extra))


def zip_bomb(path: Path, unpacked: int = 1 << 30) -> Path:
    """A workbook whose one sheet unpacks to `unpacked` bytes of one-cell rows from ~2.5 MB:
    parsed, it would hold tens of millions of cells."""
    unit = b"<row><c><v>1</v></c></row>" * 40_330  # about 1 MiB
    head = sheet_xml(["Make", "Model"]).encode().removesuffix(b"</sheetData></worksheet>")
    sheet = bomb(
        "xl/worksheets/sheet1.xml",
        head,
        unit,
        unpacked // len(unit),
        b"</sheetData></worksheet>",
    )
    return workbook(path, sheet)


def laughs(levels: int = 9) -> str:
    """The "billion laughs" DTD: entity lolN is ten lol(N-1)s, so lol9 is a billion 'lol's."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)
    )
    return f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'


def sparse_sheet() -> str:
    """Two cells, at A1 and at the last cell Excel allows: a 1 KB file whose bounding box is
    17 billion cells."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return sheet_xml(["Make", "Model"]).replace("</sheetData>", far + "</sheetData>")
