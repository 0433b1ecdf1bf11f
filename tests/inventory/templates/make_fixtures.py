"""Write the register-template fixtures in this folder from one table of devices.

Each fixture is a register as its tool exports it (column lists cited in SOURCES.md), holding
the same devices: covered equipment (Hikvision, Dahua, Huawei, ZTE, Hytera, Ezviz) and other
makers' (Axis, Bosch, Hanwha, Cisco, Dell, HP), with real model numbers and real OUIs from
netaddr's IEEE registry. The workbooks are binary, so this script is the source of truth for
them; a test checks the committed files still hold what it writes.

Run: python tests/inventory/templates/make_fixtures.py
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

# id, make, model, MAC (real OUI), serial, purchased, description, covered
DEVICES: tuple[tuple[str, str, str, str, str, str, str, bool], ...] = (
    ("CAM-0001", "Hikvision", "DS-2CD2143G2-I", "44:19:B6:3A:10:01", "E12345678", "2021-03-04",
     "4MP dome, lobby", True),
    ("CAM-0002", "Dahua", "IPC-HDBW2241R-ZAS", "3C:EF:8C:12:34:56", "7H0A1B2C", "2020-09-15",
     "Car park dome", True),
    ("NET-0003", "Huawei", "S5735-L24T4X-A1", "00:E0:FC:45:67:89", "2102353AAA", "2022-01-10",
     "Access switch, floor 2", True),
    ("NET-0004", "ZTE", "ZXA10-C300", "00:1E:73:AB:CD:01", "ZTE0001C300", "2019-06-01",
     "OLT, comms room", True),
    ("RAD-0005", "Hytera", "PD785G", "", "PD7850001", "2021-11-30", "Security team radio", True),
    ("CAM-0006", "Ezviz", "C6N", "", "F0001234", "2023-02-14", "Reception indoor camera", True),
    ("CAM-0007", "AXIS", "M2025-LE", "AC:CC:8E:01:02:03", "ACCC8E010203", "2022-05-05",
     "Bullet, loading bay", False),
    ("CAM-0008", "Bosch", "MIC-7504-Z12BR", "", "044012345678", "2021-07-19",
     "PTZ, perimeter", False),
    ("CAM-0009", "Hanwha", "ANE-L6012R", "E4:30:22:0A:0B:0C", "ZN4K1234", "2023-08-08",
     "Corridor dome", False),
    ("NET-0010", "Cisco", "C9300-48P", "00:1B:54:11:22:33", "FOC2233X0AB", "2022-03-03",
     "Core switch", False),
    ("SRV-0011", "Dell", "PowerEdge R740", "", "5XK2M33", "2020-02-20", "VMS recording server",
     False),
    ("SRV-0012", "HP", "ProLiant DL380 Gen10", "", "CZJ0123ABC", "2019-12-12",
     "Access control server", False),
)  # fmt: skip


def _csv(name: str, rows: list[dict[str, str]]) -> None:
    """One record per row, the keys of the first as the header, in the export's order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (HERE / name).write_bytes(out.getvalue().encode("utf-8"))


def kind(asset_id: str) -> str:
    return "Cameras" if asset_id.startswith("CAM") else "Network"


def snipeit() -> None:
    rows = [
        {
            "Asset Tag": i,
            "Asset Name": d.lower(),
            "Manufacturer": make,
            "Model": model,
            "Model No.": "",
            "Category": kind(i),
            "Serial": serial,
            "Status": "Deployed",
            "Purchase Date": bought,
            "Supplier": "Northgate Security Ltd",
            "Location": "HQ",
            "MAC Address": mac,
            "Notes": d,
        }
        for i, make, model, mac, serial, bought, d, _ in DEVICES
    ]
    _csv("snipeit-assets.csv", rows)


def netbox_csv() -> None:
    rows = [
        {
            "ID": str(n),
            "Name": f"hq-{i.lower()}",
            "Status": "Active",
            "Tenant": "",
            "Site": "HQ",
            "Location": "Building A",
            "Rack": "",
            "Role": "Camera",
            "Manufacturer": make,
            "Type": model,
            "Platform": "",
            "Serial number": serial,
            "Asset tag": i,
            "IP Address": f"10.20.0.{n}/24",
            "Description": d,
        }
        for n, (i, make, model, _mac, serial, _b, d, _) in enumerate(DEVICES, 1)
    ]
    _csv("netbox-devices.csv", rows)


