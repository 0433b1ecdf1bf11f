"""The kind of device a row's own words say it is: read where no model pattern says it, in the
languages the headers are read in, and never from a text that also names video surveillance."""

from __future__ import annotations

import csv
import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duediligence.api import load_pack, scan
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


# A camera, recorder or intercom whose description also names a switch, a router, a radio
# or a phone: words registers write for it, in each language the headers are read in. Any one
# of them keeps the description from saying the item is network gear, a radio or a phone.
CAMERA_WORDS = [
    pytest.param("Dahua IPC-HFW, wireless, router bridge", id="ipc-abbreviation"),
    pytest.param("IPC, switch port 4", id="ipc-alone"),
    pytest.param("ANPR unit, router", id="anpr"),
    pytest.param("LPR, router", id="lpr"),
    pytest.param("number plate reader, 4G router", id="number-plate"),
    pytest.param("ColorVu, phone app", id="colorvu-line"),
    pytest.param("TiOC 2.0, switch", id="tioc-line"),
    pytest.param("AcuSense, switch", id="acusense-line"),
    pytest.param("Turbo HD, switch", id="turbo-hd-line"),
    pytest.param("WizSense, switch", id="wizsense-line"),
    pytest.param("fisheye, switch port 4", id="fisheye"),
    pytest.param("fish-eye, router", id="fish-eye"),
    pytest.param("panoramic, router", id="panoramic"),
    pytest.param("VMS server, switch", id="vms"),
    pytest.param("IPcam, switch", id="ipcam-one-word"),
    pytest.param("4MP, PoE switch port 3", id="megapixels"),
    pytest.param("2.8mm fixed lens, PoE switch port 3", id="lens"),
    pytest.param("varifocal, switch", id="varifocal"),
    pytest.param("people counting, switch", id="people-counting"),
    pytest.param("face recognition terminal, switch", id="face-recognition"),
    pytest.param("baby monitor, phone", id="baby-monitor"),
    pytest.param("PTZ, phone app control", id="phone-app-control"),
    pytest.param("Hik-Connect app on phone", id="hik-connect"),
    pytest.param("viewed on phone via iVMS-4500", id="ivms"),
    pytest.param("EZVIZ, phone", id="ezviz-app"),
    pytest.param("remote view on phone, router", id="remote-view"),
    pytest.param("infrared, switch", id="infrared"),
    pytest.param("Infrarot, Switch", id="de-infrared"),
    pytest.param("Wärmebild, Switch", id="de-thermal"),
    pytest.param("Türstation, Telefon", id="de-door-station"),
    pytest.param("Klingel, Telefon", id="de-doorbell"),
    pytest.param("Drohne, Funkgerät", id="de-drone"),
    pytest.param("Fernsteuerung, Funkgerät", id="de-remote-control"),
    pytest.param("sonnette, téléphone", id="fr-doorbell"),
    pytest.param("visiophone, téléphone", id="fr-video-phone"),
    pytest.param("caméra thermique, routeur", id="fr-thermal"),
    pytest.param("contrôle d'accès, commutateur", id="fr-access-control"),
    pytest.param("timbre, teléfono", id="es-doorbell"),
    pytest.param("dron, radio", id="es-drone"),
    pytest.param("UAS ground station, radio", id="uas"),
    pytest.param("sUAS, radio", id="small-uas"),
    pytest.param("UAVs, radio", id="uav-plural"),
    pytest.param("control de acceso, conmutador", id="es-access-control"),
    pytest.param("campanello, telefono", id="it-doorbell"),
    pytest.param("allarme, radio", id="it-alarm"),
    pytest.param("deurbel, telefoon", id="nl-doorbell"),
    pytest.param("toegangscontrole, switch", id="nl-access-control"),
    pytest.param("campainha, telefone", id="pt-doorbell"),
    pytest.param("porteiro, telefone", id="pt-door-entry"),
    pytest.param("楼宇对讲 交换机", id="zh-building-intercom"),
    pytest.param("对讲主机 交换机", id="zh-intercom-master"),
    pytest.param("门口机 交换机", id="zh-door-station"),
    pytest.param("室内机 交换机", id="zh-indoor-station"),
    pytest.param("门铃 手机", id="zh-doorbell"),
    pytest.param("热成像 交换机", id="zh-thermal"),
    pytest.param("红外 交换机", id="zh-infrared"),
    pytest.param("人脸识别 交换机", id="zh-face-recognition"),
    pytest.param("车牌识别 路由器", id="zh-number-plate"),
    pytest.param("无人机 对讲机", id="zh-drone"),
    pytest.param("镜头 交换机", id="zh-lens"),
    pytest.param("ドアホン 電話", id="ja-door-phone"),
    pytest.param("サーモグラフィー スイッチ", id="ja-thermal"),
    pytest.param("顔認証 スイッチ", id="ja-face-recognition"),
    pytest.param("ドローン 無線機", id="ja-drone"),
    pytest.param("인터콤 전화기", id="ko-intercom"),
    pytest.param("도어폰 전화기", id="ko-door-phone"),
    pytest.param("열화상 스위치", id="ko-thermal"),
    pytest.param("드론 무전기", id="ko-drone"),
    pytest.param("视频 交换机", id="zh-video"),
    pytest.param("解码器 交换机", id="zh-decoder"),
    pytest.param("映像 スイッチ", id="ja-picture"),
    pytest.param("영상 스위치", id="ko-picture"),
    pytest.param("HoloSens SDC, 4G router", id="huawei-camera-line"),
    pytest.param("app-controlled, router", id="app-controlled"),
    pytest.param("手机APP远程, 交换机", id="zh-phone-app"),
    pytest.param("远程查看 手机", id="zh-remote-view"),
    pytest.param("インターフォン 電話", id="ja-interphone"),
    pytest.param("スマホアプリ スマートフォン", id="ja-phone-app"),
    pytest.param("월패드 전화기", id="ko-wallpad"),
    pytest.param("모바일 앱 휴대폰", id="ko-mobile-app"),
    # Words that said so already, pinned with a switch, router, radio or phone beside them.
    pytest.param("NVR 4K, 8-port PoE switch built in", id="nvr"),
    pytest.param("DVR 8ch, router", id="dvr"),
    pytest.param("XVR, phone app", id="xvr"),
    pytest.param("CCTV, switch port 4", id="cctv"),
    pytest.param("cam on switch port 4", id="cam"),
    pytest.param("bullet, switch", id="bullet"),
    pytest.param("speed dome, router", id="dome"),
    pytest.param("turret, switch", id="turret"),
    pytest.param("encoder, switch", id="encoder"),
    pytest.param("video wall controller, switch", id="video-wall"),
    pytest.param("thermal, router", id="thermal"),
    pytest.param("dashcam, phone", id="dashcam"),
    pytest.param("doorbell, phone app", id="doorbell"),
    pytest.param("Überwachungssystem, Switch", id="de-surveillance"),
    pytest.param("videoportero, teléfono", id="es-video-door-entry"),
    pytest.param("citofono, telefono", id="it-door-entry"),
    pytest.param("監視システム スイッチ", id="ja-surveillance"),
    pytest.param("レコーダー スイッチ", id="ja-recorder"),
    pytest.param("网络摄像机 交换机", id="zh-network-camera"),
    pytest.param("硬盘录像机 交换机", id="zh-disk-recorder"),
    pytest.param("녹화기 스위치", id="ko-recorder"),
]


