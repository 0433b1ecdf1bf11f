"""A sheet's cells become Arrow text column by column exactly as the row reader makes each
cell text: Python's str.strip for text, cell_text for numbers, dates and booleans. A CSV's
blocks, parsed one ahead, come in the file's order."""

from __future__ import annotations

import threading
from collections.abc import Generator
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duediligence.inventory import blocks
from duediligence.inventory.blocks import CsvBlocks, Refused, _cell_batch, _text_column
from duediligence.inventory.cells import cell_text

EDGES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2003\u200a\u2028\u3000\u200b\ufeff"
"""Spaces by Python's measure and Arrow's, ASCII and not, and two that neither trims (zero
width space, byte-order mark)."""
TEXT = st.text(alphabet=st.sampled_from(EDGES + "aZ09-/é海"), max_size=6)
CELL = st.one_of(
    TEXT,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


def by_row(column: tuple[Any, ...]) -> list[str]:
    return [v.strip() if type(v) is str else cell_text(v) for v in column]


@given(st.lists(TEXT, min_size=1, max_size=40))
def test_a_column_of_text_is_trimmed_as_python_trims_it(column: list[str]) -> None:
    assert _text_column(tuple(column)).to_pylist() == by_row(tuple(column))


@given(st.lists(st.text(alphabet=st.sampled_from(" \t\x1c\x1fab"), max_size=4), min_size=1))
def test_an_ascii_column_is_trimmed_as_python_trims_it(column: list[str]) -> None:
    """ASCII text takes Arrow's trim, which leaves the separators \\x1c-\\x1f alone."""
    assert _text_column(tuple(column)).to_pylist() == by_row(tuple(column))


@given(st.lists(CELL, min_size=1, max_size=40))
def test_a_column_of_anything_reads_as_the_row_reader_reads_it(column: list[Any]) -> None:
    assert _text_column(tuple(column)).to_pylist() == by_row(tuple(column))


@given(st.lists(st.dates(), min_size=1, max_size=40))
def test_a_column_of_dates_alone_reads_as_the_row_reader_reads_it(column: list[date]) -> None:
    """Arrow makes such a column text itself: every date Python holds, years 1 to 9999."""
    assert _text_column(tuple(column)).to_pylist() == by_row(tuple(column))


@pytest.mark.parametrize(
    "column",
    [
        pytest.param((date(2020, 5, 1), datetime(2020, 5, 1, 9, 30)), id="a date-time among"),
        pytest.param((date(2020, 5, 1), datetime(2020, 5, 1)), id="a midnight date-time among"),
        pytest.param((date(1, 1, 1), date(999, 12, 31), date(9999, 12, 31)), id="far dates"),
        pytest.param((date(2020, 5, 1), "2020-05-01 "), id="text among"),
        pytest.param((date(2020, 5, 1), None), id="an empty cell among"),
    ],
)
def test_dates_beside_other_cells_read_as_the_row_reader_reads_them(
    column: tuple[Any, ...],
) -> None:
    assert _text_column(column).to_pylist() == by_row(column)


def test_numbers_and_dates_read_as_a_person_sees_them() -> None:
    column = (12.0, 2.5, datetime(2021, 3, 4), date(2020, 1, 2), True, "  x ")
    assert _text_column(column).to_pylist() == [
        "12",
        "2.5",
        "2021-03-04",
        "2020-01-02",
        "TRUE",
        "x",
    ]


def test_a_block_with_text_past_the_header_is_left_to_the_row_reader() -> None:
    names = ["c0", "c1"]
    assert _cell_batch([["a", "b", ""], ["c", "d", "  "]], 2, names) is not None
    assert _cell_batch([["a", "b", ""], ["c", "d", "x"]], 2, names) is None
    assert _cell_batch([["a", "b", ""], ["c", "d", 0.0]], 2, names) is None


def _csv(tmp_path: Path, lines: list[str]) -> CsvBlocks:
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return CsvBlocks(path, ",", 2)


@pytest.mark.parametrize(
    ("wide", "refused"),
    [pytest.param(None, False, id="every-block"), pytest.param(25, True, id="a-row-too-wide")],
)
def test_blocks_parsed_ahead_come_in_file_order_and_a_refusal_in_its_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: int | None, refused: bool
) -> None:
    """The next block is parsed on a thread while this one is judged: the blocks still come
    in the file's order, and a block Arrow refuses stops them where it lies, after every
    block before it."""
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 64)
    lines = [f"Make{n},M{n}" + (",wide" if n == wide else "") for n in range(40)]
    got: list[str] = []
    stopped = False
    try:
        for batch in _csv(tmp_path, lines).batches():
            got += [str(make) for make in batch.column(0).to_pylist()]
    except Refused:
        stopped = True
    assert stopped == refused
    makes = [f"Make{n}" for n in range(40)]
    if wide is None:
        assert got == makes
    else:
        assert 0 < len(got) <= wide and got == makes[: len(got)]


def test_a_consumer_that_stops_early_leaves_no_read_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the blocks after the first waits for the block being read ahead and closes
    the reader: no thread is left reading."""
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 64)
    before = {t.name for t in threading.enumerate()}
    them = cast(
        Generator[Any, None, None], _csv(tmp_path, [f"Make{n},M{n}" for n in range(40)]).batches()
    )
    assert next(them).num_rows > 0
    them.close()
    assert not any(
        t.name.startswith("csv-ahead") and t.name not in before for t in threading.enumerate()
    )
