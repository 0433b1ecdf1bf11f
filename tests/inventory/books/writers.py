"""Workbooks in OpenDocument (.ods) and Excel binary (.xlsb) form, written by hand at test
time: no Python library writes either, and a writer of our own can also write what no
spreadsheet program would (a cell repeated a billion times, cells far apart).

An .ods is a zip of XML (OpenDocument 1.2, part 1, "table:table"): a `mimetype` part, a
manifest, and content.xml with one `table:table` per sheet. An .xlsb is a zip of binary
records (MS-XLSB 2.1.4: a type and a size, each in 7-bit bytes, then the body): the
workbook lists its sheets (BrtBundleSh) by relationship, and each sheet holds rows
(BrtRowHdr) of cells (BrtCellSt for text, BrtCellReal for numbers).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

Value = str | float | None

ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


@dataclass
class Sheet:
    """A sheet's rows of cells (None for an empty cell), whether it is hidden, and its
    merged ranges as (top row, left column, bottom row, right column), 0-based."""

    name: str
    rows: Sequence[Sequence[Value]]
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def ods_cell(value: Value, repeat: int = 1, span: tuple[int, int] | None = None) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    spanned = (
        f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
        if span
        else ""
    )
    if value is None:
        return f"<table:table-cell{repeated}{spanned}/>"
    if isinstance(value, float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}"'
            f"{repeated}{spanned}><text:p>{value:g}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{repeated}{spanned}>'
        f"<text:p>{escape(value)}</text:p></table:table-cell>"
    )


def ods_row(cells: str, repeat: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{repeated}>{cells}</table:table-row>"


def ods_table(sheet: Sheet) -> str:
    spans = {
        (top, left): (bottom - top + 1, right - left + 1)
        for top, left, bottom, right in sheet.merged
    }
    rows = "".join(
        ods_row("".join(ods_cell(v, span=spans.get((r, c))) for c, v in enumerate(cells)))
        for r, cells in enumerate(sheet.rows)
    )
    style = ' table:style-name="hidden"' if sheet.hidden else ""
    return f"<table:table table:name={quoteattr(sheet.name)}{style}>{rows}</table:table>"


def ods_content(tables: str, prolog: str = "") -> str:
    styles = (
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
    )
    declaration = prolog or '<?xml version="1.0" encoding="UTF-8"?>'
    return (
        f"{declaration}"
        f'<office:document-content {_ODS_NS} office:version="1.2">{styles}'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def ods_parts(content: str | bytes) -> list[tuple[str, bytes]]:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_TYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    data = content.encode() if isinstance(content, str) else content
    return [
        ("mimetype", ODS_TYPE.encode()),
        ("META-INF/manifest.xml", manifest.encode()),
        ("content.xml", data),
    ]


def write_ods(path: Path, *sheets: Sheet) -> Path:
    return write_parts(path, ods_parts(ods_content("".join(ods_table(s) for s in sheets))))


def write_parts(path: Path, parts: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, method)
    return path


def record(kind: int, body: bytes = b"") -> bytes:
    """One MS-XLSB record: its type and size in 7-bit bytes, then its body."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, length = len(body), bytearray()
    while True:
        length.append((size & 0x7F) | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    return head + bytes(length) + body


def wide(text: str) -> bytes:
    """An XLWideString: a 4-byte count of UTF-16 code units, then the units."""
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def xlsb_cell(column: int, value: Value) -> bytes:
    cell = struct.pack("<II", column, 0)  # column, then style 0 and no flags
    if isinstance(value, float):
        return record(0x0005, cell + struct.pack("<d", value))  # BrtCellReal
    return record(0x0006, cell + wide(value or ""))  # BrtCellSt


def xlsb_sheet(
    cells: Sequence[tuple[int, int, Value]], merged: Sequence[tuple[int, int, int, int]] = ()
) -> bytes:
    """A worksheet part: BrtBeginSheet, BrtWsDim, BrtBeginSheetData, rows, BrtEndSheetData,
    the merged ranges (BrtBeginMergeCells, a BrtMergeCell each), BrtEndSheet. `cells` are
    (row, column, value), 0-based, in row order; `merged` (top, left, bottom, right)."""
    rows = max((r for r, _, _ in cells), default=0)
    columns = max((c for _, c, _ in cells), default=0)
    out = [record(0x0081), record(0x0094, struct.pack("<IIII", 0, rows, 0, columns))]
    out.append(record(0x0091))
    current = -1
    for row, column, value in cells:
        if value is None:
            continue
        if row != current:
            out.append(record(0x0000, struct.pack("<I", row) + bytes(13)))  # BrtRowHdr
            current = row
        out.append(xlsb_cell(column, value))
    out.append(record(0x0092))
    if merged:
        out.append(record(0x00B1, struct.pack("<I", len(merged))))
        out.extend(record(0x00B0, struct.pack("<IIII", t, b, lf, r)) for t, lf, b, r in merged)
        out.append(record(0x00B2))
    return b"".join([*out, record(0x0082)])


def xlsb_parts(sheets: Sequence[tuple[str, bytes, bool]]) -> list[tuple[str, bytes]]:
    """The parts of a workbook of (name, sheet part, hidden) sheets."""
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    book = record(0x0083) + record(0x008F)
    rels = ""
    for n, (name, _, hidden) in enumerate(sheets, start=1):
        book += record(0x009C, struct.pack("<II", int(hidden), n) + wide(f"rId{n}") + wide(name))
        rels += (
            f'<Relationship Id="rId{n}" Type="{doc}/worksheet" Target="worksheets/sheet{n}.bin"/>'
        )
    book += record(0x0090) + record(0x0084)
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="bin" ContentType="application/'
        'vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType='
        '"application/vnd.openxmlformats-package.relationships+xml"/></Types>'
    )
    package = (
        f'<Relationships xmlns="{rels_ns}"><Relationship Id="rId1" Type="{doc}/officeDocument"'
        ' Target="xl/workbook.bin"/></Relationships>'
    )
    return [
        ("[Content_Types].xml", types.encode()),
        ("_rels/.rels", package.encode()),
        ("xl/workbook.bin", book),
        (
            "xl/_rels/workbook.bin.rels",
            f'<Relationships xmlns="{rels_ns}">{rels}</Relationships>'.encode(),
        ),
        *((f"xl/worksheets/sheet{n}.bin", part) for n, (_, part, _) in enumerate(sheets, start=1)),
    ]


def write_xlsb(path: Path, *sheets: Sheet) -> Path:
    built = [
        (
            s.name,
            xlsb_sheet(
                [(r, c, v) for r, cells in enumerate(s.rows) for c, v in enumerate(cells)],
                s.merged,
            ),
            s.hidden,
        )
        for s in sheets
    ]
    return write_parts(path, xlsb_parts(built))
