"""The SARIF 2.1.0 report, for code-scanning services that gate a merge on an inventory.

A view of the Report like every other format: one result per finding (asset, rule), each
pointing at the file and row a person opens to fix it, and every rule described once with the
action to take, its sources and a waiver entry ready to paste. A result's partial fingerprint is
the finding's, which never includes the row number: reordering a register does not close and
reopen alerts.

Code-scanning services refuse a run of more than 25,000 results, and a large register can
carry millions of findings. At most `MAX_RESULTS` are written, the most severe first when some
must be left out, and a notification says how many the JSON report holds beyond them. Choosing
them takes one pass over the flagged rows that builds an Asset only for the rows written, so
the cost follows the number of rows, never their square. Output is deterministic for the same
report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any, TextIO, cast
from urllib.parse import quote

from duediligence.report.interface import RenderOptions
from duediligence.results.assets import Location
from duediligence.results.findings import Finding, InputTable, RuleInfo, Severity, SourceInfo
from duediligence.results.report import Report

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for the whole report: json.dumps builds a new one per call with these options."""

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
MAX_RESULTS = 25_000
"""The most results a code-scanning service accepts in one run."""
FINGERPRINT_KEY = "duediligence/v1"
"""Versioned so a change to how findings are fingerprinted can never match old alerts."""

LEVELS: dict[Severity, tuple[str, str]] = {
    Severity.CRITICAL: ("error", "9.5"),
    Severity.HIGH: ("error", "8.0"),
    Severity.MEDIUM: ("warning", "5.5"),
    Severity.LOW: ("note", "3.0"),
    Severity.INFO: ("note", "1.0"),
}
"""Severity -> (SARIF level, security-severity): the score puts the alert in the dashboard's
critical / high / medium / low band, which the three SARIF levels alone cannot."""

_STDIN = "<stdin>"
"""The name a scan gives standard input; not a path, so not a URI either."""
_DRIVE = re.compile(r"^[A-Za-z]:/")
_BATCH = 512
"""Results joined per write: a text stream's write costs more than the line it writes."""

