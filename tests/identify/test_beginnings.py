"""The model patterns' beginnings are told once per pack and code, then read from the cache:
what is read back is what telling them again gives, and anything else is told again."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from duediligence.identify.beginnings import CACHE_KIND, stored_beginnings
from duediligence.identify.model_numbers import _beginnings_of
from duediligence.pack import cache
from duediligence.pack.catalog import CompiledPattern
from duediligence.pack.loader import Pack


class Counted:
    """`_beginnings_of`, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, patterns: tuple[CompiledPattern, ...]) -> dict[str, list[str]] | None:
        self.calls += 1
        return _beginnings_of(patterns)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def bundled() -> tuple[CompiledPattern, ...]:
    from duediligence.api import load_pack

    return load_pack().catalog.patterns


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{CACHE_KIND}-*.json"))


def test_the_beginnings_read_back_are_those_told(
    folder: Path, bundled: tuple[CompiledPattern, ...]
) -> None:
    tell = Counted()
    told = stored_beginnings(bundled, tell)
    again = stored_beginnings(bundled, tell)
    assert told == again == _beginnings_of(bundled)
    assert told is not None
    assert list(told) == list(_beginnings_of(bundled) or {})  # in the order told
    assert tell.calls == 1
    assert len(_entries(folder)) == 1


def test_other_patterns_are_told_afresh(folder: Path, bundled: tuple[CompiledPattern, ...]) -> None:
    tell = Counted()
    stored_beginnings(bundled, tell)
    first = bundled[0]
    changed = (replace(first, regex=re.compile(r"^ZQ-\d{3}", first.regex.flags)), *bundled[1:])
    folded = (replace(first, regex=re.compile(first.regex.pattern, re.IGNORECASE)), *bundled[1:])
    assert stored_beginnings(changed, tell) == _beginnings_of(changed)
    stored_beginnings(folded, tell)
    assert tell.calls == 3
    assert len(_entries(folder)) == 3


def test_a_pattern_whose_shape_cannot_be_told_is_stored_as_none(
    folder: Path, test_pack: Pack
) -> None:
    first = test_pack.catalog.patterns[0]
    untold = (replace(first, regex=re.compile(r"^(?:AC)?", first.regex.flags)),)
    tell = Counted()
    assert stored_beginnings(untold, tell) is None
    assert stored_beginnings(untold, tell) is None
    assert tell.calls == 1


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"[]", id="not-a-mapping"),
        pytest.param(b'{"beginnings": {"DS": "S"}}', id="needs-not-a-list"),
        pytest.param(b'{"beginnings": {"DS": [1]}}', id="a-need-not-text"),
        pytest.param(b'{"beginnings": [], "more": 1}', id="other-keys"),
        pytest.param(b'{"beginnings": ', id="not-json"),
    ],
)
def test_an_entry_not_of_the_form_written_is_told_again(
    folder: Path, bundled: tuple[CompiledPattern, ...], data: bytes
) -> None:
    tell = Counted()
    stored_beginnings(bundled, tell)
    (entry,) = _entries(folder)
    key = entry.stem.removeprefix(f"{CACHE_KIND}-")
    entry.write_bytes(cache.sealed(CACHE_KIND, key, data))
    assert stored_beginnings(bundled, tell) == _beginnings_of(bundled)
    assert tell.calls == 2
