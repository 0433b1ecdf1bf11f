"""The HTML report: one self-contained file a compliance officer can open offline and hand on.

It shows what was read and found (a status line and charts by severity, vendor group and
site), what to do where (the remediation plan by site), every flagged asset in a table that
sorts, filters and opens to its evidence, rules, sources and dates, and what could not be
judged (skipped rows, values nothing recognised, warnings) and, when the scan had them, the
waivers and baseline its gate applied.

Everything in it is inline — style, script, charts as SVG — so it opens without a network and
makes no request; its Content-Security-Policy forbids any (see html_assets.py). Every value
from a register or a pack is escaped as text: a cell holding markup shows that markup.
The page is written in pieces as it is made, never held whole: a report of a large register
lists at most `html_table.MAX_ROWS` assets, but its other sections still follow its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TextIO

from duediligence.report import html_table
from duediligence.report.html_assets import SCRIPT, SEVERITIES, STYLE, policy, text
from duediligence.report.html_charts import Bar, by_severity, chart, largest, split
from duediligence.report.html_remediation import remediation
from duediligence.report.interface import RenderOptions
from duediligence.report.remediation import NO_SITE
from duediligence.report.rows import gate_words
from duediligence.results.findings import NO_PROFILE
from duediligence.results.gate import Gate
from duediligence.results.report import Report

MAX_LISTED = 1_000
"""Skipped rows and warnings listed; the JSON report holds them all."""
MAX_ITEM = 1_000
"""Characters of one warning or skip reason shown."""
SHOWN_BARS = 15
"""Bars in the vendor-group and site charts; the rest are summed into one."""
FULL = (
    "the JSON report (<code>--format json</code>) and the workbook (<code>--format xlsx</code>)"
    " hold them all"
)


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Write the page to `out` section by section."""
    counts = html_table.tally(report)
    for piece in page(report, counts):
        out.write(piece)


def page(report: Report, counts: html_table.Tally) -> Iterator[str]:
    title = f"Equipment due diligence: {report.profile_label}, as of {report.as_of}"
    yield (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy()}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="duediligence">\n'
        f'<link rel="icon" href="data:,">\n<title>{text(title)}</title>\n'
        f"<style>{STYLE}</style></head>\n<body>\n"
    )
    yield header(report)
    yield charts(report, counts)
    yield from remediation(report)
    yield from findings(report, counts)
    yield unrecognised(report)
    yield not_covered(report)
    yield skipped(report)
    yield warnings(report)
    yield waivers(report)
    yield rules(report)
    yield sources(report)
    yield (
        f'<footer><p class="muted">Written by {text(report.tool.name)} {text(report.tool.version)}'
        f" with rule pack {text(report.pack.id)} {text(report.pack.version)}.</p></footer>\n"
        f"<script>{SCRIPT}</script>\n</body></html>\n"
    )


