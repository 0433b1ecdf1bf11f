"""The annotated workbook (`--format xlsx`): the inventory as read, each row with its verdict,
for a compliance officer to filter, sort and hand on. A new workbook: the input is never
touched.

Sheets, in order: Summary (counts by severity, vendor group, site and measure, a chart, and
notes on anything left out); Remediation (`remediation.plan`: by site, what to remove,
replace or mitigate, by when, and the mitigations); a sheet per table read, every row and
column as read plus Flag, Severity, Vendor group, Rules, Confidence and Recommended action,
flagged rows filled in their worst severity's colour, each row on the row number the report
gives it (rows above the header, a title block, stay empty); and Findings, one row per
finding with its evidence and sources.

A report holds only its flagged rows; the others come from `RenderOptions.rows`. Without it
(library use), or for a table it cannot read again (standard input), the table's sheet holds
its flagged rows alone, each with its row number, and the Summary says so.

Every cell goes through `safe`: inventory text is written as text, never as a formula.

Excel holds 1,048,576 rows a sheet: a sheet that would hold more ends in a row saying how
many were left out (the JSON report holds them all). openpyxl writes a cell in about 6 µs,
which for a register's hundred thousand rows and their million findings is minutes; so
openpyxl writes the workbook (styles, the small sheets, the chart) with the large sheets
holding their header only, and their rows are then streamed into the package as
SpreadsheetML, with the style ids openpyxl gave and the texts many rows repeat (a finding's
message, advice, sources) stored once as shared strings. A row at a time is held, whatever
the size: 100,000 rows and 840,000 findings take about 7 s and 40 MB.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from itertools import chain
from typing import IO, Any, TextIO, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duediligence.assets import Field
from duediligence.findings import InputTable, Judgment, Report, Severity
from duediligence.fingerprints import asset_fingerprint, cells_identity, finding_fingerprint
from duediligence.flagged import Block, FlaggedRow
from duediligence.report import safe
from duediligence.report.interface import RenderOptions, RowSource
from duediligence.report.remediation import Action, SitePlan, asset_name, decide, due, plan

MAX_ROWS = 1_048_576
"""Rows in an Excel sheet."""
ADDED = ("Flag", "Severity", "Vendor group", "Rules", "Confidence", "Recommended action")
FLAGGED = "flagged"
NOT_JUDGED = "not judged"
FINDING_COLUMNS = (
    *("Source", "Sheet", "Row", "Asset", "Site", "Make", "Model", "Fingerprint"),
    *("Vendor", "Vendor group", "Confidence", "Evidence"),
    *("Rule", "Title", "Severity", "Jurisdiction", "Message", "Recommended action", "Sources"),
)
"""The Findings sheet's columns: the asset's, then its attribution's, then the finding's."""
PLAN_COLUMNS = (
    *("Site", "Action", "Assets", "Worst severity", "Deadline", "Deadline set by", "Overdue"),
    *("Rules", "What to do", "Mitigations (for equipment that stays, and until it goes)"),
    "Examples",
)
FILLS = {
    Severity.CRITICAL: "F4B0B0",
    Severity.HIGH: "F8CBAD",
    Severity.MEDIUM: "FFE699",
    Severity.LOW: "DDEBF7",
    Severity.INFO: "EDEDED",
}
"""A flagged row's fill, by its worst severity."""
SEVERITIES = [s for s in sorted(Severity, key=lambda s: -s.rank) if s is not Severity.NONE]
RESERVED = ("Summary", "Remediation", "Findings", "History")
"""Sheet names taken by this workbook, and by Excel itself (History)."""
_HEADER, _TITLE = "duediligence header", "duediligence title"
_ROW = "\x00"
"""Stands for the row number in a row's XML until the row is written: `safe.text` drops it
from any text, so it cannot occur otherwise."""
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRINGS = "xl/sharedStrings.xml"
_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_STRINGS_REL = (
    '<Relationship Id="rIdSharedStrings" Target="sharedStrings.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)
_BATCH = 1 << 20
"""Characters of rows gathered before one write into the package."""
_ZIP64_ROWS = 100_000
"""A sheet of more rows may pass the 2 GiB a zip entry holds without the Zip64 extension."""


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Write the workbook's bytes to `out.buffer` (after flushing `out`)."""
    book = Workbook(write_only=True)
    summary = book.create_sheet("Summary")
    cells = _Cells(book, summary)
    plans = plan(report)
    tables = [_Copy(t, _rows_of(options.rows, t)) for t in report.inputs]
    shown = min(report.summary.findings, MAX_ROWS - 2)
    _summary(summary, report, plans, tables, options.rows is not None, shown)
    _remediation(book.create_sheet("Remediation"), plans)
    writer = _Rows(report, cells)
    titles = _titles([t.table for t in tables])
    bulk: list[tuple[WriteOnlyWorksheet, Iterator[str], bool]] = []
    for i, (copy, title) in enumerate(zip(tables, titles, strict=True)):
        sheet = _sheet(book, title, copy.header(), copy.header_row, [16] * len(copy.header()))
        big = copy.table.assets > _ZIP64_ROWS
        bulk.append((sheet, writer.table(i, copy), big))
    widths = [28, 12, 6, 18, 14, 16, 18, 34, 24, 24, 10, 50, 24, 30, 10, 12, 60, 50, 40]
    findings = _sheet(book, "Findings", FINDING_COLUMNS, 1, widths)
    bulk.append((findings, writer.findings(shown), shown > _ZIP64_ROWS))
    package = BytesIO()
    book.save(package)
    out.flush()
    _assemble(package, bulk, cells, out.buffer)


@dataclass
class _Copy:
    """A table's sheet: every row when they can be read again, else its flagged rows.

    Rows sit on their own row numbers, below the header on its own. A sheet of flagged rows
    only, or of a table with no header row (JSON records, numbered from 1), lists its rows
    one after another instead, each with its number in a first column, Row.
    """

    table: InputTable
    rows: Iterator[tuple[int, Sequence[str]]] | None

    @property
    def numbered(self) -> bool:
        return self.rows is None or self.table.header_row < 1

    @property
    def header_row(self) -> int:
        return 1 if self.numbered else self.table.header_row

    def header(self) -> list[str]:
        first = ["Row"] if self.numbered else []
        return [*first, *self.table.columns, *ADDED]


def _rows_of(
    source: RowSource | None, table: InputTable
) -> Iterator[tuple[int, Sequence[str]]] | None:
    return None if source is None else source(table)


class _Cells:
    """Cells as SpreadsheetML: the workbook's styles, and the texts many rows share.

    A finding's message, advice and sources repeat on every row of its judgment: they are
    stored once in the package's shared strings (`shared`), each row naming them by number.
    Other texts are written in the cell (`text`). Either way a cell holding text is a text
    cell, which a spreadsheet never evaluates.
    """

    def __init__(self, book: Workbook, sheet: WriteOnlyWorksheet) -> None:
        grey = PatternFill("solid", fgColor="D9D9D9")
        book.add_named_style(NamedStyle(_HEADER, font=Font(bold=True), fill=grey))
        book.add_named_style(NamedStyle(_TITLE, font=Font(bold=True, size=14)))
        for severity, colour in FILLS.items():
            fill = PatternFill("solid", fgColor=colour)
            book.add_named_style(NamedStyle(_named(severity), fill=fill))
        # Every combination now: the styles are written when the workbook is saved, before
        # the streamed rows that use them are built.
        self._styles: dict[tuple[Severity | None, bool, bool], str] = {}
        for tint in (None, *FILLS):
            for quoted in (False, True):
                for rate in (False, True):
                    cell = WriteOnlyCell(sheet)
                    if tint is not None:
                        cell.style = _named(tint)
                    cell.quotePrefix = quoted
                    if rate:
                        cell.number_format = "0.00"
                    attr = f' s="{cell.style_id}"' if cell.has_style else ""
                    self._styles[(tint, quoted, rate)] = attr
        self.strings: dict[str, int] = {}

    def text(self, value: str, severity: Severity | None = None) -> str | None:
        """A text cell after its reference; None for an empty unstyled one (left out)."""
        value = safe.text(value)
        s = self._styles[(severity, safe.risky(value), False)]
        if not value:
            return f'"{s}/>' if s else None
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        return f'" t="inlineStr"{s}><is><t{space}>{_escaped(value)}</t></is></c>'

    def shared(self, value: str, severity: Severity | None = None) -> str | None:
        """A text cell naming its text in the shared strings."""
        value = safe.text(value)
        s = self._styles[(severity, safe.risky(value), False)]
        if not value:
            return f'"{s}/>' if s else None
        index = self.strings.setdefault(value, len(self.strings))
        return f'" t="s"{s}><v>{index}</v></c>'

    def number(self, value: float, severity: Severity | None = None, rate: bool = False) -> str:
        return f'"{self._styles[(severity, False, rate)]}><v>{value}</v></c>'

    def shared_strings(self) -> Iterator[str]:
        """The shared strings part, in pieces."""
        yield f'{_XML}<sst xmlns="{_MAIN}" uniqueCount="{len(self.strings)}">'
        for value in self.strings:  # in the order they were numbered
            yield f'<si><t xml:space="preserve">{_escaped(value)}</t></si>'
        yield "</sst>"


def _escaped(value: str) -> str:
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text  # a bare CR reads back as LF


def _named(severity: Severity) -> str:
    return f"duediligence {severity.value}"


def _cells(rests: Iterable[str | None], start: int = 0) -> str:
    """Cells from column `start` on, each after its reference; the row number left open."""
    return "".join(
        f'<c r="{get_column_letter(k)}{_ROW}{rest}'
        for k, rest in enumerate(rests, start + 1)
        if rest is not None
    )


def _row(number: int, cells: str) -> str:
    return f'<row r="{_ROW}">{cells}</row>'.replace(_ROW, str(number))


class _Rows:
    """The rows of the large sheets, as SpreadsheetML, built from one pass over each table."""

    def __init__(self, report: Report, cells: _Cells) -> None:
        self.report = report
        self.cells = cells
        self.flagged = _ByTable(report)
        self.skips: dict[tuple[str, str | None], dict[int, str]] = {}
        for s in report.skips:
            where = (s.location.path, s.location.sheet)
            self.skips.setdefault(where, {})[s.location.row or 0] = s.reason
        self._added: dict[int, str] = {}

    def table(self, index: int, copy: _Copy) -> Iterator[str]:
        """A table's rows after its header: every row, or (without them) its flagged rows."""
        width = len(copy.table.columns)
        start = 1 if copy.numbered else 0
        left = 0
        for n, (row, j, cells, skipped) in enumerate(self._joined(index, copy), 2):
            at = n if copy.numbered else row
            if at >= MAX_ROWS:
                left += 1
                continue
            xml = self._cells(cells, width, j, skipped, start)
            if copy.numbered:
                severity = self.report.judgments[j].worst if j is not None else None
                xml = f'<c r="A{_ROW}{self.cells.number(row, severity)}{xml}'
            yield _row(at, xml)
        if left:
            yield self._left_out(left, "rows", "this sheet")

    def _joined(
        self, index: int, copy: _Copy
    ) -> Iterator[tuple[int, int | None, Sequence[str], str | None]]:
        """(row, judgment, cells, why it was not judged) of each row to copy: every row read
        again, matched to its flagged row by number, or the flagged rows alone."""
        if copy.rows is None:
            for row, j, cells in self.flagged.rows(index, cells=True):
                yield row, j, cells, None
            return
        skips = self.skips.get((copy.table.source, copy.table.sheet), {})
        flagged = self.flagged.rows(index, cells=False)
        pending = next(flagged, None)
        for row, cells in copy.rows:
            while pending is not None and pending[0] < row:
                pending = next(flagged, None)
            judgment = None
            if pending is not None and pending[0] == row:
                judgment = pending[1]
                pending = next(flagged, None)
            yield row, judgment, cells, skips.get(row)

    def _cells(
        self, cells: Sequence[str], width: int, j: int | None, skipped: str | None, start: int
    ) -> str:
        """A row's original cells (filled when flagged), then its added ones."""
        severity = self.report.judgments[j].worst if j is not None else None
        text = self.cells.text
        padded = chain(cells[:width], [""] * (width - len(cells)))
        out = _cells((text(c, severity) for c in padded), start)
        if j is not None:
            out += self._annotation(j, start + width)
        elif skipped is not None:
            shared = self.cells.shared
            out += _cells([shared(NOT_JUDGED), *[None] * 4, shared(skipped)], start + width)
        if len(cells) > width:  # cells past every header the scan saw: kept, after ours
            out += _cells((text(c) for c in cells[width:]), start + width + len(ADDED))
        return out

    def _annotation(self, j: int, start: int) -> str:
        """The added cells of every row with judgment `j`, built once."""
        found = self._added.get(j)
        if found is None:
            judgment = self.report.judgments[j]
            worst, a = judgment.worst, judgment.attribution
            text = self.cells.shared
            found = self._added[j] = _cells(
                [
                    text(FLAGGED, worst),
                    text(worst.value, worst),
                    text(a.entity.group_name, worst),
                    text(", ".join(h.rule_id for h in judgment.hits), worst),
                    self.cells.number(round(a.confidence, 2), worst, rate=True),
                    text(_to_do(judgment, self.report), worst),
                ],
                start,
            )
        return found

    def findings(self, limit: int) -> Iterator[str]:
        """One row per finding, in inventory order, at most `limit`; then how many are not."""
        report, text, number = self.report, self.cells.text, self.cells.number
        shared = self.cells.shared  # for the values a register repeats: site, make, model
        by_judgment: dict[int, list[str]] = {}
        identities = [cells_identity(t.fields) for t in report.inputs]
        tables = [(shared(t.source), shared(t.sheet or "")) for t in report.inputs]
        written = 0
        for t, row, cells, j in report.flagged.raw():
            if written == limit:
                break
            fields = report.inputs[t].fields
            prefix = _cells(
                [
                    *tables[t],
                    number(row),
                    text(asset_name(cells, fields, row)),
                    shared(_get(cells, fields, Field.SITE)),
                    shared(_get(cells, fields, Field.MAKE)),
                    shared(_get(cells, fields, Field.MODEL)),
                ]
            )
            hits = by_judgment.get(j)
            if hits is None:
                hits = by_judgment[j] = self._hits(report.judgments[j])
            fingerprint = asset_fingerprint(identities[t](cells))
            for hit, xml in zip(report.judgments[j].hits, hits, strict=True):
                if written == limit:
                    break
                written += 1
                # 32 hex digits: nothing to escape or guard, and a cell per finding
                mark = finding_fingerprint(hit.rule_id, fingerprint)
                fp = f'<c r="H{_ROW}" t="inlineStr"><is><t>{mark}</t></is></c>'
                yield _row(written + 1, prefix + fp + xml)
        left = report.summary.findings - written
        if left > 0:
            yield self._left_out(left, "findings", "this workbook", at=written + 2)

    def _hits(self, judgment: Judgment) -> list[str]:
        """Each finding's cells from Vendor on, shared by every row with this judgment."""
        report, text = self.report, self.cells.shared
        a = judgment.attribution
        e = a.entity
        vendor = [
            text(e.name),
            text(e.group_name),
            self.cells.number(round(a.confidence, 2), rate=True),
            text("\n".join(x.explanation for x in a.evidence)),
        ]
        out = []
        for h in judgment.hits:
            rule = report.rules.get(h.rule_id)
            sources = "\n".join(_cite(r, report) for r in h.references)
            cells = [
                *vendor,
                text(h.rule_id),
                text(rule.title if rule else ""),
                text(h.severity.value, h.severity),
                text(h.jurisdiction or ""),
                text(h.message),
                text(h.recommended_action),
                text(sources),
            ]
            out.append(_cells(cells, 8))
        return out

    def _left_out(self, count: int, what: str, where: str, at: int | None = None) -> str:
        note = (
            f"… {count} more {what} are not in {where}: an Excel sheet holds at most"
            f" {MAX_ROWS:,} rows. The JSON report (--format json) holds them all."
        )
        return _row(at or MAX_ROWS, _cells([self.cells.text(note)]))


class _ByTable:
    """Each table's flagged rows, tables in order, from one pass over the report's rows."""

    def __init__(self, report: Report) -> None:
        self._parts = _tagged(report.flagged.parts())
        self._next = next(self._parts, None)
        self._asked = -1

    def rows(self, table: int, cells: bool) -> Iterator[tuple[int, int, Sequence[str]]]:
        """(row, judgment, cells) of the table's flagged rows; cells only when asked for.
        Tables must be asked for in order."""
        if table <= self._asked:
            raise ValueError(f"table {table} asked for after table {self._asked}")
        self._asked = table
        while self._next is not None and self._next[0] <= table:
            t, part = self._next
            self._next = next(self._parts, None)
            if t != table:
                continue
            if not isinstance(part, Block):
                yield from ((row, j, c) for _, row, c, j in part)
            elif cells:
                yield from ((row, j, c) for _, row, c, j in part.rows())
            else:
                numbers = cast(list[int], part.numbers.to_pylist())
                verdicts = cast(list[int], part.verdicts.to_pylist())
                yield from ((row, j, ()) for row, j in zip(numbers, verdicts, strict=True))


def _tagged(
    parts: Iterator[Block | Iterator[FlaggedRow]],
) -> Iterator[tuple[int, Block | Iterator[FlaggedRow]]]:
    for part in parts:
        if isinstance(part, Block):
            yield part.table, part
            continue
        first = next(part, None)
        if first is not None:
            yield first[0], chain([first], part)


def _get(cells: Sequence[str], fields: dict[Field, int], field: Field) -> str:
    i = fields.get(field)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _to_do(judgment: Judgment, report: Report) -> str:
    """The Recommended action cell: what to do, by when, and each deciding rule's advice."""
    kind, hits = decide(judgment, report.rules)
    head = kind.value.capitalize()
    first = due(kind, hits, report.rules)
    if first is not None:
        deadline, rule = first
        head += f" by {deadline.date} ({rule}: {deadline.label})"
        head += ", overdue" if deadline.date < report.as_of else ""
    return "\n".join([head, *(f"{h.rule_id}: {h.recommended_action}" for h in hits)])


def _cite(ref: str, report: Report) -> str:
    s = report.sources.get(ref)
    if s is None:
        return ref
    return f"{ref}: " + ", ".join(x for x in (s.title, s.publisher, s.date, s.url) if x)


def _titles(tables: Sequence[InputTable]) -> list[str]:
    """A sheet name per table: its sheet's, else its file's; Excel's rules kept (31
    characters, none of []:*?/\\, unique without regard to case)."""
    used = {r.casefold() for r in RESERVED}
    out = []
    for t in tables:
        base = t.sheet or t.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        base = "".join("_" if c in "[]:*?/\\" else c for c in base).strip("'") or "Sheet"
        title, n = base[:31], 1
        while title.casefold() in used:
            n += 1
            title = f"{base[: 31 - len(f' ({n})')]} ({n})"
        used.add(title.casefold())
        out.append(title)
    return out


def _sheet(
    book: Workbook, title: str, header: Sequence[str], at: int, widths: Sequence[int]
) -> WriteOnlyWorksheet:
    """A large sheet as openpyxl writes it: layout and header; its rows come later."""
    sheet: WriteOnlyWorksheet = book.create_sheet(title)
    _lay_out(sheet, widths, f"A{at + 1}", f"A{at}:{get_column_letter(len(header))}{MAX_ROWS}")
    for _ in range(at - 1):
        sheet.append([])
    sheet.append([safe.cell(sheet, h, _HEADER) for h in header])
    return sheet


def _lay_out(
    sheet: WriteOnlyWorksheet,
    widths: Iterable[int],
    freeze: str | None = None,
    filtered: str | None = None,
) -> None:
    """Column widths, the frozen header and the filter, which a write-only sheet writes before
    its first row (openpyxl's stubs do not list them on write-only sheets)."""
    layout: Any = sheet
    for k, width in enumerate(widths, 1):
        layout.column_dimensions[get_column_letter(k)].width = width
    if freeze is not None:
        layout.freeze_panes = freeze
    if filtered is not None:
        layout.auto_filter.ref = filtered


def _assemble(
    package: BytesIO,
    bulk: Sequence[tuple[WriteOnlyWorksheet, Iterator[str], bool]],
    cells: _Cells,
    out: IO[bytes],
) -> None:
    """The package openpyxl wrote, with each large sheet's rows streamed into its XML, and
    the shared strings those rows name."""
    rows = {sheet.path.lstrip("/"): (body, big) for sheet, body, big in bulk}
    added = {"[Content_Types].xml": _STRINGS_TYPE, "xl/_rels/workbook.xml.rels": _STRINGS_REL}
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        if _STRINGS in source.namelist():
            raise ValueError("openpyxl wrote shared strings of its own: update this writer")
        for info in source.infolist():
            data = source.read(info)
            name = info.filename
            if name in added:  # declare the shared strings: before the closing tag
                at = data.rindex(b"</")
                data = data[:at] + added[name].encode() + data[at:]
            if name not in rows:
                target.writestr(info, data)
                continue
            body, big = rows[name]
            head, end, tail = data.partition(b"</sheetData>")
            with target.open(name, "w", force_zip64=big) as entry:
                entry.write(head)
                _stream(body, entry)
                entry.write(end + tail)
        with target.open(_STRINGS, "w", force_zip64=len(cells.strings) > _ZIP64_ROWS) as entry:
            _stream(cells.shared_strings(), entry)


def _stream(pieces: Iterable[str], entry: IO[bytes]) -> None:
    """Write text in batches: a zip entry's write costs more than a row."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:
            entry.write("".join(batch).encode("utf-8"))
            batch, size = [], 0
    entry.write("".join(batch).encode("utf-8"))


def _put(sheet: WriteOnlyWorksheet, *values: safe.Value, style: str | None = None) -> None:
    sheet.append([safe.cell(sheet, v, style) for v in values])


def _summary(
    sheet: WriteOnlyWorksheet,
    report: Report,
    plans: Sequence[SitePlan],
    tables: Sequence[_Copy],
    reread: bool,
    shown: int,
) -> None:
    """Counts by severity (charted), vendor group, site and measure; then notes."""
    _lay_out(sheet, (44, 16, 40, 14, 14))
    s = report.summary
    rows = 0

    def put(*values: safe.Value, style: str | None = None) -> None:
        nonlocal rows
        _put(sheet, *values, style=style)
        rows += 1

    put("duediligence: equipment from covered vendors", style=_TITLE)
    put("Profile", report.profile)
    put("As of", report.as_of)
    put("Rule pack", f"{report.pack.id} {report.pack.version} (reviewed {report.pack.reviewed})")
    put("Written by", f"{report.tool.name} {report.tool.version}")
    put()
    for label, count in (
        ("Assets read", s.assets),
        ("Attributed", s.attributed),
        ("Flagged assets", s.flagged),
        ("Findings", s.findings),
        ("Not recognised", s.unknown),
        ("Skipped (not judged)", s.skipped),
    ):
        put(label, count)
    put()
    put("Severity", "Findings", style=_HEADER)
    first = rows + 1
    for severity in SEVERITIES:
        put(severity.value, s.by_severity.get(severity.value, 0))
    chart = BarChart()
    chart.title = "Findings by severity"
    chart.legend = None
    chart.add_data(
        Reference(sheet, min_col=2, min_row=first - 1, max_row=rows), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=rows))
    chartable: Any = sheet  # openpyxl's stubs type add_chart for ordinary sheets only
    chartable.add_chart(chart, "C2")
    names = {j.attribution.entity.group: j.attribution.entity.group_name for j in report.judgments}
    put()
    put("Vendor group", "Flagged assets", style=_HEADER)
    for group, n in sorted(s.by_group.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0]))):
        put(names.get(group, group), n)
    put()
    put("Site", "Flagged assets", style=_HEADER)
    for p in sorted(plans, key=lambda p: -p.assets):
        put(p.site, p.assets)
    put()
    put("Measure", "Findings", "Title", "Jurisdiction", "Status", style=_HEADER)
    for rule, n in sorted(s.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        info = report.rules.get(rule)
        if info is None:
            put(rule, n)
        else:
            put(rule, n, info.title, info.jurisdiction or "", info.status.replace("_", " "))
    notes = list(_notes(report, tables, reread, shown))
    if notes:
        put()
        put("Notes", style=_HEADER)
        for note in notes:
            put(note)


def _notes(report: Report, tables: Sequence[_Copy], reread: bool, shown: int) -> Iterator[str]:
    if not reread:
        yield (
            "Written without access to the inventories: each table's sheet holds its flagged"
            " rows only, with their row numbers."
        )
    for copy in tables:
        t = copy.table
        if reread and copy.rows is None:
            where = t.source if t.sheet is None else f"{t.source}, sheet {t.sheet!r}"
            yield f"{where} cannot be read again: its sheet holds its flagged rows only."
    if any(c.rows is not None and c.table.header_row > 1 for c in tables):
        yield "Rows keep their numbers; rows above a table's header (a title block) are empty."
    if shown < report.summary.findings:
        yield (
            f"The Findings sheet lists the first {shown:,} of {report.summary.findings:,}"
            f" findings: an Excel sheet holds at most {MAX_ROWS:,} rows."
            " The JSON report (--format json) holds them all."
        )
    yield from report.warnings


def _remediation(sheet: WriteOnlyWorksheet, plans: Sequence[SitePlan]) -> None:
    """One row per action at each site, most urgent first within a site."""
    last = 1 + sum(len(p.actions) for p in plans)
    _lay_out(sheet, (20, 10, 8, 14, 12, 24, 9, 30, 60, 60, 40), "A2", f"A1:K{last}")
    _put(sheet, *PLAN_COLUMNS, style=_HEADER)
    for p in plans:
        for a in p.actions:
            _put(sheet, *_plan_row(p.site, a))


def _plan_row(site: str, a: Action) -> list[safe.Value]:
    return [
        site,
        a.kind.value,
        a.assets,
        a.severity.value,
        a.deadline.date if a.deadline else "",
        f"{a.deadline_rule}: {a.deadline.label}" if a.deadline else "",
        "overdue" if a.overdue else "",
        ", ".join(a.rules),
        "\n".join(a.recommended),
        "\n".join(a.mitigations),
        "\n".join(str(e) for e in a.examples),
    ]
