"""`duediligence rules list`: the measures and risk rules, or the profiles, one line each."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import out, print_rows, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.report.interface import ViewFormat


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
    print_rows(head, cells)
