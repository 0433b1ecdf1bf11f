"""The HTML report's remediation section: by site, what to remove, replace or mitigate, by when.

The plan itself is `remediation.plan` (shared with the workbook); this module only draws it:
an overview with a line per site, then each site's actions, which open to what to do, the
mitigations until then and the assets concerned. A register with thousands of sites lists the
first `MAX_SITES` (in the plan's order) and says how many more the workbook holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from duediligence.report.html_assets import text
from duediligence.report.html_table import where
from duediligence.report.remediation import Action, Kind, SitePlan, plan
from duediligence.results.report import Report

MAX_SITES = 500
"""Sites drawn: more is a register to work through in the workbook, not in a page."""
KINDS = (Kind.REMOVE, Kind.REPLACE, Kind.MITIGATE)
_MEANING = {
    Kind.REMOVE: "a measure in force forbids keeping it: take it out",
    Kind.REPLACE: "a measure in force requires replacing it: plan and budget the replacement",
    Kind.MITIGATE: "it may stay: apply the mitigations and record the decision",
}


def remediation(report: Report) -> Iterator[str]:
    """The section; sites come from `remediation.plan`."""
    sites = plan(report)
    yield f'<section id="remediation"><h2>Remediation by site ({len(sites)})</h2>\n'
    if not sites:
        yield "<p>Nothing to remove, replace or mitigate.</p></section>\n"
        return
    meaning = "".join(f"<li><b>{k.value}</b>: {_MEANING[k]}</li>" for k in KINDS)
    dated = any(a.deadline for s in sites for a in s.actions)
    deadlines = (
        " A deadline is the earliest the deciding rules set; <span class=past>overdue</span>"
        f" means it had passed on {text(report.as_of)}."
        if dated
        else ""
    )
    yield (
        "<p>Each flagged asset is counted once, under the strongest action the rules that bind"
        " it ask for; measures that bind someone else ask for nothing."
        f"{deadlines}</p><ul>{meaning}</ul>\n"
    )
    shown = sites[:MAX_SITES]
    yield overview(shown)
    for number, site in enumerate(shown):
        yield details(number, site, report.as_of)
    if len(sites) > MAX_SITES:
        yield (
            f'<p class="note">{len(sites) - MAX_SITES:,} more sites left out here: the workbook'
            " (<code>--format xlsx</code>) holds the whole plan.</p>\n"
        )
    yield "</section>\n"


def overview(sites: Sequence[SitePlan]) -> str:
    out = [
        '<table class="plan"><thead><tr><th>Site</th><th class=num>Flagged assets</th>',
        *(f"<th class=num>{k.value.capitalize()}</th>" for k in KINDS),
        "<th>Earliest deadline</th><th>Known-exploited</th></tr></thead><tbody>",
    ]
    for number, site in enumerate(sites):
        counts = {k: sum(a.assets for a in site.actions if a.kind is k) for k in KINDS}
        dated = [a for a in site.actions if a.deadline is not None]
        first = min(dated, key=lambda a: a.deadline.date if a.deadline else "", default=None)
        out.append(
            f'<tr><td><a href="#site-{number}">{text(site.site)}</a></td>'
            f"<td class=num>{site.assets}</td>"
            + "".join(f"<td class=num>{counts[k] or ''}</td>" for k in KINDS)
            + f"<td>{deadline(first) if first else ''}</td>"
            + f"<td>{', '.join(text(s.cve) for s in site.advisories)}</td></tr>"
        )
    out.append("</tbody></table>\n")
    return "".join(out)


def details(number: int, site: SitePlan, as_of: str) -> str:
    n = site.assets
    out = [
        f'<h3 id="site-{number}">{text(site.site)} — {n} flagged asset{"" if n == 1 else "s"}</h3>'
    ]
    if site.advisories:
        out.append(f"<p><b>Known-exploited advisories:</b> {advisories(site, as_of)}</p>")
    out.extend(action(a) for a in site.actions)
    return "".join(out) + "\n"


def advisories(site: SitePlan, as_of: str) -> str:
    """The site's known-exploited catalogue entries: CVE id, assets in it, patch-by date."""
    out = []
    for s in site.advisories:
        by = ""
        if s.patch_by is not None:
            late = " <span class=past>overdue</span>" if s.patch_by < as_of else ""
            by = f", patch by {text(s.patch_by)}{late}"
        out.append(f"{text(s.cve)} ({s.assets} asset{'' if s.assets == 1 else 's'}{by})")
    return "; ".join(out)


def action(a: Action) -> str:
    """One action, opening to what to do, the mitigations and the assets it covers."""
    n = a.assets
    when = f" · {deadline(a)}" if a.deadline is not None else ""
    if a.patch_by is not None:
        late = " <span class=past>overdue</span>" if a.patch_overdue else ""
        when += f" · patch by {text(a.patch_by)}{late} (known-exploited advisory, BOD 22-01)"
    rules = ", ".join(text(r) for r in a.rules)
    # Each asset's place as the findings table below names it (file:sheet:row), so a reader
    # can filter that table for it.
    examples = "".join(
        f"<li>{text(e.name, 200)} <span class=muted>({text(where(e.location))})</span></li>"
        for e in a.examples
    )
    more = n - len(a.examples)
    if more > 0:
        examples += f"<li class=muted>and {more:,} more (filter the table below)</li>"
    out = [
        f'<details class="action"><summary><b>{a.kind.value.capitalize()}</b>'
        f" {n} asset{'' if n == 1 else 's'} ·"
        f' <span class="sev s{a.severity.rank}">{a.severity.value}</span>'
        f" · {rules}{when}</summary>",
        "<p><b>What to do:</b></p><ul>",
        *(f"<li>{text(r)}</li>" for r in a.recommended),
        "</ul>",
    ]
    if a.mitigations:
        label = "Mitigations" if a.kind is Kind.MITIGATE else "Mitigations until it is gone"
        out.append(f"<p><b>{label}:</b></p><ul>")
        out.extend(f"<li>{text(m)}</li>" for m in a.mitigations)
        out.append("</ul>")
    out.append(f"<p><b>Assets:</b></p><ul>{examples}</ul></details>")
    return "".join(out)


def deadline(a: Action) -> str:
    """The action's deadline: date, what it is, which rule sets it; marked when overdue."""
    if a.deadline is None:
        return ""
    overdue = " <span class=past>overdue</span>" if a.overdue else ""
    rule = f", {text(a.deadline_rule)}" if a.deadline_rule else ""
    return f"{text(a.deadline.date)}{overdue} ({text(a.deadline.label)}{rule})"
