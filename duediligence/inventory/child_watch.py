"""A child process that stops making progress is stopped, so its parent never waits forever.

The workbook child (arrow_ahead.py) caps its own address space; a load that meets the cap
should end it, but an allocation refused inside a library's threads can leave it asleep on a
lock instead, with the scan waiting on it for good. A loading child is busy on a core, so one
that has used no CPU time for STALL_SECONDS is taken for stuck and killed; its parent then
loads the sheet itself, to the same result.
"""

from __future__ import annotations

import subprocess
import threading

POLL_SECONDS = 0.5
STALL_SECONDS = 10.0
"""No CPU time used for this long: stuck. A child's load runs on a core from start to end
(inflating and parsing), so a healthy one is never still for long; a child held up by a slow
disk for longer costs the parent its own load, never a wrong answer."""


def watched(child: subprocess.Popen[bytes]) -> int:
    """`child.wait()`, with the child killed once it is stuck (a negative status then)."""
    done = threading.Event()
    watch = threading.Thread(target=_watch, args=(child, done), name="child-watch", daemon=True)
    watch.start()
    try:
        return child.wait()
    finally:
        done.set()


def _watch(child: subprocess.Popen[bytes], done: threading.Event) -> None:
    last = _cpu_ticks(child.pid)
    still = 0.0
    while not done.wait(POLL_SECONDS):
        used = _cpu_ticks(child.pid)
        if used is None:
            return  # ended, or not to be seen
        if used != last:
            last, still = used, 0.0
            continue
        still += POLL_SECONDS
        if still >= STALL_SECONDS:
            child.kill()
            return


def _cpu_ticks(pid: int) -> int | None:
    """User and system time the process has used, in clock ticks (/proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rpartition(")")[2].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None
