"""Which encoding a text register is in: its byte-order mark, UTF-8, else a guess from its bytes.

Excel's "CSV" on a Chinese, Japanese or Korean Windows writes the system's code page (GBK,
Shift-JIS, EUC-KR), and on a Western, Central European, Cyrillic, Greek or Turkish one its
Windows-125x page; none of these says which it is. The guess is charset-normalizer's, made on
a bounded sample (the first 64 KiB the reader takes anyway), restricted to the code pages
registers are saved in, and checked here: the sample must decode without error and read as
text (charset-normalizer's own mess measure below its default 0.2). A header that still reads
as mojibake ("×Ê²ú±àºÅ", GBK's 资产编号 read as Windows-1252) is refused with the guess
named, never scanned into finding nothing.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from duediligence.errors import InputError, UsageError

UTF8 = "utf-8-sig"
"""UTF-8 with or without a byte-order mark: the encoding Arrow reads directly."""
MESS_MAX = 0.2
"""charset-normalizer's own default: above this share of odd characters (symbols amid
letters, scripts mixed within a word), decoded text is not text. Measured on register headers:
every real one tried scores 0.00 (Número de série, Производитель, 資產編號 0.05); the same read
in the wrong code page scores 0.36 to 4.7 ('×Ê²ú±àºÅ,Æ·ÅÆ,ÐÍºÅ' 1.57)."""
UTF8_MARGIN = 2
"""Bytes past ASCII that decode as UTF-8 for each that fails, beyond which a sample is UTF-8
with a few bad bytes: a UTF-8 register with one corrupted cell has hundreds to one."""
WIDE_MARGIN = 10
"""NUL bytes on one side of each two for every one on the other, beyond which text is UTF-16
without its mark: a NUL is a whole character only in a binary file (which has as many on
either side)."""
IN_WORD = "°ºª·’‘´"
"""Marks beyond ASCII that real words hold: 'N° 12', 'Nº de série', '1ª', 'col·locació',
'l’entrepôt'."""
WIDE_ASCII = 0.1
"""Share of UTF-16 characters that are ASCII, at least: a register's delimiters and line
breaks alone are one character in five of a Chinese register ('海康威视,DS-2CD2143G2-I')."""
MOJIBAKE_MIN = 4
"""Characters beyond ASCII a header needs before its mess is judged: the shortest Chinese
header word, 品牌 (make), is four in the wrong page ('Æ·ÅÆ'); a lone '©' column is not."""
MESS_CHARS = 8 * 1024
"""Decoded text the mess is measured on: charset-normalizer's measure is a Python loop."""