@pytest.mark.parametrize("text", CAMERA_WORDS)
def test_what_registers_write_for_a_camera_recorder_intercom_or_drone_says_nothing(
    text: str,
) -> None:
    assert kinds.other_kind(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("对讲机", id="zh-walkie-talkie-is-no-intercom"),
        pytest.param("Hikvision 海康威视 交换机", id="zh-a-switch-of-a-camera-maker"),
        pytest.param("24-port PoE switch, rack 3", id="a-switch"),
        pytest.param("Kennzeichen 4711, Funkgerät", id="de-kennzeichen-is-an-identifier"),
        pytest.param("3.5mm jack, two-way radio", id="a-jack-is-no-lens"),
        pytest.param("Scampi router", id="a-word-ending-in-cam-is-no-camera"),
        pytest.param("TPC-1 router", id="ipc-inside-a-word"),
        pytest.param("Quasar router", id="uas-inside-a-word"),
        pytest.param("资产编码 A12 对讲机", id="zh-an-asset-code-is-no-encoder"),
    ],
)
def test_a_radio_phone_or_switch_with_no_such_word_still_names_its_kind(text: str) -> None:
    assert not kinds.other_kind(text)
    assert kinds.kinds_in(text)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param("4G router and handset", ("phone", "network"), id="router-and-phone"),
        pytest.param("wireless router, dual-band radio", ("radio", "network"), id="router-radio"),
        pytest.param(
            "two-way radio with phone patch", ("two_way_radio", "phone"), id="radio-and-phone"
        ),
        pytest.param("two-way radio", ("two_way_radio",), id="radio-inside-two-way-radio"),
        pytest.param("对讲机 手机", ("two_way_radio", "phone"), id="zh-two-kinds"),
    ],
)
def test_words_of_several_kinds_name_each(text: str, keys: tuple[str, ...]) -> None:
    assert tuple(kind.key for kind, _ in kinds.kinds_in(text)) == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param("mounted by the server room switch", (), id="mounted-by-a-switch"),
        pytest.param("Lobby, on switch 3 port 12", (), id="on-a-switch"),
        pytest.param("switch port 4", (), id="a-switch-port"),
        pytest.param("connected to the core router", (), id="connected-to-a-router"),
        pytest.param("via router 2", (), id="via-a-router"),
        pytest.param("am Switch 3 angeschlossen", (), id="de-on-a-switch"),
        pytest.param("branché sur le routeur", (), id="fr-on-a-router"),
        pytest.param("conectado en el router", (), id="es-on-a-router"),
        pytest.param("collegato al router", (), id="it-on-a-router"),
        pytest.param("aangesloten op de switch", (), id="nl-on-a-switch"),
        pytest.param("ligado ao roteador", (), id="pt-on-a-router"),
        pytest.param("接入交换机", (), id="zh-into-a-switch"),
        pytest.param("交换机端口3", (), id="zh-a-switch-port"),
        pytest.param("スイッチに接続", (), id="ja-connected-to-a-switch"),
        pytest.param("스위치에 연결", (), id="ko-connected-to-a-switch"),
        pytest.param("4G router with phone port", ("network",), id="a-phone-port"),
        pytest.param("24-port PoE switch", ("network",), id="a-switch-of-ports"),
        pytest.param("Switch 24 port", ("network",), id="a-switch-then-its-ports"),
        pytest.param("PoE switch, rack 3", ("network",), id="a-switch-in-a-rack"),
        pytest.param("issued to J. Smith, radio", ("radio",), id="a-place-in-another-clause"),
        pytest.param("radio portátil en uso", ("two_way_radio",), id="a-place-after-the-word"),
        pytest.param("handset at reception", ("phone",), id="a-handset-somewhere"),
    ],
)
def test_a_word_of_where_the_item_is_names_no_kind(text: str, keys: tuple[str, ...]) -> None:
    assert tuple(kind.key for kind, _ in kinds.kinds_in(text)) == keys


