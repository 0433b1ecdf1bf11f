"""nmap -oX output: one row per host that was up, the IP as its asset id."""

from __future__ import annotations

from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.nmap import COLUMNS, is_nmap, read_nmap

PROLOG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE nmaprun SYSTEM "https://nmap.org/data/nmap.dtd">\n'
    '<?xml-stylesheet href="file:///usr/share/nmap/nmap.xsl" type="text/xsl"?>\n'
    '<nmaprun scanner="nmap" args="nmap -O -sV -oX scan.xml 192.168.1.0/24" start="1700000000"'
    ' version="7.94" xmloutputversion="1.05">\n'
    '<scaninfo type="syn" protocol="tcp" numservices="1000" services="1-1000"/>\n'
)
CAMERA = """<host starttime="1700000001" endtime="1700000009">
<status state="up" reason="arp-response" reason_ttl="0"/>
<address addr="192.168.1.64" addrtype="ipv4"/>
<address addr="44:19:B6:12:34:56" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/>
<hostnames><hostname name="cam-lobby.example" type="PTR"/></hostnames>
<ports><extraports state="closed" count="996">
<extrareasons reason="reset" count="996"/></extraports>
<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/>
<service name="http" product="Hikvision IP camera httpd" method="probed" conf="10"/></port>
<port protocol="tcp" portid="443">
<state state="filtered" reason="no-response" reason_ttl="0"/></port>
<port protocol="tcp" portid="554"><state state="open" reason="syn-ack" reason_ttl="64"/>
<service name="rtsp" method="table" conf="3"/></port>
</ports>
<os><portused state="open" proto="tcp" portid="80"/>
<osmatch name="Linux 3.2 - 4.9" accuracy="96" line="61197"/>
<osmatch name="Linux 4.15" accuracy="98" line="61198"/></os>
</host>
"""
DOWN = """<host><status state="down" reason="no-response" reason_ttl="0"/>
<address addr="192.168.1.65" addrtype="ipv4"/></host>
"""
ROUTER = """<host><status state="up" reason="localhost-response" reason_ttl="0"/>
<address addr="192.168.1.1" addrtype="ipv4"/>
<hostnames><hostname name="gw.example" type="user"/>
<hostname name="gw.example" type="PTR"/></hostnames>
</host>
"""
END = (
    '<runstats><finished time="1700000100"/><hosts up="2" down="1" total="3"/></runstats>'
    "</nmaprun>\n"
)


def write(folder: Path, *hosts: str) -> Path:
    path = folder / "scan.xml"
    path.write_text(PROLOG + "".join(hosts) + END)
    return path


def test_each_host_that_was_up_is_a_row_numbered_by_its_place_in_the_file(
    tmp_path: Path,
) -> None:
    table = read_nmap(write(tmp_path, CAMERA, DOWN, ROUTER), "scan.xml")
    assert (table.header, table.header_row) == (list(COLUMNS), 0)
    assert list(table.rows) == [
        (
            1,
            [
                "192.168.1.64",
                "44:19:B6:12:34:56",
                "Hangzhou Hikvision Digital Technology",
                "host cam-lobby.example; OS Linux 4.15 (98%); open 80/tcp http (Hikvision IP"
                " camera httpd), 554/tcp rtsp",
            ],
        ),
        (3, ["192.168.1.1", "", "", "host gw.example"]),
    ]
    assert table.warnings == ["scan.xml: 1 host was down: not read"]


@pytest.mark.parametrize(
    ("hosts", "needle"),
    [
        pytest.param((DOWN,), "no hosts were up in this nmap scan (1 down)", id="all-down"),
        pytest.param((), "no hosts were up in this nmap scan (no <host> elements)", id="none"),
    ],
)
def test_a_scan_with_no_host_up_is_refused(
    tmp_path: Path, hosts: tuple[str, ...], needle: str
) -> None:
    with pytest.raises(InputError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        read_nmap(write(tmp_path, *hosts), "scan.xml")


def test_a_scan_cut_short_is_refused_naming_where(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(PROLOG + CAMERA[:200])
    with pytest.raises(InputError, match=r"not readable nmap XML: line \d+, column \d+"):
        read_nmap(path, "cut.xml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(PROLOG + END, True, id="nmap"),
        pytest.param('<?xml version="1.0"?><nmaprun/>', True, id="bare-root"),
        pytest.param('<?xml version="1.0"?><assets><asset/></assets>', False, id="other-xml"),
        pytest.param("Make,Model\n", False, id="csv"),
    ],
)
def test_nmap_xml_is_told_by_its_root(tmp_path: Path, text: str, expected: bool) -> None:
    path = tmp_path / "f.xml"
    path.write_text(text)
    assert is_nmap(path) is expected
