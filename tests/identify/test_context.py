"""The context guard: a covered name that is only context, or an accessory or a service, is
not covered equipment; the item itself still is."""

from __future__ import annotations

import pytest

from duediligence.api import load_pack
from duediligence.identify.context import Cue, Kind, read
from duediligence.identify.interface import Identifier, Signals


@pytest.fixture(scope="module")
def identifier() -> Identifier:
    return Identifier(load_pack().catalog)


NOT_COVERED = [
    # English
    pytest.param("surveillance drive for Dahua NVR", "'Dahua'", id="en-drive-for"),
    pytest.param("PoE injector for Hikvision PTZ", "'Hikvision'", id="en-injector-for"),
    pytest.param("bracket compatible with Hikvision & Dahua", "'Dahua' and", id="en-compatible"),
    pytest.param("replace Huawei ONT with Nokia", "being replaced", id="en-replace-with"),
    pytest.param("Labour: re-programming Hytera radios", "'Hytera'", id="en-labour"),
    pytest.param("Cat6 cable to Hikvision camera", "'Hikvision'", id="en-cable-to"),
    pytest.param("Licence for Hikvision iVMS", "a service", id="en-licence-for"),
    pytest.param("4TB HDD for Hikvision DS-7608NI-K2", "Hikvision", id="en-hdd-for-model"),
    pytest.param("Wall mount bracket suitable for Dahua dome cameras", "'Dahua'", id="en-suitable"),
    pytest.param("Hikvision-compatible junction box", "compatible", id="en-x-compatible"),
    pytest.param("Power supply 12V for Hikvision cameras", "accessory", id="en-psu"),
    pytest.param("Support contract - Huawei switches", "a service", id="en-support-contract"),
    pytest.param("Installation of Hikvision cameras at depot", "a service", id="en-installation"),
    pytest.param("Removal of Dahua NVR and cameras", "a service", id="en-removal"),
    pytest.param("Decommission Huawei AR router", "a service", id="en-decommission"),
    pytest.param("Swap out Huawei ONT for Nokia ONT", "being replaced", id="en-swap-out"),
    pytest.param("Maintenance: Hytera repeaters", "a service", id="en-maintenance"),
    pytest.param("Battery pack fits Hytera PD785", "compatible", id="en-fits"),
    pytest.param("Antenna to suit Hytera radios", "'Hytera'", id="en-to-suit"),
    pytest.param("Pole mount adapter for Dahua PTZ", "accessory", id="en-pole-mount"),
    pytest.param("Annual licence Hikvision HikCentral", "a service", id="en-licence-noun"),
    pytest.param("Replacement for Dahua IPC-HDW2431T-AS", "being replaced", id="en-replacement"),
    pytest.param("Axis P3245-V instead of Hikvision DS-2CD2143", "replaced", id="en-instead-of"),
    pytest.param("Camera for Hikvision NVR", "what the item is for", id="en-unknown-camera-for"),
    # German
    pytest.param("Festplatte für Dahua NVR", "'Dahua'", id="de-festplatte"),
    pytest.param("PoE-Injektor für Hikvision PTZ", "accessory", id="de-injektor"),
    pytest.param("Wandhalterung kompatibel mit Hikvision", "compatible", id="de-kompatibel"),
    pytest.param("Huawei ONT durch Nokia ersetzen", "being replaced", id="de-ersetzen"),
    pytest.param("Arbeitszeit: Umprogrammierung Hytera Funkgeräte", "a service", id="de-arbeit"),
    pytest.param("Netzteil passend für Dahua Kameras", "accessory", id="de-netzteil"),
    # French
    pytest.param("Disque dur pour enregistreur Dahua", "accessory", id="fr-disque-dur"),
    pytest.param("Support mural compatible avec Hikvision", "compatible", id="fr-compatible"),
    pytest.param("Remplacer la caméra Huawei par Axis", "being replaced", id="fr-remplacer"),
    pytest.param("Main d'œuvre : reprogrammation radios Hytera", "a service", id="fr-main-oeuvre"),
    pytest.param("Injecteur PoE pour caméra PTZ Hikvision", "accessory", id="fr-injecteur"),
    # Spanish
    pytest.param("Disco duro para grabador Dahua", "accessory", id="es-disco-duro"),
    pytest.param("Soporte compatible con Hikvision", "compatible", id="es-compatible"),
    pytest.param("Sustituir ONT Huawei por Nokia", "being replaced", id="es-sustituir"),
    pytest.param("Mano de obra: programación de radios Hytera", "a service", id="es-mano-obra"),
    pytest.param("Licencia para Hikvision iVMS", "a service", id="es-licencia"),
    # Italian
    pytest.param("Hard disk per NVR Dahua", "accessory", id="it-hard-disk"),
    pytest.param("Staffa compatibile con Hikvision", "compatible", id="it-compatibile"),
    pytest.param("Sostituire ONT Huawei con Nokia", "being replaced", id="it-sostituire"),
    pytest.param("Manodopera: programmazione radio Hytera", "a service", id="it-manodopera"),
    # Dutch
    pytest.param("Harde schijf voor Dahua NVR", "accessory", id="nl-harde-schijf"),
    pytest.param("Beugel geschikt voor Hikvision camera's", "compatible", id="nl-geschikt"),
    pytest.param("Huawei ONT vervangen door Nokia", "being replaced", id="nl-vervangen"),
    pytest.param("Arbeidsloon: herprogrammering Hytera portofoons", "a service", id="nl-arbeid"),
    # Portuguese
    pytest.param("Disco rígido para gravador Dahua", "accessory", id="pt-disco"),
    pytest.param("Suporte compatível com Hikvision", "compatible", id="pt-compativel"),
    pytest.param("Substituir ONT Huawei por Nokia", "being replaced", id="pt-substituir"),
    pytest.param("Mão de obra: programação de rádios Hytera", "a service", id="pt-mao-obra"),
    # Chinese, Japanese, Korean
    pytest.param("海康威视录像机专用硬盘", "'海康威视'", id="zh-dedicated-hdd"),
    pytest.param("兼容海康威视的支架", "compatible", id="zh-compatible"),
    pytest.param("将海康威视摄像机更换为安讯士", "being replaced", id="zh-replace"),
    pytest.param("人工费：海能达对讲机编程", "a service", id="zh-labour"),
    pytest.param("Hikvision NVR用ハードディスク", "accessory", id="ja-for-hdd"),
    pytest.param("Dahua対応ブラケット", "compatible", id="ja-compatible"),
    pytest.param("Hytera 無線機のプログラミング作業", "a service", id="ja-programming"),
    pytest.param("Hikvision NVR용 하드디스크", "accessory", id="ko-for-hdd"),
    pytest.param("Dahua 호환 브라켓", "compatible", id="ko-compatible"),
    pytest.param("Hytera 무전기 프로그래밍 인건비", "a service", id="ko-labour"),
]


