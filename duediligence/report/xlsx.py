"""The annotated workbook (`--format xlsx`): the inventory as read, each row with its verdict,
for a compliance officer to filter, sort and hand on. A new workbook: the input is never
touched. docs/workbook.md describes it for its readers.

Sheets, in order: Summary (counts by severity, vendor group, site and measure, a chart, the
gate and its waivers, and notes on anything left out or copied unjudged); Remediation
(`remediation.plan`: by site, what to remove, replace or mitigate, by when, and the
mitigations); for each input, a sheet per table read, every row and column as read plus Flag,
Severity, Vendor group, Rules, Confidence and Recommended action (and Gate, when waivers or a
baseline were given), flagged rows filled in their worst severity's colour, each row on the
row number the report gives it below its title block, then each sheet of the input workbook
no table was read from, copied as it is (`xlsx_sheets`); and Findings, one row per finding
with its evidence, sources and (with waivers or a baseline) what the gate made of it. Waived
findings are listed like any other, marked.

A report holds only its flagged rows; the others come from `RenderOptions.rows`, and the rest
of an input workbook from `RenderOptions.books`. Without `rows` (library use), or for a table
it cannot read again (standard input), the table's sheet holds its flagged rows alone, each
with its row number, and the Summary says so; without `books`, title blocks stay empty.

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
from io import BytesIO
from typing import IO, Any, TextIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duediligence.report import safe
from duediligence.report.interface import RenderOptions
from duediligence.report.remediation import Action, SitePlan, plan
from duediligence.report.xlsx_cells import Cells
from duediligence.report.xlsx_rows import FINDING_COLUMNS, GATE, Rows, finding_columns
from duediligence.report.xlsx_sheets import (
    HEADER,
    Body,
    InputSheet,
    frame,
    input_notes,
    input_sheets,
    large_sheet,
    lay_out,
)
from duediligence.results.findings import NO_PROFILE, Severity
from duediligence.results.gate import Gate
from duediligence.results.report import Report

MAX_ROWS = 1_048_576
"""Rows in an Excel sheet."""
PLAN_COLUMNS = (
    *("Site", "Action", "Assets", "Worst severity", "Deadline", "Deadline set by", "Overdue"),
    *("Patch by", "Patch overdue", "Known-exploited advisories"),
    *("Rules", "What to do", "Mitigations (for equipment that stays, and until it goes)"),
    "Examples",
)
ADVISORY_COLUMNS = ("Known-exploited advisory", "Site", "Flagged assets", "Patch by", "Overdue")
"""The Summary's table of each site's known-exploited advisories (remediation_advisories)."""
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
_TITLE = "duediligence title"
NOTICE = "duediligence notice"
"""The style of the no-profile notice: bold and wrapped within its column, which the
severity chart's place beside the head of the sheet leaves free."""
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
    book.add_named_style(NamedStyle(HEADER, font=Font(bold=True), fill=grey))
    book.add_named_style(NamedStyle(_TITLE, font=Font(bold=True, size=14)))
    notice = NamedStyle(NOTICE, font=Font(bold=True), alignment=Alignment(wrap_text=True))
    book.add_named_style(notice)
    summary = book.create_sheet("Summary")
    cells = Cells(book, summary)
    plans = plan(report)
    inputs = input_sheets(report.inputs, options)
    shown = min(report.summary.findings, MAX_ROWS - 2)
    _summary(summary, report, plans, inputs, options.rows is not None, shown)
    _remediation(book.create_sheet("Remediation"), plans)
    rows = Rows(report, cells, MAX_ROWS)
    bulk = [frame(book, sheet, rows) for sheet in inputs if sheet.title]
    columns = finding_columns(rows.gated)
    widths = [WIDTHS[c] for c in columns]
    findings = large_sheet(book, "Findings", columns, 1, widths, MAX_ROWS)
    bulk.append((findings, lambda: (rows.findings(shown), shown)))
    package = BytesIO()
    book.save(package)
    out.flush()
    _assemble(package, bulk, cells, out.buffer)


def _put(sheet: WriteOnlyWorksheet, *values: safe.Value, style: str | None = None) -> None:
    sheet.append([safe.cell(sheet, v, style) for v in values])


