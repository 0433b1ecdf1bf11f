"""The advisory join: a model and its firmware against the bundled known-exploited entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from duediligence.api import load_pack, scan
from duediligence.evaluate.advisories import AdvisoryIndex, Reading, read_firmware
from duediligence.pack.loader import Pack

TODAY = date(2026, 12, 7)
KEV = "RISK-KNOWN-EXPLOITED"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.mark.parametrize(
    ("firmware", "fixed", "reading"),
    [
        pytest.param(None, "V5.5.800", Reading.FIRMWARE_UNKNOWN, id="no-firmware-may-be-affected"),
        pytest.param("  ", "V5.5.800", Reading.FIRMWARE_UNKNOWN, id="blank-firmware"),
        pytest.param("V5.5.0 build 200911", "V5.5.800", Reading.AFFECTED, id="older"),
        pytest.param("V5.7.3 build 220112", "V5.5.800", None, id="at-or-past-the-fix"),
        pytest.param("latest", "V5.5.800", Reading.UNORDERED, id="unreadable-is-a-review"),
        pytest.param("V2.800.0000000.16", None, Reading.NO_FIXED, id="no-fix-recorded"),
    ],
)
def test_how_the_firmware_reads(
    firmware: str | None, fixed: str | None, reading: Reading | None
) -> None:
    assert read_firmware(firmware, fixed) is reading


@pytest.mark.parametrize(
    ("group", "model", "firmware", "expected"),
    [
        pytest.param(
            "hikvision",
            "DS-2CD2143G2-I",
            None,
            [("hikvision-web-command-injection", Reading.FIRMWARE_UNKNOWN)],
            id="hikvision-camera",
        ),
        pytest.param(
            "hikvision",
            "ds-2cd2143g2-i",
            "V5.4.5 build 170124",
            [("hikvision-web-command-injection", Reading.AFFECTED)],
            id="lower-case-model-older-firmware",
        ),
        pytest.param("hikvision", "DS-2CD2143G2-I", "V5.6.2 build 210218", [], id="patched"),
        pytest.param("hikvision", "DS-7608NI-K2", None, [], id="a-recorder-is-not-in-the-entry"),
        pytest.param("dahua", "DS-2CD2143G2-I", None, [], id="another-groups-advisory-never-meets"),
        pytest.param(
            "dahua",
            "DHI-IPC-HDBW3441R-ZAS",
            "2.800.0000000.x",
            [("dahua-authentication-bypass", Reading.NO_FIXED)],
            id="dahua-camera",
        ),
        pytest.param(
            "dahua", "IPC-HFW2431S-S-S2", None, [], id="a-dahua-2-series-is-not-a-named-family"
        ),
        pytest.param(
            "tp-link",
            "TL-WR841N V9",
            "3.16.9 Build 150301 Rel.60136n",
            [("tp-link-login-directory-traversal", Reading.AFFECTED)],
            id="tp-link-build-before-the-build-only-fix",
        ),
        pytest.param(
            "tp-link",
            "TL-WR841N v10.0",
            "3.16.9 Build 150310 Rel.60137n",
            [("tp-link-wlan-command-injection", Reading.NO_FIXED)],
            id="tp-link-fixed-build-but-an-end-of-life-entry-remains",
        ),
        pytest.param("tp-link", "TL-WR841N V14", None, [], id="tp-link-other-hardware-version"),
        pytest.param(
            "tp-link",
            "Archer AX21 V3",
            "1.1.4 Build 20230219 rel.72647",
            [],
            id="tp-link-archer-ax21-patched",
        ),
        pytest.param(
            "reolink",
            "RLC-410W",
            None,
            [
                ("reolink-ddns-command-injection", Reading.FIRMWARE_UNKNOWN),
                ("reolink-testemail-command-injection", Reading.FIRMWARE_UNKNOWN),
            ],
            id="reolink-camera-in-two-entries",
        ),
        pytest.param("tp-link", "RLC-410W", None, [], id="another-makers-model-never-meets"),
        pytest.param("hikvision", None, None, [], id="no-model"),
    ],
)
def test_the_join(
    pack: Pack,
    group: str,
    model: str | None,
    firmware: str | None,
    expected: list[tuple[str, Reading]],
) -> None:
    found = AdvisoryIndex(pack.advisories).exposures(group, (model,) if model else (), firmware)
    assert [(e.advisory, e.reading) for e in found] == expected


REGISTER = (
    "Asset Tag,Manufacturer,Model No.,Firmware Version\n"
    "CAM-1,Hikvision,DS-2CD2143G2-I,V5.5.0 build 200911\n"
    "CAM-2,Hikvision,DS-2CD2143G2-I,V5.7.3 build 220112\n"
    "CAM-3,Hikvision,DS-2CD2143G2-I,\n"
    "CAM-4,Hikvision,DS-2CD2143G2-I,ask the installer\n"
    "CAM-5,Dahua,IPC-HDW5442TM-AS,V2.800.0000000.16.R.210615\n"
    "CAM-6,Axis,P3245-LVE,10.12.1\n"
    "CAM-7,Hikvision,DS-2CD2143G2-I,V5.5.0 build 200911\n"
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        pytest.param(
            ("Hikvision DS-2CD2143G2-IS",),
            ["hikvision-web-command-injection"],
            id="a-combined-make-and-model-cell",
        ),
        pytest.param(
            ("Camera", "4MP dome DS-2CD2143G2-IS/2.8mm, lobby"),
            ["hikvision-web-command-injection"],
            id="the-model-attribution-found-in-a-description",
        ),
        pytest.param(
            ("Hikvision DS-2CE16D0T-IRPF",), [], id="a-turbo-hd-camera-in-a-combined-cell-is-not"
        ),
        pytest.param(("Hikvision camera XDS-2CD2143",), [], id="a-pattern-starts-a-word-only"),
    ],
)
def test_the_join_reads_a_model_where_attribution_found_it(
    pack: Pack, texts: tuple[str, ...], expected: list[str]
) -> None:
    found = AdvisoryIndex(pack.advisories).exposures("hikvision", texts, None)
    assert [e.advisory for e in found] == expected


def test_a_combined_make_model_column_gets_the_advisory(tmp_path: Path, pack: Pack) -> None:
    """A register keeping make and model in one cell is the register the join must not miss."""
    register = tmp_path / "combined.csv"
    register.write_text(
        "Asset Tag,Manufacturer/Model,Description\n"
        "CAM-1,Hikvision DS-2CD2143G2-IS,4MP dome\n"
        "CAM-2,Hikvision,4MP dome DS-2CD2143G2-IS (2.8mm)\n"
        "NVR-1,Hikvision DS-7608NI-K2,recorder\n",
        encoding="utf-8",
    )
    report = scan([register], pack=pack, profile="us-federal", as_of=TODAY)
    flagged = {f.asset.asset_id for f in report.findings() if f.rule_id == KEV}
    assert flagged == {"CAM-1", "CAM-2"}


def _kev(tmp_path: Path, pack: Pack, profile: str | None) -> dict[str, tuple[str, str | None]]:
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    report = scan([register], pack=pack, profile=profile, as_of=TODAY)
    return {
        f.asset.asset_id or "": (f.message.split(" — ")[-1], f.patch_by)
        for f in report.findings()
        if f.rule_id == KEV
    }


def test_a_register_with_firmware(tmp_path: Path, pack: Pack) -> None:
    found = _kev(tmp_path, pack, "us-federal")
    assert set(found) == {"CAM-1", "CAM-3", "CAM-4", "CAM-5", "CAM-7"}  # CAM-2 is patched
    assert found["CAM-1"][0].startswith("affected: firmware 'V5.5.0 build 200911' is older")
    assert found["CAM-3"][0].startswith("may be affected: firmware unknown")
    assert "cannot be ordered" in found["CAM-4"][0]
    assert "no fixed version" in found["CAM-5"][0]
    # us-federal: the catalogue's due dates are deadlines (BOD 22-01)
    assert found["CAM-1"][1] == "2022-01-24" and found["CAM-5"][1] == "2024-09-11"


def test_without_a_deadline_profile_there_is_no_patch_by_date(tmp_path: Path, pack: Pack) -> None:
    found = _kev(tmp_path, pack, None)
    assert set(found) == {"CAM-1", "CAM-3", "CAM-4", "CAM-5", "CAM-7"}
    assert {patch_by for _, patch_by in found.values()} == {None}
    assert "KEV due 2022-01-24" in _messages(tmp_path, pack)["CAM-1"]


def test_the_message_reads_the_mitigations_as_sentences(tmp_path: Path, pack: Pack) -> None:
    _kev(tmp_path, pack, None)
    message = _messages(tmp_path, pack)["CAM-1"]
    said = message.split("; until patched: ", 1)[1]
    advisory = pack.advisories["hikvision-web-command-injection"]
    assert said.startswith(" ".join(advisory.mitigations))
    assert ".;" not in message


def _messages(tmp_path: Path, pack: Pack) -> dict[str, str]:
    report = scan([tmp_path / "register.csv"], pack=pack, profile=None, as_of=TODAY)
    return {f.asset.asset_id or "": f.message for f in report.findings() if f.rule_id == KEV}


def test_the_join_runs_once_per_distinct_model_and_firmware(tmp_path: Path, pack: Pack) -> None:
    """CAM-1 and CAM-7 share model and firmware: one judgment, one join."""
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    report = scan([register], pack=pack, profile="us-federal", as_of=TODAY)
    judged = {f.asset.asset_id: f.fingerprint for f in report.findings() if f.rule_id == KEV}
    assert len(judged) == 5
    rows = {r.asset.asset_id: r.judgment.id for r in report.flagged}
    assert rows["CAM-1"] == rows["CAM-7"] != rows["CAM-3"]
