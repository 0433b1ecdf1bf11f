"""The IEEE registry: read as netaddr reads it, once, and kept in the per-user cache."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from duediligence.pack import cache, registry
from duediligence.pack.registry import (
    _read_registry,
    registrant_table,
    registrants,
    registrants_of,
    registry_file,
    registry_organisations,
    registry_stamp,
)


def test_registrants_come_from_the_ieee_registry() -> None:
    assert registrants("4419B6000000") == ("Hangzhou Hikvision Digital Technology Co.,Ltd.",)
    assert registrants("020000000000") == ()


def test_the_registry_is_read_as_netaddr_reads_it() -> None:
    """One pass over netaddr's oui.txt gives the OUIs netaddr indexes, each with the
    organisations netaddr's own lookup returns (every 25th OUI, and every one registered more
    than once, are looked up through netaddr)."""
    from netaddr import OUI
    from netaddr.eui import ieee

    table = {int(prefix, 16): orgs for prefix, orgs in _read_registry().items()}
    assert set(table) == set(ieee.OUI_INDEX)
    shared = [prefix for prefix, orgs in table.items() if len(orgs) > 1]
    for prefix in sorted(table)[::25] + shared:
        found = OUI(prefix)
        orgs = [found.registration(i).org for i in range(found.reg_count)]
        assert table[prefix] == orgs, f"{prefix:06X}"


def test_registry_organisations_are_every_registrant() -> None:
    assert registry_organisations() == {org for orgs in registrant_table().values() for org in orgs}
    assert "Hangzhou Hikvision Digital Technology Co.,Ltd." in registry_organisations()


def test_the_registry_stamp_names_the_file_it_was_read_from() -> None:
    assert registry_stamp().startswith(f"{registry_file()}:")
    assert registry_file().name == "oui.txt"


@pytest.fixture
def fresh_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and no registry read yet in this process (restored afterwards)."""
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    registry.forget()
    yield tmp_path
    registry.forget()


def test_the_registry_is_read_once_and_kept_in_the_cache(
    fresh_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = registrant_table()
    assert read == _read_registry()
    registry.forget()

    def refuse() -> dict[str, list[str]]:
        raise AssertionError("the registry file was read again")

    monkeypatch.setattr(registry, "_read_registry", refuse)
    assert registrant_table() == read
    assert registrants("4419B6000000") == ("Hangzhou Hikvision Digital Technology Co.,Ltd.",)


def test_an_oui_is_searched_for_in_the_stored_lines_until_many_are_asked(
    fresh_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first OUIs a scan asks for are found in the stored text, the whole table is built
    only after `SEARCHED` distinct ones; both give what the registry file says."""
    table = _read_registry()
    wanted = list(table)[:: len(table) // (registry.SEARCHED + 4)][: registry.SEARCHED + 4]
    for n, prefix in enumerate(wanted + ["020000", "4419b6", "44:19", "\n4419B6"]):
        expected = tuple(table.get(prefix.upper(), ()))
        assert registrants_of(prefix) == expected, prefix
        built = registrant_table.cache_info().currsize == 1
        assert built == (n >= registry.SEARCHED), prefix


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\n4419B6\tHang", id="partial"),
        pytest.param(b"\n44:19:B6\tHangzhou\n", id="not-hex"),
        pytest.param(b"\n4419B6\t\n", id="no-organisation"),
        pytest.param(b"\n4419B6\n", id="no-tab"),
        pytest.param(b"\n4419B6\t\xff\n", id="not-utf-8"),
    ],
)
@pytest.mark.parametrize("resealed", [False, True], ids=["broken-seal", "resealed"])
def test_a_damaged_registry_entry_is_read_again(
    fresh_registry: Path, damage: bytes, resealed: bool
) -> None:
    """Damage the seal catches, and damage sealed anew (the same user's hand): either way the
    lines are held to their form and the registry file is read again and stored."""
    read = registrant_table()
    (entry,) = fresh_registry.glob("registry-*.json")
    whole = entry.read_bytes()
    head = whole.partition(b"\n")[0]
    key = head.split(b" ")[3].decode()
    entry.write_bytes(cache.sealed(registry.CACHE_KIND, key, damage) if resealed else damage)
    registry.forget()
    assert registrant_table() == read
    assert entry.read_bytes() == whole
    assert registrants_of("4419B6") == tuple(read["4419B6"])
