"""`duediligence rules validate` and `rules status`: is a pack well formed, and how old are
its facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.dates import last_day


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
