"""The `duediligence` command: its sub-commands and global options."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from duediligence import __version__
from duediligence.cli import advisories, columns, identify, init, rules, scan
from duediligence.cli.coercion import Command, Group
from duediligence.cli.console import State

app = typer.Typer(
    name="duediligence",
    help="Procurement due diligence on equipment inventories: who really made each item,"
    " and which vendor-risk rules apply.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=Group,
)
app.command("scan", cls=Command)(scan.scan)
app.command("identify")(identify.identify)
app.command("columns")(columns.columns)
app.command("init")(init.init)
app.add_typer(rules.app, name="rules")
rules.app.command("advisories")(advisories.advisories)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"duediligence {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")
    ] = False,
) -> None:
    State.debug = debug


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`| head`): nothing is left to say to it, and Python would
        # complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
