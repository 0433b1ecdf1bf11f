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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import netaddr
from openpyxl import Workbook

Row = dict[str, str]
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
    header: tuple[str, ...]
    record: Callable[[Row], Sequence[object]]
    encoding: str = "utf-8"
    delimiter: str = ","

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
    for line in PREAMBLE.get(layout.name, ()):
        sheet.append(list(line))
    offset = 1 if layout.name == "fedramp" else 0  # column A holds the template's row notes
    sheet.append([None] * offset + list(layout.header))
    for r in rows:
        sheet.append([None] * offset + [v if v != "" else None for v in layout.record(r)])
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

FEDRAMP_HEADER = (
    "UNIQUE ASSET IDENTIFIER",
    "IPv4 or IPv6\nAddress",
    "Virtual",
    "Public",
    "DNS Name or URL",
    "NetBIOS Name",
    "MAC Address",
    "Authenticated Scan",
    "Baseline Configuration Name",
    "OS Name and Version",
    "Location",
    "Asset Type",
    "Hardware Make/Model",
    "In Latest Scan",
    "Software/ Database Vendor",
    "Software/ Database Name & Version",
    "Patch Level",
    "Diagram Label",
    "Comments",
    "Serial #/Asset Tag#",
    "VLAN/\nNetwork ID",
    "System Administrator/ Owner",
    "Application Administrator/ Owner",
    "Function",
    "End-of-Life ",
)
PREAMBLE: dict[str, tuple[tuple[str | None, ...], ...]] = {
    "fedramp": (
        ("", "OS/Infrastructure Inventories"),
        ("", "FedRAMP Integrated Inventory Workbook: delete rows 3-11 and column A before use"),
    ),
}


