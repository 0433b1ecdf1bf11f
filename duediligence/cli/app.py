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


def _numpy_unused() -> None:
    """Run the command as a plain install would: without numpy. pyarrow imports numpy
    wherever it is installed (beside pandas, say), only to offer conversions no command asks
    for, and with it OpenBLAS's threads start: 0.13-0.17 s of CPU on every run
    (docs/performance.md). pyarrow reads numpy's absence as a plain install's, and so does
    every other library a command uses. Only this process's own entry point does it; the
    library leaves its host's modules alone, and a numpy already imported stays."""
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]


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
    _numpy_unused()
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`| head`): nothing is left to say to it, and Python would
        # complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
