"""A date column's order of day and month: decided once from its values, said when assumed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from duediligence.errors import InputError
from duediligence.inventory.dates import Rows, decide, read_ahead
from duediligence.inventory.read import open_inventory
from duediligence.results.assets import DateOrder, Field, parse_date

DAY, MONTH = DateOrder.DAY_FIRST, DateOrder.MONTH_FIRST


@pytest.mark.parametrize(
    ("values", "order", "warned"),
    [
        pytest.param(["01.02.2021", "25.03.2021", "04.05.2022"], DAY, None, id="one-day-past-12"),
        pytest.param(["02/01/2021", "03/25/2021", "05/04/2022"], MONTH, None, id="us-month-first"),
        pytest.param(["01-02-2021", "31-12-2020"], DAY, None, id="hyphens-day-first"),
        pytest.param(["2021-02-01", "25/03/2021"], DAY, None, id="iso-values-do-not-count"),
        pytest.param(
            ["01.02.2021", "03.04.2021"],
            DAY,
            "every date such as '01.02.2021' has its day and month both 12 or under, so their"
            " order cannot be told: read as DD/MM/YYYY (dates with dots are written day first)",
            id="ambiguous-dots",
        ),
        pytest.param(
            ["01/02/2021", "03/04/21"],
            MONTH,
            "read as MM/DD/YYYY (as Excel writes dates with slashes in the United States)",
            id="ambiguous-slashes",
        ),
        pytest.param(
            ["01-02-2021"],
            DAY,
            "read as DD/MM/YYYY (as dates with hyphens are written outside the United States)",
            id="ambiguous-hyphens",
        ),
        pytest.param(
            ["25/03/2021", "26/03/2021", "03/27/2021"],
            DAY,
            "writes dates both day first (2 such as '25/03/2021') and month first (1 such as"
            " '03/27/2021'): read as DD/MM/YYYY, the more common; dates in the other order (1)"
            " are not read",
            id="mixed-majority-wins",
        ),
    ],
)
def test_a_columns_order_is_decided_from_all_its_values(
    values: list[str], order: DateOrder, warned: str | None
) -> None:
    orders, warnings = decide({Field.PURCHASED: ("Purchased", values)})
    assert orders == {Field.PURCHASED: order}
    if warned is None:
        assert warnings == []
    else:
        (warning,) = warnings
        assert warning.startswith("column 'Purchased'") and warned in warning


def test_columns_without_dates_of_numbers_alone_have_no_order() -> None:
    values = ["2021-02-01", "43952", "unknown", ""]
    assert decide({Field.PURCHASED: ("Purchased", values)}) == ({}, [])


def test_an_ambiguous_column_takes_the_order_another_column_shows() -> None:
    orders, (warning,) = decide(
        {
            Field.PURCHASED: ("Bought", ["03/25/2021", "01/02/2021"]),
            Field.INSTALLED: ("Installed", ["04/05/2021"]),
        }
    )
    assert orders == {Field.PURCHASED: MONTH, Field.INSTALLED: MONTH}
    assert (
        "column 'Installed'" in warning and "as another date column of this table shows" in warning
    )


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        pytest.param("25.03.2021", DAY, date(2021, 3, 25), id="day-first"),
        pytest.param("03/25/2021", MONTH, date(2021, 3, 25), id="month-first"),
        pytest.param("03/04/2021", DAY, date(2021, 4, 3), id="ambiguous-read-day-first"),
        pytest.param("03/04/2021", MONTH, date(2021, 3, 4), id="ambiguous-read-month-first"),
        pytest.param("25.03.21", DAY, date(2021, 3, 25), id="two-digit-year"),
        pytest.param("25.03.98", DAY, date(1998, 3, 25), id="two-digit-year-last-century"),
        pytest.param("25.03.2021 14:30", DAY, date(2021, 3, 25), id="with-a-time"),
        pytest.param("03/25/2021", DAY, None, id="against-the-order-is-no-date"),
        pytest.param("03/04/2021", None, None, id="no-order-no-guess"),
        pytest.param("2021-03-25", DAY, date(2021, 3, 25), id="iso-whatever-the-order"),
    ],
)
def test_dates_of_numbers_alone_are_read_in_the_columns_order(
    text: str, order: DateOrder | None, expected: date | None
) -> None:
    assert parse_date(text, order) == expected


def test_rows_read_ahead_come_back_in_order_then_the_rest() -> None:
    def rows() -> Rows:
        for n in range(2, 8):
            yield n, ["Acme", f"0{n}.01.2021"]

    again, values = read_ahead(rows(), {Field.PURCHASED: 1}, limit=3)
    assert values == {Field.PURCHASED: ["02.01.2021", "03.01.2021", "04.01.2021"]}
    assert [n for n, _ in again] == [2, 3, 4, 5, 6, 7]


def test_an_error_in_the_rows_read_ahead_is_raised_where_it_was_met() -> None:
    def rows() -> Rows:
        yield 2, ["Acme", "25.01.2021"]
        raise InputError("line 3: not valid CSV", "inv.csv")

    again, values = read_ahead(rows(), {Field.PURCHASED: 1})
    assert values == {Field.PURCHASED: ["25.01.2021"]}
    assert next(again) == (2, ["Acme", "25.01.2021"])
    with pytest.raises(InputError, match="line 3"):
        next(again)


@pytest.mark.parametrize(
    ("text", "expected", "warned"),
    [
        pytest.param(
            "Hersteller;Modell;Kaufdatum\nHikvision;DS-2CD2143G2-I;05.01.2021\n"
            "Axis;P3245-LVE;25.03.2021\n",
            [date(2021, 1, 5), date(2021, 3, 25)],
            False,
            id="german-day-first",
        ),
        pytest.param(
            "Make,Model,Purchase Date\nHikvision,DS-2CD2143G2-I,01/05/2021\n"
            "Axis,P3245-LVE,03/25/2021\n",
            [date(2021, 1, 5), date(2021, 3, 25)],
            False,
            id="us-month-first",
        ),
        pytest.param(
            "Make,Model,Purchase Date\nHikvision,DS-2CD2143G2-I,01/05/2021\n"
            "Axis,P3245-LVE,03/04/2021\n",
            [date(2021, 1, 5), date(2021, 3, 4)],
            True,
            id="ambiguous-assumed-and-said",
        ),
    ],
)
def test_a_register_reads_every_row_in_its_columns_order(
    tmp_path: Path, text: str, expected: list[date], warned: bool
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(text, encoding="utf-8")
    inventory = open_inventory(path)
    assert [a.purchased for a in inventory.assets()] == expected
    ambiguous = [w for w in inventory.warnings if "cannot be told" in w]
    assert len(ambiguous) == (1 if warned else 0)


def test_a_sheets_text_dates_are_read_in_its_columns_order(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [("Make", "Model", "Installed"), ("Axis", "P3245-LVE", "05.01.2021")]:
        sheet.append(row)
    sheet.append(("Bosch", "NDE-3502-AL", date(2021, 3, 25)))  # a date cell, as Excel keeps one
    sheet.append(("Dahua", "IPC-HFW2231T-ZS", "25.03.2021"))
    path = tmp_path / "inv.xlsx"
    book.save(path)
    inventory = open_inventory(path)
    assert inventory.dates == {Field.INSTALLED: DAY}
    assert [a.installed for a in inventory.assets()] == [
        date(2021, 1, 5),
        date(2021, 3, 25),
        date(2021, 3, 25),
    ]
