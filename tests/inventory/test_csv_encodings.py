"""Registers as Excel and databases save them around the world: each encoding found and named,
`--encoding` over the guess, mojibake and undecodable text refused, local delimiters read."""

from __future__ import annotations

import codecs
import csv
import io
import random
from pathlib import Path

import pytest

from duediligence.errors import InputError, UsageError
from duediligence.inventory.csv import read_csv
from duediligence.inventory.encodings import given
from duediligence.inventory.interface import Table

CHINESE = (
    "资产编号,品牌,型号,安装位置\n"
    "A-001,海康威视,DS-2CD2143G2-I,北京仓库\n"
    "A-002,大华,DH-IPC-HFW2431S,上海办公楼\n"
)
TAIWANESE = (
    "資產編號,品牌,型號,安裝位置\n"
    "A-001,大華,DH-IPC-HFW2431S,台北機房\n"
    "A-002,海康威視,DS-2CD2143G2-I,高雄倉庫\n"
)
JAPANESE = (
    "資産番号,メーカー,型番,設置場所\n"
    "A-001,ハイクビジョン,DS-2CD2143G2-I,東京本社\n"
    "A-002,パナソニック,WV-S1131,大阪倉庫\n"
)
KOREAN = (
    "자산번호,제조사,모델,설치 위치\n"
    "A-001,한화테크윈,XNO-6080R,서울 본사\n"
    "A-002,하이크비전,DS-2CD2143G2-I,부산 창고\n"
)
RUSSIAN = (
    "Инвентарный номер,Производитель,Модель,Расположение\n"
    'A-001,Hikvision,DS-2CD2143G2-I,"Москва, склад №2"\n'
    "A-002,Dahua,DH-IPC-HFW2431S,Санкт-Петербург\n"
)
GREEK = (
    "Κωδικός,Κατασκευαστής,Μοντέλο,Τοποθεσία\n"
    "A-001,Hikvision,DS-2CD2143G2-I,Αθήνα αποθήκη\n"
    "A-002,Axis,P3245-LVE,Θεσσαλονίκη\n"
)
TURKISH = (
    "Demirbaş No,Üretici,Model,Açıklama\n"
    'A-001,Hikvision,DS-2CD2143G2-I,"Güvenlik kamerası, İstanbul şube"\n'
    "A-002,Dahua,DH-IPC-HFW2431S,Giriş kapısı\n"
)
GERMAN = (
    "Inventarnummer,Hersteller,Modell,Standort\n"
    'A-001,Hikvision,DS-2CD2143G2-I,"Zürich Büro, Größe M"\n'
    "A-002,Axis,P3245-LVE,Köln Lager – Süd\n"
)
FRENCH = (
    "N° d'inventaire,Fabricant,Modèle,Emplacement\n"
    'A-001,Hikvision,DS-2CD2143G2-I,"Hôtel de ville, façade"\n'
    "A-002,Axis,P3245-LVE,Entrepôt 12 €\n"
)
HEBREW = (
    "מספר נכס,יצרן,דגם,מיקום\n"
    "A-001,Hikvision,DS-2CD2143G2-I,תל אביב מחסן\n"
    "A-002,Dahua,DH-IPC-HFW2431S,ירושלים משרד\n"
)
ARABIC = (
    "رقم الأصل,الشركة المصنعة,الطراز,الموقع\n"
    "A-001,Hikvision,DS-2CD2143G2-I,الرياض مستودع\n"
    "A-002,Dahua,DH-IPC-HFW2431S,جدة مكتب\n"
)
POLISH = (
    "Numer inwentarzowy,Producent,Model,Lokalizacja\n"
    'A-001,Hikvision,DS-2CD2143G2-I,"Łódź, magazyn środkowy"\n'
    'A-002,Dahua,DH-IPC-HFW2431S,"Kraków, ściana wschodnia"\n'
)


def cells(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if row]


def read_back(table: Table) -> list[list[str]]:
    return [table.header, *(row for _, row in table.rows)]


