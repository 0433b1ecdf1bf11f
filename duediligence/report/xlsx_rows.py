"""The rows of the workbook's large sheets (a sheet per table read, the sheets copied as they
are, and Findings) as SpreadsheetML, a row at a time, for `xlsx` to stream into the package
openpyxl wrote.

Cells name the style ids openpyxl gave; the texts many rows repeat (a finding's message,
advice, sources) are stored once as shared strings. Every cell holding text is a text cell,
which a spreadsheet never evaluates, and goes through `safe` (the quote prefix on text a
spreadsheet would take for a formula).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import cast

from openpyxl.utils import get_column_letter

from duediligence.report.remediation import advice, asset_name, field_text
from duediligence.report.rows import elsewhere_text
from duediligence.report.xlsx_cells import ROW, Cells
from duediligence.report.xlsx_cells import cells as xml_cells
from duediligence.report.xlsx_cells import row as xml_row
from duediligence.results.assets import Field
from duediligence.results.findings import Judgment
from duediligence.results.fingerprints import asset_fingerprint, cells_identity, finding_fingerprint
from duediligence.results.gate import Gate, Mark
from duediligence.results.report import Report

ADDED = ("Flag", "Severity", "Vendor group", "Rules", "Confidence", "Recommended action")
"""The columns added after a table's own; then `GATE` when the gate can mark findings (waivers
or a baseline were given)."""
GATE = "Gate"
FLAGGED = "flagged"
NOT_JUDGED = "not judged"
NEW = "new since baseline"
FINDING_COLUMNS = (
    *("Source", "Sheet", "Row", "Asset", "Site", "Make", "Model", "Fingerprint"),
    *("Vendor", "Vendor group", "Confidence", "Evidence"),
    *("Rule", "Title", "Severity", "Jurisdiction", "Message", "Recommended action", "Sources"),
)
"""The Findings sheet's columns: the asset's, then its attribution's, then the finding's."""
_SPLIT = FINDING_COLUMNS.index("Severity") + 1
MAX_COLUMNS = 16_384
"""Columns in an Excel sheet (A to XFD)."""
Source = Iterator[tuple[int, Sequence[str]]]
"""A table's rows read again: (row number, cells)."""


def finding_columns(gate: bool) -> tuple[str, ...]:
    """The Findings sheet's columns, with `GATE` after Severity when the gate can mark."""
    return (*FINDING_COLUMNS[:_SPLIT], *([GATE] if gate else []), *FINDING_COLUMNS[_SPLIT:])


def _waived(gate: Gate, rule_id: str, mark: Mark) -> str | None:
    """What a Gate cell says of a waived finding."""
    w = gate.waiver(mark, rule_id)
    return None if w is None else f"waived until {w.expires} ({w.approved_by}): {w.reason}"


