"""JUnit XML, for CI systems that gate a pipeline on test results and show failures inline.

The mapping: a `<testsuite>` per table read (a file, or one sheet of a workbook); a failing
`<testcase>` per flagged asset, with exactly one `<failure>` that lists every finding on it
(JUnit allows one failure per test case, and viewers show only the first of several); a
`<testcase>` with `<skipped>` per row that could not be judged.

Clean assets are not listed one by one: a million-row register would become a million
elements that no viewer can show and no reader needs. Each suite holds instead one passing
`<testcase name="N clean assets">` when the table has any, "clean" meaning "no rule applies",
which includes rows nothing in the pack recognised. So `tests` counts the `<testcase>`
elements actually written (flagged + skipped + 1), which is what viewers compare it with,
and each suite's `assets` property keeps the table's real row count.

The document is written element by element, never held whole, and the failure text of each
distinct judgment is built once: its cost follows distinct values, not rows. Output is
deterministic for the same inputs, pack and as-of date.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby, repeat
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

import pyarrow as pa

from duediligence.report.interface import RenderOptions
from duediligence.results.assets import Field
from duediligence.results.compute import pc
from duediligence.results.findings import Judgment, Skip, SourceInfo
from duediligence.results.gate import Mark
from duediligence.results.report import Report

_BATCH = 2048
"""Elements joined per write: a text stream's write costs more than the element it writes."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 forbids even as references: a cell holding one would make the whole
document unreadable to every parser."""

_Key = tuple[str, str | None]
"""A table as a skipped row names it: (source, sheet)."""


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Stream the document: suites in the order the tables were read, rows in row order."""
    flagged, unbound = _flagged_per_table(report)
    marks, waived = _row_marks(report)
    waived = [w + u for w, u in zip(waived, unbound, strict=True)]
    skips, stray = _skips_per_table(report)
    names = [t.source if t.sheet is None else f"{t.source} [{t.sheet}]" for t in report.inputs]
    clean = [max(t.assets - flagged[i] - len(skips[i]), 0) for i, t in enumerate(report.inputs)]
    tests = [flagged[i] + len(skips[i]) + (clean[i] > 0) for i in range(len(report.inputs))]
    failures = {
        j: _failure(judgment, report.sources) if judgment.hits else _elsewhere(judgment)
        for j, judgment in enumerate(report.judgments)
    }
    stray_count = sum(len(s) for s in stray.values())

    out.write(f'<?xml version="1.0" encoding="{_encoding(out)}"?>\n')
    out.write(
        _open(
            "testsuites",
            name="duediligence",
            tests=sum(tests) + stray_count,
            failures=sum(flagged) - sum(waived),
            errors=0,
            skipped=sum(len(s) for s in skips) + stray_count,
        )
        + "\n"
    )
    rows = groupby(zip(report.flagged.raw(), marks, strict=False), key=lambda r: r[0][0])
    pending = next(rows, None)
    for i, table in enumerate(report.inputs):
        classname = _attr(names[i])
        out.write(
            _open(
                "testsuite",
                name=names[i],
                tests=tests[i],
                failures=flagged[i] - waived[i],
                errors=0,
                skipped=len(skips[i]),
            )
        )
        out.write(
            _properties(
                assets=str(table.assets),
                profile=report.profile or "",
                as_of=report.as_of,
                pack=f"{report.pack.id} {report.pack.version}",
            )
        )
        if pending is not None and pending[0] == i:
            fields = table.fields
            for text in _batched(
                f"\n<testcase classname={classname} name={_attr(_label(cells, fields, row))}>"
                + (
                    failures[j]
                    if mark is None or not report.judgments[j].hits
                    else _marked(report, j, mark)
                )
                + "</testcase>"
                for (_, row, cells, j), mark in pending[1]
            ):
                out.write(text)
            pending = next(rows, None)
        for text in _batched(_skipped(classname, s) for s in skips[i]):
            out.write(text)
        if clean[i]:
            noun = "asset" if clean[i] == 1 else "assets"
            out.write(
                f"\n<testcase classname={classname} name={_attr(f'{clean[i]} clean {noun}')}/>"
            )
        out.write("\n</testsuite>\n")
    if pending is not None:
        raise ValueError("flagged rows are not in the order of the tables they were read from")
    for (source, sheet), found in stray.items():
        # Rows skipped in a table the report does not list: shown in a suite of their own
        # rather than dropped, since a skipped row is never silently lost.
        name = source if sheet is None else f"{source} [{sheet}]"
        out.write(
            _open(
                "testsuite", name=name, tests=len(found), failures=0, errors=0, skipped=len(found)
            )
        )
        for text in _batched(_skipped(_attr(name), s) for s in found):
            out.write(text)
        out.write("\n</testsuite>\n")
    out.write("</testsuites>\n")


