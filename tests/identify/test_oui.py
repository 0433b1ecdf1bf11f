import pytest

from duediligence.identify.oui import (
    OuiMatcher,
    is_locally_administered,
    parse_mac,
)
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


def test_the_ouis_that_name_someone_are_those_match_finds_evidence_for() -> None:
    from duediligence.api import load_pack
    from duediligence.identify.oui import OuiMatcher
    from duediligence.pack.registry import registrant_table

    matcher = OuiMatcher(load_pack().catalog)
    naming = matcher.naming()
    assert "4419B6" in naming  # Hikvision
    for prefix in sorted(set(registrant_table()) | naming):
        mac = f"{prefix[0:2]}:{prefix[2:4]}:{prefix[4:6]}:00:00:01"
        assert bool(matcher.match(mac)) == (prefix in naming), prefix