def header(report: Report) -> str:
    s = report.summary
    p = report.pack
    verdict = (
        f"<b>{s.flagged} asset{'' if s.flagged == 1 else 's'} flagged</b>"
        if s.flagged
        else "<b>No findings</b>"
    )
    by_sev = ", ".join(
        f'<span class="sev s{sev.rank}">{s.by_severity[sev.value]} {sev.value}</span>'
        for sev in SEVERITIES
        if s.by_severity.get(sev.value)
    )
    findings = f"{s.findings} finding{'' if s.findings == 1 else 's'}"
    parts = [
        f"{s.assets} assets read",
        f"{s.attributed} attributed",
        f"{s.flagged} flagged",
        findings + (f" ({by_sev})" if by_sev else ""),
        f'<a href="#skipped">{s.skipped} skipped</a>',
        f'<a href="#unrecognised">{s.unknown} not recognised</a>',
    ]
    if s.not_covered:
        parts.append(f'<a href="#not-covered">{s.not_covered} not covered equipment</a>')
    status = " · ".join(parts)
    gate = report.gate
    if gate is not None:
        status += " · " + _gate(gate)
    tables = "".join(
        f"<li>{text(t.source)}{'' if t.sheet is None else ', sheet ' + text(t.sheet)}:"
        f" {t.assets} assets (header on row {t.header_row})</li>"
        for t in report.inputs
    )
    notice = "" if report.profile else f'<p class="note">{text(NO_PROFILE)}</p>\n'
    return (
        f"<header><h1>Equipment due diligence report</h1>\n"
        f'<p class="muted">Profile <b>{text(report.profile or "none chosen")}</b> · judged as of'
        f" <b>{text(report.as_of)}</b> · rule pack {text(p.id)} {text(p.version)}"
        f" (facts reviewed {text(p.reviewed)})</p>\n"
        f'<p class="status">{verdict} — {status}</p>\n'
        f"{notice}"
        f"<details><summary>Inputs read ({len(report.inputs)})</summary><ul>{tables}</ul>"
        "</details>\n"
        '<nav><p><a href="#charts">Charts</a> · <a href="#remediation">Remediation</a> ·'
        ' <a href="#findings">Flagged assets</a> · <a href="#unrecognised">Not recognised</a> ·'
        ' <a href="#skipped">Skipped</a> · <a href="#warnings">Warnings</a> ·'
        ' <a href="#rules">Rules</a> · <a href="#sources">Sources</a></p></nav>\n'
        "<noscript><p class=note>Sorting, filtering and opening the rows of the table need"
        " JavaScript; everything else shows without it.</p></noscript></header>\n"
    )


def _gate(gate: Gate) -> str:
    parts = []
    for what, words in gate_words(gate):  # numbers and severity names: nothing to escape
        if what == "waived":
            parts.append(f'<a href="#waivers">{words}</a>')
        elif words.startswith("FAIL"):
            parts.append(f"<b>FAIL</b>{words[4:]}")
        else:
            parts.append(words)
    return " · ".join(parts)


def charts(report: Report, counts: html_table.Tally) -> str:
    judgments, worst = report.judgments, counts.worst
    groups: dict[str, Counter[int]] = {}
    for j, n in counts.per_judgment.items():
        entity = judgments[j].attribution.entity
        groups.setdefault(entity.group_name, Counter())[worst[j]] += n
    sites: dict[str, Counter[int]] = {}
    for (site, j), n in counts.per_site.items():
        sites.setdefault(site or NO_SITE, Counter())[worst[j]] += n
    return "".join(
        [
            '<section id="charts"><h2>Summary</h2><div class="charts">',
            chart("Findings by severity", by_severity(report.summary.by_severity), "findings"),
            _split_chart("Flagged assets by vendor group", groups, "more groups"),
            _split_chart("Flagged assets by site", sites, "more sites"),
            "</div></section>\n",
        ]
    )


def _split_chart(title: str, counts: dict[str, Counter[int]], more: str) -> str:
    bars: list[Bar] = [split(label, dict(ranks)) for label, ranks in counts.items()]
    shown = largest(bars, SHOWN_BARS, "{n} " + more)
    caption = f"{title} (by worst severity)"
    return chart(caption, shown, "flagged assets", legend=bool(shown))


def findings(report: Report, counts: html_table.Tally) -> Iterator[str]:
    yield '<section id="findings"><h2>Flagged assets</h2>\n'
    if not report.summary.flagged:
        yield "<p>No asset was flagged.</p></section>\n"
        return
    chosen, left_out = html_table.choose(report, counts, html_table.MAX_ROWS)
    listed = len(chosen)
    if left_out:
        yield (
            f'<p class="note">Listing the {listed:,} most severe of {listed + left_out:,}'
            f" flagged assets; {left_out:,} are left out here: {FULL}.</p>\n"
        )
    yield (
        '<p class="muted">One row per flagged asset, most severe first. Click a column to'
        " sort, ▸ to see the row as read, the evidence for its maker, and each rule it meets"
        " with the action to take, dates and sources.</p>\n"
        '<div class="filters"><label>Filter <input type="search" id="filter-text"'
        ' placeholder="asset, site, make, vendor, rule…" autocomplete="off"></label>'
        '<label>Severity <select id="filter-severity">'
        f"{html_table.severity_options()}</select></label>"
        f'<span class="muted"><span id="shown">{listed}</span> of {listed} shown</span></div>\n'
        f'<table id="assets">{html_table.head()}\n'
    )
    yield from html_table.rows(chosen)
    yield "</table>\n"
    yield from html_table.templates(
        html_table.shown_judgments(chosen), report.rules, report.sources, report.as_of
    )
    yield "</section>\n"


