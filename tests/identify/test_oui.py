from collections.abc import Iterator
from pathlib import Path

import pytest

from duediligence.identify import oui
from duediligence.identify.oui import (
    OuiMatcher,
    _read_registry,
    _registry,
    is_locally_administered,
    parse_mac,
    registrants,
    registry_file,
    registry_organisations,
    registry_stamp,
)
from duediligence.pack import cache
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import Entity


@pytest.mark.parametrize(
    "text",
    [
        "44:19:B6:12:34:56",
        "44-19-b6-12-34-56",
        "4419.b612.3456",
        "4419B6123456",
        " 44:19:b6:12:34:56 ",
    ],
)
def test_every_common_notation_parses(text: str) -> None:
    assert parse_mac(text) == "4419B6123456"


@pytest.mark.parametrize(
    "text", ["", "44:19:B6", "44:19:B6:12:34:5G", "not a mac", "4419B61234567"]
)
def test_malformed_macs_are_not_macs(text: str) -> None:
    assert parse_mac(text) is None


@pytest.mark.parametrize(
    ("mac", "local"),
    [
        ("4419B6123456", False),
        ("DA0000000000", True),
        ("02AABBCCDDEE", True),
        ("F6AABBCCDDEE", True),
    ],
)
def test_locally_administered(mac: str, local: bool) -> None:
    assert is_locally_administered(mac) is local


def test_registrants_come_from_the_ieee_registry() -> None:
    assert registrants("4419B6000000") == ("Hangzhou Hikvision Digital Technology Co.,Ltd.",)
    assert registrants("020000000000") == ()


def _catalog(registrant: str) -> Catalog:
    entity = Entity(id="hik", name="Hik", country="CN", sources=["S"], registrants=[registrant])
    return Catalog({"hik": entity}, (), (), {}, {}, (), (), {}, {})


def test_a_mac_is_attributed_by_its_registrant() -> None:
    matcher = OuiMatcher(_catalog("Hangzhou Hikvision Digital Technology Co.,Ltd."))
    (ev,) = matcher.match("44:19:b6:aa:bb:cc")
    assert ev.entity == "hik"
    assert ev.explanation == (
        "MAC 44:19:B6 is registered with the IEEE to"
        " 'Hangzhou Hikvision Digital Technology Co.,Ltd.' (Hik)"
    )


def test_random_and_unknown_macs_give_no_evidence() -> None:
    matcher = OuiMatcher(_catalog("Hangzhou Hikvision Digital Technology Co.,Ltd."))
    assert matcher.match("46:19:B6:AA:BB:CC") == ()  # locally administered twin of 44:19:B6
    assert matcher.match("00:00:0C:00:00:01") == ()  # Cisco: registered, but not in the pack


def test_the_registry_is_read_as_netaddr_reads_it() -> None:
    """One pass over netaddr's oui.txt gives the OUIs netaddr indexes, each with the
    organisations netaddr's own lookup returns (every 25th OUI, and every one registered more
    than once, are looked up through netaddr)."""
    from netaddr import OUI
    from netaddr.eui import ieee

    registry = {int(prefix, 16): orgs for prefix, orgs in _read_registry().items()}
    assert set(registry) == set(ieee.OUI_INDEX)
    shared = [prefix for prefix, orgs in registry.items() if len(orgs) > 1]
    for prefix in sorted(registry)[::25] + shared:
        found = OUI(prefix)
        orgs = [found.registration(i).org for i in range(found.reg_count)]
        assert registry[prefix] == orgs, f"{prefix:06X}"


def test_registry_organisations_are_every_registrant() -> None:
    assert registry_organisations() == {org for orgs in _registry().values() for org in orgs}
    assert "Hangzhou Hikvision Digital Technology Co.,Ltd." in registry_organisations()


def test_the_registry_stamp_names_the_file_it_was_read_from() -> None:
    assert registry_stamp().startswith(f"{registry_file()}:")
    assert registry_file().name == "oui.txt"


@pytest.fixture
def fresh_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and no registry read yet in this process (restored afterwards)."""
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    _registry.cache_clear()
    yield tmp_path
    _registry.cache_clear()


def test_the_registry_is_read_once_and_kept_in_the_cache(
    fresh_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _registry()
    assert read == _read_registry()
    _registry.cache_clear()

    def refuse() -> dict[str, list[str]]:
        raise AssertionError("the registry file was read again")

    monkeypatch.setattr(oui, "_read_registry", refuse)
    assert _registry() == read
    assert registrants("4419B6000000") == ("Hangzhou Hikvision Digital Technology Co.,Ltd.",)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"4419B6": ["Hang', id="partial"),
        pytest.param(b'{"4419B6": "Hangzhou"}', id="not-a-list"),
        pytest.param(b'{"4419B6": [3]}', id="not-text"),
    ],
)
def test_a_damaged_registry_entry_is_read_again(fresh_registry: Path, damage: bytes) -> None:
    read = _registry()
    (entry,) = fresh_registry.glob("registry-*.json")
    whole = entry.read_bytes()
    entry.write_bytes(damage)
    _registry.cache_clear()
    assert _registry() == read
    assert entry.read_bytes() == whole


def test_the_ouis_that_name_someone_are_those_match_finds_evidence_for() -> None:
    from duediligence.api import load_pack
    from duediligence.identify.oui import OuiMatcher, _registry

    matcher = OuiMatcher(load_pack().catalog)
    naming = matcher.naming()
    assert "4419B6" in naming  # Hikvision
    for prefix in sorted(set(_registry()) | naming):
        mac = f"{prefix[0:2]}:{prefix[2:4]}:{prefix[4:6]}:00:00:01"
        assert bool(matcher.match(mac)) == (prefix in naming), prefix
