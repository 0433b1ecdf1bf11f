"""Workbook cells that their content cannot turn into a formula, an error value or a broken file.

Inventory cells are typed by whoever filled in the register, and a spreadsheet acts on what
it is given: text that begins with `=` is stored as a formula by openpyxl, and Excel (or a
CSV exported from the workbook) evaluates text beginning with `+`, `-` or `@` once a person
edits the cell; a tab or carriage return in front hides such text from a reader's eye.
`"#N/A"` would become an error value. So every value a writer puts in a workbook, from the
register or from the rule pack, goes through `cell`: such text is stored as a text cell with
Excel's quote prefix (the `'` that keeps it text when edited), its characters unchanged.

Excel also refuses characters XML 1.0 cannot hold and text longer than 32,767 UTF-16 units in
a cell; the first are dropped and the second cut short with a marker saying so.
"""

from __future__ import annotations

import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_CHARS = 32_767
"""Excel's limit on the text of one cell, in UTF-16 units."""
TRUNCATED = " … [truncated]"
"""Ends a cell cut to MAX_CHARS, so no reader takes a part for the whole."""

RISKY = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read text as a formula, now or when edited."""
_ERRORS = frozenset(ERROR_CODES)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters a worksheet's XML cannot hold (openpyxl refuses the control ones)."""

Value = str | int | float | None
Appendable = Value | Cell
"""What a write-only sheet's `append` takes for one cell."""


def cell(sheet: WriteOnlyWorksheet, value: Value, style: str | None = None) -> Appendable:
    """`value` ready to append to `sheet`: as it is when it is safe and unstyled, else a cell.

    `style` names a style registered with the workbook (a highlighted row); an empty cell
    then still carries it, so a highlight runs across the whole row.
    """
    quoted = False
    if isinstance(value, str):
        value = text(value)
        quoted = risky(value)
    if not quoted and style is None:
        return value
    made = WriteOnlyCell(sheet, value)
    if style is not None:
        made.style = style  # first: a named style replaces every style attribute
    if quoted:
        made.data_type = "s"
        made.quotePrefix = True
    return made


def risky(value: str) -> bool:
    """Whether a spreadsheet would take this text for a formula or an error value, now or
    when a person edits the cell: it must be stored as text with the quote prefix."""
    return bool(value) and (value[0] in RISKY or value in _ERRORS)


def text(value: str) -> str:
    """`value` as a cell can hold it: characters XML cannot carry dropped, and cut to
    MAX_CHARS with the TRUNCATED marker when longer."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if len(value) * 2 > MAX_CHARS and _units(value) > MAX_CHARS:
        room = MAX_CHARS - len(TRUNCATED)
        cut = value[:room]
        while _units(cut) > room:
            cut = cut[: room - (_units(cut) - room)]
        value = cut + TRUNCATED
    return value


def _units(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2