def _flagged_per_table(report: Report) -> tuple[list[int], list[int]]:
    """Flagged rows per table, and of them those nothing binds (they pass: their measures
    bind someone else), needed before each suite's opening tag can be written."""
    unbound = [j for j, judgment in enumerate(report.judgments) if not judgment.hits]
    counts: Counter[int] = Counter()
    passing: Counter[int] = Counter()
    for part in report.flagged.parts():
        counts[part.table] += len(part)
        if unbound:
            passing[part.table] += pc.sum(pc.is_in(part.verdicts, pa.array(unbound))).as_py()
    tables = range(len(report.inputs))
    return [counts[i] for i in tables], [passing[i] for i in tables]


def _skips_per_table(report: Report) -> tuple[list[list[Skip]], dict[_Key, list[Skip]]]:
    """Each table's skipped rows, and those naming no table the report lists.

    A skip names its table by source and sheet, which two tables share when one file is given
    twice; rows rise within a table, so a row that does not belongs to the next of them.
    """
    tables: dict[_Key, list[int]] = {}
    for i, t in enumerate(report.inputs):
        tables.setdefault((t.source, t.sheet), []).append(i)
    per_table: list[list[Skip]] = [[] for _ in report.inputs]
    stray: dict[_Key, list[Skip]] = {}
    at: dict[_Key, tuple[int, int]] = {}
    for s in report.skips:
        key = (s.location.path, s.location.sheet)
        indices = tables.get(key)
        if indices is None:
            stray.setdefault(key, []).append(s)
            continue
        row = s.location.row or 0
        k, last = at.get(key, (0, -1))
        if row <= last:
            k = min(k + 1, len(indices) - 1)
        at[key] = (k, row)
        per_table[indices[k]].append(s)
    return per_table, stray


def _row_marks(report: Report) -> tuple[Iterable[Mark | None], list[int]]:
    """Each flagged row's gate mark, in order (endless None when the gate marked nothing),
    and per table the rows whose every finding is waived: they pass. One pass over the
    rows' fingerprints, made only when the gate marked some row."""
    waived = [0] * len(report.inputs)
    gate = report.gate
    if gate is None or not gate.marks:
        return repeat(None), waived
    judgments = report.judgments
    marks: list[Mark | None] = []
    for t, fp, j in report.flagged.fingerprints():
        mark = gate.mark(fp, judgments[j].id)
        if mark is not None and _all_waived(judgments[j], mark):
            waived[t] += 1
        marks.append(mark)
    return marks, waived


def _all_waived(j: Judgment, mark: Mark) -> bool:
    return all(h.rule_id in mark.waived for h in j.hits)


def _marked(report: Report, j: int, mark: Mark) -> str:
    """A row the gate marked: a passing case naming its waivers when all its findings are
    waived; else its failure, each finding noted as waived, or as new and whether the
    register or the pack brought it."""
    judgment, gate = report.judgments[j], report.gate
    assert gate is not None
    notes = {}
    for h in judgment.hits:
        w = gate.waiver(mark, h.rule_id)
        if w is not None:
            notes[h.rule_id] = f"waived until {w.expires} by {w.approved_by}: {w.reason}"
        elif h.rule_id in mark.new:
            # Whether the register or the pack brought it: a CI reviewer's first question.
            origin = mark.origin.get(h.rule_id)
            brought = f", from the {origin.value}" if origin is not None else ""
            notes[h.rule_id] = f"new since the baseline{brought}"
    if _all_waived(judgment, mark):
        text = "\n".join(f"{rule}: {note}" for rule, note in notes.items())
        return f"<system-out>{escape(_xml(text))}</system-out>"
    return _failure(judgment, report.sources, notes)


