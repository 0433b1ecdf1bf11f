import json
from datetime import date
from pathlib import Path

import pytest

from duediligence.api import scan
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, render
from duediligence.results.findings import (
    Attribution,
    EntityRef,
    Evidence,
    Hit,
    Judgment,
    Severity,
    Signal,
)
from duediligence.results.fingerprints import asset_fingerprint, finding_fingerprint
from tests.report.kev import kev_report


def test_the_json_contract(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Asset ID,Make,Model,Site\nCAM-1,AcmeLine,AC-1234B,HQ\n", encoding="utf-8")
    doc = json.loads(
        render(Format.JSON, scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1)))
    )
    assert doc["schema_version"] == "2.4"
    assert doc["tool"]["name"] == "duediligence"
    assert set(doc) == {
        "schema_version",
        "tool",
        "pack",
        "profile",
        "as_of",
        "inputs",
        "summary",
        "judgments",
        "flagged",
        "skips",
        "unknown",
        "not_covered",
        "rules",
        "sources",
        "warnings",
        "gate",
    }
    assert doc["gate"] == {
        "fail_on": "high",
        "failing": doc["summary"]["by_severity"].get("high", 0),
        "waived": 0,
        "waivers": [],
        "baseline": None,
    }
    assert doc["inputs"] == [
        {
            "source": str(path),
            "sheet": None,
            "header_row": 1,
            "columns": ["Asset ID", "Make", "Model", "Site"],
            "fields": {"asset_id": "Asset ID", "make": "Make", "model": "Model", "site": "Site"},
            "assets": 1,
        }
    ]
    (row,) = doc["flagged"]
    assert row == {
        "input": 0,
        "row": 2,
        "judgment": "j1",
        "fingerprint": asset_fingerprint("id:cam-1"),
        "fields": {"Asset ID": "CAM-1", "Make": "AcmeLine", "Model": "AC-1234B", "Site": "HQ"},
    }
    judgment = doc["judgments"]["j1"]
    assert set(judgment) == {
        "entity",
        "confidence",
        "evidence",
        "alternatives",
        "conflicts",
        "findings",
    }
    assert judgment["entity"] == {
        "id": "acmeline",
        "name": "AcmeLine",
        "group": "acme",
        "group_name": "Acme Vision Technology Co., Ltd.",
    }
    assert [e["signal"] for e in judgment["evidence"]] == ["name", "model", "relationship"]
    finding = judgment["findings"][0]
    assert set(finding) == {
        "rule_id",
        "severity",
        "binds",
        "jurisdiction",
        "message",
        "recommended_action",
        "references",
        "patch_by",
        "cves",
    }
    assert finding["patch_by"] is None  # no advisory binds this profile
    assert finding["cves"] == []  # not a known-exploited finding
    # Rules and sources are described once, at the top, and referred to by id.
    assert set(doc["rules"]) == {
        "XX-BAN-A",
        "XX-BRAND-BAN",
        "RISK-STATE",
        "RISK-CONFLICT",
        "RISK-XJ",
    }
    assert doc["rules"]["XX-BAN-A"]["rationale"] == "Because."
    assert doc["sources"]["SRC1"]["title"] == "A test source"
    assert "rationale" not in finding
    # A finding's fingerprint is derived from the row's: a reader of the report can compute it.
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    assert {f.fingerprint for f in report.findings()} == {
        finding_fingerprint(h["rule_id"], row["fingerprint"]) for h in judgment["findings"]
    }


def test_the_stream_and_the_plain_data_agree(tmp_path: Path, test_pack: Pack) -> None:
    from duediligence.report.json import to_dict

    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nAcme,AC-1234B\nAcmeLine,\nAxis,P1\n,\n", encoding="utf-8")
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    streamed = json.loads(render(Format.JSON, report))
    assert streamed == to_dict(report)
    assert len(render(Format.JSON, report).splitlines()) == len(report.flagged) + 2


