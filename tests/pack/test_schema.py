"""Pack records' constraints: one marker, two readers (pydantic on files, the plain check on
the cache), and both must draw the same line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

import pytest

from duediligence.pack.dates import FullDate, PartialDate
from duediligence.pack.entities import Entity, Ownership
from duediligence.pack.records import from_data
from duediligence.pack.schema import Check, Invalid, Items, Number, Record, Text, validate


def _even(value: int) -> int:
    if value % 2:
        raise ValueError("must be even")
    return value


@dataclass(frozen=True, kw_only=True)
class Sample(Record):
    code: Annotated[str, Text(pattern=r"^[A-Z]{2}$")] = "AB"
    words: Annotated[str, Text(min_length=2)] = "ab"
    items: Annotated[list[str], Items(min_length=1)] = field(default_factory=lambda: ["x"])
    share: Annotated[float, Number(ge=0, le=100)] = 1.0
    even: Annotated[int, Check(_even)] = 2
    since: PartialDate = "2020"
    day: FullDate | None = None


FIELDS = {"code", "words", "items", "share", "even", "since", "day"}

ACCEPTED = [
    pytest.param("code", "CN", id="code-two-capitals"),
    pytest.param("words", "abc", id="words-long-enough"),
    pytest.param("items", ["a", "b"], id="items-two"),
    pytest.param("share", 0.0, id="share-at-the-floor"),
    pytest.param("share", 100.0, id="share-at-the-ceiling"),
    pytest.param("even", 4, id="even-four"),
    pytest.param("since", "2018-06", id="since-a-month"),
    pytest.param("day", "2026-11-23", id="day-a-full-date"),
]

REFUSED = [
    pytest.param("code", "cn", id="code-lower-case"),
    pytest.param("code", "CNX", id="code-three-letters"),
    pytest.param("words", "a", id="words-too-short"),
    pytest.param("items", [], id="items-empty"),
    pytest.param("share", 100.5, id="share-above-100"),
    pytest.param("share", -1.0, id="share-negative"),
    pytest.param("even", 3, id="even-three"),
    pytest.param("since", "2018-13", id="since-month-13"),
    pytest.param("day", "2026-02-30", id="day-not-in-the-calendar"),
]


def _stored(name: str, value: object) -> dict[str, Any]:
    """A cache entry's form of a Sample: every field, `name` set to `value`."""
    defaults: dict[str, Any] = {
        "code": "AB",
        "words": "ab",
        "items": ["x"],
        "share": 1.0,
        "even": 2,
        "since": "2020",
        "day": None,
    }
    assert set(defaults) == FIELDS
    return defaults | {name: value}


@pytest.mark.parametrize(("name", "value"), ACCEPTED)
def test_both_readers_accept_what_the_schema_allows(name: str, value: object) -> None:
    from_files = validate(Sample, {name: value})
    assert from_data(Sample, _stored(name, value)) == from_files


@pytest.mark.parametrize(("name", "value"), REFUSED)
def test_both_readers_refuse_what_the_schema_forbids(name: str, value: object) -> None:
    with pytest.raises(Invalid) as caught:
        validate(Sample, {name: value})
    assert [loc for loc, _ in caught.value.problems] == [(name,)]
    with pytest.raises(ValueError):
        from_data(Sample, _stored(name, value))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            {"colour": "red"}, (("colour",), "Extra inputs are not permitted"), id="unknown-key"
        ),
        pytest.param(
            "text",
            ((), "Input should be a valid dictionary or instance of Sample"),
            id="not-a-mapping",
        ),
        pytest.param(
            {"share": 101},
            (("share",), "Input should be less than or equal to 100"),
            id="pydantic-wording",
        ),
        pytest.param({"even": 5}, (("even",), "Value error, must be even"), id="a-check"),
    ],
)
def test_a_file_problem_is_worded_as_pack_authors_know_it(
    data: object, problem: tuple[tuple[str, ...], str]
) -> None:
    """A few errors are worded as pydantic words them for its models, which pack authors
    read before the records were dataclasses."""
    with pytest.raises(Invalid) as caught:
        validate(Sample, data)
    assert caught.value.problems == [problem]


def test_a_record_check_across_fields_runs_for_both_readers() -> None:
    """`__post_init__` is the record's own check: a clause that must establish a fact names
    the equipment it concerns, whichever reader built it."""
    from duediligence.pack.measures import Coverage

    clause = {"establish": "country_of_production"}
    with pytest.raises(Invalid) as caught:
        validate(Coverage, clause)
    assert caught.value.problems == [
        ((), "Value error, 'establish' needs the 'equipment' categories it concerns")
    ]
    stored = {**_coverage_fields(), **clause}
    with pytest.raises(ValueError, match="needs the 'equipment'"):
        from_data(Coverage, stored)


def _coverage_fields() -> dict[str, Any]:
    from duediligence.pack.measures import Coverage
    from duediligence.pack.records import to_data

    data: dict[str, Any] = to_data(Coverage())
    return data


def test_records_are_frozen() -> None:
    entity = validate(Entity, {"id": "x", "name": "X", "country": "CN", "sources": ["S"]})
    with pytest.raises(AttributeError):
        entity.name = "Y"  # type: ignore[misc]


def test_a_number_given_as_a_whole_number_is_a_float() -> None:
    share = {"owner": "O", "share_percent": 51, "as_of": "2020", "confidence": "high"}
    owned = validate(Ownership, share | {"sources": ["S"]})
    assert owned.share_percent == 51.0
    assert isinstance(owned.share_percent, float)
