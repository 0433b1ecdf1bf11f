"""A key judged once for every row of its signals: a row whose MAC names no one the pack knows
is keyed without it and shares the identifier's memos (evidence, attribution, guard) with
the same signals without a MAC, and what the report says of it is what it says of that row
scanned alone, the other row in the register or not, before it or after it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from duediligence.api import load_pack, scan
from duediligence.evaluate.groups import NO_MAKER, Outcomes
from duediligence.identify.interface import Identifier
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, render
from tests.factory import waivers_file

AS_OF = date(2026, 11, 1)
HEADER = "Asset Tag,Manufacturer,Model,MAC Address,Purchased"
NAMES_NO_ONE = "F0:18:98:12:34:56"
"""A well-formed MAC whose OUI (Apple's) the pack relates to no one."""
RANDOM = "02:00:00:00:00:01"
"""A locally administered MAC: it can name no one."""

ANY_BAD_MAC = (
    "1 row(s) have a MAC that names no maker (malformed, random or locally administered),"
    " first at {path}, row {row}: they were judged on their other signals"
)

CASES = [
    pytest.param("Hikvision", "DS-2CD2143G2-I", "", id="flagged-by-make-and-pattern"),
    pytest.param("Hikvision", "IPC-HFW2231T-ZS", "", id="a-rivals-conflict"),
    pytest.param("Axis", "IPC-HFW2231T-ZS", "", id="a-registered-make-disputes-the-pattern"),
    pytest.param("Lorex", "LNB9242B", "2021-05-01", id="dated-inside-the-tie"),
    pytest.param("Lorex", "LNB9242B", "2022-11-24", id="dated-on-the-ties-last-day"),
    pytest.param("Lorex", "LNB9242B", "2022-11-25", id="dated-after-the-tie-ended"),
    pytest.param("Lorex", "LNB9242B", "", id="undated-after-the-tie-ended"),
    pytest.param("Acme Widgets", "XJ-9", "", id="unknown-make"),
    pytest.param("", "", "", id="the-mac-alone"),
    pytest.param("Axis", "mounting bracket for Hikvision dome", "", id="not-covered"),
]
ADDITIVE = (
    "assets",
    "attributed",
    "unknown",
    "skipped",
    "flagged",
    "findings",
    "not_covered",
    "not_binding",
)
BY = ("unknown_by_reason", "by_severity", "by_group", "by_rule")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_the_macs_say_what_the_tests_need(pack: Pack) -> None:
    outcomes = Outcomes(Identifier(pack.catalog))
    assert outcomes.mac_key(NAMES_NO_ONE) == NO_MAKER
    assert outcomes.mac_key(RANDOM).startswith("!")


def register(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    lines = [HEADER, *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def report_of(path: Path, pack: Pack, **kw: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        render(Format.JSON, scan([path], pack=pack, profile="global", as_of=AS_OF, **kw))
    )
    return doc


def judged(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each flagged row's judgment (attribution and findings), by its asset tag."""
    return {f["fields"]["Asset Tag"]: doc["judgments"][f["judgment"]] for f in doc["flagged"]}


def listed(doc: dict[str, Any], name: str) -> Counter[tuple[str, str, str]]:
    """The report's unknown or not-covered list as rows per (make, model, reason)."""
    out: Counter[tuple[str, str, str]] = Counter()
    for entry in doc[name]:
        out[(entry["make"], entry["model"], entry.get("reason") or entry.get("note"))] += entry[
            "rows"
        ]
    return out


def summed(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The summaries of registers scanned apart, as one register of their rows counts them."""
    total: dict[str, Any] = {k: sum(d["summary"][k] for d in docs) for k in ADDITIVE}
    for name in BY:
        counts: Counter[str] = Counter()
        for d in docs:
            counts.update(d["summary"][name])
        total[name] = dict(counts)
    return total


@pytest.mark.parametrize("mac", [NAMES_NO_ONE, RANDOM], ids=["names-no-one", "random"])
@pytest.mark.parametrize("first", ["without-mac", "with-mac"])
@pytest.mark.parametrize(("make", "model", "bought"), CASES)
def test_a_row_whose_mac_names_no_one_is_judged_as_it_is_alone(
    tmp_path: Path, pack: Pack, make: str, model: str, bought: str, first: str, mac: str
) -> None:
    plain = ("P1", make, model, "", bought)
    macced = ("M1", make, model, mac, bought)
    rows = [plain, macced] if first == "without-mac" else [macced, plain]
    both = report_of(register(tmp_path / "both.csv", rows), pack)
    alone = [report_of(register(tmp_path / f"{r[0]}.csv", [r]), pack) for r in rows]

    assert judged(both) == judged(alone[0]) | judged(alone[1])
    for name in ("unknown", "not_covered"):
        assert listed(both, name) == listed(alone[0], name) + listed(alone[1], name)
    counted = {k: v for k, v in both["summary"].items() if k in ADDITIVE + BY}
    assert counted == summed(alone)
    # what neither scan can get wrong together: an OUI that names no one adds no evidence
    if "P1" in judged(both):
        assert judged(both)["M1"] == judged(both)["P1"]
    bad = [w for w in both["warnings"] if "MAC" in w]
    assert bad == (
        []
        if mac == NAMES_NO_ONE
        else [ANY_BAD_MAC.format(path=tmp_path / "both.csv", row=rows.index(macced) + 2)]
    )
    assert [_placeless(w) for w in both["warnings"]] == [
        _placeless(w) for d in alone for w in d["warnings"]
    ]


def _placeless(warning: str) -> str:
    """A warning without the file and row it names first (each register has its own)."""
    return re.sub(r"first at [^:]*, row \d+", "first at", warning)


def test_a_shared_judgment_gates_as_its_own_rows_do(tmp_path: Path, pack: Pack) -> None:
    """Waivers and a baseline read each row's findings, whoever first met their key: the row
    with a MAC that names no one is new against a baseline of the other, and a waiver naming
    it takes only its findings out of the count."""
    plain = ("P1", "Hikvision", "DS-2CD2143G2-I", "", "")
    macced = ("M1", "Hikvision", "DS-2CD2143G2-I", NAMES_NO_ONE, "")
    old = tmp_path / "baseline.json"
    old.write_text(
        render(
            Format.JSON,
            scan(
                [register(tmp_path / "old.csv", [plain])], pack=pack, profile="global", as_of=AS_OF
            ),
        ),
        encoding="utf-8",
    )
    path = register(tmp_path / "both.csv", [plain, macced])
    report = scan([path], pack=pack, profile="global", as_of=AS_OF)
    findings = Counter(f.asset.asset_id for f in report.findings())
    assert findings["M1"] == findings["P1"] > 0
    against = scan([path], pack=pack, profile="global", as_of=AS_OF, baseline=old)
    assert against.gate is not None and against.gate.baseline is not None
    assert (against.gate.baseline.new, against.gate.baseline.unchanged) == (
        findings["M1"],
        findings["P1"],
    )
    assert {f.asset.asset_id for f in against.findings() if f.new} == {"M1"}
    waived = scan(
        [path],
        pack=pack,
        profile="global",
        as_of=AS_OF,
        waivers=waivers_file(
            tmp_path / "w.yml", {"asset": "M1", "rule": "*", "expires": "2026-12-31"}
        ),
    )
    assert waived.gate is not None
    assert waived.gate.waived == findings["M1"]
    only_plain = scan(
        [register(tmp_path / "plain.csv", [plain])], pack=pack, profile="global", as_of=AS_OF
    )
    assert waived.failing == only_plain.failing > 0
