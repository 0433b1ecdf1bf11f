"""JSON and JSON Lines built to exhaust a parser, or broken: refused with one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.helpers import check_refused

DEEP = 100_000  # levels: json.loads gives up at ~1,000, with RecursionError

ISOLATED = [
    pytest.param("deep.json", b"[" * DEEP + b"]" * DEEP, "nested too deeply", id="deep-list"),
    pytest.param(
        "deep.json",
        b'{"assets": [{"Make": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP + b"}]}",
        "nested too deeply",
        id="deep-object-in-a-record",
    ),
    pytest.param(
        "deep.jsonl",
        b'{"Make": "Acme"}\n{"Make": ' + b"[" * DEEP + b"]" * DEEP + b"}\n",
        "line 2: nested too deeply",
        id="deep-line",
    ),
]

IN_PROCESS = [
    pytest.param("empty.json", b"", "the file is empty", id="empty"),
    pytest.param("blank.jsonl", b"\n\n", "no records", id="blank-lines"),
    pytest.param(
        "cut.json",
        b'[{"Make": "Acme", "Model": "AC',
        "not valid JSON at line 1, column 28: Unterminated string",
        id="truncated",
    ),
    pytest.param(
        "cut.jsonl",
        b'{"Make": "Acme"}\n{"Make": "Axis", "Model": ',
        "line 2: not valid JSON: Expecting value",
        id="truncated-line",
    ),
    pytest.param(
        "bytes.json",
        b'[{"Make": "Acme\xff"}]',
        "line 1: not valid UTF-8 text (byte 0xff)",
        id="invalid-utf8",
    ),
    pytest.param(
        "number.json",
        b'[{"Make": ' + b"9" * 5_000 + b"}]",
        "not valid JSON: Exceeds the limit (4300 digits) for integer string conversion",
        id="five-thousand-digit-number",
    ),
]


@pytest.mark.parametrize(("name", "data", "needle"), ISOLATED)
def test_nesting_deep_enough_to_exhaust_the_parser_is_refused(
    tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    check_refused(path, needle, isolated=True)


@pytest.mark.parametrize(("name", "data", "needle"), IN_PROCESS)
def test_broken_records_are_refused(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    line = check_refused(path, needle)
    assert "sys.set_int_max_str_digits" not in line