def netbox_json() -> None:
    results = [
        {
            "id": n,
            "url": f"https://netbox.example.org/api/dcim/devices/{n}/",
            "display": f"hq-{i.lower()}",
            "name": f"hq-{i.lower()}",
            "device_type": {
                "id": 40 + n,
                "url": f"https://netbox.example.org/api/dcim/device-types/{40 + n}/",
                "display": model,
                "manufacturer": {"id": n, "display": make, "name": make, "slug": make.lower()},
                "model": model,
                "slug": model.lower(),
            },
            "role": {"id": 1, "display": "Camera", "name": "Camera", "slug": "camera"},
            "tenant": None,
            "platform": None,
            "serial": serial,
            "asset_tag": i,
            "site": {"id": 1, "display": "HQ", "name": "HQ", "slug": "hq"},
            "status": {"value": "active", "label": "Active"},
            "primary_ip4": {"id": n, "address": f"10.20.0.{n}/24"},
            "description": d,
            "custom_fields": {},
        }
        for n, (i, make, model, _mac, serial, _b, d, _) in enumerate(DEVICES, 1)
    ]
    doc = {"count": len(results), "next": None, "previous": None, "results": results}
    (HERE / "netbox-devices.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")


def servicenow() -> None:
    rows = [
        {
            "name": f"hq-{i.lower()}",
            "asset_tag": i,
            "manufacturer": make,
            "model_id": f"{make} {model}",
            "serial_number": serial,
            "mac_address": mac,
            "ip_address": f"10.20.0.{n}",
            "short_description": d,
            "purchase_date": bought,
            "install_status": "Installed",
            "location": "HQ",
            "sys_class_name": "cmdb_ci_ip_camera" if kind(i) == "Cameras" else "cmdb_ci_netgear",
        }
        for n, (i, make, model, mac, serial, bought, d, _) in enumerate(DEVICES, 1)
    ]
    _csv("servicenow-cmdb_ci.csv", rows)


# Intune holds phones and laptops: its own devices, with real model codes and OUIs.
PHONES = (
    ("MOB-0001", "HUAWEI", "VOG-L29", "34:0A:98:00:11:22", "Android", "10"),
    ("MOB-0002", "HUAWEI", "ELS-NX9", "00:E0:FC:10:20:30", "Android", "10"),
    ("MOB-0003", "ZTE", "Blade A71", "00:1E:73:01:02:03", "Android", "11"),
    ("MOB-0004", "Apple", "iPhone 14", "F0:18:98:AA:BB:CC", "iOS", "17.5"),
    ("MOB-0005", "samsung", "SM-G991B", "00:16:6C:01:02:03", "Android", "14"),
    ("LAP-0006", "Dell Inc.", "Latitude 7420", "", "Windows", "10.0.22631"),
)


def intune() -> None:
    rows = [
        {
            "Device ID": f"0f{n:06d}-3c1a-4b9e-9d2f-00000000000{n}",
            "Device name": i,
            "Enrollment date": "2024-01-08 09:12:00",
            "Last check-in": "2026-11-20 07:45:00",
            "OS": os,
            "OS version": version,
            "Serial number": f"SN{n:08d}",
            "Manufacturer": make,
            "Model": model,
            "Wi-Fi MAC": mac.replace(":", ""),
            "Ownership": "Corporate",
            "Compliance": "Compliant",
            "Managed by": "Intune",
            "Primary user UPN": f"user{n}@example.org",
        }
        for n, (i, make, model, mac, os, version) in enumerate(PHONES, 1)
    ]
    _csv("intune-devices.csv", rows)


# The IEEE registrant of each OUI used (netaddr's registry), as scanners print it.
REGISTRANT = {
    "44:19:B6": "Hangzhou Hikvision Digital Technology Co.,Ltd.",
    "3C:EF:8C": "Zhejiang Dahua Technology Co., Ltd.",
    "00:E0:FC": "HUAWEI TECHNOLOGIES CO.,LTD",
    "00:1E:73": "zte corporation",
    "AC:CC:8E": "Axis Communications AB",
    "E4:30:22": "Hanwha Techwin Security Vietnam",
    "00:1B:54": "Cisco Systems, Inc",
}


def runzero() -> None:
    rows = [
        {
            "id": f"7c1e{n:04d}-5d2b-4c31-a0f0-1b2c3d4e5f60",
            "addresses": f"10.20.0.{n}",
            "names": f"hq-{i.lower()}",
            "type": "IP Camera" if kind(i) == "Cameras" else "Network Device",
            "os": "",
            "hw": f"{make} {model}",
            "macs": mac.lower(),
            "mac_vendors": REGISTRANT.get(mac[:8], ""),
            "first_seen": "2026-01-05 10:00:00",
            "last_seen": "2026-11-20 08:00:00",
            "site_name": "Primary",
            "comments": d,
        }
        for n, (i, make, model, mac, _s, _b, d, _) in enumerate(DEVICES, 1)
    ]
    _csv("runzero-assets.csv", rows)


