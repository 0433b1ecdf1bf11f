import json
from datetime import date
from pathlib import Path

from duediligence.api import scan
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, render


def test_the_json_contract(tmp_path: Path, test_pack: Pack) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Asset ID,Make,Model,Site\nCAM-1,AcmeLine,AC-1234B,HQ\n", encoding="utf-8")
    doc = json.loads(render(Format.JSON, scan([path], pack=test_pack, as_of=date(2026, 1, 1))))
    assert doc["schema_version"] == "1.0"
    assert doc["tool"]["name"] == "duediligence"
    assert set(doc) == {
        "schema_version",
        "tool",
        "pack",
        "profile",
        "as_of",
        "inputs",
        "summary",
        "findings",
        "skips",
        "unknown",
        "rules",
        "sources",
        "warnings",
    }
    finding = doc["findings"][0]
    assert set(finding) == {
        "rule_id",
        "severity",
        "confidence",
        "jurisdiction",
        "asset",
        "entity",
        "evidence",
        "message",
        "recommended_action",
        "references",
        "fingerprint",
    }
    assert finding["asset"] == {
        "source": str(path),
        "sheet": None,
        "row": 2,
        "asset_id": "CAM-1",
        "serial": None,
        "mac": None,
        "fcc_id": None,
        "make": "AcmeLine",
        "model": "AC-1234B",
        "site": "HQ",
        "fields": {"Asset ID": "CAM-1", "Make": "AcmeLine", "Model": "AC-1234B", "Site": "HQ"},
    }
    assert finding["entity"] == {
        "id": "acmeline",
        "name": "AcmeLine",
        "group": "acme",
        "group_name": "Acme Vision Technology Co., Ltd.",
    }
    assert [e["signal"] for e in finding["evidence"]] == ["name", "model", "relationship"]
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


def test_the_stream_and_the_plain_data_agree(tmp_path: Path, test_pack: Pack) -> None:
    from duediligence.report.json import to_dict

    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nAcme,AC-1234B\nAcmeLine,\nAxis,P1\n,\n", encoding="utf-8")
    report = scan([path], pack=test_pack, as_of=date(2026, 1, 1))
    streamed = json.loads(render(Format.JSON, report))
    assert streamed == to_dict(report)
    assert len(render(Format.JSON, report).splitlines()) == len(report.findings) + 2
