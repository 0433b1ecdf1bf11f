"""From a path to Assets: pick the reader by file type, map columns, build one Asset per row."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from duediligence.assets import Asset, DateOrder, Field, Location
from duediligence.errors import InputError
from duediligence.inventory.blocks import CsvBlocks
from duediligence.inventory.columns import (
    IDENTIFYING,
    ColumnMap,
    map_columns,
    recognised,
    unique_headers,
)
from duediligence.inventory.csv import read_csv
from duediligence.inventory.dates import DATED, decide, read_ahead
from duediligence.inventory.encodings import given
from duediligence.inventory.interface import Table
from duediligence.inventory.records import read_records
from duediligence.inventory.xlsx import read_xlsx

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")
SUPPORTED = CSV_SUFFIXES + XLSX_SUFFIXES + RECORD_SUFFIXES


@dataclass
class Inventory:
    """An opened inventory: where it is, how its columns map, and its assets (streamed)."""

    table: Table
    columns: ColumnMap
    dates: dict[Field, DateOrder] = field(default_factory=dict)
    """How each date column orders day and month, decided once from its first values."""

    @property
    def warnings(self) -> list[str]:
        return self.table.warnings

    def assets(self) -> Iterator[Asset]:
        path, sheet = self.table.path, self.table.sheet
        header, fields, dates = self.columns.header, self.columns.fields, self.dates
        for number, cells in self.table.rows:
            if any(c.strip() for c in cells):
                yield Asset.from_cells(Location(path, number, sheet), header, fields, cells, dates)


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


def open_inventories(
    path: Path,
    overrides: dict[Field, str] | None = None,
    sheet: str | None = None,
    display: str | None = None,
    encoding: str | None = None,
) -> list[Inventory]:
    """Open one file: a table per CSV or JSON file, one per sheet of a workbook with a header.

    Raises InputError naming the file (and sheet) when it cannot be read or understood.
    `display` names the file in messages when it is not its path (stdin). `encoding`
    (`--encoding`) overrides the guessed encoding of a text file (CSV, TSV); UsageError
    when Python has no codec by that name.
    """
    given_encoding = given(encoding) if encoding is not None else None
    display = display or str(path)
    if not path.exists():
        raise InputError("file not found", display)
    suffix = path.suffix.lower()
    if sheet is not None and suffix not in XLSX_SUFFIXES:
        raise InputError(f"--sheet {sheet!r}: only workbooks have sheets", display)
    book_warnings: list[str] = []
    if suffix in CSV_SUFFIXES:
        tables = [read_csv(path, display, given_encoding)]
    elif suffix in XLSX_SUFFIXES:
        tables, book_warnings = read_xlsx(path, display, _looks_like_header, sheet)
    elif suffix in RECORD_SUFFIXES:
        tables = [read_records(path, display)]
    else:
        raise InputError(
            f"unsupported file type {suffix or '(none)'!r}: expected one of "
            + ", ".join(SUPPORTED),
            display,
        )
    try:
        inventories = [_mapped(table, overrides or {}) for table in tables]
    except InputError:
        for table in tables:
            table.rows.close()
        raise
    inventories[0].table.warnings[:0] = book_warnings
    return inventories


def open_inventory(path: Path, overrides: dict[Field, str] | None = None) -> Inventory:
    """The first table of a file (every table: `open_inventories`)."""
    first, *rest = open_inventories(path, overrides)
    for inventory in rest:
        inventory.table.rows.close()
    return first


def _mapped(table: Table, overrides: dict[Field, str]) -> Inventory:
    header, warnings = unique_headers(table.header)
    table.header = header
    where = table.path if table.sheet is None else f"{table.path}, sheet {table.sheet!r}"
    table.warnings.extend(f"{where}: {w}" for w in warnings)
    columns = map_columns(header, overrides, where)
    table.warnings.extend(f"{where}: {g}" for g in columns.guesses())
    return Inventory(table, columns, _date_orders(table, columns, where))


def _date_orders(table: Table, columns: ColumnMap, where: str) -> dict[Field, DateOrder]:
    """Each date column's order, from the rows read ahead of the scan (inventory/dates.py).

    A large sheet read in blocks takes its rows from the workbook reader a block at a time,
    past any row read ahead, so it is not read ahead: its dates of numbers alone stay unread,
    as before (most such sheets hold date cells, read as dates whatever their format).
    """
    indexes = {f: columns.fields[f] for f in DATED if f in columns.fields}
    if not indexes or not (table.blocks is None or isinstance(table.blocks, CsvBlocks)):
        return {}
    table.rows, values = read_ahead(table.rows, indexes)
    orders, warnings = decide({f: (columns.header[i], values[f]) for f, i in indexes.items()})
    table.warnings.extend(f"{where}: {w}" for w in warnings)
    return orders
