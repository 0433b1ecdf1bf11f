"""The formats a Report can be written in, as a registry proven complete by a test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from io import StringIO
from typing import TextIO

from duediligence.findings import Report


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the reader will see the text: a terminal's width and whether it shows colour."""

    width: int = 120
    color: bool = False


Renderer = Callable[[Report, RenderOptions, TextIO], None]
"""Writes a report to a stream: a large report is never held as one string."""


def formats() -> dict[Format, Renderer]:
    """Format -> renderer. Imported lazily so `json` output never loads the table's rich."""
    from duediligence.report import json, table

    return {Format.TABLE: table.write, Format.JSON: json.write}


def render(fmt: Format, report: Report, options: RenderOptions | None = None) -> str:
    """The report as one string, for small reports, tests and notebooks."""
    out = StringIO()
    formats()[fmt](report, options or RenderOptions(), out)
    return out.getvalue()