_BOMS = (
    # UTF-32's little-endian mark begins with UTF-16's: it is tried first.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, UTF8),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GUESSED = (
    # Order settles ties: where code pages decode a sample alike (most Western text decodes
    # the same in a dozen), the one registers are most often saved in is named.
    "cp1252",
    "gb18030",
    "big5",
    "cp932",
    "cp949",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    *(f"iso8859_{n}" for n in (1, 15, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16)),
)
"""The code pages a guess may name. GBK and GB2312 are read as GB18030, their superset;
Shift-JIS as cp932 and EUC-KR as cp949, the Windows supersets Excel writes."""
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949"}
_NAMES = {
    UTF8: "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "utf-16-le": "UTF-16LE (no byte-order mark)",
    "utf-16-be": "UTF-16BE (no byte-order mark)",
    "utf-32-le": "UTF-32LE (no byte-order mark)",
    "utf-32-be": "UTF-32BE (no byte-order mark)",
    "gb18030": "GBK/GB18030",
    "big5": "Big5",
    "cp932": "Shift-JIS (cp932)",
    "cp949": "EUC-KR (cp949)",
    **{f"cp{n}": f"Windows-{n} (cp{n})" for n in range(1250, 1259)},
    **{f"iso8859_{n}": f"ISO-8859-{n}" for n in range(1, 17)},
}
TRIED = (
    "UTF-8, UTF-16, UTF-32, GBK/GB18030, Big5, Shift-JIS, EUC-KR, Windows-1250 to 1258,"
    " ISO-8859-1 to 16"
)


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a file's bytes are read: the Python codec, the name a person knows it by, and
    whether it was given (`--encoding`) or its byte-order mark said it, rather than guessed."""

    codec: str
    name: str
    given: bool = False
    marked: bool = False

    @property
    def utf8(self) -> bool:
        return self.codec == UTF8

    @property
    def wide(self) -> bool:
        """UTF-16 or UTF-32: NUL bytes are part of its text."""
        return self.codec.startswith(("utf-16", "utf-32"))

    def warning(self) -> str | None:
        """What a report says of a file not in UTF-8, so a wrong guess can be seen and fixed."""
        if self.utf8:
            return None
        if self.given:
            return f"read as {self.name}, as --encoding says"
        if self.marked:
            return f"read as {self.name}, as its byte-order mark says"
        return (
            f"not valid UTF-8: read as {self.name}, guessed from its bytes; if its text looks"
            " wrong, give its encoding with --encoding NAME"
        )


def given(name: str) -> Encoding:
    """The encoding `--encoding NAME` names; UsageError for a name Python has no codec for."""
    try:
        info = codecs.lookup(name)
        if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib: not text
            raise LookupError(name)
    except LookupError:
        raise UsageError(
            f"--encoding {name!r}: not an encoding Python knows; e.g. utf-8, gb18030, cp932,"
            " cp949, big5, cp1252, iso8859-15"
        ) from None
    if info.name in ("utf-8", "utf-8-sig"):
        return Encoding(UTF8, "UTF-8", given=True)
    name = _NAMES.get(info.name) or _NAMES.get(info.name.replace("-", "_"), info.name)
    return Encoding(info.name, name, given=True)


def detect(sample: bytes, display: str, complete: bool) -> Encoding:
    """The encoding of a file that begins with `sample` (all of it when `complete`).

    Raises InputError naming the encodings tried when no candidate reads the sample as text.
    """
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return Encoding(codec, _NAMES[codec], marked=True)
    whole = sample if complete else _whole_lines(sample)
    if b"\x00" in sample:  # NUL is valid UTF-8, but no register's text holds one
        if (wide := _wide(whole)) is not None:
            return wide
        raise InputError(
            "contains NUL bytes: not a text file (a binary file, or UTF-16 without a byte-order"
            " mark?)",
            display,
        )
    if _mostly_utf8(whole):
        return Encoding(UTF8, "UTF-8")
    if (guess := _guess(whole)) is not None:
        return guess
    raise InputError(
        f"not text in any encoding tried ({TRIED}); if you know its encoding, give it with"
        " --encoding NAME",
        display,
    )


def check_header(header: list[str], encoding: Encoding, display: str) -> None:
    """Refuse a header that reads as mojibake: its rows would read so too, and find nothing.

    A header is mojibake when its bytes read as UTF-8 ('NÃºmero' for 'Número'), or when its
    text is a mess (MESS_MAX) and another code page reads the same bytes as text. UTF-8,
    UTF-16 and UTF-32 fail loudly on the wrong bytes instead, so only code pages are checked.
    """
    text = ",".join(header)[:MESS_CHARS]  # a header of 20,000 columns is judged by its start
    if text.isascii() or encoding.utf8 or encoding.wide:
        return
    try:
        raw = text.encode(encoding.codec)
    except UnicodeEncodeError:
        return
    if not _decodes(raw, "utf-8") and not _readable_otherwise(raw, text, encoding.codec):
        return
    shown = next(c for c in header if not c.isascii())[:60]
    how = "as --encoding says" if encoding.given else "guessed from its bytes"
    raise InputError(
        f"the header reads as mojibake ({shown!r}) in {encoding.name}, {how}: the file is in"
        " another encoding; give it with --encoding NAME (e.g. --encoding gb18030 for"
        " Chinese, cp932 for Japanese, cp949 for Korean, utf-8)",
        display,
    )


def _readable_otherwise(raw: bytes, text: str, codec: str) -> bool:
    """Whether `text` (`raw` read in `codec`) is a mess that another code page reads as text."""
    from charset_normalizer.md import mess_ratio

    if sum(not c.isascii() for c in text) < MOJIBAKE_MIN or mess_ratio(text) < MESS_MAX:
        return False
    for other in GUESSED:
        if other != codec:
            try:
                alternative = codecs.decode(raw, other)
            except UnicodeDecodeError:
                continue
            if mess_ratio(alternative) < MESS_MAX:
                return True
    return False


def _whole_lines(sample: bytes) -> bytes:
    """The sample up to its last line break: a multi-byte character cut at the end is not an
    error of the file's."""
    end = sample.rfind(b"\n")
    return sample[: end + 1] if end > 0 else sample


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8, or UTF-8 with a few bytes that are not (the reader then names the line): more
    characters beyond ASCII decode than fail. Text in a legacy code page seldom makes valid
    UTF-8 by chance: GBK's 资产编号 makes one character and four failures."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        text = sample.decode("utf-8", errors="replace")
        failed = text.count("\ufffd")
        return len(text.encode("utf-8")) - len(text) - 2 * failed > UTF8_MARGIN * failed
    return True


