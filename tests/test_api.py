from datetime import date
from pathlib import Path

import pytest

from duediligence.api import NO_SIGNAL, scan
from duediligence.errors import UsageError
from duediligence.findings import Severity
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, render


def inventory(tmp_path: Path) -> Path:
    path = tmp_path / "inv.csv"
    path.write_text(
        "Tag,Make,Model,Purchased\n"
        "CAM-1,Acme,AC-1234B,2021-01-01\n"
        "CAM-2,Axis,P3245-LVE,\n"
        "CAM-3,,,\n"
        "CAM-4,Oldbrand,,2020-06-01\n"
        "CAM-5,Oldbrand,,2024-06-01\n",
        encoding="utf-8",
    )
    return path


def test_scan_reads_judges_and_counts_every_row(tmp_path: Path, test_pack: Pack) -> None:
    report = scan([inventory(tmp_path)], pack=test_pack, as_of=date(2026, 1, 1))
    s = report.summary
    assert (s.assets, s.attributed, s.unknown, s.skipped, s.flagged) == (5, 3, 1, 1, 2)
    assert [(f.asset.asset_id, f.rule_id) for f in report.findings] == [
        ("CAM-1", "XX-BAN-A"),
        ("CAM-1", "XX-BRAND-BAN"),
        ("CAM-1", "RISK-STATE"),
        ("CAM-1", "RISK-XJ"),
        ("CAM-4", "XX-BAN-A"),
        ("CAM-4", "RISK-STATE"),
        ("CAM-4", "RISK-XJ"),
    ]
    assert [(k.location.row, k.reason) for k in report.skips] == [(4, NO_SIGNAL)]
    assert [(u.make, u.model, u.rows) for u in report.unknown] == [("Axis", "P3245-LVE", 1)]
    assert s.by_severity == {"high": 3, "medium": 4}
    assert s.by_group == {"acme": 2}
    assert report.at_or_above(Severity.HIGH) == 3
    assert report.at_or_above(Severity.CRITICAL) == 0
    assert report.at_or_above(Severity.NONE) == 0


def test_fingerprints_follow_the_asset_not_the_row(tmp_path: Path, test_pack: Pack) -> None:
    first = scan([inventory(tmp_path)], pack=test_pack, as_of=date(2026, 1, 1))
    moved = tmp_path / "moved.csv"
    lines = inventory(tmp_path).read_text().splitlines()
    moved.write_text("\n".join([lines[0], lines[4], lines[1]]) + "\n")
    second = scan([moved], pack=test_pack, as_of=date(2026, 1, 1))
    assert {f.fingerprint for f in first.findings} == {f.fingerprint for f in second.findings}


def test_the_same_inputs_give_byte_identical_json(tmp_path: Path, test_pack: Pack) -> None:
    path = inventory(tmp_path)
    runs = [
        render(Format.JSON, scan([path], pack=test_pack, as_of=date(2026, 1, 1))) for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_unknown_profile_and_field_are_usage_errors(tmp_path: Path, test_pack: Pack) -> None:
    with pytest.raises(UsageError, match="unknown profile 'nope'; known profiles: global, strict"):
        scan([inventory(tmp_path)], pack=test_pack, profile="nope")
    with pytest.raises(UsageError, match="unknown field 'colour'"):
        scan([inventory(tmp_path)], pack=test_pack, column_map={"colour": "Make"})


def test_progress_is_reported_through_a_callback(tmp_path: Path, test_pack: Pack) -> None:
    seen: list[int] = []
    scan([inventory(tmp_path)], pack=test_pack, progress=seen.append)
    assert seen == [5]
