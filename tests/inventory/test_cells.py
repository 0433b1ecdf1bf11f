"""A column made text once per distinct cell reads exactly as each cell made text in turn,
whatever Python holds equal: 1, 1.0 and True; 0 and -0.0; a date and midnight that day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duediligence.inventory.cells import cell_text, cells_text, column_text

CELL = st.one_of(
    st.text(alphabet=st.sampled_from(" \t\xa0aZ9-é"), max_size=4),
    st.integers(-3, 3),
    st.sampled_from([0.0, -0.0, 1.0, 1.5, float("nan"), float("inf"), 2.0**53]),
    st.booleans(),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 1, 3)),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2020, 1, 3)),
    st.sampled_from([datetime(2020, 1, 1), time(0, 0), time(1, 2), timedelta(0), None]),
)


@given(st.lists(CELL, min_size=1, max_size=8).flatmap(lambda pool: st.lists(st.sampled_from(pool))))
def test_a_column_reads_as_each_cell_made_text(column: list[Any]) -> None:
    assert column_text(column) == [cell_text(v) for v in column]


@pytest.mark.parametrize(
    ("column", "text"),
    [
        pytest.param([1, 1.0, True, 1], ["1", "1", "TRUE", "1"], id="one-and-true"),
        pytest.param([0, -0.0, 0, False], ["0", "0", "0", "FALSE"], id="zero-and-false"),
        pytest.param(
            [date(2020, 1, 2), datetime(2020, 1, 2), datetime(2020, 1, 2, 5)] * 2,
            ["2020-01-02", "2020-01-02", "2020-01-02T05:00:00"] * 2,
            id="a-day-and-a-time-that-day",
        ),
        pytest.param([" a ", "a", " a "], ["a", "a", "a"], id="text-trimmed"),
        pytest.param([date(2020, 1, 2)] * 3, ["2020-01-02"] * 3, id="one-day-repeated"),
    ],
)
def test_cells_python_holds_equal_keep_their_own_text(column: list[Any], text: list[str]) -> None:
    assert column_text(column) == text == cells_text(column)


def test_columns_made_one_after_another_keep_each_cells_own_text() -> None:
    """Distinct cells' texts are kept from one block to the next: a cell met before under a
    value Python holds equal (1.0, then 1; a day, then midnight that day) reads as itself."""
    columns: list[tuple[list[Any], list[str]]] = [
        ([1.0, 1.0, 2.5], ["1", "1", "2.5"]),
        ([1, 1, 2], ["1", "1", "2"]),
        ([date(2020, 1, 2)] * 2, ["2020-01-02"] * 2),
        (
            [datetime(2020, 1, 2)] * 2 + [datetime(2020, 1, 2, 5)],
            ["2020-01-02"] * 2 + ["2020-01-02T05:00:00"],
        ),
        ([" x ", "x", "x"], ["x", "x", "x"]),
    ]
    for _ in range(2):
        for column, text in columns:
            assert column_text(column) == text == cells_text(column)
