"""The waivers file: its exact shape, and every problem named with its line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.gate.waivers import load_waivers

GOOD = """\
waivers:
  - asset: CAM-0042          # an asset id
    rule: US-NDAA-889-*
    reason: Scheduled for replacement in Q1; camera VLAN has no route out
    approved_by: Head of Security
    expires: 2027-03-31
  - fingerprint: 0123456789abcdef0123456789abcdef
    rule: "*"
    reason: Lab equipment, offline
    approved_by: CISO
    expires: "2027-01-15"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_shape_loads_with_where_each_entry_is(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    first, second = load_waivers(path)
    assert first.waiver.asset == "CAM-0042"
    assert first.waiver.rule == "US-NDAA-889-*"
    assert first.waiver.expires == date(2027, 3, 31)
    assert first.where == f"{path}:2 (waivers[0])"
    assert second.waiver.fingerprint == "0123456789abcdef0123456789abcdef"
    assert second.waiver.expires == date(2027, 1, 15)
    assert second.where == f"{path}:7 (waivers[1])"


def test_a_numeric_asset_id_is_text(tmp_path: Path) -> None:
    text = (
        "waivers:\n  - {asset: 1042, rule: '*', reason: r, approved_by: a, expires: 2027-01-01}\n"
    )
    assert load_waivers(write(tmp_path, text))[0].waiver.asset == "1042"


def test_an_empty_file_has_no_waivers(tmp_path: Path) -> None:
    assert load_waivers(write(tmp_path, "")) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{asset: A, rule: '*', approved_by: a, expires: 2027-01-01}", "reason: required"),
        ("{asset: A, rule: '*', reason: r, expires: 2027-01-01}", "approved_by: required"),
        ("{asset: A, rule: '*', reason: r, approved_by: a}", "expires: required"),
        ("{asset: A, rule: '*', reason: '  ', approved_by: a, expires: 2027-01-01}", "blank"),
        ("{asset: A, rule: '*', reason: r, approved_by: a, expires: 2027-13-01}", "expires"),
        ("{rule: '*', reason: r, approved_by: a, expires: 2027-01-01}", "exactly one of"),
        (
            "{asset: A, fingerprint: 0123456789abcdef0123456789abcdef, rule: '*', reason: r,"
            " approved_by: a, expires: 2027-01-01}",
            "exactly one of",
        ),
        ("{fingerprint: xyz, rule: '*', reason: r, approved_by: a, expires: 2027-01-01}", "fin"),
        ("{asset: A, rule: '*', reason: r, approved_by: a, expires: 2027-01-01, by: me}", "by"),
    ],
)
def test_an_incomplete_waiver_is_refused_naming_file_line_and_field(
    tmp_path: Path, entry: str, problem: str
) -> None:
    path = write(
        tmp_path,
        f"waivers:\n  - asset: OK\n    rule: '*'\n    reason: r\n"
        f"    approved_by: a\n    expires: 2027-01-01\n  - {entry}\n",
    )
    with pytest.raises(InputError) as caught:
        load_waivers(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: invalid waivers file (1 problem)")
    assert "line 7: waivers[1]" in message
    assert problem in message


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "waivers:\n  - {asset: A}\n  - {asset: B}\n")
    message = str(pytest.raises(InputError, load_waivers, path).value)
    assert "(8 problems)" in message
    assert "line 2: waivers[0].reason: required" in message
    assert "line 3: waivers[1].expires: required" in message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("waivers: [unclosed\n", "not valid YAML"),
        ("!!python/object:os.system {}\n", "not valid YAML"),
        ("- asset: A\n", "invalid waivers file"),
    ],
)
def test_a_file_of_another_shape_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        load_waivers(write(tmp_path, text))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="waivers file not found"):
        load_waivers(tmp_path / "nope.yml")