def _summary(
    sheet: WriteOnlyWorksheet,
    report: Report,
    plans: Sequence[SitePlan],
    inputs: Sequence[InputSheet],
    reread: bool,
    shown: int,
) -> None:
    """The profile (and, when none was chosen, how to choose one); counts; the gate; counts
    by severity (charted), vendor group, site and measure; the waivers; then notes."""
    lay_out(sheet, (44, 34, 40, 40, 20, 12, 14, 9))
    s = report.summary
    rows = 0

    def put(*values: safe.Value, style: str | None = None) -> None:
        nonlocal rows
        _put(sheet, *values, style=style)
        rows += 1

    put("duediligence: equipment from covered vendors", style=_TITLE)
    put("Profile", report.profile or "none chosen")
    if report.profile is None:
        # Under the profile, where a reader looks for what binds them, not only in the notes.
        put(NO_PROFILE[0].upper() + NO_PROFILE[1:] + ".", style=NOTICE)
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
        ("Not covered equipment (not flagged)", s.not_covered),
    ):
        put(label, count)
    for item in report.not_covered:
        put(f"Not covered ({item.rows} rows)", item.note)
    if report.gate is not None:
        put()
        put("Gate", style=HEADER)
        for label, value in _gate(report.gate):
            put(label, value)
    put()
    put("Severity", "Findings", style=HEADER)
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
    put("Vendor group", "Flagged assets", style=HEADER)
    for group, n in sorted(s.by_group.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0]))):
        put(names.get(group, group), n)
    put()
    put("Site", "Flagged assets", style=HEADER)
    for p in sorted(plans, key=lambda p: -p.assets):
        put(p.site, p.assets)
    if any(p.advisories for p in plans):  # the known-exploited advisories, site by site
        put()
        put(*ADVISORY_COLUMNS, style=HEADER)
        for p in plans:
            for a in p.advisories:
                late = "overdue" if a.patch_by is not None and a.patch_by < report.as_of else ""
                put(a.cve, p.site, a.assets, a.patch_by or "", late)
    put()
    put("Measure", "Findings", "Title", "Jurisdiction", "Status", style=HEADER)
    for rule, n in sorted(s.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        info = report.rules.get(rule)
        if info is None:
            put(rule, n)
        else:
            put(rule, n, info.title, info.jurisdiction or "", info.status.replace("_", " "))
    if report.gate is not None and report.gate.waivers:
        put()
        put(*WAIVER_COLUMNS, style=HEADER)
        for w in report.gate.waivers:
            state = w.state.value if w.matched else f"{w.state.value}, stale"
            where = w.asset or w.fingerprint or ""
            put(w.where, where, w.rule, w.reason, w.approved_by, w.expires, state, w.matched)
    notes = list(_notes(report, inputs, reread, shown))
    if notes:
        put()
        put("Notes", style=HEADER)
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
        if b.new:
            yield "New: from the register (rows new or changed)", b.from_register
            yield "New: from the pack (its changes since the baseline)", b.from_pack
        yield "Unchanged since the baseline", b.unchanged
        yield "Gone since the baseline", b.gone


def _notes(report: Report, inputs: Sequence[InputSheet], reread: bool, shown: int) -> Iterator[str]:
    if not reread:
        yield (
            "Written without access to the inventories: each table's sheet holds its flagged"
            " rows only, with their row numbers."
        )
    yield from input_notes(inputs, reread)
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
    widths = (20, 10, 8, 14, 12, 24, 9, 12, 9, 30, 30, 60, 60, 40)
    lay_out(sheet, widths, "A2", f"A1:{get_column_letter(len(widths))}{last}")
    _put(sheet, *PLAN_COLUMNS, style=HEADER)
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
        a.patch_by or "",
        "overdue" if a.patch_overdue else "",
        ", ".join(a.cves),
        ", ".join(a.rules),
        "\n".join(a.recommended),
        "\n".join(a.mitigations),
        "\n".join(str(e) for e in a.examples),
    ]


def _assemble(
    package: BytesIO,
    bulk: Sequence[tuple[WriteOnlyWorksheet, Body]],
    cells: Cells,
    out: IO[bytes],
) -> None:
    """The package openpyxl wrote, with each large sheet's rows streamed into its XML, begun
    as its part is written, and the shared strings those rows name."""
    rows = {sheet.path.lstrip("/"): body for sheet, body in bulk}
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
            head, end, tail = data.partition(b"</sheetData>")
            if not end:
                raise ValueError(f"openpyxl wrote {name} without sheetData: update this writer")
            body, most = rows[name]()
            with target.open(name, "w", force_zip64=most > _ZIP64_ROWS) as entry:
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
