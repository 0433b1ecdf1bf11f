"""The SARIF log: what a code-scanning service needs to show, track and gate on findings."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import sys
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from duediligence.api import scan
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack
from duediligence.report import sarif
from duediligence.report.interface import RenderOptions
from duediligence.results.block import Block
from duediligence.results.findings import Severity
from duediligence.results.report import Report
from tests.factory import MEASURES, SOURCES, make_pack
from tests.report.kev import kev_report

AS_OF = date(2026, 1, 1)
HEADER = "Asset ID,Make,Model,Site"
ACME_ROW = "CAM-{n},AcmeLine,AC-1234B,HQ"  # four findings in the test pack: 2 high, 2 medium
ZED_ROW = "NVR-{n},ZED,X1,HQ"  # two findings in the test pack, both high
SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))
# jsonschema ships no type hints.
Draft7Validator: Any = import_module("jsonschema").Draft7Validator


def log(report: Report) -> dict[str, Any]:
    """The report as SARIF, parsed, after checking it against the OASIS schema."""
    out = io.StringIO()
    sarif.write(report, RenderOptions(), out)
    doc: dict[str, Any] = json.loads(out.getvalue())
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    return doc


def text(report: Report) -> str:
    out = io.StringIO()
    sarif.write(report, RenderOptions(), out)
    return out.getvalue()


def csv(path: Path, *rows: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def graded_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """The test pack with one severity per rule, mitigations and a second, linked source."""
    measures = copy.deepcopy(MEASURES)
    severities = {
        "XX-BAN-A": "critical",
        "XX-BRAND-BAN": "high",
        "RISK-STATE": "medium",
        "RISK-XJ": "low",
        "RISK-CONFLICT": "medium",  # never met by the rows below
    }
    for m in measures["measures"]:
        m["severity"] = {"default": severities[m["id"]]}
    ban = measures["measures"][0]
    ban["mitigations"] = ["Segment the network.", "Block outbound traffic."]
    ban["sources"] = ["SRC1", "SRC2"]
    info = {**copy.deepcopy(measures["measures"][4]), "id": "RISK-XJ-NOTE", "title": "Note"}
    info["severity"] = {"default": "info"}
    measures["measures"].append(info)
    sources = [
        *SOURCES,
        {
            "id": "SRC2",
            "title": "The ban itself",
            "publisher": "Gazette",
            "date": "2019-08-13",
            "url": "https://example.org/ban",
        },
    ]
    return make_pack(
        tmp_path_factory.mktemp("graded"),
        **{"measures/xx.yml": measures, "sources.yml": {"sources": sources}},
    )


def test_the_log_is_sarif_2_1_0_with_one_run(tmp_path: Path, test_pack: Pack) -> None:
    report = scan(
        [csv(tmp_path / "inv.csv", ACME_ROW.format(n=1))],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
    )
    doc = log(report)
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "duediligence"
    assert driver["version"] == report.tool.version
    assert "informationUri" not in driver
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_one_result_per_finding(tmp_path: Path, test_pack: Pack) -> None:
    rows = [ACME_ROW.format(n=1), "CAM-2,Axis,P1,HQ", ZED_ROW.format(n=3), ACME_ROW.format(n=4)]
    report = scan([csv(tmp_path / "inv.csv", *rows)], pack=test_pack, profile="global", as_of=AS_OF)
    results = log(report)["runs"][0]["results"]
    findings = list(report.findings())
    assert len(results) == len(findings) == 10
    # In inventory order when they all fit.
    assert [(r["ruleId"], r["partialFingerprints"]["duediligence/v1"]) for r in results] == [
        (f.rule_id, f.fingerprint) for f in findings
    ]
    first = results[0]
    assert first["message"]["text"].startswith(findings[0].message)
    assert (
        f"attributed to AcmeLine, confidence {findings[0].confidence:.2f}"
        in first["message"]["text"]
    )
    assert first["properties"] == {
        "severity": "high",
        "entity": "acmeline",
        "group": "acme",
        "confidence": findings[0].confidence,
        "asset_id": "CAM-1",
        "references": list(findings[0].references),
    }


def test_every_rule_is_described_once_with_what_to_do_and_how_to_waive_it(
    tmp_path: Path, graded_pack: Pack
) -> None:
    report = scan(
        [csv(tmp_path / "inv.csv", ACME_ROW.format(n=1))],
        pack=graded_pack,
        profile="global",
        as_of=AS_OF,
    )
    run = log(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    # Code scanning rejects a run that names a rule twice.
    assert [r["id"] for r in rules] == list(report.rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    ban = rules[[r["id"] for r in rules].index("XX-BAN-A")]
    assert ban["name"] == "XX-BAN-A"
    assert ban["shortDescription"] == {"text": "Test ban"}
    assert ban["fullDescription"] == {"text": "Because."}
    waiver = (
        "waivers:\n"
        "  - asset: <asset id>          # an asset id, or `fingerprint: <fingerprint>`\n"
        "    rule: XX-BAN-A\n"
        "    reason: <why this equipment may stay, and until when>\n"
        "    approved_by: <role>\n"
        "    expires: <YYYY-MM-DD>"
    )
    for help_ in (ban["help"]["text"], ban["help"]["markdown"]):
        assert "Remove it." in help_
        assert "Segment the network." in help_
        assert "Block outbound traffic." in help_
        for cited in ("A test source", "Tests", "2020", "The ban itself", "Gazette", "2019-08-13"):
            assert cited in help_
        assert "https://example.org/ban" in help_
        assert waiver in help_
    assert f"```yaml\n{waiver}\n```" in ban["help"]["markdown"]
    assert ban["properties"]["tags"] == ["security", "measure", "XX"]
    assert ban["properties"]["precision"] == "high"
    risk = rules[[r["id"] for r in rules].index("RISK-STATE")]
    assert risk["properties"]["tags"] == ["security", "risk"]  # no jurisdiction
    assert "rule: RISK-STATE\n" in risk["help"]["text"]


def test_severity_sets_the_level_and_the_security_severity(
    tmp_path: Path, graded_pack: Pack
) -> None:
    report = scan(
        [csv(tmp_path / "inv.csv", ACME_ROW.format(n=1))],
        pack=graded_pack,
        profile="global",
        as_of=AS_OF,
    )
    run = log(report)["runs"][0]
    expected = {
        "critical": ("error", "9.5"),
        "high": ("error", "8.0"),
        "medium": ("warning", "5.5"),
        "low": ("note", "3.0"),
        "info": ("note", "1.0"),
    }
    seen = {r["properties"]["severity"]: r["level"] for r in run["results"]}
    assert seen == {sev: level for sev, (level, _) in expected.items()}
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        rule = rules[result["ruleId"]]
        level, score = expected[result["properties"]["severity"]]
        assert rule["defaultConfiguration"] == {"level": level}
        assert rule["properties"]["security-severity"] == score
    # A rule no row met still needs a default: the mildest.
    conflict = rules["RISK-CONFLICT"]
    assert conflict["defaultConfiguration"] == {"level": "note"}
    assert conflict["properties"]["security-severity"] == "1.0"


def test_a_rule_defaults_to_the_worst_severity_it_was_found_at(
    tmp_path: Path, test_pack: Pack
) -> None:
    rows = [ACME_ROW.format(n=1), ZED_ROW.format(n=2)]
    report = scan([csv(tmp_path / "inv.csv", *rows)], pack=test_pack, profile="global", as_of=AS_OF)
    acme, zed = report.judgments
    # The same rule at two severities (as a layered pack could set them): the worst wins.
    hits = tuple(
        dataclasses.replace(h, severity=Severity.CRITICAL) if h.rule_id == "XX-BAN-A" else h
        for h in zed.hits
    )
    report = dataclasses.replace(report, judgments=(acme, dataclasses.replace(zed, hits=hits)))
    rules = {r["id"]: r for r in log(report)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["XX-BAN-A"]["defaultConfiguration"] == {"level": "error"}
    assert rules["XX-BAN-A"]["properties"]["security-severity"] == "9.5"
    assert rules["RISK-STATE"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["RISK-STATE"]["properties"]["security-severity"] == "5.5"


def test_a_result_points_at_the_file_and_row(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    csv(Path("registers") / "site a.csv", "CAM-1,Axis,P1,HQ", ZED_ROW.format(n=2))
    report = scan(["registers/site a.csv"], pack=test_pack, profile="global", as_of=AS_OF)
    results = log(report)["runs"][0]["results"]
    assert len(results) == 2
    for result in results:
        (where,) = result["locations"]
        assert where["physicalLocation"] == {
            "artifactLocation": {"uri": "registers/site%20a.csv"},  # relative stays relative
            "region": {"startLine": 3},  # the header is row 1
        }
        assert "logicalLocations" not in where


def test_paths_become_uri_references() -> None:
    assert sarif.artifact_uri("inv.csv") == "inv.csv"
    assert sarif.artifact_uri("regs\\Site A\\inv.csv") == "regs/Site%20A/inv.csv"
    assert sarif.artifact_uri("/srv/regs/inv.csv") == "/srv/regs/inv.csv"
    assert sarif.artifact_uri("C:\\Regs\\inv 1.csv") == "file:///C:/Regs/inv%201.csv"
    assert sarif.artifact_uri("a:b/100%.csv") == "a%3Ab/100%25.csv"  # not a scheme
    assert sarif.artifact_uri("资产.csv") == "%E8%B5%84%E4%BA%A7.csv"
    assert sarif.artifact_uri("<stdin>") == "stdin"


def test_standard_input_is_named_stdin(test_pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    data = f"{HEADER}\n{ZED_ROW.format(n=1)}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    report = scan(["-"], pack=test_pack, profile="global", as_of=AS_OF)
    results = log(report)["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "stdin"
    }


def test_a_workbook_result_names_the_sheet_and_row(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Cameras"
    sheet.append(["Site cameras, 2025"])
    sheet.append(HEADER.split(","))
    sheet.append(["CAM-1", "Axis", "P1", "HQ"])
    sheet.append(ZED_ROW.format(n=2).split(","))
    book.save(tmp_path / "register.xlsx")
    monkeypatch.chdir(tmp_path)
    report = scan(["register.xlsx"], pack=test_pack, profile="global", as_of=AS_OF)
    results = log(report)["runs"][0]["results"]
    assert len(results) == 2
    for result in results:
        (where,) = result["locations"]
        assert where["physicalLocation"] == {
            "artifactLocation": {"uri": "register.xlsx"},
            "region": {"startLine": 4},  # the row Excel shows
        }
        assert where["logicalLocations"] == [
            {
                "name": "Cameras!4",
                "fullyQualifiedName": "register.xlsx/Cameras/row 4",
                "kind": "element",
            }
        ]


def test_fingerprints_survive_reordering_rows(tmp_path: Path, test_pack: Pack) -> None:
    # The last row has no asset id: it is identified by make, model and site.
    rows = [ACME_ROW.format(n=1), "CAM-2,Axis,P1,HQ", ZED_ROW.format(n=3), ",AcmeLine,AC-2040X,HQ"]
    before = scan(
        [csv(tmp_path / "a" / "inv.csv", *rows)], pack=test_pack, profile="global", as_of=AS_OF
    )
    after = scan(
        [csv(tmp_path / "b" / "inv.csv", *rows[::-1])],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
    )

    def keyed(report: Report) -> dict[tuple[str, str], tuple[str, int]]:
        out = {}
        for r in log(report)["runs"][0]["results"]:
            props, where = r["properties"], r["locations"][0]["physicalLocation"]
            key = (r["ruleId"], props.get("asset_id", "-"))
            out[key] = (r["partialFingerprints"]["duediligence/v1"], where["region"]["startLine"])
        return out

    old, new = keyed(before), keyed(after)
    assert set(old) == set(new)
    assert len(old) == 10
    assert {k: fp for k, (fp, _) in old.items()} == {k: fp for k, (fp, _) in new.items()}
    assert {k: row for k, (_, row) in old.items()} != {k: row for k, (_, row) in new.items()}


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_at_most_max_results_the_most_severe_kept(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # several blocks
    acme, zed = 60, 20
    rows = [ACME_ROW.format(n=n) for n in range(acme)] + [ZED_ROW.format(n=n) for n in range(zed)]
    report = scan([csv(tmp_path / "inv.csv", *rows)], pack=test_pack, profile="global", as_of=AS_OF)
    # whichever parser read the file, its flagged rows reach the writer as Arrow blocks
    assert all(isinstance(p, Block) for p in report.flagged.parts())
    findings = list(report.findings())
    total = len(findings)
    high = [f for f in findings if f.severity is Severity.HIGH]
    assert total == 4 * acme + 2 * zed and len(high) == 2 * acme + 2 * zed
    limit = len(high) + 3
    monkeypatch.setattr(sarif, "MAX_RESULTS", limit)

    run = log(report)["runs"][0]
    results = run["results"]
    assert len(results) == limit
    # Every high finding, even those at the end of the register, before any medium one; in
    # inventory order within a severity.
    medium = [f for f in findings if f.severity is Severity.MEDIUM]
    assert [r["partialFingerprints"]["duediligence/v1"] for r in results] == [
        f.fingerprint for f in [*high, *medium[:3]]
    ]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [
        f.asset.location.row for f in [*high, *medium[:3]]
    ]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert f"{total - limit} findings were left out" in note["message"]["text"]
    assert "JSON report" in note["message"]["text"]
    # Rules are described in full, whatever was left out.
    assert len(run["tool"]["driver"]["rules"]) == len(report.rules)


def test_exactly_max_results_leaves_nothing_out(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [ACME_ROW.format(n=1), ZED_ROW.format(n=2)]
    report = scan([csv(tmp_path / "inv.csv", *rows)], pack=test_pack, profile="global", as_of=AS_OF)
    monkeypatch.setattr(sarif, "MAX_RESULTS", 6)
    run = log(report)["runs"][0]
    assert len(run["results"]) == 6
    assert [r["properties"]["severity"] for r in run["results"]] == [
        "high",
        "high",
        "medium",
        "medium",
        "high",
        "high",
    ]  # inventory order: nothing to choose between
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_report_warnings_become_notifications(tmp_path: Path, test_pack: Pack) -> None:
    report = scan(
        [csv(tmp_path / "inv.csv", ZED_ROW.format(n=1))],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
    )
    warned = dataclasses.replace(report, warnings=("the pack is old", "row 9: bad date"))
    (invocation,) = log(warned)["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": True,
        "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": "the pack is old"}},
            {"level": "warning", "message": {"text": "row 9: bad date"}},
        ],
    }


def test_a_clean_inventory_is_a_log_without_results(tmp_path: Path, test_pack: Pack) -> None:
    report = scan(
        [csv(tmp_path / "inv.csv", "CAM-1,Axis,P1,HQ")],
        pack=test_pack,
        profile="global",
        as_of=AS_OF,
    )
    run = log(report)["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(report.rules)


def test_the_same_report_gives_the_same_bytes(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [ACME_ROW.format(n=n) for n in range(5)] + [ZED_ROW.format(n=n) for n in range(5)]
    path = csv(tmp_path / "inv.csv", *rows)
    first = text(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    assert text(scan([path], pack=test_pack, profile="global", as_of=AS_OF)) == first
    monkeypatch.setattr(sarif, "MAX_RESULTS", 7)
    capped = text(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    assert text(scan([path], pack=test_pack, profile="global", as_of=AS_OF)) == capped != first


@pytest.mark.parametrize("arrow", [False, True], ids=["csv module", "arrow"])
def test_start_line_is_the_text_line_a_record_starts_on(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 64)  # breaks in one block shift the next
    path = tmp_path / "inv.csv"
    path.write_bytes(
        b"Asset ID,Make,Model,Site,Note\r\n"
        b"CAM-1,AcmeLine,AC-1234B,HQ,plain\r\n"  # line 2
        b'CAM-2,AcmeLine,AC-1234B,HQ,"two\r\nlines"\r\n'  # lines 3-4
        b'CAM-3,AcmeLine,AC-1234B,HQ,"three\nlines\rhere"\r\n'  # lines 5-7
        b"CAM-4,AcmeLine,AC-1234B,HQ,plain\r\n"  # line 8
    )
    doc = log(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    starts = {
        r["properties"]["asset_id"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in doc["runs"][0]["results"]
    }
    assert starts == {"CAM-1": 2, "CAM-2": 3, "CAM-3": 5, "CAM-4": 8}
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF)
    assert [f.asset.location.row for f in report.findings()][::4] == [2, 3, 4, 5]


@pytest.mark.parametrize(
    ("profile", "rules"),
    [
        pytest.param(None, ["RISK-CONFLICT", "RISK-STATE", "RISK-XJ"], id="no-profile-the-risks"),
        pytest.param("strict", ["XX-BAN-A"], id="strict-its-ban"),
    ],
)
def test_only_rules_that_bind_are_rules_of_the_log(
    tmp_path: Path, test_pack: Pack, profile: str | None, rules: list[str]
) -> None:
    """Measures that bind someone else are not alerts for this buyer: no rule, no result."""
    path = csv(tmp_path / "inv.csv", ACME_ROW.format(n=1))
    report = scan([path], pack=test_pack, profile=profile, as_of=AS_OF)
    (run,) = log(report)["runs"]
    assert sorted(r["id"] for r in run["tool"]["driver"]["rules"]) == rules
    assert {r["ruleId"] for r in run["results"]} <= set(rules)
    assert len(run["results"]) == report.summary.findings


def test_a_known_exploited_result_carries_its_cves_and_patch_by(tmp_path: Path) -> None:
    results = log(kev_report(tmp_path))["runs"][0]["results"]
    kev = [r["properties"] for r in results if r["ruleId"] == "RISK-KNOWN-EXPLOITED"]
    assert sorted((p["cves"], p["patch_by"]) for p in kev) == [
        (["CVE-2021-33044", "CVE-2021-33045"], "2024-09-11"),
        (["CVE-2021-36260"], "2022-01-24"),
        (["CVE-2021-36260"], "2022-01-24"),
    ]
    assert not any("cves" in r["properties"] for r in results if r["ruleId"] != KEV)


KEV = "RISK-KNOWN-EXPLOITED"
