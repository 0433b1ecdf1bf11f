"""`duediligence rules`: browse, show, validate and date the rule pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Column, Table

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.errors import UsageError
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.dates import last_day

app = typer.Typer(help="Browse and check rule packs.", no_args_is_help=True)


@app.command("list")
@reports_errors
def list_rules(
    rules: RulesOpt = None,
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Only this profile's rules.")
    ] = None,
) -> None:
    """List the measures and risk rules."""
    pack = api.load_pack(rules or ())
    if profile is not None:
        pack.require_profile(profile)
    measures = pack.profile_measures(profile) if profile else list(pack.measures.values())
    table = Table("Kind", "Where", "Status", "Effective", "Title")
    table.columns[0:0] = [Column("Id", no_wrap=True)]
    for m in measures:
        table.add_row(
            m.id, m.kind.value, m.jurisdiction or "", m.status.value, m.effective or "", m.title
        )
    out.print(table)


@app.command("show")
@reports_errors
def show(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A measure, entity, profile or source id.")
    ],
    rules: RulesOpt = None,
) -> None:
    """Show one measure, entity, profile or source as the pack holds it (YAML)."""
    import yaml

    pack = api.load_pack(rules or ())
    found = (
        pack.measures.get(ident)
        or pack.catalog.entities.get(ident)
        or pack.profiles.get(ident)
        or pack.sources.get(ident)
    )
    if found is None:
        raise UsageError(
            f"nothing in the pack has the id {ident!r} (try `duediligence rules list`)"
        )
    text = yaml.safe_dump(
        found.model_dump(mode="json", exclude_none=True),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    out.print(text, markup=False, highlight=False)
    cited = sorted(set(_cited(found.model_dump(mode="json"))) & set(pack.sources))
    if cited:
        out.print("sources:", markup=False)
    for sid in cited:
        src = pack.sources[sid]
        parts = [src.title, src.publisher, src.date, src.url or src.note]
        out.print(f"  {sid}: " + " — ".join(p for p in parts if p), markup=False, highlight=False)


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
