"""Excel workbooks, read with python-calamine: the first sheet that has a header row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from duediligence.errors import InputError
from duediligence.inventory.interface import Table, cell_text

HEADER_SEARCH_ROWS = 30


def read_xlsx(path: Path, display: str, is_header: Callable[[list[str]], bool]) -> Table:
    """The first visible sheet with a header row among its first HEADER_SEARCH_ROWS rows.

    `is_header` says whether a row looks like a header (it names a known column), so a
    title block above the table is passed over.
    """
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(f"not a readable workbook: {exc}", display) from exc
    except Exception as exc:  # calamine raises its own types for zip and XML faults
        raise InputError(f"not a readable workbook: {exc}", display) from exc
    looked: list[str] = []
    for name in book.sheet_names:
        try:
            rows = iter(book.get_sheet_by_name(name).iter_rows())
        except Exception as exc:
            raise InputError(f"sheet {name!r} cannot be read: {exc}", display) from exc
        numbered = ((i, [cell_text(v) for v in row]) for i, row in enumerate(rows, start=1))
        for number, cells in numbered:
            if number > HEADER_SEARCH_ROWS:
                break
            if any(cells) and is_header(cells):
                return Table(display, name, _trim(cells), number, numbered)
        looked.append(name)
    raise InputError(
        "no sheet has a header row naming a known column (Make, Manufacturer, Model, MAC, ...)"
        f" in its first {HEADER_SEARCH_ROWS} rows; sheets looked at: "
        + ", ".join(repr(s) for s in looked),
        display,
    )


def _trim(header: list[str]) -> list[str]:
    while header and not header[-1]:
        header = header[:-1]
    return header