class Rows:
    """The rows of the large sheets, built from one pass over each table; `limit` is the
    rows a sheet holds (Excel's), past which a sheet ends in a note of what it left out."""

    def __init__(self, report: Report, cells: Cells, limit: int) -> None:
        self.report = report
        self.cells = cells
        self.limit = limit
        self.flagged = _ByTable(report)
        self.skips: dict[tuple[str, str | None], dict[int, str]] = {}
        for s in report.skips:
            where = (s.location.path, s.location.sheet)
            self.skips.setdefault(where, {})[s.location.row or 0] = s.reason
        gate = report.gate
        self.gated = gate is not None and (bool(gate.waivers) or gate.baseline is not None)
        self.marks = _marks(report)
        self._added: dict[int, str] = {}
        self._gates: dict[tuple[int | None, bool], str] = {}

    def table(self, index: int, rows: Source | None, numbered: bool) -> Iterator[str]:
        """Table `index`'s rows after its header: every row (`rows`), or its flagged rows;
        on their own row numbers, or `numbered` one after another with a Row column."""
        width = len(self.report.inputs[index].columns)
        start = 1 if numbered else 0
        left = 0
        for n, (row, j, cells, skipped) in enumerate(self._joined(index, rows), 2):
            at = n if numbered else row
            if at >= self.limit:
                left += 1
                continue
            mark = self.marks.get((index, row)) if self.marks and j is not None else None
            xml = self._cells(cells, width, j, mark, skipped, start)
            if numbered:
                severity = self.report.judgments[j].worst if j is not None else None
                xml = f'<c r="A{ROW}{self.cells.number(row, severity)}{xml}'
            yield xml_row(at, xml)
        if left:
            yield self._left_out(left, "rows", "this sheet")

    def copied(self, rows: Source, column: int) -> Iterator[str]:
        """A sheet copied as it is, nothing in it judged: each row on its own number, its
        cells from `column` (0 being A) on, as text; no added columns, no fill."""
        text, width = self.cells.text, max(0, MAX_COLUMNS - column)
        left = 0
        for number, cells in rows:
            if not any(cells):
                continue
            if number >= self.limit:
                left += 1
                continue
            yield xml_row(number, xml_cells((text(c) for c in cells[:width]), column))
        if left:
            yield self._left_out(left, "rows", "this sheet")

    def _joined(
        self, index: int, rows: Source | None
    ) -> Iterator[tuple[int, int | None, Sequence[str], str | None]]:
        """(row, judgment, cells, why it was not judged) of each row to copy: every row read
        again, matched to its flagged row by number, or the flagged rows alone."""
        if rows is None:
            for row, j, cells in self.flagged.rows(index, cells=True):
                yield row, j, cells, None
            return
        table = self.report.inputs[index]
        skips = self.skips.get((table.source, table.sheet), {})
        flagged = self.flagged.rows(index, cells=False)
        pending = next(flagged, None)
        for row, cells in rows:
            while pending is not None and pending[0] < row:
                pending = next(flagged, None)
            judgment = None
            if pending is not None and pending[0] == row:
                judgment = pending[1]
                pending = next(flagged, None)
            yield row, judgment, cells, skips.get(row)

    def _cells(
        self,
        cells: Sequence[str],
        width: int,
        j: int | None,
        mark: Mark | None,
        skipped: str | None,
        start: int,
    ) -> str:
        """A row's original cells (filled when flagged), then its added ones."""
        severity = self.report.judgments[j].worst if j is not None else None
        text = self.cells.text
        padded = chain(cells[:width], [""] * (width - len(cells)))
        out = xml_cells((text(c, severity) for c in padded), start)
        if j is not None:
            out += self._annotation(j, start + width)
            if self.gated:
                note = "" if mark is None else self._row_gate(j, mark)
                out += xml_cells([self.cells.shared(note, severity)], start + width + len(ADDED))
        elif skipped is not None:
            shared = self.cells.shared
            out += xml_cells([shared(NOT_JUDGED), *[None] * 4, shared(skipped)], start + width)
        if len(cells) > width:  # cells past every header the scan saw: kept, after ours
            added = len(ADDED) + int(self.gated)
            out += xml_cells((text(c) for c in cells[width:]), start + width + added)
        return out

    def _annotation(self, j: int, start: int) -> str:
        """The added cells of every row with judgment `j`, built once."""
        found = self._added.get(j)
        if found is None:
            judgment = self.report.judgments[j]
            worst, a = judgment.worst, judgment.attribution
            text = self.cells.shared
            found = self._added[j] = xml_cells(
                [
                    text(FLAGGED, worst),
                    text(worst.value, worst),
                    text(a.entity.group_name, worst),
                    text(_rules(judgment), worst),
                    self.cells.number(round(a.confidence, 2), worst, rate=True),
                    text(advice(judgment, self.report), worst),
                ],
                start,
            )
        return found

    def _row_gate(self, j: int, mark: Mark) -> str:
        """A row's Gate cell: a line per waiver in force on its findings (naming the rules
        unless it covers them all), then the rules new since the baseline."""
        gate, rules = self.report.gate, [h.rule_id for h in self.report.judgments[j].hits]
        assert gate is not None
        by_note: dict[str, list[str]] = {}
        for rule in rules:
            note = _waived(gate, rule, mark)
            if note is not None:
                by_note.setdefault(note, []).append(rule)
        new = [r for r in rules if r in mark.new]
        lines = [n if r == rules else f"{', '.join(r)}: {n}" for n, r in by_note.items()]
        if new:
            lines.append(NEW if new == rules else f"{NEW}: {', '.join(new)}")
        return "\n".join(lines)

    def findings(self, limit: int) -> Iterator[str]:
        """One row per finding, in inventory order, at most `limit`; then how many are not."""
        report, text, number = self.report, self.cells.text, self.cells.number
        shared = self.cells.shared  # for the values a register repeats: site, make, model
        by_judgment: dict[int, list[tuple[str, str]]] = {}
        identities = [cells_identity(t.fields) for t in report.inputs]
        tables = [(shared(t.source), shared(t.sheet or "")) for t in report.inputs]
        written = 0
        for t, row, cells, j in report.flagged.raw():
            if written == limit:
                break
            fields = report.inputs[t].fields
            prefix = xml_cells(
                [
                    *tables[t],
                    number(row),
                    text(asset_name(cells, fields, row)),
                    shared(field_text(cells, fields, Field.SITE)),
                    shared(field_text(cells, fields, Field.MAKE)),
                    shared(field_text(cells, fields, Field.MODEL)),
                ]
            )
            hits = by_judgment.get(j)
            if hits is None:
                hits = by_judgment[j] = self._hits(report.judgments[j])
            fingerprint = asset_fingerprint(identities[t](cells))
            mark = self.marks.get((t, row)) if self.marks else None
            for hit, (head, tail) in zip(report.judgments[j].hits, hits, strict=True):
                if written == limit:
                    break
                written += 1
                # 32 hex digits: nothing to escape or guard, and a cell per finding
                finding = finding_fingerprint(hit.rule_id, fingerprint)
                fp = f'<c r="H{ROW}" t="inlineStr"><is><t>{finding}</t></is></c>'
                note = "" if mark is None else self._finding_gate(hit.rule_id, mark)
                yield xml_row(written + 1, prefix + fp + head + note + tail)
        left = report.summary.findings - written
        if left > 0:
            yield self._left_out(left, "findings", "this workbook", at=written + 2)

    def _finding_gate(self, rule_id: str, mark: Mark) -> str:
        """A finding's Gate cell (after its Severity): its waiver in force, and whether it is
        new since the baseline; nothing when neither. Built once for each such pair."""
        key = (mark.waived.get(rule_id), rule_id in mark.new)
        found = self._gates.get(key)
        if found is None:
            gate = self.report.gate
            assert gate is not None
            lines = [_waived(gate, rule_id, mark), NEW if key[1] else None]
            note = self.cells.shared("\n".join(x for x in lines if x))
            found = f'<c r="{get_column_letter(_SPLIT + 1)}{ROW}{note}' if note else ""
            self._gates[key] = found
        return found

    def _hits(self, judgment: Judgment) -> list[tuple[str, str]]:
        """Each finding's cells from Vendor on, shared by every row with this judgment: up to
        its Severity, and after it (past the Gate column, when there is one)."""
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
            head = [*vendor, text(h.rule_id), text(rule.title if rule else "")]
            head.append(text(h.severity.value, h.severity))
            tail = [text(h.jurisdiction or ""), text(h.message), text(h.recommended_action)]
            tail.append(text(sources))
            out.append((xml_cells(head, 8), xml_cells(tail, _SPLIT + int(self.gated))))
        return out

    def _left_out(self, count: int, what: str, where: str, at: int | None = None) -> str:
        note = (
            f"… {count} more {what} are not in {where}: an Excel sheet holds at most"
            f" {self.limit:,} rows. The JSON report (--format json) holds them all."
        )
        return xml_row(at or self.limit, xml_cells([self.cells.text(note)]))


