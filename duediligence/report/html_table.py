"""The HTML report's findings table: which flagged assets it lists, their rows, and the details
each row opens to.

A row is a flagged asset, not a finding: under a broad profile one covered camera meets a
dozen rules, and a table of a dozen near-identical lines per camera is not one a person can
work through. The rules are listed in the row and explained when it is opened.

A large register flags hundreds of thousands of assets; a browser stays responsive with a few
thousand rows. At most `MAX_ROWS` are listed, the most severe first when some must be left
out, and the page says how many and where the rest are. Counting takes one pass over the
flagged rows (in Arrow for rows read by Arrow), and an Asset is built only for a row listed.
The evidence, rule message, action, sources and dates an opened row shows are written once per
distinct judgment and rule hit, in <template>s, so they cost the file nothing per row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import pyarrow as pa

from duediligence.report.html_assets import SEVERITIES, link, text
from duediligence.report.rows import elsewhere_text
from duediligence.results.assets import Field, Location
from duediligence.results.block import Block
from duediligence.results.compute import pc
from duediligence.results.findings import Hit, Judgment, RuleInfo, SourceInfo
from duediligence.results.flagged import FlaggedAsset
from duediligence.results.report import Report

MAX_ROWS = 5_000
"""Flagged assets listed: a browser sorts and filters this many at once without stalling."""
MAX_CELL = 200
"""Characters of one value shown in a row; the opened row shows up to `MAX_DETAIL`."""
MAX_DETAIL = 4_000
_BATCH = 256
"""Rows joined per write."""

COLUMNS: tuple[tuple[str, str], ...] = (
    ("", ""),
    ("Severity", "number"),
    ("Asset", "text"),
    ("Site", "text"),
    ("Make / model", "text"),
    ("Vendor", "text"),
    ("Findings", "number"),
    ("Rules", "text"),
    ("Location", "number"),
)
"""Header and how the column sorts. Severity sorts by rank and Location by inventory order,
both from the cell's data-v value."""


@dataclass(frozen=True, slots=True)
class Tally:
    """Flagged rows counted by judgment (index into `Report.judgments`) and by site."""

    per_judgment: Counter[int]
    per_site: Counter[tuple[str, int]]
    """(site, judgment index) -> flagged rows; the site is '' when the row names none."""
    worst: list[int]
    """Each judgment's worst severity rank, by judgment index."""


def tally(report: Report) -> Tally:
    """Count every flagged row once; rows read by Arrow are counted in Arrow."""
    sites: Counter[tuple[str, int]] = Counter()
    columns = [t.fields.get(Field.SITE) for t in report.inputs]
    for part in report.flagged.parts():
        sites.update(_block_sites(part, columns[part.table]))
    per_judgment: Counter[int] = Counter()
    for (_, j), n in sites.items():
        per_judgment[j] += n
    return Tally(per_judgment, sites, [j.worst.rank for j in report.judgments])


def _block_sites(block: Block, column: int | None) -> Counter[tuple[str, int]]:
    if column is None or column >= block.cells.num_columns:
        site = pa.array([""] * len(block), pa.string())
    else:
        site = pc.utf8_trim_whitespace(pc.fill_null(block.cells.column(column), ""))
    grouped = pa.table({"site": site, "j": block.verdicts}).group_by(["site", "j"])
    counts = grouped.aggregate([([], "count_all")])
    return Counter(
        {
            (cast(str, s), cast(int, j)): cast(int, n)
            for s, j, n in zip(
                counts["site"].to_pylist(),
                counts["j"].to_pylist(),
                counts["count_all"].to_pylist(),
                strict=True,
            )
        }
    )


def choose(report: Report, counts: Tally, limit: int) -> tuple[list[tuple[int, FlaggedAsset]], int]:
    """The assets to list, each with its place in inventory order, and how many are left out.

    All of them when they fit; otherwise the `limit` most severe (by each asset's worst
    finding), so a critical asset is never dropped to make room for a low one. Listed most
    severe first, in inventory order within a severity.
    """
    worst = counts.worst
    by_rank: Counter[int] = Counter()
    for j, n in counts.per_judgment.items():
        by_rank[worst[j]] += n
    total = sum(by_rank.values())
    room: dict[int, int] = {}
    left = limit
    for rank in sorted(by_rank, reverse=True):
        room[rank] = min(left, by_rank[rank])
        left -= room[rank]
    wanted = sum(room.values())
    build = report.flagged.builder()
    kept: list[tuple[int, FlaggedAsset]] = []
    for ordinal, stored in enumerate(report.flagged.raw()):
        if not wanted:
            break
        rank = worst[stored[3]]
        if room.get(rank, 0):
            room[rank] -= 1
            wanted -= 1
            kept.append((ordinal, build(stored)))
    ranks = {j.id: rank for j, rank in zip(report.judgments, worst, strict=True)}
    kept.sort(key=lambda k: -ranks[k[1].judgment.id])  # stable: inventory order within
    return kept, total - len(kept)


