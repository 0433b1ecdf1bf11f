"""`changes_since`: what a pack dates on or after a day, read from the pack's own dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from duediligence.pack.changes import ChangeKind, PackDelta, changes_since
from duediligence.pack.loader import Pack, load_layers
from tests.factory import changed_pack_files, write_pack

K = ChangeKind


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_pack(tmp_path_factory.mktemp("v2"), changed_pack_files())
    return load_layers([(root, "testpack")])


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        pytest.param(
            date(2026, 11, 2),
            None,
            [
                ("2026-11-15", K.NEW_MEASURE, "XX-NEW"),
                ("2026-11-15", K.MEASURE_IN_EFFECT, "XX-NEW"),
                ("2026-11-20", K.NEW_ENTITY, "newco"),
                ("2026-11-20", K.NEW_PATTERN, "newco-nc"),
                ("2026-11-20", K.NEW_RELATIONSHIP, "newco -> zed"),
            ],
            id="a-month-of-additions-oldest-first",
        ),
        pytest.param(
            date(2026, 11, 16),
            None,
            [
                ("2026-11-20", K.NEW_ENTITY, "newco"),
                ("2026-11-20", K.NEW_PATTERN, "newco-nc"),
                ("2026-11-20", K.NEW_RELATIONSHIP, "newco -> zed"),
            ],
            id="the-day-after-the-measure",
        ),
        pytest.param(
            date(2022, 11, 15),
            date(2022, 12, 31),
            [("2022-11", K.RELATIONSHIP_ENDED, "oldbrand -> acme")],
            id="a-month-date-counts-until-its-last-day",
        ),
        pytest.param(
            date(2018, 1, 1),
            date(2019, 12, 31),
            [
                ("2018-02-06", K.RELATIONSHIP_BEGAN, "oldbrand -> acme"),
                ("2018-06", K.OWNERSHIP, "acme"),
                ("2019", K.OWNERSHIP, "zed"),
                ("2019-08-13", K.MEASURE_IN_EFFECT, "XX-BAN-A"),
            ],
            id="dated-facts-within-a-window",
        ),
        pytest.param(date(2026, 12, 2), None, [], id="nothing-since"),
    ],
)
def test_changes_since_a_date(
    changed: Pack, since: date, until: date | None, expected: list[tuple[str, K, str]]
) -> None:
    assert [(c.date, c.kind, c.id) for c in changes_since(changed, since, until)] == expected


def test_entries_without_an_added_date_are_never_listed_as_new(test_pack: Pack) -> None:
    """The unchanged test pack dates nothing it holds: none of it is new on any day."""
    found = changes_since(test_pack, date(2000, 1, 1))
    assert found and not {c.kind for c in found} & {K.NEW_MEASURE, K.NEW_ENTITY, K.NEW_PATTERN}


def test_each_change_carries_what_it_is_and_its_sources(changed: Pack) -> None:
    (entity,) = [c for c in changes_since(changed, date(2026, 11, 20)) if c.kind is K.NEW_ENTITY]
    assert (entity.summary, entity.sources) == ("Newco Optics Ltd. (CN)", ("SRC1",))


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        pytest.param("added", "2026-11", "invalid date: expected YYYY-MM-DD", id="a-month"),
        pytest.param("added", "soon", "invalid date: expected YYYY-MM-DD", id="not-a-date"),
    ],
)
def test_an_added_date_must_be_a_day(tmp_path: Path, key: str, value: str, problem: str) -> None:
    from duediligence.errors import PackError

    files = changed_pack_files()
    files["entities/acme.yml"]["entities"][-1][key] = value
    with pytest.raises(PackError, match=problem):
        load_layers([(write_pack(tmp_path, files), "testpack")])


def test_every_bundled_entry_says_when_it_entered_the_pack() -> None:
    """`rules changes` and the baseline's origins read these dates: an undated entry would
    never show as new. A new entity, model pattern or measure gets `added: <today>`."""
    from duediligence.api import load_pack

    pack = load_pack(())
    undated = [
        *(f"entity {e.id}" for e in pack.catalog.entities.values() if e.added is None),
        *(f"model {p.spec.id}" for p in pack.catalog.patterns if p.spec.added is None),
        *(f"measure {m.id}" for m in pack.measures.values() if m.added is None),
    ]
    assert undated == []


NEWCO_TIE = ("Newco Optics Ltd.", "zed")


@pytest.mark.parametrize(
    ("reviewed", "before", "same_pack", "expected"),
    [
        pytest.param(
            "2026-11-01",
            date(2026, 1, 1),
            False,
            ({"XX-NEW"}, {"newco"}, {"newco-nc"}, {NEWCO_TIE}),
            id="a-baseline-of-the-earlier-version",
        ),
        pytest.param(
            "2026-11-18",
            date(2026, 11, 16),
            False,
            (set(), {"newco"}, {"newco-nc"}, {NEWCO_TIE}),
            id="reviewed-after-the-measure-was-added-and-judged-after-it-came-into-effect",
        ),
        pytest.param(
            "2026-12-01",
            date(2026, 1, 1),
            True,
            ({"XX-NEW"}, set(), set(), set()),
            id="the-same-pack-adds-nothing-but-a-measure-came-into-effect",
        ),
        pytest.param(
            None, date(2026, 12, 1), False, (set(), set(), set(), set()), id="nothing-between"
        ),
    ],
)
def test_the_delta_between_a_baseline_and_a_scan(
    changed: Pack,
    reviewed: str | None,
    before: date,
    same_pack: bool,
    expected: tuple[set[str], set[str], set[str], set[tuple[str, str]]],
) -> None:
    delta = PackDelta.between(changed, reviewed, before, date(2026, 12, 1), same_pack=same_pack)
    found = (delta.measures, delta.entities, delta.patterns, delta.relationships)
    assert tuple(set(part) for part in found) == expected
