"""The words the context guard reads, by language: cues, accessories, services, equipment.

English and the languages the column headers are read in (de, fr, es, it, nl, pt, zh, ja,
ko). Data for identify/context.py, kept apart so the rules of reading stay short.
"""

from __future__ import annotations

import re


def _words(*terms: str) -> str:
    """Terms as whole words of Latin-script text, plural 's'/'es' allowed."""
    alts = "|".join(sorted((re.escape(t).replace(r"\ ", r"[\s-]*") for t in terms), key=len)[::-1])
    return rf"(?<![\w-])(?:{alts})(?:e?s)?(?![\w])"


def _any(*terms: str) -> str:
    """Terms found anywhere: CJK text has no spaces, German compounds join words."""
    return "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))


def _terms(text: str) -> tuple[str, ...]:
    """Terms written as one string, separated by '|'."""
    return tuple(t.strip() for t in text.split("|") if t.strip())


_FLAGS = re.IGNORECASE | re.UNICODE

# Cues after which the rest of the clause is context ("for Dahua NVR").
_AFTER_TERMS = _terms(
    "for | suitable for | designed for | intended for | to suit | to fit | fits"
    " | suits | compatible with | compatible to | compatible for | works with | für"
    " | passend für | geeignet für | passend zu | kompatibel mit | kompatibel zu"
    " | pour | compatible avec | adapté à | adapte a | para | compatible con"
    " | apto para | compatível com | compativel com | per | compatibile con"
    " | adatto a | adatto per | voor | geschikt voor | compatibel met | replaces"
    " | replacing | replacement for | replacement of | to replace | instead of"
    " | in place of | ersetzt | ersatz für | anstelle von | anstatt | statt"
    " | remplace | en remplacement de | remplacement de | à la place de"
    " | au lieu de | reemplaza | sustituye | en lugar de | en sustitución de"
    " | en reemplazo de | sostituisce | in sostituzione di | al posto di"
    " | invece di | vervangt | ter vervanging van | in plaats van | substitui"
    " | em substituição de | em vez de | no lugar de"
)
_AFTER_ANY = ("用于", "适用于", "适配", "兼容", "专用于", "替代", "取代", "代替", "替换")
_AFTER = _words(*_AFTER_TERMS) + "|" + _any(*_AFTER_ANY) + r"|(?<![\w-])compat\.?(?=\s)"
# Cues that follow what they relate to: "Hikvision-compatible bracket", "NVR用HDD",
# "하이크비전 호환".
_BEFORE = (
    r"(?<=[\w)])[\s-]?(?:compatible|kompatibel|compatibel|compatibile|compatível)(?=[\s,;)]|$)"
    r"(?!\s+(?:with|to|for|mit|zu|für|avec|pour|con|para|per|met|voor|com)(?!\w))"
    r"|(?<=[A-Za-z0-9)\u30a0-\u30ff])用|専用|対応品?|互換品?|の代わり|전용|(?<=[A-Za-z0-9)])용|호환|대신|专用"
)
_TO = r"(?<![\w-])(?:to|zu|vers|naar)(?![\w-])"
"""'Cat6 cable to Hikvision camera': 'to' is a cue only after an accessory."""
_WITH = (
    _words("with", "w/", "incl", "including", "plus", "inkl", "mit", "avec", "con", "com", "met")
    + r"|\+|(?<![\w])w/|含|带|付き|포함"
)
"""What comes with the item ('camera with bracket') is not what the item is."""

