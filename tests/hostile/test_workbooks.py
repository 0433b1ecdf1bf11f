"""Workbooks built to hurt, or broken: each is refused with one line, and nothing is written."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.corpus import (
    MAIN,
    laughs,
    member,
    sheet_xml,
    sparse_sheet,
    two_archives,
    workbook,
    workbook_members,
    zip_bomb,
)
from tests.hostile.helpers import assert_one_error, check_refused, scan_in_process, scan_isolated

Build = Callable[[Path], Path]


def register(path: Path, rows: int = 2_000) -> Path:
    return workbook(
        path, sheet_xml(["Make", "Model"], *([f"Acme {n}", "AC-1"] for n in range(rows)))
    )


def laughs_in_sheet(folder: Path) -> Path:
    sheet = sheet_xml(["Make", "Model"], ["&lol9;", "DS-2CD2143G2-I"], prolog=laughs())
    return workbook(folder / "laughs.xlsx", sheet)


def laughs_in_shared_strings(folder: Path) -> Path:
    strings = (
        f'{laughs()}<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>Make</t></si>'
        "<si><t>&lol9;</t></si></sst>"
    )
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>'
    )
    return workbook(folder / "strings.xlsx", sheet, member("xl/sharedStrings.xml", strings))


def external_entity(folder: Path) -> Path:
    """An entity naming a file on the reader's machine (XXE): it must not be read."""
    dtd = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/hosts">]>'
    return workbook(folder / "xxe.xlsx", sheet_xml(["Make", "Model"], ["&xxe;", "X"], prolog=dtd))


def truncated(folder: Path) -> Path:
    whole = register(folder / "whole.xlsx").read_bytes()
    (folder / "whole.xlsx").unlink()
    path = folder / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def corrupt_part(folder: Path) -> Path:
    """A sheet whose compressed bytes are damaged mid-stream, as a bad disk or download leaves."""
    path = register(folder / "corrupt.xlsx")
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + 100
    data[start : start + 40] = bytes(b ^ 0xFF for b in data[start : start + 40])
    path.write_bytes(bytes(data))
    return path


def malformed_xml(folder: Path) -> Path:
    sheet = sheet_xml(["Make", "Model"], ["Acme", "AC-1"]).removesuffix(
        "</t></is></c></row></sheetData></worksheet>"
    )
    return workbook(folder / "malformed.xlsx", sheet)


def written(name: str, data: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def two_in_one(folder: Path) -> Path:
    """A register for the checks, and for the reader cells far apart (a 17-billion-cell box
    calamine aborts on): refused before either is read."""
    seen = workbook_members(sheet_xml(["Make", "Model"], ["Axis", "P1375-E"]))
    return two_archives(folder / "two.xlsx", seen, workbook_members(sparse_sheet()))


def with_bytes_after(folder: Path) -> Path:
    path = register(folder / "after.xlsx", rows=3)
    path.write_bytes(path.read_bytes() + b"trailing bytes")
    return path


ISOLATED = [
    pytest.param(
        two_in_one,
        ["not a readable workbook: its zip archive's end record reaches past the end"],
        id="two-archives-in-one-file",
    ),
    pytest.param(
        lambda folder: zip_bomb(folder / "bomb.xlsx"),
        ["refused as a likely zip bomb: xl/worksheets/sheet1.xml unpacks to 1023.0 MiB from"],
        id="zip-bomb",
    ),
    pytest.param(
        laughs_in_sheet,
        ["sheet 'Register' cannot be read", "unrecognized entity `&lol9;`"],
        id="billion-laughs-in-a-sheet",
    ),
    pytest.param(
        laughs_in_shared_strings,
        ["not a readable workbook", "unrecognized entity `&lol9;`"],
        id="billion-laughs-in-shared-strings",
    ),
]

IN_PROCESS = [
    pytest.param(
        external_entity,
        ["sheet 'Register' cannot be read", "unrecognized entity `&xxe;`"],
        id="external-entity",
    ),
    pytest.param(truncated, ["not a zip archive", "cut short?"], id="truncated"),
    pytest.param(corrupt_part, ["cannot be read: the file is damaged"], id="corrupt-part"),
    pytest.param(malformed_xml, ["cannot be read: its XML is damaged"], id="malformed-xml"),
    pytest.param(
        written("text.xlsx", b"Make,Model\nHikvision,DS-2CD2143G2-I\n"),
        ["not a readable workbook: not a zip archive"],
        id="text-named-xlsx",
    ),
    pytest.param(
        written("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ["a password-protected workbook or an Excel 97-2003 (.xls) file"],
        id="password-protected",
    ),
    pytest.param(written("empty.xlsx", b""), ["the file is empty"], id="empty"),
    pytest.param(
        lambda folder: workbook(
            folder / "entity.xlsx", sheet_xml(["Make", "Model"], ["A&foo\nbar;B", "P1"])
        ),
        ["sheet 'Register' cannot be read", "unrecognized entity `&foo bar;`"],
        id="an-entity-name-with-a-line-break",
    ),
    pytest.param(
        with_bytes_after,
        ["not a readable workbook: 14 bytes follow the end of its zip archive"],
        id="bytes-after-the-archive",
    ),
]


@pytest.mark.parametrize(("build", "needles"), ISOLATED)
def test_a_workbook_that_would_cost_memory_is_refused_within_bounds(
    tmp_path: Path, build: Build, needles: list[str]
) -> None:
    check_refused(build(tmp_path), *needles, isolated=True)


@pytest.mark.usefixtures("either_reader")
@pytest.mark.parametrize(("build", "needles"), IN_PROCESS)
def test_a_broken_workbook_is_refused(tmp_path: Path, build: Build, needles: list[str]) -> None:
    check_refused(build(tmp_path), *needles)


def test_a_zip_bomb_piped_in_is_refused_as_stdin(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx").read_bytes()
    outcome = scan_isolated("-", "--format", "json", folder=tmp_path, stdin=bomb)
    assert_one_error(outcome, "<stdin>", "refused as a likely zip bomb")
    assert outcome.stdout == ""


def test_two_cells_far_apart_are_refused(tmp_path: Path) -> None:
    line = check_refused(workbook(tmp_path / "sparse.xlsx", sparse_sheet()), isolated=True)
    assert "cells reach from A1 to XFD1048576" in line


def test_a_password_protected_workbook_piped_in_is_named_as_one() -> None:
    locked = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    outcome = scan_in_process("-", stdin=locked)
    assert_one_error(outcome, "<stdin>", "a password-protected workbook")


def test_a_large_workbook_with_a_bare_sheet_gives_one_line(tmp_path: Path) -> None:
    """A large workbook of text goes to fastexcel, whose calamine logs the sheet it passes
    over ("'worksheet' not a valid worksheet"); nothing but the one error line may reach
    stderr."""
    filler = member("xl/media/filler.txt", random.Random(5).randbytes(9 << 19).hex())
    bare = f'<worksheet xmlns="{MAIN}"></worksheet>'
    check_refused(
        workbook(tmp_path / "bare.xlsx", bare, filler), "no sheet has a header row", isolated=True
    )
