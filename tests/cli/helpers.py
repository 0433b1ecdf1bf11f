"""Run the real CLI in-process and see what a user sees."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from duediligence.cli.app import app


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run(*args: str) -> Run:
    result = CliRunner().invoke(app, list(args))
    return Run(result.exit_code, result.stdout, result.stderr)
