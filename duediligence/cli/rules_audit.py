"""`duediligence rules audit`: facts drawn at random with their citations and what their last
review found, for a person to check that each source shows its fact; or, with
`--unreviewed`, every fact no review names and every review the pack has outgrown."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.report.interface import ViewFormat

if TYPE_CHECKING:
    from duediligence.pack.audit import AuditFact
    from duediligence.pack.review import Review


@reports_errors
def audit(
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, help="How many facts to draw.")
    ] = 10,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Draw the same facts again with this seed.")
    ] = None,
    unreviewed: Annotated[
        bool,
        typer.Option(
            "--unreviewed",
            help="List every fact no review in reviews.yml names, and every review that no"
            " longer fits its fact; exit 1 when there is any.",
        ),
    ] = False,
    rules: RulesOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """Print N random facts (relationships, ownership, aliases, patterns, risk facts,
    measures) with the sources they cite and what their last review found, for a person to
    check that each source shows its fact. In a pipe, plain lines."""
    from dataclasses import asdict

    from duediligence.pack import review
    from duediligence.pack.audit import all_facts, sample
    from duediligence.pack.bundled import bundled_rules_dir

    pack = api.load_pack(rules or ())
    reviews = review.load_reviews([bundled_rules_dir(), *(rules or ())])
    if unreviewed:
        facts = all_facts(pack)
        _left(review.unreviewed(facts, reviews), review.review_problems(facts, reviews), format)
        return
    drawn = sample(pack, count, seed)
    if format is ViewFormat.JSON:
        doc = [asdict(f) | {"review": _review_doc(reviews.get(f.key))} for f in drawn]
        out.print_json(json.dumps(doc, ensure_ascii=False, default=str))
        return
    if not out.is_terminal:
        for i, fact in enumerate(drawn, 1):
            level = f" [{fact.confidence}]" if fact.confidence else ""
            typer.echo(f"{i}. {fact.kind.value}: {fact.claim}{level} ({fact.where})")
            for c in fact.citations:
                typer.echo(
                    "   " + _citation(c.id, c.kind, c.title, c.publisher, c.date, c.url or c.note)
                )
            typer.echo("   " + _reviewed(reviews.get(fact.key)))
        return
    from rich.table import Table  # drawn by this command alone

    table = Table("#", "Fact", "Confidence", "Cites", "Last review", show_lines=True)
    for i, fact in enumerate(drawn, 1):
        cites = "\n".join(
            _citation(c.id, c.kind, c.title, c.publisher, c.date, c.url or c.note)
            for c in fact.citations
        )
        claim = f"[bold]{fact.kind.value}[/]: {fact.claim}\n[dim]{fact.where}[/]"
        last = _reviewed(reviews.get(fact.key))
        table.add_row(str(i), claim, fact.confidence or "", cites, last)
    out.print(table)


def _left(facts: Sequence[AuditFact], problems: Sequence[str], format: ViewFormat) -> None:
    """The facts left to review and the reviews left behind; exit 1 when there is any."""
    if format is ViewFormat.JSON:
        doc = {"unreviewed": [{"key": f.key, "claim": f.claim} for f in facts]}
        out.print_json(json.dumps(doc | {"problems": list(problems)}, ensure_ascii=False))
    else:
        for f in facts:
            typer.echo(f"not reviewed: {f.key}: {f.claim}")
        for p in problems:
            typer.echo(f"review out of date: {p}")
        if not facts and not problems:
            typer.echo("every fact reviewed")
    if facts or problems:
        raise typer.Exit(1)


def _review_doc(r: Review | None) -> Mapping[str, object] | None:
    return None if r is None else r.model_dump(mode="json", exclude={"facts"}, exclude_none=True)


def _reviewed(r: Review | None) -> str:
    """'reviewed 2026-12-07 (S78): in part — what the source shows; kept', one line."""
    if r is None:
        return "not reviewed"
    shown = r.shown.value.replace("_", " ")
    action = r.action.value.replace("_", " ")
    read = f" ({', '.join(r.checked)})" if r.checked else ""
    return f"reviewed {r.reviewed}{read}: {shown} — {r.says}; {action}"


def _citation(ident: str, kind: str | None, *parts: str | None) -> str:
    """'S70 (press): title — publisher — date — address', one line."""
    label = f"{ident} ({kind})" if kind else ident
    return f"{label}: " + " — ".join(p.replace("\n", " ") for p in parts if p)
