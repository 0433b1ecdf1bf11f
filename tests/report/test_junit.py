"""JUnit XML as CI systems read it: a suite per table, a failing case per flagged asset."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from duediligence.api import scan
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack
from duediligence.report import junit
from duediligence.report.interface import RenderOptions
from duediligence.results.assets import Location
from duediligence.results.block import Block
from duediligence.results.findings import Skip
from duediligence.results.report import Report

AS_OF = date(2026, 1, 1)


def render(report: Report) -> str:
    out = StringIO()
    junit.write(report, RenderOptions(), out)
    return out.getvalue()


def parsed(report: Report) -> ET.Element:
    return ET.fromstring(render(report).encode("utf-8"))


def csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def names(suite: ET.Element) -> list[str]:
    return [c.attrib["name"] for c in suite.findall("testcase")]


def assert_counts_agree(root: ET.Element) -> None:
    """What viewers check: each count attribute is the number of elements it counts."""
    suites = root.findall("testsuite")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.attrib["tests"]) == len(cases)
        assert int(suite.attrib["failures"]) == sum(len(c.findall("failure")) for c in cases)
        assert int(suite.attrib["skipped"]) == sum(len(c.findall("skipped")) for c in cases)
        assert all(len(c.findall("failure")) <= 1 for c in cases)
    for key in ("tests", "failures", "skipped"):
        assert int(root.attrib[key]) == sum(int(s.attrib[key]) for s in suites)


def test_a_failing_case_per_flagged_asset_listing_every_finding(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = csv(
        tmp_path / "inv.csv",
        "Asset ID,Serial,Make,Model\n"
        "CAM-1,S1,AcmeLine,AC-1234B\n"  # flagged: named by its asset id
        ",S2,Acme,AC-2040X-I\n"  # flagged: no asset id, so its serial
        ",,Acme,AC-9999Z\n"  # flagged: neither, so make and model
        "CAM-4,S4,Axis,P1\n"  # not recognised: counted as clean
        "CAM-5,S5,Axis,P2\n"
        "CAM-6,,,\n",  # skipped: no signal
    )
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF)
    root = parsed(report)

    assert root.tag == "testsuites"
    assert root.attrib["name"] == "duediligence"
    (suite,) = root.findall("testsuite")
    assert suite.attrib["name"] == str(path)
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["skipped"]) == (
        "5",
        "3",
        "1",
    )
    props = {p.attrib["name"]: p.attrib["value"] for p in suite.iter("property")}
    assert props["assets"] == "6"  # the table's rows, whatever the cases add up to
    assert_counts_agree(root)

    cases = suite.findall("testcase")
    assert {c.attrib["classname"] for c in cases} == {str(path)}
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.attrib["name"] for c in failing] == [
        "CAM-1 (row 2)",
        "S2 (row 3)",
        "Acme AC-9999Z (row 4)",
    ]
    findings = list(report.findings())
    for case, flagged in zip(failing, report.flagged, strict=True):
        (failure,) = case.findall("failure")
        rules = [h.rule_id for h in flagged.judgment.hits]
        assert failure.attrib["message"] == f"{len(rules)} findings, worst high: " + ", ".join(
            rules
        )
        assert failure.attrib["type"] == "high"
        text = failure.text or ""
        mine = [f for f in findings if f.asset.location == flagged.asset.location]
        assert len(mine) == len(rules) > 1
        for f in mine:
            assert f"{f.severity.value.upper()} {f.rule_id}: {f.message}" in text
            assert f"Recommended action: {f.recommended_action}" in text
        assert "References: SRC1 (A test source)" in text

    (skipped,) = [c for c in cases if c.find("skipped") is not None]
    assert skipped.attrib["name"] == "row 7"
    assert skipped.findall("skipped")[0].attrib["message"] == report.skips[0].reason
    # The clean rows are one passing case, not one each.
    (clean,) = [c for c in cases if len(c) == 0]
    assert clean.attrib["name"] == "2 clean assets"
    assert render(report) == render(report)


def test_one_suite_per_table_read_named_by_file_and_sheet(tmp_path: Path, test_pack: Pack) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Cameras"
    for row in (["Tag", "Make", "Model"], ["C1", "Acme", "AC-1234B"], ["C2", "Axis", "P1"]):
        first.append(row)
    second = book.create_sheet("Recorders")
    for row in (["Tag", "Make", "Model"], ["R1", "Axis", "P1"], ["R2", "", ""]):
        second.append(row)
    book.save(tmp_path / "register.xlsx")
    plain = csv(tmp_path / "inv.csv", "Tag,Make,Model\nX1,ZED,Z1\nX2,Acme,AC-2040X-I\n")
    report = scan(
        [tmp_path / "register.xlsx", plain], pack=test_pack, profile="global", as_of=AS_OF
    )
    root = parsed(report)

    book_name = str(tmp_path / "register.xlsx")
    suites = {s.attrib["name"]: s for s in root.findall("testsuite")}
    assert list(suites) == [f"{book_name} [Cameras]", f"{book_name} [Recorders]", str(plain)]
    cameras, recorders, inv = suites.values()
    assert names(cameras) == ["C1 (row 2)", "1 clean asset"]
    assert names(recorders) == ["row 3", "1 clean asset"]
    assert recorders.find("testcase/skipped") is not None
    assert names(inv) == ["X1 (row 2)", "X2 (row 3)"]
    assert all(
        c.attrib["classname"] == name for name, s in suites.items() for c in s.iter("testcase")
    )
    assert root.attrib["tests"] == "6"
    assert root.attrib["failures"] == str(report.summary.flagged) == "3"
    assert_counts_agree(root)


def test_control_characters_in_cells_are_dropped_and_markup_is_quoted(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = csv(
        tmp_path / "inv.csv",
        'Asset ID,Make,Model\n"CAM\x01-\x1b1 <&> ""q""\x0b\x7f",Acme,AC-1234B\n',
    )
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF)
    text = render(report)
    assert not any(c in text for c in "\x01\x1b\x0b")
    (case,) = parsed(report).iter("testcase")
    assert case.attrib["name"] == 'CAM-1 <&> "q"\x7f (row 2)'  # DEL is allowed in XML 1.0


def test_every_table_gets_its_own_skipped_rows_even_a_file_given_twice(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = csv(tmp_path / "inv.csv", "Tag,Make,Model\nA,,\nB,Acme,AC-1234B\nC,,\n")
    report = scan([path, path], pack=test_pack, profile="global", as_of=AS_OF)
    root = parsed(report)
    suites = root.findall("testsuite")
    assert len(suites) == 2
    for suite in suites:
        assert names(suite) == ["B (row 3)", "row 2", "row 4"]
    assert_counts_agree(root)


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_large_registers_read_in_blocks_give_the_same_document(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    rows = [f"A{n},Acme,AC-{1000 + n}B" if n % 3 else f"A{n},Axis,P{n}" for n in range(300)]
    path = csv(tmp_path / "inv.csv", "Tag,Make,Model\n" + "\n".join(rows) + "\n")
    monkeypatch.setattr(blocks, "MIN_BYTES", 1 << 60)
    expected = render(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # several blocks
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF)
    # whichever parser read the file, its flagged rows reach the writer as Arrow blocks
    assert all(isinstance(p, Block) for p in report.flagged.parts())
    assert render(report) == expected
    root = ET.fromstring(expected.encode("utf-8"))
    assert root.attrib["failures"] == "200"
    assert_counts_agree(root)


def test_a_report_with_nothing_flagged_still_passes_as_a_suite(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = csv(tmp_path / "inv.csv", "Make,Model\nAxis,P1\n")
    root = parsed(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    (suite,) = root.findall("testsuite")
    assert (suite.attrib["tests"], suite.attrib["failures"]) == ("1", "0")
    assert names(suite) == ["1 clean asset"]


def test_a_skipped_row_naming_no_table_read_is_still_shown(tmp_path: Path, test_pack: Pack) -> None:
    report = scan(
        [csv(tmp_path / "inv.csv", "Make,Model\nAxis,P1\n")],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
    )
    lost = Skip(Location("elsewhere.csv", 9), "could not be read")
    root = parsed(dataclasses.replace(report, skips=(lost,)))
    assert [s.attrib["name"] for s in root.findall("testsuite")] == [
        report.inputs[0].source,
        "elsewhere.csv",
    ]
    (case,) = root.findall("testsuite")[1].findall("testcase")
    assert case.attrib["name"] == "row 9"
    assert case.findall("skipped")[0].attrib["message"] == "could not be read"
    assert_counts_agree(root)


@pytest.mark.parametrize(
    "arrow", [pytest.param(False, id="csv-module"), pytest.param(True, id="arrow")]
)
def test_an_asset_no_rule_binds_passes_and_says_where_it_is_restricted(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    rows = [f"Z{n},ZED,Z-{n}" if n % 2 else f"A{n},Acme,AC-{1000 + n}B" for n in range(200)]
    path = csv(tmp_path / "inv.csv", "Tag,Make,Model\n" + "\n".join(rows) + "\n")
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)
    report = scan([path], pack=test_pack, as_of=AS_OF)  # no profile: only the risks bind
    # whichever parser read the file, its flagged rows reach the writer as Arrow blocks
    assert all(isinstance(p, Block) for p in report.flagged.parts())
    root = parsed(report)
    assert_counts_agree(root)
    assert root.attrib["failures"] == "100"  # the Acme cameras: their risks bind
    (suite,) = root.findall("testsuite")
    zed = next(c for c in suite.findall("testcase") if c.attrib["name"].startswith("Z1 "))
    assert not zed.findall("failure")
    assert "also restricted in: XX (XX-BAN-A, XX-BRAND-BAN)" in (zed.findtext("system-out") or "")
