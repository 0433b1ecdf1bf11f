"""From a path to Assets: pick the reader by file type, map columns, build one Asset per row."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from duediligence.assets import Asset, Field, Location
from duediligence.errors import InputError
from duediligence.inventory.columns import (
    IDENTIFYING,
    ColumnMap,
    map_columns,
    recognised,
    unique_headers,
)
from duediligence.inventory.csv import read_csv
from duediligence.inventory.interface import Table
from duediligence.inventory.xlsx import read_xlsx

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SUPPORTED = CSV_SUFFIXES + XLSX_SUFFIXES


@dataclass
class Inventory:
    """An opened inventory: where it is, how its columns map, and its assets (streamed)."""

    table: Table
    columns: ColumnMap

    @property
    def warnings(self) -> list[str]:
        return self.table.warnings

    def assets(self) -> Iterator[Asset]:
        path, sheet = self.table.path, self.table.sheet
        header, fields = self.columns.header, self.columns.fields
        for number, cells in self.table.rows:
            if any(c.strip() for c in cells):
                yield Asset.from_cells(Location(path, number, sheet), header, fields, cells)


def _looks_like_header(cells: list[str]) -> bool:
    return any(f in IDENTIFYING for f in recognised(cells))


def expand(paths: list[Path]) -> list[Path]:
    """Files to read: each file as given, and every supported file under a directory."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED)
            if not found:
                raise InputError(
                    "no inventory files in this directory (expected " + ", ".join(SUPPORTED) + ")",
                    str(path),
                )
            out.extend(found)
        else:
            out.append(path)
    return out


def open_inventory(path: Path, overrides: dict[Field, str] | None = None) -> Inventory:
    """Open one file; raises InputError naming the file when it cannot be read or understood."""
    display = str(path)
    if not path.exists():
        raise InputError("file not found", display)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        table = read_csv(path, display)
    elif suffix in XLSX_SUFFIXES:
        table = read_xlsx(path, display, _looks_like_header)
    else:
        raise InputError(
            f"unsupported file type {suffix or '(none)'!r}: expected one of "
            + ", ".join(SUPPORTED),
            display,
        )
    header, warnings = unique_headers(table.header)
    table.header = header
    where = display if table.sheet is None else f"{display}, sheet {table.sheet!r}"
    table.warnings.extend(f"{where}: {w}" for w in warnings)
    try:
        columns = map_columns(header, overrides or {}, where)
    except InputError:
        table.rows.close()
        raise
    table.warnings.extend(f"{where}: {g}" for g in columns.guesses())
    return Inventory(table, columns)