def unrecognised(report: Report) -> str:
    s = report.summary
    out = [f'<section id="unrecognised"><h2>Not recognised ({s.unknown})</h2>']
    if not s.unknown:
        out.append("<p>Every row with a make, model, MAC, FCC ID or supplier was recognised.</p>")
        return "".join(out) + "</section>\n"
    out.append(
        "<p>Rows with identifying values that nothing in the rule pack recognised: not"
        " flagged, but not cleared either.</p><ul>"
    )
    out.extend(
        f"<li>{text(reason)}: {n}</li>"
        for reason, n in sorted(s.unknown_by_reason.items(), key=lambda kv: -kv[1])
    )
    out.append("</ul>")
    if report.unknown:
        out.append(
            "<h3>Most frequent values</h3><table><thead><tr><th>Make</th><th>Model</th>"
            "<th>Why</th><th class=num>Rows</th></tr></thead><tbody>"
        )
        out.extend(
            f"<tr><td>{text(u.make or '', MAX_ITEM)}</td><td>{text(u.model or '', MAX_ITEM)}"
            f"</td><td>{text(u.reason)}</td><td class=num>{u.rows}</td></tr>"
            for u in report.unknown
        )
        out.append("</tbody></table>")
    return "".join(out) + "</section>\n"


def not_covered(report: Report) -> str:
    """Rows naming a covered vendor that are accessories, services or mention it as context."""
    if not report.not_covered:
        return ""
    return (
        f'<section id="not-covered"><h2>Not covered equipment ({report.summary.not_covered})'
        "</h2><p>Rows that name a covered vendor or model but are not covered equipment: not"
        " flagged, and why.</p><table><thead><tr><th>Make</th><th>Model</th><th>Why</th>"
        "<th class=num>Rows</th></tr></thead><tbody>"
        + "".join(
            f"<tr><td>{text(n.make or '', MAX_ITEM)}</td><td>{text(n.model or '', MAX_ITEM)}"
            f"</td><td>{text(n.note)}</td><td class=num>{n.rows}</td></tr>"
            for n in report.not_covered
        )
        + "</tbody></table></section>\n"
    )


def skipped(report: Report) -> str:
    skips = report.skips
    out = [f'<section id="skipped"><h2>Skipped rows ({len(skips)})</h2>']
    if not skips:
        return "".join(out) + "<p>No row was skipped.</p></section>\n"
    out.append(
        "<p>Rows that could not be judged, and why.</p><table><thead><tr><th>Location</th>"
        "<th>Reason</th></tr></thead><tbody>"
    )
    out.extend(
        f"<tr><td>{text(html_table.where(s.location))}</td><td>{text(s.reason, MAX_ITEM)}</td></tr>"
        for s in skips[:MAX_LISTED]
    )
    out.append("</tbody></table>")
    out.append(_left_out(len(skips) - MAX_LISTED, "skipped rows"))
    return "".join(out) + "</section>\n"


def warnings(report: Report) -> str:
    items = report.warnings
    out = [f'<section id="warnings"><h2>Warnings ({len(items)})</h2>']
    if not items:
        return "".join(out) + "<p>None.</p></section>\n"
    out.append("<ul>")
    out.extend(f"<li>{text(w, MAX_ITEM)}</li>" for w in items[:MAX_LISTED])
    out.append("</ul>")
    out.append(_left_out(len(items) - MAX_LISTED, "warnings"))
    return "".join(out) + "</section>\n"


