"""From a path to Assets: pick the reader by file type, map columns, build one Asset per row.

The readers of workbooks, JSON records and nmap XML are imported where the dispatch picks
them, not with this module: a CSV scan, the common case, then never loads python-calamine,
the workbook checks or the XML parsers (start-up, docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from duediligence.errors import InputError, UsageError
from duediligence.inventory.arp_scan import is_arp_scan, read_arp_scan
from duediligence.inventory.batches import batches
from duediligence.inventory.blocks import CsvBlocks
from duediligence.inventory.columns import (
    IDENTIFYING,
    ColumnMap,
    header_key,
    map_columns,
    recognised,
    unique_headers,
)
from duediligence.inventory.content import (
    ContentProbe,
    PeekedBlocks,
    column_values,
    profile_values,
    sample,
)
from duediligence.inventory.csv import read_csv
from duediligence.inventory.dates import DATED, decide, read_ahead
from duediligence.inventory.encodings import given
from duediligence.inventory.formats import (
    CSV_SUFFIXES,
    RECORD_SUFFIXES,
    SUPPORTED,
    WORKBOOK_SUFFIXES,
    XML_SUFFIXES,
)
from duediligence.inventory.interface import Table
from duediligence.inventory.roles import content_fields
from duediligence.results.assets import Asset, DateOrder, Field, Location

if TYPE_CHECKING:
    from duediligence.inventory.xlsx import Holds


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
        """One Asset per row that holds anything, read as the scan reads them (batches.py),
        for callers that want rows rather than a report (the `columns` command)."""
        path, sheet = self.table.path, self.table.sheet
        header, fields, dates = self.columns.header, self.columns.fields, self.dates
        for batch in batches(self.table):
            numbers = batch.numbers.to_pylist()
            columns = [column.to_pylist() for column in batch.cells.columns]
            for number, cells in zip(numbers, zip(*columns, strict=True), strict=True):
                if any(c.strip() for c in cells):
                    location = Location(path, number, sheet)
                    yield Asset.from_cells(location, header, fields, cells, dates)


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
                and (p.suffix.lower() not in XML_SUFFIXES or _is_nmap(p))
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


def _is_nmap(path: Path) -> bool:
    from duediligence.inventory.nmap import is_nmap

    return is_nmap(path)


SheetMaps = dict[str, dict[Field, str]]
"""`--map SHEET:FIELD=COLUMN`: overrides for one sheet, keyed by its name casefolded (Excel
treats sheet names without regard to case)."""


def parse_column_map(column_map: Mapping[str, str]) -> tuple[dict[Field, str], SheetMaps]:
    """`{"make": "Brand"}` for every table and `{"Radios:make": "Kit"}` for sheet Radios
    alone: the overrides for all tables, and each sheet's (keyed by its name casefolded).

    Raises UsageError for an unknown field or an empty sheet name.
    """
    out: dict[Field, str] = {}
    sheets: SheetMaps = {}
    for name, column in column_map.items():
        sheet, sep, bare = name.rpartition(":")
        try:
            f = Field(bare.strip())
        except ValueError:
            raise UsageError(
                f"--map {name}={column}: unknown field {bare.strip()!r}; fields are "
                + ", ".join(f.value for f in Field)
            ) from None
        if sep and not sheet.strip():
            raise UsageError(f"--map {name}={column}: expected SHEET:FIELD=COLUMN")
        if sep:
            sheets.setdefault(sheet.strip().casefold(), {})[f] = column
        else:
            out[f] = column
    return out, sheets


def open_inventories(
    path: Path,
    overrides: dict[Field, str] | None = None,
    sheet: str | None = None,
    display: str | None = None,
    probe: ContentProbe | None = None,
    sheet_maps: SheetMaps | None = None,
    strict: bool = True,
    seen: set[str] | None = None,
    encoding: str | None = None,
    idle: Callable[[], object] | None = None,
) -> list[Inventory]:
    """Open one file: a table per CSV or JSON file, one per sheet of a workbook that holds
    equipment (a header row naming a known column, or columns of makers, model numbers or
    MACs by content).

    `probe` tells the mapping which values name makers or are model numbers (without it,
    only MACs, dates and ids are told by content). `sheet_maps` apply to their sheet only, on
    top of `overrides`; a sheet one names is read whatever its header. Not `strict`, a table
    no column identifies is opened all the same (a report re-reading what a scan read).
    `seen` receives the name of every sheet of a workbook; `idle` is called at most once,
    while a child process loads a large sheet and this one would only wait
    (xlsx.SheetLoader).
    Raises InputError naming the file (and sheet) when it cannot be read or understood.
    `display` names the file in messages when it is not its path (stdin). `encoding`
    (`--encoding`) overrides the guessed encoding of a text file (CSV, TSV); UsageError
    when Python has no codec by that name.
    """
    given_encoding = given(encoding) if encoding is not None else None
    display = display or str(path)
    sheet_maps = sheet_maps or {}
    if not path.exists():
        raise InputError("file not found", display)
    suffix = path.suffix.lower()
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise InputError(f"--sheet {sheet!r}: only workbooks have sheets", display)
    book_warnings: list[str] = []
    if suffix in CSV_SUFFIXES:
        tables = [
            read_arp_scan(path, display)
            if is_arp_scan(path)
            else read_csv(path, display, given_encoding)
        ]
    elif suffix in WORKBOOK_SUFFIXES:
        from duediligence.inventory.xlsx import read_xlsx

        holds = _holds(probe, sheet_maps, read_anyway=not strict)
        tables, book_warnings = read_xlsx(
            path, display, _looks_like_header, sheet, holds, seen, idle
        )
    elif suffix in RECORD_SUFFIXES:
        from duediligence.inventory.records import read_records

        tables = [read_records(path, display)]
    elif suffix in XML_SUFFIXES:
        from duediligence.inventory.nmap import is_nmap, read_nmap

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
        inventories = [
            _mapped(table, _for_sheet(table, overrides or {}, sheet_maps), probe, strict)
            for table in tables
        ]
    except InputError:
        for table in tables:
            table.rows.close()
        raise
    inventories[0].table.warnings[:0] = book_warnings
    return inventories


def _for_sheet(
    table: Table, overrides: dict[Field, str], sheet_maps: SheetMaps
) -> dict[Field, str]:
    if table.sheet is None:
        return overrides
    return overrides | sheet_maps.get(table.sheet.casefold(), {})


def _holds(probe: ContentProbe | None, sheet_maps: SheetMaps, read_anyway: bool) -> Holds:
    """A sheet no header row names is read when `--map` names it (the header is the first row
    holding a column the map names, else `_widest_first`) or when, under its header row
    (`_widest_first`), a column holds makers, model numbers or MACs by content."""

    def holds(name: str, rows: list[list[str]]) -> int | None:
        mapped = {header_key(c) for c in sheet_maps.get(name.casefold(), {}).values()}
        for i, row in enumerate(rows):
            if mapped and mapped & {header_key(c) for c in row}:
                return i
        first = _widest_first(rows)
        if first is None or read_anyway or mapped:
            return first  # a sheet --map names is read, so a column it lacks is an error
        width = len(rows[first])
        below = list(enumerate(rows[first + 1 :]))
        profiles = [profile_values(v, n, probe) for v, n in column_values(below, width)]
        return first if any(content_fields(p)[0] for p in profiles) else None

    return holds


def _widest_first(rows: list[list[str]]) -> int | None:
    """The header of a sheet no row names: the first row filling at least two thirds as many
    cells as the fullest row, so a title above it ("Estate register, 2024") is passed over."""
    filled = [sum(1 for c in row if c) for row in rows]
    widest = max(filled, default=0)
    if widest == 0:
        return None
    return next(i for i, n in enumerate(filled) if n and 3 * n >= 2 * widest)


def open_inventory(path: Path, overrides: dict[Field, str] | None = None) -> Inventory:
    """The first table of a file (every table: `open_inventories`)."""
    first, *rest = open_inventories(path, overrides)
    for inventory in rest:
        inventory.table.rows.close()
    return first


def _mapped(
    table: Table, overrides: dict[Field, str], probe: ContentProbe | None, strict: bool
) -> Inventory:
    header, warnings = unique_headers(table.header)
    table.header = header
    where = table.path if table.sheet is None else f"{table.path}, sheet {table.sheet!r}"
    table.warnings.extend(f"{where}: {w}" for w in warnings)
    profiles = [profile_values(v, n, probe) for v, n in sample(table, len(header))]
    columns = map_columns(header, overrides, where, profiles, strict)
    table.warnings.extend(f"{where}: {g}" for g in columns.guesses())
    return Inventory(table, columns, _date_orders(table, columns, where))


def _date_orders(table: Table, columns: ColumnMap, where: str) -> dict[Field, DateOrder]:
    """Each date column's order, from the rows read ahead of the scan (inventory/dates.py).

    A large sheet read in blocks takes its rows from the workbook reader a block at a time,
    past any row read ahead, so it is not read ahead: its dates of numbers alone stay unread,
    as before (most such sheets hold date cells, read as dates whatever their format).
    """
    indexes = {f: columns.fields[f] for f in DATED if f in columns.fields}
    blocks = table.blocks.inner if isinstance(table.blocks, PeekedBlocks) else table.blocks
    if not indexes or not (blocks is None or isinstance(blocks, CsvBlocks)):
        return {}
    table.rows, values = read_ahead(table.rows, indexes)
    orders, warnings = decide({f: (columns.header[i], values[f]) for f, i in indexes.items()})
    table.warnings.extend(f"{where}: {w}" for w in warnings)
    return orders
