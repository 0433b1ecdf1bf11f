"""A register with equipment in the bundled known-exploited advisories, scanned for the
report tests: two sites, firmware older than the fix, patched, and unknown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from duediligence.api import load_pack, scan
from duediligence.results.report import Report

AS_OF = date(2026, 12, 7)
REGISTER = (
    "Asset ID,Make,Model,Firmware,Site\n"
    "CAM-1,Hikvision,DS-2CD2143G2-I,V5.5.0 build 200911,HQ\n"  # older than the fix
    "CAM-2,Hikvision,DS-2CD2143G2-I,V5.7.3 build 220112,HQ\n"  # patched
    "CAM-3,Dahua,IPC-HDW5442TM-AS,,HQ\n"  # firmware unknown
    "CAM-4,Hikvision,DS-2CD2032-I,,Depot\n"
    "NAS-1,Synology,DS920+,7.2,Depot\n"  # a DS- model of another maker: no advisory
)


def kev_report(tmp_path: Path, profile: str | None = "us-federal") -> Report:
    path = tmp_path / "kev.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return scan([path], pack=load_pack(), profile=profile, as_of=AS_OF)