@pytest.mark.parametrize(
    ("signals", "keys"),
    [
        pytest.param(
            Signals(make="Hikvision", model="IP Camera", description="server room switch"),
            [],
            id="a-camera-in-the-model-stays-unknown",
        ),
        pytest.param(
            Signals(make="Hikvision", model="NVR 4K", description="8-port PoE switch built in"),
            [],
            id="a-recorder-in-the-model-stays-unknown",
        ),
        pytest.param(
            Signals(make="Hikvision", model="DH-IPC-HFW2431S", description="router bridge"),
            [],
            id="a-rival-groups-camera-pattern-is-not-overridden",
        ),
        pytest.param(
            Signals(make="Hikvision", description="PTZ 4MP, phone control"),
            [],
            id="a-phone-from-a-maker-of-no-phones-is-not-read",
        ),
        pytest.param(
            Signals(make="DJI", description="radio"),
            [],
            id="a-radio-from-a-drone-maker-is-not-read",
        ),
        pytest.param(
            Signals(make="Huawei", description="4G router and handset"),
            ["phone", "network"],
            id="each-kind-the-maker-makes",
        ),
        pytest.param(
            Signals(make="Hytera", model="PD-785G", description="two-way radio, phone patch"),
            ["two_way_radio", "phone"],
            id="a-phone-patch-is-telecommunications-which-the-maker-makes",
        ),
        pytest.param(
            Signals(make="Hikvision", description="PoE switch port 4", hostname="ipcam-lobby"),
            [],
            id="a-camera-in-the-hostname-stays-unknown",
        ),
        pytest.param(
            Signals(make="Hikvision", description="PoE switch", hostname="sw-core-01"),
            ["network"],
            id="a-switchs-hostname",
        ),
        pytest.param(
            Signals(make="HiLook", description="8-port PoE switch"),
            ["network"],
            id="a-brand-makes-what-its-group-makes",
        ),
        pytest.param(
            Signals(make="Reolink", description="4G LTE, router"),
            [],
            id="a-router-from-a-maker-of-cameras-only-is-not-read",
        ),
    ],
)
def test_the_kinds_read_are_the_items_own(
    identifier: Identifier, signals: Signals, keys: list[str]
) -> None:
    found = identifier.attribute(signals, WHEN)
    assert found is not None
    assert [ev.matched for ev in found.evidence if ev.signal is Signal.KIND] == keys


