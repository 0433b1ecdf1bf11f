"""A downloaded catalogue against the pack's advisories. The fixture holds, verbatim, the
2025.08.25 release's entries for the bundled CVEs (Hikvision, Dahua, TP-Link, Reolink): the
bundled advisories must agree with them field by field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from duediligence.api import load_pack
from duediligence.identify.interface import Identifier
from duediligence.pack.kev import compare, read_catalogue
from duediligence.pack.loader import Pack

RELEASE = Path(__file__).parent / "kev" / "release-2025.08.25-excerpt.json"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_the_bundled_advisories_are_the_release_as_it_gives_them(pack: Pack) -> None:
    release = read_catalogue(RELEASE)
    assert (release.version, release.released) == ("2025.08.25", date(2025, 8, 25))
    assert pack.catalogue is not None and pack.catalogue.version == release.version
    found = compare(pack.advisories, pack.catalogue, release, lambda vendor: True)
    assert (found.added, found.changed, found.withdrawn, found.layer) == ([], [], [], None)
    bundled = {e.cve: e for a in pack.advisories.values() for e in a.kev}
    assert set(bundled) == {
        "CVE-2021-36260",
        "CVE-2021-33044",
        "CVE-2021-33045",
        "CVE-2023-1389",
        "CVE-2023-33538",
        "CVE-2015-3035",
        "CVE-2021-40407",
        "CVE-2019-11001",
    }
    # every entry of the excerpt is bundled: the release holds nothing on these makers the
    # pack lacks
    assert set(bundled) == {r.entry.cve for r in release.records}


@pytest.mark.parametrize(
    ("vendor", "listed"),
    [
        pytest.param("Hikvision", ["CVE-2017-7921"], id="a-vendor-of-the-pack"),
        pytest.param("TP-Link", ["CVE-2017-7921"], id="a-maker-held-for-its-advisories"),
        pytest.param("Reolink", ["CVE-2017-7921"], id="another-maker-held-for-its-advisories"),
        pytest.param("Rockwell Automation", [], id="a-vendor-the-pack-does-not-hold"),
    ],
)
def test_an_entry_added_after_the_release_is_listed_for_a_vendor_of_the_pack(
    tmp_path: Path, pack: Pack, vendor: str, listed: list[str]
) -> None:
    data = json.loads(RELEASE.read_text(encoding="utf-8"))
    data["catalogVersion"], data["dateReleased"] = "2026.03.05", "2026-03-05T17:00:00.000Z"
    data["vulnerabilities"].append(
        {
            "cveID": "CVE-2017-7921",
            "vendorProject": vendor,
            "product": "Multiple Products",
            "dateAdded": "2026-03-05",
            "dueDate": "2026-03-26",
            "requiredAction": "Apply mitigations per vendor instructions.",
        }
    )
    newer = tmp_path / "kev.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    names = Identifier(pack.catalog).names
    found = compare(
        pack.advisories, pack.catalogue, read_catalogue(newer), lambda v: bool(names.match(v))
    )
    assert [r.entry.cve for r in found.added] == listed
    # TP-Link's and Reolink's entries are bundled, as the release gives them: not new.
    assert (found.changed, found.withdrawn) == ([], [])
