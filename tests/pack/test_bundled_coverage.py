"""The bundled pack names the affiliates, product families and scripts registers use.

Each row is a value as a register writes it (a make, a supplier name, a model with its
catalogue suffix) and what the pack must make of it; the look-alike rows are other makers'
real names and models that must stay clear.
"""

from datetime import date

import pytest

from duediligence.api import load_pack
from duediligence.identify.names import NameMatcher
from duediligence.identify.normalize import model_key
from duediligence.pack.catalog import Catalog
from duediligence.pack.sources import Confidence

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_pack().catalog


@pytest.fixture(scope="module")
def names(catalog: Catalog) -> NameMatcher:
    return NameMatcher(catalog)


@pytest.mark.parametrize(
    ("text", "entity", "group"),
    [
        pytest.param("HIKMICRO", "hikmicro", "hikvision", id="hikmicro"),
        pytest.param("Hikmicro", "hikmicro", "hikvision", id="hikmicro-title-case"),
        pytest.param("HIK MICRO", "hikmicro", "hikvision", id="hikmicro-spaced"),
        pytest.param("Hik-Micro", "hikmicro", "hikvision", id="hikmicro-hyphen"),
        pytest.param("Hikmicrotech", "hikmicro", "hikvision", id="hikmicrotech"),
        pytest.param(
            "Hangzhou Microimage Software Co., Ltd.", "hikmicro", "hikvision", id="microimage"
        ),
        pytest.param("HIKSEMI", "hikstorage", "hikvision", id="hiksemi"),
        pytest.param("Haikang", "hikvision", "hikvision", id="haikang"),
        pytest.param("Hai Kang", "hikvision", "hikvision", id="haikang-spaced"),
        pytest.param("하이크비전", "hikvision", "hikvision", id="hikvision-hangul"),
        pytest.param("하이크 비전", "hikvision", "hikvision", id="hikvision-hangul-spaced"),
        pytest.param("Yingshi", "ezviz", "hikvision", id="yingshi"),
        pytest.param("다후아", "dahua", "dahua", id="dahua-hangul"),
        pytest.param("Zhongxing", "zte", "zte", id="zhongxing"),
        pytest.param(
            "Zhongxing Telecommunication Equipment Corporation", "zte", "zte", id="zte-long-name"
        ),
        pytest.param("Hainengda", "hytera", "hytera", id="hainengda"),
        pytest.param("海能达通信股份有限公司", "hytera", "hytera", id="hytera-legal-zh"),
    ],
)
def test_names_in_other_spellings_and_scripts_find_their_group(
    catalog: Catalog, names: NameMatcher, text: str, entity: str, group: str
) -> None:
    found = names.match(text)
    assert found, text
    assert found[0].entity == entity
    assert catalog.group_of(found[0].entity, TODAY) == group


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Zhongxin Technology", id="citic-pinyin"),
        pytest.param("Zhongxing Automobile", id="zx-auto"),
        pytest.param("Huace Yingshi Media", id="film-and-tv-yingshi"),
        pytest.param("Beijing Yingshi Culture Co., Ltd.", id="yingshi-culture"),
    ],
)
def test_romanised_lookalikes_name_no_covered_group(names: NameMatcher, text: str) -> None:
    assert names.match(text) == ()


