"""Write examples/inventory.xlsx from examples/inventory.csv, as an asset register is kept:
a title block above the table, dates as real Excel dates.

Run: python examples/make_xlsx.py
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def main() -> None:
    with (HERE / "inventory.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    sheet["A1"] = "Estate equipment register"
    sheet["A2"] = "Exported from the facilities asset system"
    header, body = rows[0], rows[1:]
    sheet.append([])
    sheet.append(header)
    dated = header.index("Purchase Date")
    for row in body:
        cells: list[object] = list(row)
        if row[dated]:
            cells[dated] = date.fromisoformat(row[dated])
        sheet.append(cells)
    book.save(HERE / "inventory.xlsx")


if __name__ == "__main__":
    main()
