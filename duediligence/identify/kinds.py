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
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from duediligence.identify import weights
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import EquipmentCategory as Cat
from duediligence.results.findings import Attribution, EntityRef, Evidence, Signal


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
# Besides the plain words, what registers write for cameras and recorders without them: lines
# of products ('ColorVu', 'Turbo HD'), parts only a camera has ('lens', 'fisheye'), what it
# reads ('ANPR', 'people counting'), and the apps it is viewed in, by which a 'phone' in the
# text is the viewer, not the item ('PTZ, phone app control', 'Hik-Connect on phone').
_OTHER = (
    *("camera", "kamera", "caméra", "cámara", "camara", "câmera", "câmara", "telecamera"),
    *("webcam", "bodycam", "body cam", "body-worn", "dashcam", "cctv", "nvr", "dvr", "xvr"),
    *("hvr", "ptz", "dome", "bullet", "turret", "fisheye", "fish-eye", "panoramic", "lens"),
    *("varifocal", "megapixel", "kennzeichenerkennung"),
    *("colorvu", "tioc", "acusense", "darkfighter", "turbo hd", "turbohd", "wizsense"),
    *("wizmind", "starlight", "people counting", "line crossing", "face recogn"),
    *("facial recogn", "gesichtserkenn", "reconnaissance faciale", "reconocimiento facial"),
    *("riconoscimento facciale", "reconhecimento facial", "number plate", "licence plate"),
    *("license plate", "video", "vídeo", "vidéo", "surveil", "vigilanc"),
    *("vigilânc", "sorveglian", "überwach", "uberwach", "bewaking", "recorder", "rekorder"),
    *("enregistreur", "grabador", "registratore", "gravador", "encoder", "decoder"),
    *("thermal", "thermique", "térmica", "termica", "térmico", "termico", "wärmebild"),
    *("warmtebeeld", "imaging", "infrared", "infrarot", "infrarouge", "infrarrojo"),
    *("infrarosso", "infravermelho", "baby monitor", "babyphone", "babyfoon"),
    *("intercom", "interphone", "interfone", "citofono", "portero", "porteiro", "visiophone"),
    *("videofoon", "door station", "door phone", "doorphone", "doorbell", "sprechanlage"),
    *("türstation", "klingel", "sonnette", "campanello", "campainha", "deurbel", "timbre"),
    *("alarm", "allarme", "access control", "zutritt", "contrôle d'accès"),
    *("contrôle d’accès", "controle d'acces", "control de acceso", "controllo accessi"),
    *("toegangscontrole", "controle de acesso", "drone", "drohne"),
    *("quadcopter", "quadricop", "quadricott", "multicopter", "multirotor"),
    *("remote controller", "fernsteuerung", "télécommande", "telecomando", "gimbal"),
    *("app control", "app-control", "phone app", "mobile app", "smartphone app", "via app"),
    *("remote view", "live view"),
    *("hik-connect", "hikconnect", "hik-partner", "guarding vision", "ivms", "ezviz"),
    *("imou", "dmss", "smartpss", "p2p", "holosens"),
    *("摄像", "攝像", "监控", "監控", "录像", "錄像", "球机", "枪机", "半球", "可视", "门禁"),
    *("門禁", "热成像", "熱成像", "红外", "紅外", "人脸", "人臉", "车牌", "車牌", "门铃"),
    *("門鈴", "门口机", "門口機", "室内机", "室內機", "楼宇对讲", "樓宇對講", "报警"),
    *("報警", "无人机", "無人機", "遥控", "遙控", "镜头", "鏡頭", "视频", "視頻", "視訊"),
    *("手机app", "手機app", "远程查看", "遠程查看", "编码器", "編碼器", "解码器", "解碼器"),
    *("电视墙", "電視牆", "拼接屏"),
    *("カメラ", "監視", "録画", "レコーダー", "インターホン", "ドアホン", "サーモ", "顔認証"),
    *("入退室", "警報", "ドローン", "レンズ", "映像", "ビデオ", "インターフォン", "スマホアプリ"),
    *("카메라", "감시", "녹화", "인터폰", "인터콤", "도어폰", "비디오폰", "열화상", "얼굴인식"),
    *("출입통제", "경보", "드론", "렌즈", "비디오", "영상", "월패드", "모바일 앱", "모바일앱"),
)
# Short words read only whole ('IPC-HFW2431S', 'ANPR unit', 'dron'), or in a form no other
# word has: 'IPcam', '4MP', an intercom ('对讲') that is not a walkie-talkie ('对讲机').
_OTHER_WORDS = (
    r"(?<![^\W_])(?:ipc|anpr|alpr|lpr|vms|dron|rpas|uav|uas|suas)(?:e?s)?(?![^\W_])",
    r"cams?(?![^\W\d_])",
    r"(?<![^\W_])\d+(?:[.,]\d)?\s?mp(?![^\W_])",
    r"对讲(?!机)",
    r"對講(?!機)",
)