@pytest.mark.parametrize(
    ("model", "pattern"),
    [
        pytest.param("DS-KV6113-WPE1(C)", "hikvision-video-intercom", id="hik-door-station"),
        pytest.param("DS-KH6350-TE1", "hikvision-video-intercom", id="hik-indoor-station"),
        pytest.param("ds-kb2421-im", "hikvision-video-intercom", id="hik-doorbell-lower-case"),
        pytest.param("DS-2TD2628-7", "hikvision-thermal", id="hik-thermal"),
        pytest.param("HM-TD2628-7/EA", "hikmicro-thermal", id="hikmicro-regional-suffix"),
        pytest.param("VTO2202F-P", "dahua-intercom", id="dahua-vto"),
        pytest.param("DHI-VTO2202F-P", "dahua-intercom", id="dahua-vto-prefixed"),
        pytest.param("VTH2421F-P", "dahua-intercom", id="dahua-vth"),
        pytest.param("DH-PFS4210-8GT-150", "dahua-switch", id="dahua-pfs"),
        pytest.param("DH-IS4210-8GT-120", "dahua-switch", id="dahua-industrial"),
        pytest.param("CS4218-16ET-135", "dahua-switch", id="dahua-cloud-unprefixed"),
        pytest.param("BD505", "hytera-business-radio", id="hytera-bd5"),
        pytest.param("MD785i", "hytera-mobile-radio", id="hytera-md7"),
        pytest.param("DS-2CE16D0T-IT5", "hikvision-turbo-hd-camera", id="hik-turbo-hd-bullet"),
        pytest.param(
            "DS-2CE76D0T-ITMFS(2.8mm)", "hikvision-turbo-hd-camera", id="hik-turbo-hd-lens-suffix"
        ),
        pytest.param(
            "DS-2CC52D9T-AITZE(2.8-12MM)",
            "hikvision-ds-2cc-analogue-camera",
            id="hik-ds-2cc-lens-suffix",
        ),
        pytest.param("DS-K2604-G", "hikvision-access-controller", id="hik-door-controller"),
        pytest.param("DS-PWA96-M2H-WE", "hikvision-ax-pro-panel", id="hik-ax-pro-panel"),
        pytest.param("DS-PHA64-LP", "hikvision-ax-pro-panel", id="hik-ax-hybrid-pro-panel"),
        pytest.param("XVR5108HS-I3", "dahua-xvr", id="dahua-xvr-unprefixed"),
        pytest.param("XVR1B08-I", "dahua-xvr", id="dahua-xvr-single-bay"),
        pytest.param("DHI-ASI7214Y-V3", "dahua-face-access", id="dahua-face-access-prefixed"),
        pytest.param("ASI2212H", "dahua-face-access", id="dahua-access-standalone"),
        pytest.param("DHI-ASA3223A-W", "dahua-face-access", id="dahua-time-attendance"),
        pytest.param("OptiX OSN 8800 T64", "huawei-optix-osn", id="huawei-osn-8800"),
        pytest.param("OSN 1800", "huawei-optix-osn", id="huawei-osn-without-optix"),
        pytest.param("USG6585F-B", "huawei-usg-firewall", id="huawei-usg6000"),
        pytest.param("ATN910C-B", "huawei-atn", id="huawei-atn910"),
        pytest.param("SD5A425XA-HNR", "dahua-ptz", id="dahua-ptz-unprefixed"),
        pytest.param("HFW1435S-W-S2", "dahua-ipc-h-bare", id="dahua-bullet-without-ipc"),
        pytest.param("HDBW1431EP-S-0360B", "dahua-ipc-h-bare", id="dahua-dome-without-ipc"),
        pytest.param("DH-HDW2431TP-AS", "dahua-ipc-h-bare", id="dahua-dome-prefixed-without-ipc"),
        pytest.param("ZXCTN 6120H-S", "zte-transport-access", id="zte-packet-transport"),
        pytest.param("ZXMP S385", "zte-transport-access", id="zte-sdh"),
        # TP-Link and Reolink are held (for their advisories): their models are their own
        pytest.param("TL-SG1008D", "tp-link-switch", id="tp-link-switch"),
        pytest.param("Archer AX21", "tp-link-archer", id="tp-link-router"),
        pytest.param("RLC-410W", "reolink-rlc-camera", id="reolink-camera"),
        pytest.param("DHI-DB11", "dahua-dh-prefix", id="dahua-doorbell-by-brand-prefix"),
        pytest.param("DHI-DS04-AI400", "dahua-dh-prefix", id="dahua-play-box-by-brand-prefix"),
        pytest.param("iDS-7208HQHI-M1/S", "hikvision-ids-recorder", id="hik-ids-dvr-lower-i"),
        pytest.param("IDS-9632NXI-I8/X", "hikvision-ids-recorder", id="hik-ids-nvr"),
        pytest.param("iDS-2CD7146G0-IZS", "hikvision-ids-camera", id="hik-ids-camera-not-recorder"),
        pytest.param("CS-C6N-A0-1C2WFR", "ezviz-camera", id="ezviz-full-code"),
        pytest.param("CS-C3TN", "ezviz-camera", id="ezviz-family-only"),
        pytest.param("cs-h8c-r100-1k3kf4ga", "ezviz-camera", id="ezviz-lower-case"),
        pytest.param("IPC-F22AP", "imou-camera", id="imou-bullet"),
        pytest.param("IPC-A26Z", "imou-camera", id="imou-ranger"),
        pytest.param("IPC-K22A", "imou-camera", id="imou-cube"),
        pytest.param("MA5800-X7", "huawei-smartax-access", id="huawei-olt-ma5800"),
        pytest.param("MA5608T", "huawei-smartax-access", id="huawei-olt-ma5600t"),
        pytest.param("EA5800-X15", "huawei-smartax-access", id="huawei-ea5800"),
        pytest.param("HP78X", "hytera-h-series-radio", id="hytera-hp78x"),
        pytest.param("HP56X", "hytera-h-series-radio", id="hytera-hp56x"),
        pytest.param("PT580H", "hytera-tetra-portable", id="hytera-pt580h"),
        pytest.param("PT890Ex", "hytera-tetra-portable", id="hytera-pt890ex"),
        pytest.param("PNC 370", "hytera-poc-terminal", id="hytera-poc-as-android-names-it"),
        pytest.param("PNC360S-R", "hytera-poc-terminal", id="hytera-poc-with-suffix"),
        pytest.param("MF286D", "zte-mf-mobile-router", id="zte-lte-router"),
        pytest.param("MF287Pro", "zte-mf-mobile-router", id="zte-lte-router-pro"),
        pytest.param("MF920V", "zte-mf-mobile-router", id="zte-mobile-hotspot"),
        pytest.param("MF820D", "zte-mf-mobile-router", id="zte-usb-modem"),
        pytest.param("K3765-Z", "zte-vodafone-k-modem", id="zte-vodafone-modem"),
        pytest.param("NX659J-UN", "nubia-nx-phone", id="nubia-phone-with-region"),
        pytest.param("Z982", "zte-us-carrier-phone", id="zte-carrier-phone-bare"),
        pytest.param("Z851M", "zte-us-carrier-phone", id="zte-carrier-phone-one-letter"),
        pytest.param("Z930L", "zte-us-carrier-phone", id="zte-carrier-phone-0-and-letter"),
        pytest.param("Z717VL", "zte-us-carrier-phone", id="zte-carrier-phone-verizon-letters"),
        pytest.param("Z559DL", "zte-us-carrier-phone", id="zte-carrier-phone-tracfone-letters"),
        pytest.param("Z6750M", "zte-us-carrier-phone", id="zte-carrier-phone-four-digits"),
        pytest.param("z899vl", "zte-us-carrier-phone", id="zte-carrier-phone-lower-case"),
        pytest.param("Blade A5", "zte-blade-axon-phone", id="zte-blade-a"),
        pytest.param("BLADE V0820", "zte-blade-axon-phone", id="zte-blade-v-four-digits"),
        pytest.param("Blade_L3", "zte-blade-axon-phone", id="zte-blade-underscore"),
        pytest.param("Axon 7", "zte-blade-axon-phone", id="zte-axon-7"),
        pytest.param("Axon 10 Pro", "zte-blade-axon-phone", id="zte-axon-10-pro"),
        pytest.param("PNC660", "hytera-poc-terminal", id="hytera-mcs-device"),
        pytest.param("402ZT", "zte-japan-carrier-code", id="zte-softbank-code"),
        pytest.param("A001ZT", "zte-japan-carrier-code", id="zte-japan-code-with-letter"),
        pytest.param("ANE-LX1", "huawei-handset-code", id="huawei-phone-global"),
        pytest.param("KIW-TL00H", "huawei-handset-code", id="huawei-phone-china-with-letter"),
        pytest.param("CLT-AL00L", "huawei-handset-code", id="huawei-phone-al-variant"),
        pytest.param("EML-L29C", "huawei-handset-code", id="huawei-phone-l29c"),
        pytest.param("HMA-LX9", "huawei-handset-code", id="huawei-phone-lx9"),
        pytest.param("BAH2-W19", "huawei-handset-code", id="huawei-tablet-with-digit"),
        pytest.param("BTV-DL09", "huawei-handset-code", id="huawei-tablet-dl09"),
        pytest.param("ane-lx1", "huawei-handset-code", id="huawei-phone-lower-case"),
    ],
)
def test_product_families_have_a_pattern(catalog: Catalog, model: str, pattern: str) -> None:
    """The family's own entry claims the model first; the only other entry that may also
    claim it is Dahua's brand-prefix entry, which reads any DH-/DHI- product line and yields
    to the family's entry (it comes later in the pack and is no more confident)."""
    claimed = [p.spec.id for p in catalog.patterns if p.match(model_key(model))]
    assert claimed[:1] == [pattern]
    assert set(claimed[1:]) <= {"dahua-dh-prefix"}
    if claimed[1:]:
        assert model_key(model).startswith(("DH-", "DHI-"))


