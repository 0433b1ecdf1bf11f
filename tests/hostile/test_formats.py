"""nmap XML, OpenDocument, Excel binary and 97-2003 workbooks, and NetBox API pages built to
hurt, or broken: each refused with one line, in bounded time and memory, nothing written.

The XML cases are the classic two: entities that expand to a billion strings, and an
entity naming a file on the reader's machine, whose text must appear in no output. The
cell-box cases (.ods repeats, .xlsb and .xls cells far apart, .xls DIMENSIONS) are what
calamine would allocate past any memory for: measured, each aborts the process under 1 GiB
(no exception to catch) when handed to calamine unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.corpus import Member, bomb, laughs, member, write_zip
from tests.hostile.helpers import check_refused, scan_isolated
from tests.inventory.books.writers import (
    ods_cell,
    ods_content,
    ods_parts,
    ods_row,
    record,
    write_parts,
    xlsb_parts,
    xlsb_sheet,
)
from tests.inventory.test_books import BOOKS
from tests.inventory.test_nmap import CAMERA, END

Build = Callable[[Path], Path]
SECRET = "hostile-corpus-secret-7f3a"
"""The text of the local file an external entity names: no output may hold it."""
HEADER = ods_row(ods_cell("Make") + ods_cell("Model"))
NMAP_ROOT = '<nmaprun scanner="nmap" args="nmap -oX scan.xml 192.168.1.0/24" version="7.94">\n'


def nmap(folder: Path, dtd: str, use: str) -> Path:
    path = folder / "scan.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n{dtd}\n{NMAP_ROOT}{CAMERA.replace("cam-lobby", use)}{END}'
    )
    return path


def nmap_laughs(folder: Path) -> Path:
    return nmap(folder, laughs().removeprefix('<?xml version="1.0"?>'), "&lol9;")


def secret(folder: Path) -> Path:
    path = folder / "secret.txt"
    path.write_text(SECRET)
    return path


def nmap_external_entity(folder: Path) -> Path:
    target = secret(folder).as_uri()
    return nmap(folder, f'<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "{target}">]>', "&xxe;")


def nmap_parameter_entity(folder: Path) -> Path:
    target = secret(folder).as_uri()
    return nmap(folder, f'<!DOCTYPE nmaprun [<!ENTITY % p SYSTEM "{target}"> %p;]>', "cam")


def ods(folder: Path, rows: str, prolog: str = "") -> Path:
    table = f'<table:table table:name="Register">{HEADER}{rows}</table:table>'
    return write_parts(folder / "book.ods", ods_parts(ods_content(table, prolog=prolog)))


def ods_members(content: Member) -> list[Member]:
    return [member(name, data) for name, data in ods_parts("") if name != "content.xml"] + [content]


def ods_zip_bomb(folder: Path) -> Path:
    """content.xml unpacking to 1 GiB of rows from a few MB."""
    head = ods_content(f'<table:table table:name="Register">{HEADER}').encode()
    head = head[: head.index(b"</office:spreadsheet>")]
    unit = ods_row(ods_cell("Axis") + ods_cell("P1")).encode() * 9_000
    tail = b"</table:table></office:spreadsheet></office:body></office:document-content>"
    content = bomb("content.xml", head, unit, (1 << 30) // len(unit), tail)
    return write_zip(folder / "bomb.ods", ods_members(content))


def xlsb_zip_bomb(folder: Path) -> Path:
    head = record(0x0081) + record(0x0091)
    unit = (
        record(0x0000, bytes(17)) + record(0x0006, bytes(8) + b"\x01\x00\x00\x00x\x00")
    ) * 40_000
    sheet = bomb("xl/worksheets/sheet1.bin", head, unit, (1 << 30) // len(unit), record(0x0092))
    parts = [member(n, d) for n, d in xlsb_parts([("Register", b"", False)])]
    return write_zip(folder / "bomb.xlsb", [*parts[:-1], sheet])


def xlsb_far_apart(folder: Path) -> Path:
    part = xlsb_sheet([(0, 0, "Make"), (1_048_575, 4_000_000_000, "x")])
    return write_parts(folder / "far.xlsb", xlsb_parts([("Register", part, False)]))


def xls_patched(name: str, patch: Callable[[bytes], bytes]) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(patch((BOOKS / "register.xls").read_bytes()))
        return path

    return build


def title_far_away(data: bytes) -> bytes:
    """The register's title (a LabelSst at row 0, column 0, string 0) moved to row and
    column 65,535: a box of 4 billion cells."""
    at = data.index(b"\xfd\x00\x0a\x00\x00\x00\x00\x00\x0f\x00\x00\x00")
    return data[: at + 4] + b"\xff\xff\xff\xff" + data[at + 8 :]


def huge_dimensions(data: bytes) -> bytes:
    """The register sheet's DIMENSIONS declaring 268 million rows, reserved up front."""
    at = [m.start() for m in re.finditer(rb"\x00\x02\x0e\x00", data)][1]
    return data[: at + 8] + (0x1000_0000).to_bytes(4, "little") + data[at + 12 :]


