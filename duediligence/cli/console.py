"""Consoles, the one error handler, and the progress bar: everything the CLI draws with."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TextIO, TypeVar, cast

import typer

from duediligence.errors import DueDiligenceError

if TYPE_CHECKING:
    from rich.console import Console

# What makes rich call a stream that is no tty a terminal (rich.console.Console.is_terminal).
_TERMINAL_ENV = ("TTY_COMPATIBLE", "FORCE_COLOR")


class _LazyConsole:
    """A rich Console made on first use: a scan that writes its report to a file and has
    nothing to say imports no rich (~20 ms). Asked only whether it is a terminal, it answers
    as rich would without making one when the stream is no tty and no variable of
    _TERMINAL_ENV says otherwise."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def _made(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr, highlight=False, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        stream = sys.stderr if self._stderr else sys.stdout
        isatty = getattr(stream, "isatty", None)
        if self._console is None and not any(v in os.environ for v in _TERMINAL_ENV):
            with suppress(ValueError):  # a closed stream: rich says no terminal too
                if isatty is None or not isatty():
                    return False
        return self._made().is_terminal

    def __getattr__(self, name: str) -> Any:
        return getattr(self._made(), name)


def _real(console: Console) -> Console:
    """The Console itself, for rich's own classes to hold."""
    lazy = cast("object", console)
    return lazy._made() if isinstance(lazy, _LazyConsole) else console


err = cast("Console", _LazyConsole(stderr=True))
out = cast("Console", _LazyConsole(stderr=False))

P = ParamSpec("P")
R = TypeVar("R")


class State:
    debug = False


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"duediligence: error: {message}", markup=False)
    return typer.Exit(code)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Every failure becomes one line on stderr and exit code 2, never a traceback.

    Expected failures (DueDiligenceError) print their message and location; anything else
    is a bug: one line and a hint to re-run with --debug, which shows the traceback.
    """

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DueDiligenceError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if State.debug:
                traceback.print_exc()
            raise fail(
                f"unexpected {type(exc).__name__}: {exc} (this is a bug; re-run with --debug"
                " for the traceback)"
            ) from None

    return wrapper


def print_rows(head: Sequence[str], rows: Sequence[Sequence[str]], no_wrap: int = 1) -> None:
    """A table on a terminal, its first `no_wrap` columns kept whole; in a pipe, one
    tab-separated plain line a row, since a table drawn 80 columns wide wraps every title."""
    if not out.is_terminal:
        for row in rows:
            typer.echo("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))
        return
    # Imported for a terminal only, as the progress bar is: a pipe gets plain lines.
    from rich.table import Column, Table

    columns = [Column(h, no_wrap=i < no_wrap) for i, h in enumerate(head)]
    table = Table(*columns)
    for row in rows:
        table.add_row(*row)
    out.print(table)


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A rows-read counter on stderr when it is a terminal; None (no callback) otherwise."""
    if not enabled or not err.is_terminal:
        yield None
        return
    # Imported for a terminal only: a scan in a pipeline or a CI job draws no bar.
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("scanning"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
        console=_real(err),
        transient=True,
    ) as bar:
        task = bar.add_task("scan", total=None)
        yield lambda n: bar.update(task, completed=n)


def write_output(write: Callable[[TextIO], None], output: Path | None) -> None:
    """Stream to a file atomically (temporary file, then rename), or to stdout.

    Whatever stops the writing (a full disk, a bug in a formatter, Ctrl-C), the temporary
    file is removed and a report already at `output` is left as it was: a report file is
    always a whole one.
    """
    if output is None:
        write(sys.stdout)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            write(handle)
        tmp.replace(output)
    except BaseException as exc:
        with suppress(OSError):  # never made (no such folder), or a folder of that name
            tmp.unlink()
        if isinstance(exc, OSError):
            raise DueDiligenceError(
                f"cannot write the report: {exc.strerror or exc}", str(output)
            ) from exc
        raise
