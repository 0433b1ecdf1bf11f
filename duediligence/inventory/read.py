"""From a path to Assets: pick the reader by file type, map columns, build one Asset per row."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from duediligence.assets import Asset, Field, Location
from duediligence.errors import InputError
from duediligence.inventory.arp_scan import is_arp_scan, read_arp_scan
from duediligence.inventory.books import WORKBOOK_SUFFIXES
from duediligence.inventory.columns import (
    IDENTIFYING,
    ColumnMap,
    map_columns,
    recognised,
    unique_headers,
)
from duediligence.inventory.csv import read_csv
from duediligence.inventory.interface import Table
from duediligence.inventory.nmap import is_nmap, read_nmap
from duediligence.inventory.records import read_records
from duediligence.inventory.xlsx import read_xlsx

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
"""Text tables, and arp-scan's output (told apart by content: arp_scan.py)."""
RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")
XML_SUFFIXES = (".xml",)
"""nmap's -oX output, the one XML read (told by content: nmap.py)."""
SUPPORTED = CSV_SUFFIXES + WORKBOOK_SUFFIXES + RECORD_SUFFIXES + XML_SUFFIXES


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
    """Files to read: each file as given, and every supported file under a directory (an
    .xml file only when it is nmap's: a folder of registers may hold other XML)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUPPORTED
                and (p.suffix.lower() not in XML_SUFFIXES or is_nmap(p))
            )
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
) -> list[Inventory]:
    """Open one file: a table per CSV or JSON file, one per sheet of a workbook with a header.

    Raises InputError naming the file (and sheet) when it cannot be read or understood.
    `display` names the file in messages when it is not its path (stdin).
    """
    display = display or str(path)
    if not path.exists():
        raise InputError("file not found", display)
    suffix = path.suffix.lower()
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise InputError(f"--sheet {sheet!r}: only workbooks have sheets", display)
    book_warnings: list[str] = []
    if suffix in CSV_SUFFIXES:
        tables = [read_arp_scan(path, display) if is_arp_scan(path) else read_csv(path, display)]
    elif suffix in WORKBOOK_SUFFIXES:
        tables, book_warnings = read_xlsx(path, display, _looks_like_header, sheet)
    elif suffix in RECORD_SUFFIXES:
        tables = [read_records(path, display)]
    elif suffix in XML_SUFFIXES:
        if not is_nmap(path):
            raise InputError(
                "an XML file that is not nmap's -oX output (no <nmaprun> element), the one"
                " XML format read",
                display,
            )
        tables = [read_nmap(path, display)]
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
    return Inventory(table, columns)
