"""A string array's own bytes, and whether any value holds a byte: what the columnar scan
asks of every block (a line break, the key separator, a quote to escape) without a kernel
call per question. A block of a sheet is a slice sharing its whole column's bytes, so what
lies outside the slice must not count."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from duediligence.results.compute import (
    bool_array,
    bool_scalar,
    first_rows,
    holds,
    int_array,
    int_range,
    int_scalar,
    join,
    null_text,
    own_bytes,
    text_array,
    text_scalar,
)


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_a_slice_holds_only_its_own_bytes(kind: pa.DataType) -> None:
    column = pa.array(["a\nb", "Axis", "P1375-E", 'say "hi"', "x\x1fy"], kind)
    block = column.slice(1, 2)
    assert bytes(own_bytes(block)) == b"AxisP1375-E"
    assert not holds(block, b"\n") and not holds(block, b'"') and not holds(block, b"\x1f")
    assert holds(column.slice(0, 1), b"\n")
    assert holds(column.slice(3), b'"') and holds(column.slice(3), b"\x1f")


@pytest.mark.parametrize(
    "values", [[], [""], [None], [None, ""]], ids=["no rows", "empty", "null", "both"]
)
def test_nothing_is_held_where_there_is_no_text(values: list[str | None]) -> None:
    column = pa.array(values, pa.string())
    assert bytes(own_bytes(column)) == b""
    assert not holds(column, b"\n")


def test_a_byte_is_a_byte_not_a_pattern() -> None:
    """Bytes that mean something to a pattern ('.', '\\') are looked for as themselves."""
    column = pa.array(["Axis", "P1375-E"], pa.string())
    assert not holds(column, b".") and not holds(column, b"\\")
    assert holds(pa.array(["C:\\path"], pa.string()), b"\\")


@pytest.mark.parametrize(
    ("values", "needles", "held"),
    [
        pytest.param(["a\rb", "Axis"], (b"\n", b"\r"), True, id="the-second-of-two"),
        pytest.param(["a\nb", "Axis"], (b"\n", b"\r"), True, id="the-first-of-two"),
        pytest.param(["Axis", "P1375-E"], (b"\n", b"\r"), False, id="neither-of-two"),
        pytest.param(["x\x1ey"], (b"\x1f", b"\x1e"), True, id="the-key-escape"),
        pytest.param(["Axis"], (b"x", b"s"), True, id="ordinary-letters"),
    ],
)
def test_any_of_several_bytes_is_looked_for_at_once(
    values: list[str], needles: tuple[bytes, ...], held: bool
) -> None:
    """One search of the values for any of the bytes: a line break in either form, the key
    separator or its escape."""
    assert holds(pa.array(values, pa.string()), *needles) is held


def test_several_bytes_in_a_slice_count_only_inside_it() -> None:
    column = pa.array(["a\rb", "Axis", "P1375-E", "x\ny"], pa.string())
    assert not holds(column.slice(1, 2), b"\n", b"\r")
    assert holds(column.slice(1), b"\r", b"\n")


# Arrays and scalars built from their bytes, where converting Python objects would make
# pyarrow import pandas: each is the array or scalar pyarrow's own conversion builds.

_TEXTS = [
    pytest.param([], id="no values"),
    pytest.param([""], id="empty"),
    pytest.param(["Axis", "", "Hikvision DS-2CD2143G2-I"], id="ascii"),
    pytest.param(["Ünïcødé", "海康威视", "😀 emoji"], id="beyond ascii"),
    pytest.param(["a\nb", 'say "hi"', "x\x1fy", "\x00"], id="controls and quotes"),
]


@pytest.mark.parametrize("values", _TEXTS)
def test_a_text_array_is_what_arrow_converts(values: list[str]) -> None:
    built = text_array(values)
    assert built.equals(pa.array(values, pa.string()))
    assert built.to_pylist() == values


def test_a_lone_surrogate_is_refused_as_arrow_refuses_it() -> None:
    with pytest.raises(UnicodeEncodeError):
        pa.array(["ok", "a\ud800"], pa.string())
    with pytest.raises(UnicodeEncodeError):
        text_array(["ok", "a\ud800"])


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        pytest.param([], pa.int64(), id="no values"),
        pytest.param([0, 1, -1, 2**63 - 1, -(2**63)], pa.int64(), id="int64 bounds"),
        pytest.param([0, 127, -128], pa.int8(), id="int8 bounds"),
        pytest.param([5, -(2**31), 2**31 - 1], pa.int32(), id="int32 bounds"),
        pytest.param([3, -7], pa.int16(), id="int16"),
    ],
)
def test_an_int_array_is_what_arrow_converts(values: list[int], kind: pa.DataType) -> None:
    assert int_array(values, kind).equals(pa.array(values, kind))
    if values:
        assert int_scalar(values[-1], kind).equals(pa.scalar(values[-1], kind))


@pytest.mark.parametrize(
    ("start", "n", "step", "kind"),
    [
        pytest.param(0, 0, 1, pa.int64(), id="none"),
        pytest.param(2, 5, 1, pa.int64(), id="row numbers from a header's next row"),
        pytest.param(0, 4, 32, pa.int32(), id="string offsets"),
        pytest.param(-3, 3, 2, pa.int16(), id="from below zero"),
    ],
)
def test_an_int_range_is_what_arrow_converts_of_a_range(
    start: int, n: int, step: int, kind: pa.DataType
) -> None:
    assert int_range(start, n, step, kind).equals(
        pa.array(range(start, start + n * step, step), kind)
    )


def test_first_rows_are_each_wanted_codes_first_position() -> None:
    codes = pa.array([2, 0, 2, 1, 0], pa.int32())
    assert first_rows(codes, [0, 1, 2]) == [1, 3, 0]
    assert first_rows(codes, []) == []


def test_an_int_array_is_int64_unless_told() -> None:
    assert int_array([1, 2]).type == pa.int64()
    assert int_scalar(1).type == pa.int64()


@pytest.mark.parametrize(
    "values", [[], [True], [False, True, True, False, True, False, False, True, True]]
)
def test_a_bool_array_is_what_arrow_converts(values: list[bool]) -> None:
    assert bool_array(values).equals(pa.array(values, pa.bool_()))


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        pytest.param(text_scalar(""), pa.scalar("", pa.string()), id="empty text"),
        pytest.param(text_scalar("~"), pa.scalar("~", pa.string()), id="text"),
        pytest.param(bool_scalar(True), pa.scalar(True), id="true"),
        pytest.param(bool_scalar(False), pa.scalar(False), id="false"),
        pytest.param(null_text(), pa.scalar(None, pa.string()), id="null text"),
    ],
)
def test_a_scalar_is_what_arrow_converts(scalar: pa.Scalar[Any], expected: pa.Scalar[Any]) -> None:
    assert scalar.equals(expected) and scalar.type == expected.type


def test_join_takes_python_strings_as_text() -> None:
    left = pa.array(["a", None, "c"], pa.string())
    joined = join(left, "-", "|", null_handling="replace", null_replacement="?")
    assert joined.to_pylist() == ["a|-", "?|-", "c|-"]
