"""nmap's XML output (`nmap -oX`): one row per host that was up.

The format is nmap's own (https://nmap.org/book/output-formats-xml-output.html, and the
DTD it names, https://nmap.org/data/nmap.dtd): a `<nmaprun>` root holding one `<host>` per
target, each with a `<status state="up|down">`, its `<address>`es (`addrtype` ipv4, ipv6 or
mac; a MAC's `vendor` is the registrant nmap's own OUI table names), `<hostnames>`, `<ports>`
with each port's `<state>` and `<service>`, and `<os>` with its `<osmatch>`es ranked by
accuracy. A host becomes the row a register would hold for it: the IP address as its asset
id, the MAC and its vendor as evidence of who made it, and what else nmap saw of it as text.

The XML is parsed by defusedxml: nmap writes a DOCTYPE naming its DTD, which is allowed and
never fetched, but any entity declaration (a billion laughs, an entity naming a local file)
is refused at the declaration, before anything expands or is read. Hosts are parsed one at
a time and let go, so memory holds one host, not the scan.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from duediligence.errors import InputError
from duediligence.inventory.interface import Table

COLUMNS = ("IP Address", "MAC Address", "Vendor", "Description")
"""Named so the column mapper can take them: IP Address -> asset id, MAC Address -> mac,
Vendor (the MAC's registrant, as nmap names it) -> make, and Description -> description:
the host's names, its best OS match and its open ports, in one cell, since a row has one
description ("host cam.example; OS Linux 4.15 (98%); open 80/tcp http, 554/tcp rtsp")."""
ROOT = b"<nmaprun"
_HEAD = 64 << 10

Rows = Generator[tuple[int, list[str]], None, None]


def is_nmap(path: Path) -> bool:
    """Whether the file is nmap XML, by its start: `<nmaprun` within the first 64 KiB (after
    the XML declaration, a DOCTYPE and nmap's stylesheet instruction)."""
    try:
        with path.open("rb") as f:
            return ROOT in f.read(_HEAD)
    except OSError:
        return False


def read_nmap(path: Path, display: str) -> Table:
    """The hosts that were up, one row each under COLUMNS.

    There is no header row, so `header_row` is 0 and a row number is the host's place among
    the `<host>` elements of the file, counting hosts that were down (which are skipped, and
    counted in one warning): host 3 is the third `<host>` nmap wrote. The file is read once
    to count and check it and once more as rows are taken, so a malformed or hostile file
    fails before any row is used.
    """
    down = 0
    up = 0
    for _, host in _hosts(path, display):
        if host is None:
            down += 1
        else:
            up += 1
    if not up:
        raise InputError(
            "no hosts were up in this nmap scan"
            + (f" ({down} down)" if down else " (no <host> elements)"),
            display,
        )
    warnings = []
    if down:
        were = "host was" if down == 1 else "hosts were"
        warnings.append(f"{display}: {down} {were} down: not read")
    return Table(display, None, list(COLUMNS), 0, _rows(path, display), warnings)


def _rows(path: Path, display: str) -> Rows:
    for number, host in _hosts(path, display):
        if host is not None:
            yield number, host


def _hosts(path: Path, display: str) -> Iterator[tuple[int, list[str] | None]]:
    """(ordinal, cells) of each `<host>`; cells None for a host that was down."""
    number = 0
    try:
        for _, element in iterparse(str(path), events=("end",)):
            if element.tag != "host":
                continue
            number += 1
            yield number, _cells(element)
            element.clear()
    except DefusedXmlException as exc:
        raise InputError(
            f"refused: its XML declares an entity ({type(exc).__name__}), which nmap never"
            " writes and which could expand without bound or read other files",
            display,
        ) from exc
    except ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"not readable nmap XML: line {line}, column {column + 1}: damaged or cut short",
            display,
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc


def _cells(host: Element) -> list[str] | None:
    status = host.find("status")
    if status is not None and status.get("state", "up") != "up":
        return None
    ip = mac = vendor = ""
    for address in host.iter("address"):
        kind = address.get("addrtype", "")
        if kind == "mac":
            mac, vendor = address.get("addr", ""), address.get("vendor", "")
        elif kind in ("ipv4", "ipv6") and not ip:
            ip = address.get("addr", "")
    names = dict.fromkeys(
        name for h in host.iter("hostname") if (name := h.get("name", "").strip())
    )
    seen = (
        ("host", ", ".join(names)),
        ("OS", _os(host)),
        ("open", _ports(host)),
    )
    return [ip, mac, vendor, "; ".join(f"{label} {text}" for label, text in seen if text)]


def _os(host: Element) -> str:
    """The most accurate OS match, as nmap names it, with its accuracy ("Linux 4.15 (96%)")."""
    best: tuple[int, str] | None = None
    for match in host.iter("osmatch"):
        name = match.get("name", "").strip()
        try:
            accuracy = int(match.get("accuracy", "0"))
        except ValueError:
            accuracy = 0
        if name and (best is None or accuracy > best[0]):
            best = (accuracy, name)
    if best is None:
        return ""
    return f"{best[1]} ({best[0]}%)" if best[0] else best[1]


def _ports(host: Element) -> str:
    """Open ports as text, "80/tcp http, 554/tcp rtsp", with the product nmap recognised
    when it did ("80/tcp http (Hikvision IP camera httpd)")."""
    out = []
    for port in host.iter("port"):
        state = port.find("state")
        if state is None or state.get("state") != "open":
            continue
        text = f"{port.get('portid', '?')}/{port.get('protocol', '?')}"
        service = port.find("service")
        if service is not None:
            if name := service.get("name", ""):
                text += f" {name}"
            if product := service.get("product", ""):
                text += f" ({product})"
        out.append(text)
    return ", ".join(out)
