"""arp-scan's plain-text output (`arp-scan --localnet > scan.txt`): one row per response.

arp-scan (https://github.com/royhills/arp-scan; its manual page's examples) prints a
banner ("Interface: eth0, type: EN10MB, MAC: ..., IPv4: ..." and "Starting arp-scan 1.10.0
with 256 hosts (...)"), then one line per host that answered, `IP<TAB>MAC<TAB>vendor`, the
vendor from its own copy of the IEEE registry, "(Unknown)" when not listed and followed by
"(DUP: 2)" when a host answered again, then a blank line and a summary ("Ending arp-scan
..."). With --plain or --quiet the banner and the summary, or the vendor, are left out. The
file is told apart from a CSV by that content, not its name: it is saved as .txt, which is
also a CSV suffix.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from pathlib import Path

from duediligence.errors import InputError
from duediligence.inventory.interface import Table

COLUMNS = ("IP Address", "MAC Address", "Vendor")
"""The names nmap.py gives the same facts (IP Address -> asset id, MAC Address -> mac,
Vendor -> make), so a mapping written for one fits both."""
_RESPONSE = re.compile(
    rb"(\d{1,3}(?:\.\d{1,3}){3})\t([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})(?:\t([^\r\n]*))?\r?\n?"
)
_BANNER = (b"Interface: ", b"Starting arp-scan ")
_DUPLICATE = re.compile(r"\s*\(DUP: \d+\)$")
_HEAD_LINES = 5

Rows = Generator[tuple[int, list[str]], None, None]


def is_arp_scan(path: Path) -> bool:
    """Whether the file starts as arp-scan's output does: its banner, or (with --plain) a
    response line, within its first few lines."""
    try:
        with path.open("rb") as f:
            head = [f.readline(4096) for _ in range(_HEAD_LINES)]
    except OSError:
        return False
    lines = [line for line in head if line.strip()]
    if not lines:
        return False
    return lines[0].startswith(_BANNER) or _RESPONSE.fullmatch(lines[0]) is not None


def read_arp_scan(path: Path, display: str) -> Table:
    """The responses, one row each under COLUMNS.

    There is no header row, so `header_row` is 0 and a row number is the line of the file
    the response is on, as a text editor numbers it. Raises InputError when no line is a
    response.
    """
    if next(_responses(path, display), None) is None:
        raise InputError(
            "no responses: an arp-scan output with no line 'IP<TAB>MAC<TAB>vendor' (no host"
            " answered?)",
            display,
        )
    return Table(display, None, list(COLUMNS), 0, _rows(path, display))


def _rows(path: Path, display: str) -> Rows:
    yield from _responses(path, display)


def _responses(path: Path, display: str) -> Iterator[tuple[int, list[str]]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            found = _RESPONSE.fullmatch(line)
            if found is None:
                continue  # the banner, the summary, a blank line
            ip, mac, vendor = (
                part.decode("utf-8", "replace") if part else "" for part in found.groups()
            )
            vendor = _DUPLICATE.sub("", vendor).strip()
            if vendor == "(Unknown)" or vendor.startswith("(Unknown:"):
                vendor = ""
            yield number, [ip, mac, vendor]