def head() -> str:
    """The header row: a button per sortable column, its kind for the script's comparison."""
    cells = []
    for title, kind in COLUMNS:
        if not title:
            cells.append('<th scope="col"><span class="muted" title="open">⋯</span></th>')
            continue
        num = ' class="num"' if title == "Findings" else ""
        cells.append(
            f'<th scope="col" data-type="{kind}"{num}><button type="button">{title}</button></th>'
        )
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def rows(chosen: Iterable[tuple[int, FlaggedAsset]]) -> Iterator[str]:
    """One <tbody> per asset, its summary row and its (hidden) details row, in batches."""
    batch: list[str] = []
    for ordinal, flagged in chosen:
        batch.append(row(ordinal, flagged))
        if len(batch) == _BATCH:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def row(ordinal: int, flagged: FlaggedAsset) -> str:
    """An asset's <tbody>: the row the table shows, and the row it opens to, which holds the
    cells as read and an empty slot the script fills from the judgment's <template>."""
    a, j = flagged.asset, flagged.judgment
    e = j.attribution.entity
    worst = j.worst
    name = a.asset_id or a.serial or a.mac or "—"
    make_model = " / ".join(dict.fromkeys(x for x in (a.make, a.model) if x)) or a.description or ""
    vendor = e.name if e.id == e.group else f"{e.name} ({e.group_name})"
    rules = ", ".join(h.rule_id + _marked(flagged, h.rule_id) for h in j.hits)
    cells = [
        '<td><button type="button" class="x" aria-expanded="false"'
        f' aria-label="details of {text(name, MAX_CELL)}">▸</button></td>',
        f'<td data-v="{worst.rank}"><span class="sev s{worst.rank}">{worst.value}</span></td>',
        f'<td class="w">{text(name, MAX_CELL)}</td>',
        f'<td class="w">{text(a.site or "", MAX_CELL)}</td>',
        f'<td class="w">{text(make_model, MAX_CELL)}</td>',
        f"<td>{text(vendor, MAX_CELL)}</td>",
        f'<td class="num">{len(j.hits)}</td>',
        f'<td><div class="rules">{text(rules)}</div>{_elsewhere(j)}</td>',
        f'<td class="w" data-v="{ordinal}">{text(where(a.location), MAX_CELL)}</td>',
    ]
    fields = "".join(
        f"<dt>{text(k, MAX_CELL)}</dt><dd>{text(v, MAX_DETAIL)}</dd>" for k, v in a.fields.items()
    )
    return (
        f'<tbody data-rank="{worst.rank}" data-j="{text(j.id)}"><tr>{"".join(cells)}</tr>'
        f'<tr class="more" hidden><td colspan="{len(COLUMNS)}">'
        f'<h4>Row as read</h4><dl class="cells">{fields}</dl>'
        f'<p class="muted">Asset fingerprint <code>{flagged.fingerprint}</code></p>'
        f'{gated(flagged)}<div class="judgment"></div></td></tr></tbody>\n'
    )


def _elsewhere(j: Judgment) -> str:
    """The measures that bind someone else, folded into one muted line."""
    line = elsewhere_text(j.elsewhere)
    return f'<div class="muted">{text(line)}</div>' if line else ""


def _marked(flagged: FlaggedAsset, rule_id: str) -> str:
    gate = flagged.gate
    if gate is None or (flagged.mark is None and gate.baseline is None):
        return ""
    if gate.waiver(flagged.mark, rule_id) is not None:
        return " (waived)"
    return " (new)" if gate.is_new(flagged.mark, rule_id) else ""


def gated(flagged: FlaggedAsset) -> str:
    """The waivers that cover this asset's findings and the findings new since the baseline."""
    gate, mark = flagged.gate, flagged.mark
    if gate is None or mark is None:
        return ""
    out = []
    for rule_id in mark.waived:
        w = gate.waiver(mark, rule_id)
        if w is not None:
            out.append(
                f"<li><b>{text(rule_id)}</b> waived ({text(w.state.value)}, expires"
                f" {text(w.expires)}, approved by {text(w.approved_by, MAX_CELL)}):"
                f" {text(w.reason, MAX_DETAIL)}</li>"
            )
    if gate.baseline is not None and mark.new:
        out.append(f"<li>New since the baseline: {text(', '.join(sorted(mark.new)))}</li>")
    return f"<ul>{''.join(out)}</ul>" if out else ""


def where(loc: Location) -> str:
    """File and row as a person opens them (and the sheet of a workbook)."""
    path = loc.path if len(loc.path) <= 80 else "…" + loc.path[-79:]
    parts = [path, loc.sheet, None if loc.row is None else str(loc.row)]
    return ":".join(p for p in parts if p is not None)


def templates(
    judgments: Iterable[Judgment],
    rules: dict[str, RuleInfo],
    sources: dict[str, SourceInfo],
    as_of: str,
) -> Iterator[str]:
    """A <template> per judgment listed, then one per distinct rule hit they carry."""
    hits: dict[Hit, int] = {}
    for j in judgments:
        holes = []
        for h in j.hits:
            n = hits.setdefault(h, len(hits))
            holes.append(f'<div data-hit="{n}"></div>')
        also = others(j, rules)
        yield f'<template id="j-{text(j.id)}">{attribution(j)}{"".join(holes)}{also}</template>\n'
    for h, n in hits.items():
        yield f'<template id="h-{n}">{hit(h, rules.get(h.rule_id), sources, as_of)}</template>\n'


