"""`duediligence rules changes --since DATE`: what the pack dates within a span, oldest
first: new measures, measures coming into effect or ending, new entities, relationships
begun or ended."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import out, print_rows, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.errors import UsageError
from duediligence.report.interface import ViewFormat


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
    if not found and out.is_terminal:
        out.print(f"no changes in pack {pack.meta.id} {pack.meta.version} since {start}")
        return
    cells = [[c.date, c.kind.label, c.id, c.summary] for c in found]
    print_rows(("Date", "Change", "Id", "What"), cells, no_wrap=2)


def _day(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None