def waivers(report: Report) -> str:
    """The waivers read and the baseline compared with, when the scan had them."""
    gate = report.gate
    if gate is None or (not gate.waivers and gate.baseline is None):
        return ""
    out = [f'<section id="waivers"><h2>Waivers ({len(gate.waivers)})</h2>']
    if gate.waivers:
        out.append(
            "<table><thead><tr><th>Rule</th><th>Asset</th><th>State</th><th>Expires</th>"
            "<th>Approved by</th><th>Reason</th><th class=num>Findings matched</th></tr>"
            "</thead><tbody>"
        )
        for w in gate.waivers:
            asset = w.asset or w.fingerprint or ""
            stale = " <span class=past>(stale: matches nothing)</span>" if not w.matched else ""
            out.append(
                f"<tr><td><code>{text(w.rule)}</code></td><td>{text(asset, MAX_ITEM)}</td>"
                f"<td>{text(w.state.value)}</td><td>{text(w.expires)}</td>"
                f"<td>{text(w.approved_by, MAX_ITEM)}</td><td>{text(w.reason, MAX_ITEM)}</td>"
                f"<td class=num>{w.matched}{stale}</td></tr>"
            )
        out.append("</tbody></table>")
    b = gate.baseline
    if b is not None:
        out.append(
            f"<p>Compared with the baseline {text(b.source)} (rule pack {text(b.pack)}, profile"
            f" {text(b.profile or 'none chosen')}, as of {text(b.as_of)}): {b.new} new,"
            f" {b.unchanged} unchanged,"
            f" {b.gone} gone of its {b.findings} findings.</p>"
        )
    return "".join(out) + "</section>\n"


def _left_out(count: int, what: str) -> str:
    return f'<p class="note">{count:,} more {what} left out here: {FULL}.</p>' if count > 0 else ""


def rules(report: Report) -> str:
    """The rules that bind, with their dates; then the measures found binding someone else,
    with where and whom only (their deadlines are not the reader's)."""
    binding = [r for r in report.rules.values() if r.in_profile]
    out = [
        f'<section id="rules"><h2>Rules that bind ({len(binding)})</h2>',
        "<table><thead><tr><th>Rule</th><th>Title</th><th>Status</th><th>Effective</th>"
        "<th>Deadlines</th><th>Binds</th><th class=num>Findings</th><th>Sources</th></tr>"
        "</thead><tbody>",
    ]
    by_rule = report.summary.by_rule
    for r in sorted(binding, key=lambda r: (-by_rule.get(r.id, 0), r.id)):
        deadlines = "<br>".join(f"{text(d.label)}: {text(d.date)}" for d in r.deadlines)
        cited = ", ".join(f'<a href="#src-{text(s)}">{text(s)}</a>' for s in r.sources)
        out.append(
            f"<tr><td><code>{text(r.id)}</code></td><td>{text(r.title)}</td>"
            f"<td>{text(r.status.replace('_', ' '))}</td><td>{text(r.effective or '')}</td>"
            f"<td>{deadlines}</td><td>{text(r.binds)}</td>"
            f"<td class=num>{by_rule.get(r.id, 0)}</td><td>{cited}</td></tr>"
        )
    out.append("</tbody></table>")
    others = sorted(
        (r for r in report.rules.values() if not r.in_profile),
        key=lambda r: (r.jurisdiction or "~", r.id),
    )
    if others:
        out.append(
            f"<h3>Binding someone else ({len(others)})</h3>"
            "<table><thead><tr><th>Rule</th><th>Where</th><th>Title</th><th>Binds</th></tr>"
            "</thead><tbody>"
        )
        out.extend(
            f"<tr><td><code>{text(r.id)}</code></td><td>{text(r.jurisdiction or '')}</td>"
            f"<td>{text(r.title)}</td><td>{text(r.binds)}</td></tr>"
            for r in others
        )
        out.append("</tbody></table>")
    out.append("</section>\n")
    return "".join(out)


def sources(report: Report) -> str:
    out = [f'<section id="sources"><h2>Sources ({len(report.sources)})</h2><ul>']
    out.extend(
        f'<li id="src-{text(s.id)}">{html_table.cite(s, s.id)}</li>'
        for s in sorted(report.sources.values(), key=lambda s: s.id)
    )
    out.append("</ul></section>\n")
    return "".join(out)
