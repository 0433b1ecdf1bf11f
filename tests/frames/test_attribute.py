"""`attribute`: each row of a pandas, polars or Arrow frame says what a scan of the same rows
says, the frame comes back of its kind with its rows in order, and bad frames are refused
clearly or read as they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import duediligence
from duediligence.errors import UsageError
from duediligence.frames.judged import COLUMNS
from duediligence.pack.loader import Pack
from tests.frames.register import agrees, scanned, write_register

AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return duediligence.load_pack()


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    path = tmp_path_factory.mktemp("register") / "register.csv"
    return path, write_register(path)


def _rows(out: Any) -> list[dict[str, Any]]:
    if isinstance(out, pd.DataFrame):
        return cast(list[dict[str, Any]], out.to_dict("records"))
    if isinstance(out, pl.DataFrame):
        return cast(list[dict[str, Any]], out.to_dicts())
    assert isinstance(out, pa.Table)
    return out.to_pylist()


KINDS = [
    pytest.param(pd.DataFrame, pd.DataFrame, id="pandas"),
    pytest.param(pl.DataFrame, pl.DataFrame, id="polars"),
    pytest.param(pa.Table.from_pylist, pa.Table, id="arrow"),
]


@pytest.mark.parametrize("profile", [pytest.param("us-federal", id="us-federal"), None])
@pytest.mark.parametrize(("make", "kind"), KINDS)
def test_every_row_says_what_the_scan_says(
    register: tuple[Path, list[dict[str, str]]],
    pack: Pack,
    profile: str | None,
    make: Any,
    kind: type,
) -> None:
    path, rows = register
    expected = scanned(path, profile, len(rows))
    out = duediligence.attribute(make(rows), profile=profile, as_of=AS_OF, pack=pack)
    assert isinstance(out, kind)
    got = _rows(out)
    agrees(expected, got)
    assert [r["Asset Tag"] for r in got] == [r["Asset Tag"] for r in rows]  # in order
    assert list(got[0])[-len(COLUMNS) :] == list(COLUMNS)


def test_clean_rows_still_name_their_maker(pack: Pack) -> None:
    # Lorex belonged to Dahua only from 2018 to 2022: bought in 2024, nothing binds
    rows = [{"Make": "Lorex", "Purchase Date": "2024-05-01"}]
    (row,) = _rows(duediligence.attribute(pa.Table.from_pylist(rows), pack=pack, as_of=AS_OF))
    assert (row["dd_entity"], row["dd_flagged"], row["dd_rules"]) == ("lorex", False, [])
    assert row["dd_severity"] is None and row["dd_confidence"] > 0.5


def test_pandas_index_and_input_are_kept(pack: Pack) -> None:
    frame = pd.DataFrame({"Make": ["Axis", "Hikvision"]}, index=["b", "a"])
    before = frame.copy()
    out = duediligence.attribute(frame, pack=pack, as_of=AS_OF)
    assert list(out.index) == ["b", "a"]
    assert out.loc["a", "dd_entity"] == "hikvision" and out.loc["a", "dd_flagged"]
    assert list(out.loc["a", "dd_rules"]) and not out.loc["b", "dd_flagged"]
    pd.testing.assert_frame_equal(frame, before)


def test_attributed_twice_replaces_the_columns(pack: Pack) -> None:
    once = duediligence.attribute(pl.DataFrame({"Make": ["Dahua"]}), pack=pack, as_of=AS_OF)
    twice = duediligence.attribute(once, pack=pack, as_of=AS_OF)
    assert twice.columns == once.columns and twice.equals(once)


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(pd.DataFrame({"Make": [None, 3, 2.5, "Hikvision"]}), id="pandas-mixed"),
        pytest.param(pl.DataFrame({"Make": [None, None, None, "Hikvision"]}), id="polars-nulls"),
        pytest.param(
            pa.table({"Make": pa.array(["x", None, "y", "Hikvision"]).dictionary_encode()}),
            id="arrow-dictionary",
        ),
        pytest.param(
            pa.table({"Make": [[1], [2], [], [3]], "Model": ["", "", "", "DS-2CD2143G2-I"]}),
            id="arrow-list",
        ),
    ],
)
def test_nulls_and_other_types_are_cast_never_raised(frame: Any, pack: Pack) -> None:
    rows = _rows(duediligence.attribute(frame, pack=pack, as_of=AS_OF))
    assert len(rows) == 4
    assert [r["dd_flagged"] for r in rows[:3]] == [False, False, False]


def test_numbers_and_dates_read_as_written(pack: Pack) -> None:
    # Lorex was Dahua's from 2018 to 2022: the date decides, whatever type holds it
    frame = pd.DataFrame(
        {
            "Make": ["Lorex", "Lorex"],
            "Purchase Date": pd.to_datetime(["2020-03-01", "2024-03-01"]),
        }
    )
    rows = _rows(duediligence.attribute(frame, pack=pack, as_of=AS_OF))
    assert [r["dd_flagged"] for r in rows] == [True, False]


def test_column_map_names_the_column(pack: Pack) -> None:
    frame = pl.DataFrame({"Kit": ["Hikvision"], "Where": ["Depot"]})
    (row,) = _rows(
        duediligence.attribute(frame, column_map={"make": "Kit"}, pack=pack, as_of=AS_OF)
    )
    assert row["dd_entity"] == "hikvision"


@pytest.mark.parametrize(
    ("frame", "column_map", "said"),
    [
        pytest.param(
            pd.DataFrame({"Site": ["Depot"], "Floor": ["2"]}),
            None,
            "no column says who made the items",
            id="no-make-model-or-mac",
        ),
        pytest.param(
            pd.DataFrame({"Make": ["Axis"]}),
            {"make": "Brand"},
            "column_map make=Brand: no column 'Brand'",
            id="map-names-a-missing-column",
        ),
        pytest.param(
            pd.DataFrame({"Make": ["Axis"]}),
            {"Radios:make": "Make"},
            "a frame has none",
            id="map-names-a-sheet",
        ),
        pytest.param([{"Make": "Axis"}], None, "not list", id="not-a-frame"),
    ],
)
def test_bad_frames_are_refused_naming_what_was_seen(
    frame: Any, column_map: dict[str, str] | None, said: str, pack: Pack
) -> None:
    with pytest.raises(UsageError, match=said) as caught:
        duediligence.attribute(frame, column_map=column_map, pack=pack)
    if "no column says" in said:
        assert "'Site', 'Floor'" in str(caught.value)


def test_unknown_profile_is_refused(pack: Pack) -> None:
    with pytest.raises(UsageError, match="unknown profile 'nobody'"):
        duediligence.attribute(pa.table({"Make": ["Axis"]}), profile="nobody", pack=pack)


@pytest.mark.parametrize(("make", "kind"), KINDS)
def test_an_empty_frame_comes_back_with_the_columns(make: Any, kind: type, pack: Pack) -> None:
    empty: Any = make([{"Site": "x"}])
    empty = empty.iloc[:0] if kind is pd.DataFrame else empty.slice(0, 0)
    out: Any = duediligence.attribute(empty, pack=pack)
    names = out.columns if kind is not pa.Table else out.column_names
    assert (list(names), len(out)) == (["Site", *COLUMNS], 0)
    assert isinstance(out, kind)


def test_a_large_frame_is_judged_across_batches(pack: Pack) -> None:
    makes = ["Hikvision", "Axis", "Dahua", ""] * 30_000  # more rows than one batch
    out = duediligence.attribute(pa.table({"Make": makes}), pack=pack, as_of=AS_OF)
    flagged = out.column("dd_flagged").to_pylist()
    assert flagged == [True, False, True, False] * 30_000
