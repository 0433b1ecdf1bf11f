"""JSON and JSON Lines built to exhaust a parser, or broken: refused with one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from duediligence.report.interface import Format
from tests.hostile.helpers import assert_one_error, check_refused, scan_in_process

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


LONE_SURROGATES = [
    pytest.param(
        "half.json",
        b'[{"make":"\\ud800","model":"x"}]',
        "row 1, column 'make': holds U+D800",
        id="a-cell-of-a-record",
    ),
    pytest.param(
        "half.json",
        b'[{"make":"Hikvision","model":"DS-2CD\\uDFFF2143"}]',
        "row 1, column 'model': holds U+DFFF",
        id="a-low-half-inside-a-model",
    ),
    pytest.param(
        "half.json",
        b'{"assets":[{"make":"Axis"},{"make":"Axis","site":{"name":"Lab \\ud83d"}}]}',
        "row 2, column 'site.name': holds U+D83D",
        id="a-high-half-at-the-end-of-a-nested-field",
    ),
    pytest.param(
        "half.json",
        b'[{"make":"Axis","\\ud800":"x"}]',
        "column 2: its name holds U+D800",
        id="a-field-name",
    ),
    pytest.param(
        "half.jsonl",
        b'{"make":"Axis"}\n\n{"make":"\\ud800"}\n',
        "row 3, column 'make': holds U+D800",
        id="a-json-lines-line",
    ),
    pytest.param(
        "half.json",
        b'{"bomFormat":"CycloneDX","specVersion":"1.5","components":'
        b'[{"type":"device","name":"DS-2CD2143\\ud800","manufacturer":{"name":"Hikvision"}}]}',
        "row 1, column 'Model': holds U+D800",
        id="a-cyclonedx-component",
    ),
]


@pytest.mark.parametrize(("name", "data", "needle"), LONE_SURROGATES)
def test_a_lone_surrogate_is_refused_naming_its_row_and_column(
    tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    """JSON can escape half of a UTF-16 pair ("\\ud800"), which is no character: no text can
    hold it, so it is refused like any other text that is not valid, never replaced."""
    path = tmp_path / name
    path.write_bytes(data)
    line = check_refused(path, needle, "not a character")
    assert "this is a bug" not in line


@pytest.mark.parametrize("form", list(Format))
def test_a_lone_surrogate_is_refused_whatever_the_report_format(
    tmp_path: Path, form: Format
) -> None:
    path = tmp_path / "half.json"
    path.write_bytes(b'[{"make":"\\ud800","model":"x"}]')
    report = tmp_path / f"report.{form.value}"
    outcome = scan_in_process(str(path), "--format", form.value, "--output", str(report))
    assert_one_error(outcome, str(path), "row 1, column 'make': holds U+D800")
    assert not report.exists()


def test_a_surrogate_pair_is_one_character_and_read(tmp_path: Path) -> None:
    path = tmp_path / "pair.json"
    path.write_bytes(b'[{"make":"Hikvision","model":"DS-2CD2143","site":"Lab \\ud83d\\ude00"}]')
    report = tmp_path / "report.json"
    outcome = scan_in_process(
        str(path), "-p", "global", "--format", "json", "--output", str(report)
    )
    assert outcome.code == 1, outcome
    assert "Lab \U0001f600" in report.read_text(encoding="utf-8")
