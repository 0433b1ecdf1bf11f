import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.helpers import run
from tests.factory import write_pack


def test_rules_list_names_every_measure() -> None:
    r = run("rules", "list")
    assert r.code == 0
    for rule in (
        "US-NDAA-889-A",
        "US-NDAA-889-B",
        "TW-GOV-PRC-BRANDS",
        "UK-FAC-2021",
        "RISK-STATE-OWNERSHIP",
        "RISK-XINJIANG-SURVEILLANCE",
    ):
        assert rule in r.stdout


def test_rules_list_for_a_profile() -> None:
    r = run("rules", "list", "--profile", "tw-government")
    assert "TW-GOV-PRC-BRANDS" in r.stdout and "US-NDAA-889-A" not in r.stdout


def test_rules_show_a_measure_and_an_entity() -> None:
    r = run("rules", "show", "US-NDAA-889-A")
    assert r.code == 0
    assert "effective: '2019-08-13'" in r.stdout
    r = run("rules", "show", "lorex")
    assert "name: Lorex Technology Inc." in r.stdout
    assert run("rules", "show", "NOPE").code == 2


def test_rules_status_dates_the_pack() -> None:
    r = run("rules", "status")
    assert r.code == 0
    assert "pack duediligence-core" in r.stdout and "facts last reviewed 2026-11-23" in r.stdout


def test_rules_validate_the_bundled_pack() -> None:
    r = run("rules", "validate", "rules")
    assert r.code == 0
    assert r.stdout.startswith("ok: rules")


@pytest.mark.parametrize(
    ("args", "first"),
    [
        pytest.param(["list"], "AU-DEF-2023", id="measures"),
        pytest.param(["list", "--profiles"], "global", id="profiles"),
        pytest.param(["list", "-p", "tw-government"], "TW-GOV-PRC-BRANDS", id="a-profile's-rules"),
    ],
)
def test_in_a_pipe_each_entry_is_one_plain_line(args: list[str], first: str) -> None:
    r = run("rules", *args)
    assert r.code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split("\t")[0] == first
    assert not any(c in r.stdout for c in "┃│━─")  # no table drawn
    widths = {len(line.split("\t")) for line in lines}
    assert len(widths) == 1 and widths.pop() >= 4


@pytest.mark.parametrize(
    ("args", "check"),
    [
        pytest.param(
            ["list", "--format", "json"],
            lambda doc: (
                {"id": "TW-GOV-PRC-BRANDS", "jurisdiction": "TW"}.items()
                <= next(m for m in doc if m["id"] == "TW-GOV-PRC-BRANDS").items()
            ),
            id="list",
        ),
        pytest.param(
            ["list", "--profiles", "-f", "json"],
            lambda doc: {p["id"] for p in doc} >= {"global", "tw-government", "us-federal"},
            id="list-profiles",
        ),
        pytest.param(
            ["show", "TW-GOV-PRC-BRANDS", "-f", "json"],
            lambda doc: (
                doc["kind"] == "measure"
                and doc["entry"]["deadlines"][0]["date"] == "2021-12-31"
                and set(doc["entry"]["sources"]) <= set(doc["sources"])
            ),
            id="show-measure",
        ),
        pytest.param(
            ["show", "tw-government", "-f", "json"],
            lambda doc: (
                doc["kind"] == "profile" and "TW-GOV-PRC-BRANDS" in doc["entry"]["measures"]
            ),
            id="show-profile",
        ),
    ],
)
def test_list_and_show_give_json(args: list[str], check: Callable[[Any], bool]) -> None:
    r = run("rules", *args)
    assert r.code == 0
    assert check(json.loads(r.stdout))


def test_rules_audit_prints_facts_with_their_citations_in_plain_lines() -> None:
    r = run("rules", "audit", "-n", "3", "--seed", "7")
    assert r.code == 0
    assert not any(c in r.stdout for c in "┃│━─")  # a pipe gets no table
    lines = r.stdout.splitlines()
    facts = [line for line in lines if not line.startswith("   ")]
    assert [f.split(".")[0] for f in facts] == ["1", "2", "3"]
    cites = [line.strip() for line in lines if line.startswith("   ")]
    assert cites and all(line.split(" ")[0] for line in cites)
    assert any("http" in line for line in cites)


def test_rules_audit_is_repeatable_with_a_seed() -> None:
    first = run("rules", "audit", "-n", "5", "--seed", "11").stdout
    assert run("rules", "audit", "-n", "5", "--seed", "11").stdout == first
    assert run("rules", "audit", "-n", "5", "--seed", "12").stdout != first


