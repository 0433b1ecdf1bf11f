"""What the command's own process does before its work and after it: the library, imported
by a host program or a test, leaves both to its host."""

from __future__ import annotations

import atexit
import os
import sys


def without_numpy() -> None:
    """Run the command as a plain install would: without numpy. pyarrow imports numpy
    wherever it is installed (beside pandas, say), only to offer conversions no command asks
    for, and with it OpenBLAS's threads start: 0.13-0.17 s of CPU on every run
    (docs/performance.md). pyarrow reads numpy's absence as a plain install's, and so does
    every other library a command uses. A numpy already imported stays."""
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]


def leave(code: str | int | None) -> None:
    """End the process with `code`, as `sys.exit(code)` would, without freeing what it built.

    A scan's last act would otherwise be the interpreter taking apart every object it made,
    one by one: 50-60 ms of a 100k-row scan's 0.65 s (docs/performance.md), for memory the
    system takes back at once. Everything an exit owes others still happens: the functions
    registered with atexit run, logging's handlers and both streams are flushed; the threads
    the command started have ended by now (each in a `with` of its own), the report is closed,
    and the cache's entries are whole or absent (pack/cache.py replaces them). A code that is
    not a number is left to `sys.exit`, which prints it. Under a profiler, a tracer or a
    coverage tool, which write their results as the interpreter ends, the exit is the usual.
    """
    if isinstance(code, str) or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    atexit._run_exitfuncs()
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
        code = 1
    try:
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # nowhere is left to say it
    os._exit(code or 0)


def reader_gone() -> None:
    """The reader went away (`| head`): nothing is left to say to it, and a flush at exit
    would complain again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
