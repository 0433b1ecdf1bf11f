"""`duediligence rules show ID`: one entry as the pack holds it, with the sources it cites."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.errors import UsageError
from duediligence.pack.records import to_data
from duediligence.report.interface import ViewFormat


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
