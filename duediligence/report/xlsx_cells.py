"""Cells as SpreadsheetML for the streamed sheets: their styles, the texts many rows share,
and the row and cell markup around them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import product

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duediligence.report import safe
from duediligence.results.findings import Severity

FILLS = {
    Severity.CRITICAL: "F4B0B0",
    Severity.HIGH: "F8CBAD",
    Severity.MEDIUM: "FFE699",
    Severity.LOW: "DDEBF7",
    Severity.INFO: "EDEDED",
}
"""A flagged row's fill, by its worst severity."""
ROW = "\x00"
"""Stands for the row number in a row's XML until the row is written: `safe.text` drops it
from any text, so it cannot occur otherwise."""
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class Cells:
    """Cells as SpreadsheetML: their styles (registered with `book`: fills, quote prefix,
    rates), and the texts many rows share.

    A finding's message, advice and sources repeat on every row of its judgment: they are
    stored once in the package's shared strings (`shared`), each row naming them by number.
    Other texts are written in the cell (`text`).
    """

    def __init__(self, book: Workbook, sheet: WriteOnlyWorksheet) -> None:
        for severity, colour in FILLS.items():
            fill = PatternFill("solid", fgColor=colour)
            book.add_named_style(NamedStyle(_named(severity), fill=fill))
        # Every combination now: the styles are written when the workbook is saved, before
        # the streamed rows that use them are built.
        self._styles: dict[tuple[Severity | None, bool, bool], str] = {}
        for tint, quoted, rate in product((None, *FILLS), (False, True), (False, True)):
            cell = WriteOnlyCell(sheet)
            if tint is not None:
                cell.style = _named(tint)
            cell.quotePrefix = quoted
            if rate:
                cell.number_format = "0.00"
            self._styles[(tint, quoted, rate)] = f' s="{cell.style_id}"' if cell.has_style else ""
        self.strings: dict[str, int] = {}

    def text(self, value: str, severity: Severity | None = None) -> str | None:
        """A text cell after its reference; None for an empty unstyled one (left out)."""
        value = safe.text(value)
        s = self._styles[(severity, safe.risky(value), False)]
        if not value:
            return f'"{s}/>' if s else None
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        return f'" t="inlineStr"{s}><is><t{space}>{escaped(value)}</t></is></c>'

    def shared(self, value: str, severity: Severity | None = None) -> str | None:
        """A text cell naming its text in the shared strings."""
        value = safe.text(value)
        s = self._styles[(severity, safe.risky(value), False)]
        if not value:
            return f'"{s}/>' if s else None
        index = self.strings.setdefault(value, len(self.strings))
        return f'" t="s"{s}><v>{index}</v></c>'

    def number(self, value: float, severity: Severity | None = None, rate: bool = False) -> str:
        return f'"{self._styles[(severity, False, rate)]}><v>{value}</v></c>'

    def shared_strings(self) -> Iterator[str]:
        """The shared strings part, in pieces."""
        yield f'{XML}<sst xmlns="{MAIN}" uniqueCount="{len(self.strings)}">'
        for value in self.strings:  # in the order they were numbered
            yield f'<si><t xml:space="preserve">{escaped(value)}</t></si>'
        yield "</sst>"


def escaped(value: str) -> str:
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text  # a bare CR reads back as LF


def _named(severity: Severity) -> str:
    return f"duediligence {severity.value}"


def cells(rests: Iterable[str | None], start: int = 0) -> str:
    """Cells from column `start` on, each after its reference; the row number left open."""
    return "".join(
        f'<c r="{get_column_letter(k)}{ROW}{rest}'
        for k, rest in enumerate(rests, start + 1)
        if rest is not None
    )


def row(number: int, cells: str) -> str:
    return f'<row r="{ROW}">{cells}</row>'.replace(ROW, str(number))