def test_a_model_naming_a_camera_is_never_keyed_as_saying_nothing(
    identifier: Identifier,
) -> None:
    for model in ("IP Camera", "IPCamera", "Camera", "NVR", "PTZ-Dome", "Bullet", "Kamera"):
        assert not identifier.model_says_nothing(model), model
    assert identifier.model_says_nothing("SN123456789K")


UK = "uk-central-government"
WMS = "UK-WMS-2022"
US = "us-usf"
UAS = "US-FCC-COVERED-UAS-2025"

# Rows as registers hold them, and whether the scan keeps the measure for the kind of item.
SCANNED = [
    pytest.param(
        UK,
        "Hikvision",
        "DS-7608NI-K2/8P",
        "8-port PoE switch built in",
        True,
        id="a-recorder-pattern-with-a-switch-built-in",
    ),
    pytest.param(
        UK,
        "Hikvision",
        "DS-2CD2143G2-I",
        "mounted by the server room switch",
        True,
        id="a-camera-pattern-by-a-switch",
    ),
    pytest.param(
        UK,
        "Hikvision",
        "NVR 4K",
        "8-port PoE switch built in",
        True,
        id="a-recorder-written-in-the-model",
    ),
    pytest.param(
        UK,
        "Hikvision",
        "IP Camera",
        "mounted by the server room switch",
        True,
        id="a-camera-written-in-the-model",
    ),
    pytest.param(
        UK, "Dahua", "", "IPC-HFW, wireless, router bridge", True, id="a-camera-abbreviated"
    ),
    pytest.param(UK, "Hikvision", "", "ANPR unit, 4G router", True, id="anpr"),
    pytest.param(UK, "Hikvision", "", "ColorVu, phone app", True, id="a-product-line"),
    pytest.param(UK, "Hikvision", "", "2.8mm lens, PoE switch port 3", True, id="a-lens"),
    pytest.param(UK, "Hikvision", "", "PTZ, phone app control", True, id="a-phone-app"),
    pytest.param(UK, "Hikvision", "", "Klingel, Telefon", True, id="de-doorbell"),
    pytest.param(UK, "Hikvision", "", "门口机 交换机", True, id="zh-door-station"),
    pytest.param(UK, "Hikvision", "", "인터콤 전화기", True, id="ko-intercom"),
    pytest.param(
        UK,
        "Hikvision",
        "DH-IPC-HFW2431S",
        "router bridge",
        True,
        id="a-rival-camera-pattern-under-the-make",
    ),
    pytest.param(
        UK,
        "Hikvision",
        "",
        "mounted by the server room switch",
        True,
        id="a-camera-by-a-switch-with-no-model",
    ),
    pytest.param(
        UK, "Hikvision", "", "Lobby, on switch 3 port 12", True, id="a-camera-on-a-switch-port"
    ),
    pytest.param(UK, "Hikvision", "", "海康威视 交换机", False, id="zh-a-hikvision-switch"),
    pytest.param(UK, "Hikvision", "", "24-port PoE switch", False, id="a-hikvision-switch"),
    pytest.param(UK, "Hytera", "", "two-way radio", False, id="a-hytera-radio"),
    pytest.param(
        UK,
        "Hytera",
        "",
        "two-way radio with phone patch",
        False,
        id="a-hytera-radio-with-a-phone-patch",
    ),
    pytest.param(US, "DJI", "", "dron, radio", True, id="es-drone"),
    pytest.param(US, "DJI", "", "remote controller, radio", True, id="a-drone-controller"),
    pytest.param(US, "DJI", "", "radio", True, id="a-radio-word-from-a-drone-maker"),
]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], set[str]]:
    """Each profile's scan of the rows above at once: the measures found for each row."""
    found: dict[tuple[str, str], set[str]] = {}
    for profile in (UK, US):
        rows = [p.values for p in SCANNED if p.values[0] == profile]
        path = tmp_path_factory.mktemp(profile) / "register.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["Asset", "Make", "Model", "Description"])
            out.writerows([f"A{i}", *row[1:4]] for i, row in enumerate(rows))
        report = scan([path], profile=profile, as_of=WHEN, pack=load_pack())
        for i in range(len(rows)):
            found[(profile, f"A{i}")] = set()
        for finding in report.findings():
            found[(profile, finding.asset.asset_id or "")].add(finding.rule_id)
    return found