def attribution(j: Judgment) -> str:
    """Who made the asset and every signal that says so, then a slot per rule hit."""
    a = j.attribution
    e = a.entity
    group = "" if e.id == e.group else f", part of {text(e.group_name)}"
    out = [
        f"<h4>Attributed to {text(e.name)}{group} (confidence {a.confidence:.2f})</h4>",
        "<table><thead><tr><th>Signal</th><th>Value</th><th class=num>Score</th>"
        "<th>Explanation</th></tr></thead><tbody>",
    ]
    out.extend(
        f'<tr><td>{text(ev.signal.value)}</td><td class="w">{text(ev.value, MAX_DETAIL)}</td>'
        f'<td class=num>{ev.score}</td><td class="w">{text(ev.explanation, MAX_DETAIL)}</td></tr>'
        for ev in a.evidence
    )
    out.append("</tbody></table>")
    if a.conflicts:
        out.append("<p><b>Conflicting signals:</b></p><ul>")
        out.extend(f"<li>{text(c, MAX_DETAIL)}</li>" for c in a.conflicts)
        out.append("</ul>")
    if a.alternatives:
        names = ", ".join(text(x.group_name) for x in a.alternatives)
        out.append(f"<p><b>Signals also point to:</b> {names}</p>")
    n = len(j.hits)
    out.append(f"<h4>{n} finding{'' if n == 1 else 's'}</h4>")
    return "".join(out)


def others(j: Judgment, rules: dict[str, RuleInfo]) -> str:
    """The measures that name the vendor but bind someone else: where, and whom; no action
    and no dates, since they are not the reader's to act on."""
    if not j.also:
        return ""
    out = [f"<h4>{elsewhere_text(j.elsewhere) or 'Binding others'}</h4><ul>"]
    for h in j.also:
        rule = rules.get(h.rule_id)
        where = f" [{text(h.jurisdiction)}]" if h.jurisdiction else ""
        title = f" {text(rule.title)}" if rule is not None else ""
        binds = f" — binds: {text(rule.binds)}" if rule is not None else ""
        out.append(f"<li>{text(h.rule_id)}{where}{title}{binds}</li>")
    out.append("</ul>")
    return "".join(out)


def hit(h: Hit, rule: RuleInfo | None, sources: dict[str, SourceInfo], as_of: str) -> str:
    """A rule hit as the opened row shows it: message, action, dates and sources."""
    title = f" — {text(rule.title)}" if rule is not None else ""
    out = [
        f'<section class="hit"><h5><span class="sev s{h.severity.rank}">{h.severity.value}'
        f"</span> {text(h.rule_id)}{title}</h5>",
        f"<p>{text(h.message)}</p>",
        f"<p><b>Recommended action:</b> {text(h.recommended_action)}</p>",
    ]
    if rule is not None and rule.mitigations:
        out.append("<p><b>Mitigations until then:</b></p><ul>")
        out.extend(f"<li>{text(m)}</li>" for m in rule.mitigations)
        out.append("</ul>")
    out.append(f"<p><b>Dates:</b> {dates(rule, as_of)}</p>")
    if h.references:
        out.append("<p><b>Sources:</b></p><ul>")
        out.extend(f"<li>{cite(sources.get(r), r)}</li>" for r in h.references)
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def dates(rule: RuleInfo | None, as_of: str) -> str:
    """Judged-on date, the rule's status and effective date, and its deadlines; a deadline
    already past on the judged-on date is marked."""
    parts = [f"judged as of {text(as_of)}"]
    if rule is not None:
        status = text(rule.status.replace("_", " "))
        parts.append(f"{status} since {text(rule.effective)}" if rule.effective else status)
        for d in rule.deadlines:
            past = ' <span class="past">(passed)</span>' if d.date < as_of else ""
            parts.append(f"{text(d.label)}: {text(d.date)}{past}")
    return " · ".join(parts)


def cite(source: SourceInfo | None, ref: str) -> str:
    """Title (linked to its address), publisher and date, as far as the source gives them."""
    if source is None:
        return text(ref)
    title = link(source.url, text(source.title))
    rest = [text(p) for p in (source.publisher, source.date) if p]
    return ", ".join([title, *rest]) + f' <span class="muted">[{text(source.id)}]</span>'


def shown_judgments(chosen: Sequence[tuple[int, FlaggedAsset]]) -> list[Judgment]:
    """The distinct judgments of the listed rows, in the order first listed."""
    seen: dict[str, Judgment] = {}
    for _, flagged in chosen:
        seen.setdefault(flagged.judgment.id, flagged.judgment)
    return list(seen.values())


def severity_options() -> str:
    """The severity filter: each severity 'and above', or all."""
    options = ['<option value="0">all severities</option>']
    options.extend(
        f'<option value="{s.rank}">{s.value}{"" if i == 0 else " and above"}</option>'
        for i, s in enumerate(SEVERITIES[:-1])
    )
    return "".join(options)