def saved(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "inv.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "text", "named"),
    [
        pytest.param(CHINESE.encode(), CHINESE, None, id="utf8"),
        pytest.param(JAPANESE.encode("utf-8-sig"), JAPANESE, None, id="utf8-bom"),
        pytest.param(
            KOREAN.encode("utf-16"), KOREAN, "UTF-16, as its byte-order mark", id="utf16-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"),
            CHINESE,
            "UTF-16, as its byte-order mark",
            id="utf16be-bom",
        ),
        pytest.param(
            RUSSIAN.encode("utf-16-le"), RUSSIAN, "UTF-16LE (no byte-order mark)", id="utf16le"
        ),
        pytest.param(
            GREEK.encode("utf-16-be"), GREEK, "UTF-16BE (no byte-order mark)", id="utf16be"
        ),
        pytest.param(
            CHINESE.encode("utf-32"), CHINESE, "UTF-32, as its byte-order mark", id="utf32-bom"
        ),
        pytest.param(
            TURKISH.encode("utf-32-le"), TURKISH, "UTF-32LE (no byte-order mark)", id="utf32le"
        ),
        pytest.param(
            GERMAN.encode("utf-32-be"), GERMAN, "UTF-32BE (no byte-order mark)", id="utf32be"
        ),
        pytest.param(CHINESE.encode("gbk"), CHINESE, "GBK/GB18030", id="gbk"),
        pytest.param(CHINESE.encode("gb18030"), CHINESE, "GBK/GB18030", id="gb18030"),
        pytest.param(TAIWANESE.encode("big5"), TAIWANESE, "Big5", id="big5"),
        pytest.param(JAPANESE.encode("shift_jis"), JAPANESE, "Shift-JIS (cp932)", id="shift-jis"),
        pytest.param(JAPANESE.encode("cp932"), JAPANESE, "Shift-JIS (cp932)", id="cp932"),
        pytest.param(KOREAN.encode("euc_kr"), KOREAN, "EUC-KR (cp949)", id="euc-kr"),
        pytest.param(RUSSIAN.encode("cp1251"), RUSSIAN, "Windows-1251 (cp1251)", id="cp1251"),
        pytest.param(GERMAN.encode("cp1252"), GERMAN, "Windows-1252 (cp1252)", id="cp1252-german"),
        pytest.param(FRENCH.encode("cp1252"), FRENCH, "Windows-1252 (cp1252)", id="cp1252-french"),
        pytest.param(GREEK.encode("cp1253"), GREEK, "Windows-1253 (cp1253)", id="cp1253"),
        pytest.param(TURKISH.encode("cp1254"), TURKISH, "Windows-1254 (cp1254)", id="cp1254"),
        pytest.param(HEBREW.encode("cp1255"), HEBREW, "Windows-1255 (cp1255)", id="cp1255"),
        pytest.param(ARABIC.encode("cp1256"), ARABIC, "Windows-1256 (cp1256)", id="cp1256"),
        pytest.param(RUSSIAN.encode("iso8859_5"), RUSSIAN, "ISO-8859-5", id="iso8859-5"),
        # Read as Windows-1252 'Łódź' is '£ódŸ': no messier to charset-normalizer, but '£'
        # touches a letter, as no symbol in a real word does.
        pytest.param(POLISH.encode("cp1250"), POLISH, "Windows-1250 (cp1250)", id="cp1250"),
        pytest.param(POLISH.encode("iso8859_2"), POLISH, "ISO-8859-2", id="iso8859-2"),
        # ISO-8859-7 and -9 spell these letters with the bytes cp1253 and cp1254 use: the
        # text is the same, and the Windows page, more often saved, is named.
        pytest.param(GREEK.encode("iso8859_7"), GREEK, "Windows-1253 (cp1253)", id="iso8859-7"),
        pytest.param(TURKISH.encode("iso8859_9"), TURKISH, "Windows-1254 (cp1254)", id="iso8859-9"),
    ],
)
def test_each_encoding_is_found_read_and_named(
    tmp_path: Path, data: bytes, text: str, named: str | None
) -> None:
    table = read_csv(saved(tmp_path, data), "inv.csv")
    assert read_back(table) == cells(text)
    if named is None:
        assert table.warnings == []
    else:
        (warning,) = table.warnings
        assert warning.startswith("inv.csv: ") and f"read as {named}" in warning


@pytest.mark.parametrize(
    ("data", "text", "name"),
    [
        # French in ISO-8859-15 reads as ISO-8859-14 in a sample this short ('N°' as 'NḞ');
        # the user names the page.
        pytest.param(POLISH.encode("cp1250"), POLISH, "cp1250", id="cp1250"),
        pytest.param(POLISH.encode("iso8859_2"), POLISH, "iso-8859-2", id="iso8859-2"),
        pytest.param(FRENCH.encode("iso8859_15"), FRENCH, "iso8859-15", id="iso8859-15"),
        pytest.param(CHINESE.encode("gbk"), CHINESE, "GBK", id="gbk"),
        pytest.param(GERMAN.encode(), GERMAN, "utf8", id="utf8"),
    ],
)
def test_encoding_given_overrides_the_guess(
    tmp_path: Path, data: bytes, text: str, name: str
) -> None:
    table = read_csv(saved(tmp_path, data), "inv.csv", given(name))
    assert read_back(table) == cells(text)
    assert table.warnings == (
        [] if name == "utf8" else [f"inv.csv: read as {given(name).name}, as --encoding says"]
    )


@pytest.mark.parametrize("name", ["gbk2", "base64", "rot13", ""])
def test_an_encoding_python_does_not_know_as_text_is_a_usage_error(name: str) -> None:
    with pytest.raises(UsageError, match=f"--encoding '{name}': not an encoding Python knows"):
        given(name)


