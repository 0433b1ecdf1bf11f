"""`duediligence rules`: browse, show, validate and date the rule pack."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.errors import UsageError
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.dates import last_day
from duediligence.pack.records import to_data
from duediligence.report.interface import ViewFormat

app = typer.Typer(help="Browse and check rule packs.", no_args_is_help=True)


@app.command("list")
@reports_errors
def list_rules(
    rules: RulesOpt = None,
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Only this profile's rules.")
    ] = None,
    profiles: Annotated[
        bool, typer.Option("--profiles", help="List the profiles (who is asking), not rules.")
    ] = False,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """List the measures and risk rules, or the profiles. In a pipe, one tab-separated line
    each."""
    pack = api.load_pack(rules or ())
    if profile is not None:
        pack.require_profile(profile)
    if profiles:
        head: tuple[str, ...] = ("Id", "Title", "Rules", "Description")
        lines = [
            {"id": p.id, "title": p.title, "rules": len(pack.profile_measures(p.id))}
            | {"description": p.description}
            for p in pack.profiles.values()
            if profile is None or p.id == profile
        ]
    else:
        head = ("Id", "Kind", "Where", "Status", "Effective", "Title")
        measures = pack.profile_measures(profile) if profile else list(pack.measures.values())
        lines = [
            {
                "id": m.id,
                "kind": m.kind.value,
                "jurisdiction": m.jurisdiction,
                "status": m.status.value,
                "effective": m.effective,
                "title": m.title,
                "binds": m.binds,
            }
            for m in measures
        ]
    if format is ViewFormat.JSON:
        out.print_json(json.dumps(lines, ensure_ascii=False))
        return
    cells = [
        [str(v) if v is not None else "" for v in line.values()][: len(head)] for line in lines
    ]
    if not out.is_terminal:
        # A pipe gets whole lines: a table drawn 80 columns wide wraps every title.
        for row in cells:
            typer.echo("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))
        return
    from rich.table import Column, Table  # drawn by this command alone

    table = Table(Column(head[0], no_wrap=True), *head[1:])
    for row in cells:
        table.add_row(*row)
    out.print(table)


@app.command("show")
@reports_errors
def show(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A measure, entity, profile or source id.")
    ],
    rules: RulesOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """Show one measure, entity, profile or source as the pack holds it (YAML, or JSON), and
    the sources it cites."""
    import yaml

    pack = api.load_pack(rules or ())
    kinds: list[tuple[str, Mapping[str, object]]] = [
        ("measure", pack.measures),
        ("entity", pack.catalog.entities),
        ("profile", pack.profiles),
        ("source", pack.sources),
    ]
    found = next(((k, d[ident]) for k, d in kinds if ident in d), None)
    if found is None:
        raise UsageError(
            f"nothing in the pack has the id {ident!r} (try `duediligence rules list`)"
        )
    kind, entry = found
    whole = to_data(entry)
    data = _set(whole)
    cited = sorted(set(_cited(whole)) & set(pack.sources))
    if format is ViewFormat.JSON:
        sources = {sid: to_data(pack.sources[sid]) for sid in cited}
        doc = {"kind": kind, "entry": data, "sources": sources}
        out.print_json(json.dumps(doc, ensure_ascii=False))
        return
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    typer.echo(text.rstrip("\n"))
    if cited:
        typer.echo("sources:")
    for sid in cited:
        src = pack.sources[sid]
        parts = [src.title, src.publisher, src.date, src.url or src.note]
        typer.echo(f"  {sid}: " + " — ".join(p for p in parts if p))


def _set(data: object) -> object:
    """An entry's fields that are set: None, the value of a field left out, is left out."""
    if isinstance(data, dict):
        return {k: _set(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_set(v) for v in data]
    return data


def _cited(data: object) -> list[str]:
    """Every source id cited anywhere in an entry (its own and its history's)."""
    if isinstance(data, dict):
        ids = [str(s) for s in data.get("sources", [])]
        return ids + [i for v in data.values() for i in _cited(v)]
    if isinstance(data, list):
        return [i for v in data for i in _cited(v)]
    return []


@app.command("validate")
@reports_errors
def validate(
    directories: Annotated[list[Path], typer.Argument(help="Pack directories to check.")],
) -> None:
    """Check pack directories layered over the bundled pack; exit 2 listing every problem."""
    bundled = bundled_rules_dir().resolve()
    pack = api.load_pack([d for d in directories if d.resolve() != bundled])
    c = pack.catalog
    out.print(
        f"ok: {', '.join(str(d) for d in directories)} — {len(c.entities)} entities,"
        f" {len(c.relationships)} relationships, {len(c.patterns)} model patterns,"
        f" {len(pack.measures)} measures, {len(pack.profiles)} profiles,"
        f" {len(pack.sources)} sources"
    )


@app.command("status")
@reports_errors
def status(rules: RulesOpt = None) -> None:
    """The pack's version and the date its facts were last reviewed."""
    pack = api.load_pack(rules or ())
    age = (date.today() - last_day(pack.meta.reviewed)).days
    out.print(
        f"pack {pack.meta.id} {pack.meta.version}, facts last reviewed {pack.meta.reviewed}"
        f" ({age} days ago)"
    )
    out.print(f"layers: {', '.join(pack.layers)}")
    if age > api.PACK_MAX_AGE_DAYS:
        out.print(
            "[yellow]warning: over a year since review; facts and measures may have changed[/]"
        )


@app.command("audit")
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
    from rich.table import Table  # drawn by this command alone

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


def _day(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


@app.command("changes")
@reports_errors
def changes(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            metavar="DATE",
            help="List what the pack dates on or after this day (YYYY-MM-DD): new measures,"
            " measures coming into effect or ending, new entities and model patterns,"
            " relationships begun or ended.",
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="And on or before this day."),
    ] = None,
    rules: RulesOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """What changed in the pack since a date, oldest first, from the dates the pack holds.
    In a pipe, one tab-separated line each."""
    from duediligence.pack.changes import changes_since

    start = _day("--since", since)
    end = None if until is None else _day("--until", until)
    if end is not None and end < start:
        raise UsageError(f"--until {until} is before --since {since}")
    pack = api.load_pack(rules or ())
    found = changes_since(pack, start, end)
    if format is ViewFormat.JSON:
        doc = {
            "pack": {"id": pack.meta.id, "version": pack.meta.version},
            "since": start.isoformat(),
            "until": None if end is None else end.isoformat(),
            "changes": [
                {"date": c.date, "kind": c.kind.value, "id": c.id}
                | {"summary": c.summary, "sources": list(c.sources)}
                for c in found
            ],
        }
        out.print_json(json.dumps(doc, ensure_ascii=False))
        return
    cells = [[c.date, c.kind.label, c.id, c.summary] for c in found]
    if not out.is_terminal:
        for row in cells:
            typer.echo("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))
        return
    if not found:
        out.print(f"no changes in pack {pack.meta.id} {pack.meta.version} since {start}")
        return
    from rich.table import Column, Table  # drawn by this command alone

    table = Table(Column("Date", no_wrap=True), Column("Change", no_wrap=True), "Id", "What")
    for row in cells:
        table.add_row(*row)
    out.print(table)