@pytest.mark.parametrize(
    "model",
    [
        pytest.param("DS920+", id="synology-nas"),
        pytest.param("DS-KD-ACF1", id="hik-flush-frame-accessory"),
        pytest.param("GS308E", id="netgear-switch"),
        pytest.param("CS1708A", id="aten-kvm"),
        pytest.param("SF300-24", id="cisco-small-business"),
        pytest.param("Q1961-TE", id="axis-thermal"),
        pytest.param("TNO-4030T", id="hanwha-thermal"),
        pytest.param("HM-10", id="bluetooth-module"),
        pytest.param("VTOL-X1", id="vtol-word"),
        pytest.param("MD-UV380", id="tyt-handheld"),
        pytest.param("MD380", id="tyt-unhyphenated"),
        pytest.param("MD9600", id="tyt-mobile-unhyphenated"),
        pytest.param("DP4400", id="motorola-portable"),
        pytest.param("NX-1300", id="kenwood-portable"),
        pytest.param("BDP-S3700", id="sony-blu-ray"),
        pytest.param("DS2422+", id="synology-nas-four-digits"),
        pytest.param("XVR301-04Q", id="uniview-hybrid-recorder"),
        pytest.param("XVR301-08G3", id="uniview-hybrid-recorder-8ch"),
        pytest.param("ASA5515X-K8", id="cisco-asa-firewall"),
        pytest.param("ASIUR-702", id="qps-device"),
        pytest.param("USG FLEX 200", id="zyxel-usg-flex"),
        pytest.param("USG310-EU0102F", id="zyxel-usg-three-digits"),
        pytest.param("USG2200-VPN", id="zyxel-usg-four-digits"),
        pytest.param("USG-PRO-4", id="ubiquiti-gateway"),
        pytest.param("Optix MAG24C", id="msi-optix-monitor"),
        pytest.param("PC1616", id="dsc-alarm-panel"),
        pytest.param("AT-x510-28GTX", id="allied-telesis-switch"),
        pytest.param("SD9366-EHL", id="vivotek-speed-dome"),
        pytest.param("SD8EP", id="foscam-ptz"),
        pytest.param("ZX70G2", id="getac-tablet"),
        pytest.param("ZXT-10FL323G-PRO", id="zamolxe-tablet"),
        pytest.param("HD1913", id="oneplus-phone-h-and-digits"),
        pytest.param("HDW-M2000", id="sony-hdcam-deck"),
        pytest.param("DH-B301K", id="daehap-phone-dh-and-one-letter"),
        pytest.param("Saros DH-390", id="flir-dh-and-digits"),
        pytest.param("DH-PFA130-E", id="dh-accessory-code-left-out"),
        pytest.param("KIDS-TAB-4", id="ilife-tablet-ids-inside"),
        pytest.param("CS-500", id="cisco-cs-500"),
        pytest.param("CS-1A13", id="dell-cs"),
        pytest.param("CS-WMV04", id="planex-camera"),
        pytest.param("CSS326-24G-2S+RM", id="mikrotik-switch-css"),
        pytest.param("IPC-B124-APF28(40)", id="uniview-ipc-b"),
        pytest.param("IPC-T122-APF28K", id="uniview-ipc-t"),
        pytest.param("MA4000", id="eltex-olt"),
        pytest.param("EA520", id="unitech-terminal"),
        pytest.param("HAC-B315-F28(40)-W", id="uniview-hd-analogue-bullet"),
        pytest.param("HAC-T322-F28(40)M-W", id="uniview-hd-analogue-turret"),
        pytest.param("HP60XL", id="hp-ink-cartridge-xl"),
        pytest.param("HP682", id="hp-ink-cartridge-number"),
        pytest.param("PT2200", id="benq-projector"),
        pytest.param("MF269dw", id="canon-printer-number-of-a-zte-router"),
        pytest.param("MF644Cdw", id="canon-colour-printer-mf6"),
        pytest.param("MF820Cdn", id="canon-colour-printer-mf8"),
        pytest.param("MF716", id="mecer-tablet"),
        pytest.param("K400", id="logitech-keyboard"),
        pytest.param("SN-IPD5720DCAN-Z", id="sunell-camera-z-suffix"),
        pytest.param("NX785QC", id="nextbook-tablet"),
        pytest.param("NX300", id="samsung-nx-camera"),
        pytest.param("PNC450", id="topjoy-tablet"),
        pytest.param("Z820", id="hp-workstation-z-number"),
        pytest.param("Z840", id="hp-workstation-z840"),
        pytest.param("Z790", id="intel-chipset-z-number"),
        pytest.param("Z802", id="digma-tablet-z80x"),
        pytest.param("Z518", id="plum-phone-z5xx"),
        pytest.param("Z416", id="acti-camera-z-number"),
        pytest.param("Z101G", id="zoom-phone-z-and-g"),
        pytest.param("Z3211G", id="zaith-four-digits-and-g"),
        pytest.param("Z9100-ON", id="dell-switch-z9100"),
        pytest.param("Z00D", id="asus-z00-code"),
        pytest.param("BladeSystem c7000", id="hpe-bladesystem"),
        pytest.param("Blade_C5", id="hyundai-blade-phone"),
        pytest.param("Blade 15", id="razer-laptop"),
        pytest.param("Blade X6270", id="sun-blade-server-module"),
        pytest.param("Axon Body 3", id="axon-enterprise-body-camera"),
        pytest.param("Axon Flex 2", id="axon-enterprise-flex-camera"),
        pytest.param("Axon Digidata 1550B", id="molecular-devices-digitiser"),
        pytest.param("PNC6600", id="pnc-longer-number"),
        pytest.param("ZT410", id="zebra-printer-zt"),
        pytest.param("402SH", id="sharp-japan-carrier-code"),
        pytest.param("TLK 100", id="motorola-poc-radio"),
        pytest.param("SCH-I545", id="samsung-sch-phone"),
        pytest.param("SPH-L720", id="samsung-sph-phone-l-and-three-digits"),
        pytest.param("SGH-M919", id="samsung-sgh-phone"),
        pytest.param("SM-G920F", id="samsung-sm-phone"),
        pytest.param("LCD-LX640A", id="sharp-tv-lx-and-digits"),
        pytest.param("HPP-L55", id="hp-three-letters-and-l55"),
        pytest.param("MTN-L860", id="mtn-phone"),
        pytest.param("KAZ-N20", id="kazam-phone"),
        pytest.param("SCL-L01", id="orange-branded-l01"),
    ],
)
def test_other_makers_lookalike_models_are_not_claimed(catalog: Catalog, model: str) -> None:
    assert [p.spec.id for p in catalog.patterns if p.match(model_key(model))] == []


def test_hikmicro_macs_are_its_registrant_and_reach_hikvision(catalog: Catalog) -> None:
    prefixes = {o.prefix for o in catalog.ouis.values() if o.entity == "hikmicro"}
    assert prefixes == {"A4:4C:62", "EC:DF:C9"}
    assert catalog.group_of("hikmicro", TODAY) == "hikvision"


def test_hiksemi_is_only_a_dated_low_confidence_hint(catalog: Catalog) -> None:
    (tie,) = catalog.parents("hikstorage", TODAY)
    assert tie.confidence is Confidence.LOW
    assert catalog.parents("hikstorage", date(2017, 4, 30)) == []
    assert catalog.group_of("hikstorage", date(2017, 5, 1)) == "hikvision"
