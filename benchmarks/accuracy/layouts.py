"""The labelled corpus written out as registers are really kept: one file per layout.

Each layout is a register format people export (FedRAMP Integrated Inventory Workbook,
Snipe-IT, NetBox CSV and REST API JSON, ServiceNow, Lansweeper, Intune, runZero; column
lists cited in tests/inventory/templates/SOURCES.md) or a register written in another
language and legacy encoding (German cp1252 with semicolons, Chinese GBK, Japanese
Shift-JIS, Spanish, Portuguese, French cp1252). Every file is made from the same rows of
corpus.csv, deterministically, so a layout's score says how well the reader understands
that layout, not which rows it was given.

A row goes into a layout only when the layout has a place for each of its signals (a
register without an FCC ID column cannot carry an FCC ID row) and its text can be written
in the layout's encoding; `Layout.carries` says which. Each row keeps its corpus Asset ID
in the layout's own identifier column, so findings are matched back to labels by that id,
never by position.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import netaddr
from openpyxl import Workbook

Row = dict[str, str]
Getter = Callable[[Row], object]
SIGNALS = ("Make", "Model", "MAC Address", "FCC ID", "Description", "Purchase Date")


def combined(row: Row) -> str:
    """Make and model in one cell, as 'Hardware Make/Model' and runZero's `hw` hold them."""
    return " ".join(v for v in (row["Make"], row["Model"]) if v)


def day_first(text: str, sep: str) -> str:
    return date.fromisoformat(text).strftime(f"%d{sep}%m{sep}%Y") if text else ""


def year_first(text: str, sep: str) -> str:
    return date.fromisoformat(text).strftime(f"%Y{sep}%m{sep}%d") if text else ""


def mac_vendor(mac: str) -> str:
    """What runZero prints beside a MAC: the IEEE registrant of its OUI, or nothing."""
    if not mac:
        return ""
    try:
        return str(netaddr.EUI(mac).oui.registration().org)
    except (netaddr.AddrFormatError, netaddr.NotRegisteredError, IndexError):
        return ""


@dataclass(frozen=True)
class Layout:
    """A register format: its file name, the corpus fields it has a place for, its encoding,
    and how one corpus row becomes one of its records."""

    name: str
    filename: str
    carries: frozenset[str]
    columns: tuple[tuple[str, Getter], ...]
    encoding: str = "utf-8"
    delimiter: str = ","
    above: tuple[str, ...] = ()
    """A title row above the header (workbooks only), as the template has it."""
    below: tuple[str, ...] = ()
    """A guidance row between the header and the data (workbooks only)."""
    indent: int = 0
    """Empty columns left of the table (the FedRAMP workbook keeps notes in column A)."""

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def record(self, row: Row) -> list[object]:
        return [get(row) for _, get in self.columns]

    def accepts(self, row: Row) -> bool:
        if any(row[s] and s not in self.carries for s in SIGNALS):
            return False
        try:
            "".join(str(v) for v in self.record(row)).encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    def write(self, rows: list[Row], folder: Path) -> Path:
        path = folder / self.filename
        kept = [r for r in rows if self.accepts(r)]
        WRITERS[path.suffix](self, kept, path)
        return path


def _csv(layout: Layout, rows: list[Row], path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=layout.delimiter, lineterminator="\r\n")
    writer.writerow(layout.header)
    writer.writerows([str(v) for v in layout.record(r)] for r in rows)
    path.write_bytes(out.getvalue().encode(layout.encoding))


