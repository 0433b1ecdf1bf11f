"""Project settings: `[tool.duediligence]` in pyproject.toml, or a duediligence.toml.

A repository that keeps its asset lists states once how they are scanned (profile, rule
packs, threshold, waivers, baseline, column names), and every run, local or in CI, uses the
same settings; a flag on the command line overrides its setting. The file is looked for in
the working directory and its parents, up to the repository root; in each directory a
duediligence.toml wins over pyproject.toml, and a pyproject.toml without the table is passed
over. Paths in the file are relative to the file. An unknown key is an error, never ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from duediligence.errors import UsageError
from duediligence.pack.loader import format_loc
from duediligence.pack.schema import Invalid, validate
from duediligence.results.findings import Severity

OWN_FILE = "duediligence.toml"
PYPROJECT = "pyproject.toml"


def _hyphenated(name: str) -> str:
    return name.replace("_", "-")


@dataclass(frozen=True, kw_only=True)
class _Settings:
    """The table as written: validated by pydantic, imported only when there is a file."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "alias_generator": _hyphenated,
        "populate_by_name": True,
    }

    profile: str | None = None
    inputs: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    fail_on: Severity | None = None
    waivers: str | None = None
    baseline: str | None = None
    map: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """Settings as read, paths resolved against the file; `source` names the file (None: no
    file was found, every setting is unset)."""

    source: str | None = None
    profile: str | None = None
    profile_at: str | None = None
    """Where the profile is set, as `file:line`, for the error when the pack lacks it."""
    inputs: tuple[Path, ...] = ()
    """What `scan` reads when given no paths."""
    rules: tuple[Path, ...] = ()
    fail_on: Severity | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None


def find(start: Path) -> Path | None:
    """The nearest settings file at or above `start`, not past the repository root."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / OWN_FILE
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load(path: Path | None = None, start: Path | None = None) -> Config:
    """The settings in `path`, or in the file `find` finds from `start` (default: the working
    directory); an empty Config when there is none."""
    if path is None:
        path = find(start or Path.cwd())
        if path is None:
            return Config()
    elif not path.is_file():
        raise UsageError("settings file not found", str(path))
    table = _table(path) if path.name == PYPROJECT else _read(path)
    label = f"{path} [tool.duediligence]" if path.name == PYPROJECT else str(path)
    try:
        s = validate(_Settings, table or {})
    except Invalid as exc:
        problems = [f"{format_loc(loc)}: {msg}" for loc, msg in exc.problems]
        raise UsageError("invalid settings:\n  " + "\n  ".join(problems), label) from None
    base = path.parent
    return Config(
        source=label,
        profile=s.profile,
        profile_at=_where(path, "profile") if s.profile else None,
        inputs=tuple(base / i for i in s.inputs),
        rules=tuple(base / r for r in s.rules),
        fail_on=s.fail_on,
        waivers=base / s.waivers if s.waivers else None,
        baseline=base / s.baseline if s.baseline else None,
        column_map=dict(s.map),
        sheet=s.sheet,
    )


def _where(path: Path, key: str) -> str:
    """`file:line` of the line setting `key` in the settings table (tomllib keeps no lines):
    in a duediligence.toml before any table header, in a pyproject.toml inside
    [tool.duediligence]."""
    inside = path.name != PYPROJECT
    setting = re.compile(rf"""^\s*(?:{re.escape(key)}|["']{re.escape(key)}["'])\s*=""")
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        header = _HEADER.match(line)
        if header:
            inside = header.group(1).replace(" ", "") == "tool.duediligence"
        elif inside and setting.match(line):
            return f"{path}:{number}"
    return str(path)


_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # a run without a settings file, most runs, does without it

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"not valid TOML: {exc}", str(path)) from None
    except OSError as exc:
        raise UsageError(f"cannot read the settings: {exc.strerror or exc}", str(path)) from None


def _table(pyproject: Path) -> dict[str, Any] | None:
    tool = _read(pyproject).get("tool", {})
    table = tool.get("duediligence") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None
