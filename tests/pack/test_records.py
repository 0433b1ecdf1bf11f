"""The cache's form of pack records: written from validated records, read back without
pydantic, equal to what was written, and never trusted beyond the schema."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pytest

from duediligence.pack.advisories import AdvisoriesFile
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.entities import Entity, EntityFile
from duediligence.pack.loader import CachedPack, Layer, _read_layer
from duediligence.pack.records import from_data, record_reader, to_data
from duediligence.pack.schema import Items, Record, Text, validate
from duediligence.pack.sources import PackMeta
from tests.factory import ACME_FILE


@pytest.fixture(scope="module")
def bundled() -> Layer:
    problems: list[str] = []
    layer = _read_layer(bundled_rules_dir(), "rules", problems)
    assert problems == []
    return layer


def _walk(value: object, where: str = "layer") -> list[tuple[str, object]]:
    """Every object inside a record, with where it is: the comparison below sees them all."""
    found = [(where, value)]
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            found += _walk(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _walk(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _walk(item, f"{where}[{key!r}]")
    return found


def test_the_bundled_pack_reads_back_equal_object_by_object(bundled: Layer) -> None:
    """Each object equal and of the same type: a date stays a date, an enum member a member."""
    stored = json.loads(json.dumps(to_data(CachedPack(layers=[bundled]))))
    (back,) = from_data(CachedPack, stored).layers
    validated, read = _walk(bundled), _walk(back)
    assert [where for where, _ in read] == [where for where, _ in validated]
    for (where, one), (_, other) in zip(validated, read, strict=True):
        assert type(one) is type(other), where
        assert one == other, where
    assert len(validated) > 5_000


def test_every_value_of_a_record_is_stored_as_json(bundled: Layer) -> None:
    entity = bundled.entity_files[0].entities[0]
    data = to_data(entity)
    assert list(data) == [f.name for f in fields(Entity)]
    assert json.loads(json.dumps(data)) == data


def _acme() -> dict[str, Any]:
    data: dict[str, Any] = to_data(validate(EntityFile, copy.deepcopy(ACME_FILE)))
    return data


def _set(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    data = _acme()
    inner: Any = data
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = value
    return data


def _drop(path: tuple[Any, ...]) -> dict[str, Any]:
    data = _acme()
    inner: Any = data
    for step in path[:-1]:
        inner = inner[step]
    del inner[path[-1]]
    return data


TAMPERED = [
    pytest.param(_set(("entities", 0, "colour"), "red"), id="an-unknown-key"),
    pytest.param(_drop(("entities", 0, "country")), id="a-missing-key"),
    pytest.param(_set(("entities", 0, "country"), "cn"), id="a-pattern-broken"),
    pytest.param(_set(("entities", 0, "name"), ""), id="empty-text"),
    pytest.param(_set(("entities", 0, "name"), 5), id="a-number-for-text"),
    pytest.param(_set(("entities", 0, "name"), True), id="a-flag-for-text"),
    pytest.param(_set(("entities", 0, "sources"), []), id="no-sources"),
    pytest.param(_set(("entities", 0, "sources"), "SRC1"), id="text-for-a-list"),
    pytest.param(_set(("entities", 0, "categories"), ["toaster"]), id="not-an-enum-member"),
    pytest.param(_set(("entities", 0, "added"), "2026-02-30"), id="not-a-date"),
    pytest.param(_set(("relationships", 0, "valid_from"), "2018-13"), id="not-a-partial-date"),
    pytest.param(_set(("models", 0, "pattern"), "^(A+)+$"), id="a-pattern-that-backtracks"),
    pytest.param(_set(("models", 0, "pattern"), "DS-"), id="a-pattern-not-anchored"),
    pytest.param(_set(("models", 0, "examples"), ["A"]), id="too-few-examples"),
    pytest.param(_set(("entities", 0), None), id="null-for-a-record"),
    pytest.param([], id="a-list-for-a-record"),
]


@pytest.mark.parametrize("data", TAMPERED)
def test_data_the_schema_refuses_is_refused(data: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        from_data(EntityFile, data)


def test_the_tampering_above_is_of_a_file_that_reads_back() -> None:
    assert from_data(EntityFile, _acme()) == validate(EntityFile, copy.deepcopy(ACME_FILE))


def test_the_bundled_advisories_and_their_catalogue_are_in_the_cache(bundled: Layer) -> None:
    """The walk above compares them too; here they are shown to be there to compare."""
    stored = json.loads(json.dumps(to_data(CachedPack(layers=[bundled]))))
    (back,) = from_data(CachedPack, stored).layers
    assert back.advisories and back.advisories == bundled.advisories
    assert back.catalogue is not None and back.catalogue == bundled.catalogue


def _advisories(bundled: Layer) -> dict[str, Any]:
    whole = AdvisoriesFile(catalogue=bundled.catalogue, advisories=bundled.advisories)
    data: dict[str, Any] = to_data(whole)
    return data


def _advisories_with(bundled: Layer, path: tuple[Any, ...], value: object) -> dict[str, Any]:
    data = _advisories(bundled)
    inner: Any = data
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param(("advisories", 0, "kev", 0, "cve"), "CVE-21-1", id="not-a-cve-id"),
        pytest.param(("advisories", 0, "kev", 0, "due"), "2024-09-31", id="not-a-due-date"),
        pytest.param(("advisories", 0, "kev"), [], id="no-catalogue-entry"),
        pytest.param(("advisories", 0, "models", 0, "pattern"), "DS-", id="pattern-not-anchored"),
        pytest.param(("advisories", 0, "models", 0, "counter_examples"), ["A"], id="few-counters"),
        pytest.param(("advisories", 0, "withdrawn"), "no", id="text-for-a-flag"),
        pytest.param(("catalogue", "version"), "", id="no-catalogue-version"),
    ],
)
def test_tampered_advisories_are_refused(
    bundled: Layer, path: tuple[Any, ...], value: object
) -> None:
    with pytest.raises((ValueError, TypeError)):
        from_data(AdvisoriesFile, _advisories_with(bundled, path, value))


def test_the_advisories_tampered_above_read_back_untampered(bundled: Layer) -> None:
    back = from_data(AdvisoriesFile, _advisories(bundled))
    assert back.advisories == bundled.advisories and back.catalogue == bundled.catalogue


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param(
            ("entities", 0, "ownership", 0, "share_percent"), "40", id="text-for-a-number"
        ),
        pytest.param(("entities", 0, "ownership", 0, "state"), "true", id="text-for-a-flag"),
        pytest.param(("entities", 0, "country"), " CN", id="text-with-a-space"),
    ],
)
def test_a_value_pydantic_would_coerce_is_refused_not_coerced(
    path: tuple[Any, ...], value: object
) -> None:
    """The cache holds the canonical form only: '40' for a share is not the number 40."""
    assert from_data(EntityFile, _acme()).entities[0].ownership[0].share_percent == 40.0
    with pytest.raises(ValueError):
        from_data(EntityFile, _set(path, value))


def test_text_is_stored_as_it_was_validated() -> None:
    meta = to_data(PackMeta(id="p", version="1", reviewed="2026"))
    assert from_data(PackMeta, meta) == PackMeta(id="p", version="1", reviewed="2026")
    with pytest.raises(ValueError):
        from_data(PackMeta, meta | {"version": 1})


class Colour(StrEnum):
    RED = "red"


@dataclass(frozen=True, kw_only=True)
class Advice(Record):
    """A record the cache code has never seen: it is stored and read from its hints alone."""

    id: Annotated[str, Text(pattern=r"^[a-z]+$")]
    colours: list[Colour] = field(default_factory=list)
    published: date | None = None
    by_profile: dict[str, Colour] = field(default_factory=dict)
    cites: Annotated[list[str], Items(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class AdviceFile(Record):
    advice: list[Advice] = field(default_factory=list)


def test_a_new_kind_of_record_needs_no_code_to_be_cached() -> None:
    made = validate(
        AdviceFile,
        {
            "advice": [
                {
                    "id": "kev",
                    "colours": ["red"],
                    "published": "2026-11-01",
                    "by_profile": {"global": "red"},
                    "cites": ["S"],
                }
            ]
        },
    )
    stored = json.loads(json.dumps(to_data(made)))
    assert from_data(AdviceFile, stored) == made
    assert from_data(AdviceFile, stored).advice[0].published == date(2026, 11, 1)
    stored["advice"][0]["id"] = "KEV"
    with pytest.raises(ValueError):
        from_data(AdviceFile, stored)


def test_a_type_the_reader_cannot_check_is_refused_when_its_reader_is_built() -> None:
    @dataclass(frozen=True, kw_only=True)
    class Loose(Record):
        anything: Path

    with pytest.raises(TypeError, match="no cache reader"):
        record_reader(Loose)
