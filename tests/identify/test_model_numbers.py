import re

import pytest

from duediligence.identify.model_numbers import ModelMatcher
from duediligence.pack.loader import Pack


@pytest.fixture(scope="module")
def models(test_pack: Pack) -> ModelMatcher:
    return ModelMatcher(test_pack.catalog)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("AC-1234B", id="exact"),
        pytest.param("ac-1234b-i", id="lower-case-with-suffix"),
        pytest.param(" AC - 1234B ", id="stray-spaces"),
        pytest.param("4MP Dome Camera AC-2040X-I 2.8mm", id="inside-description"),
        pytest.param("Camera (AC-2040X)", id="in-brackets"),
    ],
)
def test_models_found(models: ModelMatcher, text: str) -> None:
    (ev,) = models.match(text)
    assert ev.entity == "acme"
    assert ev.matched == "acme-ac"
    assert "matches the Acme Vision Technology Co., Ltd. pattern" in ev.explanation


@pytest.mark.parametrize("text", ["AC-12B", "XAC-1234B", "Dome camera", "", "1234"])
def test_models_not_found(models: ModelMatcher, text: str) -> None:
    assert models.match(text) == ()


@pytest.fixture(scope="module")
def bundled() -> ModelMatcher:
    from duediligence.api import load_pack

    return ModelMatcher(load_pack().catalog)


@pytest.mark.parametrize(
    ("text", "entity", "model", "score"),
    [
        pytest.param(
            "DS-2CD2T47G2-L(4mm)(C)(O-STD)", "hikvision", "DS-2CD2T47G2-L", 95, id="suffixes"
        ),
        pytest.param(
            "4MP Dome DS-2CD2143G2-IS/2.8mm", "hikvision", "DS-2CD2143G2-IS/2.8MM", 95, id="lens"
        ),
        pytest.param(
            "Hikvision DS-7608NI-K2/8P 8ch NVR", "hikvision", "DS-7608NI-K2/8P", 95, id="slash"
        ),
        pytest.param(
            "IPC-HDW2431T-AS-S2 (2.8mm)", "dahua", "IPC-HDW2431T-AS-S2", 95, id="dahua-lens"
        ),
        pytest.param(
            "NVR: DHI-NVR4216-16P-4KS2;", "dahua", "DHI-NVR4216-16P-4KS2", 95, id="label-colon"
        ),
        pytest.param(
            "NVR:DHI-NVR4216-16P-4KS2", "dahua", "DHI-NVR4216-16P-4KS2", 95, id="no-space"
        ),
        pytest.param("[DS-2CD2143G2-I]", "hikvision", "DS-2CD2143G2-I", 95, id="square-brackets"),
        pytest.param(
            "Hikvision/DS-2CD2143G2-I", "hikvision", "DS-2CD2143G2-I", 95, id="after-slash"
        ),
        # AirEngine's pattern rests on a curated dataset only, so medium (80): no Huawei
        # datasheet naming the models was found in the 2026-12 audit.
        pytest.param("Huawei AirEngine 5760-51 AP", "huawei", "AIRENGINE 5760-51", 80, id="spaced"),
    ],
)
def test_models_found_in_free_text(
    bundled: ModelMatcher, text: str, entity: str, model: str, score: int
) -> None:
    (ev,) = bundled.match(text)
    assert ev.entity == entity
    assert ev.value == text
    assert ev.explanation.startswith(f"model '{model}' matches")
    assert ev.score == score


def test_a_dropped_hyphen_is_restored_at_a_discount_in_a_hostname(bundled: ModelMatcher) -> None:
    (ev,) = bundled.match("cam-DS2CD2143G2-lobby", hostname=True)
    assert ev.entity == "hikvision"
    assert ev.score == round(95 * 0.8 * 0.9)
    assert "(read as 'DS-2CD2143G2': the hyphen was left out)" in ev.explanation


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        pytest.param("ptz-ds2de4a425iw-de3", "DS-2DE4A425IW", id="ptz-family-code"),
        pytest.param("sw-ds3e1526p-01", "DS-3E1526P", id="switch-family-code"),
        pytest.param("thermal-DS2TD2628-7", "DS-2TD2628", id="thermal-family-code"),
        pytest.param("gate-ds2ce16d0t", "DS-2CE16D0T", id="turbo-hd-family-code"),
    ],
)
def test_a_hyphen_is_made_up_before_a_family_code(
    bundled: ModelMatcher, text: str, read_as: str
) -> None:
    (ev,) = bundled.match(text, hostname=True)
    assert ev.entity == "hikvision"
    assert f"(read as '{read_as}': the hyphen was left out)" in ev.explanation


