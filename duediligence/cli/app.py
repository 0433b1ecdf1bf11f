"""The `duediligence` command: its sub-commands and global options."""

from __future__ import annotations

from importlib import import_module
from typing import Annotated, Any

import typer
import typer.main

from duediligence import __version__
from duediligence.cli import scan
from duediligence.cli.coercion import Command, Group
from duediligence.cli.console import State
from duediligence.cli.process import leave, reader_gone, without_numpy

LATER = {
    "identify": ("duediligence.cli.identify", "identify"),
    "columns": ("duediligence.cli.columns", "columns"),
    "init": ("duediligence.cli.init", "init"),
    "rules": ("duediligence.cli.rules", "app"),
}
"""The commands besides `scan`, each where it lives: imported and built by typer when asked
for, by its name on the command line or by `--help`, not by every scan (the modules and
typer's reading of their options: ~12 ms, docs/performance.md)."""


class Commands(Group):
    """The app's group, `scan` built with it and each command of `LATER` on first use, as
    typer builds it in a group of its own; listed in the order they were always listed."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*(name for name in self.commands if name not in LATER), *LATER]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] not in LATER:
            for name in LATER:  # a name it does not know: typer suggests one of them all
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = self.commands.get(cmd_name)
        if found is None and cmd_name in LATER:
            found = self.commands[cmd_name] = _built(cmd_name)
        return found


def _built(name: str) -> Any:
    where, attribute = LATER[name]
    made = getattr(import_module(where), attribute)
    holder = typer.Typer(add_completion=False)
    holder.callback()(_nothing)
    if isinstance(made, typer.Typer):
        holder.add_typer(made, name=name)
    else:
        holder.command(name)(made)
    group: Any = typer.main.get_command(holder)
    return group.commands[name]


def _nothing() -> None:
    """The holder's callback: a group of one command is built as typer builds it in ours."""


app = typer.Typer(
    name="duediligence",
    help="Procurement due diligence on equipment inventories: who really made each item,"
    " and which vendor-risk rules apply.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=Commands,
)
app.command("scan", cls=Command)(scan.scan)


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
    without_numpy()
    try:
        app()
    except BrokenPipeError:
        reader_gone()
        leave(1)
    except SystemExit as done:
        leave(done.code)
