"""Which part of a free-text cell says what the item is, and which only mentions other things.

"PoE injector for Hikvision PTZ" is an injector: Hikvision is what it is for. "Huawei ONT
HG8245H (replaces ZTE)" is a Huawei ONT: ZTE is what it replaces. "Labour: re-programming
Hytera radios" is a service. Vendor evidence is searched only in the part that says what the
item is; the rest is kept, so a row left unflagged can say why. English and the languages the
column headers are read in (de, fr, es, it, nl, pt, zh, ja, ko) are understood.

Pure text work, no vendor knowledge: the Identifier memoises `read` per distinct text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from duediligence.findings import Evidence, Signal
from duediligence.identify import weights


class Cue(StrEnum):
    """How a mention relates to the item."""

    FOR = "what the item is for"
    COMPATIBLE = "what the item is compatible with"
    REPLACED = "what is being replaced"
    SERVICE = "the subject of a service"


class Kind(StrEnum):
    """What the text says the item is, when it is not equipment."""

    ACCESSORY = "an accessory or consumable"
    SERVICE = "a service or work order"


@dataclass(frozen=True, slots=True)
class Reading:
    """A text split into what the item is (`item`) and what it only mentions (`context`).

    `item` is the text itself when nothing was set apart, so evidence quotes the cell as
    written. `kind` and `term` say when the item is an accessory or a service ('bracket').
    """

    text: str
    item: str
    context: tuple[tuple[Cue, str], ...] = ()
    kind: Kind | None = None
    term: str | None = None


def _words(*terms: str) -> str:
    """Terms as whole words of Latin-script text, plural 's'/'es' allowed."""
    alts = "|".join(sorted((re.escape(t).replace(r"\ ", r"[\s-]*") for t in terms), key=len)[::-1])
    return rf"(?<![\w-])(?:{alts})(?:e?s)?(?![\w])"


def _any(*terms: str) -> str:
    """Terms found anywhere: CJK text has no spaces, German compounds join words."""
    return "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))


_FLAGS = re.IGNORECASE | re.UNICODE
# German joins words: 'Wandhalterung' (wall bracket), 'Kameranetzteil' (camera power supply).

# Cues after which the rest of the clause is context ("for Dahua NVR").
_AFTER = re.compile(
    _words(
        "for", "suitable for", "designed for", "intended for", "to suit", "to fit", "fits",
        "suits", "compatible with", "compatible to", "compatible for", "works with",
        "für", "passend für", "geeignet für", "passend zu", "kompatibel mit", "kompatibel zu",
        "pour", "compatible avec", "adapté à", "adapte a",
        "para", "compatible con", "apto para", "compatível com", "compativel com",
        "per", "compatibile con", "adatto a", "adatto per",
        "voor", "geschikt voor", "compatibel met",
        "replaces", "replacing", "replacement for", "replacement of", "to replace",
        "instead of", "in place of", "ersetzt", "ersatz für", "anstelle von", "anstatt",
        "statt", "remplace", "en remplacement de", "remplacement de", "à la place de",
        "au lieu de", "reemplaza", "sustituye", "en lugar de", "en sustitución de",
        "en reemplazo de", "sostituisce", "in sostituzione di", "al posto di", "invece di",
        "vervangt", "ter vervanging van", "in plaats van", "substitui", "em substituição de",
        "em vez de", "no lugar de",
    )  # fmt: skip
    + "|"
    + _any("用于", "适用于", "适配", "兼容", "专用于", "替代", "取代", "代替", "替换")
    + r"|(?<![\w-])compat\.?(?=\s)",
    _FLAGS,
)
# Cues that follow what they relate to: "Hikvision-compatible bracket", "NVR用HDD", "하이크비전 호환".
_BEFORE = re.compile(
    r"(?<=[\w)])[\s-]?(?:compatible|kompatibel|compatibel|compatibile|compatível)(?=[\s,;)]|$)"
    r"(?!\s+(?:with|to|for|mit|zu|für|avec|pour|con|para|per|met|voor|com)(?!\w))"
    r"|(?<=[A-Za-z0-9)\u30a0-\u30ff])用|専用|対応品?|互換品?|の代わり|전용|(?<=[A-Za-z0-9)])용|호환|대신|专用",
    _FLAGS,
)
_TO = re.compile(r"(?<![\w-])(?:to|zu|vers|naar)(?![\w-])", _FLAGS)
"""'Cat6 cable to Hikvision camera': 'to' is a cue only after an accessory."""
_WITH = re.compile(
    _words("with", "w/", "incl", "including", "plus", "inkl", "mit", "avec", "con", "com", "met")
    + r"|\+|(?<![\w])w/|含|带|付き|포함",
    _FLAGS,
)
"""What comes with the item ('camera with bracket') is not what the item is."""

_REPLACE = [
    (re.compile(p, _FLAGS), before)
    for p, before in (
        (r"(?<![\w-])(?:replace|replacing|swap(?:\s+out)?|exchange)\s+(?P<old>[^\n]{1,120}?)\s+(?:with|by|for)\s+(?P<new>.+)", False),
        (r"\s+(?:replaced|swapped(?:\s+out)?)\s+(?:with|by|for)\s+(?P<new>.+)", True),
        (r"\s+durch\s+(?P<new>[^\n]{1,120}?)\s+(?:ersetzen|ersetzt|austauschen|tauschen)", True),
        (r"(?<![\w-])(?:austausch|tausch)\w*\s+(?P<old>[^\n]{1,120}?)\s+gegen\s+(?P<new>.+)", False),
        (r"(?<![\w-])remplac\w*\s+(?P<old>[^\n]{1,120}?)\s+par\s+(?P<new>.+)", False),
        (r"(?<![\w-])(?:reemplaz|sustitu|substitu)\w*\s+(?P<old>[^\n]{1,120}?)\s+(?:por|pelo|pela)\s+(?P<new>.+)", False),
        (r"(?<![\w-])sostitu\w*\s+(?P<old>[^\n]{1,120}?)\s+con\s+(?P<new>.+)", False),
        (r"(?<![\w-])vervang\w*\s+(?P<old>[^\n]{1,120}?)\s+door\s+(?P<new>.+)", False),
        (r"\s+vervangen\s+door\s+(?P<new>.+)", True),
        (r"(?:更换|替换|换)(?:为|成)(?P<new>.+)", True),
        (r"(?:から|を)\s*(?P<new>[^\n]{1,120}?)(?:へ|に)(?:交換|置き換え|リプレース|入れ替え)", True),
        (r"(?:을|를|에서)\s*(?P<new>[^\n]{1,120}?)(?:으로|로)\s*(?:교체|대체|교환)", True),
    )
]  # fmt: skip
"""'replace X with Y' and its kin: X is context, Y is the item. `before`: X is what precedes
the match in its clause ('X replaced by Y'); else the match holds it, a few words (at most
120 characters), which keeps a hostile cell of a thousand 'replace's linear."""

_SERVICE = re.compile(
    _words(
        "labour", "labor", "installation", "install", "reinstall", "re-programming",
        "reprogramming", "programming", "re-program", "reprogram", "maintenance", "servicing",
        "support contract", "support agreement", "support services", "service contract",
        "maintenance contract", "extended warranty", "warranty", "licence", "license",
        "subscription", "training", "call-out", "callout", "site visit", "repair", "removal",
        "remove", "decommission", "decommissioning", "dismantle", "dismantling", "uninstall",
        "de-installation", "commissioning", "configuration", "setup", "set-up",
        "arbeitszeit", "arbeitsstunden", "arbeitslohn", "montage", "inbetriebnahme", "wartung",
        "wartungsvertrag", "programmierung", "umprogrammierung", "lizenz", "schulung",
        "reparatur", "demontage", "rückbau", "abbau", "entfernen", "entfernung",
        "main d'œuvre", "main d'oeuvre", "main-d'œuvre", "pose", "mise en service",
        "contrat de maintenance", "programmation", "reprogrammation", "formation",
        "réparation", "dépose", "démontage", "retrait", "retirer", "support technique",
        "mano de obra", "instalación", "instalacion", "puesta en marcha", "mantenimiento",
        "programación", "reprogramación", "licencia", "reparación", "desmontaje", "retirada",
        "retirar", "soporte técnico", "manodopera", "installazione", "messa in servizio",
        "manutenzione", "programmazione", "riprogrammazione", "licenza", "riparazione",
        "smontaggio", "rimozione", "rimuovere", "dismissione", "supporto tecnico", "arbeid",
        "arbeidsloon", "installatie", "inbedrijfstelling", "onderhoud", "onderhoudscontract",
        "programmering", "herprogrammering", "licentie", "reparatie", "verwijderen",
        "verwijdering", "mão de obra", "mao de obra", "instalação", "instalacao",
        "manutenção", "manutencao", "programação", "reprogramação", "licença", "reparação",
        "reparo", "desmontagem", "remoção", "remover", "suporte técnico",
    )  # fmt: skip
    + "|"
    + _any(
        "人工", "工时", "安装费", "安装服务", "施工", "维护", "维保", "保养", "编程", "授权",
        "许可证", "培训", "维修", "拆除", "拆卸", "工賃", "作業費", "設置工事", "設置費", "工事",
        "保守", "プログラミング", "ライセンス", "修理", "撤去", "取り外し", "인건비", "공임",
        "설치비", "설치 공사", "유지보수", "프로그래밍", "라이선스", "라이센스", "수리", "철거",
        "제거",
    ),  # fmt: skip
    _FLAGS,
)
_ACCESSORY = re.compile(
    _words(
        "drive", "hdd", "hard disk", "hard drive", "ssd", "sd card", "microsd", "memory card",
        "cable", "patch lead", "patch cord", "connector", "bracket", "mount", "mounting",
        "junction box", "back box", "poe injector", "injector", "power supply", "psu",
        "power adapter", "poe injektor", "poe injecteur", "adapter", "adaptor", "battery", "charger", "antenna", "earpiece",
        "headset", "holster", "belt clip", "consumable", "spare part",
        "kabel", "halterung", "wandhalter", "mastadapter", "montageplatte", "netzteil", "akku",
        "ladegerät", "antenne", "injektor", "festplatte",
        "disque dur", "câble", "support", "fixation", "injecteur", "alimentation",
        "bloc d'alimentation", "batterie", "chargeur", "boîte de jonction",
        "disco duro", "soporte", "inyector", "fuente de alimentación", "batería", "cargador",
        "antena", "caja de conexiones", "disco rigido", "cavo", "staffa", "supporto",
        "iniettore", "alimentatore", "batteria", "caricabatterie", "harde schijf", "beugel",
        "houder", "voeding", "accu", "lader", "disco rígido", "cabo", "suporte", "injetor",
        "fonte de alimentação", "bateria", "carregador",
    )  # fmt: skip
    + "|"
    + _any(
        "硬盘", "线缆", "网线", "电缆", "支架", "电源", "适配器", "电池", "充电器", "天线",
        "接线盒", "供电器", "ハードディスク", "ケーブル", "ブラケット", "金具", "電源",
        "アダプター", "バッテリー", "充電器", "アンテナ", "하드디스크", "케이블", "브라켓",
        "브래킷", "거치대", "어댑터", "배터리", "충전기", "안테나",
    )  # fmt: skip
    + r"|(?<!\w)\w{0,30}(?:halterung|netzteil|kabel)\w{0,4}(?!\w)",
    _FLAGS,
)
_EQUIPMENT = re.compile(
    _words(
        "camera", "cam", "dome", "bullet", "turret", "ptz", "nvr", "dvr", "xvr", "recorder",
        "ont", "onu", "olt", "router", "switch", "radio", "handset", "walkie-talkie",
        "intercom", "door station", "indoor station", "doorbell", "terminal", "controller",
        "access point", "modem", "gateway", "encoder", "decoder", "phone", "smartphone",
        "tablet", "server", "reader", "panel", "kamera", "rekorder", "funkgerät", "caméra",
        "enregistreur", "routeur", "commutateur", "cámara", "grabador", "grabadora",
        "telecamera", "registratore", "câmera", "câmara", "gravador", "roteador", "portofoon",
    )  # fmt: skip
    + "|"
    + _any(
        "摄像机", "摄像头", "球机", "枪机", "半球", "录像机", "交换机", "路由器", "对讲机",
        "光猫", "门禁", "カメラ", "レコーダー", "ルーター", "スイッチ", "無線機", "トランシーバー",
        "카메라", "녹화기", "라우터", "스위치", "무전기",
    ),  # fmt: skip
    _FLAGS,
)
_CLAUSE_END = re.compile(r"[,;)\]|\n\r、，；）]|\s[-–—]\s")
_CLAUSE_START = re.compile(r"[,;(\[|\n\r:：、，；（]|\s[-–—]\s")


def read(text: str) -> Reading:
    """Split `text` into what the item is and what it only mentions. Never raises.

    Only the first weights.FREE_TEXT_MAX_CHARS characters are read.
    """
    norm = unicodedata.normalize("NFKC", text)[: weights.FREE_TEXT_MAX_CHARS]
    for pattern, before in _REPLACE:
        m = pattern.search(norm)
        if m is None:
            continue
        start = _clause_start(norm, m.start()) if before else m.start()
        old = norm[start : m.start()].lstrip("将把") if before else m["old"]
        if old.strip():
            item = (norm[:start] + " " + m["new"] + " " + norm[m.end() :]).strip()
            return _kind(Reading(text, item, ((Cue.REPLACED, old.strip()),)))
    spans: list[tuple[int, int, Cue]] = []
    for m in _AFTER.finditer(norm):
        end = _clause_end(norm, m.end())
        word = m.group().casefold()
        cue = Cue.REPLACED if _is_replacing(word) else _cue(word)
        spans.append((m.start(), end, cue))
    for m in _BEFORE.finditer(norm):
        start = _clause_start(norm, m.start())
        word = m.group().casefold()
        spans.append((start, m.end(), Cue.REPLACED if _is_replacing(word) else _cue(word)))
    first_accessory = _ACCESSORY.search(norm)
    if first_accessory is not None:
        for m in _TO.finditer(norm, first_accessory.end()):
            spans.append((m.start(), _clause_end(norm, m.end()), Cue.FOR))
            break
    if not spans:
        return _kind(Reading(text, text if norm == text else norm))
    context: list[tuple[Cue, str]] = []
    kept: list[str] = []
    at = 0
    for start, end, cue in sorted(spans):
        if start < at:
            continue
        kept.append(norm[at:start])
        mentioned = _strip_cue(norm[start:end], cue)
        if mentioned:
            context.append((cue, mentioned))
        at = end
    kept.append(norm[at:])
    item = " ".join(" ".join(kept).split())
    return _kind(Reading(text, item, tuple(context)))


def _kind(reading: Reading) -> Reading:
    """What the item part says the item is: a service wherever a service is named (its
    object is context), else an accessory when the first clause naming a thing ends on one."""
    item = reading.item
    bare = _WITH.split(item, maxsplit=1)[0]
    service = _SERVICE.search(bare)
    if service is not None:
        context = (*reading.context, (Cue.SERVICE, item)) if item else reading.context
        return Reading(reading.text, "", context, Kind.SERVICE, service.group().strip())
    for clause in _CLAUSE_END.split(bare):
        things = [(m.end(), m.group(), Kind.ACCESSORY) for m in _ACCESSORY.finditer(clause)]
        things += [(m.end(), m.group(), None) for m in _EQUIPMENT.finditer(clause)]
        if things:
            _, term, kind = max(things, key=lambda t: (t[0], len(t[1])))
            if kind is Kind.ACCESSORY:
                return Reading(reading.text, item, reading.context, kind, term.strip())
            break
    return reading


_REPLACING = ("replac", "instead", "in place", "ersetz", "ersatz", "anstelle", "statt", "remplac",
              "au lieu", "à la place", "reemplaz", "sustitu", "en lugar", "sostitu", "al posto",
              "invece", "vervang", "in plaats", "substitu", "em vez", "no lugar", "替", "取代",
              "代替", "代わり", "대신")  # fmt: skip
_COMPATIBLE = ("compat", "kompat", "fits", "suits", "to fit", "to suit", "works with", "passend", "geeignet",
               "adapt", "apto", "adatto", "geschikt", "兼容", "适配", "対応", "互換", "호환")  # fmt: skip


def _is_replacing(word: str) -> bool:
    return any(w in word for w in _REPLACING)


def _cue(word: str) -> Cue:
    return Cue.COMPATIBLE if _compatible(word) else Cue.FOR


def _compatible(word: str) -> bool:
    word = word.casefold()
    return any(w in word for w in _COMPATIBLE)


def _clause_end(text: str, at: int) -> int:
    m = _CLAUSE_END.search(text, at)
    return m.start() if m is not None else len(text)


def _clause_start(text: str, at: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _strip_cue(span: str, cue: Cue) -> str:
    """The mention without its cue word: 'for Dahua NVR' -> 'Dahua NVR'."""
    m = _AFTER.match(span) or _TO.match(span)
    rest = span[m.end() :] if m is not None else span
    b = _BEFORE.search(rest)
    if b is not None and b.end() == len(rest):
        rest = rest[: b.start()]
    return rest.strip(" \t-–—:;,.()[]")


NOTE_QUOTE_MAX = 80
"""Characters of the cell a note quotes."""


def note(
    readings: Sequence[tuple[str, Reading]],
    evidence: tuple[Evidence, ...],
    mentioned: Callable[[str], tuple[Evidence, ...]],
    label: Callable[[Evidence], str],
) -> str | None:
    """Why a row is not covered equipment, or None when it may be.

    `readings` are the row's free-text fields read (field name, reading); `evidence` what its
    signals name once context is set apart; `mentioned` finds the vendors a context span
    names; `label` says one in words. A row is not covered equipment when a text says the
    item is an accessory or a service and no MAC, FCC ID or model number in the model field
    says it is a device; or when nothing names a vendor except mentions that are context.
    """
    model_items = [r.item for name, r in readings if name == "model" and r.kind is None]
    device = any(
        ev.signal in _DEVICE or (ev.signal is Signal.MODEL and ev.value in model_items)
        for ev in evidence
    )
    said = next(((name, r) for name, r in readings if r.kind is not None), None)
    if said is not None and device:
        return None
    if said is None and evidence:
        return None
    mentions: list[str] = []
    for name, r in readings:
        for cue, span in r.context:
            labels = sorted({label(ev) for ev in mentioned(span)})
            if labels:
                mentions.append(
                    f"{_listed(labels)} {'is' if len(labels) == 1 else 'are'} mentioned only as"
                    f" {cue.value} ({_quote(r.text)}, {name})"
                )
    what = ""
    if said is not None and said[1].kind is not None:
        what = f"{said[1].kind.value} ({_quote(said[1].term or '')})"
    if evidence and what:
        makers = _listed(sorted({label(ev) for ev in evidence}))
        return (
            f"the row names {makers}, but the {said[0] if said else 'text'} says the item is"
            f" {what}: not covered equipment"
        )
    if not mentions:
        return None
    return "; ".join(mentions) + ": " + (f"{what}, " if what else "") + "not covered equipment"


_DEVICE = (Signal.MAC, Signal.FCC_ID)


def _listed(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > NOTE_QUOTE_MAX:
        text = text[: NOTE_QUOTE_MAX - 1] + "…"
    return f"'{text}'"
