"""arp-scan's text output: one row per response, numbered by its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.arp_scan import COLUMNS, is_arp_scan, read_arp_scan

# As arp-scan 1.10 prints it (its manual page, "EXAMPLES"): a banner, tab-separated
# responses, a blank line and the summary.
SCAN = (
    "Interface: eth0, type: EN10MB, MAC: 00:0c:29:aa:bb:cc, IPv4: 192.168.1.5\n"
    "Starting arp-scan 1.10.0 with 256 hosts (https://github.com/royhills/arp-scan)\n"
    "192.168.1.1\t00:a0:de:6a:ac:51\tYAMAHA CORPORATION\n"
    "192.168.1.64\t44:19:b6:12:34:56\tHangzhou Hikvision Digital Technology Co.,Ltd.\n"
    "192.168.1.70\t00:b3:62:dc:f9:91\t(Unknown)\n"
    "192.168.1.64\t44:19:b6:12:34:56\tHangzhou Hikvision Digital Technology Co.,Ltd. (DUP: 2)\n"
    "\n"
    "518 packets received by filter, 0 packets dropped by kernel\n"
    "Ending arp-scan 1.10.0: 256 hosts scanned in 1.851 seconds (138.30 hosts/sec). 3 responded\n"
)


def write(folder: Path, text: str, name: str = "scan.txt") -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_each_response_is_a_row_numbered_by_its_line(tmp_path: Path) -> None:
    table = read_arp_scan(write(tmp_path, SCAN), "scan.txt")
    assert (table.header, table.header_row) == (list(COLUMNS), 0)
    hikvision = "Hangzhou Hikvision Digital Technology Co.,Ltd."
    assert list(table.rows) == [
        (3, ["192.168.1.1", "00:a0:de:6a:ac:51", "YAMAHA CORPORATION"]),
        (4, ["192.168.1.64", "44:19:b6:12:34:56", hikvision]),
        (5, ["192.168.1.70", "00:b3:62:dc:f9:91", ""]),
        (6, ["192.168.1.64", "44:19:b6:12:34:56", hikvision]),
    ]


def test_plain_output_without_banner_or_vendor_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "192.168.1.1\t00:a0:de:6a:ac:51\n192.168.1.2\t00:a0:de:6a:ac:52\n")
    assert is_arp_scan(path)
    assert list(read_arp_scan(path, "scan.txt").rows) == [
        (1, ["192.168.1.1", "00:a0:de:6a:ac:51", ""]),
        (2, ["192.168.1.2", "00:a0:de:6a:ac:52", ""]),
    ]


def test_a_scan_no_host_answered_is_refused(tmp_path: Path) -> None:
    text = SCAN.splitlines(keepends=True)
    with pytest.raises(InputError, match="no responses"):
        read_arp_scan(write(tmp_path, "".join(text[:2] + text[6:])), "scan.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(SCAN, True, id="arp-scan"),
        pytest.param("\n" + SCAN, True, id="after-a-blank-line"),
        pytest.param("IP\tMAC\tVendor\n192.168.1.1\t00:a0:de:6a:ac:51\tX\n", False, id="tsv"),
        pytest.param("Make,Model\nHikvision,DS-2CD2143G2-I\n", False, id="csv"),
        pytest.param("", False, id="empty"),
    ],
)
def test_arp_scan_output_is_told_by_its_content(tmp_path: Path, text: str, expected: bool) -> None:
    assert is_arp_scan(write(tmp_path, text)) is expected