@pytest.mark.parametrize(
    ("data", "name", "shown"),
    [
        pytest.param(CHINESE.encode("gbk"), "cp1252", "×Ê²ú±àºÅ", id="gbk-as-cp1252"),
        pytest.param(CHINESE.encode("gbk"), "latin-1", "×Ê²ú±àºÅ", id="gbk-as-latin1"),
        pytest.param(KOREAN.encode("euc_kr"), "cp1252", "ÀÚ»ê¹øÈ£", id="euc-kr-as-cp1252"),
        pytest.param(
            RUSSIAN.encode("cp1251"), "cp1252", "Èíâåíòàðíûé íîìåð", id="cp1251-as-cp1252"
        ),
        pytest.param(FRENCH.encode(), "cp1252", "NÂ° d'inventaire", id="utf8-as-cp1252"),
    ],
)
def test_a_header_read_as_mojibake_is_refused_naming_the_encoding(
    tmp_path: Path, data: bytes, name: str, shown: str
) -> None:
    encoding = given(name)
    with pytest.raises(InputError) as caught:
        read_csv(saved(tmp_path, data), "inv.csv", encoding)
    message = str(caught.value)
    assert message.startswith(
        f"inv.csv: the header reads as mojibake ({shown!r}) in {encoding.name}"
    )
    assert "--encoding NAME" in message


def noise(seed: int) -> bytes:
    """Bytes 1 to 255 at random: no NUL, so not refused as binary before any encoding is tried."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(5_000))


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("Marque,Modèle,Coût (€),N° de série", id="french"),
        pytest.param("Hersteller,Fläche m²,Temp °C,Länge ±", id="german-symbols"),
        pytest.param("Make,Model,©", id="a-lone-symbol"),
        pytest.param("Make,Cost £,Año", id="pound-and-spanish"),
    ],
)
def test_a_header_with_symbols_in_its_own_page_is_not_mojibake(tmp_path: Path, header: str) -> None:
    text = f"{header}\nHikvision,DS-2CD2143G2-I,1,2\n"
    table = read_csv(saved(tmp_path, text.encode("cp1252")), "inv.csv", given("cp1252"))
    assert table.header == header.split(",")


@pytest.mark.parametrize(
    "data", [pytest.param(noise(seed), id=f"seed-{seed}") for seed in range(3)]
)
def test_bytes_no_encoding_reads_as_text_are_refused_naming_those_tried(
    tmp_path: Path, data: bytes
) -> None:
    with pytest.raises(
        InputError, match=r"not text in any encoding tried \(UTF-8, UTF-16, UTF-32, GBK"
    ):
        read_csv(saved(tmp_path, data), "inv.csv")


def test_a_utf8_register_with_one_bad_cell_is_utf8_and_the_line_is_named(tmp_path: Path) -> None:
    """More characters decode as UTF-8 than fail: a damaged UTF-8 file, not another encoding."""
    rows = "".join(f"A-{n:03d},海康威视,DS-2CD2143G2-I,北京仓库\n" for n in range(50))
    data = ("资产编号,品牌,型号,安装位置\n" + rows).encode() + b"A-999,\xff\xfe,X,Y\n"
    with pytest.raises(InputError, match="not valid text in UTF-8: invalid start byte"):
        list(read_csv(saved(tmp_path, data), "inv.csv").rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Hersteller;Modell;Preis\nHikvision;DS-2CD2143G2-I;129,90\nAxis;P3245-LVE;1.234,50\n",
            [
                ["Hersteller", "Modell", "Preis"],
                ["Hikvision", "DS-2CD2143G2-I", "129,90"],
                ["Axis", "P3245-LVE", "1.234,50"],
            ],
            id="decimal-comma-in-some-rows",
        ),
        pytest.param(
            "Marque;Modèle;Prix, TTC;Poids, kg\n"
            "Hikvision;DS-2CD2143G2-I;129,90;0,45\n"
            "Dahua;DH-IPC;89,00;0,30\n",
            [
                ["Marque", "Modèle", "Prix, TTC", "Poids, kg"],
                ["Hikvision", "DS-2CD2143G2-I", "129,90", "0,45"],
                ["Dahua", "DH-IPC", "89,00", "0,30"],
            ],
            id="as-many-commas-as-semicolons-in-every-row",
        ),
        pytest.param(
            "Make,Model,Notes\nHikvision,DS-2CD2143G2-I,lobby; north door\nAxis,P3245-LVE,\n",
            [
                ["Make", "Model", "Notes"],
                ["Hikvision", "DS-2CD2143G2-I", "lobby; north door"],
                ["Axis", "P3245-LVE", ""],
            ],
            id="comma-file-with-a-semicolon-in-a-note",
        ),
        pytest.param(
            '"Make";"Model";"Cost"\n"Hikvision";"DS-2CD2143G2-I";"12,5"\n',
            [["Make", "Model", "Cost"], ["Hikvision", "DS-2CD2143G2-I", "12,5"]],
            id="quoted-semicolon-file",
        ),
    ],
)
def test_semicolon_files_with_decimal_commas_are_split_at_their_semicolons(
    tmp_path: Path, text: str, expected: list[list[str]]
) -> None:
    assert read_back(read_csv(saved(tmp_path, text.encode()), "inv.csv")) == expected
