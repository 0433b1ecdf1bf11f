"""Which column holds the make, the model, the MAC...: header synonyms, `--map` overrides,
and (roles.py) what the columns hold."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import distance, process

from duediligence.errors import InputError
from duediligence.inventory.content import Profile
from duediligence.inventory.roles import Candidate, Decided, Level, assign
from duediligence.results.assets import Field

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
        "제조업체",
        # NetBox's REST API and CSV export; runZero names the vendor its MAC prefix is
        # registered to.
        "device type manufacturer name",
        "device type manufacturer",
        "mac vendor",
        "mac vendors",
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
        "모델명",
        "型式",
        "设备型号",
        "número de modelo",
        "numero de modelo",
        "número de parte",
        "referencia",
        # NetBox: a device's type is its model ("DS-2CD2143G2-I"); its device list and CSV
        # export head that column "Type" (DeviceTable, netbox/dcim/tables/devices.py).
        "device type",
        "device type model",
        "type",
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
        "mac adres",
        "endereço mac",
        "endereco mac",
        # Intune's device export gives both; runZero's list of MACs.
        "wi fi mac",
        "wifi mac",
        "ethernet mac",
        "macs",
    ),
    Field.FCC_ID: (
        "fcc id",
        "fccid",
        "fcc",
        "fcc identifier",
        "fcc grant",
        # As the FCC label is named in the other languages registers arrive in.
        "id fcc",
        "id de fcc",
        "id de la fcc",
        "id da fcc",
        "identificador fcc",
        "identifiant fcc",
        "fcc kennung",
        "fcc nummer",
        "fcc编号",
        "fcc認証番号",
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
        "资产编码",
        # FedRAMP Integrated Inventory Workbook.
        "unique asset identifier",
        "barcode",
        # nmap and arp-scan name a host by its address; weak (below), so an asset tag wins.
        "ip address",
        "numero de activo",
        "código de activo",
        "codigo de activo",
        "id activo",
        "etiqueta de activo",
        "número do ativo",
        "numero do ativo",
        "código do ativo",
        "codigo do ativo",
        "patrimônio",
        "patrimonio",
        "no patrimônio",
        "no patrimonio",
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
        "serialnumber",
        "serial #/asset tag#",
        "serien nr",
        "seriennr",
        "n de série",
        "matricola",
        "製造番号",
        "시리얼 번호",
        "nro serie",
        "nro de serie",
        "no de serie",
        "n de serie",
        "num serie",
        "numero de serie",
        "número de série",
        "numero de série",
        "no de série",
        "no série",
    ),
    Field.SUPPLIER: (
        "supplier",
        "reseller",
        "distributor",
        "installer",
        "purchased from",
        "contractor",
        "supplier name",
        "installed by",
        "maintainer",
        "maintained by",
        "maintenance contractor",
        "service provider",
        "integrator",
        "systems integrator",
        "lieferant",
        "fournisseur",
        "proveedor",
        "fornitore",
        "leverancier",
        "供应商",
        "仕入先",
        "fornecedor",
        "distribuidor",
        "instalador",
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
        "安装位置",
        "設置場所",
        "localisation",
        "ubicazione",
        "sitio",
        "localização",
        "localizacao",
        "local",
        "edificio",
        "edifício",
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
        # ServiceNow's CMDB list export (`short_description`).
        "short description",
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
        "descrição",
        "descricao",
        "equipo",
        "equipamento",
        "dispositivo",
        # runZero's operating-system fingerprint often names the maker ("Cisco IOS").
        "os",
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
        "purchasedate",
        "fecha compra",
        "fecha de adquisición",
        "fecha de adquisicion",
        "data de compra",
        "data da compra",
        "data de aquisição",
        "data de aquisicao",
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
        "installdate",
        "inbetriebnahme",
        "einbaudatum",
        "date de mise en service",
        "data di installazione",
        "installatiedatum",
        "fecha de instalacion",
        "fecha instalación",
        "fecha instalacion",
        "data de instalação",
        "data de instalacao",
        "data instalação",
        "data instalacao",
        "設置日",
    ),
}

# Headers of one column holding the make and the model together ("Hikvision DS-2CD2143G2-I"):
# the FedRAMP Integrated Inventory Workbook's "Hardware Make/Model", ServiceNow's "Model ID"
# (a reference shown as the model's display name, maker first), runZero's "hw".
COMBINED: tuple[str, ...] = (
    "make model",
    "hardware make model",
    "make and model",
    "make & model",
    "manufacturer model",
    "manufacturer and model",
    "manufacturer & model",
    "brand model",
    "brand and model",
    "vendor model",
    "model id",
    "hw",
    "hersteller modell",
    "hersteller und modell",
    "marque modèle",
    "marque et modèle",
    "marca modelo",
    "marca y modelo",
    "marca e modelo",
    "fabricante modelo",
    "fabricante y modelo",
    "fabricante e modelo",
    "marca e modello",
    "merk model",
    "merk en model",
    "品牌型号",
    "厂商型号",
    "メーカー型番",
)

# Names that say less than they seem: "Device Type" and "Type" are NetBox's model but
# elsewhere a kind of device ("IP camera"); "OS" names a maker only sometimes; "Local" is
# Portuguese for the site; "IP Address" is the only name a network scan gives a host, but a
# register's own asset tag says more. Each is read only when no other column names its field.
WEAK = ("device type", "type", "os", "local", "barcode", "mac vendor", "mac vendors", "ip address")

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


_LOOKUP: dict[str, tuple[Field, ...]] = {
    header_key(name): (f,) for f, names in SYNONYMS.items() for name in names
}
_LOOKUP.update({header_key(name): (Field.MAKE, Field.MODEL) for name in COMBINED})
_WEAK = frozenset(header_key(name) for name in WEAK)


@dataclass(frozen=True)
class ColumnMap:
    """Field -> column index, with the reason for each choice (shown by `columns` and errors).

    One column may hold two fields: 'Hikvision DS-2CD2143G2-I' under 'Make/Model' is both the
    make and the model. `confidence` is how sure the choice is (1 for `--map`); `notes` are
    the warnings the choice raised (a header its values contradict, a choice between columns).
    """

    header: tuple[str, ...]
    fields: dict[Field, int]
    reasons: dict[Field, str]
    confidence: dict[Field, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def guesses(self) -> list[str]:
        """Columns read by resemblance to a known name, and the notes: a person should
        confirm them."""
        return [
            f"column {self.header[i]!r} read as {f.value}: {self.reasons[f]}; if that is wrong,"
            f" use --map {f.value}=COLUMN"
            for f, i in self.fields.items()
            if SLIP in self.reasons[f]
        ] + list(self.notes)

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
    """Field -> (column, why) by header alone: the first candidate naming each field."""
    found: dict[Field, tuple[int, str]] = {}
    for c in candidates(header):
        for f in c.fields:
            found.setdefault(f, (c.column, c.why))
    return found


def candidates(header: list[str]) -> list[Candidate]:
    """Columns whose header names a field, most trusted first: a known name, then a known
    name with a qualifier ('Camera Manufacturer', 'Hardware Make/Model'), then a weak name
    ('Device Type'), then a one-letter slip in a long name ('Manufacturor', 'Serail No').
    A column is offered once, at its most trusted reading; a combined column ('Make/Model')
    after single ones at the same trust, so a column of its own holds the model when there is
    one."""
    keys = [header_key(name) for name in header]
    out: list[Candidate] = []
    for i, key in enumerate(keys):
        fields = _LOOKUP.get(key)
        if fields is not None:
            level = Level.WEAK if key in _WEAK else Level.KNOWN
            out.append(Candidate(i, fields, _known(header[i], fields), level))
            continue
        guess = _resemblance(key)
        if guess is not None:
            out.append(Candidate(i, guess[0], f"header {header[i]!r} {guess[1]}", guess[2]))
    order = (Level.KNOWN, Level.QUALIFIED, Level.WEAK, Level.SLIP)
    return sorted(out, key=lambda c: (order.index(c.level), len(c.fields) > 1, c.column))


def _known(header: str, fields: tuple[Field, ...]) -> str:
    if len(fields) == 1:
        return f"header {header!r} is a known name for {fields[0].value}"
    return f"header {header!r} names the make and the model in one column"


def _resemblance(key: str) -> tuple[tuple[Field, ...], str, Level] | None:
    words = [w for w in key.split() if w not in QUALIFIERS]
    bare = " ".join(words)
    if words and bare != key and bare in _LOOKUP:
        # "Equipment Type" is no surer than "Type": a weak name stays weak when qualified.
        level = Level.WEAK if bare in _WEAK else Level.QUALIFIED
        return _LOOKUP[bare], f"is {bare!r} with a qualifier", level
    if len(bare) < _MIN_FUZZY:
        return None
    best = process.extractOne(bare, _LONG_NAMES, scorer=distance.OSA.distance, score_cutoff=1)
    if best is None:
        return None
    name = best[0]
    return _LOOKUP[name], f"{SLIP} {name!r} (one letter differs)", Level.SLIP


_LONG_NAMES = [k for k in _LOOKUP if len(k) >= _MIN_FUZZY]


def map_columns(
    header: list[str],
    overrides: dict[Field, str],
    where: str,
    profiles: Sequence[Profile] | None = None,
    strict: bool = True,
) -> ColumnMap:
    """Map fields to columns: `--map` overrides first, then header names and, given
    `profiles` (one per column, content.py), what the columns hold (roles.py).

    Raises InputError when an override names a missing column, or, when `strict`, when no
    column could say who made an item (a table read again for a report is not strict: the
    scan that read it had the content evidence).
    """
    decided = Decided(header, {}, {})
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    for f, column in overrides.items():
        index = by_key.get(header_key(column))
        if index is None:
            raise InputError(
                f"--map {f.value}={column}: no column {column!r}; the columns are "
                + _listed(header),
                where,
            )
        decided.take(f, index, f"--map {f.value}={column}", 1.0)
    assign(decided, candidates(header), profiles)
    if strict and not any(f in decided.fields for f in IDENTIFYING):
        raise InputError(
            "no column says who made the items: expected a header such as Make, Manufacturer,"
            " Vendor, Brand, Model, Model No., Part Number, MAC or Description, or a column"
            " of makers, model numbers or MACs (or use --map make=COLUMN); found "
            + _listed(header),
            where,
        )
    return ColumnMap(
        tuple(header), decided.fields, decided.reasons, decided.confidence, tuple(decided.notes)
    )


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