def nmap() -> None:
    vendor = {
        "44:19:B6": "Hangzhou Hikvision Digital Technology",
        "3C:EF:8C": "Zhejiang Dahua Technology",
        "00:E0:FC": "Huawei Technologies",
        "00:1E:73": "ZTE",
        "AC:CC:8E": "Axis Communications AB",
        "E4:30:22": "Hanwha Techwin Security Vietnam",
        "00:1B:54": "Cisco Systems",
    }
    hosts = []
    for n, (i, _make, _model, mac, *_rest) in enumerate(DEVICES, 1):
        if not mac:
            continue
        hosts.append(
            f'<host starttime="1763625600" endtime="1763625660"><status state="up" '
            f'reason="arp-response" reason_ttl="0"/>\n'
            f'<address addr="10.20.0.{n}" addrtype="ipv4"/>\n'
            f'<address addr="{mac}" addrtype="mac" vendor="{vendor[mac[:8]]}"/>\n'
            f'<hostnames><hostname name="hq-{i.lower()}.example.org" type="PTR"/></hostnames>\n'
            f'<ports><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" '
            f'reason_ttl="64"/><service name="http" method="table" conf="3"/></port></ports>\n'
            "</host>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n'
        '<nmaprun scanner="nmap" args="nmap -sn -oX nmap-scan.xml 10.20.0.0/24" '
        'start="1763625600" startstr="Thu Nov 20 08:00:00 2026" version="7.94" '
        'xmloutputversion="1.05">\n'
        '<verbose level="0"/>\n<debugging level="0"/>\n'
        + "\n".join(hosts)
        + '\n<runstats><finished time="1763625660" timestr="Thu Nov 20 08:01:00 2026" '
        'elapsed="60.00" summary="Nmap done" exit="success"/>'
        f'<hosts up="{len(hosts)}" down="{256 - len(hosts)}" total="256"/></runstats>\n'
        "</nmaprun>\n"
    )
    (HERE / "nmap-scan.xml").write_text(xml, encoding="utf-8")


def arp_scan() -> None:
    # arp-scan prints the registrant from its own copy of the IEEE list; an older copy than
    # Hanwha's 2019 block prints "(Unknown)", as real scans do.
    vendor = {**REGISTRANT, "E4:30:22": "(Unknown)"}
    lines = [
        "Interface: eth0, type: EN10MB, MAC: 02:42:ac:11:00:02, IPv4: 10.20.0.250",
        "Starting arp-scan 1.10.0 with 256 hosts (https://github.com/royhills/arp-scan)",
    ]
    up = 0
    for n, (_i, _make, _model, mac, *_rest) in enumerate(DEVICES, 1):
        if mac:
            up += 1
            lines.append(f"10.20.0.{n}\t{mac.lower()}\t{vendor[mac[:8]]}")
    lines += [
        "",
        f"{up + 510} packets received by filter, 0 packets dropped by kernel",
        f"Ending arp-scan 1.10.0: 256 hosts scanned in 1.958 seconds (130.75 hosts/sec). "
        f"{up} responded",
    ]
    (HERE / "arp-scan.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


FEDRAMP_HEADER = [
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
]


def fedramp() -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Inventory"
    sheet.append(
        [None, "OS/Infrastructure Inventories"]
        + [None] * 13
        + ["Software and Database Inventories"]
        + [None] * 3
        + ["Any Inventory"]
    )
    sheet.append(["Column A: notes"] + FEDRAMP_HEADER)
    sheet.append(
        ["Guidance"]
        + ["Must be unique within the inventory", "If available"]
        + [None] * 10
        + ["Name of the hardware manufacturer and model"]
    )
    for n, (i, make, model, mac, serial, _b, d, _) in enumerate(DEVICES, 1):
        cells = dict.fromkeys(FEDRAMP_HEADER)
        cells |= {
            "UNIQUE ASSET IDENTIFIER": i,
            "IPv4 or IPv6\nAddress": f"10.20.0.{n}",
            "Virtual": "No",
            "Public": "No",
            "DNS Name or URL": f"hq-{i.lower()}.example.org",
            "MAC Address": mac or None,
            "Authenticated Scan": "No",
            "Location": "HQ, Building A",
            "Asset Type": "Physical Device",
            "Hardware Make/Model": f"{make} {model}",
            "In Latest Scan": "Yes",
            "Comments": d,
            "Serial #/Asset Tag#": serial,
            "Function": d,
        }
        sheet.append([None, *cells.values()])
    return book


def lansweeper() -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Assets"
    sheet.append(
        [
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
        ]
    )
    for n, (i, make, model, mac, serial, bought, d, _) in enumerate(DEVICES, 1):
        sheet.append(
            [
                f"HQ-{i}",
                "Camera" if i.startswith("CAM") else "Network device",
                f"10.20.0.{n}",
                mac.replace(":", "") or None,
                make,
                model,
                serial,
                d,
                "HQ",
                datetime.fromisoformat(bought),
                "2026-11-20 08:00:00",
            ]
        )
    return book


WORKBOOKS = {"fedramp-inventory.xlsx": fedramp, "lansweeper-assets.xlsx": lansweeper}


def main() -> None:
    snipeit()
    netbox_csv()
    netbox_json()
    servicenow()
    intune()
    runzero()
    nmap()
    arp_scan()
    for name, make in WORKBOOKS.items():
        make().save(HERE / name)


if __name__ == "__main__":
    main()