_REPLACE = (
    (
        r"(?<![\w-])(?:replace|replacing|swap(?:\s+out)?|exchange)\s+(?P<old>[^\n]{1,120}?)\s+(?:with|by|for)\s+(?P<new>.+)",
        False,
    ),
    (r"\s+(?:replaced|swapped(?:\s+out)?)\s+(?:with|by|for)\s+(?P<new>.+)", True),
    (r"\s+durch\s+(?P<new>[^\n]{1,120}?)\s+(?:ersetzen|ersetzt|austauschen|tauschen)", True),
    (
        r"(?<![\w-])(?:austausch|tausch)\w*\s+(?P<old>[^\n]{1,120}?)\s+gegen\s+(?P<new>.+)",
        False,
    ),
    (r"(?<![\w-])remplac\w*\s+(?P<old>[^\n]{1,120}?)\s+par\s+(?P<new>.+)", False),
    (
        r"(?<![\w-])(?:reemplaz|sustitu|substitu)\w*\s+(?P<old>[^\n]{1,120}?)\s+(?:por|pelo|pela)\s+(?P<new>.+)",
        False,
    ),
    (r"(?<![\w-])sostitu\w*\s+(?P<old>[^\n]{1,120}?)\s+con\s+(?P<new>.+)", False),
    (r"(?<![\w-])vervang\w*\s+(?P<old>[^\n]{1,120}?)\s+door\s+(?P<new>.+)", False),
    (r"\s+vervangen\s+door\s+(?P<new>.+)", True),
    (r"(?:更换|替换|换)(?:为|成)(?P<new>.+)", True),
    (
        r"(?:から|を)\s*(?P<new>[^\n]{1,120}?)(?:へ|に)(?:交換|置き換え|リプレース|入れ替え)",
        True,
    ),
    (r"(?:을|를|에서)\s*(?P<new>[^\n]{1,120}?)(?:으로|로)\s*(?:교체|대체|교환)", True),
)
"""'replace X with Y' and its kin: X is context, Y is the item. `before`: X is what precedes
the match in its clause ('X replaced by Y'); else the match holds it, a few words (at most
120 characters), which keeps a hostile cell of a thousand 'replace's linear."""

