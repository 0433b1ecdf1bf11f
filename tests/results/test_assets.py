from datetime import date

import pytest

from duediligence.inventory.columns import map_columns
from duediligence.results.assets import Asset, Location, parse_date


def test_build_asset_keeps_every_original_value() -> None:
    header = ["Tag", "Make", "Model", "Cost", "Purchased"]
    cmap = map_columns(header, {}, "inv.csv")
    cells = ["CAM-1", " Acme ", "AC-1234B", "120", "2020-06-01", "stray"]
    asset = Asset.from_cells(Location("inv.csv", 2), cmap.header, cmap.fields, cells)
    assert (asset.asset_id, asset.make, asset.model) == ("CAM-1", "Acme", "AC-1234B")
    assert asset.purchased == date(2020, 6, 1)
    assert asset.fields == {
        "Tag": "CAM-1",
        "Make": "Acme",
        "Model": "AC-1234B",
        "Cost": "120",
        "Purchased": "2020-06-01",
        "(unnamed column 6)": "stray",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06-01", date(2020, 6, 1)),
        ("2020/06/01", date(2020, 6, 1)),
        ("2020-06-01 00:00:00", date(2020, 6, 1)),
        (" 20200601 ", date(2020, 6, 1)),
        ("43983", date(2020, 6, 1)),
        ("03/04/2020", None),
        ("12345", None),
        ("123456", None),
        ("soon", None),
        ("2020-02-29", date(2020, 2, 29)),
        ("2021-02-29", None),
        ("2021-13-01", None),
        ("0000-01-01", None),
        ("2021-03-0a", None),
        ("2021-3-01", date(2021, 3, 1)),
        ("\u0662\u0660\u0662\u0661-\u0660\u0663-\u0660\u0661", None),
    ],
)
def test_only_unambiguous_dates_and_excel_day_numbers_are_read(
    text: str, expected: date | None
) -> None:
    assert parse_date(text) == expected
