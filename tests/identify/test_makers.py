from collections.abc import Iterator
from pathlib import Path

import pytest

from duediligence.identify import makers
from duediligence.identify.makers import distinctive_key, registered_maker
from duediligence.pack import cache


def test_generic_words_and_legal_forms_go_anywhere_in_the_name() -> None:
    assert distinctive_key("Axis Communications AB") == "axis"
    assert distinctive_key("Security Systems Ltd") is None


@pytest.mark.parametrize(
    ("make", "org"),
    [
        ("Axis", "Axis Communications AB"),
        ("AXIS Communications", "Axis Communications AB"),
        ("Bosch Security Systems", "Bosch Security Systems"),
        ("Mobotix", "Mobotix AG"),
    ],
)
def test_a_make_naming_a_registered_manufacturer_is_recognised(make: str, org: str) -> None:
    assert registered_maker(make) == org


@pytest.mark.parametrize("make", ["Northgate Security Ltd", "Generic", "Camera", "OEM", ""])
def test_made_up_or_generic_makes_name_no_registered_manufacturer(make: str) -> None:
    assert registered_maker(make) is None


@pytest.fixture
def fresh_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and no index built yet in this process (restored afterwards)."""
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    makers._registry_index.cache_clear()
    yield tmp_path
    makers._registry_index.cache_clear()


def test_the_makers_index_is_built_once_and_read_back(
    fresh_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = makers._registry_index()
    (entry,) = fresh_index.glob("makers-*.json")
    makers._registry_index.cache_clear()

    def refuse() -> dict[str, str]:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(makers, "_build_index", refuse)
    assert makers._registry_index() == built
    assert registered_maker("Axis Communications AB") == built["axis"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"axis": ', id="partial"),
        pytest.param(b'["axis"]', id="not-a-mapping"),
        pytest.param(b'{"axis": 3}', id="not-text"),
    ],
)
def test_a_damaged_makers_index_is_built_again(fresh_index: Path, damage: bytes) -> None:
    built = makers._registry_index()
    (entry,) = fresh_index.glob("makers-*.json")
    whole = entry.read_bytes()
    entry.write_bytes(damage)
    makers._registry_index.cache_clear()
    assert makers._registry_index() == built
    assert entry.read_bytes() == whole