@pytest.mark.parametrize(("text", "said"), NOT_COVERED)
def test_context_only_mentions_are_not_covered_equipment(
    identifier: Identifier, text: str, said: str
) -> None:
    note = identifier.guard(Signals(description=text))
    assert note is not None
    assert said in note
    assert note.endswith("not covered equipment")


COVERED = [
    pytest.param("Hikvision DS-2CD2143G2-I dome camera", "hikvision", id="en-camera"),
    pytest.param("Dahua NVR 16ch", "dahua", id="en-nvr"),
    pytest.param("Hikvision camera with bracket", "hikvision", id="en-with-bracket"),
    pytest.param("Huawei ONT HG8245H (replaces ZTE)", "huawei", id="en-replaces-other"),
    pytest.param("Dahua camera for the car park", "dahua", id="en-for-a-place"),
    pytest.param("Dahua camera for Hikvision NVR", "dahua", id="en-for-other-maker"),
    pytest.param("Hikvision NVR incl. 4TB HDD", "hikvision", id="en-incl-hdd"),
    pytest.param("Hikvision camera + installation", "hikvision", id="en-plus-service"),
    pytest.param("DS-2CD2T47G2-L(4mm)(C)(O-STD)", "hikvision", id="en-catalogue-suffix"),
    pytest.param("Hikvision camera, 2.8mm lens, 1m cable", "hikvision", id="en-spec-clauses"),
    pytest.param("Dahua camera to replace Axis camera", "dahua", id="en-to-replace-other"),
    pytest.param("Hikvision DS-7608NI-K2/8P 8ch NVR", "hikvision", id="en-slash-model"),
    pytest.param("Hytera PD785 radio with battery", "hytera", id="en-radio-with-battery"),
    pytest.param("Hikvision NVR, decommissioned 2024", "hikvision", id="en-status-is-no-work"),
    pytest.param("Hikvision camera, commissioning 2021", "hikvision", id="en-commissioning-date"),
    pytest.param("Hikvision NVR 8 drive bays", "hikvision", id="en-drive-bays"),
    pytest.param("Hikvision DVR 8ch 2TB HDD", "hikvision", id="en-recorder-and-its-drive"),
    pytest.param("Hikvision camera 12V power supply", "hikvision", id="en-doubt-is-equipment"),
    pytest.param("Dahua NVR, configuration: 16ch", "dahua", id="en-configuration"),
    pytest.param("Hikvision Kamera mit Halterung", "hikvision", id="de-mit"),
    pytest.param("Caméra Hikvision avec support", "hikvision", id="fr-avec"),
    pytest.param("Cámara Dahua con soporte", "dahua", id="es-con"),
    pytest.param("海康威视摄像机", "hikvision", id="zh-camera"),
    pytest.param("Hikvision CCTV용 카메라", "hikvision", id="ko-for-takes-one-word"),
    pytest.param("ONVIF compatible Hikvision camera", "hikvision", id="en-compatible-standard"),
    pytest.param("海康威视硬盘录像机", "hikvision", id="zh-dvr-holds-hdd-word"),
]


