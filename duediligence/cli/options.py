"""Options shared by several commands, declared once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from duediligence.errors import UsageError

RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        help="A rule pack directory layered over the bundled one (repeatable; later wins).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge measures and relationships as on this date (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]
MapsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="Use COLUMN for FIELD, e.g. --map make=Brand, or in one sheet only,"
        " --map Radios:make=Kit (repeatable).",
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help="Read only this sheet of each workbook (hidden ones too). Default: every visible"
        " sheet that holds equipment (a header row naming a known column, or columns of"
        " makers, model numbers or MACs).",
        show_default=False,
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="Read CSV and TSV inputs in this encoding (utf-8, gb18030, cp932, cp949, big5,"
        " cp1252, ...) instead of the one guessed from their bytes.",
        show_default=False,
    ),
]
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        help="Who is asking: us-federal, uk-public-sector, tw-government, ... (`duediligence"
        " rules list --profiles`). Default: the settings' profile, else none: measures are"
        " shown with where they bind, and only the due-diligence risks count.",
        show_default=False,
    ),
]


def parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r}: expected a date as YYYY-MM-DD") from None


def parse_maps(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise UsageError(
                f"--map {item!r}: expected FIELD=COLUMN or SHEET:FIELD=COLUMN, e.g. --map"
                " make=Brand"
            )
        out[field.strip()] = column.strip()
    return out
