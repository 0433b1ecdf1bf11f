"""`duediligence rules audit`: facts drawn at random with their citations, for a person to
check that each source shows its fact."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.report.interface import ViewFormat


@reports_errors
def audit(
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, help="How many facts to draw.")
    ] = 10,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Draw the same facts again with this seed.")
    ] = None,
    rules: RulesOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """Print N random facts (relationships, ownership, aliases, patterns, risk facts,
    measures) with the sources they cite, for a person to check that each source shows its
    fact. In a pipe, plain lines."""
    from dataclasses import asdict

    from duediligence.pack.audit import sample

    drawn = sample(api.load_pack(rules or ()), count, seed)
    if format is ViewFormat.JSON:
        out.print_json(json.dumps([asdict(f) for f in drawn], ensure_ascii=False))
        return
    if not out.is_terminal:
        for i, fact in enumerate(drawn, 1):
            level = f" [{fact.confidence}]" if fact.confidence else ""
            typer.echo(f"{i}. {fact.kind.value}: {fact.claim}{level} ({fact.where})")
            for c in fact.citations:
                typer.echo(
                    "   " + _citation(c.id, c.kind, c.title, c.publisher, c.date, c.url or c.note)
                )
        return
    table = Table("#", "Fact", "Confidence", "Cites", show_lines=True)
    for i, fact in enumerate(drawn, 1):
        cites = "\n".join(
            _citation(c.id, c.kind, c.title, c.publisher, c.date, c.url or c.note)
            for c in fact.citations
        )
        claim = f"[bold]{fact.kind.value}[/]: {fact.claim}\n[dim]{fact.where}[/]"
        table.add_row(str(i), claim, fact.confidence or "", cites)
    out.print(table)


def _citation(ident: str, kind: str | None, *parts: str | None) -> str:
    """'S70 (press): title — publisher — date — address', one line."""
    label = f"{ident} ({kind})" if kind else ident
    return f"{label}: " + " — ".join(p.replace("\n", " ") for p in parts if p)