def _latin(terms: tuple[str, ...]) -> str:
    alts = sorted((re.escape(t).replace(r"\ ", r"[\s-]*") for t in terms), key=len)[::-1]
    return rf"(?<![\w-])(?:{'|'.join(alts)})(?:e?s)?(?![\w])"


_FLAGS = re.IGNORECASE | re.UNICODE


# This module's expressions are compiled on first use (~4.8 ms at import): most scans read
# no description (`kinds_in`, `_where`), and a small register may hold no text `other_kind`
# must search.
@cache
def _words() -> list[tuple[Kind, re.Pattern[str], tuple[str, ...]]]:
    return [(kind, re.compile(_latin(_LATIN[kind]), _FLAGS), _CJK.get(kind, ())) for kind in _LATIN]


@cache
def _other_re() -> re.Pattern[str]:
    return re.compile(
        "|".join([*(re.escape(t) for t in sorted(_OTHER, key=len, reverse=True)), *_OTHER_WORDS]),
        _FLAGS,
    )


OTHER_ASCII = (
    "(?i:"
    + "|".join(
        [
            *(re.escape(t) for t in sorted(_OTHER, key=len, reverse=True) if t.isascii()),
            *("ipc", "anpr", "alpr", "lpr", "vms", "dron", "rpas", "uav", "uas", "cam", r"\d\s?mp"),
        ]
    )
    + ")"
)
"""An expression without lookaround (for RE2: identify/bulk.py) that matches every ASCII
text `other_kind` is true of, and some more: `_OTHER_WORDS` read anywhere."""


# The first three letters of every word of another kind that ASCII text can hold: a text
# with none of them (a serial, most model numbers) is told apart in a set test, not by the
# expression of some three hundred words (2 µs against 25 µs: `plainly_says_nothing`).
_ASCII_STARTS = frozenset(
    [
        *(t[:3] for t in _OTHER if t.isascii()),
        *("ipc", "anp", "alp", "lpr", "vms", "dro", "rpa", "uav", "uas", "sua", "cam"),
    ]
)
_MEGAPIXELS = "mp"  # '4MP', '4 MP': the one word that starts with digits


def other_kind(text: str) -> bool:
    """Whether `text` names video surveillance, an intercom, an alarm or a drone anywhere."""
    norm = _norm(text)
    if norm.isascii():
        low = norm.lower()
        grams = {low[i : i + 3] for i in range(len(low) - 2)}
        if _ASCII_STARTS.isdisjoint(grams) and _MEGAPIXELS not in low:
            return False
    return _other_re().search(norm) is not None


# A word that says where the item is plugged in or mounted, not what it is: after a word of
# place or link in the same clause ('on switch 3', 'mounted by the server room switch',
# 'connected to the core router', 'am Switch', 'sur le routeur', 'en el router', '接入交换机'),
# or before a port ('switch port 4', 'phone port', 'スイッチのポート'). A word first in its
# clause ('PoE switch, rack 3', '24-port switch') still names the item.
_PLACE = (
    *("to", "into", "on", "onto", "by", "at", "via", "behind", "through", "near", "beside"),
    *("off", "from", "under", "an", "am", "im", "zum", "zur", "über", "uber", "hinter"),
    *("neben", "à", "au", "aux", "sur", "par", "derrière", "près", "al", "en", "por"),
    *("tras", "junto", "su", "sul", "sulla", "dietro", "vicino", "op", "aan", "achter"),
    *("naast", "bij", "ao", "no", "na", "em", "pelo", "pela", "atrás"),
)
_AFTER_PLACE = rf"(?<![\w-])(?:{'|'.join(_PLACE)})(?:\s+[^\s,;:()/|]+){{0,4}}\s+$"
_PORT = (
    r"^[\s-]*(?:ports?|poort|puerto|porta|porte|anschluss|buchse|jack|socket|端口|接口|ポート|포트)"
    r"(?![^\W\d_])"
)
_CJK_BEFORE = ("接入", "连接", "連接", "接到", "连到", "連到", "接在")
_CJK_AFTER = ("につな", "に接続", "에 연결", "에연결")


