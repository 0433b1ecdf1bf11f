"""A Markdown summary for a pull-request comment or a CI job summary: the verdict first, then
counts, then the first flagged assets and what to do about them, site by site; the JSON report
stays the complete record.

Size: a GitHub comment holds 65,536 characters and a job summary 1 MiB, so the page stops
below `MAX_CHARS` (counted as UTF-16 units, as browsers count, so that text outside the
Basic Multilingual Plane cannot push it over). Every list that does not fit ends with a
line saying how many were left out and where to find them.

Inventory cells are written by whoever filled in the register, and this page is rendered
where reviewers click: every cell is shown literally, never as markup. Markdown and HTML
punctuation is backslash-escaped, a leading character that would start a block is escaped,
line breaks become spaces, `@` is kept from notifying anyone, and control and bidirectional
override characters are dropped. A bare web address may still be shown as a link, but with
its own address as the text, so nothing hides where it leads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import TextIO

from duediligence.report.interface import RenderOptions
from duediligence.report.remediation import Action, SitePlan, plan
from duediligence.report.rows import elsewhere_text, origin_words
from duediligence.results.findings import NO_PROFILE, Finding, RuleInfo, Severity
from duediligence.results.flagged import FlaggedAsset
from duediligence.results.gate import Gate
from duediligence.results.report import Report

MAX_CHARS = 60_000
"""The page's size limit, below GitHub's 65,536-character comment limit with room to spare."""
SHOWN_ASSETS = 50
"""Flagged assets listed: enough to act on from a comment; the rest are in the JSON report."""
SHOWN_ACTIONS = 100
"""Remediation lines listed (a line is one action at one site); the rest are in the workbook."""
MAX_CELL = 120
"""Characters of one inventory value shown in a table cell, so one huge cell cannot fill the
page."""
MAX_ITEM = 1000
"""Characters of one warning shown."""
_RESERVE = 1000
"""Room kept, while a list is filled, for the headings and left-out lines still to come."""
_FULL = "see the JSON report (`duediligence scan --format json`)"
_FULL_PLAN = "see the workbook (`duediligence scan --format xlsx`) or the HTML report"

_SEVERITIES = [s for s in sorted(Severity, key=lambda s: -s.rank) if s is not Severity.NONE]
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters, and the bidirectional controls that make text read other than it is
stored."""
_MARKUP = re.compile(r"([\\`*_~\[\]<>|&!#])")
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+[.)])")
_MENTION = re.compile(r"(?<!\w)@(?=\w)")


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Write the page; it is at most MAX_CHARS, so it is built whole before writing."""
    page = _Page(MAX_CHARS)
    s = report.summary
    page.add(f"## duediligence: {_status(report)}", "")
    page.add(
        f"{s.assets} assets read · {s.attributed} attributed · {s.flagged} flagged ·"
        f" {s.unknown} not recognised · {s.skipped} skipped"
        + (f" · {s.not_covered} not covered equipment" if s.not_covered else "")
        + f" — {literal(report.profile_label)},"
        f" as of {literal(report.as_of)}, rule pack {literal(report.pack.id)}"
        f" {literal(report.pack.version)}",
    )
    if report.profile is None:
        page.add("", f"> {literal(NO_PROFILE, MAX_ITEM)}")
    _gate(page, report.gate)
    severities = [
        [sev.value, str(s.by_severity[sev.value])]
        for sev in _SEVERITIES
        if s.by_severity.get(sev.value)
    ]
    _table(
        page,
        "Findings by severity",
        ["Severity", "Findings"],
        severities,
        len(severities),
        "severities",
    )
    names = {j.attribution.entity.group: j.attribution.entity.group_name for j in report.judgments}
    groups = sorted(s.by_group.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    _table(
        page,
        "Flagged assets by vendor group",
        ["Vendor group", "Flagged assets"],
        ([literal(names.get(g, g)), str(n)] for g, n in groups),
        len(groups),
        "vendor groups",
    )
    rules = sorted(s.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    _table(
        page,
        "Findings by rule",
        ["Rule", "Title", "Findings"],
        (
            [literal(r), literal(report.rules[r].title) if r in report.rules else "", str(n)]
            for r, n in rules
        ),
        len(rules),
        "rules",
    )
    _table(
        page,
        "Flagged assets",
        ["Asset", "Location", "Vendor", "Severity", "Rules"],
        (_asset_row(f) for f in islice(report.flagged, SHOWN_ASSETS)),
        len(report.flagged),
        "flagged assets",
    )
    if s.flagged:
        _remediation(page, plan(report), report.rules)
    if report.not_covered:
        page.add(
            "",
            f"<details><summary>{s.not_covered} rows not covered equipment, not flagged</summary>",
            "",
        )
        shown = page.fill(f"- {literal(n.note, MAX_ITEM)} ({n.rows})" for n in report.not_covered)
        _left_out(page, len(report.not_covered) - shown, "not-covered values")
        page.add("", "</details>")
    if report.warnings:
        n = len(report.warnings)
        page.add("", f"<details><summary>{n} warning{'s' if n != 1 else ''}</summary>", "")
        shown = page.fill(f"- {literal(w, MAX_ITEM)}" for w in report.warnings)
        _left_out(page, n - shown, "warnings")
        page.add("", "</details>")
    out.write(page.text())


def literal(value: str, limit: int = MAX_CELL) -> str:
    """Any value from a register or a pack, shown literally on one line of a table or list."""
    value = " ".join(_DROPPED.sub("", value).split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    value = _MENTION.sub("@\u2060", _MARKUP.sub(r"\\\1", value))
    return _BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], value)


def _status(report: Report) -> str:
    """The verdict a reviewer reads first: whether the gate failed, then what was flagged."""
    s, gate = report.summary, report.gate
    if not s.flagged:
        return "✅ no findings"
    noun = "asset" if s.flagged == 1 else "assets"
    findings = "finding" if s.findings == 1 else "findings"
    flagged = f"{s.flagged} {noun} flagged ({s.findings} {findings})"
    if gate is None:
        return f"❌ {flagged}"
    if gate.fail_on is Severity.NONE:
        return f"✅ the gate never fails (--fail-on none) · {flagged}"
    if gate.failing:
        counted = "finding" if gate.failing == 1 else "findings"
        return f"❌ {gate.failing} {counted} at or above {gate.fail_on.value} · {flagged}"
    return f"✅ nothing at or above {gate.fail_on.value} counts · {flagged}"


def _gate(page: _Page, gate: Gate | None) -> None:
    """What took findings out of the count: waivers (each with its state) and a baseline."""
    if gate is None or not (gate.waivers or gate.baseline):
        return
    parts = [f"Gate: fail on {gate.fail_on.value}", f"{gate.failing} counted"]
    if gate.waivers:
        parts.append(f"{gate.waived} waived")
    b = gate.baseline
    if b is not None:
        origins = origin_words(b)
        new = f"{b.new} new ({origins})" if origins else f"{b.new} new"
        parts.append(
            f"against the baseline {literal(b.source)} ({literal(b.pack)}, as of"
            f" {literal(b.as_of)}): {new}, {b.unchanged} unchanged, {b.gone} gone"
        )
    page.add("", " · ".join(parts))
    rows = [
        [
            literal(w.where),
            literal(w.asset if w.asset is not None else f"fingerprint {w.fingerprint}"),
            literal(w.rule),
            literal(w.approved_by),
            literal(w.expires),
            w.state.value if w.matched else f"{w.state.value}, stale",
            str(w.matched),
        ]
        for w in gate.waivers
    ]
    _table(
        page,
        "Waivers",
        ["Waiver", "Asset", "Rule", "Approved by", "Expires", "State", "Findings matched"],
        rows,
        len(rows),
        "waivers",
    )


def _asset_row(flagged: FlaggedAsset) -> list[str]:
    a, j = flagged.asset, flagged.judgment
    e = j.attribution.entity
    name = (
        a.asset_id or a.serial or " ".join(dict.fromkeys(x for x in (a.make, a.model) if x)) or "—"
    )
    loc = a.location
    path = loc.path if len(loc.path) <= MAX_CELL else "…" + loc.path[1 - MAX_CELL :]
    where = f"{literal(path)}:{loc.row}" if loc.row is not None else literal(path)
    if loc.sheet is not None:
        where += f" ({literal(loc.sheet)})"
    vendor = e.name if e.id == e.group else f"{e.name} ({e.group_name})"
    rules = ", ".join(f.rule_id + _note(f) for f in flagged.findings())
    rules = "; ".join(x for x in (rules, elsewhere_text(j.elsewhere)) if x)
    return [literal(name), where, literal(vendor), j.worst.value, literal(rules, MAX_ITEM)]


def _note(f: Finding) -> str:
    return " (waived)" if f.waiver is not None else " (new)" if f.new else ""


def _remediation(page: _Page, plans: Sequence[SitePlan], rules: Mapping[str, RuleInfo]) -> None:
    """What to do, site by site; then the mitigations of the rules shown, each rule once."""
    lines = [(p.site, a) for p in plans for a in p.actions]
    page.add(
        "",
        "### Remediation by site",
        "",
        _row(["Site", "Action", "Assets", "By", "Rules", "Examples"]),
        _row(["---"] * 6),
    )
    shown = page.fill(_row(_action_row(site, a)) for site, a in islice(lines, SHOWN_ACTIONS))
    if len(lines) > shown:
        page.add("", f"… and {len(lines) - shown} more remediation lines left out: {_FULL_PLAN}.")
    named = dict.fromkeys(r for _, a in lines[:shown] for r in a.rules)
    mitigated = [(r, rules[r].mitigations) for r in named if r in rules and rules[r].mitigations]
    if mitigated:
        page.add("", "Mitigations, for equipment that stays and until the rest is gone:", "")
        listed = page.fill(
            "\n".join([f"- {literal(r)}", *(f"  - {literal(x, MAX_ITEM)}" for x in m)])
            for r, m in mitigated
        )
        _left_out(page, len(mitigated) - listed, "rules' mitigations")


def _action_row(site: str, a: Action) -> list[str]:
    by = "—"
    if a.deadline is not None:
        by = literal(a.deadline.date) + (", overdue" if a.overdue else "")
    if a.patch_by is not None:
        patch = f"patch by {literal(a.patch_by)}" + (", overdue" if a.patch_overdue else "")
        by = patch if by == "—" else f"{by}; {patch}"
    examples = ", ".join(literal(e.name) for e in a.examples)
    if a.assets > len(a.examples):
        examples += f" and {a.assets - len(a.examples)} more"
    return [
        literal(site),
        a.kind.value,
        str(a.assets),
        by,
        literal(", ".join(a.rules), MAX_ITEM),
        examples,
    ]


def _table(
    page: _Page,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    total: int,
    what: str,
) -> None:
    """A titled table of as many rows as fit; nothing at all when there are none."""
    if not total:
        return
    page.add("", f"### {title}", "", _row(header), _row(["---"] * len(header)))
    shown = page.fill(_row(r) for r in rows)
    _left_out(page, total - shown, what)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _left_out(page: _Page, count: int, what: str) -> None:
    if count > 0:
        page.add("", f"… and {count} more {what} left out: {_FULL}.")


class _Page:
    """Lines and their running size, so each list stops where the page would overflow."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines: list[str] = []
        self.size = 0

    def add(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(line)
            self.size += _size(line) + 1

    def fill(self, lines: Iterable[str]) -> int:
        """Add lines while they leave room for what follows; returns how many were added."""
        shown = 0
        for line in lines:
            if self.size + _size(line) + 1 + _RESERVE > self.limit:
                break
            self.add(line)
            shown += 1
        return shown

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _size(line: str) -> int:
    return len(line.encode("utf-16-le")) // 2
