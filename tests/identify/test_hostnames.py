from __future__ import annotations

import pytest

from duediligence.api import load_pack
from duediligence.identify.hostnames import HostnameMatcher
from duediligence.identify.model_numbers import ModelMatcher
from duediligence.identify.names import NameMatcher
from duediligence.results.findings import Signal


@pytest.fixture(scope="module")
def hostnames() -> HostnameMatcher:
    catalog = load_pack().catalog
    return HostnameMatcher(catalog, NameMatcher(catalog), ModelMatcher(catalog))


@pytest.mark.parametrize(
    ("text", "entity", "signal", "score"),
    [
        pytest.param("HIK-NVR-01", "hikvision", Signal.NAME, 50, id="short-name-word"),
        pytest.param("dahua-cam-03", "dahua", Signal.NAME, 50, id="name-word"),
        pytest.param("cam-ds2cd2143-lobby", "hikvision", Signal.MODEL, 68, id="model-run-on"),
        pytest.param("dahua-IPC-HDW2431T", "dahua", Signal.MODEL, 76, id="model-beats-name"),
    ],
)
def test_hostname_evidence(
    hostnames: HostnameMatcher, text: str, entity: str, signal: Signal, score: int
) -> None:
    (ev,) = hostnames.match(text)
    assert (ev.entity, ev.signal, ev.score) == (entity, signal, score)
    assert ev.value == text
    assert ev.explanation.startswith(f"hostname '{text}'")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("hikaru-pc", id="name-inside-a-word"),
        pytest.param("dahau-cam-1", id="no-typos-in-hostnames"),
        pytest.param("WIN-DESKTOP-7", id="ordinary-host"),
        pytest.param("hw-sw-01", id="abbreviation-not-in-the-pack"),
        pytest.param("san-ds7720b-01", id="brocade-g720-not-a-hikvision-recorder"),
        pytest.param("", id="empty"),
        pytest.param("-" * 10_000, id="only-separators"),
    ],
)
def test_hostnames_naming_no_one(hostnames: HostnameMatcher, text: str) -> None:
    assert hostnames.match(text) == ()
