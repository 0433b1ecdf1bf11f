"""The kind of device a row's own words say it is: read where no model pattern says it, in the
languages the headers are read in, and never from a text that also names video surveillance."""

from __future__ import annotations

from datetime import date

import pytest

from duediligence.api import load_pack
from duediligence.identify import kinds
from duediligence.identify.interface import Identifier, Signals
from duediligence.pack.entities import EquipmentCategory
from duediligence.results.findings import Signal

WHEN = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        pytest.param("Hytera two-way radio", kinds.TWO_WAY, "two-way radio", id="two-way"),
        pytest.param("Two Way Radio, UHF", kinds.TWO_WAY, "Two Way Radio", id="two-way-spaced"),
        pytest.param("walkie-talkie (security team)", kinds.TWO_WAY, "walkie-talkie", id="walkie"),
        pytest.param("Walkie Talkies x4", kinds.TWO_WAY, "Walkie Talkies", id="walkie-plural"),
        pytest.param("DMR portable radio", kinds.TWO_WAY, "portable radio", id="portable"),
        pytest.param("Handfunkgerät Werkschutz", kinds.TWO_WAY, "Handfunkgerät", id="de"),
        pytest.param("Funkgerät", kinds.TWO_WAY, "Funkgerät", id="de-funkgeraet"),
        pytest.param("talkie-walkie numérique", kinds.TWO_WAY, "talkie-walkie", id="fr"),
        pytest.param("radio portátil DMR", kinds.TWO_WAY, "radio portátil", id="es"),
        pytest.param("ricetrasmittente portatile", kinds.TWO_WAY, "ricetrasmittente", id="it"),
        pytest.param("portofoon beveiliging", kinds.TWO_WAY, "portofoon", id="nl"),
        pytest.param("rádio comunicador", kinds.TWO_WAY, "rádio comunicador", id="pt"),
        pytest.param("数字对讲机", kinds.TWO_WAY, "对讲机", id="zh"),
        pytest.param("デジタル無線機", kinds.TWO_WAY, "無線機", id="ja"),
        pytest.param("トランシーバー", kinds.TWO_WAY, "トランシーバー", id="ja-transceiver"),
        pytest.param("디지털 무전기", kinds.TWO_WAY, "무전기", id="ko"),
        pytest.param("radio", kinds.RADIO, "radio", id="bare-radio"),
        pytest.param("Radios (site team)", kinds.RADIO, "Radios", id="radio-plural"),
        pytest.param("microwave radio link", kinds.RADIO, "radio", id="microwave-radio"),
        pytest.param("handset", kinds.PHONE, "handset", id="handset"),
        pytest.param("Smartphone 128GB", kinds.PHONE, "Smartphone", id="smartphone"),
        pytest.param("mobile phone (director)", kinds.PHONE, "mobile phone", id="mobile-phone"),
        pytest.param("Mobiltelefon", kinds.PHONE, "Mobiltelefon", id="de-phone"),
        pytest.param("téléphone portable", kinds.PHONE, "téléphone", id="fr-phone"),
        pytest.param("teléfono móvil", kinds.PHONE, "teléfono", id="es-phone"),
        pytest.param("telefoon", kinds.PHONE, "telefoon", id="nl-phone"),
        pytest.param("华为手机", kinds.PHONE, "手机", id="zh-phone"),
        pytest.param("휴대폰", kinds.PHONE, "휴대폰", id="ko-phone"),
        pytest.param("24-port PoE switch", kinds.NETWORK, "PoE switch", id="poe-switch"),
        pytest.param("core router", kinds.NETWORK, "router", id="router"),
        pytest.param("Wi-Fi access point", kinds.NETWORK, "access point", id="access-point"),
        pytest.param("routeur 4G", kinds.NETWORK, "routeur", id="fr-router"),
        pytest.param("roteador", kinds.NETWORK, "roteador", id="pt-router"),
        pytest.param("千兆交换机", kinds.NETWORK, "交换机", id="zh-switch"),
        pytest.param("ルーター", kinds.NETWORK, "ルーター", id="ja-router"),
        pytest.param("스위치 24포트", kinds.NETWORK, "스위치", id="ko-switch"),
    ],
)
def test_the_words_name_a_kind(text: str, kind: kinds.Kind, word: str) -> None:
    assert not kinds.other_kind(text)
    assert kinds.kinds_in(text) == ((kind, word),)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("radio-linked camera", id="radio-linked-camera"),
        pytest.param("wireless bridge for CCTV", id="bridge-for-cctv"),
        pytest.param("PoE switch for NVR", id="switch-for-nvr"),
        pytest.param("body-worn camera with PoC radio", id="body-worn-camera"),
        pytest.param("Hytera VM780 bodycam", id="bodycam"),
        pytest.param("video door phone", id="video-door-phone"),
        pytest.param("Funkkamera Außenbereich", id="de-radio-camera"),
        pytest.param("Videoüberwachung Funkgerät", id="de-compound-video"),
        pytest.param("radio alarm panel", id="radio-alarm"),
        pytest.param("drone radio controller", id="drone-controller"),
        pytest.param("wireless PTZ cam", id="ptz-cam"),
        pytest.param("caméra radio", id="fr-camera"),
        pytest.param("无线摄像机", id="zh-camera"),
        pytest.param("可视对讲机", id="zh-video-intercom"),
        pytest.param("ワイヤレスカメラ", id="ja-camera"),
        pytest.param("무선 카메라", id="ko-camera"),
        pytest.param("thermal imaging radio relay", id="thermal"),
    ],
)
def test_a_word_of_video_or_another_kind_anywhere_says_nothing(text: str) -> None:
    assert kinds.other_kind(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("radiometric", id="radiometric-is-no-radio"),
        pytest.param("ontology server", id="ontology-is-no-ont"),
        pytest.param("switchboard", id="switchboard-is-no-switch"),
        pytest.param("phonetic", id="phonetic-is-no-phone"),
        pytest.param("PD-785G", id="a-model-number"),
        pytest.param("Hytera", id="a-maker"),
        pytest.param("", id="empty"),
    ],
)
def test_a_word_inside_another_names_no_kind(text: str) -> None:
    assert kinds.kinds_in(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("📻\u202e\u200b\x01\x7f", id="emoji-and-control-characters"),
        pytest.param("ｒａｄｉｏ", id="full-width-letters-read-as-ascii"),
        pytest.param("radio " + "Ж" * 100_000, id="a-huge-cell"),
        pytest.param("Ж" * 100_000 + " radio", id="a-word-past-what-is-read"),
    ],
)
def test_any_text_is_read_without_raising(text: str) -> None:
    found = kinds.kinds_in(text)
    kinds.other_kind(text)
    assert bool(found) == text.startswith(("radio", "ｒａｄｉｏ"))


