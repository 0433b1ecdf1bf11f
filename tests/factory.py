"""Builders for tests: small rule packs written as real YAML and loaded by the real loader."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from duediligence.pack.loader import Pack, load_layers
from duediligence.results.assets import Asset, Location

SOURCES = [{"id": "SRC1", "title": "A test source", "publisher": "Tests", "date": "2020"}]

ACME = {
    "id": "acme",
    "name": "Acme Vision Technology Co., Ltd.",
    "names": [{"name": "阿克米视觉技术有限公司", "lang": "zh-Hans", "legal": True}],
    "aliases": ["Acme", "Acmevision", "阿克米"],
    "lookalikes": ["Acme Bakery"],
    "country": "CN",
    "sources": ["SRC1"],
    "ownership": [
        {
            "owner": "State Holding",
            "share_percent": 40,
            "share_text": "about 40%",
            "state": True,
            "as_of": "2018-06",
            "confidence": "high",
            "sources": ["SRC1"],
        }
    ],
}
ACMELINE = {"id": "acmeline", "name": "AcmeLine", "country": "CN", "sources": ["SRC1"]}
FORMER = {"id": "oldbrand", "name": "Oldbrand Inc.", "country": "CA", "sources": ["SRC1"]}
ZED = {"id": "zed", "name": "ZED Corporation", "country": "CN", "sources": ["SRC1"]}

ACME_FILE: dict[str, Any] = {
    "entities": [ACME, ACMELINE, FORMER, ZED],
    "relationships": [
        {
            "entity": "acmeline",
            "type": "brand",
            "parent": "acme",
            "confidence": "high",
            "sources": ["SRC1"],
        },
        {
            "entity": "oldbrand",
            "type": "subsidiary",
            "parent": "acme",
            "valid_from": "2018-02-06",
            "valid_to": "2022-11",
            "confidence": "high",
            "sources": ["SRC1"],
        },
    ],
    "models": [
        {
            "id": "acme-ac",
            "entity": "acme",
            "pattern": r"^AC-\d{4}[A-Z]",
            "category": "video_surveillance",
            "description": "Acme camera",
            "examples": ["AC-1234B", "AC-2040X-I", "AC-9999Z"],
            "counter_examples": ["AC-12B"],
            "confidence": "high",
            "sources": ["SRC1"],
        },
    ],
    "fcc_grantees": [
        {
            "code": "2ACME",
            "entity": "acme",
            "grantee": "Acme Vision Technology Co., Ltd.",
            "sources": ["SRC1"],
        },
    ],
    "suppliers": [
        {
            "name": "Acme Distribution UK Ltd",
            "entity": "acme",
            "role": "distributor",
            "confidence": "medium",
            "sources": ["SRC1"],
        },
    ],
    "facts": [
        {
            "id": "acme-xj",
            "entity": "acme",
            "kind": "xinjiang_surveillance",
            "summary": "Five surveillance projects",
            "date": "2017",
            "ended": "2024-12",
            "confidence": "high",
            "sources": ["SRC1"],
        },
    ],
}

MEASURES: dict[str, Any] = {
    "measures": [
        {
            "id": "XX-BAN-A",
            "title": "Test ban",
            "kind": "measure",
            "jurisdiction": "XX",
            "binds": "agencies",
            "status": "in_force",
            "effective": "2019-08-13",
            "covers": [{"groups": ["acme", "zed"]}],
            "severity": {"default": "high", "strict": "critical"},
            "rationale": "Because.",
            "recommended_action": "Remove it.",
            "sources": ["SRC1"],
        },
        {
            "id": "XX-BRAND-BAN",
            "title": "Brand ban",
            "kind": "measure",
            "jurisdiction": "XX",
            "binds": "agencies",
            "status": "in_force",
            "effective": "2022-01-01",
            "covers": [{"countries": ["CN"]}],
            "severity": {"default": "high"},
            "rationale": "Brands.",
            "recommended_action": "Replace it.",
            "sources": ["SRC1"],
        },
        {
            "id": "RISK-STATE",
            "title": "State ownership",
            "kind": "risk",
            "binds": "anyone",
            "status": "advisory",
            "covers": [{"state_owned": True}],
            "severity": {"default": "medium"},
            "rationale": "Control.",
            "recommended_action": "Review.",
            "sources": ["SRC1"],
        },
        {
            "id": "RISK-CONFLICT",
            "title": "Conflicting attribution",
            "kind": "risk",
            "binds": "anyone",
            "status": "advisory",
            "covers": [{"conflicting": True}],
            "severity": {"default": "medium"},
            "rationale": "Signals disagree.",
            "recommended_action": "Check the device.",
            "sources": ["SRC1"],
        },
        {
            "id": "RISK-XJ",
            "title": "Xinjiang",
            "kind": "risk",
            "binds": "anyone",
            "status": "advisory",
            "covers": [{"facts": ["xinjiang_surveillance"]}],
            "severity": {"default": "medium"},
            "rationale": "Rights.",
            "recommended_action": "Review.",
            "sources": ["SRC1"],
        },
    ]
}

PROFILES: dict[str, Any] = {
    "profiles": [
        {"id": "global", "title": "Global", "description": "Everything", "measures": ["*"]},
        {"id": "strict", "title": "Strict", "description": "The ban", "measures": ["XX-BAN-A"]},
    ]
}


def write_pack(root: Path, files: dict[str, Any]) -> Path:
    """Write {relative path: data} as YAML files under root; returns root."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    return root