def _marks(report: Report) -> dict[tuple[int, int], Mark]:
    """The gate's mark of each flagged row it marked, by (table, row); empty, at no cost,
    when it marked none."""
    gate = report.gate
    if gate is None or not gate.marks:
        return {}
    ids = [j.id for j in report.judgments]
    numbers = chain.from_iterable(
        cast(list[int], p.numbers.to_pylist()) for p in report.flagged.parts()
    )
    out = {}
    for (t, fp, j), row in zip(report.flagged.fingerprints(), numbers, strict=True):
        mark = gate.mark(fp, ids[j])
        if mark is not None:
            out[(t, row)] = mark
    return out


class _ByTable:
    """Each table's flagged rows, tables in order, from one pass over the report's rows."""

    def __init__(self, report: Report) -> None:
        self._parts = report.flagged.parts()
        self._next = next(self._parts, None)
        self._asked = -1

    def rows(self, table: int, cells: bool) -> Iterator[tuple[int, int, Sequence[str]]]:
        """(row, judgment, cells) of the table's flagged rows; cells only when asked for.
        Tables must be asked for in order."""
        if table <= self._asked:
            raise ValueError(f"table {table} asked for after table {self._asked}")
        self._asked = table
        while self._next is not None and self._next.table <= table:
            part = self._next
            self._next = next(self._parts, None)
            if part.table != table:
                continue
            if cells:
                yield from ((row, j, c) for _, row, c, j in part.rows())
            else:
                numbers = cast(list[int], part.numbers.to_pylist())
                verdicts = cast(list[int], part.verdicts.to_pylist())
                yield from ((row, j, ()) for row, j in zip(numbers, verdicts, strict=True))


def _cite(ref: str, report: Report) -> str:
    s = report.sources.get(ref)
    if s is None:
        return ref
    return f"{ref}: " + ", ".join(x for x in (s.title, s.publisher, s.date, s.url) if x)


def _rules(judgment: Judgment) -> str:
    """The Rules cell: the rules that bind, then where else the vendor is restricted."""
    binding = ", ".join(h.rule_id for h in judgment.hits)
    return "\n".join(x for x in (binding, elsewhere_text(judgment.elsewhere)) if x)