def test_every_kind_is_keyed_and_stands_for_categories() -> None:
    assert set(kinds.KINDS) == {k.key for k in kinds.KINDS.values()}
    assert all(k.categories <= set(EquipmentCategory) for k in kinds.KINDS.values())
    assert not any(
        EquipmentCategory.VIDEO_SURVEILLANCE in k.categories for k in kinds.KINDS.values()
    )


@pytest.fixture(scope="module")
def identifier() -> Identifier:
    return Identifier(load_pack().catalog)


@pytest.mark.parametrize(
    ("signals", "key", "said"),
    [
        pytest.param(
            Signals(make="Hytera", model="PD-785G", description="Hytera two-way radio"),
            "two_way_radio",
            "the description says 'two-way radio'",
            id="description",
        ),
        pytest.param(
            Signals(make="Hytera", model="PD-785G radio"),
            None,
            None,
            id="the-model-is-not-read-for-a-kind",
        ),
        pytest.param(
            Signals(make="Hikvision", description="PoE switch 8 port"),
            "network",
            "the description says 'PoE switch'",
            id="switch",
        ),
        pytest.param(
            Signals(make="Hytera", model="PD-785G", description="radio-linked camera"),
            None,
            None,
            id="radio-linked-camera-stays-unknown",
        ),
        pytest.param(
            Signals(make="Hikvision", description="wireless bridge for CCTV"),
            None,
            None,
            id="bridge-for-cctv-stays-unknown",
        ),
        pytest.param(
            Signals(make="Hytera", description="two-way radio", notes="camera fitted on the mast"),
            None,
            None,
            id="camera-in-the-notes-stays-unknown",
        ),
        pytest.param(
            Signals(make="Hikvision", model="DS-2CD2143G2-I", description="radio"),
            None,
            None,
            id="a-pattern-category-is-not-overridden",
        ),
        pytest.param(
            Signals(make="Hytera", model="PD785G", description="walkie-talkie"),
            None,
            None,
            id="the-pattern-already-says-radio",
        ),
    ],
)
def test_the_attribution_says_the_kind_and_where_it_was_read(
    identifier: Identifier, signals: Signals, key: str | None, said: str | None
) -> None:
    found = identifier.attribute(signals, WHEN)
    assert found is not None
    told = [ev for ev in found.evidence if ev.signal is Signal.KIND]
    assert [ev.matched for ev in told] == ([key] if key else [])
    if said is not None:
        assert told[0].explanation.startswith(said)
