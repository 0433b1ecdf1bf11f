"""The annotated workbook (`--format xlsx`): the inventory as read, each row with its verdict,
for a compliance officer to filter, sort and hand on. A new workbook: the input is never
touched. docs/workbook.md describes it for its readers.

Sheets, in order: Summary (counts by severity, vendor group, site and measure, a chart, the
gate and its waivers, and notes on anything left out); Remediation (`remediation.plan`: by
site, what to remove, replace or mitigate, by when, and the mitigations); a sheet per table
read, every row and column as read plus Flag, Severity, Vendor group, Rules, Confidence and
Recommended action (and Gate, when waivers or a baseline were given), flagged rows filled in
their worst severity's colour, each row on the row number the report gives it (rows above the
header, a title block, stay empty); and Findings, one row per finding with its evidence,
sources and (with waivers or a baseline) what the gate made of it. Waived findings are listed
like any other, marked.

A report holds only its flagged rows; the others come from `RenderOptions.rows`. Without it
(library use), or for a table it cannot read again (standard input), the table's sheet holds
its flagged rows alone, each with its row number, and the Summary says so.

Every cell goes through `safe`: inventory text is written as text, never as a formula.

Excel holds 1,048,576 rows a sheet: a sheet that would hold more ends in a row saying how
many were left out (the JSON report holds them all). openpyxl writes a cell in about 6 µs,
which for a register's hundred thousand rows and their million findings is minutes; so
openpyxl writes the workbook (styles, the small sheets, the chart) with the large sheets
holding their header only, and their rows (`xlsx_rows`, a row at a time, whatever the size)
are then streamed into the package's XML. 100,000 rows and 840,000 findings take about 7 s.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any, TextIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duediligence.findings import Gate, InputTable, Report, Severity
from duediligence.report import safe
from duediligence.report.interface import RenderOptions, RowSource
from duediligence.report.remediation import Action, SitePlan, plan
from duediligence.report.xlsx_cells import Cells
from duediligence.report.xlsx_rows import (
    ADDED,
    FINDING_COLUMNS,
    GATE,
    Rows,
    Source,
    finding_columns,
)

MAX_ROWS = 1_048_576
"""Rows in an Excel sheet."""
PLAN_COLUMNS = (
    *("Site", "Action", "Assets", "Worst severity", "Deadline", "Deadline set by", "Overdue"),
    *("Rules", "What to do", "Mitigations (for equipment that stays, and until it goes)"),
    "Examples",
)
WAIVER_COLUMNS = (
    *("Waiver", "Asset or fingerprint", "Rule", "Reason", "Approved by", "Expires", "State"),
    "Matched",
)
"""The Summary's waivers table: each waiver as read, its state on the as-of date, and the
findings it matches (none: stale)."""
WIDTHS = dict(
    zip(
        (*FINDING_COLUMNS, GATE),
        (28, 12, 6, 18, 14, 16, 18, 34, 24, 24, 10, 50, 24, 30, 10, 12, 60, 50, 40, 40),
        strict=True,
    )
)
"""The Findings sheet's column widths, by column."""
SEVERITIES = [s for s in sorted(Severity, key=lambda s: -s.rank) if s is not Severity.NONE]
RESERVED = ("Summary", "Remediation", "Findings", "History")
"""Sheet names taken by this workbook, and by Excel itself (History)."""
_HEADER, _TITLE = "duediligence header", "duediligence title"
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
    grey = PatternFill("solid", fgColor="D9D9D9")
    book.add_named_style(NamedStyle(_HEADER, font=Font(bold=True), fill=grey))
    book.add_named_style(NamedStyle(_TITLE, font=Font(bold=True, size=14)))
    summary = book.create_sheet("Summary")
    cells = Cells(book, summary)
    plans = plan(report)
    tables = [_Copy(t, _rows_of(options.rows, t)) for t in report.inputs]
    shown = min(report.summary.findings, MAX_ROWS - 2)
    _summary(summary, report, plans, tables, options.rows is not None, shown)
    _remediation(book.create_sheet("Remediation"), plans)
    rows = Rows(report, cells, MAX_ROWS)
    titles = _titles([t.table for t in tables])
    bulk: list[tuple[WriteOnlyWorksheet, Iterator[str], int]] = []
    for i, (copy, title) in enumerate(zip(tables, titles, strict=True)):
        header = copy.header(rows.gated)
        sheet = _sheet(book, title, header, copy.header_row, [16] * len(header))
        bulk.append((sheet, rows.table(i, copy.rows, copy.numbered), copy.table.assets))
    columns = finding_columns(rows.gated)
    findings = _sheet(book, "Findings", columns, 1, [WIDTHS[c] for c in columns])
    bulk.append((findings, rows.findings(shown), shown))
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
    rows: Source | None

    @property
    def numbered(self) -> bool:
        return self.rows is None or self.table.header_row < 1

    @property
    def header_row(self) -> int:
        return 1 if self.numbered else self.table.header_row

    def header(self, gate: bool) -> list[str]:
        first = ["Row"] if self.numbered else []
        return [*first, *self.table.columns, *ADDED, *([GATE] if gate else [])]


def _rows_of(source: RowSource | None, table: InputTable) -> Source | None:
    return None if source is None else source(table)


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
    """Counts; the gate; counts by severity (charted), vendor group, site and measure; the
    waivers; then notes."""
    _lay_out(sheet, (44, 34, 40, 40, 20, 12, 14, 9))
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
    if report.gate is not None:
        put()
        put("Gate", style=_HEADER)
        for label, value in _gate(report.gate):
            put(label, value)
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
    if report.gate is not None and report.gate.waivers:
        put()
        put(*WAIVER_COLUMNS, style=_HEADER)
        for w in report.gate.waivers:
            state = w.state.value if w.matched else f"{w.state.value}, stale"
            where = w.asset or w.fingerprint or ""
            put(w.where, where, w.rule, w.reason, w.approved_by, w.expires, state, w.matched)
    notes = list(_notes(report, tables, reread, shown))
    if notes:
        put()
        put("Notes", style=_HEADER)
        for note in notes:
            put(note)


def _gate(gate: Gate) -> Iterator[tuple[str, safe.Value]]:
    """What decided the exit code: the threshold, the findings that count against it, and
    what the waivers and the baseline took out of the count (never out of the workbook)."""
    yield "Fail on", gate.fail_on.value
    yield "Failing (count for the exit code)", gate.failing
    yield "Result", "fail" if gate.failing else "pass"
    if gate.waivers:
        yield "Waived (listed, marked in the Gate column)", gate.waived
    b = gate.baseline
    if b is not None:
        yield "Baseline", f"{b.source} ({b.findings} findings, as of {b.as_of})"
        yield "New since the baseline", b.new
        yield "Unchanged since the baseline", b.unchanged
        yield "Gone since the baseline", b.gone


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


def _assemble(
    package: BytesIO,
    bulk: Sequence[tuple[WriteOnlyWorksheet, Iterator[str], int]],
    cells: Cells,
    out: IO[bytes],
) -> None:
    """The package openpyxl wrote, with each large sheet's rows (and how many at most)
    streamed into its XML, and the shared strings those rows name."""
    rows = {sheet.path.lstrip("/"): (body, n > _ZIP64_ROWS) for sheet, body, n in bulk}
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