def _xlsx(layout: Layout, rows: list[Row], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Inventory"
    pad: list[object] = [None] * layout.indent
    if layout.above:
        sheet.append(list(layout.above))
    sheet.append(pad + list(layout.header))
    if layout.below:
        sheet.append(list(layout.below))
    for r in rows:
        sheet.append(pad + [v if v != "" else None for v in layout.record(r)])
    book.save(path)


def _netbox_json(layout: Layout, rows: list[Row], path: Path) -> None:
    results = [
        {
            "id": i + 1,
            "url": f"https://netbox.example.org/api/dcim/devices/{i + 1}/",
            "display": r["Asset ID"],
            "name": r["Asset ID"],
            "device_type": {
                "id": 100 + i,
                "display": r["Model"],
                "manufacturer": {"id": 7, "name": r["Make"], "slug": r["Make"].lower()},
                "model": r["Model"],
            },
            "role": {"id": 3, "name": "Camera", "slug": "camera"},
            "serial": "",
            "asset_tag": None,
            "site": {"id": 1, "name": "HQ", "slug": "hq"},
            "status": {"value": "active", "label": "Active"},
            "description": r["Description"],
        }
        for i, r in enumerate(rows)
    ]
    doc = {"count": len(results), "next": None, "previous": None, "results": results}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


WRITERS: dict[str, Callable[[Layout, list[Row], Path], None]] = {
    ".csv": _csv,
    ".xlsx": _xlsx,
    ".json": _netbox_json,
}


def field(name: str) -> Getter:
    """The corpus value as it is."""
    return lambda r: r[name]


def fixed(value: str) -> Getter:
    """The same value on every row (a status, a site): what the template would hold."""
    return lambda r: value


def date_cell(r: Row) -> object:
    return date.fromisoformat(r["Purchase Date"]) if r["Purchase Date"] else ""


ID, MAKE, MODEL, MAC = field("Asset ID"), field("Make"), field("Model"), field("MAC Address")
FCC, TEXT, BOUGHT = field("FCC ID"), field("Description"), field("Purchase Date")
EVERY = frozenset(SIGNALS)
NO_DATE_OR_FCC = frozenset({"Make", "Model", "MAC Address", "Description"})


def local(
    name: str,
    filename: str,
    headers: tuple[str, ...],
    bought: Getter,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Layout:
    """A register typed by hand in another language: the seven corpus columns, renamed."""
    getters = (ID, MAKE, MODEL, MAC, FCC, TEXT, bought)
    columns = tuple(zip(headers, getters, strict=True))
    return Layout(name, filename, EVERY, columns, encoding=encoding, delimiter=delimiter)


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "fedramp",
        "fedramp-inventory.xlsx",
        NO_DATE_OR_FCC,
        (
            ("UNIQUE ASSET IDENTIFIER", ID),
            ("IPv4 or IPv6\nAddress", fixed("")),
            ("Virtual", fixed("No")),
            ("Public", fixed("No")),
            ("DNS Name or URL", fixed("")),
            ("NetBIOS Name", fixed("")),
            ("MAC Address", MAC),
            ("Authenticated Scan", fixed("No")),
            ("Baseline Configuration Name", fixed("")),
            ("OS Name and Version", fixed("")),
            ("Location", fixed("HQ")),
            ("Asset Type", fixed("Physical Device")),
            ("Hardware Make/Model", combined),
            ("In Latest Scan", fixed("Yes")),
            ("Software/ Database Vendor", fixed("")),
            ("Software/ Database Name & Version", fixed("")),
            ("Patch Level", fixed("")),
            ("Diagram Label", fixed("")),
            ("Comments", TEXT),
            ("Serial #/Asset Tag#", fixed("")),
            ("VLAN/\nNetwork ID", fixed("")),
            ("System Administrator/ Owner", fixed("")),
            ("Application Administrator/ Owner", fixed("")),
            ("Function", fixed("")),
            ("End-of-Life ", fixed("")),
        ),
        above=("", "OS/Infrastructure Inventories"),
        below=("Guidance", "Must be unique within the inventory"),
        indent=1,
    ),
    Layout(
        "snipe-it",
        "snipeit-assets.csv",
        EVERY - {"FCC ID"},
        (
            ("Asset Tag", ID),
            ("Asset Name", fixed("")),
            ("Manufacturer", MAKE),
            ("Model", MODEL),
            ("Model No.", fixed("")),
            ("Category", fixed("Cameras")),
            ("Serial", fixed("")),
            ("Status", fixed("Ready to Deploy")),
            ("Purchase Date", BOUGHT),
            ("Supplier", fixed("")),
            ("Location", fixed("HQ")),
            ("MAC Address", MAC),
            ("Notes", TEXT),
        ),
    ),
    Layout(
        "netbox-csv",
        "netbox-devices.csv",
        frozenset({"Make", "Model", "Description"}),
        (
            ("ID", lambda r: str(int(r["Asset ID"][4:]))),
            ("Name", ID),
            ("Status", fixed("Active")),
            ("Tenant", fixed("")),
            ("Site", fixed("HQ")),
            ("Location", fixed("")),
            ("Rack", fixed("")),
            ("Role", fixed("Camera")),
            ("Manufacturer", MAKE),
            ("Type", MODEL),
            ("Platform", fixed("")),
            ("Serial number", fixed("")),
            ("Asset tag", fixed("")),
            ("IP Address", fixed("")),
            ("Description", TEXT),
        ),
    ),
    Layout(
        "netbox-json",
        "netbox-devices.json",
        frozenset({"Make", "Model", "Description"}),
        (("name", ID), ("manufacturer", MAKE), ("model", MODEL), ("description", TEXT)),
    ),
    Layout(
        "servicenow",
        "cmdb_ci_ip_camera.csv",
        EVERY - {"FCC ID"},
        (
            ("name", lambda r: r["Asset ID"].lower()),
            ("asset_tag", ID),
            ("manufacturer", MAKE),
            ("model_id", combined),
            ("serial_number", fixed("")),
            ("mac_address", MAC),
            ("ip_address", fixed("")),
            ("short_description", TEXT),
            ("purchase_date", BOUGHT),
            ("install_status", fixed("Installed")),
            ("location", fixed("HQ")),
            ("sys_class_name", fixed("cmdb_ci_ip_camera")),
        ),
    ),
    Layout(
        "lansweeper",
        "lansweeper-assets.xlsx",
        EVERY - {"FCC ID"},
        (
            ("AssetName", ID),
            ("AssetType", fixed("IP Camera")),
            ("IPAddress", fixed("")),
            ("Mac", MAC),
            ("Manufacturer", MAKE),
            ("Model", MODEL),
            ("Serialnumber", fixed("")),
            ("Description", TEXT),
            ("Location", fixed("HQ")),
            ("PurchaseDate", date_cell),
            ("Lastseen", fixed("2026-11-20 08:00:00")),
        ),
    ),
    Layout(
        "intune",
        "intune-devices.csv",
        frozenset({"Make", "Model", "MAC Address"}),
        (
            ("Device ID", lambda r: f"0000{r['Asset ID'][4:]}-0000-4000-8000-000000000000"),
            ("Device name", ID),
            ("Enrollment date", fixed("2026-01-05 09:00:00")),
            ("Last check-in", fixed("2026-11-20 08:00:00")),
            ("OS", fixed("Android")),
            ("OS version", fixed("13")),
            ("Serial number", fixed("")),
            ("Manufacturer", MAKE),
            ("Model", MODEL),
            ("Wi-Fi MAC", lambda r: r["MAC Address"].replace(":", "").replace("-", "")),
            ("Ownership", fixed("Corporate")),
            ("Compliance", fixed("Compliant")),
            ("Managed by", fixed("Intune")),
            ("Primary user UPN", fixed("user@example.org")),
        ),
    ),
    Layout(
        "runzero",
        "runzero-assets.csv",
        NO_DATE_OR_FCC,
        (
            ("id", lambda r: f"00000000-0000-4000-8000-0000000{r['Asset ID'][4:]}"),
            ("addresses", fixed("")),
            ("names", ID),
            ("type", fixed("IP Camera")),
            ("os", fixed("")),
            ("hw", combined),
            ("macs", lambda r: r["MAC Address"].lower()),
            ("mac_vendors", lambda r: mac_vendor(r["MAC Address"])),
            ("first_seen", fixed("2026-01-05")),
            ("last_seen", fixed("2026-11-20")),
            ("site_name", fixed("Primary")),
            ("comments", TEXT),
        ),
    ),
    local(
        "german-cp1252",
        "inventar.csv",
        (
            "Inventarnummer",
            "Hersteller",
            "Modell",
            "MAC-Adresse",
            "FCC-ID",
            "Beschreibung",
            "Anschaffungsdatum",
        ),
        lambda r: day_first(r["Purchase Date"], "."),
        encoding="cp1252",
        delimiter=";",
    ),  # fmt: skip
    local(
        "chinese-gbk",
        "资产清单.csv",
        ("资产编号", "制造商", "型号", "MAC地址", "FCC ID", "备注", "购买日期"),
        lambda r: year_first(r["Purchase Date"], "/"),
        encoding="gbk",
    ),
    local(
        "japanese-shift-jis",
        "資産台帳.csv",
        ("資産番号", "メーカー", "型番", "MACアドレス", "FCC ID", "備考", "購入日"),
        lambda r: year_first(r["Purchase Date"], "/"),
        encoding="shift_jis",
    ),
    local(
        "spanish",
        "inventario.csv",
        (
            "Nº de activo",
            "Fabricante",
            "Modelo",
            "Dirección MAC",
            "ID FCC",
            "Descripción",
            "Fecha de compra",
        ),
        lambda r: day_first(r["Purchase Date"], "/"),
    ),  # fmt: skip
    local(
        "portuguese",
        "inventario-pt.csv",
        (
            "Número do ativo",
            "Fabricante",
            "Modelo",
            "Endereço MAC",
            "ID FCC",
            "Descrição",
            "Data de aquisição",
        ),
        lambda r: day_first(r["Purchase Date"], "/"),
        delimiter=";",
    ),  # fmt: skip
    local(
        "french-cp1252",
        "inventaire.csv",
        (
            "N° d'inventaire",
            "Fabricant",
            "Modèle",
            "Adresse MAC",
            "Identifiant FCC",
            "Désignation",
            "Date d'achat",
        ),
        lambda r: day_first(r["Purchase Date"], "/"),
        encoding="cp1252",
        delimiter=";",
    ),  # fmt: skip
)
