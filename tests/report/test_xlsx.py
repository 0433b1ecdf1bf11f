"""The annotated workbook as a compliance officer opens it: every row and column of the
inventory with its verdict, the findings one per row, the counts and the plan."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from io import BytesIO, StringIO, TextIOWrapper
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from duediligence.api import scan
from duediligence.cli.tables import books_reader, rows_reader
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack
from duediligence.report import json as json_report
from duediligence.report import xlsx
from duediligence.report.interface import RenderOptions
from duediligence.report.remediation import plan
from duediligence.report.xlsx_cells import FILLS
from duediligence.report.xlsx_rows import ADDED, FINDING_COLUMNS
from duediligence.results.findings import Finding, Severity
from duediligence.results.report import Report
from tests.factory import waivers_file, write_workbook
from tests.report.kev import kev_report

AS_OF = date(2026, 1, 1)
INVENTORY = (
    "Asset ID,Make,Model,Site,Colour\n"
    'CAM-1,Acme,AC-1234B,HQ,"=HYPERLINK(""http://example.com"",""open"")"\n'  # flagged
    "CAM-2,Axis,P1,HQ,+cmd\n"  # clean (not recognised)
    "CAM-3,ZED,Z1,Depot,@SUM(1)\n"  # flagged
    ",,,Depot,-5\n"  # skipped: nothing to judge it by
    "CAM-5,Axis,P2,,#N/A\n"  # clean
)
WIDTH = 5


def inventory(tmp_path: Path, text: str = INVENTORY, name: str = "inv.csv") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def written(report: Report, reread: bool = True, books: bool = False) -> bytes:
    """The workbook's bytes, written as the CLI writes it: to a text stream's buffer; with
    `books`, with the rest of each input workbook too (title blocks, sheets not read)."""
    out = TextIOWrapper(BytesIO(), encoding="utf-8")
    options = RenderOptions(
        rows=rows_reader() if reread else None, books=books_reader() if books else None
    )
    xlsx.write(report, options, out)
    buffer = out.detach()
    assert isinstance(buffer, BytesIO)
    return buffer.getvalue()


def opened(report: Report, reread: bool = True, books: bool = False) -> Workbook:
    return load_workbook(BytesIO(written(report, reread, books)))


def values(sheet: Worksheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def report(tmp_path: Path, test_pack: Pack) -> Report:
    return scan([inventory(tmp_path)], pack=test_pack, profile="global", as_of=AS_OF)


def test_the_sheets(report: Report) -> None:
    assert opened(report).sheetnames == ["Summary", "Remediation", "inv", "Findings"]


def test_every_original_row_and_column_is_kept_with_the_added_columns(
    report: Report, tmp_path: Path
) -> None:
    rows = values(opened(report)["inv"])
    with (tmp_path / "inv.csv").open(newline="", encoding="utf-8") as f:
        original = list(csv.reader(f))
    assert rows[0] == [*original[0], *ADDED]
    assert len(rows) == len(original)
    for row, cells in zip(rows[1:], original[1:], strict=True):
        assert row[:WIDTH] == [c or None for c in cells]


def test_added_columns_say_what_each_row_is(report: Report) -> None:
    rows = values(opened(report)["inv"])
    flagged, clean, skipped = rows[1][WIDTH:], rows[2][WIDTH:], rows[4][WIDTH:]
    acme = report.judgments[0]
    assert flagged[:5] == [
        "flagged",
        "high",
        "Acme Vision Technology Co., Ltd.",
        "XX-BAN-A, XX-BRAND-BAN, RISK-STATE, RISK-XJ",
        round(acme.attribution.confidence, 2),
    ]
    assert flagged[5] == "Replace\nXX-BAN-A: Remove it.\nXX-BRAND-BAN: Replace it."
    assert clean == [None] * 6
    (skip,) = report.skips
    assert skipped == ["not judged", None, None, None, None, skip.reason]


def test_flagged_rows_are_filled_in_their_worst_severitys_colour(report: Report) -> None:
    sheet = opened(report)["inv"]
    flagged, clean = sheet[2], sheet[3]
    assert len(flagged) == WIDTH + len(ADDED)
    assert {c.fill.fgColor.rgb[-6:] for c in flagged} == {FILLS[Severity.HIGH]}
    assert {c.fill.fill_type for c in clean} == {None}


@pytest.mark.parametrize(
    ("row", "text"),
    [
        pytest.param(2, '=HYPERLINK("http://example.com","open")', id="equals"),
        pytest.param(3, "+cmd", id="plus"),
        pytest.param(4, "@SUM(1)", id="at"),
        pytest.param(5, "-5", id="minus"),
        pytest.param(6, "#N/A", id="error-value"),
    ],
)
def test_formula_looking_inventory_text_is_stored_as_text(
    report: Report, row: int, text: str
) -> None:
    cell = opened(report)["inv"].cell(row, WIDTH)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_the_findings_sheet_has_a_row_per_finding(report: Report) -> None:
    rows = values(opened(report)["Findings"])
    assert tuple(rows[0]) == FINDING_COLUMNS
    assert len(rows) - 1 == report.summary.findings == 6
    first = dict(zip(FINDING_COLUMNS, rows[1], strict=True))
    assert (first["Row"], first["Asset"], first["Site"], first["Rule"]) == (
        2,
        "CAM-1",
        "HQ",
        "XX-BAN-A",
    )
    assert first["Severity"] == "high"
    assert first["Evidence"] and first["Sources"] == "SRC1: A test source, Tests, 2020"
    finding = next(report.findings())
    assert first["Fingerprint"] == finding.fingerprint
    assert first["Message"] == finding.message


def test_the_summary_counts_are_the_reports(report: Report) -> None:
    data = written(report)
    rows = values(load_workbook(BytesIO(data))["Summary"])
    by_label = {r[0]: r[1] for r in rows if r[0] is not None}
    s = report.summary
    assert (by_label["Assets read"], by_label["Flagged assets"], by_label["Findings"]) == (
        s.assets,
        s.flagged,
        s.findings,
    )
    assert (by_label["Not recognised"], by_label["Skipped (not judged)"]) == (
        s.unknown,
        s.skipped,
    )
    assert {sev.value: by_label[sev.value] for sev in xlsx.SEVERITIES} == {
        sev.value: s.by_severity.get(sev.value, 0) for sev in xlsx.SEVERITIES
    }
    assert by_label["Acme Vision Technology Co., Ltd."] == s.by_group["acme"]
    assert by_label["ZED Corporation"] == s.by_group["zed"]
    assert {r: by_label[r] for r in s.by_rule} == s.by_rule
    assert (by_label["HQ"], by_label["Depot"]) == (1, 1)  # flagged assets per site
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert any(name.startswith("xl/charts/chart") for name in package.namelist())


@pytest.mark.parametrize(
    ("profile", "notice"),
    [
        pytest.param(None, True, id="no-profile-says-how-to-choose-one"),
        pytest.param("global", False, id="a-profile-chosen-needs-no-notice"),
    ],
)
def test_the_summary_says_how_to_choose_a_profile_beneath_the_profile(
    tmp_path: Path, test_pack: Pack, profile: str | None, notice: bool
) -> None:
    report = scan([inventory(tmp_path)], pack=test_pack, profile=profile, as_of=AS_OF)
    sheet = opened(report)["Summary"]
    head = [row[0] for row in sheet.iter_rows(max_row=3)]
    assert [c.value for c in head[:2]] == [
        "duediligence: equipment from covered vendors",
        "Profile",
    ]
    said = head[2].value
    assert isinstance(said, str)
    assert ("--profile NAME or `duediligence init`" in said) is notice
    if notice:
        assert said.startswith("No profile chosen, so no measure gives an action")
        assert head[2].alignment.wrap_text and head[2].font.bold


def test_the_remediation_sheet_lists_every_action(report: Report) -> None:
    rows = values(opened(report)["Remediation"])
    assert tuple(rows[0]) == xlsx.PLAN_COLUMNS
    assert len(rows) - 1 == sum(len(p.actions) for p in plan(report))
    assert rows[1][:4] == ["Depot", "replace", 1, "high"]


def test_without_the_inventories_a_sheet_holds_the_flagged_rows(report: Report) -> None:
    book = opened(report, reread=False)
    rows = values(book["inv"])
    assert rows[0] == ["Row", "Asset ID", "Make", "Model", "Site", "Colour", *ADDED]
    assert [r[:2] for r in rows[1:]] == [[2, "CAM-1"], [4, "CAM-3"]]
    notes = [r[0] for r in values(book["Summary"])]
    assert any(str(n).startswith("Written without access to the inventories") for n in notes)


def test_without_books_rows_keep_their_numbers_below_an_empty_title_block(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = write_workbook(
        tmp_path / "reg.xlsx",
        {
            "Register": [["Estate register"], [], *REGISTER],
            "Lookups": [["x"]],
        },
        states={"Lookups": "hidden"},
    )
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF)
    out = opened(report)  # as a library writes it: `rows` alone
    assert out.sheetnames == ["Summary", "Remediation", "Register", "Findings"]
    rows = values(out["Register"])
    assert rows[0] == rows[1] == [None] * 8
    assert rows[2][:3] == ["Make", "Model", "Flag"]
    assert rows[3][:3] == ["Axis", "P1", None]
    assert rows[4][:3] == ["Acme", "AC-1234B", "flagged"]
    notes = [r[0] for r in values(out["Summary"])]
    assert (
        "Rows keep their numbers; rows above a table's header (a title block) are empty." in notes
    )


REGISTER: list[list[Any]] = [["Make", "Model"], ["Axis", "P1"], ["Acme", "AC-1234B"]]
"""A workbook table: Acme AC-1234B is flagged, Axis P1 is not."""


def notes_of(book: Workbook) -> list[str]:
    firsts = [r[0] for r in values(book["Summary"])]
    return [str(n) for n in firsts[firsts.index("Notes") + 1 :]] if "Notes" in firsts else []


def test_a_title_block_is_copied_cell_for_cell_above_the_header(
    tmp_path: Path, test_pack: Pack
) -> None:
    title: list[list[Any]] = [
        ["Estate register", None, "Site list"],
        [None, "Printed 2026-01-01"],
        [],
    ]
    # The sheet starts at column B: the table's first column, and the title's, go to A.
    shifted = [[None, *row] for row in [*title, *REGISTER]]
    path = write_workbook(tmp_path / "reg.xlsx", {"Register": shifted})
    book = opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF), books=True)
    assert book.sheetnames == ["Summary", "Remediation", "Register", "Findings"]
    rows = values(book["Register"])
    assert rows[:3] == [
        ["Estate register", None, "Site list", *[None] * 5],
        [None, "Printed 2026-01-01", *[None] * 6],
        [None] * 8,
    ]
    assert rows[3] == ["Make", "Model", *ADDED]  # the header on its own row, 4
    assert rows[4][:3] == ["Axis", "P1", None]
    assert rows[5][:4] == ["Acme", "AC-1234B", "flagged", "high"]
    assert not any("title block" in n for n in notes_of(book))
    assert book["Register"].freeze_panes == "A5"


def test_hidden_and_very_hidden_sheets_are_copied_and_stay_hidden(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = write_workbook(
        tmp_path / "reg.xlsx",
        {
            "Lookups": [["Brand", "Owner"], ["Acme", "State Holding"]],
            "Register": REGISTER,
            "Retired": [[None, "AC-1234B", "removed 2024"]],
        },
        states={"Lookups": "hidden", "Retired": "veryHidden"},
    )
    book = opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF), books=True)
    assert book.sheetnames == [
        *("Summary", "Remediation", "Register", "Lookups", "Retired", "Findings")
    ]
    assert (book["Lookups"].sheet_state, book["Retired"].sheet_state) == ("hidden", "veryHidden")
    assert values(book["Lookups"]) == [["Brand", "Owner"], ["Acme", "State Holding"]]
    assert values(book["Retired"]) == [[None, "AC-1234B", "removed 2024"]]
    assert notes_of(book)[:2] == [
        f"{path}, sheet 'Lookups' (not read: hidden): copied as it is, without verdicts.",
        f"{path}, sheet 'Retired' (not read: very hidden): copied as it is, without verdicts.",
    ]


def test_a_sheet_without_a_header_row_is_copied_where_its_cells_were(
    tmp_path: Path, test_pack: Pack
) -> None:
    notes: list[list[Any]] = [[], [None, None, "Counted on site"], [], [None, None, None, 3]]
    path = write_workbook(tmp_path / "reg.xlsx", {"Register": REGISTER, "Notes": notes})
    book = opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF), books=True)
    sheet = book["Notes"]
    assert (sheet["C2"].value, sheet["D4"].value) == ("Counted on site", "3")  # every cell text
    assert (sheet.max_row, sheet.max_column) == (4, 4)  # nothing added: nothing was judged
    assert sheet.sheet_state == "visible"
    expected = (
        f"{path}, sheet 'Notes' (not read: no header row): copied as it is, without verdicts."
    )
    assert notes_of(book)[0] == expected


def test_an_empty_sheet_is_copied_and_a_chart_sheet_is_named_only(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = write_workbook(
        tmp_path / "reg.xlsx", {"Register": REGISTER, "Sheet2": []}, charts=("Chart1",)
    )
    book = opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF), books=True)
    assert book.sheetnames == ["Summary", "Remediation", "Register", "Sheet2", "Findings"]
    assert values(book["Sheet2"]) in ([], [[None]])
    assert notes_of(book)[:2] == [
        f"{path}, sheet 'Sheet2' (empty): copied as it is, without verdicts.",
        f"{path}, sheet 'Chart1' (a chart sheet): not copied, not being a worksheet.",
    ]


def test_formula_looking_text_above_a_header_and_in_a_copied_sheet_stays_text(
    tmp_path: Path, test_pack: Pack
) -> None:
    link = '=HYPERLINK("http://example.com","open")'
    path = write_workbook(
        tmp_path / "reg.xlsx",
        {"Register": [[link, "+1"], *REGISTER], "Lookups": [[None, link], ["@SUM(1)", "-5"]]},
        states={"Lookups": "hidden"},
    )
    data = written(scan([path], pack=test_pack, profile="global", as_of=AS_OF), books=True)
    book = load_workbook(BytesIO(data))
    for sheet, ref, text in (
        ("Register", "A1", link),
        ("Register", "B1", "+1"),
        ("Lookups", "B1", link),
        ("Lookups", "A2", "@SUM(1)"),
        ("Lookups", "B2", "-5"),
    ):
        cell = book[sheet][ref]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True), (sheet, ref)
    with zipfile.ZipFile(BytesIO(data)) as package:
        parts = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert parts and not any(
            b"<f>" in package.read(n) or b"<f " in package.read(n) for n in parts
        )


def test_copied_sheets_follow_their_own_workbooks_tables_named_within_excels_rules(
    tmp_path: Path, test_pack: Pack
) -> None:
    hidden = {"Summary": "hidden", "Findings": "veryHidden"}
    first = write_workbook(
        tmp_path / "a.xlsx",
        {"Summary": [["a's own summary"]], "Register": REGISTER, "Findings": [["a"]]},
        states=hidden,
    )
    second = write_workbook(
        tmp_path / "b.xlsx", {"Register": REGISTER, "Summary": [["b"]]}, states=hidden
    )
    book = opened(scan([first, second], pack=test_pack, profile="global", as_of=AS_OF), books=True)
    assert book.sheetnames == [
        *("Summary", "Remediation"),
        *("Register", "Summary (2)", "Findings (2)"),  # a.xlsx
        *("Register (2)", "Summary (3)"),  # b.xlsx
        "Findings",
    ]
    assert values(book["Summary (2)"]) == [["a's own summary"]]
    assert book["Findings (2)"].sheet_state == "veryHidden"
    assert notes_of(book)[0] == (
        f"{first}, sheet 'Summary' (not read: hidden): copied as it is, without verdicts,"
        " as sheet 'Summary (2)'."
    )


def test_a_copied_sheet_past_excels_row_limit_ends_with_a_note(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_workbook(
        tmp_path / "reg.xlsx",
        {"Register": REGISTER, "Archive": [[f"row {n}"] for n in range(1, 11)]},
        states={"Archive": "hidden"},
    )
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 6)
    rows = values(opened(report, books=True)["Archive"])
    assert [r[0] for r in rows[:5]] == [f"row {n}" for n in range(1, 6)]
    assert len(rows) == 6
    assert rows[-1][0].startswith("… 5 more rows are not in this sheet")


def test_records_without_a_header_row_are_listed_with_their_numbers(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = inventory(
        tmp_path,
        '[{"make": "Axis", "model": "P1"}, {"make": "Acme", "model": "AC-1234B"}]',
        name="inv.json",
    )
    rows = values(opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF))["inv"])
    assert [r[:4] for r in rows] == [
        ["Row", "make", "model", "Flag"],
        [1, "Axis", "P1", None],
        [2, "Acme", "AC-1234B", "flagged"],
    ]


def test_sheets_past_excels_row_limit_end_with_a_note(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 6)
    book = opened(report)
    findings = values(book["Findings"])
    assert len(findings) == 6  # the header, four findings, the note
    assert findings[-1][0] == (
        "… 2 more findings are not in this workbook: an Excel sheet holds at most 6 rows."
        " The JSON report (--format json) holds them all."
    )
    table = values(book["inv"])
    assert table[-1][0].startswith("… 1 more rows are not in this sheet")
    notes = [r[0] for r in values(book["Summary"])]
    assert any(str(n).startswith("The Findings sheet lists the first 4 of 6") for n in notes)


def test_each_table_gets_a_sheet_named_within_excels_rules(tmp_path: Path, test_pack: Pack) -> None:
    paths = [
        inventory(tmp_path, name="a/inv.csv"),
        inventory(tmp_path, name="b/inv.csv"),
        inventory(tmp_path, name="Summary.csv"),
        inventory(tmp_path, name="[site]: " + "x" * 40 + ".csv"),
    ]
    report = scan(paths, pack=test_pack, profile="global", as_of=AS_OF)
    assert opened(report).sheetnames == [
        "Summary",
        "Remediation",
        "inv",
        "inv (2)",
        "Summary (2)",
        "_site__ " + "x" * 23,
        "Findings",
    ]


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_rows_read_in_blocks_give_the_same_workbook(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    lines = [
        f"A{n},Acme,AC-{1000 + n}B,S{n % 4}" if n % 3 else f"A{n},Axis,P{n},S1" for n in range(300)
    ]
    path = inventory(tmp_path, "Tag,Make,Model,Site\n" + "\n".join(lines) + "\n")
    monkeypatch.setattr(blocks, "MIN_BYTES", 1 << 60)
    expected = opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # several blocks
    book = opened(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    for name in ("inv", "Findings", "Remediation"):
        assert values(book[name]) == values(expected[name])
    assert sum(r[4] == "flagged" for r in values(book["inv"])) == 200


def test_our_own_reader_reads_the_workbook(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(written(report))
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("inv").to_python()
    assert rows[1][:2] == ["CAM-1", "Acme"]
    assert rows[1][WIDTH] == "flagged"
    assert len(book.get_sheet_by_name("Findings").to_python()) == 1 + report.summary.findings


# --- the gate ------------------------------------------------------------------------------

# In the test pack AcmeLine AC-1234B meets XX-BAN-A and XX-BRAND-BAN (high), RISK-STATE and
# RISK-XJ (medium); ZED X1 meets the two high ones.
GATED = (
    "Asset ID,Make,Model,Site\n"
    "CAM-1,AcmeLine,AC-1234B,HQ\n"  # in the baseline: nothing new
    "NVR-2,ZED,X1,HQ\n"  # new; XX-BAN-A waived
    "CAM-3,AcmeLine,AC-1234B,Depot\n"  # new
)
WAIVED = "waived until 2026-12-31 (Head of Security): isolated VLAN"


def gated(tmp_path: Path, pack: Pack, text: str = GATED) -> Report:
    """A scan with a waiver (and a stale one) against a baseline that held CAM-1."""
    held = "\n".join(GATED.splitlines()[:2]) + "\n"
    old = scan(
        [inventory(tmp_path, held, name="old/inv.csv")], pack=pack, profile="global", as_of=AS_OF
    )
    old_doc = StringIO()
    json_report.write(old, RenderOptions(), old_doc)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(old_doc.getvalue(), encoding="utf-8")
    entries = (
        {"asset": "NVR-2", "rule": "XX-BAN-A", "expires": "2026-12-31"},
        {"asset": "CAM-9", "rule": "*", "expires": "2026-01-20"},
    )
    return scan(
        [inventory(tmp_path, text)],
        pack=pack,
        profile="global",
        as_of=AS_OF,
        waivers=waivers_file(tmp_path / "waivers.yml", *entries),
        baseline=baseline,
    )


def gate_cell(f: Finding) -> str | None:
    """What the Findings sheet's Gate column says of a finding."""
    lines = [WAIVED] if f.waiver is not None else []
    lines += ["new since baseline"] if f.new else []
    return "\n".join(lines) or None


