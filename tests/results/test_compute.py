"""A string array's own bytes, and whether any value holds a byte: what the columnar scan
asks of every block (a line break, the key separator, a quote to escape) without a kernel
call per question. A block of a sheet is a slice sharing its whole column's bytes, so what
lies outside the slice must not count."""

from __future__ import annotations

import pyarrow as pa
import pytest

from duediligence.results.compute import holds, own_bytes


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