@pytest.mark.parametrize(("profile", "make", "model", "description", "kept"), SCANNED)
def test_a_scan_keeps_the_measure_for_what_the_item_is(
    scanned: dict[tuple[str, str], set[str]],
    profile: str,
    make: str,
    model: str,
    description: str,
    kept: bool,
) -> None:
    rows = [p.values[1:4] for p in SCANNED if p.values[0] == profile]
    asset = f"A{rows.index((make, model, description))}"
    assert ((WMS if profile == UK else UAS) in scanned[(profile, asset)]) == kept


_PIECES = st.one_of(
    st.sampled_from([t for t in kinds._OTHER if t.isascii()]),
    st.sampled_from(["ipc", "ANPR", "lpr", "VMS", "dron", "rpas", "uas", "sUAS", "UAV", "cam"]),
    st.sampled_from(["IPcam", "4MP", "5 mp", "Quasar"]),
    st.sampled_from(["PoE switch", "router", "radio", "phone", "SN000123457K", "DS-2CD"]),
    st.sampled_from([" ", "-", "/", ",", "(", ")", "_", "2", ""]),
    st.text(string.ascii_letters + string.digits, max_size=5),
)


@settings(max_examples=400, deadline=None, database=None)
@given(
    st.lists(_PIECES, max_size=6).map("".join).flatmap(lambda t: st.sampled_from([t, t.upper()]))
)
def test_the_set_test_for_ascii_text_never_changes_what_the_words_say(text: str) -> None:
    # Text outside ASCII is read by the expression alone; ' é' after it changes no word.
    assert kinds.other_kind(text) == kinds.other_kind(text + " é")