@pytest.mark.parametrize(
    "text",
    [
        # Brocade G720's part number (NetBox device-type library, Brocade/G720.yaml): as
        # DS-7720B it would be a Hikvision recorder.
        pytest.param("san-ds7720b-01", id="brocade-g720-part-number"),
        pytest.param("DS7720B", id="brocade-part-number-alone"),
        pytest.param("fabric-a-DS7720B.example.net", id="brocade-in-a-fqdn"),
        pytest.param("nas-ds2419", id="synology-rackstation"),
        pytest.param("nvr-ds6018", id="digidragon"),
    ],
)
def test_no_hyphen_is_made_up_before_a_bare_number(bundled: ModelMatcher, text: str) -> None:
    assert bundled.match(text, hostname=True) == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("DS7720B", id="brocade-san-switch-is-not-ds-7720b"),
        pytest.param("DS2CD2143G2-I", id="a-model-field-is-read-as-written"),
    ],
)
def test_a_hyphen_is_not_made_up_outside_hostnames(bundled: ModelMatcher, text: str) -> None:
    assert bundled.match(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("cam-DS2CD2143-lobby", id="no-word-start-inside-a-hostname"),
        pytest.param("Synology DS920+", id="other-makers-ds"),
        pytest.param("XDS-2CD2143", id="not-at-a-word-start"),
        pytest.param("Hikvision" * 1000 + " DS-2CD2143", id="past-the-characters-read"),
    ],
)
def test_models_not_found_in_free_text(bundled: ModelMatcher, text: str) -> None:
    assert bundled.match(text) == ()


@pytest.mark.parametrize(
    ("text", "entity", "score"),
    [
        pytest.param("cam-DS2CD2143-lobby", "hikvision", round(95 * 0.8 * 0.9), id="run-on"),
        pytest.param("ipc-hdw2431t-gate", "dahua", round(95 * 0.8), id="whole-hostname"),
        pytest.param("lobby_DS-2CD2143G2-I.example.org", "hikvision", round(95 * 0.8), id="fqdn"),
    ],
)
def test_models_in_hostnames(bundled: ModelMatcher, text: str, entity: str, score: int) -> None:
    (ev,) = bundled.match(text, hostname=True)
    assert (ev.entity, ev.score) == (entity, score)
    assert ev.explanation.startswith(f"hostname '{text}': model")


@pytest.mark.parametrize(
    ("sources", "joined"),
    [
        pytest.param((r"^AC-\d{4}", r"^XV\d{3}"), True, id="plain-patterns"),
        pytest.param((r"^AC-\d{4}", r"^(AB)\1"), False, id="a-back-reference"),
        pytest.param((r"^AC-\d{4}", r"^(?P<x>AB)"), False, id="a-named-group"),
    ],
)
def test_patterns_are_tried_together_first_only_when_joining_them_changes_nothing(
    test_pack: Pack, sources: tuple[str, ...], joined: bool
) -> None:
    from dataclasses import replace

    from duediligence.identify.model_numbers import _any_of

    first = test_pack.catalog.patterns[0]
    patterns = tuple(replace(first, regex=re.compile(s, first.regex.flags)) for s in sources)
    together = _any_of(patterns)
    assert (together is not None) is joined
    if together is not None:
        for text in ("AC-1234", "XV123", "ZZ-1", "ABAB"):
            assert (together.match(text) is not None) == any(p.match(text) for p in patterns)


def _ignoring_case(matcher_of: Pack) -> ModelMatcher:
    """A matcher whose every pattern is compiled with IGNORECASE, as all were before model
    keys of plain ASCII were matched without it."""
    from dataclasses import replace

    catalog = matcher_of.catalog
    patterns = tuple(
        replace(p, regex=re.compile(p.spec.pattern, re.IGNORECASE)) for p in catalog.patterns
    )
    return ModelMatcher(replace(catalog, patterns=patterns))


def _texts(examples: list[str]) -> list[str]:
    out = []
    for ex in examples:
        for other, letter in (("\u0130", "I"), ("\u212a", "K"), ("\u0131", "I"), ("\u017f", "S")):
            out += [ex.upper().replace(letter, other), ex.lower().replace(letter.lower(), other)]
        out += [ex, ex.lower(), f"cam-{ex.lower()}-lobby", f"Dome {ex} 2.8mm"]
    return out


@pytest.mark.parametrize(
    "hostname", [pytest.param(False, id="model"), pytest.param(True, id="hostname")]
)
def test_models_are_found_as_with_every_pattern_ignoring_case(hostname: bool) -> None:
    """Keys of plain ASCII meet patterns compiled without IGNORECASE (`patterns.case_free`);
    keys with 'İ', the Kelvin sign, 'ı' or 'ſ' (which fold to ASCII letters with case
    ignored) meet each pattern with case ignored, so every text finds what it found when all
    patterns ignored case."""
    from duediligence.api import load_pack

    pack = load_pack()
    plain, ignoring = ModelMatcher(pack.catalog), _ignoring_case(pack)
    assert all(not p.regex.flags & re.IGNORECASE for p in pack.catalog.patterns)
    texts = _texts([x for p in pack.catalog.patterns for x in p.spec.examples])
    found = 0
    for text in texts:
        assert plain.match(text, hostname) == ignoring.match(text, hostname), text
        found += bool(plain.match(text, hostname)) and not text.isascii()
    assert found  # texts outside ASCII were met, and some are model numbers
