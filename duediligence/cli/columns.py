"""`duediligence columns`: which column each field would be read from, and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import EncodingOpt, MapsOpt, RulesOpt, SheetOpt, parse_maps
from duediligence.report.interface import ViewFormat


@reports_errors
def columns(
    paths: Annotated[list[Path], typer.Argument(help="Inventory files, folders, or - for stdin.")],
    maps: MapsOpt = None,
    sheet: SheetOpt = None,
    rules: RulesOpt = None,
    encoding: EncodingOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """Show the column mapping a scan would use, and why: by header and by content."""
    found: list[dict[str, Any]] = []
    for inventory in api.columns(
        paths, parse_maps(maps), sheet, rules=rules or (), encoding=encoding
    ):
        table, cmap = inventory.table, inventory.columns
        used = set(cmap.fields.values())
        found.append(
            {
                "source": table.path,
                "sheet": table.sheet,
                "header_row": table.header_row,
                "fields": {
                    f.value: {
                        "column": cmap.header[i],
                        "why": cmap.reasons[f],
                        "confidence": cmap.confidence.get(f),
                    }
                    for f, i in sorted(cmap.fields.items(), key=lambda kv: kv[1])
                },
                "kept_as_is": [h for i, h in enumerate(cmap.header) if i not in used],
                "warnings": list(table.warnings),
            }
        )
    if format is ViewFormat.JSON:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    for f in found:
        sheet = f" sheet {f['sheet']!r}," if f["sheet"] else ""
        header = (
            f"header in row {f['header_row']}"
            if f["header_row"]
            else "columns from the records' field names"
        )
        out.print(f"{f['source']}:{sheet} {header}", markup=False)
        for name, m in f["fields"].items():
            sure = "" if m["confidence"] is None else f" (confidence {m['confidence']:.2f})"
            out.print(f"  {name:<12} <- {m['column']!r}: {m['why']}{sure}", markup=False)
        if f["kept_as_is"]:
            kept = ", ".join(repr(h) for h in f["kept_as_is"])
            out.print(f"  kept as is (passed through to reports): {kept}", markup=False)
        for w in f["warnings"]:
            out.print(f"  warning: {w}", markup=False)
