"""Which column holds the make, the model, the MAC...: header synonyms and `--map` overrides."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import distance, process

from duediligence.assets import Field
from duediligence.errors import InputError

# Header names people use, per field, most specific first, in English and in the languages
# registers arrive in (German, French, Spanish, Italian, Dutch, Chinese, Japanese, Korean).
# Matching is on a normalised header (case, punctuation and spacing ignored), so "Model No."
# matches "model no".
SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.MAKE: (
        "make",
        "manufacturer",
        "manufacturer name",
        "mfr",
        "mfg",
        "maker",
        "brand",
        "vendor",
        "oem",
        "make brand",
        "hersteller",
        "marke",
        "fabrikat",
        "fabricant",
        "marque",
        "fabricante",
        "marca",
        "produttore",
        "fabrikant",
        "merk",
        "制造商",
        "厂商",
        "厂家",
        "生产厂家",
        "品牌",
        "メーカー",
        "製造元",
        "제조사",
    ),
    Field.MODEL: (
        "model",
        "model no",
        "model number",
        "model #",
        "model name",
        "model code",
        "part number",
        "part no",
        "part #",
        "mpn",
        "product code",
        "sku",
        "modell",
        "modellnummer",
        "typ",
        "typenbezeichnung",
        "modèle",
        "modele",
        "référence",
        "modelo",
        "modello",
        "型号",
        "规格型号",
        "型番",
        "モデル",
        "모델",
    ),
    Field.MAC: (
        "mac",
        "mac address",
        "mac addr",
        "macaddress",
        "hardware address",
        "ethernet address",
        "physical address",
        "mac adresse",
        "adresse mac",
        "dirección mac",
        "direccion mac",
        "indirizzo mac",
        "mac地址",
        "物理地址",
        "macアドレス",
    ),
    Field.FCC_ID: (
        "fcc id",
        "fccid",
        "fcc",
        "fcc identifier",
        "fcc grant",
    ),
    Field.ASSET_ID: (
        "asset tag",
        "asset id",
        "asset no",
        "asset number",
        "asset #",
        "tag",
        "tag number",
        "asset",
        "inventarnummer",
        "anlagennummer",
        "numéro d'inventaire",
        "número de activo",
        "资产编号",
        "資産番号",
    ),
    Field.SERIAL: (
        "serial",
        "serial no",
        "serial number",
        "serial #",
        "s n",
        "sn",
        "seriennummer",
        "numéro de série",
        "número de serie",
        "numero di serie",
        "serienummer",
        "序列号",
        "シリアル番号",
    ),
    Field.SUPPLIER: (
        "supplier",
        "reseller",
        "distributor",
        "installer",
        "purchased from",
        "contractor",
        "supplier name",
        "lieferant",
        "fournisseur",
        "proveedor",
        "fornitore",
        "leverancier",
        "供应商",
        "仕入先",
    ),
    Field.SITE: (
        "site",
        "location",
        "site name",
        "building",
        "facility",
        "premises",
        "standort",
        "emplacement",
        "ubicación",
        "ubicacion",
        "sede",
        "locatie",
        "位置",
        "地点",
    ),
    Field.DESCRIPTION: (
        "description",
        "item description",
        "product description",
        "item",
        "product",
        "device",
        "equipment",
        "device description",
        "beschreibung",
        "bezeichnung",
        "désignation",
        "descripción",
        "descripcion",
        "descrizione",
        "omschrijving",
        "描述",
        "名称",
        "説明",
    ),
    Field.NOTES: (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "remark",
        "bemerkung",
        "bemerkungen",
        "anmerkung",
        "kommentar",
        "remarques",
        "remarque",
        "commentaire",
        "commentaires",
        "observaciones",
        "observación",
        "comentarios",
        "osservazioni",
        "commenti",
        "opmerkingen",
        "opmerking",
        "observações",
        "observacoes",
        "comentários",
        "备注",
        "備註",
        "说明",
        "備考",
        "メモ",
        "비고",
        "메모",
    ),
    Field.HOSTNAME: (
        "hostname",
        "host name",
        "host",
        "device name",
        "computer name",
        "dns name",
        "fqdn",
        "name",
        "asset name",
        "nombre",
        "nom",
        "nome",
        "naam",
        "gerätename",
        "nom d'hôte",
        "nombre de host",
        "主机名",
        "设备名称",
        "ホスト名",
        "機器名",
        "호스트 이름",
        "호스트명",
        "장치 이름",
    ),
    Field.PURCHASED: (
        "purchase date",
        "purchased",
        "date purchased",
        "acquired",
        "acquisition date",
        "date of purchase",
        "po date",
        "kaufdatum",
        "anschaffungsdatum",
        "date d'achat",
        "fecha de compra",
        "data di acquisto",
        "aankoopdatum",
        "购买日期",
        "购置日期",
        "購入日",
    ),
    Field.INSTALLED: (
        "install date",
        "installed",
        "installation date",
        "date installed",
        "commissioned",
        "commissioning date",
        "installationsdatum",
        "date d'installation",
        "fecha de instalación",
        "安装日期",
    ),
}

# Fields that can say who made an item; a table with none of them cannot be judged.
IDENTIFYING = (
    Field.MAKE,
    Field.MODEL,
    Field.MAC,
    Field.FCC_ID,
    Field.SUPPLIER,
    Field.DESCRIPTION,
)

_PUNCT = re.compile(r"[^\w#]+")


def header_key(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).casefold().replace("_", " ")
    return " ".join(_PUNCT.sub(" ", text).split())


_LOOKUP = {header_key(name): f for f, names in SYNONYMS.items() for name in names}


@dataclass(frozen=True)
class ColumnMap:
    """Field -> column index, with the reason for each choice (shown by `columns` and errors)."""

    header: tuple[str, ...]
    fields: dict[Field, int]
    reasons: dict[Field, str]

    def guesses(self) -> list[str]:
        """Columns read by resemblance to a known name: a person should confirm them."""
        return [
            f"column {self.header[i]!r} read as {f.value}: {self.reasons[f]}; if that is wrong,"
            f" use --map {f.value}=COLUMN"
            for f, i in self.fields.items()
            if SLIP in self.reasons[f]
        ]

    def explain(self) -> list[str]:
        return [
            f"{f.value} <- column {self.header[i]!r}: {self.reasons[f]}"
            for f, i in sorted(self.fields.items(), key=lambda kv: kv[1])
        ]


def unique_headers(raw: list[str]) -> tuple[list[str], list[str]]:
    """Headers made unique and non-empty, so every cell keeps a name; plus warnings."""
    out: list[str] = []
    warnings: list[str] = []
    taken = {name.strip() for name in raw}
    used: set[str] = set()
    following: dict[str, int] = {}
    for i, name in enumerate(raw):
        name = name.strip() or f"Column {i + 1}"
        if name in used:
            # Never a name a later header holds, nor one made already: 'A', 'A', 'A (2)'. Each
            # name's next number is kept, so 16,000 copies of one header cost linear time.
            n = following.get(name, 2)
            while f"{name} ({n})" in used or f"{name} ({n})" in taken:
                n += 1
            following[name] = n + 1
            new = f"{name} ({n})"
            warnings.append(f"duplicate header {name!r} in column {i + 1}: kept as {new!r}")
            name = new
        used.add(name)
        out.append(name)
    return out, warnings


# Words that only say what kind of thing the column describes: "Camera Manufacturer" and
# "Device Model" name the same fields as "Manufacturer" and "Model".
QUALIFIERS = frozenset(
    {"device", "camera", "equipment", "item", "product", "hardware", "unit", "the", "of"}
)
SLIP = "is close to"
_MIN_FUZZY = 6
"""Headers shorter than this are never read by resemblance ('Made', 'Mode', 'Site')."""


def recognised(header: list[str]) -> dict[Field, int]:
    """Fields whose synonyms appear in this header row (first column wins per field)."""
    return {f: i for f, (i, _) in recognise(header).items()}


def recognise(header: list[str]) -> dict[Field, tuple[int, str]]:
    """Field -> (column, why), by known name first, then by a known name with a qualifier
    ('Camera Manufacturer'), then by a one-letter slip in a long name ('Manufacturor',
    'Serail No'). A field found exactly is never taken from a lookalike column."""
    found: dict[Field, tuple[int, str]] = {}
    keys = [header_key(name) for name in header]
    for i, key in enumerate(keys):
        f = _LOOKUP.get(key)
        if f is not None and f not in found:
            found[f] = (i, f"header {header[i]!r} is a known name for {f.value}")
    taken = {i for i, _ in found.values()}
    for i, key in enumerate(keys):
        if i in taken or key in _LOOKUP:
            continue
        guess = _resemblance(key)
        if guess is not None and guess[0] not in found:
            found[guess[0]] = (i, f"header {header[i]!r} {guess[1]}")
            taken.add(i)
    return found


def _resemblance(key: str) -> tuple[Field, str] | None:
    words = [w for w in key.split() if w not in QUALIFIERS]
    bare = " ".join(words)
    if words and bare != key and bare in _LOOKUP:
        return _LOOKUP[bare], f"is {bare!r} with a qualifier"
    if len(bare) < _MIN_FUZZY:
        return None
    best = process.extractOne(bare, _LONG_NAMES, scorer=distance.OSA.distance, score_cutoff=1)
    if best is None:
        return None
    name = best[0]
    return _LOOKUP[name], f"{SLIP} {name!r} (one letter differs)"


_LONG_NAMES = [k for k in _LOOKUP if len(k) >= _MIN_FUZZY]


def map_columns(header: list[str], overrides: dict[Field, str], where: str) -> ColumnMap:
    """Map fields to columns: `--map` overrides first, then known header names.

    Raises InputError when an override names a missing column, or when no column could say
    who made an item.
    """
    fields: dict[Field, int] = {}
    reasons: dict[Field, str] = {}
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    for f, column in overrides.items():
        index = by_key.get(header_key(column))
        if index is None:
            raise InputError(
                f"--map {f.value}={column}: no column {column!r}; the columns are "
                + _listed(header),
                where,
            )
        fields[f] = index
        reasons[f] = f"--map {f.value}={column}"
    taken = set(fields.values())
    for f, (index, why) in recognise(header).items():
        if f not in fields and index not in taken:
            fields[f] = index
            taken.add(index)
            reasons[f] = why
    if not any(f in fields for f in IDENTIFYING):
        raise InputError(
            "no column says who made the items: expected a header such as Make, Manufacturer,"
            " Vendor, Brand, Model, Model No., Part Number, MAC or Description (or use"
            " --map make=COLUMN); found " + _listed(header),
            where,
        )
    return ColumnMap(tuple(header), fields, reasons)


LISTED_COLUMNS = 20
LISTED_CHARS = 40
"""An error names at most 20 columns of 40 characters each: a binary file read as text can
have thousands of "columns" tens of kilobytes long, and the error must stay one line."""


def _listed(header: list[str]) -> str:
    shown = ", ".join(
        repr(h if len(h) <= LISTED_CHARS else h[: LISTED_CHARS - 1] + "…")
        for h in header[:LISTED_COLUMNS]
    )
    more = len(header) - LISTED_COLUMNS
    return shown + (f" and {more:,} more" if more > 0 else "")
