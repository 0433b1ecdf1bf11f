"""The one normalisation of vendor names and model numbers; pack aliases use the same functions."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Legal forms removed from the END of a name ("Co., Ltd.", "GmbH", "S.A."), never from the
# middle, where they may be part of the name.
# Kept by hand rather than taken from a library: see docs/identification.md for the
# comparison with `rigour`, which mistook 'LT' in 'LT Security Inc' for a legal form.
LEGAL_FORMS = frozenset(
    """co company corp corporation inc incorporated ltd limited llc lp llp plc pte pty pvt
    private gmbh mbh ag kg kgaa se sa sas sau sl slu sarl srl spa sapa bv nv oy oyj ab publ
    as asa aps kk gk yk jsc pjsc ojsc cjsc oao pao ooo zao sro doo ad kft zrt nyrt ltda
    eireli sdn bhd tbk sp zoo lda ltee cv sc scs
    holding holdings group""".split()
)
CJK_LEGAL_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "股份公司",
    "株式会社",
    "有限会社",
    "주식회사",
    "集团",
    "集團",
    "公司",
)

# Words that say nothing about who made a thing; a make made only of these names no one.
GENERIC_WORDS = frozenset(
    """the and of technology technologies tech digital security secure systems system network
    networks communication communications electronics electronic vision video camera cameras
    cctv ip international global intl software products product industrial intelligent smart
    iot solutions services trading science hangzhou zhejiang shenzhen beijing shanghai china
    guangzhou guangdong suzhou jiangsu xiamen fujian wuhan chengdu tianjin dongguan nanjing
    ningbo qingdao usa us uk europe india america americas north south east west new co""".split()
)

# Cyrillic and Greek letters drawn like one basic Latin letter, from Unicode's confusables.txt
# (UTS #39 "Unicode Security Mechanisms", version 14.0.0, 2021-05-29,
# https://www.unicode.org/Public/security/latest/confusables.txt): the entries whose
# prototype is a single Latin letter, kept to the letters of living alphabets. Each maps to the
# letter a reader sees, not to the skeleton's prototype: confusables.txt folds 'I' and 'l'
# together (Cyrillic 'І' -> 'l'), a name is read as 'I'. 'Нikvision' (Cyrillic 'Н') and
# 'Dаhua' (Cyrillic 'а') are disguises or keyboard slips, never other companies' names.
LOOKALIKES = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ԝ": "W", "Ѵ": "V",
    # Cyrillic small letters
    "а": "a", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j", "о": "o",
    "р": "p", "ԛ": "q", "ѕ": "s", "ԝ": "w", "х": "x", "у": "y", "ү": "y", "ѵ": "v", "г": "r",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters
    "α": "a", "ι": "i", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "γ": "y",
}  # fmt: skip
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@lru_cache(maxsize=65536)
def fold_lookalikes(text: str) -> tuple[str, int]:
    """Text with Latin lookalike letters read as Latin, and how many were replaced.

    Only a word that is Latin once folded is touched: in 'Нikvision' every letter is Latin
    or a lookalike, so it reads 'Hikvision'; 'Хуавей' (Huawei written in Russian) has letters
    with no Latin twin and is left as written, to be matched as Cyrillic. One character
    becomes one, so positions in the folded text are positions in the original. Both name
    and model keys fold with this one function, pack aliases included.
    """
    if text.isascii():
        return text, 0
    count = 0

    def fold(word: re.Match[str]) -> str:
        nonlocal count
        w = word.group()
        if w.isascii():
            return w
        folded = w.translate(_LOOKALIKE_TABLE)
        if folded == w or not all(c.isascii() or not c.isalpha() for c in folded):
            return w
        count += sum(a != b for a, b in zip(w, folded, strict=True))
        return folded

    return _WORD.sub(fold, text), count


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a vendor name: NFKC, case-folded, punctuation gone, trailing legal forms removed.

    Pack aliases are tokenised with this same function, so the two can never drift apart.
    Runs of single letters are joined ("S.A." -> "sa", "B.V." -> "bv") before legal forms go.
    Tokenising the tokens again gives them back unchanged, so a key keyed again is the same.
    """
    text = _read_name(text)[0]
    raw = [t for t in _NON_WORD.split(text) if t]
    tokens: list[str] = []
    run = ""
    for tok in raw:
        if _is_letter(tok):
            run += tok
            continue
        if run:
            tokens.append(run)
            run = ""
        tokens.append(tok)
    if run:
        tokens.append(run)
    while _drop_legal_form(tokens):
        pass
    return tuple(tokens)


