"""The check an .xls passes before calamine opens it: each sheet's box and the room its
DIMENSIONS record makes calamine reserve, summed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.xls import check_xls
from duediligence.inventory.xlsx import MAX_CELLS
from tests.inventory.test_books import BOOKS

Patch = Callable[[bytes], bytes]


def title_far_away(data: bytes) -> bytes:
    """The register's title, a LabelSst cell (type 0x00FD, 10 bytes: row 0, column 0,
    style 15, string 0), moved to row and column 65,535, far from the rest of the sheet."""
    at = data.index(b"\xfd\x00\x0a\x00\x00\x00\x00\x00\x0f\x00\x00\x00")
    return data[: at + 4] + b"\xff\xff\xff\xff" + data[at + 8 :]


def huge_dimensions(data: bytes) -> bytes:
    """The first sheet's DIMENSIONS (type 0x0200, 14 bytes) declaring 268 million rows."""
    at = [m.start() for m in re.finditer(rb"\x00\x02\x0e\x00", data)][1]
    return data[: at + 8] + (0x1000_0000).to_bytes(4, "little") + data[at + 12 :]


@pytest.mark.parametrize(
    ("patch", "needle"),
    [
        pytest.param(title_far_away, "its sheets span 4,294,8", id="a-cell-far-away"),
        pytest.param(huge_dimensions, "its sheets span 536,870,9", id="declared-dimensions"),
    ],
)
def test_an_xls_that_would_make_calamine_hold_too_much_is_refused(
    tmp_path: Path, patch: Patch, needle: str
) -> None:
    path = tmp_path / "book.xls"
    path.write_bytes(patch((BOOKS / "register.xls").read_bytes()))
    with pytest.raises(InputError) as caught:
        check_xls(path, "book.xls", MAX_CELLS)
    assert needle in str(caught.value)


def test_an_xls_register_passes(tmp_path: Path) -> None:
    path = Path(shutil.copyfile(BOOKS / "register.xls", tmp_path / "book.xls"))
    check_xls(path, "book.xls", MAX_CELLS)
