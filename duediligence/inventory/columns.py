"""Which column holds the make, the model, the MAC...: header synonyms and `--map` overrides."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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

    def explain(self) -> list[str]:
        return [
            f"{f.value} <- column {self.header[i]!r}: {self.reasons[f]}"
            for f, i in sorted(self.fields.items(), key=lambda kv: kv[1])
        ]


def unique_headers(raw: list[str]) -> tuple[list[str], list[str]]:
    """Headers made unique and non-empty, so every cell keeps a name; plus warnings."""
    out: list[str] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(raw):
        name = name.strip() or f"Column {i + 1}"
        if name in seen:
            seen[name] += 1
            new = f"{name} ({seen[name]})"
            warnings.append(f"duplicate header {name!r} in column {i + 1}: kept as {new!r}")
            name = new
        else:
            seen[name] = 1
        out.append(name)
    return out, warnings


def recognised(header: list[str]) -> dict[Field, int]:
    """Fields whose synonyms appear in this header row (first column wins per field)."""
    found: dict[Field, int] = {}
    for i, name in enumerate(header):
        f = _LOOKUP.get(header_key(name))
        if f is not None and f not in found:
            found[f] = i
    return found


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
                + ", ".join(repr(h) for h in header),
                where,
            )
        fields[f] = index
        reasons[f] = f"--map {f.value}={column}"
    taken = set(fields.values())
    for f, index in recognised(header).items():
        if f not in fields and index not in taken:
            fields[f] = index
            taken.add(index)
            reasons[f] = f"header {header[index]!r} is a known name for {f.value}"
    if not any(f in fields for f in IDENTIFYING):
        raise InputError(
            "no column says who made the items: expected a header such as Make, Manufacturer,"
            " Vendor, Brand, Model, Model No., Part Number, MAC or Description (or use"
            " --map make=COLUMN); found " + ", ".join(repr(h) for h in header),
            where,
        )
    return ColumnMap(tuple(header), fields, reasons)
