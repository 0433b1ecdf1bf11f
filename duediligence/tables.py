"""Every row of a table a scan read, read again, for the formats that copy whole tables.

A report keeps only its flagged rows; the workbook report copies every row with its verdict.
Reporters may not read inventories, so the CLI builds this reader and passes it in
`RenderOptions.rows`.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from pathlib import Path

from duediligence.assets import Field
from duediligence.errors import InputError
from duediligence.findings import InputTable
from duediligence.inventory.read import open_inventories
from duediligence.inventory.stdin import DISPLAY
from duediligence.report.interface import RowSource

Rows = Generator[tuple[int, list[str]], None, None]


def rows_reader(column_map: Mapping[str, str] | None = None) -> RowSource:
    """A reader of the tables a scan with this `--map` read.

    Standard input was read once and is gone: its tables give None. A file is opened only
    when its rows are first asked for, so a report of many files holds one open at a time.
    """
    overrides = {Field(name): column for name, column in (column_map or {}).items()}

    def rows(table: InputTable) -> Rows | None:
        if table.source == DISPLAY:
            return None
        return _reread(table, overrides)

    return rows


def _reread(table: InputTable, overrides: dict[Field, str]) -> Rows:
    """The table's rows as the scan read them; refuses a file that changed since, whose rows
    would no longer be the ones the report judged."""
    inventories = open_inventories(Path(table.source), overrides, table.sheet, table.source)
    first = inventories[0]
    for other in inventories[1:]:
        other.table.rows.close()
    rows = first.table.rows
    header = tuple(first.columns.header)
    try:
        if first.table.header_row != table.header_row or header != table.columns[: len(header)]:
            where = (
                table.source if table.sheet is None else f"{table.source}, sheet {table.sheet!r}"
            )
            raise InputError("changed since it was scanned: scan it again", where)
        yield from rows
    finally:
        rows.close()