# Services, work orders and licences. Commissioning is left out in every language: registers
# write 'Hikvision camera, commissioning 2021' for the date the camera went live.
_SERVICE_TERMS = _terms(
    "labour | labor | installation | install | reinstall | re-programming"
    " | reprogramming | programming | re-program | reprogram | maintenance"
    " | servicing | support contract | support agreement | support services"
    " | service contract | maintenance contract | extended warranty | warranty"
    " | licence | license | subscription | training | call-out | callout"
    " | site visit | repair | removal | remove | decommission | dismantle"
    " | dismantling | uninstall | de-installation | setup | set-up | arbeitszeit"
    " | arbeitsstunden | arbeitslohn | montage | wartung | wartungsvertrag"
    " | programmierung | umprogrammierung | lizenz | schulung | reparatur"
    " | demontage | rückbau | abbau | entfernen | entfernung | main d'œuvre"
    " | main d'oeuvre | main-d'œuvre | pose | contrat de maintenance"
    " | programmation | reprogrammation | formation | réparation | dépose"
    " | démontage | retrait | retirer | support technique | mano de obra"
    " | instalación | instalacion | mantenimiento | programación | reprogramación"
    " | licencia | reparación | desmontaje | retirada | retirar | soporte técnico"
    " | manodopera | installazione | manutenzione | programmazione"
    " | riprogrammazione | licenza | riparazione | smontaggio | rimozione"
    " | rimuovere | dismissione | supporto tecnico | arbeid | arbeidsloon"
    " | installatie | onderhoud | onderhoudscontract | programmering"
    " | herprogrammering | licentie | reparatie | verwijderen | verwijdering"
    " | mão de obra | mao de obra | instalação | instalacao | manutenção"
    " | manutencao | programação | reprogramação | licença | reparação | reparo"
    " | desmontagem | remoção | remover | suporte técnico"
)
_SERVICE_ANY = _terms(
    "人工 | 工时 | 安装费 | 安装服务 | 施工 | 维护 | 维保 | 保养 | 编程 | 授权"
    " | 许可证 | 培训 | 维修 | 拆除 | 拆卸 | 工賃 | 作業費 | 設置工事 | 設置費"
    " | 工事 | 保守 | プログラミング | ライセンス | 修理 | 撤去 | 取り外し | 인건비"
    " | 공임 | 설치비 | 설치 공사 | 유지보수 | 프로그래밍 | 라이선스 | 라이센스"
    " | 수리 | 철거 | 제거"
)
_SERVICE = _words(*_SERVICE_TERMS) + "|" + _any(*_SERVICE_ANY)
_ACCESSORY_TERMS = _terms(
    "wall mount | ceiling mount | pole mount | corner mount | wall bracket | drive"
    " | hdd | hard disk | hard drive | ssd | sd card | microsd | memory card"
    " | cable | patch lead | patch cord | connector | bracket | mount | mounting"
    " | junction box | back box | poe injector | injector | power supply | psu"
    " | power adapter | poe injektor | poe injecteur | adapter | adaptor | battery"
    " | charger | antenna | earpiece | headset | holster | belt clip | consumable"
    " | spare part | kabel | halterung | wandhalter | mastadapter | montageplatte"
    " | netzteil | akku | ladegerät | antenne | injektor | festplatte | disque dur"
    " | câble | support | fixation | injecteur | alimentation | bloc d'alimentation"
    " | batterie | chargeur | boîte de jonction | disco duro | soporte | inyector"
    " | fuente de alimentación | batería | cargador | antena | caja de conexiones"
    " | disco rigido | cavo | staffa | supporto | iniettore | alimentatore"
    " | batteria | caricabatterie | harde schijf | beugel | houder | voeding | accu"
    " | lader | disco rígido | cabo | suporte | injetor | fonte de alimentação"
    " | bateria | carregador"
)
_ACCESSORY_ANY = _terms(
    "硬盘 | 线缆 | 网线 | 电缆 | 支架 | 电源 | 适配器 | 电池 | 充电器 | 天线"
    " | 接线盒 | 供电器 | ハードディスク | ケーブル | ブラケット | 金具 | 電源"
    " | アダプター | バッテリー | 充電器 | アンテナ | 하드디스크 | 케이블 | 브라켓"
    " | 브래킷 | 거치대 | 어댑터 | 배터리 | 충전기 | 안테나"
)
_COMPOUNDS = ("halterung", "netzteil", "kabel")
_ACCESSORY = (
    _words(*_ACCESSORY_TERMS)
    + "|"
    + _any(*_ACCESSORY_ANY)
    # German joins words: 'Wandhalterung' (wall bracket), 'Kameranetzteil' (camera PSU).
    + rf"|(?<!\w)\w{{0,30}}(?:{'|'.join(_COMPOUNDS)})\w{{0,4}}(?!\w)"
)
_EQUIPMENT = (
    _words(
        *_terms(
            "bay | nas | camera | cam | dome | bullet | turret | ptz | nvr | dvr | xvr"
            " | recorder | ont | onu | olt | router | switch | radio | handset"
            " | walkie-talkie | intercom"
            " | door station | indoor station | doorbell | terminal | controller"
            " | access point | modem | gateway | encoder | decoder | phone | smartphone"
            " | tablet | server | reader | panel | kamera | rekorder | funkgerät | caméra"
            " | enregistreur | routeur | commutateur | cámara | grabador | grabadora"
            " | telecamera | registratore | câmera | câmara | gravador | roteador"
            " | portofoon"
        )
    )
    + "|"
    + _any(
        *_terms(
            "摄像机 | 摄像头 | 球机 | 枪机 | 半球 | 录像机 | 交换机 | 路由器 | 对讲机"
            " | 光猫 | 门禁 | カメラ | レコーダー | ルーター | スイッチ | 無線機"
            " | トランシーバー | 카메라 | 녹화기 | 라우터 | 스위치 | 무전기"
        )
    )
)
CLAUSE_END = re.compile(r"[,;)\]|\n\r、，；）]|\s[-–—]\s")
CLAUSE_START = re.compile(r"[,;(\[|\n\r:：、，；（]|\s[-–—]\s")


REPLACING = (
    "replac",
    "instead",
    "in place",
    "ersetz",
    "ersatz",
    "anstelle",
    "statt",
    "remplac",
    "au lieu",
    "à la place",
    "reemplaz",
    "sustitu",
    "en lugar",
    "sostitu",
    "al posto",
    "invece",
    "vervang",
    "in plaats",
    "substitu",
    "em vez",
    "no lugar",
    "替",
    "取代",
    "代替",
    "代わり",
    "대신",
)
COMPATIBLE = (
    "compat",
    "kompat",
    "fits",
    "suits",
    "to fit",
    "to suit",
    "works with",
    "passend",
    "geeignet",
    "adapt",
    "apto",
    "adatto",
    "geschikt",
    "兼容",
    "适配",
    "対応",
    "互換",
    "호환",
)


