"""The terminal table: a line per flagged asset, coloured by severity, then a one-line summary.

The only reporter that uses rich; it renders to text so the CLI decides where it goes.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from duediligence.findings import Report, Severity
from duediligence.report.interface import RenderOptions
from duediligence.report.rows import asset_rows, summary_line

STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
SHOWN_SKIPS = 10


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    console = Console(
        file=out,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        soft_wrap=False,
    )
    rows = asset_rows(report)
    if rows:
        table = Table(
            title=f"Findings — profile {report.profile}, as of {report.as_of}",
            title_justify="left",
            expand=False,
        )
        table.add_column("Row", overflow="fold", min_width=12)
        table.add_column("Asset", overflow="ellipsis", max_width=16)
        table.add_column("Make / model", overflow="fold", max_width=30)
        table.add_column("Attributed to", overflow="fold", max_width=30)
        table.add_column("Rules", no_wrap=True, min_width=36)
        table.add_column("Conf.", justify="right", no_wrap=True)
        for r in rows:
            rules = Text()
            for i, (rule, sev, note) in enumerate(r.rules):
                if i:
                    rules.append("\n")
                rules.append(
                    f"{sev.value.upper():<8}", style="dim" if note == "waived" else STYLE[sev]
                )
                rules.append(f" {rule}")
                if note:
                    rules.append(f" ({note})", style="dim" if note == "waived" else "bold")
            table.add_row(r.where, r.asset, r.make_model, r.maker, rules, f"{r.confidence:.2f}")
        console.print(table)
    else:
        console.print(f"No findings — profile {report.profile}, as of {report.as_of}.")
    if report.skips:
        console.print(f"\nSkipped rows ({len(report.skips)}):")
        for s in report.skips[:SHOWN_SKIPS]:
            console.print(f"  {s.location}: {s.reason}")
        if len(report.skips) > SHOWN_SKIPS:
            console.print(f"  … and {len(report.skips) - SHOWN_SKIPS} more (see --format json)")
    if report.unknown:
        shown = ", ".join(
            " ".join(x for x in (u.make, u.model) if x) + f" ({u.rows})" for u in report.unknown[:8]
        )
        console.print(f"\nNot recognised ({report.summary.unknown} rows): {shown}")
        reasons = "; ".join(f"{r} ({n})" for r, n in report.summary.unknown_by_reason.items())
        console.print(f"  why: {reasons}")
    for w in report.warnings:
        console.print(f"\nwarning: {w}", style="yellow")
    console.print("\n" + summary_line(report))