def _read_name(text: str) -> tuple[str, int]:
    """NFKC, lookalikes folded, case-folded, and folded again (casefolding can make a letter
    a lookalike: Greek 'Γ' has no Latin twin, its small 'γ' has), with the lookalikes counted.
    ASCII text, which NFKC and the folding leave as it is, is only case-folded."""
    if text.isascii():
        return text.lower(), 0
    first, before = fold_lookalikes(unicodedata.normalize("NFKC", text))
    second, after = fold_lookalikes(first.casefold())
    return second, before + after


def lookalikes_in(text: str) -> int:
    """How many lookalike letters `name_tokens` read as Latin in a name, for explanations."""
    return _read_name(text)[1]


def _is_letter(token: str) -> bool:
    return len(token) == 1 and token.isascii() and token.isalpha()


def _drop_legal_form(tokens: list[str]) -> bool:
    """Drop legal forms from the end: a word ('Ltd'), or the CJK ones ending the last word
    ('海康威视有限公司' -> '海康威视', also when a '。' follows); a name is never left empty.
    Whether any was dropped."""
    if len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
        tokens.pop()
        return True
    last = tokens[-1] if tokens else ""
    end = len(last)
    # Cut by index, not by slicing each time: a cell of a thousand stacked suffixes stays linear.
    while (suffix := _cjk_legal_suffix(last, end)) is not None and end > len(suffix):
        end -= len(suffix)
    if end < len(last):
        tokens[-1] = last[:end]
        if len(tokens) > 1 and _is_letter(tokens[-1]) and _is_letter(tokens[-2]):
            # A single letter left over joins the one before, as runs do ('℅有限公司': 'co').
            tokens[-2:] = [tokens[-2] + tokens[-1]]
        return True
    if suffix is not None and len(tokens) > 1:
        tokens.pop()  # the word was the legal form alone ('海康威视 有限公司')
        return True
    return False


def _cjk_legal_suffix(word: str, end: int) -> str | None:
    if not word.endswith(CJK_LEGAL_SUFFIXES, 0, end):  # one call in C for the common case
        return None
    return next((s for s in CJK_LEGAL_SUFFIXES if word.endswith(s, 0, end)), None)


def legal_form_removed(text: str) -> str | None:
    """The legal form `name_tokens` dropped from the end of a name, as written, for explanations.

    'Hikvison Co., Ltd.' -> 'Co., Ltd.'; None when nothing was dropped.
    """
    norm = unicodedata.normalize("NFKC", text).strip()
    read = _read_name(norm)[0]  # one character for one: positions in it are positions in norm
    tokens = name_tokens(text)
    if not tokens:
        return None
    at = read.rfind(tokens[-1])
    if at < 0 or len(read) != len(norm):
        return None
    rest = norm[at + len(tokens[-1]) :].lstrip(" ,.;:-)]").rstrip(" ,;:")
    return rest or None


def name_key(text: str) -> str | None:
    """Comparison key for a vendor name: its tokens joined with no spaces.

    'Hik Vision', 'HIK-VISION' and 'Hikvision Co., Ltd.' all key to 'hikvision'. None means
    nothing meaningful is left (the make was just "Co., Ltd." or only generic words).
    """
    tokens = name_tokens(text)
    if not tokens or all(t in GENERIC_WORDS or t in LEGAL_FORMS for t in tokens):
        return None
    return "".join(tokens)


_MODEL_SPACES = re.compile(r"\s*([-/])\s*")
_WS = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def model_key(text: str) -> str:
    """A model number as patterns see it: NFKC, upper case, stray spaces around '-' and '/' gone.

    'ds- 2cd2143g2-i ' -> 'DS-2CD2143G2-I'. Words stay separated by one space, so a model can
    still be found inside a free-text description.
    """
    return model_key_once(text)


def model_key_once(text: str) -> str:
    """`model_key` without its memo, for a value met once (a serial in the model field)."""
    # Normalised again after upper-casing: 'ῒ'.upper() is three code points, NFKC makes two.
    # Lookalikes folded before upper-casing ('һ' has a Latin twin, its capital has none) and
    # after it (so that a key keyed again is the same).
    if text.isascii():  # which NFKC and the folding leave as it is, upper-cased or not
        text = text.upper().strip()
    else:
        text = fold_lookalikes(unicodedata.normalize("NFKC", text))[0]
        text = fold_lookalikes(unicodedata.normalize("NFKC", text.upper()))[0].strip()
    if _WS.search(text) is None:  # nothing to take out: a serial, a model number alone
        return text
    text = _MODEL_SPACES.sub(r"\1", text)
    return _WS.sub(" ", text)
