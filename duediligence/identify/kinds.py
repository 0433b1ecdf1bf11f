"""What kind of device a row's own words say it is, where no model pattern says it.

A measure limited to equipment categories (UK-WMS-2022: visual surveillance) excludes a
device only when its category is known, and a pattern's category is the usual way to know
it. A Hytera radio whose model is written in a way no pattern reads ('PD-785G') has none,
yet its description says 'two-way radio'. These words say what the item is in English and
the languages the column headers are read in (de, fr, es, it, nl, pt, zh, ja, ko), as the
context guard reads them (identify/context_words.py).

A word gives a set of categories, the ones it can stand for in a register: 'radio' alone is
also a microwave link or a base station's radio unit (telecommunications, network), so it
excludes only what none of them is. A text that also names video surveillance, an intercom,
an alarm or a drone anywhere, even as context ('radio-linked camera', 'wireless bridge for
CCTV'), says nothing here: the kind stays unknown, which never clears a device.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from duediligence.identify import weights
from duediligence.pack.entities import EquipmentCategory as Cat


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of device the words name, and the categories it can be in a register."""

    key: str
    said: str
    categories: frozenset[Cat]


TWO_WAY = Kind("two_way_radio", "a two-way radio", frozenset({Cat.RADIO, Cat.TELECOMMUNICATIONS}))
RADIO = Kind("radio", "a radio", frozenset({Cat.RADIO, Cat.TELECOMMUNICATIONS, Cat.NETWORK}))
PHONE = Kind("phone", "a phone or handset", frozenset({Cat.TELECOMMUNICATIONS, Cat.CONSUMER}))
NETWORK = Kind(
    "network",
    "network equipment",
    frozenset({Cat.NETWORK, Cat.ROUTER, Cat.TELECOMMUNICATIONS}),
)
KINDS = {k.key: k for k in (TWO_WAY, RADIO, PHONE, NETWORK)}
"""Every kind by the key its evidence carries (`Evidence.matched`)."""

# Whole words in Latin script (plural s/es allowed), any substring in CJK. Longest first, so
# 'two-way radio' is read before 'radio'.
_LATIN: dict[Kind, tuple[str, ...]] = {
    TWO_WAY: (
        *("two-way radio", "two way radio", "walkie-talkie", "walkie talkie", "walkie"),
        *("handheld radio", "hand-held radio", "portable radio", "mobile radio", "dmr radio"),
        *("tetra radio", "tetra terminal", "funkgerät", "handfunkgerät", "sprechfunkgerät"),
        *("funkgerat", "talkie-walkie", "radio portative", "radio portátil", "radio portatil"),
        *("radio portatile", "ricetrasmittente", "ricetrasmettitore", "portofoon"),
        *("mobilofoon", "rádio portátil", "rádio comunicador", "radio comunicador"),
    ),
    RADIO: ("radio", "rádio"),
    PHONE: (
        *("handset", "phone", "smartphone", "mobile phone", "cell phone", "cellphone"),
        *("ip phone", "telefon", "mobiltelefon", "téléphone", "telephone"),
        *("teléfono", "telefono", "móvil", "celular", "cellulare", "telefoon"),
        *("telefone", "telemóvel", "telemovel"),
    ),
    NETWORK: (
        *("switch", "network switch", "poe switch", "router", "access point", "firewall"),
        *("modem", "ont", "onu", "olt", "commutateur", "routeur", "conmutador", "enrutador"),
        *("comutador", "roteador"),
    ),
}
_CJK: dict[Kind, tuple[str, ...]] = {
    TWO_WAY: ("对讲机", "對講機", "無線機", "トランシーバー", "무전기"),
    PHONE: ("手机", "手機", "电话", "電話", "携帯", "スマートフォン", "スマホ", "휴대폰", "전화기"),
    NETWORK: ("交换机", "交換機", "路由器", "スイッチ", "ルーター", "스위치", "라우터"),
}
# Words of another kind that a radio, phone or switch is not, found anywhere in the text:
# then the words say nothing. Substrings, so compounds count ('Videoüberwachung', 'bodycam').
_OTHER = (
    *("camera", "kamera", "caméra", "cámara", "camara", "câmera", "câmara", "telecamera"),
    *("webcam", "bodycam", "body cam", "body-worn", "dashcam", "cctv", "nvr", "dvr", "xvr"),
    *("ptz", "dome", "bullet", "turret", "video", "vídeo", "vidéo", "surveil", "vigilanc"),
    *("vigilânc", "sorveglian", "überwach", "uberwach", "bewaking", "recorder", "rekorder"),
    *("enregistreur", "grabador", "registratore", "gravador", "encoder", "decoder"),
    *("thermal", "imaging", "intercom", "interphone", "interfone", "citofono", "portero"),
    *("door station", "door phone", "doorphone", "doorbell", "sprechanlage", "alarm"),
    *("access control", "zutritt", "drone", "uav", "uas", "quadcopter"),
    *("摄像", "攝像", "监控", "監控", "录像", "錄像", "球机", "枪机", "半球", "可视", "门禁"),
    *("カメラ", "監視", "録画", "レコーダー", "インターホン", "카메라", "감시", "녹화", "인터폰"),
)


def _latin(terms: tuple[str, ...]) -> str:
    alts = sorted((re.escape(t).replace(r"\ ", r"[\s-]*") for t in terms), key=len)[::-1]
    return rf"(?<![\w-])(?:{'|'.join(alts)})(?:e?s)?(?![\w])"


_FLAGS = re.IGNORECASE | re.UNICODE
_WORDS = [(kind, re.compile(_latin(_LATIN[kind]), _FLAGS), _CJK.get(kind, ())) for kind in _LATIN]
_OTHER_RE = re.compile(
    "|".join(re.escape(t) for t in sorted(_OTHER, key=len, reverse=True)) + r"|(?<![\w])cams?\b",
    _FLAGS,
)


def other_kind(text: str) -> bool:
    """Whether `text` names video surveillance, an intercom, an alarm or a drone anywhere."""
    return _OTHER_RE.search(_norm(text)) is not None


def kind_in(text: str) -> tuple[Kind, str] | None:
    """The kind of device `text` names and the word it names it by, or None.

    The caller passes what the text says the item is (context set apart) and checks
    `other_kind` on the whole text. The first kind found in the order of KINDS wins: 'radio
    handset' is a two-way radio's handset only if it says two-way radio, else a radio.
    """
    norm = _norm(text)
    for kind, latin, cjk in _WORDS:
        m = latin.search(norm)
        if m is not None:
            return kind, m.group(0)
        for word in cjk:
            if word in norm:
                return kind, word
    return None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)[: weights.FREE_TEXT_MAX_CHARS]