def _fedramp(r: Row) -> tuple[str, ...]:
    cells = dict.fromkeys(FEDRAMP_HEADER, "")
    cells |= {
        "UNIQUE ASSET IDENTIFIER": r["Asset ID"],
        "Virtual": "No",
        "Public": "No",
        "MAC Address": r["MAC Address"],
        "Asset Type": "Physical Device",
        "Hardware Make/Model": combined(r),
        "In Latest Scan": "Yes",
        "Comments": r["Description"],
    }
    return tuple(cells.values())


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "fedramp",
        "fedramp-inventory.xlsx",
        frozenset({"Make", "Model", "MAC Address", "Description"}),
        FEDRAMP_HEADER,
        _fedramp,
    ),
    Layout(
        "snipe-it",
        "snipeit-assets.csv",
        frozenset({"Make", "Model", "MAC Address", "Description", "Purchase Date"}),
        (
            "Asset Tag",
            "Asset Name",
            "Manufacturer",
            "Model",
            "Model No.",
            "Category",
            "Serial",
            "Status",
            "Purchase Date",
            "Supplier",
            "Location",
            "MAC Address",
            "Notes",
        ),
        lambda r: (
            r["Asset ID"],
            "",
            r["Make"],
            r["Model"],
            "",
            "Cameras",
            "",
            "Ready to Deploy",
            r["Purchase Date"],
            "",
            "HQ",
            r["MAC Address"],
            r["Description"],
        ),
    ),  # fmt: skip
    Layout(
        "netbox-csv",
        "netbox-devices.csv",
        frozenset({"Make", "Model", "Description"}),
        (
            "ID",
            "Name",
            "Status",
            "Tenant",
            "Site",
            "Location",
            "Rack",
            "Role",
            "Manufacturer",
            "Type",
            "Platform",
            "Serial number",
            "Asset tag",
            "IP Address",
            "Description",
        ),
        lambda r: (
            int(r["Asset ID"][4:]),
            r["Asset ID"],
            "Active",
            "",
            "HQ",
            "",
            "",
            "Camera",
            r["Make"],
            r["Model"],
            "",
            "",
            "",
            "",
            r["Description"],
        ),
    ),  # fmt: skip
    Layout(
        "netbox-json",
        "netbox-devices.json",
        frozenset({"Make", "Model", "Description"}),
        (),
        lambda r: (r["Asset ID"], r["Make"], r["Model"], r["Description"]),
    ),
    Layout(
        "servicenow",
        "cmdb_ci_ip_camera.csv",
        frozenset({"Make", "Model", "MAC Address", "Description", "Purchase Date"}),
        (
            "name",
            "asset_tag",
            "manufacturer",
            "model_id",
            "serial_number",
            "mac_address",
            "ip_address",
            "short_description",
            "purchase_date",
            "install_status",
            "location",
            "sys_class_name",
        ),
        lambda r: (
            r["Asset ID"].lower(),
            r["Asset ID"],
            r["Make"],
            combined(r),
            "",
            r["MAC Address"],
            "",
            r["Description"],
            r["Purchase Date"],
            "Installed",
            "HQ",
            "cmdb_ci_ip_camera",
        ),
    ),  # fmt: skip
    Layout(
        "lansweeper",
        "lansweeper-assets.xlsx",
        frozenset({"Make", "Model", "MAC Address", "Description", "Purchase Date"}),
        (
            "AssetName",
            "AssetType",
            "IPAddress",
            "Mac",
            "Manufacturer",
            "Model",
            "Serialnumber",
            "Description",
            "Location",
            "PurchaseDate",
            "Lastseen",
        ),
        lambda r: (
            r["Asset ID"],
            "IP Camera",
            "",
            r["MAC Address"],
            r["Make"],
            r["Model"],
            "",
            r["Description"],
            "HQ",
            date.fromisoformat(r["Purchase Date"]) if r["Purchase Date"] else "",
            "2026-11-20 08:00:00",
        ),
    ),  # fmt: skip
    Layout(
        "intune",
        "intune-devices.csv",
        frozenset({"Make", "Model", "MAC Address"}),
        (
            "Device ID",
            "Device name",
            "Enrollment date",
            "Last check-in",
            "OS",
            "OS version",
            "Serial number",
            "Manufacturer",
            "Model",
            "Wi-Fi MAC",
            "Ownership",
            "Compliance",
            "Managed by",
            "Primary user UPN",
        ),
        lambda r: (
            f"0000{r['Asset ID'][4:]}-0000-4000-8000-000000000000",
            r["Asset ID"],
            "2026-01-05 09:00:00",
            "2026-11-20 08:00:00",
            "Android",
            "13",
            "",
            r["Make"],
            r["Model"],
            r["MAC Address"].replace(":", "").replace("-", ""),
            "Corporate",
            "Compliant",
            "Intune",
            "user@example.org",
        ),
    ),  # fmt: skip
    Layout(
        "runzero",
        "runzero-assets.csv",
        frozenset({"Make", "Model", "MAC Address", "Description"}),
        (
            "id",
            "addresses",
            "names",
            "type",
            "os",
            "hw",
            "macs",
            "mac_vendors",
            "first_seen",
            "last_seen",
            "site_name",
            "comments",
        ),
        lambda r: (
            f"00000000-0000-4000-8000-0000000{r['Asset ID'][4:]}",
            "",
            r["Asset ID"],
            "IP Camera",
            "",
            combined(r),
            r["MAC Address"].lower(),
            mac_vendor(r["MAC Address"]),
            "2026-01-05",
            "2026-11-20",
            "Primary",
            r["Description"],
        ),
    ),  # fmt: skip
    Layout(
        "german-cp1252",
        "inventar.csv",
        frozenset(SIGNALS),
        (
            "Inventarnummer",
            "Hersteller",
            "Modell",
            "MAC-Adresse",
            "FCC-ID",
            "Beschreibung",
            "Anschaffungsdatum",
        ),
        lambda r: (
            r["Asset ID"],
            r["Make"],
            r["Model"],
            r["MAC Address"],
            r["FCC ID"],
            r["Description"],
            day_first(r["Purchase Date"], "."),
        ),
        encoding="cp1252",
        delimiter=";",
    ),  # fmt: skip
    Layout(
        "chinese-gbk",
        "资产清单.csv",
        frozenset(SIGNALS),
        ("资产编号", "制造商", "型号", "MAC地址", "FCC ID", "备注", "购买日期"),
        lambda r: (
            r["Asset ID"],
            r["Make"],
            r["Model"],
            r["MAC Address"],
            r["FCC ID"],
            r["Description"],
            year_first(r["Purchase Date"], "/"),
        ),
        encoding="gbk",
    ),  # fmt: skip
    Layout(
        "japanese-shift-jis",
        "資産台帳.csv",
        frozenset(SIGNALS),
        ("資産番号", "メーカー", "型番", "MACアドレス", "FCC ID", "備考", "購入日"),
        lambda r: (
            r["Asset ID"],
            r["Make"],
            r["Model"],
            r["MAC Address"],
            r["FCC ID"],
            r["Description"],
            year_first(r["Purchase Date"], "/"),
        ),
        encoding="shift_jis",
    ),  # fmt: skip
    Layout(
        "spanish",
        "inventario.csv",
        frozenset(SIGNALS),
        (
            "Nº de activo",
            "Fabricante",
            "Modelo",
            "Dirección MAC",
            "ID FCC",
            "Descripción",
            "Fecha de compra",
        ),
        lambda r: (
            r["Asset ID"],
            r["Make"],
            r["Model"],
            r["MAC Address"],
            r["FCC ID"],
            r["Description"],
            day_first(r["Purchase Date"], "/"),
        ),
    ),  # fmt: skip
    Layout(
        "portuguese",
        "inventario-pt.csv",
        frozenset(SIGNALS),
        (
            "Número do ativo",
            "Fabricante",
            "Modelo",
            "Endereço MAC",
            "ID FCC",
            "Descrição",
            "Data de aquisição",
        ),
        lambda r: (
            r["Asset ID"],
            r["Make"],
            r["Model"],
            r["MAC Address"],
            r["FCC ID"],
            r["Description"],
            day_first(r["Purchase Date"], "/"),
        ),
        delimiter=";",
    ),  # fmt: skip
    Layout(
        "french-cp1252",
        "inventaire.csv",
        frozenset(SIGNALS),
        (
            "N° d'inventaire",
            "Fabricant",
            "Modèle",
            "Adresse MAC",
            "Identifiant FCC",
            "Désignation",
            "Date d'achat",
        ),
        lambda r: (
            r["Asset ID"],
            r["Make"],
            r["Model"],
            r["MAC Address"],
            r["FCC ID"],
            r["Description"],
            day_first(r["Purchase Date"], "/"),
        ),
        encoding="cp1252",
        delimiter=";",
    ),  # fmt: skip
)