def test_rules_audit_as_json_names_each_source() -> None:
    r = run("rules", "audit", "-n", "4", "--seed", "3", "--format", "json")
    assert r.code == 0
    doc = json.loads(r.stdout)
    assert len(doc) == 4
    for fact in doc:
        assert {"kind", "where", "claim", "confidence", "citations"} <= fact.keys()
        assert fact["citations"]
        for cited in fact["citations"]:
            assert {"id", "title", "kind", "publisher", "date", "url"} <= cited.keys()


@pytest.mark.parametrize(
    "args",
    [pytest.param(["-n", "0"], id="zero"), pytest.param(["-n", "many"], id="not-a-number")],
)
def test_rules_audit_refuses_a_count_it_cannot_draw(args: list[str]) -> None:
    assert run("rules", "audit", *args).code == 2


def test_rules_audit_says_what_each_facts_last_review_found() -> None:
    r = run("rules", "audit", "-n", "4", "--seed", "5")
    reviewed = [line for line in r.stdout.splitlines() if line.startswith("   reviewed ")]
    assert len(reviewed) == 4  # one line per fact, under its citations
    doc = json.loads(run("rules", "audit", "-n", "4", "--seed", "5", "-f", "json").stdout)
    assert all({"reviewed", "shown", "says", "action"} <= f["review"].keys() for f in doc)


def test_rules_audit_unreviewed_passes_the_bundled_pack() -> None:
    r = run("rules", "audit", "--unreviewed")
    assert (r.code, r.stdout.strip()) == (0, "every fact reviewed")


def test_rules_audit_unreviewed_lists_a_layers_facts_no_review_names(tmp_path: Path) -> None:
    layer = _layer(tmp_path)
    relationship = {"entity": "localcam", "type": "brand", "parent": "hikvision"}
    tie = relationship | {"confidence": "low", "sources": ["OWN1"]}
    (layer / "entities" / "tie.yml").write_text(
        yaml.safe_dump({"relationships": [tie]}), encoding="utf-8"
    )
    r = run("rules", "audit", "--unreviewed", "--rules", str(layer))
    assert r.code == 1
    assert r.stdout.splitlines() == [
        "not reviewed: relationship localcam -> hikvision:"
        " Localcam Ltd. is a brand of Hangzhou Hikvision Digital Technology Co., Ltd."
    ]
    doc = json.loads(
        run("rules", "audit", "--unreviewed", "--rules", str(layer), "-f", "json").stdout
    )
    assert [f["key"] for f in doc["unreviewed"]] == ["relationship localcam -> hikvision"]


def _layer(tmp_path: Path) -> Path:
    """A buyer's own pack directory, layered over the bundled one, adding one dated entity."""
    entity = {"id": "localcam", "added": "2030-01-02", "name": "Localcam Ltd.", "country": "GB"}
    return write_pack(
        tmp_path / "own",
        {
            "sources.yml": {"sources": [{"id": "OWN1", "title": "Our own review"}]},
            "entities/own.yml": {"entities": [entity | {"sources": ["OWN1"]}]},
        },
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            ["--since", "2026-12-01"],
            ["2026-12-07\tnew measure\tUS-FCC-COVERED-UAS-2025\t", "\tnew entity\tdji\t"],
            id="the-2026-measures-and-entities",
        ),
        pytest.param(
            ["--since", "2025-12-22", "--until", "2025-12-22"],
            ["2025-12-22\tmeasure in effect\tUS-FCC-COVERED-UAS-2025\t"],
            id="one-day",
        ),
        pytest.param(["--since", "2030-01-01"], ["2030-01-02\tnew entity\tlocalcam\t"], id="layer"),
    ],
)
def test_rules_changes_lists_what_the_pack_dates_since_a_day(
    tmp_path: Path, args: list[str], expected: list[str]
) -> None:
    r = run("rules", "changes", *args, "--rules", str(_layer(tmp_path)))
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert all(line.count("\t") == 3 for line in lines)  # one plain line each in a pipe
    for part in expected:
        assert any(part in line for line in lines), part
    days = [line.split("\t")[0] for line in lines]
    assert days == sorted(days)


def test_rules_changes_as_json() -> None:
    r = run("rules", "changes", "--since", "2024-12-10", "--until", "2024-12-10", "-f", "json")
    assert r.code == 0
    doc = json.loads(r.stdout)
    assert doc["since"] == doc["until"] == "2024-12-10"
    (change,) = [c for c in doc["changes"] if c["id"] == "US-BIS-ENTITY-LIST-2024"]
    assert change["kind"] == "measure_in_effect" and change["sources"]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        pytest.param(["--since", "last week"], "--since 'last week': expected a date", id="bad"),
        pytest.param(["--since", "2026-01-01", "--until", "2025-01-01"], "is before", id="order"),
        pytest.param([], "Missing option '--since'", id="missing"),
    ],
)
def test_rules_changes_refuses_what_is_not_a_window(args: list[str], problem: str) -> None:
    r = run("rules", "changes", *args)
    assert r.code == 2 and problem in r.stderr