# The pre-test. Every match of REPLACE, AFTER, BEFORE, ACCESSORY and SERVICE holds one of
# these strings as written (matched with the same flags, so letter for letter as they match
# it): the longest word of each term, each term found anywhere, the stems their expressions
# spell out. A text holding none of them sets nothing apart and names no accessory or
# service, so `context.read` returns it as it is without trying the expressions (a serial
# typed into the model field: tests/identify/test_context.py holds the two to agree).
_REPLACE_STEMS = (
    *("replac", "swap", "exchange", "durch", "tausch", "remplac", "reemplaz", "sustitu"),
    *("substitu", "sostitu", "vervang", "换", "から", "を", "을", "를", "에서"),
)
_BEFORE_STEMS = ("compat", "kompat", "用", "対応", "互換", "の代わり", "용", "호환", "대신")


def _longest_word(term: str) -> str:
    return max(term.split(), key=len)


CUE_STEMS = frozenset(
    {
        *(_longest_word(t) for t in (*_AFTER_TERMS, *_SERVICE_TERMS, *_ACCESSORY_TERMS)),
        *_AFTER_ANY,
        *_SERVICE_ANY,
        *_ACCESSORY_ANY,
        *_COMPOUNDS,
        *_REPLACE_STEMS,
        *_BEFORE_STEMS,
    }
)
"""Strings one of which every cue, accessory and service holds, as the expressions match it."""
GRAM = min(len(s) for s in CUE_STEMS if s.isascii())
ASCII_GRAMS = frozenset(s.casefold()[:GRAM] for s in CUE_STEMS if s.isascii())
"""The first GRAM letters of every stem written in ASCII, lower case. An ASCII text, whose
letters the expressions match case-insensitively as ASCII letters, holds a stem only where
its lower case holds one of these; a stem with a letter outside ASCII matches no ASCII text
(held by tests/identify/test_context.py)."""
GRAM_RUN = re.compile(
    "[" + re.escape("".join(sorted(set("".join(ASCII_GRAMS))))) + f"]{{{GRAM}}}", re.IGNORECASE
)
"""GRAM characters in a row of those the ASCII grams are spelt with, in either case: a
text without such a run holds no gram ('SN123456789K'), told by one search."""

# The expressions, compiled on first use: compiling them costs ~9 ms, and most runs never
# need them, since a model cell holding no cue stem (`ASCII_GRAMS`) is cleared before any is
# tried (identify/context.py). Each name is declared here for the type checker and compiled
# by the module's `__getattr__` the first time it is read; it is then an attribute like any.
AFTER: re.Pattern[str]
BEFORE: re.Pattern[str]
TO: re.Pattern[str]
WITH: re.Pattern[str]
SERVICE: re.Pattern[str]
ACCESSORY: re.Pattern[str]
EQUIPMENT: re.Pattern[str]
REPLACE: list[tuple[re.Pattern[str], bool]]

_SOURCES = {
    "AFTER": _AFTER,
    "BEFORE": _BEFORE,
    "TO": _TO,
    "WITH": _WITH,
    "SERVICE": _SERVICE,
    "ACCESSORY": _ACCESSORY,
    "EQUIPMENT": _EQUIPMENT,
}


def __getattr__(name: str) -> object:
    """A lazily compiled expression, kept as a module attribute once made."""
    made: object
    if name == "REPLACE":
        made = [(re.compile(p, _FLAGS), before) for p, before in _REPLACE]
    elif (source := _SOURCES.get(name)) is not None:
        made = re.compile(source, _FLAGS)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = made
    return made


def compile_all() -> None:
    """Every expression compiled now, where a caller has time to spare (a workbook's wait on
    its child, `Scanner.warm`)."""
    for name in (*_SOURCES, "REPLACE"):
        globals().get(name) or __getattr__(name)
