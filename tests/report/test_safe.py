"""Workbook cells: text that a spreadsheet would run is stored as text, and every cell fits."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import NamedStyle, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duediligence.report import safe

RISKY = {
    "equals-formula": '=HYPERLINK("http://x","click")',
    "equals": "=1+1",
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "tab": "\t=1+1",
    "carriage-return": "\r=1+1",
    "error-value": "#N/A",
    "a-lone-equals-starts-a-formula-when-edited": "=",
}


def sheet() -> WriteOnlyWorksheet:
    book = Workbook(write_only=True)
    book.add_named_style(NamedStyle("flagged", fill=PatternFill("solid", fgColor="FFE699")))
    made: WriteOnlyWorksheet = book.create_sheet("s")
    return made


@pytest.mark.parametrize("value", [pytest.param(v, id=k) for k, v in RISKY.items()])
def test_text_a_spreadsheet_would_run_is_a_quoted_text_cell(value: str) -> None:
    cell = safe.cell(sheet(), value)
    assert isinstance(cell, Cell)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("Hikvision", id="text"),
        pytest.param("DS-2CD2143G2-I", id="dash-inside"),
        pytest.param(" =1", id="space-first"),
        pytest.param("", id="empty"),
        pytest.param(12, id="integer"),
        pytest.param(-1.5, id="negative-number"),
        pytest.param(None, id="nothing"),
    ],
)
def test_ordinary_values_are_written_as_they_are(value: safe.Value) -> None:
    assert safe.cell(sheet(), value) == value


def test_a_style_makes_a_cell_even_for_an_empty_value() -> None:
    ws = sheet()
    for value in ("text", 3, None, "=1+1"):
        cell = safe.cell(ws, value, "flagged")
        assert isinstance(cell, Cell)
        assert cell.fill.fgColor.rgb == "00FFE699"
    quoted = safe.cell(ws, "=1+1", "flagged")
    assert isinstance(quoted, Cell)
    assert (quoted.data_type, quoted.quotePrefix) == ("s", True)


def test_a_saved_workbook_keeps_risky_text_as_text() -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet("s")
    values = list(RISKY.values())
    ws.append([safe.cell(ws, v) for v in values])
    out = BytesIO()
    book.save(out)
    row = next(load_workbook(out)["s"].iter_rows())
    for cell, value in zip(row, values, strict=True):
        assert cell.data_type == "s"
        assert cell.quotePrefix
        # XML reads a bare carriage return back as a line feed; the text is otherwise whole.
        assert cell.value == value.replace("\r", "\n")


def test_characters_a_worksheet_cannot_hold_are_dropped() -> None:
    assert safe.text("CAM\x00-1\x07\x1b\ufffe") == "CAM-1"
    assert safe.text("line one\nline two\ttab") == "line one\nline two\ttab"


def test_long_text_is_cut_to_excels_limit_with_a_marker() -> None:
    assert safe.text("x" * safe.MAX_CHARS) == "x" * safe.MAX_CHARS
    cut = safe.text("x" * (safe.MAX_CHARS + 1))
    assert len(cut) == safe.MAX_CHARS
    assert cut.endswith(safe.TRUNCATED)
    # Excel counts UTF-16 units: a character outside the BMP counts two.
    wide = safe.text("𝒞" * safe.MAX_CHARS)
    assert len(wide.encode("utf-16-le")) // 2 <= safe.MAX_CHARS
    assert wide.endswith(safe.TRUNCATED)
