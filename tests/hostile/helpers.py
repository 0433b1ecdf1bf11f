"""Run a scan on a hostile file and check what every such run must guarantee.

Files that could cost real time or memory if a guard regressed (a zip bomb, entity
expansion, deep nesting, a huge cell) are scanned in a child process limited to 1 GiB of
address space and 60 seconds, so a regression fails the test instead of taking the machine
down. The rest run in-process, through the same CLI.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.cli.helpers import run

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 1 << 30
"""A scan of the benchmark's 100,000-row workbook peaks at ~310 MB resident; 1 GiB of address
space leaves room for the interpreter, pyarrow and the reader, and none for a bomb."""
TIMEOUT = 60


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def scan_isolated(
    *args: str, folder: Path, stdin: bytes | None = None, timeout: float = TIMEOUT
) -> Outcome:
    """`python -m duediligence scan ARGS` in a child process with bounded memory and time.

    It runs in `folder` (a test's own, with no settings file to find) with the checkout
    first on its path, as the in-process runner sees it.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "duediligence", "scan", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=limit_memory,
        cwd=folder,
        env=env,
        check=False,
    )
    return Outcome(done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace"))


def scan_in_process(*args: str, stdin: bytes | None = None) -> Outcome:
    r = run("scan", *args, stdin=stdin)
    return Outcome(r.code, r.stdout, r.stderr)


def check_refused(
    path: Path, *needles: str, isolated: bool = False, timeout: float = TIMEOUT
) -> str:
    """Scan `path` to a JSON report in a folder of its own and check the refusal: one line
    naming the file, the file's bytes unchanged, no report and no temporary file anywhere."""
    folder = path.parent
    out = folder / "out"
    out.mkdir()
    report = out / "report.json"
    before, files = digest(path), listing(folder)
    args = (str(path), "--format", "json", "--output", str(report))
    outcome = (
        scan_isolated(*args, folder=folder, timeout=timeout) if isolated else scan_in_process(*args)
    )
    line = assert_one_error(outcome, str(path), *needles)
    assert digest(path) == before
    assert listing(folder) == files
    return line


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_one_error(outcome: Outcome, named: str, *needles: str) -> str:
    """Exit 2 and exactly one line on stderr, naming the file first, then what is wrong."""
    assert outcome.code == 2, outcome
    assert "Traceback" not in outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr[:2000]
    (line,) = lines
    assert line.startswith(f"duediligence: error: {named}: "), line
    for needle in needles:
        assert needle in line, (needle, line)
    return line