@pytest.mark.parametrize(
    ("profile", "binding", "elsewhere", "notice"),
    [
        pytest.param(
            None,
            ["RISK-STATE", "RISK-XJ"],
            ["XX-BAN-A", "XX-BRAND-BAN"],
            True,
            id="no-profile-binds-only-the-risks",
        ),
        pytest.param(
            "strict",
            ["XX-BAN-A"],
            ["XX-BRAND-BAN", "RISK-STATE", "RISK-XJ"],
            False,
            id="a-profile-binds-its-measures",
        ),
        pytest.param(
            "global",
            ["XX-BAN-A", "XX-BRAND-BAN", "RISK-STATE", "RISK-XJ"],
            [],
            False,
            id="global-binds-everything",
        ),
    ],
)
def test_every_finding_is_kept_and_marked_whether_it_binds(
    tmp_path: Path,
    test_pack: Pack,
    profile: str | None,
    binding: list[str],
    elsewhere: list[str],
    notice: bool,
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Asset ID,Make,Model\nCAM-1,AcmeLine,AC-1234B\n", encoding="utf-8")
    report = scan([path], pack=test_pack, profile=profile, as_of=date(2026, 1, 1))
    doc = json.loads(render(Format.JSON, report))
    findings = doc["judgments"]["j1"]["findings"]
    assert sorted(f["rule_id"] for f in findings if f["binds"]) == sorted(binding)
    assert sorted(f["rule_id"] for f in findings if not f["binds"]) == sorted(elsewhere)
    assert doc["profile"] == profile
    assert doc["summary"]["findings"] == len(binding)
    assert doc["summary"]["not_binding"] == len(elsewhere)
    assert sorted(r for r, info in doc["rules"].items() if not info["in_profile"]) == sorted(
        elsewhere
    )
    assert any(w.startswith("no profile chosen, ") for w in doc["warnings"]) is notice


def test_a_known_exploited_finding_carries_its_cves_and_patch_by(tmp_path: Path) -> None:
    doc = json.loads(render(Format.JSON, kev_report(tmp_path)))
    found = {
        (tuple(f["cves"]), f["patch_by"])
        for j in doc["judgments"].values()
        for f in j["findings"]
        if f["rule_id"] == "RISK-KNOWN-EXPLOITED"
    }
    assert found == {
        (("CVE-2021-36260",), "2022-01-24"),
        (("CVE-2021-33044", "CVE-2021-33045"), "2024-09-11"),
    }


_ACME = EntityRef("acme", "Acme «Vision»", "acme", 'Acme "Group" Co.')
_BAN = Hit("XX-BAN", Severity.HIGH, "XX", 'Banned: "Acme" \\ 禁止', "Remove it.", ("SRC1",))
_RISK = Hit("RISK-X", Severity.LOW, None, "A risk.", "Review it.", ())


_SHARED = (_BAN, _RISK)
_EVIDENCE = (
    Evidence(Signal.NAME, "Acme", "acme", 90, "named", None),
    Evidence(Signal.MAC, "00:11:22", "acme", 80, "MAC prefix", "the IEEE registry"),
)


def _judgment(n: int, hits: tuple[Hit, ...], also: tuple[Hit, ...] = ()) -> Judgment:
    evidence = (Evidence(Signal.NAME, f"Acme {n}", "acme", 90, "named", None),)
    return Judgment(f"j{n}", Attribution(_ACME, 0.9, evidence), hits, also)


@pytest.mark.parametrize(
    "judgments",
    [
        pytest.param((), id="none"),
        pytest.param((_judgment(1, ()),), id="a-judgment-with-no-findings"),
        pytest.param(
            (_judgment(1, (_BAN, _RISK)), _judgment(2, (_BAN, _RISK))),
            id="findings-shared-by-judgments",
        ),
        pytest.param(
            (_judgment(1, (_BAN,), (_RISK,)), _judgment(2, (_RISK,), (_BAN,))),
            id="one-finding-binding-in-one-and-not-in-another",
        ),
        pytest.param((_judgment(1, (), (_BAN, _BAN)),), id="only-findings-elsewhere"),
        pytest.param(
            (_judgment(1, _SHARED), _judgment(2, _SHARED, _SHARED), _judgment(3, (), _SHARED)),
            id="one-tuple-of-findings-shared-binding-and-not",
        ),
        pytest.param(
            tuple(
                Judgment(
                    f"j{n}", Attribution(_ACME, confidence, _EVIDENCE, (_ACME,), conflicts), ()
                )
                for n, (confidence, conflicts) in enumerate(
                    [(1.0, ()), (1, ()), (0.5, ("a MAC of Beta",)), (0.5, ("a MAC of Beta",))]
                )
            ),
            id="evidence-alternatives-and-conflicts-shared-a-confidence-of-1-and-1.0",
        ),
    ],
)
def test_the_judgments_are_the_text_of_their_plain_data(judgments: tuple[Judgment, ...]) -> None:
    from duediligence.report.json import judgment, judgments_text

    plain = {j.id: judgment(j) for j in judgments}
    assert judgments_text(judgments) == json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def test_the_report_is_the_same_whatever_blocks_its_rows_were_read_in(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flagged rows' lines are made, joined and written on three threads, some blocks
    ahead of the one written: in the order of the rows, however many blocks they fill."""
    from duediligence.inventory import blocks
    from duediligence.report import json as json_report

    makes = ["Acme,AC-1234B", "AcmeLine,", "Axis,P1", "Zed,X1"]
    lines = [f"T-{n},{makes[n % 4]},Site {n % 7}" for n in range(400)]
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Model,Site\n" + "\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(blocks, "MIN_BYTES", 0)
    texts = []
    for size in (1 << 30, 1024):
        monkeypatch.setattr(blocks, "BLOCK_BYTES", size)
        report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
        texts.append((len(list(report.flagged.parts())), render(Format.JSON, report)))
    (one, whole), (many, parted) = texts
    assert one == 1 and many > json_report.PREPARED + json_report.AHEAD + 2
    assert parted == whole
    rows = [r["row"] for r in json.loads(parted)["flagged"]]
    assert rows == sorted(rows) and len(rows) == 300
