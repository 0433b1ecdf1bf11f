"""The formats a Report can be written in, as a registry proven complete by a test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from duediligence.findings import Report


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the reader will see the text: a terminal's width and whether it shows colour."""

    width: int = 120
    color: bool = False


Renderer = Callable[[Report, RenderOptions], str]


def formats() -> dict[Format, Renderer]:
    """Format -> renderer. Imported lazily so `json` output never loads the table's rich."""
    from duediligence.report import json, table

    return {Format.TABLE: table.render, Format.JSON: json.render}
