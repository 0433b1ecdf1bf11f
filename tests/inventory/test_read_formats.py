"""read.py's choice of reader: by suffix, and by content where one suffix holds several
formats (arp-scan's .txt beside a CSV's, nmap's .xml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.formats import SUPPORTED
from duediligence.inventory.read import expand, open_inventories, open_inventory
from tests.inventory.books.writers import Sheet, write_ods, write_xlsb
from tests.inventory.test_arp_scan import SCAN
from tests.inventory.test_nmap import CAMERA, DOWN, END, PROLOG

# NetBox's device list, exported as CSV from its table ("Export" > "Current view"): the
# table's columns under their verbose names (netbox/dcim/tables/devices.py, DeviceTable).
NETBOX_CSV = (
    "Name,Status,Tenant,Site,Location,Rack,Role,Manufacturer,Type,IP Address\n"
    "cam-lobby,Active,,HQ,Lobby,,Camera,Hikvision,DS-2CD2143G2-I,192.168.1.64/24\n"
)


def test_every_format_is_supported() -> None:
    assert set(SUPPORTED) >= {".csv", ".xlsx", ".xls", ".xlsb", ".ods", ".json", ".xml"}


def test_an_nmap_scan_yields_an_asset_per_host_that_was_up(tmp_path: Path) -> None:
    path = tmp_path / "scan.xml"
    path.write_text(PROLOG + CAMERA + DOWN + END)
    inventory = open_inventory(path)
    (asset,) = inventory.assets()
    assert (asset.location.row, asset.mac) == (1, "44:19:B6:12:34:56")
    assert inventory.warnings == [f"{path}: 1 host was down: not read"]


def test_arp_scan_output_is_read_as_arp_scan_not_as_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_text(SCAN)
    inventory = open_inventory(path)
    assert [(a.location.row, a.mac) for a in inventory.assets()][:2] == [
        (3, "00:a0:de:6a:ac:51"),
        (4, "44:19:b6:12:34:56"),
    ]


def test_an_xml_file_that_is_not_nmap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "assets.xml"
    path.write_text('<?xml version="1.0"?><assets><asset make="Axis"/></assets>')
    with pytest.raises(InputError, match="an XML file that is not nmap's -oX output"):
        open_inventory(path)


@pytest.mark.parametrize(
    ("write", "name"),
    [
        pytest.param(write_ods, "book.ods", id="ods"),
        pytest.param(write_xlsb, "book.xlsb", id="xlsb"),
    ],
)
def test_sheet_picks_a_sheet_of_any_workbook(
    tmp_path: Path, write: Callable[..., Path], name: str
) -> None:
    path = write(
        tmp_path / name,
        Sheet("Cams", [["Make", "Model"], ["Axis", "P1375-E"]]),
        Sheet("Radios", [["Make", "Model"], ["Hytera", "PD785"]]),
    )
    (inventory,) = open_inventories(path, sheet="Radios")
    assert [a.make for a in inventory.assets()] == ["Hytera"]


def test_a_netbox_csv_export_is_read_as_any_csv(tmp_path: Path) -> None:
    path = tmp_path / "netbox_devices.csv"
    path.write_text(NETBOX_CSV)
    (asset,) = open_inventory(path).assets()
    assert (asset.location.row, asset.make, asset.site) == (2, "Hikvision", "HQ")


def test_a_folder_yields_its_nmap_scans_and_passes_over_other_xml(tmp_path: Path) -> None:
    (tmp_path / "scan.xml").write_text(PROLOG + CAMERA + END)
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><settings/>')
    assert expand([tmp_path]) == [tmp_path / "scan.xml"]
