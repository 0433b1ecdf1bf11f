"""Free-text signals as the Identifier reads them: notes and hostnames count, context does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from duediligence.api import load_pack
from duediligence.identify import context
from duediligence.identify.interface import Identifier, Signals
from duediligence.results.findings import Signal

WHEN = date(2026, 1, 1)


@pytest.fixture(scope="module")
def identifier() -> Identifier:
    return Identifier(load_pack().catalog)


@pytest.mark.parametrize(
    ("signals", "group", "signal"),
    [
        pytest.param(Signals(notes="model DS-2CD2143G2-I"), "hikvision", Signal.MODEL, id="notes"),
        pytest.param(Signals(notes="Dahua, bought 2020"), "dahua", Signal.NAME, id="notes-name"),
        pytest.param(Signals(hostname="HIK-NVR-01"), "hikvision", Signal.NAME, id="hostname"),
        pytest.param(
            Signals(hostname="cam-DS2CD2143-lobby"), "hikvision", Signal.MODEL, id="hostname-model"
        ),
        pytest.param(
            Signals(description="Huawei ONT HG8245H (replaces ZTE)"),
            "huawei",
            Signal.MODEL,
            id="replaced-maker-is-context",
        ),
    ],
)
def test_free_text_names_the_maker(
    identifier: Identifier, signals: Signals, group: str, signal: Signal
) -> None:
    attribution = identifier.attribute(signals, WHEN)
    assert attribution is not None
    assert attribution.entity.group == group
    assert signal in {ev.signal for ev in attribution.evidence}
    assert not attribution.alternatives


def test_a_make_outranks_a_vendor_named_in_a_hostname(identifier: Identifier) -> None:
    # 'hik-lobby' is the Axis camera by the Hikvision kit: no evidence, so no conflict.
    assert identifier.evidence(Signals(make="Axis", hostname="hik-lobby")) == ()
    (ev,) = identifier.evidence(Signals(make="Axis", hostname="cam-DS2CD2143-lobby"))
    assert ev.signal is Signal.MODEL


def test_a_hostname_name_alone_is_a_hint(identifier: Identifier) -> None:
    attribution = identifier.attribute(Signals(hostname="dahua-cam-03"), WHEN)
    assert attribution is not None
    assert attribution.confidence < 0.5


def test_context_gives_no_evidence(identifier: Identifier) -> None:
    assert identifier.evidence(Signals(description="PoE injector for Hikvision PTZ")) == ()
    assert identifier.attribute(Signals(description="PoE injector for Hikvision PTZ"), WHEN) is None


def test_each_distinct_text_is_read_once(identifier: Identifier) -> None:
    text = "Festplatte für Dahua NVR (a text seen only here)"
    for make in ("Seagate", "WD", "Toshiba"):
        identifier.guard(Signals(make=make, description=text))
    assert [key for key in identifier._readings if key[0] == text] == [(text, True)]
    assert identifier._readings[(text, True)] is identifier.reading(text)


@pytest.mark.parametrize(
    ("asked", "make", "model"),
    [
        pytest.param("Hikvision", "Hikvision", None, id="a-make"),
        pytest.param("DS-2CD2143G2-I", None, "DS-2CD2143G2-I", id="a-model"),
        pytest.param("Site 040", "Site 040", None, id="a-text-naming-no-one"),
    ],
)
def test_what_the_column_probe_asked_the_scan_does_not_match_again(
    monkeypatch: pytest.MonkeyPatch, asked: str, make: str | None, model: str | None
) -> None:
    """The probe's lookups (identify/probe.py) share the scan's memos: a sampled cell read
    again by the scan is matched once, and finds what it finds unasked."""
    from duediligence.identify.probe import CatalogProbe

    fresh = Identifier(load_pack().catalog)
    expected = Identifier(load_pack().catalog).evidence(Signals(make=make, model=model))
    calls: list[str] = []
    names, models = fresh.names.match, fresh.models.match

    def counted(match: Callable[[str], Any]) -> Callable[[str], Any]:
        def call(text: str) -> Any:
            calls.append(text)
            return match(text)

        return call

    monkeypatch.setattr(fresh.names, "match", counted(names))
    monkeypatch.setattr(fresh.models, "match", counted(models))
    probe = CatalogProbe(fresh)
    probe.names_maker(asked)
    probe.is_model(asked)
    assert calls.count(asked) == 2  # the probe asked the names and the patterns
    assert fresh.evidence(Signals(make=make, model=model)) == expected
    assert calls.count(asked) == 2  # and the scan asked neither again


@pytest.mark.parametrize(
    ("model", "says"),
    [
        pytest.param("DS-2CD2143G2-I", True, id="a-pattern"),
        pytest.param("Hikvision DS-2CD2143G2-I", True, id="a-name-and-a-pattern"),
        pytest.param("Dahua", True, id="a-name-alone"),
        pytest.param("spare Hikvision dome", True, id="a-context-cue"),
        pytest.param("2.0C-H5A-D1/3", False, id="says-nothing"),
        pytest.param("SN000123457K", False, id="a-serial"),
    ],
)
def test_a_model_that_says_something_is_not_read_or_matched_again_by_its_evidence(
    monkeypatch: pytest.MonkeyPatch, model: str, says: bool
) -> None:
    """`model_says_nothing` keeps what it read and matched of a text that says something in
    the memos the key's evidence reads, and nothing of one that says nothing (as many as the
    rows when serials fill the model field); the answers are a fresh identifier's."""
    alone = Identifier(load_pack().catalog)
    signals = Signals(make="Axis", model=model)
    expected = (
        alone.evidence(signals),
        alone.guard(signals),
        alone.attribute(signals, WHEN),
        alone.reading(model),
    )
    fresh = Identifier(load_pack().catalog)
    asked: list[tuple[str, str, bool]] = []

    def counted(name: str, match: Callable[[str], Any]) -> Callable[[str], Any]:
        def call(text: str) -> Any:
            found = match(text)
            asked.append((name, text, bool(found)))
            return found

        return call

    monkeypatch.setattr(fresh.names, "match", counted("names", fresh.names.match))
    monkeypatch.setattr(fresh.models, "match", counted("models", fresh.models.match))
    readings: list[str] = []
    full = context.read

    def reading(text: str, kinds: bool = True) -> context.Reading:
        readings.append(text)
        return full(text, kinds)

    monkeypatch.setattr(context, "read", reading)
    assert fresh.model_says_nothing(model) is not says
    first = len(asked) + len(readings)
    assert fresh.model_says_nothing(model) is not says
    if not says:  # nothing was kept of it: asked again, it is matched and read again
        assert len(asked) + len(readings) == 2 * first
    got = (
        fresh.evidence(signals),
        fresh.guard(signals),
        fresh.attribute(signals, WHEN),
        fresh.reading(model),
    )
    assert got == expected
    found_twice = [a for a in asked if a[2] and asked.count(a) > 1]
    assert found_twice == []  # a match that found something is asked once
    if says:
        assert readings.count(model) <= 1  # read in full once, by whichever asked first
