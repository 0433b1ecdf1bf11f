"""The command's process ends as `sys.exit` would end it, without taking apart what it built
(cli/process.py): each case runs in a fresh interpreter, since it ends that interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.csv"


def _ended(body: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", f"from duediligence.cli.process import leave\n{body}"],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [
        pytest.param("None", 0, "", id="none-is-success"),
        pytest.param("0", 0, "", id="zero"),
        pytest.param("1", 1, "", id="findings"),
        pytest.param("2", 2, "", id="an-error"),
        pytest.param("'went wrong'", 1, "went wrong\n", id="a-message-is-printed-and-fails"),
    ],
)
def test_the_status_is_what_sys_exit_gives(code: str, status: int, stderr: str) -> None:
    done = _ended(f"leave({code})")
    assert (done.returncode, done.stderr) == (status, stderr)


def test_what_is_owed_at_exit_still_happens() -> None:
    """Buffered output is flushed, atexit functions run (their output too), and logging's
    handlers are flushed."""
    done = _ended(
        "import atexit, logging, sys\n"
        "logging.basicConfig(stream=sys.stderr, format='%(message)s')\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "sys.stdout.write('x' * 200_000)\n"
        "logging.warning('logged')\n"
        "leave(1)"
    )
    assert done.returncode == 1
    assert done.stdout == "x" * 200_000 + "atexit ran\n"
    assert done.stderr == "logged\n"


def test_a_scan_s_report_on_stdout_arrives_whole() -> None:
    """The console script ends through `leave`: a JSON report written to a pipe is complete,
    and the exit status says there are findings."""
    done = subprocess.run(
        [sys.executable, "-m", "duediligence", "scan", str(EXAMPLE), "-p", "global"]
        + ["--as-of", "2026-11-23", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["assets"] > 0


def test_what_the_run_built_is_left_to_the_system() -> None:
    """No object is taken apart at the end (the 50-60 ms a 100k-row scan would spend)."""
    done = _ended(
        "class Built:\n"
        "    def __del__(self):\n"
        "        print('taken apart')\n"
        "kept = Built()\n"
        "leave(0)"
    )
    assert (done.returncode, done.stdout) == (0, "")


def test_a_profiler_still_gets_to_write_its_results(tmp_path: Path) -> None:
    """cProfile (a tracer, a coverage tool) writes as the interpreter ends: the usual exit."""
    stats = tmp_path / "scan.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "duediligence", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.startswith("duediligence ")
    assert stats.stat().st_size > 0
