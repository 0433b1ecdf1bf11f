from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from duediligence.pack.dates import PartialDate, first_day, last_day, within

partial = TypeAdapter(PartialDate)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(date(2019, 8, 13), "2019-08-13", id="yaml-date"),
        pytest.param(2017, "2017", id="yaml-int-year"),
        pytest.param("2018-06", "2018-06", id="month"),
        pytest.param("2022-11-24", "2022-11-24", id="day"),
    ],
)
def test_partial_dates_keep_their_precision(raw: object, expected: str) -> None:
    assert partial.validate_python(raw) == expected


@pytest.mark.parametrize("raw", ["2020-13", "2021-02-30", "June 2018", "", True, "18-06"])
def test_invalid_dates_are_rejected_with_a_clear_message(raw: object) -> None:
    with pytest.raises(ValidationError, match="invalid date"):
        partial.validate_python(raw)


def test_partial_dates_are_read_widely() -> None:
    assert first_day("2018-02") == date(2018, 2, 1)
    assert last_day("2022-11") == date(2022, 11, 30)
    assert last_day("2024") == date(2024, 12, 31)
    assert last_day("2024-02") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("when", "inside"),
    [
        (date(2018, 1, 31), False),
        (date(2018, 2, 1), True),
        (date(2022, 11, 30), True),
        (date(2022, 12, 1), False),
    ],
)
def test_within_uses_the_widest_reading(when: date, inside: bool) -> None:
    assert within(when, "2018-02", "2022-11") is inside


def test_open_ended_ranges() -> None:
    assert within(date(1990, 1, 1), None, "2020")
    assert within(date(2090, 1, 1), "2020", None)


@pytest.mark.parametrize(
    ("value", "last"),
    [
        pytest.param("2023-02", date(2023, 2, 28), id="february"),
        pytest.param("2000-02", date(2000, 2, 29), id="february-of-a-leap-century"),
        pytest.param("1900-02", date(1900, 2, 28), id="february-of-a-century-not-leap"),
        pytest.param("2024-01", date(2024, 1, 31), id="january"),
        pytest.param("2024-04", date(2024, 4, 30), id="april"),
        pytest.param("2024-12", date(2024, 12, 31), id="december"),
        pytest.param("9999-12", date(9999, 12, 31), id="the-last-month-date-holds"),
        pytest.param("9999", date(9999, 12, 31), id="the-last-year-date-holds"),
    ],
)
def test_a_month_ends_on_its_last_day(value: str, last: date) -> None:
    assert last_day(value) == last
