"""Delimited text that is not what it claims, or is built to hurt the reader."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.corpus import sheet_xml, workbook
from tests.hostile.helpers import assert_one_error, check_refused, scan_isolated

Build = Callable[[Path], Path]


def written(name: str, data: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def seeded(count: int, low: int = 0) -> bytes:
    rng = random.Random(20261123)
    return bytes(rng.randrange(low, 256) for _ in range(count))


def workbook_named_csv(folder: Path) -> Path:
    book = workbook(folder / "book.xlsx", sheet_xml(["Make", "Model"], ["Acme", "AC-1"]))
    return book.rename(folder / "register.csv")


ROWS = b"Make,Model\n" + b"Axis,P3245-LVE\n" * 5_000  # 75 KB: past the 64 KB sniffed

TEXT = [
    pytest.param(written("noise.csv", seeded(5_000)), ["contains NUL bytes"], id="random-bytes"),
    pytest.param(
        written("noise.csv", seeded(5_000, low=1)),
        ["not text in any encoding tried (UTF-8, UTF-16, UTF-32, GBK/GB18030, Big5,"],
        id="random-bytes-without-nul",
    ),
    pytest.param(
        written("noise.csv", seeded(70_000, low=128)),
        ["not text in any encoding tried", "Shift-JIS, EUC-KR", "--encoding NAME"],
        id="bytes-beyond-ascii-only-no-line-break",
    ),
    pytest.param(
        written("wide.csv", "Make,Model\nAcme,AC-1\n".encode("utf-16-le")[:-1]),
        ["not valid text in UTF-16LE (no byte-order mark): truncated data"],
        id="utf16-without-mark-ending-mid-character",
    ),
    pytest.param(workbook_named_csv, ["a zip archive, not text"], id="workbook-named-csv"),
    pytest.param(
        written("late.csv", ROWS + b"Acme,\xff\xfe\n"),
        ["not valid text in UTF-8: invalid start byte"],
        id="invalid-utf8-past-the-sample",
    ),
    pytest.param(
        written("open.csv", b'Make,Model\nHikvision,"DS-2CD\nAxis,P1\n'),
        ["line 2, column 2: not valid CSV: the file ends inside a quoted cell"],
        id="unterminated-quote",
    ),
    pytest.param(
        written("open.csv", b'Make,Model,Notes\nAcme,AC-1,ok\nHikvision,"DS-2CD\n' + ROWS * 2),
        ["line 3, column 2: a cell longer than 131,072 characters", "never closed"],
        id="quote-left-open-in-a-long-file",
    ),
    pytest.param(
        written("wide.csv", b",".join(b"c%d" % n for n in range(20_000)) + b"\n1\n"),
        ["no column says who made the items", "'c19' and 19,980 more"],
        id="thousands-of-columns",
    ),
    pytest.param(written("empty.csv", b""), ["the file is empty"], id="empty"),
    pytest.param(written("blank.tsv", b"\n \n\t\n"), ["the file is empty"], id="blank"),
]


@pytest.mark.parametrize(("build", "needles"), TEXT)
def test_text_that_is_not_a_register_is_refused(
    tmp_path: Path, build: Build, needles: list[str]
) -> None:
    line = check_refused(build(tmp_path), *needles)
    assert len(line) < 1_000


def test_a_cell_past_the_field_limit_is_named_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b"Make,Model,Notes\nAcme,AC-1," + b"x" * (8 << 20) + b"\n")
    check_refused(path, "line 2, column 3: a cell longer than 131,072 characters", isolated=True)


def test_a_sample_that_is_slow_to_sniff_is_read_in_bounded_time(tmp_path: Path) -> None:
    """csv.Sniffer took 14 s over the 64 KB sample of this line; a scan takes under one."""
    path = tmp_path / "quotes.csv"
    path.write_bytes(b',"' * 32_768 + b"\n")
    check_refused(path, "no column says who made the items", isolated=True, timeout=5)


@pytest.mark.parametrize(
    ("data", "encoding", "needles"),
    [
        pytest.param(
            "资产编号,品牌,型号\nA-1,海康威视,DS-2CD2143G2-I\n".encode("gbk"),
            "cp1252",
            ["the header reads as mojibake ('×Ê²ú±àºÅ') in Windows-1252 (cp1252)", "--encoding"],
            id="gbk-read-as-cp1252",
        ),
        pytest.param(
            ",".join(f"列{n}" for n in range(20_000)).encode("gbk") + b"\n",
            "latin-1",
            ["the header reads as mojibake", "in ISO-8859-1"],
            id="twenty-thousand-mojibake-columns",
        ),
        pytest.param(
            "Make,Model\nAcme,AC-1\n".encode("cp1252") + b"\x81\x8d\n",
            "utf-8",
            ["not valid text in UTF-8"],
            id="given-utf8-is-not",
        ),
    ],
)
def test_text_in_another_encoding_than_the_one_given_is_refused(
    tmp_path: Path, data: bytes, encoding: str, needles: list[str]
) -> None:
    path = written("inv.csv", data)(tmp_path)
    outcome = scan_isolated(str(path), "--encoding", encoding, folder=tmp_path, timeout=10)
    assert_one_error(outcome, str(path), *needles)
    assert path.read_bytes() == data