def _elsewhere(j: Judgment) -> str:
    """A passing case for an asset whose measures all bind someone else."""
    rules = ", ".join(h.rule_id for h in j.also)
    text = f"Binds no one chosen; also restricted in: {', '.join(j.elsewhere)} ({rules})"
    return f"<system-out>{escape(_xml(text))}</system-out>"


def _failure(
    j: Judgment, sources: Mapping[str, SourceInfo], notes: Mapping[str, str] | None = None
) -> str:
    """The one <failure> of every asset with this judgment: the message a viewer shows in a
    line (count, worst severity, rules), the text every finding in full."""
    hits = j.hits
    worst = j.worst.value
    rules = ", ".join(h.rule_id for h in hits)
    noun = "finding" if len(hits) == 1 else "findings"
    message = f"{len(hits)} {noun}, worst {worst}: {rules}"
    a = j.attribution
    e = a.entity
    maker = e.name if e.id == e.group else f"{e.name} ({e.group_name})"
    lines = [f"Attributed to {maker}, confidence {a.confidence:.2f}."]
    lines.extend(f"Conflict: {c}" for c in a.conflicts)
    for h in hits:
        note = f" [{notes[h.rule_id]}]" if notes and h.rule_id in notes else ""
        lines += ["", f"{h.severity.value.upper()} {h.rule_id}{note}: {h.message}"]
        lines.append(f"  Recommended action: {h.recommended_action}")
        if h.references:
            lines.append("  References: " + "; ".join(_reference(r, sources) for r in h.references))
    text = escape(_xml("\n".join(lines)))
    return f"<failure message={_attr(message)} type={_attr(worst)}>{text}</failure>"


def _reference(ref: str, sources: Mapping[str, SourceInfo]) -> str:
    """A source id with what a reader needs to find it without the JSON report."""
    s = sources.get(ref)
    if s is None:
        return ref
    return f"{ref} ({', '.join(x for x in (s.title, s.url) if x)})"


def _label(cells: Sequence[str], fields: Mapping[Field, int], row: int) -> str:
    """What a person calls the asset, read from the cells without building an Asset: this
    runs once per flagged row."""

    def get(f: Field) -> str:
        i = fields.get(f)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    name = get(Field.ASSET_ID) or get(Field.SERIAL)
    name = name or " ".join(x for x in (get(Field.MAKE), get(Field.MODEL)) if x)
    return f"{name} (row {row})" if name else f"row {row}"


def _skipped(classname: str, s: Skip) -> str:
    name = f"row {s.location.row}" if s.location.row is not None else "row"
    return (
        f"\n<testcase classname={classname} name={_attr(name)}>"
        f"<skipped message={_attr(s.reason)}/></testcase>"
    )


def _open(tag: str, **attributes: str | int) -> str:
    return f"<{tag} " + " ".join(f"{k}={_attr(str(v))}" for k, v in attributes.items()) + ">"


def _properties(**values: str) -> str:
    props = "".join(f"\n<property name={_attr(k)} value={_attr(v)}/>" for k, v in values.items())
    return f"\n<properties>{props}\n</properties>"


def _batched(elements: Iterable[str]) -> Iterable[str]:
    batch: list[str] = []
    for element in elements:
        batch.append(element)
        if len(batch) == _BATCH:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _attr(text: str) -> str:
    """A quoted attribute value; quoteattr also keeps tabs and newlines as references, which
    an attribute would otherwise fold into spaces."""
    return quoteattr(_xml(text))


def _encoding(out: TextIO) -> str:
    """The stream's own encoding for the declaration (text streams without one are strings)."""
    name = getattr(out, "encoding", None)
    if not isinstance(name, str):
        return "UTF-8"
    try:
        return codecs.lookup(name).name.upper()
    except LookupError:
        return "UTF-8"
