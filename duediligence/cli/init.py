"""`duediligence init`: say once who the buyer is, and write duediligence.toml."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli import buyer
from duediligence.cli.console import err, out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.config import OWN_FILE
from duediligence.results.findings import Severity


@reports_errors
def init(
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help="The buyer's profile; nothing is asked. Without it, the questions are asked"
            " on a terminal; elsewhere the file is written with no profile chosen.",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        Severity, typer.Option("--fail-on", help="The gate's threshold.")
    ] = Severity.HIGH,
    inputs: Annotated[
        list[str] | None,
        typer.Option(
            "--input",
            help="A file or folder `scan` reads when given no paths (repeatable).",
            show_default=False,
        ),
    ] = None,
    waivers: Annotated[
        str | None,
        typer.Option("--waivers", help="The waivers YAML file.", show_default=False),
    ] = None,
    path: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the settings.")
    ] = Path(OWN_FILE),
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing settings file.")
    ] = False,
    rules: RulesOpt = None,
) -> None:
    """Write duediligence.toml: who the buyer is (its profile), the gate, inputs, waivers."""
    pack = api.load_pack(rules or ())
    if path.exists() and not force:
        # Say so before asking anything: the answers would be lost.
        buyer.write_settings(path, "", force=False)
    if profile is not None:
        pack.require_profile(profile)
    elif sys.stdin.isatty():
        profile = buyer.choose_profile(buyer.offered(pack.profiles), _ask)
    titles = {pid: p.title for pid, p in pack.profiles.items()}
    text = buyer.settings_text(profile, titles, fail_on, inputs or (), waivers)
    buyer.write_settings(path, text, force)
    chosen = f"profile {profile}" if profile else "no profile chosen (edit `profile` to choose)"
    out.print(f"wrote {path}: {chosen}", markup=False, highlight=False)


def _ask(question: str, options: Sequence[str]) -> str:
    """A numbered list on stderr, answered by number until the answer is one of them."""
    err.print(question, markup=False)
    for number, option in enumerate(options, 1):
        err.print(f"  {number}. {option}", markup=False)
    while True:
        answer: int = typer.prompt("Number", type=int, err=True)
        if 1 <= answer <= len(options):
            return options[answer - 1]
        err.print(f"choose 1 to {len(options)}", markup=False)
