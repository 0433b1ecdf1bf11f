"""The terminal table: a line per flagged asset, coloured by severity, then a one-line summary.

The only reporter that uses rich; it renders to text so the CLI decides where it goes.
"""

from __future__ import annotations

import re
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from duediligence.report.interface import RenderOptions
from duediligence.report.rows import AssetRow, asset_rows, elsewhere_text, summary_line
from duediligence.results.findings import Severity
from duediligence.results.report import Report

STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
SHOWN_SKIPS = 10
SHOWN_ASSETS = 200
"""Flagged assets drawn: a terminal is for reading, not for half a million rows."""


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (an ANSI escape would reach the terminal) and bidirectional overrides."""


def _plain(text: str, style: str = "") -> Text:
    """Text from a register shown as it is: never read as rich markup ('[/bold]' in a cell),
    never sending control sequences to the terminal."""
    return Text(_CONTROL.sub("", text), style=style)


def _rules(r: AssetRow) -> Text:
    """One line per rule that binds, worst first, then one line folding the measures that
    bind someone else ("also restricted in: TW, US"). A waived rule is dimmed and says so; a
    new one says so."""
    text = Text()
    for rule, sev, note in r.rules:
        if text:
            text.append("\n")
        text.append(f"{sev.value.upper():<9}", style=STYLE[sev])
        text.append(_CONTROL.sub("", rule), style="dim" if note == "waived" else "")
        if note:
            text.append(f" ({note})", style="dim" if note == "waived" else "bold")
    if r.patch_by is not None:
        text.append(("\n" if text else "") + f"patch by {r.patch_by}", style="bold")
    if r.elsewhere:
        text.append(("\n" if text else "") + elsewhere_text(r.elsewhere), style="dim")
    return text


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    console = Console(
        file=out,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        soft_wrap=False,
    )
    rows = asset_rows(report, SHOWN_ASSETS)
    if rows:
        table = Table(
            title=_plain(f"Findings — {report.profile_label}, as of {report.as_of}"),
            title_justify="left",
            expand=False,
        )
        table.add_column("Row", overflow="fold", min_width=12)
        table.add_column("Asset", overflow="ellipsis", max_width=16)
        table.add_column("Make / model", overflow="fold", max_width=26)
        table.add_column("Attributed to", overflow="fold", max_width=24)
        table.add_column("Rules that bind; where else", overflow="fold", min_width=44)
        table.add_column("Conf.", justify="right", no_wrap=True)
        for r in rows:
            table.add_row(
                _plain(r.where),
                _plain(r.asset),
                _plain(r.make_model),
                _plain(r.maker),
                _rules(r),
                f"{r.confidence:.2f}",
            )
        console.print(table)
        left = report.summary.flagged - len(rows)
        if left > 0:
            console.print(
                f"… and {left:,} more flagged assets: the JSON, workbook or HTML report holds"
                " them all (--format json|xlsx|html)"
            )
    else:
        console.print(_plain(f"No findings — {report.profile_label}, as of {report.as_of}."))
    if report.skips:
        console.print(f"\nSkipped rows ({len(report.skips)}):")
        for s in report.skips[:SHOWN_SKIPS]:
            console.print(_plain(f"  {s.location}: {s.reason}"))
        if len(report.skips) > SHOWN_SKIPS:
            console.print(f"  … and {len(report.skips) - SHOWN_SKIPS} more (see --format json)")
    if report.unknown:
        shown = ", ".join(
            " ".join(dict.fromkeys(x for x in (u.make, u.model) if x)) + f" ({u.rows})"
            for u in report.unknown[:8]
        )
        console.print(_plain(f"\nNot recognised ({report.summary.unknown} rows): {shown}"))
        reasons = "; ".join(f"{r} ({n})" for r, n in report.summary.unknown_by_reason.items())
        console.print(_plain(f"  why: {reasons}"))
    if report.not_covered:
        console.print(
            _plain(f"\nNot covered equipment, not flagged ({report.summary.not_covered} rows):")
        )
        for n in report.not_covered[:SHOWN_SKIPS]:
            console.print(_plain(f"  {n.note} ({n.rows})"))
        if len(report.not_covered) > SHOWN_SKIPS:
            console.print(
                f"  … and {len(report.not_covered) - SHOWN_SKIPS} more (see --format json)"
            )
    for w in report.warnings:
        console.print(_plain(f"\nwarning: {w}", "yellow"))
    console.print(_plain("\n" + summary_line(report)))
