"""An inventory piped in is told by its content: each format the readers take."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from duediligence.inventory.stdin import spooled
from tests.inventory.books.writers import Sheet, write_ods, write_xlsb
from tests.inventory.test_arp_scan import SCAN
from tests.inventory.test_books import BOOKS
from tests.inventory.test_nmap import CAMERA, END, PROLOG

SHEET = Sheet("Register", [["Make", "Model"], ["Axis", "P1375-E"]])


def xlsx(folder: Path) -> bytes:
    book = Workbook()
    book.save(folder / "b.xlsx")
    return (folder / "b.xlsx").read_bytes()


@pytest.mark.parametrize(
    ("make", "suffix"),
    [
        pytest.param(xlsx, ".xlsx", id="xlsx"),
        pytest.param(lambda f: write_ods(f / "b.ods", SHEET).read_bytes(), ".ods", id="ods"),
        pytest.param(lambda f: write_xlsb(f / "b.xlsb", SHEET).read_bytes(), ".xlsb", id="xlsb"),
        pytest.param(lambda f: (BOOKS / "register.xls").read_bytes(), ".xls", id="xls"),
        pytest.param(lambda f: (PROLOG + CAMERA + END).encode(), ".xml", id="nmap"),
        pytest.param(lambda f: SCAN.encode(), ".csv", id="arp-scan-read-as-text"),
        pytest.param(lambda f: b'[{"Make": "Axis"}]', ".json", id="json"),
        pytest.param(lambda f: b'{"Make": "Axis"}\n', ".jsonl", id="json-lines"),
        pytest.param(lambda f: b"Make,Model\nAxis,P1375-E\n", ".csv", id="csv"),
    ],
)
def test_each_format_is_told_by_its_content(
    tmp_path: Path, make: Callable[[Path], bytes], suffix: str
) -> None:
    data = make(tmp_path)
    with spooled(io.BytesIO(data)) as path:
        assert path.suffix == suffix
        assert path.read_bytes() == data


def test_a_zip_that_is_no_workbook_goes_to_the_xlsx_checks(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("readme.txt", "hello")
    with spooled(io.BytesIO((tmp_path / "a.zip").read_bytes())) as path:
        assert path.suffix == ".xlsx"
