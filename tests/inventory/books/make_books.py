"""Writes register.xls, the Excel 97-2003 workbook the calamine-format tests read.

No Python library writes .xls, so this builds the workbook with openpyxl as .xlsx and has
LibreOffice convert it (`soffice --headless --convert-to xls`). Run it by hand when the
workbook must change, and commit what it writes; the tests never run LibreOffice:

    python tests/inventory/books/make_books.py

The same cells are built as .ods and .xlsb by tests/inventory/books/writers.py at test time,
so every format is held to the same expectations (tests/inventory/test_books.py).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def build(path: Path) -> None:
    book = Workbook()
    register = book.active
    assert register is not None
    register.title = "Register"
    for row in (
        ["Estate register"],
        [],
        ["Make", "Model", "MAC", "Site", "Installed", "Quantity"],
        ["Hikvision", "DS-2CD2143G2-I", "44:19:B6:00:00:01", "HQ", date(2021, 3, 4), 2],
        ["Axis", "P1375-E", "00:40:8C:00:00:02", None, date(2022, 1, 31), 1],
        ["Dahua", "DH-IPC-HFW2431S", "", "Depot", None, 12.5],
    ):
        register.append(row)
    register.merge_cells("D4:D5")  # the site, merged down the two rows it applies to
    old = book.create_sheet("Old Lists")
    old.append(["Make", "Model"])
    old.append(["Huawei", "S5735-L24T4X-A1"])
    old.sheet_state = "hidden"
    notes = book.create_sheet("Notes")
    notes.append(["Owner: estates team"])
    book.save(path)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "register.xlsx"
        build(source)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "xls", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copyfile(Path(tmp) / "register.xls", HERE / "register.xls")


if __name__ == "__main__":
    main()
