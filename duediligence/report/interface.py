"""The formats a Report can be written in, as a registry proven complete by a test."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from io import StringIO
from typing import TextIO

from duediligence.findings import InputTable, Report


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    XLSX = "xlsx"
    HTML = "html"

    @property
    def binary(self) -> bool:
        """A workbook is bytes: its renderer writes to the text stream's `.buffer`."""
        return self is Format.XLSX


class ViewFormat(StrEnum):
    """How commands that show one thing (a mapping, an attribution) print it."""

    TABLE = "table"
    JSON = "json"


RowSource = Callable[[InputTable], Generator[tuple[int, Sequence[str]], None, None] | None]
"""Every row beneath a table's header, read again from its input and numbered as the report
numbers rows; None when the input cannot be read again (standard input)."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the reader will see the text: a terminal's width and whether it shows colour.

    `rows` gives the rows a report does not hold (it keeps flagged rows only) to the formats
    that copy whole tables (the workbook). Reporters may not read inventories, so whoever may
    (the CLI) passes it; without it those formats copy the flagged rows only and say so.
    """

    width: int = 120
    color: bool = False
    rows: RowSource | None = None


Renderer = Callable[[Report, RenderOptions, TextIO], None]
"""Writes a report to a stream: a large report is never held as one string."""


def formats() -> dict[Format, Renderer]:
    """Format -> renderer, each imported only when used: `json` output never loads rich."""
    return {f: _lazy(f.value) for f in Format}


def _lazy(module: str) -> Renderer:
    def write(report: Report, options: RenderOptions, out: TextIO) -> None:
        renderer: Renderer = import_module(f"duediligence.report.{module}").write
        renderer(report, options, out)

    return write


def render(fmt: Format, report: Report, options: RenderOptions | None = None) -> str:
    """The report as one string, for small reports, tests and notebooks."""
    out = StringIO()
    formats()[fmt](report, options or RenderOptions(), out)
    return out.getvalue()