WAIVER = """\
waivers:
  - asset: <asset id>          # an asset id, or `fingerprint: <fingerprint>`
    rule: {rule}
    reason: <why this equipment may stay, and until when>
    approved_by: <role>
    expires: <YYYY-MM-DD>"""


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Stream the log: everything but the results, then the results one per line."""
    rules = [r for r in report.rules.values() if r.in_profile]
    index = {r.id: i for i, r in enumerate(rules)}
    chosen, left_out = choose(report, MAX_RESULTS)
    shifted = {(t.source, t.sheet): t for t in report.inputs if t.lines}
    run = {
        "tool": {"driver": driver(report, rules)},
        "invocations": [invocation(report, left_out)],
        "properties": {
            "profile": report.profile,
            "as_of": report.as_of,
            "pack": f"{report.pack.id} {report.pack.version}",
        },
    }
    out.write(f'{{"$schema":{_dumps(SCHEMA_URI)},"version":{_dumps(SARIF_VERSION)},"runs":[{{')
    out.write(",".join(f"{_dumps(k)}:{_dumps(v)}" for k, v in run.items()))
    out.write(',"results":[')
    batch: list[str] = []
    for i, finding in enumerate(chosen):
        batch.append(f"{',' if i else ''}\n{_dumps(result(finding, index, shifted))}")
        if len(batch) == _BATCH:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))
    out.write("\n]}]}\n")


def choose(report: Report, limit: int) -> tuple[Iterable[Finding], int]:
    """The findings to write and how many are left out.

    All of them in inventory order when they fit; otherwise the `limit` most severe, most
    severe first and in inventory order within a severity, so a critical finding is never
    dropped to make room for a low one. Counting needs only each row's judgment.
    """
    per_judgment: Counter[int] = Counter()
    for part in report.flagged.parts():
        per_judgment.update(cast(list[int], part.verdicts.to_pylist()))
    by_rank: Counter[int] = Counter()
    for j, rows in per_judgment.items():
        for h in report.judgments[j].hits:
            by_rank[h.severity.rank] += rows
    total = sum(by_rank.values())
    if total <= limit:
        return report.findings(), 0
    room: dict[int, int] = {}
    left = limit
    for rank in sorted(by_rank, reverse=True):
        room[rank] = min(left, by_rank[rank])
        left -= room[rank]
    kept = list(_first(report, dict(room)))
    kept.sort(key=_most_severe_first)  # stable: inventory order within a severity
    return kept, total - len(kept)


def _most_severe_first(finding: Finding) -> int:
    return -finding.severity.rank


def _first(report: Report, room: dict[int, int]) -> Iterator[Finding]:
    """In inventory order, the first `room[rank]` findings of each severity rank; stops as soon
    as every rank is full, and builds an Asset only for a row with a finding kept."""
    judgments, build = report.judgments, report.flagged.builder()
    wanted = sum(room.values())
    for stored in report.flagged.raw():
        if not wanted:
            return
        judgment = judgments[stored[3]]
        keep = []
        for i, h in enumerate(judgment.hits):
            rank = h.severity.rank
            if room.get(rank, 0):
                room[rank] -= 1
                wanted -= 1
                keep.append(i)
        if keep:
            findings = build(stored).findings()  # one per hit, in the hits' order
            yield from (findings[i] for i in keep)


def driver(report: Report, rules: Sequence[RuleInfo]) -> dict[str, Any]:
    worst = worst_by_rule(report)
    return {
        "name": report.tool.name,
        "version": report.tool.version,
        "rules": [rule(r, worst.get(r.id, Severity.INFO), report.sources) for r in rules],
    }


def worst_by_rule(report: Report) -> dict[str, Severity]:
    """Rules carry no severity of their own (the profile sets it per finding): a rule's default
    level is the worst it was found at in this report."""
    worst: dict[str, Severity] = {}
    for h in chain.from_iterable(j.hits for j in report.judgments):
        seen = worst.get(h.rule_id)
        if seen is None or h.severity.rank > seen.rank:
            worst[h.rule_id] = h.severity
    return worst


def rule(r: RuleInfo, severity: Severity, sources: dict[str, SourceInfo]) -> dict[str, Any]:
    level, score = LEVELS[severity]
    cited = [sources[s] for s in r.sources if s in sources]
    return {
        "id": r.id,
        "name": r.id,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.rationale},
        "defaultConfiguration": {"level": level},
        "help": {"text": help_text(r, cited), "markdown": help_markdown(r, cited)},
        "properties": {
            # The property bag's tags must be unique; code scanning shows security-severity
            # only for rules tagged "security".
            "tags": list(dict.fromkeys(t for t in ("security", r.kind, r.jurisdiction) if t)),
            "security-severity": score,
            "precision": "high",
        },
    }


def help_text(r: RuleInfo, sources: Sequence[SourceInfo]) -> str:
    lines = [r.title, "", r.rationale, "", f"Recommended action: {r.recommended_action}"]
    if r.mitigations:
        lines += ["", "Mitigations:", *(f"- {m}" for m in r.mitigations)]
    if sources:
        lines += ["", "Sources:", *(f"- {cite(s)}" for s in sources)]
    lines += ["", "To accept this finding for an asset, add a waiver:", "", waiver(r.id)]
    return "\n".join(lines)


def help_markdown(r: RuleInfo, sources: Sequence[SourceInfo]) -> str:
    lines = [
        f"**{r.title}**",
        "",
        r.rationale,
        "",
        f"**Recommended action:** {r.recommended_action}",
    ]
    if r.mitigations:
        lines += ["", "**Mitigations:**", "", *(f"- {m}" for m in r.mitigations)]
    if sources:
        lines += ["", "**Sources:**", "", *(f"- {cite(s, markdown=True)}" for s in sources)]
    lines += ["", "To accept this finding for an asset, add a waiver:", "", "```yaml"]
    lines += [waiver(r.id), "```"]
    return "\n".join(lines)


def cite(s: SourceInfo, markdown: bool = False) -> str:
    """Title, publisher, date and address, as far as the source gives them."""
    title = f"[{s.title}]({s.url})" if markdown and s.url else s.title
    text = ", ".join(p for p in (title, s.publisher, s.date) if p)
    return f"{text} <{s.url}>" if s.url and not markdown else text


def waiver(rule_id: str) -> str:
    return WAIVER.format(rule=rule_id)


def invocation(report: Report, left_out: int) -> dict[str, Any]:
    notes = [{"level": "warning", "message": {"text": w}} for w in report.warnings]
    if left_out:
        notes.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{left_out} findings were left out: code scanning accepts at most"
                    f" {MAX_RESULTS} results per run, so the most severe were kept. The JSON"
                    " report (--format json) holds them all."
                },
            }
        )
    doc: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        doc["toolExecutionNotifications"] = notes
    return doc


def result(
    f: Finding,
    index: dict[str, int],
    shifted: dict[tuple[str, str | None], InputTable] | None = None,
) -> dict[str, Any]:
    level, _ = LEVELS[f.severity]
    doc: dict[str, Any] = {"ruleId": f.rule_id}
    if f.rule_id in index:
        doc["ruleIndex"] = index[f.rule_id]
    properties: dict[str, Any] = {
        "severity": f.severity.value,
        "entity": f.entity.id,
        "group": f.entity.group,
        "confidence": f.confidence,
    }
    if f.asset.asset_id is not None:
        properties["asset_id"] = f.asset.asset_id
    properties["references"] = list(f.references)
    if f.origin is not None:
        properties["origin"] = f.origin.value  # new since the baseline: register or pack
    if f.cves:  # a known-exploited finding: its catalogue entries, and when binding, by when
        properties["cves"] = list(f.cves)
    if f.patch_by is not None:
        properties["patch_by"] = f.patch_by
    doc |= {
        "level": level,
        "message": {
            "text": f"{f.message} (attributed to {f.entity.name}, confidence {f.confidence:.2f})"
        },
        "locations": [location(f.asset.location, shifted)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": properties,
    }
    if f.waiver is not None:
        w = f.waiver
        doc["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.reason} (approved by {w.approved_by}; expires"
                f" {w.expires}; {w.where})",
            }
        ]
    if f.new is not None:
        doc["baselineState"] = "new" if f.new else "unchanged"
    return doc


def location(
    loc: Location, shifted: dict[tuple[str, str | None], InputTable] | None = None
) -> dict[str, Any]:
    """The file and row; for a workbook also the sheet, which a file URI cannot name."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.path)}}
    if loc.row is not None and loc.row >= 1:
        # The text line the record starts on: past a cell holding a line break, a CSV's
        # records and lines part ways.
        table = shifted.get((loc.path, loc.sheet)) if shifted else None
        physical["region"] = {"startLine": table.line_of(loc.row) if table else loc.row}
    doc: dict[str, Any] = {"physicalLocation": physical}
    if loc.sheet is not None:
        row = "" if loc.row is None else loc.row
        doc["logicalLocations"] = [
            {
                "name": f"{loc.sheet}!{row}",
                "fullyQualifiedName": f"{_display(loc.path)}/{loc.sheet}/row {row}",
                "kind": "element",
            }
        ]
    return doc


def artifact_uri(path: str) -> str:
    """The path as given, as the URI reference SARIF requires: forward slashes, and spaces,
    non-ASCII letters and '%' percent-encoded. A relative path stays relative, so a dashboard
    can match it to the file in the repository; a Windows drive path becomes a file URI, since
    'C:' would read as a URI scheme."""
    text = _display(path)
    if _DRIVE.match(text):
        return f"file:///{text[:2]}{quote(text[2:], safe='/')}"
    return quote(text, safe="/")


def _display(path: str) -> str:
    return "stdin" if path == _STDIN else path.replace("\\", "/")
