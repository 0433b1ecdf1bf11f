"""Frames as inventories: every column read as the text a person sees, nulls as empty cells,
never a failure; the column mapping decided once, by name, for every part of a frame."""

from __future__ import annotations

import pickle
from datetime import date, datetime
from typing import Any

import pyarrow as pa
import pytest

from duediligence.errors import UsageError
from duediligence.inventory.frames import (
    FrameMap,
    arrow_of,
    frame_inventory,
    frame_kind,
    map_frame,
    text_table,
)
from duediligence.results.assets import DateOrder, Field


@pytest.mark.parametrize(
    ("column", "text"),
    [
        pytest.param(pa.array(["Axis", None, ""]), ["Axis", "", ""], id="nulls-empty"),
        pytest.param(pa.array([12, None, 3]), ["12", "", "3"], id="integers"),
        pytest.param(pa.array([12.0, 1.5, None]), ["12", "1.5", ""], id="floats"),
        pytest.param(pa.array([True, False]), ["true", "false"], id="booleans"),
        pytest.param(pa.array([date(2021, 3, 14)]), ["2021-03-14"], id="dates"),
        pytest.param(
            pa.array([datetime(2021, 3, 14), None]), ["2021-03-14", ""], id="midnights-as-dates"
        ),
        pytest.param(
            pa.array([datetime(2021, 3, 14, 9, 30)]),
            ["2021-03-14 09:30:00.000000"],
            id="times-kept",
        ),
        pytest.param(
            pa.array(["Dahua", "Dahua", None]).dictionary_encode(),
            ["Dahua", "Dahua", ""],
            id="dictionary",
        ),
        pytest.param(pa.array([[1, 2], None]), ["[1, 2]", ""], id="lists-as-python-writes"),
        pytest.param(pa.array([None, None], pa.null()), ["", ""], id="all-null"),
        pytest.param(pa.array(["Hik\x1fvision"]), ["Hik vision"], id="separator-as-space"),
        pytest.param(pa.array(["  Axis  "]), ["  Axis  "], id="spaces-kept-as-a-csv-keeps"),
    ],
)
def test_every_column_becomes_the_text_a_person_sees(column: Any, text: list[str]) -> None:
    table = text_table(pa.table({"c": column}))
    assert table.schema.field("c").type == pa.string()
    assert table.column("c").to_pylist() == text


def test_repeated_and_unnamed_columns_get_names_as_a_header_does() -> None:
    table = text_table(pa.Table.from_arrays([pa.array(["a"]), pa.array(["b"])], ["Make", "Make"]))
    assert table.column_names == ["Make", "Make (2)"]


@pytest.mark.parametrize(
    ("frame", "kind"),
    [
        pytest.param(pa.table({"a": [1]}), "arrow", id="arrow"),
        pytest.param([{"a": 1}], "", id="a-list"),
        pytest.param({"a": [1]}, "", id="a-dict"),
    ],
)
def test_the_kind_of_frame_is_told_without_importing_its_library(frame: Any, kind: str) -> None:
    assert frame_kind(frame) == kind


def test_anything_but_a_frame_is_refused() -> None:
    with pytest.raises(UsageError, match="expected a pandas DataFrame, .* not dict"):
        arrow_of({"Make": ["Axis"]})


def test_columns_are_mapped_by_header_and_content_and_dates_ordered() -> None:
    table = text_table(
        pa.table(
            {
                "Kit": ["44:19:B6:12:34:56", "00:40:8C:00:00:01", "AC:CC:8E:00:00:02"],
                "Manufacturer": ["Hikvision", "Axis", "Axis"],
                "Bought": ["25/12/2021", "03/04/2021", "03/05/2021"],
            }
        )
    )
    mapping = map_frame(table, {Field.PURCHASED: "Bought"}, None)
    assert dict(mapping.fields)[Field.MAKE] == "Manufacturer"
    assert dict(mapping.fields)[Field.MAC] == "Kit"  # by what it holds
    assert dict(mapping.dates) == {Field.PURCHASED: DateOrder.DAY_FIRST}
    assert pickle.loads(pickle.dumps(mapping)) == mapping  # sent to workers


def test_a_partition_is_read_through_the_mapping_of_the_first_rows() -> None:
    mapping = FrameMap(((Field.MAKE, "Brand"),))
    inventory = frame_inventory(["Site", "brand"], [], mapping)
    assert inventory.columns.fields == {Field.MAKE: 1}  # header keys, as a file's
    with pytest.raises(UsageError, match="no column 'Brand', read as make"):
        frame_inventory(["Site"], [], mapping)


def test_a_frame_without_rows_is_not_asked_for_a_make_column() -> None:
    empty = text_table(pa.table({"Site": pa.array([], pa.string())}))
    assert dict(map_frame(empty, {}, None).fields) == {Field.SITE: "Site"}
    with pytest.raises(UsageError, match="found 'Site'"):
        map_frame(text_table(pa.table({"Site": ["Depot"]})), {}, None)
