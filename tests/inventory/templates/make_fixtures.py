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


def _csv(name: str, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    (HERE / name).write_bytes(out.getvalue().encode(encoding))


def snipeit() -> None:
    header = [
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
    ]
    rows = [
        [
            i,
            d.lower(),
            make,
            model,
            "",
            "Cameras" if i.startswith("CAM") else "Network",
            serial,
            "Deployed",
            bought,
            "Northgate Security Ltd",
            "HQ",
            mac,
            d,
        ]
        for i, make, model, mac, serial, bought, d, _ in DEVICES
    ]
    _csv("snipeit-assets.csv", header, rows)


def netbox_csv() -> None:
    header = [
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
    ]
    rows = [
        [
            str(n),
            f"hq-{i.lower()}",
            "Active",
            "",
            "HQ",
            "Building A",
            "",
            "Camera",
            make,
            model,
            "",
            serial,
            i,
            f"10.20.0.{n}/24",
            d,
        ]
        for n, (i, make, model, _mac, serial, _b, d, _) in enumerate(DEVICES, 1)
    ]
    _csv("netbox-devices.csv", header, rows)


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
    header = [
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
    ]
    rows = [
        [
            f"hq-{i.lower()}",
            i,
            make,
            f"{make} {model}",
            serial,
            mac,
            f"10.20.0.{n}",
            d,
            bought,
            "Installed",
            "HQ",
            "cmdb_ci_ip_camera" if i.startswith("CAM") else "cmdb_ci_netgear",
        ]
        for n, (i, make, model, mac, serial, bought, d, _) in enumerate(DEVICES, 1)
    ]
    _csv("servicenow-cmdb_ci.csv", header, rows)


def intune() -> None:
    header = [
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
    ]
    phones = (
        ("MOB-0001", "HUAWEI", "VOG-L29", "34:0A:98:00:11:22", "Android", "10", True),
        ("MOB-0002", "HUAWEI", "ELS-NX9", "00:E0:FC:10:20:30", "Android", "10", True),
        ("MOB-0003", "ZTE", "Blade A71", "00:1E:73:01:02:03", "Android", "11", True),
        ("MOB-0004", "Apple", "iPhone 14", "F0:18:98:AA:BB:CC", "iOS", "17.5", False),
        ("MOB-0005", "samsung", "SM-G991B", "00:16:6C:01:02:03", "Android", "14", False),
        ("LAP-0006", "Dell Inc.", "Latitude 7420", "", "Windows", "10.0.22631", False),
    )
    rows = [
        [
            f"0f{n:06d}-3c1a-4b9e-9d2f-00000000000{n}",
            i,
            "2024-01-08 09:12:00",
            "2026-11-20 07:45:00",
            os,
            ver,
            f"SN{n:08d}",
            make,
            model,
            mac.replace(":", ""),
            "Corporate",
            "Compliant",
            "Intune",
            f"user{n}@example.org",
        ]
        for n, (i, make, model, mac, os, ver, _) in enumerate(phones, 1)
    ]
    _csv("intune-devices.csv", header, rows)


def runzero() -> None:
    header = [
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
    ]
    vendors = {
        "44:19:B6": "Hangzhou Hikvision Digital Technology Co.,Ltd.",
        "3C:EF:8C": "Zhejiang Dahua Technology Co., Ltd.",
        "00:E0:FC": "HUAWEI TECHNOLOGIES CO.,LTD",
        "00:1E:73": "zte corporation",
        "AC:CC:8E": "Axis Communications AB",
        "E4:30:22": "Hanwha Techwin Security Vietnam",
        "00:1B:54": "Cisco Systems, Inc",
    }
    rows = [
        [
            f"7c1e{n:04d}-5d2b-4c31-a0f0-1b2c3d4e5f60",
            f"10.20.0.{n}",
            f"hq-{i.lower()}",
            "IP Camera" if i.startswith("CAM") else "Network Device",
            "",
            f"{make} {model}",
            mac.lower(),
            vendors.get(mac[:8], ""),
            "2026-01-05 10:00:00",
            "2026-11-20 08:00:00",
            "Primary",
            d,
        ]
        for n, (i, make, model, mac, _s, _b, d, _) in enumerate(DEVICES, 1)
    ]
    _csv("runzero-assets.csv", header, rows)


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
    vendor = {
        "44:19:B6": "Hangzhou Hikvision Digital Technology Co.,Ltd.",
        "3C:EF:8C": "Zhejiang Dahua Technology Co., Ltd.",
        "00:E0:FC": "HUAWEI TECHNOLOGIES CO.,LTD",
        "00:1E:73": "zte corporation",
        "AC:CC:8E": "Axis Communications AB",
        "E4:30:22": "(Unknown)",
        "00:1B:54": "Cisco Systems, Inc",
    }
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