@pytest.mark.parametrize("reread", [True, False], ids=["every-row", "flagged-rows-only"])
def test_a_tables_sheet_marks_waived_and_new_findings_in_a_gate_column(
    tmp_path: Path, test_pack: Pack, reread: bool
) -> None:
    rows = values(opened(gated(tmp_path, test_pack), reread)["inv"])
    first = 0 if reread else 1  # the Row column
    assert rows[0][first:] == ["Asset ID", "Make", "Model", "Site", *ADDED, "Gate"]
    gate = {r[first]: r[-1] for r in rows[1:]}
    assert gate == {
        "CAM-1": None,
        "NVR-2": f"XX-BAN-A: {WAIVED}\nnew since baseline",
        "CAM-3": "new since baseline",
    }
    assert [r[first + 4] for r in rows[1:]] == ["flagged"] * 3  # waived is still flagged


def test_the_findings_sheet_lists_waived_findings_with_the_gates_note(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = gated(tmp_path, test_pack)
    rows = values(opened(report)["Findings"])
    columns = list(rows[0])
    assert columns[columns.index("Severity") + 1 :][:2] == ["Gate", "Jurisdiction"]
    listed = [dict(zip(columns, r, strict=True)) for r in rows[1:]]
    findings = list(report.findings())
    assert len(listed) == len(findings) == 10  # nothing waived is dropped
    assert [(r["Fingerprint"], r["Gate"]) for r in listed] == [
        (f.fingerprint, gate_cell(f)) for f in findings
    ]
    assert {r["Asset"]: r["Gate"] for r in listed if r["Rule"] == "XX-BAN-A"} == {
        "CAM-1": None,
        "NVR-2": f"{WAIVED}\nnew since baseline",
        "CAM-3": "new since baseline",
    }
    assert listed[0]["Jurisdiction"] == findings[0].jurisdiction  # later columns shifted


def test_the_summary_shows_the_gate_and_every_waiver(tmp_path: Path, test_pack: Pack) -> None:
    report = gated(tmp_path, test_pack)
    assert report.gate is not None and report.gate.baseline is not None
    rows = values(opened(report)["Summary"])
    by_label = {r[0]: r[1] for r in rows if r[0] is not None}
    assert (by_label["Fail on"], by_label["Failing (count for the exit code)"]) == ("high", 3)
    assert (by_label["Result"], by_label["Waived (listed, marked in the Gate column)"]) == (
        "fail",
        1,
    )
    b = report.gate.baseline
    assert by_label["Baseline"] == f"{b.source} (4 findings, as of {b.as_of})"
    assert (
        by_label["New since the baseline"],
        by_label["Unchanged since the baseline"],
        by_label["Gone since the baseline"],
    ) == (6, 4, 0)
    header = rows.index(list(xlsx.WAIVER_COLUMNS))
    waiver, stale = (r[: len(xlsx.WAIVER_COLUMNS)] for r in rows[header + 1 : header + 3])
    assert waiver[1:] == [
        "NVR-2",
        "XX-BAN-A",
        "isolated VLAN",
        "Head of Security",
        "2026-12-31",
        "active",
        1,
    ]
    assert str(waiver[0]).endswith("(waivers[0])")
    assert (stale[1], stale[6], stale[7]) == ("CAM-9", "expiring, stale", 0)
    assert any("matched no finding (stale)" in str(r[0]) for r in rows[header:])  # a note


def test_without_waivers_or_a_baseline_the_gate_is_its_threshold_and_count(
    report: Report,
) -> None:
    book = opened(report)
    by_label = {r[0]: r[1] for r in values(book["Summary"]) if r[0] is not None}
    assert (by_label["Fail on"], by_label["Failing (count for the exit code)"]) == ("high", 4)
    assert "Baseline" not in by_label and xlsx.WAIVER_COLUMNS[0] not in by_label
    assert "Gate" not in values(book["inv"])[0] and "Gate" not in values(book["Findings"])[0]


def test_rows_read_in_blocks_are_marked_as_rows_read_one_by_one(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [GATED.rstrip()] + [f"A{n},AcmeLine,AC-1234B,S{n % 4}" for n in range(300)]
    monkeypatch.setattr(blocks, "MIN_BYTES", 1 << 60)
    expected = opened(gated(tmp_path, test_pack, "\n".join(lines) + "\n"))
    monkeypatch.setattr(blocks, "MIN_BYTES", 0)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # several blocks
    book = opened(gated(tmp_path, test_pack, "\n".join(lines) + "\n"))
    for name in ("inv", "Findings"):
        assert values(book[name]) == values(expected[name])
    gate = [r[-1] for r in values(book["inv"])[1:]]
    assert gate[:3] == [None, f"XX-BAN-A: {WAIVED}\nnew since baseline", "new since baseline"]
    assert gate.count("new since baseline") == 301


def test_a_rows_gate_cell_names_the_rules_only_when_it_concerns_some_of_them(
    tmp_path: Path, test_pack: Pack
) -> None:
    # A baseline written for `strict` did not evaluate XX-BRAND-BAN, RISK-STATE or RISK-XJ.
    held = scan([inventory(tmp_path, GATED, name="old/inv.csv")], pack=test_pack, profile="strict")
    old = StringIO()
    json_report.write(held, RenderOptions(), old)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(old.getvalue(), encoding="utf-8")
    entries = ({"asset": "CAM-1", "rule": "*", "expires": "2026-12-31"},)
    report = scan(
        [inventory(tmp_path, GATED)],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
        waivers=waivers_file(tmp_path / "waivers.yml", *entries),
        baseline=baseline,
    )
    gate = {r[0]: r[-1] for r in values(opened(report)["inv"])[1:]}
    assert gate["CAM-1"] == f"{WAIVED}\nnew since baseline: XX-BRAND-BAN, RISK-STATE, RISK-XJ"
    assert gate["NVR-2"] == "new since baseline: XX-BRAND-BAN"


def test_the_summary_counts_and_lists_rows_not_covered(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Description\nB-1,Acme,bracket\n")
    report = scan([path], pack=test_pack, as_of=AS_OF)
    rows = [tuple(r[:2]) for r in values(opened(report)["Summary"])]
    assert ("Not covered equipment (not flagged)", 1) in rows
    assert (
        "Not covered (1 rows)",
        "the row names 'Acme', but the description says the item is an accessory or consumable"
        " ('bracket'): not covered equipment",
    ) in rows


@pytest.mark.parametrize(
    ("profile", "acme", "zed"),
    [
        pytest.param(
            None,
            ("medium", "RISK-STATE, RISK-XJ\nalso restricted in: XX", "Mitigate"),
            ("info", "also restricted in: XX", None),
            id="no-profile-no-borrowed-action",
        ),
        pytest.param(
            "strict",
            ("critical", "XX-BAN-A\nalso restricted in: XX", "Remove"),
            ("critical", "XX-BAN-A\nalso restricted in: XX", "Remove"),
            id="strict",
        ),
    ],
)
def test_the_rules_cell_holds_what_binds_then_where_else(
    tmp_path: Path,
    test_pack: Pack,
    profile: str | None,
    acme: tuple[str, str, str],
    zed: tuple[str, str, str | None],
) -> None:
    text = "Asset ID,Make,Model,Site\nCAM-1,Acme,AC-1234B,HQ\nCAM-2,ZED,Z-1,Depot\n"
    path = inventory(tmp_path, text)
    rows = values(opened(scan([path], pack=test_pack, profile=profile, as_of=AS_OF))["inv"])
    for row, (severity, rules, action) in zip(rows[1:], (acme, zed), strict=True):
        added = row[4:]
        assert (added[1], added[3]) == (severity, rules)
        assert (added[5].split("\n")[0] if added[5] else None) == action


def test_the_remediation_sheet_says_by_when_to_patch_and_which_advisories(
    tmp_path: Path,
) -> None:
    rows = values(opened(kev_report(tmp_path), reread=False)["Remediation"])
    header = rows[0]
    got = {r[0]: tuple(r[header.index(c)] for c in PATCH) for r in rows[1:]}
    assert got == {
        "Depot": ("2022-01-24", "overdue", "CVE-2021-36260"),
        "HQ": ("2022-01-24", "overdue", "CVE-2021-33044, CVE-2021-33045, CVE-2021-36260"),
    }


PATCH = ("Patch by", "Patch overdue", "Known-exploited advisories")


def test_the_summary_lists_each_sites_known_exploited_advisories(tmp_path: Path) -> None:
    rows = values(opened(kev_report(tmp_path), reread=False)["Summary"])
    start = next(i for i, r in enumerate(rows) if tuple(r[:5]) == xlsx.ADVISORY_COLUMNS)
    table = [r[:5] for r in rows[start + 1 : start + 5]]
    assert table == [
        ["CVE-2021-36260", "Depot", 1, "2022-01-24", "overdue"],
        ["CVE-2021-33044", "HQ", 1, "2024-09-11", "overdue"],
        ["CVE-2021-33045", "HQ", 1, "2024-09-11", "overdue"],
        ["CVE-2021-36260", "HQ", 1, "2022-01-24", "overdue"],
    ]