@pytest.mark.parametrize(("text", "group"), COVERED)
def test_the_item_itself_is_still_attributed(identifier: Identifier, text: str, group: str) -> None:
    signals = Signals(description=text)
    assert identifier.guard(signals) is None
    assert {ev.entity for ev in identifier.evidence(signals)} == {group}


ROWS = [
    pytest.param(
        Signals(make="Hikvision", description="bracket"),
        "the row names 'Hikvision', but the description says the item is an accessory",
        id="covered-make-accessory",
    ),
    pytest.param(
        Signals(make="Hytera", description="Labour: re-programming radios"),
        "the row names 'Hytera', but the description says the item is a service",
        id="covered-make-service",
    ),
    pytest.param(
        Signals(model="HDD 4TB for DS-7608NI-K2"),
        "mentioned only as what the item is for",
        id="model-field-read-too",
    ),
    pytest.param(
        Signals(make="Seagate", notes="for the Dahua NVR in the lobby"),
        "'Dahua' is mentioned only as what the item is for",
        id="notes-context",
    ),
]


@pytest.mark.parametrize(("signals", "said"), ROWS)
def test_rows_that_are_not_covered_equipment(
    identifier: Identifier, signals: Signals, said: str
) -> None:
    note = identifier.guard(signals)
    assert note is not None
    assert said in note


DEVICES = [
    pytest.param(
        Signals(make="Hikvision", model="DS-2CD2143G2-I", description="camera bracket"),
        id="model-number-says-device",
    ),
    pytest.param(
        Signals(make="Hikvision", mac="44:19:B6:12:34:56", description="Installation"),
        id="mac-says-device",
    ),
    pytest.param(Signals(make="Hikvision", description="4MP dome"), id="no-context-at-all"),
    pytest.param(
        Signals(make="Hikvision", notes="bracket loose, maintenance done 2023"),
        id="notes-remark-on-the-item",
    ),
    pytest.param(Signals(notes="Maintenance: Hikvision NVR"), id="notes-name-no-service"),
    pytest.param(Signals(make="Axis", description="bracket"), id="accessory-of-no-covered-maker"),
]


@pytest.mark.parametrize("signals", DEVICES)
def test_rows_that_stay_judged(identifier: Identifier, signals: Signals) -> None:
    assert identifier.guard(signals) is None


READINGS = [
    pytest.param(
        "Huawei ONT HG8245H (replaces ZTE)", None, ((Cue.REPLACED, "ZTE"),), id="replaces"
    ),
    pytest.param("Hikvision camera with bracket", None, (), id="with-is-no-context"),
    pytest.param(
        "PoE injector for Hikvision PTZ, 48V",
        Kind.ACCESSORY,
        ((Cue.FOR, "Hikvision PTZ"),),
        id="clause-ends-context",
    ),
    pytest.param(
        "Hikvision-compatible bracket",
        Kind.ACCESSORY,
        ((Cue.COMPATIBLE, "Hikvision"),),
        id="compatible-before",
    ),
    pytest.param("NVR HDD 4TB", Kind.ACCESSORY, (), id="accessory-right-after-equipment"),
    pytest.param("Hikvision camera wall mount", Kind.ACCESSORY, (), id="compound-noun"),
    pytest.param("Hikvision DVR 8ch 2TB HDD", None, (), id="equipment-holding-a-drive"),
    pytest.param("海康威视硬盘录像机", None, (), id="zh-recorder-named-last"),
]


@pytest.mark.parametrize(("text", "kind", "context"), READINGS)
def test_readings(text: str, kind: Kind | None, context: tuple[tuple[Cue, str], ...]) -> None:
    reading = read(text)
    assert reading.kind is kind
    assert reading.context == context


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("📷 for 🔥" * 1000, id="emoji"),
        pytest.param("for\x00\x07 replace \x1b with", id="control-characters"),
        pytest.param("ｆｏｒ Ｈｉｋｖｉｓｉｏｎ", id="full-width"),
        pytest.param("for " * 100_000, id="a-megabyte-of-cues"),
        pytest.param("replace " * 50_000 + "with", id="unclosed-replacement"),
        pytest.param("", id="empty"),
    ],
)
def test_any_text_is_read_without_raising(text: str) -> None:
    reading = read(text)
    assert len(reading.item) <= max(len(text), 1) + 8
