"""ISA-L's inflate, where installed, must leave the cell-box check as zlib leaves it: the same
pieces of a sound part, and for a damaged one the same refusal, word for word."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from duediligence.errors import DueDiligenceError, InputError
from duediligence.inventory import extent, inflate
from duediligence.inventory.extent import _texts, check_extents
from duediligence.inventory.xlsx import MAX_CELLS, read_xlsx
from tests.hostile.corpus import Member, member, sheet_xml, workbook
from tests.inventory.test_xlsx import is_header

isal_zlib = pytest.importorskip("isal.isal_zlib")

ROWS = [["Make", "Model"], *([f"Maker {n}", f"DS-{n * 7919 % 100000:05d}"] for n in range(3000))]
SHEET = "xl/worksheets/sheet1.xml"


def register(path: Path) -> Path:
    return workbook(path, sheet_xml(*ROWS))


def flipped(at: float) -> Callable[[Path], Path]:
    """Bytes of the sheet's stream inverted `at` of the way through it."""

    def damage(path: Path) -> Path:
        info = zipfile.ZipFile(path).getinfo(SHEET)
        data = bytearray(path.read_bytes())
        start = info.header_offset + 30 + len(info.filename) + int(info.compress_size * at)
        data[start : start + 16] = bytes(b ^ 0xFF for b in data[start : start + 16])
        path.write_bytes(bytes(data))
        return path

    return damage


def cut_stream(path: Path) -> Path:
    """The sheet's stream cut short, the archive's sizes saying so: no end-of-stream block."""
    whole = member(SHEET, sheet_xml(*ROWS))
    short = Member(SHEET, whole.deflated[: len(whole.deflated) // 2], whole.crc, whole.size)
    return workbook(path, short)


def outcome(path: Path, fast: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """What the check finds, and what reading the workbook gives or the error it raises."""
    monkeypatch.setattr(inflate, "FAST", fast)
    extent._CHECKED.clear()
    found: object
    try:
        found = check_extents(path, path.name, MAX_CELLS)
    except (InputError, zipfile.BadZipFile) as exc:
        found = str(exc)
    try:
        tables, _ = read_xlsx(path, path.name, is_header)
        return found, [(t.header, list(t.rows)) for t in tables]
    except DueDiligenceError as exc:
        return found, str(exc)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path, id="sound"),
        pytest.param(flipped(0.001), id="corrupted-bit-lengths"),  # zlib: invalid bit length
        pytest.param(flipped(0.01), id="corrupted-distance"),  # zlib: distance too far back
        pytest.param(flipped(0.5), id="corrupted-midway"),  # inflates; calamine refuses it
        pytest.param(flipped(0.97), id="corrupted-at-the-end"),
        pytest.param(cut_stream, id="stream-cut-short"),
        pytest.param(
            lambda path: path.write_bytes(path.read_bytes()[:-200]) and path, id="file-truncated"
        ),
    ],
)
def test_isal_and_zlib_give_the_check_one_outcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[Path], Path]
) -> None:
    path = damage(register(tmp_path / "register.xlsx"))
    by_zlib = outcome(path, None, monkeypatch)
    assert outcome(path, isal_zlib, monkeypatch) == by_zlib


def test_a_damaged_stream_is_refused_in_zlib_s_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = flipped(0.01)(register(tmp_path / "register.xlsx"))
    found, read = outcome(path, isal_zlib, monkeypatch)
    assert isinstance(found, str)
    assert f"{SHEET} cannot be read: the file is damaged (Error -3 while decompressing" in found
    assert read == found  # the reader runs the same check first


def test_isal_gives_zlib_s_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extent, "CHUNK", 4096)
    path = register(tmp_path / "register.xlsx")
    with zipfile.ZipFile(path) as archive:
        part = archive.getinfo(SHEET)
        assert part.compress_type == zlib.DEFLATED
        monkeypatch.setattr(inflate, "FAST", isal_zlib)
        fast = list(_texts(archive, part, path.name))
        monkeypatch.setattr(inflate, "FAST", None)
        pieces = list(_texts(archive, part, path.name))
    # Where a piece ends may differ (each inflate stops at its own place in an input
    # block), never the first piece, which the check samples, nor the bytes.
    assert (pieces[0], b"".join(pieces)) == (fast[0], b"".join(fast))
