"""The archive check: a workbook's declared sizes are judged before any part is unpacked."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from duediligence.errors import InputError
from duediligence.inventory import archive
from duediligence.inventory.archive import check_workbook
from tests.hostile.corpus import member, sheet_xml, workbook, workbook_members, write_zip


def register(path: Path, rows: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Asset Tag", "Make", "Model"])
    for n in range(rows):
        sheet.append([f"A{n:06d}", "Hikvision", "DS-2CD2143G2-I"])
    book.save(path)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        check_workbook(path, path.name)
    assert caught.value.location == path.name
    return caught.value.message


def test_a_register_as_excel_tools_write_it_passes(tmp_path: Path) -> None:
    check_workbook(register(tmp_path / "inv.xlsx", 5_000), "inv.xlsx")


def test_parts_that_unpack_past_the_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = register(tmp_path / "inv.xlsx", 5_000)
    unpacked = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(archive, "MAX_UNPACKED", unpacked - 1)
    assert refusal(path).startswith(
        f"refused as a likely zip bomb: it unpacks to {unpacked / 1024:.1f} KiB"
    )


def test_sizes_are_judged_as_declared_without_unpacking(tmp_path: Path) -> None:
    """A central directory that claims 3 GiB is refused on the claim: the reader would
    unpack up to what is declared, and nothing here unpacks anything."""
    path = workbook(tmp_path / "inv.xlsx", sheet_xml(["Make"], ["Acme"]))
    data = bytearray(path.read_bytes())
    entry = data.rfind(b"PK\x01\x02")  # the last entry in the directory: the sheet
    struct.pack_into("<I", data, entry + 24, 3 << 30)
    struct.pack_into("<I", data, entry + 20, 40 << 20)
    path.write_bytes(bytes(data))
    assert "it unpacks to 3.0 GiB (the limit is 2.0 GiB" in refusal(path)


@pytest.mark.parametrize(
    ("size", "refused"),
    [
        pytest.param(archive.RATIO_GRACE - 1, False, id="small-part-may-compress-well"),
        pytest.param(archive.RATIO_GRACE, True, id="a-megabyte-may-not"),
    ],
)
def test_a_part_that_compresses_past_the_ratio_is_refused_unless_small(
    tmp_path: Path, size: int, refused: bool
) -> None:
    spaces = member("xl/worksheets/sheet1.xml", b" " * size)
    assert spaces.size / len(spaces.deflated) > archive.MAX_RATIO
    path = workbook(tmp_path / "inv.xlsx", spaces)
    if refused:
        assert refusal(path).startswith(
            "refused as a likely zip bomb: xl/worksheets/sheet1.xml unpacks to 1.0 MiB from"
        )
    else:
        check_workbook(path, "inv.xlsx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(b"Make,Model\n", "not a readable workbook: not a zip archive", id="text"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "not a readable workbook: a password-protected workbook",
            id="ole",
        ),
    ],
)
def test_a_file_that_is_not_a_zip_is_named_for_what_it_is(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "inv.xlsx"
    path.write_bytes(data)
    assert refusal(path).startswith(message)


def test_a_part_with_no_name_is_refused(tmp_path: Path) -> None:
    """No program writes one, and the checks after this one could not list it."""
    path = write_zip(
        tmp_path / "inv.xlsx", [*workbook_members(sheet_xml(["Make"], ["Acme"])), member("", "x")]
    )
    assert refusal(path) == "not a readable workbook: a part of the archive has no name"
