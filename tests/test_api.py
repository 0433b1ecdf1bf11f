from datetime import date
from pathlib import Path

import pytest

from duediligence.api import scan
from duediligence.errors import UsageError
from duediligence.findings import Severity
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, render
from duediligence.scanner import NO_SIGNAL


def inventory(tmp_path: Path) -> Path:
    path = tmp_path / "inv.csv"
    path.write_text(
        "Tag,Make,Model,Purchased\n"
        "CAM-1,Acme,AC-1234B,2021-01-01\n"
        "CAM-2,Axis,P3245-LVE,\n"
        "CAM-3,,,\n"
        "CAM-4,Oldbrand,,2020-06-01\n"
        "CAM-5,Oldbrand,,2024-06-01\n"
        "CAM-6,,XYZ-1,\n"
        "CAM-7,,AC-1234B,\n",
        encoding="utf-8",
    )
    return path


def test_scan_reads_judges_and_counts_every_row(tmp_path: Path, test_pack: Pack) -> None:
    report = scan([inventory(tmp_path)], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    s = report.summary
    assert (s.assets, s.attributed, s.unknown, s.skipped, s.flagged) == (7, 4, 2, 1, 3)
    assert [(f.asset.asset_id, f.rule_id) for f in report.findings()] == [
        ("CAM-1", "XX-BAN-A"),
        ("CAM-1", "XX-BRAND-BAN"),
        ("CAM-1", "RISK-STATE"),
        ("CAM-1", "RISK-XJ"),
        ("CAM-4", "XX-BAN-A"),
        ("CAM-4", "RISK-STATE"),
        ("CAM-4", "RISK-XJ"),
        ("CAM-7", "XX-BAN-A"),
        ("CAM-7", "XX-BRAND-BAN"),
        ("CAM-7", "RISK-STATE"),
        ("CAM-7", "RISK-XJ"),
    ]
    assert [(k.location.row, k.reason) for k in report.skips] == [(4, NO_SIGNAL)]
    assert [(u.make, u.model, u.reason, u.rows) for u in report.unknown] == [
        ("Axis", "P3245-LVE", "make not recognised", 1),
        (None, "XYZ-1", "no make; model not recognised", 1),
    ]
    assert s.unknown_by_reason == {"make not recognised": 1, "no make; model not recognised": 1}
    assert s.by_severity == {"high": 5, "medium": 6}
    assert s.findings == 11
    # CAM-1 and CAM-7 differ in make only; one is named, the other found by its model.
    assert len(report.judgments) == 3
    assert s.by_group == {"acme": 3}
    assert report.at_or_above(Severity.HIGH) == 5
    assert report.at_or_above(Severity.CRITICAL) == 0
    assert report.at_or_above(Severity.NONE) == 0


def test_fingerprints_follow_the_asset_not_the_row(tmp_path: Path, test_pack: Pack) -> None:
    first = scan([inventory(tmp_path)], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    moved = tmp_path / "moved.csv"
    lines = inventory(tmp_path).read_text().splitlines()
    moved.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    second = scan([moved], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    assert {f.fingerprint for f in first.findings()} == {f.fingerprint for f in second.findings()}


def test_the_same_inputs_give_byte_identical_json(tmp_path: Path, test_pack: Pack) -> None:
    path = inventory(tmp_path)
    runs = [
        render(Format.JSON, scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1)))
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_unknown_profile_and_field_are_usage_errors(tmp_path: Path, test_pack: Pack) -> None:
    with pytest.raises(UsageError, match="unknown profile 'nope'; known profiles: global, strict"):
        scan([inventory(tmp_path)], pack=test_pack, profile="nope")
    with pytest.raises(UsageError, match="unknown field 'colour'"):
        scan([inventory(tmp_path)], pack=test_pack, column_map={"colour": "Make"})


def test_progress_is_reported_through_a_callback(tmp_path: Path, test_pack: Pack) -> None:
    seen: list[int] = []
    scan([inventory(tmp_path)], pack=test_pack, profile="global", progress=seen.append)
    assert seen == [7]


def test_conflicting_signals_raise_a_review_finding(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Model\nCAM-1,Axis,AC-1234B\n", encoding="utf-8")
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    (review,) = [f for f in report.findings() if f.rule_id == "RISK-CONFLICT"]
    assert review.entity.group == "acme"
    assert "signals disagree: the make 'Axis' names a manufacturer" in review.message
    assert {f.rule_id for f in report.findings()} >= {"XX-BAN-A", "RISK-CONFLICT"}


def test_a_mac_that_names_no_maker_is_warned_about(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,MAC\nCAM-1,Acme,not recorded\n", encoding="utf-8")
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    assert report.summary.attributed == 1
    assert any(
        "1 row(s) have a MAC that names no maker" in w and "row 2" in w for w in report.warnings
    )


def test_rows_with_the_same_signals_share_one_judgment(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    rows = "".join(f"CAM-{i},Acme,AC-1234B,2021-0{1 + i % 9}-01\n" for i in range(50))
    path.write_text("Tag,Make,Model,Purchased\n" + rows, encoding="utf-8")
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    assert report.summary.flagged == 50
    assert len(report.judgments) == 1
    assert [f.asset.location.row for f in report.flagged] == list(range(2, 52))


def test_a_purchase_date_is_judged_within_its_ownership_span(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(
        "Tag,Make,Purchased\nA,Oldbrand,2020-06-01\nB,Oldbrand,2020-07-01\nC,Oldbrand,2024-01-01\n",
        encoding="utf-8",
    )
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    assert [f.asset.asset_id for f in report.flagged] == ["A", "B"]
    assert len(report.judgments) == 1
    assert "judged on the date the row gives for purchase" in report.judgments[0].hits[0].message


def test_ragged_rows_are_read_and_reported(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Model\nA,Acme\nB,Acme,AC-1234B,extra\n", encoding="utf-8")
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    assert report.summary.flagged == 2
    (short, long) = list(report.flagged)
    assert short.asset.fields == {"Tag": "A", "Make": "Acme"}
    assert long.asset.fields["(unnamed column 4)"] == "extra"
    assert any(
        "2 row(s) do not have one cell per header column (3)" in w and "row 2 has 2 cells" in w
        for w in report.warnings
    )
    assert report.inputs[0].columns == ("Tag", "Make", "Model", "(unnamed column 4)")