def pack_files(**overrides: Any) -> dict[str, Any]:
    files: dict[str, Any] = {
        "pack.yml": {"id": "test", "version": "1", "reviewed": "2026-11-01"},
        "sources.yml": {"sources": SOURCES},
        "entities/acme.yml": ACME_FILE,
        "measures/xx.yml": MEASURES,
        "profiles.yml": PROFILES,
    }
    files.update(overrides)
    return files


def make_pack(root: Path, **overrides: Any) -> Pack:
    write_pack(root, pack_files(**overrides))
    return load_layers([(root, "testpack")])


def asset(row: int = 2, **fields: Any) -> Asset:
    return Asset(location=Location("inv.csv", row), fields={}, **fields)


def waivers_file(path: Path, *entries: dict[str, str]) -> Path:
    """A waivers YAML file; each entry gets a reason and an approver unless it gives them."""
    lines = ["waivers:"]
    for e in entries:
        base = {"reason": "isolated VLAN", "approved_by": "Head of Security"}
        lines.append("  - " + json.dumps(base | e))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_workbook(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    states: dict[str, str] | None = None,
    charts: tuple[str, ...] = (),
) -> Path:
    """A workbook of these sheets in order, each row from row 1 (None: no cell), then a chart
    sheet per name in `charts`; `states` hides sheets ("hidden", "veryHidden"). Text starting
    with '=' is stored as text, as a register holds it, not as a formula."""
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        sheet.sheet_state = (states or {}).get(name, "visible")
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    cell = sheet.cell(r, c, value)
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"
    for name in charts:
        chart = BarChart()
        chart.add_data(Reference(book.worksheets[0], min_col=1, min_row=1, max_row=2))
        book.create_chartsheet(name).add_chart(chart)
    book.save(path)
    return path


class WordProbe:
    """Vendor knowledge as a test states it (the readers' ContentProbe): a value names a maker
    when its first word is one of `makers`, and holds a model number when a word starts with
    one of `models`. Counts the questions asked."""

    def __init__(
        self,
        makers: tuple[str, ...] = ("hikvision", "dahua", "axis", "huawei", "bosch", "hytera"),
        models: tuple[str, ...] = ("DS-2CD", "DHI-", "S5735", "PD7"),
    ) -> None:
        self.makers = makers
        self.models = models
        self.asked = 0

    def names_maker(self, value: str) -> bool:
        self.asked += 1
        words = value.split()
        return bool(words) and words[0].casefold() in self.makers

    def is_model(self, value: str) -> bool:
        return any(word.startswith(self.models) for word in value.split())


NEWCO = {
    "id": "newco",
    "added": "2026-11-20",
    "name": "Newco Optics Ltd.",
    "aliases": ["Newco"],
    "country": "CN",
    "sources": ["SRC1"],
}


def changed_pack_files() -> dict[str, Any]:
    """The test pack a month on (version 2, reviewed 2026-12-01), changed as packs change:

    - a new measure XX-NEW (added and in effect 2026-11-15) covering the Acme group;
    - a new entity Newco (added 2026-11-20), its model pattern NC-, and a new relationship:
      Newco relabels ZED's hardware;
    - an undated correction: ZED is found to be state-owned (2019).
    """
    entities = copy.deepcopy(ACME_FILE)
    zed = next(e for e in entities["entities"] if e["id"] == "zed")
    zed["ownership"] = [
        {"owner": "A state fund", "state": True, "as_of": "2019", "confidence": "high"}
        | {"sources": ["SRC1"]}
    ]
    entities["entities"].append(copy.deepcopy(NEWCO))
    entities["relationships"].append(
        {"entity": "newco", "type": "oem_relabel", "parent": "zed", "added": "2026-11-20"}
        | {"confidence": "high", "sources": ["SRC1"]}
    )
    entities["models"].append(
        {
            "id": "newco-nc",
            "added": "2026-11-20",
            "entity": "newco",
            "pattern": r"^NC-\d{4}",
            "category": "video_surveillance",
            "description": "Newco camera",
            "examples": ["NC-1000", "NC-2000-I", "NC-9999"],
            "counter_examples": ["AC-1234B"],
            "confidence": "high",
            "sources": ["SRC1"],
        }
    )
    measures = copy.deepcopy(MEASURES)
    measures["measures"].append(
        {
            "id": "XX-NEW",
            "added": "2026-11-15",
            "title": "New ban",
            "kind": "measure",
            "jurisdiction": "XX",
            "binds": "agencies",
            "status": "in_force",
            "effective": "2026-11-15",
            "covers": [{"groups": ["acme"]}],
            "severity": {"default": "high"},
            "rationale": "Newly.",
            "recommended_action": "Remove it.",
            "sources": ["SRC1"],
        }
    )
    return pack_files(
        **{
            "pack.yml": {"id": "test", "version": "2", "reviewed": "2026-12-01"},
            "entities/acme.yml": entities,
            "measures/xx.yml": measures,
        }
    )
