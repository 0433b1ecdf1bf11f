"""The Markdown summary as a pull-request comment shows it: verdict, counts, first assets."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openpyxl import Workbook

from duediligence.api import scan
from duediligence.pack.loader import Pack
from duediligence.report import markdown
from duediligence.report.interface import RenderOptions
from duediligence.results.findings import Deadline
from duediligence.results.report import Report
from tests.report.kev import kev_report

AS_OF = date(2026, 1, 1)
HEADER = "Asset ID,Make,Model,Site"


def render(report: Report) -> str:
    out = StringIO()
    markdown.write(report, RenderOptions(), out)
    return out.getvalue()


def html(text: str) -> str:
    """The page as a GFM-like renderer shows it (CommonMark with tables)."""
    page: str = MarkdownIt("commonmark").enable("table").render(text)
    return page


def scanned(tmp_path: Path, pack: Pack, *rows: str) -> Report:
    path = tmp_path / "inv.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return scan([path], pack=pack, profile="global", as_of=AS_OF)


def section(text: str, title: str) -> list[str]:
    """The table rows under a '### title' heading (header and rule line excluded)."""
    lines = text.splitlines()
    start = lines.index(f"### {title}") + 4
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return lines[start:end]


def test_status_summary_and_tables(tmp_path: Path, test_pack: Pack) -> None:
    report = scanned(
        tmp_path,
        test_pack,
        "CAM-1,AcmeLine,AC-1234B,HQ",
        "CAM-2,ZED,Z1,HQ",
        "CAM-3,Axis,P1,HQ",
        "CAM-4,,,HQ",
    )
    text = render(report)
    lines = text.splitlines()
    assert (
        lines[0]
        == "## duediligence: ❌ 4 findings at or above high · 2 assets flagged (6 findings)"
    )
    assert lines[2].startswith(
        "4 assets read · 2 attributed · 2 flagged · 1 not recognised · 1 skipped"
    )
    assert section(text, "Findings by severity") == ["| high | 4 |", "| medium | 2 |"]
    assert section(text, "Flagged assets by vendor group") == [
        "| Acme Vision Technology Co., Ltd. | 1 |",
        "| ZED Corporation | 1 |",
    ]
    assert section(text, "Findings by rule") == [
        "| XX-BAN-A | Test ban | 2 |",
        "| XX-BRAND-BAN | Brand ban | 2 |",
        "| RISK-STATE | State ownership | 1 |",
        "| RISK-XJ | Xinjiang | 1 |",
    ]
    flagged = section(text, "Flagged assets")
    where = markdown.literal(str(tmp_path / "inv.csv"))  # underscores in the path escaped
    assert flagged[0] == (
        f"| CAM-1 | {where}:2 | AcmeLine (Acme Vision Technology Co., Ltd.)"
        " | high | XX-BAN-A, XX-BRAND-BAN, RISK-STATE, RISK-XJ |"
    )
    assert flagged[1].startswith("| CAM-2 |") and "| ZED Corporation | high |" in flagged[1]
    assert "left out" not in text and "<details>" not in text
    assert render(report) == text


def test_no_findings(tmp_path: Path, test_pack: Pack) -> None:
    text = render(scanned(tmp_path, test_pack, "CAM-1,Axis,P1,HQ"))
    assert text.splitlines()[0] == "## duediligence: ✅ no findings"
    assert "###" not in text  # no empty tables


def test_the_flagged_table_stops_at_fifty_and_says_how_many_were_left_out(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = scanned(tmp_path, test_pack, *(f"CAM-{n},Acme,AC-1234B,HQ" for n in range(73)))
    text = render(report)
    rows = section(text, "Flagged assets")
    assert len(rows) == markdown.SHOWN_ASSETS == 50
    assert rows[-1].startswith("| CAM-49 |")
    assert "… and 23 more flagged assets left out: see the JSON report" in text
    assert "--format json" in text


def test_the_page_never_exceeds_the_limit(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_id = "𝒞" * 100  # outside the BMP: two UTF-16 units each, as GitHub counts
    report = scanned(tmp_path, test_pack, *(f"{long_id}{n},Acme,AC-1234B,HQ" for n in range(40)))
    report = dataclasses.replace(report, warnings=tuple(f"warning {n} " * 30 for n in range(99)))
    full = render(report)
    assert len(section(full, "Flagged assets")) == 40
    assert "more warnings left out" not in full

    monkeypatch.setattr(markdown, "MAX_CHARS", 6000)
    text = render(report)
    assert len(text.encode("utf-16-le")) // 2 <= 6000
    shown = len(section(text, "Flagged assets"))
    assert 0 < shown < 40
    assert f"… and {40 - shown} more flagged assets left out" in text
    assert "more warnings left out: see the JSON report" in text
    assert text.rstrip().endswith("</details>")  # the collapsible block is still closed


def test_warnings_are_collapsed(tmp_path: Path, test_pack: Pack) -> None:
    report = scanned(tmp_path, test_pack, "CAM-1,AcmeLine,AC-1234B,HQ")
    report = dataclasses.replace(report, warnings=("the pack is old", "a <b>sheet</b> is empty"))
    text = render(report)
    block = text[text.index("<details>") :]
    assert block.splitlines()[:5] == [
        "<details><summary>2 warnings</summary>",
        "",
        "- the pack is old",
        "- a \\<b\\>sheet\\</b\\> is empty",
        "",
    ]


def test_inventory_text_is_shown_literally(tmp_path: Path, test_pack: Pack) -> None:
    hostile = [
        "<img src=x onerror=alert(1)>",
        "[click](http://evil.example)",
        "a | b",
        "# heading",
        "=== ",
        "`code`",
        "*bold* _it_ ~~gone~~",
        "1. item",
        "&lt;",
        "@octocat",
    ]
    rows = [f'"{cell}",Acme,AC-1234B,HQ' for cell in hostile]
    rows.append('"two\nlines",Acme,AC-1234B,HQ')
    text = render(scanned(tmp_path, test_pack, *rows))
    table = section(text, "Flagged assets")
    assert len(table) == len(hostile) + 1  # neither the pipe nor the newline split a row
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in table)  # five cells each
    page = html(text)
    for tag in ("<img", "<a ", "<h1", "<code", "<em", "<strong", "<s>", "<ol", "<li"):
        assert tag not in page
    cells = [row.split(" | ")[0].removeprefix("| ") for row in table]
    rendered = [html(cell).strip().removeprefix("<p>").removesuffix("</p>") for cell in cells]
    assert rendered[:4] == [
        "&lt;img src=x onerror=alert(1)&gt;",
        "[click](http://evil.example)",
        "a | b",
        "# heading",
    ]
    assert rendered[-2:] == ["@\u2060octocat", "two lines"]  # no one is notified
    assert "&amp;lt;" in page  # an entity in a cell is shown as typed, not decoded


def test_control_and_direction_characters_are_dropped() -> None:
    assert markdown.literal("evil\u202etxt.exe\x00\x1b[31m") == "eviltxt.exe\\[31m"
    assert markdown.literal("x" * 500) == "x" * (markdown.MAX_CELL - 1) + "…"


def test_a_workbook_row_is_located_by_file_row_and_sheet(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cameras"
    sheet.append(HEADER.split(","))
    sheet.append(["CAM-1", "Acme", "AC-1234B", "HQ"])
    book.save(tmp_path / "register.xlsx")
    monkeypatch.chdir(tmp_path)
    text = render(scan(["register.xlsx"], pack=test_pack, profile="global", as_of=AS_OF))
    (flagged,) = section(text, "Flagged assets")
    assert flagged.startswith("| CAM-1 | register.xlsx:2 (Cameras) | Acme Vision")


def test_remediation_by_site(tmp_path: Path, test_pack: Pack) -> None:
    report = scanned(
        tmp_path,
        test_pack,
        "CAM-1,AcmeLine,AC-1234B,HQ",
        "CAM-2,Acme,AC-2040X-I,HQ",
        "CAM-3,Acme,AC-9999Z,HQ",
        "CAM-4,Acme,AC-1234B,HQ",
        "CAM-5,ZED,Z1,*Depot*",
        "CAM-6,ZED,Z1,",
    )
    deadline = Deadline("replace by", "2025-06-30")
    rules = dict(report.rules)
    rules["XX-BAN-A"] = dataclasses.replace(rules["XX-BAN-A"], deadlines=(deadline,))
    rules["RISK-STATE"] = dataclasses.replace(
        rules["RISK-STATE"], mitigations=("Isolate the camera network.", "Patch firmware.")
    )
    text = render(dataclasses.replace(report, rules=rules))
    assert section(text, "Remediation by site") == [
        "| \\*Depot\\* | replace | 1 | 2025-06-30, overdue | XX-BAN-A, XX-BRAND-BAN | CAM-5 |",
        "| HQ | replace | 4 | 2025-06-30, overdue | XX-BAN-A, XX-BRAND-BAN"
        " | CAM-1, CAM-2, CAM-3 and 1 more |",
        "| (no site) | replace | 1 | 2025-06-30, overdue | XX-BAN-A, XX-BRAND-BAN | CAM-6 |",
    ]
    # The table's header: the page says what the columns are.
    assert "| Site | Action | Assets | By | Rules | Examples |" in text
    assert "Mitigations" not in text  # the risk rules' are moot: the equipment is replaced


def test_remediation_lists_each_shown_rules_mitigations_once(
    tmp_path: Path, test_pack: Pack
) -> None:
    report = scanned(tmp_path, test_pack, "CAM-1,Acme,AC-1234B,HQ", "CAM-2,Acme,AC-1234B,Depot")
    rules = dict(report.rules)
    for rule_id in ("XX-BAN-A", "XX-BRAND-BAN"):
        rules[rule_id] = dataclasses.replace(rules[rule_id], status="advisory")
    rules["RISK-STATE"] = dataclasses.replace(
        rules["RISK-STATE"], mitigations=("Isolate the <camera> network.",)
    )
    text = render(dataclasses.replace(report, rules=rules))
    rows = section(text, "Remediation by site")
    assert [r.split(" | ")[:3] for r in rows] == [
        ["| Depot", "mitigate", "1"],
        ["| HQ", "mitigate", "1"],
    ]
    block = text[text.index("Mitigations, for equipment that stays") :].splitlines()
    assert block[2:4] == ["- RISK-STATE", "  - Isolate the \\<camera\\> network."]


def test_remediation_stops_and_says_where_the_rest_is(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = scanned(tmp_path, test_pack, *(f"CAM-{n},Acme,AC-1234B,Site {n}" for n in range(5)))
    monkeypatch.setattr(markdown, "SHOWN_ACTIONS", 2)
    text = render(report)
    assert len(section(text, "Remediation by site")) == 2
    assert (
        "… and 3 more remediation lines left out: see the workbook"
        " (`duediligence scan --format xlsx`) or the HTML report." in text
    )


@pytest.mark.parametrize(
    ("profile", "cell"),
    [
        pytest.param(None, "RISK-STATE, RISK-XJ; also restricted in: XX", id="no-profile"),
        pytest.param("strict", "XX-BAN-A; also restricted in: XX", id="strict"),
        pytest.param("global", "XX-BAN-A, XX-BRAND-BAN, RISK-STATE, RISK-XJ |", id="global"),
    ],
)
def test_the_flagged_table_folds_what_binds_someone_else(
    tmp_path: Path, test_pack: Pack, profile: str | None, cell: str
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(f"{HEADER}\nCAM-1,Acme,AC-1234B,HQ\n", encoding="utf-8")
    text = render(scan([path], pack=test_pack, profile=profile, as_of=AS_OF))
    assert cell in text
    assert ("no profile chosen" in text) is (profile is None)


def test_remediation_says_by_when_to_patch(tmp_path: Path) -> None:
    lines = section(render(kev_report(tmp_path)), "Remediation by site")
    depot = next(line for line in lines if line.startswith("| Depot |"))
    assert "| patch by 2022-01-24, overdue |" in depot
