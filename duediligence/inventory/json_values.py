"""JSON values as cells and as words in a message, for every reader of JSON documents."""

from __future__ import annotations

import json
from typing import Any

from duediligence.inventory.cells import cell_text


def json_text(value: Any) -> str:
    """A JSON value as a cell: a list or object stays JSON, compact, so nothing is lost."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""
    return cell_text(value)


def json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"