def _where(norm: str, start: int, end: int) -> bool:
    """Whether the word at norm[start:end] says where the item is, not what it is."""
    before = norm[max(0, start - 60) : start]
    if _compiled(_AFTER_PLACE).search(before) or before.rstrip().endswith(_CJK_BEFORE):
        return True
    after = norm[end : end + 20]
    return bool(_compiled(_PORT).match(after)) or after.lstrip().startswith(_CJK_AFTER)


def kinds_in(text: str) -> tuple[tuple[Kind, str], ...]:
    """Every kind of device `text` names, each with the first word it names it by, in the
    order of KINDS; empty when it names none.

    The caller passes what the text says the item is (context set apart) and checks
    `other_kind` on the whole text. A word inside a longer one of another kind is that
    kind's only ('radio' in 'two-way radio'); words of several kinds ('4G router, phone
    port') are each a kind the item may be, and a measure excludes only what none of them is.
    A word saying where the item is plugged in or mounted ('on switch 3') names no kind.
    """
    norm = _norm(text)
    spans: list[tuple[int, int, Kind, str]] = []
    for kind, latin, cjk in _words():
        spans += [(m.start(), m.end(), kind, m.group(0)) for m in latin.finditer(norm)]
        for word in cjk:
            at = norm.find(word)
            while at >= 0:
                spans.append((at, at + len(word), kind, word))
                at = norm.find(word, at + 1)
    kept: list[tuple[int, int, Kind, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if not any(span[0] < end and start < span[1] for start, end, _, _ in kept):
            kept.append(span)
    first: dict[Kind, str] = {}
    for start, end, kind, word in sorted(kept, key=lambda s: s[0]):
        if not _where(norm, start, end):
            first.setdefault(kind, word)
    return tuple((kind, first[kind]) for kind in KINDS.values() if kind in first)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, _FLAGS)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)[: weights.FREE_TEXT_MAX_CHARS]


def told(
    attribution: Attribution,
    description: str | None,
    others: tuple[str | None, ...],
    catalog: Catalog,
    item: Callable[[str], str],
) -> Attribution:
    """The attribution with what the description says the item is ('two-way radio'), as
    evidence of its own (`Signal.KIND`), for a row no model pattern gives a kind.

    A word of another kind in the model, the description, the notes or the hostname ('IP
    Camera', 'ipcam-lobby': `others`) leaves the kind unknown. A kind the maker is not known
    to make (Entity.categories, its own and its group's: a phone from Hikvision, a radio from
    DJI) is a word about a part, a link or a viewer ('PTZ, phone app'), not the item, and is
    not read. The model is not read for a kind: model values that name no one are keyed as
    one ('SN123' and 'radio' alike, `Identifier.model_says_nothing`), so what one of them
    says cannot speak for the others; one naming another kind is never keyed so. `item` is
    the description's reading as the context guard reads it (the item, not its context)."""
    if not description or any(t and other_kind(t) for t in (description, *others)):
        return attribution
    makes = _made_by(catalog, attribution.entity)
    found = [
        (kind, word)
        for kind, word in kinds_in(item(description))
        if not makes or kind.categories & makes
    ]
    if not found:
        return attribution
    said_so = []
    for kind, word in found:
        cats = " or ".join(sorted(c.value.replace("_", " ") for c in kind.categories))
        said = f"the description says '{word}': the item is {kind.said} ({cats} equipment)"
        ref = attribution.entity.id
        said_so.append(Evidence(Signal.KIND, description, ref, 100, said, kind.key))
    return replace(attribution, evidence=(*attribution.evidence, *said_so))


def _made_by(catalog: Catalog, ref: EntityRef) -> frozenset[Cat]:
    """What a maker is known to make: its own categories and its group's (a HiLook switch is
    Hikvision's network gear); empty when neither lists any."""
    entities = catalog.entities
    return frozenset(c for entity in (ref.id, ref.group) for c in entities[entity].categories)