def _decodes(data: bytes, codec: str) -> bool:
    try:
        codecs.decode(data, codec)
    except UnicodeDecodeError:
        return False
    return True


def _wide(sample: bytes) -> Encoding | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where its NUL bytes fall: in
    UTF-32LE the last two bytes of every four are NUL; in UTF-16LE each ASCII character
    (a register's delimiters and line breaks at least) has its NUL second, and no character
    has a NUL first. Big-endian mirrors both."""
    quarters = [sample[i::4].count(0) / max(1, len(sample[i::4])) for i in range(4)]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = len(sample) / 2 * WIDE_ASCII
    layouts = (
        ("utf-32-le", quarters[2] == quarters[3] == 1.0),
        ("utf-32-be", quarters[0] == quarters[1] == 1.0),
        ("utf-16-le", odd >= enough and even * WIDE_MARGIN < odd),
        ("utf-16-be", even >= enough and odd * WIDE_MARGIN < even),
    )
    for codec, fits in layouts:
        unit = 4 if "32" in codec else 2
        if fits and _decodes(sample[: len(sample) - len(sample) % unit], codec):
            return Encoding(codec, _NAMES[codec])
    return None


def _guess(sample: bytes) -> Encoding | None:
    """charset-normalizer's best reading of the sample among GUESSED, checked: the sample
    decodes without error and reads as text (MESS_MAX).

    Readings are ranked as charset-normalizer ranks them, by mess and then by how well the
    letters spell a language it knows (Russian in cp1251 over Greek in cp1253), and on equal
    terms by GUESSED's order: most Western text reads the same in a dozen code pages, and the
    one registers are most often saved in is named.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    rank = {codec: i for i, codec in enumerate(GUESSED)}
    scored: dict[str, tuple[float, float, int]] = {}
    for match in from_bytes(sample, cp_isolation=list(GUESSED), enable_fallback=False):
        for codec in {_SUPERSETS.get(c, c) for c in match.could_be_from_charset}:
            if codec in rank and codec not in scored and _decodes(sample, codec):
                scored[codec] = (match.chaos, -round(match.coherence, 2), rank[codec])
    readable = {
        codec: text
        for codec in sorted(scored, key=scored.__getitem__)
        if mess_ratio(text := _beyond_ascii(sample, codec)) < MESS_MAX
    }
    if not readable:
        return None
    codec = min(readable, key=lambda c: (_oddities(readable[c]), scored[c]))
    return Encoding(codec, _NAMES[codec])


def _oddities(text: str) -> int:
    """What a wrong page leaves inside words that charset-normalizer can find no messier:
    symbols beyond ASCII touching a letter, and a small letter followed by a capital where
    either is beyond ASCII.

    Polish in cp1250 read as Windows-1252 turns 'Łódź, łąka' into '£ódŸ, ³¹ka'; GBK's
    海康威视 read as ISO-8859-5 is 'КЃПЕЭўЪУ'. A currency sign before or after a number
    ('£120', '12 €') is not in a word, and marks that belong in words (IN_WORD) are not
    counted; scripts without capitals (Chinese, Japanese, Korean) have no such flips.
    """
    count = 0
    before = " "
    for i, char in enumerate(text):
        if not char.isascii():
            after = text[i + 1] if i + 1 < len(text) else " "
            if not (char.isalnum() or char.isspace() or char in IN_WORD):
                count += before.isalpha() or after.isalpha()
            elif char.isupper() and before.islower():
                count += 1
            elif char.islower() and after.isupper() and not after.isascii():
                count += 1
        before = char
    return count


def _beyond_ascii(sample: bytes, codec: str) -> str:
    """The sample's distinct lines that hold more than ASCII, decoded, up to MESS_CHARS: the
    text whose mess says whether a reading is right (a register is mostly ASCII)."""
    lines = dict.fromkeys(line for line in sample.split(b"\n") if not line.isascii())
    return codecs.decode(b"\n".join(lines), codec, errors="replace")[:MESS_CHARS]