def deep_netbox(folder: Path) -> Path:
    path = folder / "devices.json"
    deep = b'{"a": ' * 100_000 + b"1" + b"}" * 100_000
    path.write_bytes(
        b'{"count": 1, "next": null, "previous": null, "results": [{"device_type": ' + deep + b"}]}"
    )
    return path


def written(name: str, data: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


ISOLATED = [
    pytest.param(nmap_laughs, ["refused: its XML declares an entity"], id="nmap-billion-laughs"),
    pytest.param(
        nmap_external_entity,
        ["refused: its XML declares an entity"],
        id="nmap-external-entity-to-a-local-file",
    ),
    pytest.param(
        nmap_parameter_entity,
        ["refused: its XML declares an entity"],
        id="nmap-external-parameter-entity",
    ),
    pytest.param(
        lambda folder: ods(folder, ods_row(ods_cell("x", 16_384)) * 5_000),
        ["sheet 'Register': its repeated cells expand to more cells than the 67,108,864"],
        id="ods-repeated-columns-bomb",
    ),
    pytest.param(
        lambda folder: ods(folder, ods_row(ods_cell("x", 10**9), 10**9)),
        ["its cells span 1,048,576 rows by 16,384 columns"],
        id="ods-repeated-rows-and-columns",
    ),
    pytest.param(
        ods_zip_bomb,
        ["refused as a likely zip bomb: content.xml unpacks to"],
        id="ods-zip-bomb",
    ),
    pytest.param(
        lambda folder: ods(folder, ods_row(ods_cell("&lol9;")), prolog=laughs()),
        ["content.xml: refused: its XML declares a DTD or an entity"],
        id="ods-billion-laughs",
    ),
    pytest.param(
        xlsb_zip_bomb,
        ["refused as a likely zip bomb: xl/worksheets/sheet1.bin unpacks to"],
        id="xlsb-zip-bomb",
    ),
    pytest.param(
        xlsb_far_apart,
        ["xl/worksheets/sheet1.bin: its cells span 1,048,576 rows by 4,000,000,001 columns"],
        id="xlsb-cells-far-apart",
    ),
    pytest.param(
        xls_patched("far.xls", title_far_away),
        ["its sheets span 4,294,8"],
        id="xls-cells-far-apart",
    ),
    pytest.param(
        xls_patched("dims.xls", huge_dimensions),
        ["its sheets span 536,870,9"],
        id="xls-declared-dimensions",
    ),
    pytest.param(deep_netbox, ["nested too deeply"], id="netbox-api-nested-too-deeply"),
]

IN_PROCESS = [
    pytest.param(
        xls_patched("cut.xls", lambda data: data[: len(data) // 2]),
        ["not a readable workbook: its OLE compound file is damaged"],
        id="xls-truncated",
    ),
    pytest.param(
        xls_patched("scrambled.xls", lambda data: data[:512] + bytes(len(data) - 512)),
        ["not a readable workbook"],
        id="xls-sectors-zeroed",
    ),
    pytest.param(
        written("header.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ["its OLE compound file is damaged", "password-protected workbook cut short?"],
        id="xls-ole-header-alone",
    ),
    pytest.param(
        lambda folder: write_parts(folder / "bare.ods", ods_parts("")[:2]),
        ["not a readable workbook: no content.xml in the archive"],
        id="ods-without-content",
    ),
    pytest.param(
        written("cut.xml", f'<?xml version="1.0"?>\n{NMAP_ROOT}{CAMERA[:150]}'.encode()),
        ["not readable nmap XML: line"],
        id="nmap-cut-short",
    ),
]


@pytest.mark.parametrize(("build", "needles"), ISOLATED)
def test_a_file_that_would_cost_memory_or_read_other_files_is_refused_within_bounds(
    tmp_path: Path, build: Build, needles: list[str]
) -> None:
    line = check_refused(build(tmp_path), *needles, isolated=True)
    assert SECRET not in line


@pytest.mark.parametrize(("build", "needles"), IN_PROCESS)
def test_a_broken_file_is_refused(tmp_path: Path, build: Build, needles: list[str]) -> None:
    check_refused(build(tmp_path), *needles)


def test_an_external_entity_piped_in_reads_nothing(tmp_path: Path) -> None:
    data = nmap_external_entity(tmp_path).read_bytes()
    outcome = scan_isolated("-", "--format", "json", folder=tmp_path, stdin=data)
    assert outcome.code == 2
    assert "refused: its XML declares an entity" in outcome.stderr
    assert SECRET not in outcome.stdout + outcome.stderr
