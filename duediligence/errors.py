"""Errors that stop a whole input or a whole run; each carries its exit code and location.

A row that cannot be judged is not an error: it becomes a `Skip` in the report.
"""

from __future__ import annotations


class DueDiligenceError(Exception):
    """Base error: `location` names the file (and sheet, row, column) a person must look at."""

    exit_code = 2

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(DueDiligenceError):
    """An inventory file cannot be read or understood."""


class UsageError(DueDiligenceError):
    """Options that cannot work together or name something that does not exist."""


class PackError(DueDiligenceError):
    """A rule pack is invalid; `problems` holds every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"invalid rule pack ({count} problem{'s' if count != 1 else ''}):\n  "
            + "\n  ".join(problems)
        )
