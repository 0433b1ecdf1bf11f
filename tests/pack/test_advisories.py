"""The advisories as data: checked against the catalogue, their patterns against real models,
and validated by the same loader as the rest of the pack."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from duediligence.api import load_pack
from duediligence.errors import PackError
from duediligence.identify.normalize import model_key
from duediligence.pack.loader import Pack, load_layers
from tests.factory import make_pack

TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


# As the catalogue's JSON (cisagov/kev-data, release 2025.08.25) gives them.
CATALOGUE = {
    "CVE-2021-36260": ("Hikvision", "Security cameras web server", "2022-01-10", "2022-01-24"),
    "CVE-2021-33044": ("Dahua", "IP Camera Firmware", "2024-08-21", "2024-09-11"),
    "CVE-2021-33045": ("Dahua", "IP Camera Firmware", "2024-08-21", "2024-09-11"),
    "CVE-2023-1389": ("TP-Link", "Archer AX21", "2023-05-01", "2023-05-22"),
    "CVE-2023-33538": ("TP-Link", "Multiple Routers", "2025-06-16", "2025-07-07"),
    "CVE-2015-3035": ("TP-Link", "Multiple Archer Devices", "2022-03-25", "2022-04-15"),
    "CVE-2021-40407": ("Reolink", "RLC-410W IP Camera", "2024-12-18", "2025-01-08"),
    "CVE-2019-11001": ("Reolink", "Multiple IP Cameras", "2024-12-18", "2025-01-08"),
}


def test_bundled_entries_are_as_the_catalogue_gives_them(pack: Pack) -> None:
    found = {
        e.cve: (e.vendor, e.product, e.added.isoformat(), e.due.isoformat())
        for a in pack.advisories.values()
        for e in a.kev
    }
    assert found == CATALOGUE
    assert pack.catalogue is not None and pack.catalogue.version == "2025.08.25"


def test_a_cve_the_bundled_catalogue_release_lacks_is_not_bundled(pack: Pack) -> None:
    """CVE-2017-7921 is not in the 2025.08.25 release; a report of a later addition is
    for `rules advisories --import` with a newer file, not for the bundled data."""
    assert not any("CVE-2017-7921" in a.cves for a in pack.advisories.values())


def test_every_advisory_names_a_group_of_the_pack_and_cites_known_sources(pack: Pack) -> None:
    for a in pack.advisories.values():
        assert a.group in pack.catalog.entities, a.id
        for cited in (a.sources, *(m.sources for m in a.models)):
            assert set(cited) <= set(pack.sources), a.id


def _patterns(pack: Pack) -> list[tuple[str, Any, re.Pattern[str]]]:
    return [
        (a.group, m, re.compile(m.pattern, re.IGNORECASE))
        for a in pack.advisories.values()
        for m in a.models
    ]


def _group_of(pack: Pack, model: str) -> set[str]:
    """The groups whose entity patterns claim a model number."""
    out = set()
    for p in pack.catalog.patterns:
        if p.match(model_key(model)):
            path = pack.catalog.group_path(p.spec.entity, TODAY)
            out.add(path[-1].parent if path else p.spec.entity)
    return out


def test_every_model_pattern_matches_its_examples_and_not_its_counter_examples(
    pack: Pack,
) -> None:
    for _, models, regex in _patterns(pack):
        assert len(models.examples) >= 3, models.id
        for example in models.examples:
            assert regex.match(model_key(example)), (models.id, example)
        for counter in models.counter_examples:
            assert not regex.match(model_key(counter)), (models.id, counter)


def test_examples_are_the_groups_models_and_counter_examples_include_other_makers(
    pack: Pack,
) -> None:
    """An example must be attributed to the advisory's group (the join needs it); at least
    three counter-examples are other makers' real models (Samsung/Hanwha, Axis, Uniview...)."""
    for group, models, _ in _patterns(pack):
        for example in models.examples:
            assert _group_of(pack, example) == {group}, (models.id, example)
        others = [c for c in models.counter_examples if group not in _group_of(pack, c)]
        assert len(others) >= 2, models.id


def test_no_advisory_pattern_claims_a_real_model_of_another_maker(pack: Pack) -> None:
    """The NetBox device-type library's model numbers, by maker, as for the entity patterns."""
    seeds = Path(__file__).parents[2] / "benchmarks" / "accuracy" / "seeds"
    makers = yaml.safe_load((seeds / "makers.yml").read_text(encoding="utf-8"))["makers"]
    with (seeds / "netbox_models.csv").open(encoding="utf-8", newline="") as fh:
        models = list(csv.DictReader(fh))
    claimed = [
        (m["manufacturer"], m["model"], spec.id)
        for m in models
        for group, spec, regex in _patterns(pack)
        if makers[m["manufacturer"]]["group"] != group and regex.match(model_key(m["model"]))
    ]
    assert claimed == []


ADVISORY: dict[str, Any] = {
    "id": "acme-bug",
    "title": "Acme camera bug",
    "group": "acme",
    "kev": [
        {
            "cve": "CVE-2024-0001",
            "added": "2024-01-02",
            "due": "2024-01-23",
            "required_action": "Apply updates per vendor instructions.",
            "vendor": "Acme",
            "product": "Cameras",
        }
    ],
    "models": [
        {
            "id": "acme-cam",
            "pattern": "^AC-\\d",
            "category": "video_surveillance",
            "description": "Acme camera",
            "examples": ["AC-100", "AC-200", "AC-300"],
            "counter_examples": ["AB-100", "P3245-LVE", "XNV-8080R"],
            "fixed": "V2.0",
            "confidence": "high",
            "sources": ["SRC1"],
        }
    ],
    "mitigations": ["Patch."],
    "sources": ["SRC1"],
}


def _with(**changes: Any) -> dict[str, Any]:
    return {"advisories": [ADVISORY | changes]}


def test_an_advisory_loads_through_the_same_loader(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, **{"advisories/acme.yml": _with()})
    assert pack.advisories["acme-bug"].cves == ("CVE-2024-0001",)
    assert pack.advisories["acme-bug"].due == date(2024, 1, 23)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        pytest.param(
            {"group": "nobody"}, "group names unknown entity 'nobody'", id="unknown-group"
        ),
        pytest.param({"sources": ["NOPE"]}, "cites unknown source 'NOPE'", id="unknown-source"),
        pytest.param(
            {"kev": [ADVISORY["kev"][0] | {"cve": "CVE-24-1"}]},
            "advisories/acme.yml: advisories[0].kev[0].cve",
            id="malformed-cve",
        ),
        pytest.param(
            {"models": [ADVISORY["models"][0] | {"pattern": "AC-\\d"}]},
            "must be anchored",
            id="unanchored-pattern",
        ),
        pytest.param(
            {"models": [ADVISORY["models"][0] | {"pattern": "^(A+)+"}]},
            "exponential time",
            id="backtracking-pattern",
        ),
        pytest.param({"mitigations": []}, "advisories[0].mitigations", id="no-mitigations"),
        pytest.param({"sevrity": "high"}, "advisories[0].sevrity", id="typo-is-an-error"),
    ],
)
def test_a_bad_advisory_is_named_by_file_and_path(
    tmp_path: Path, changes: dict[str, Any], problem: str
) -> None:
    with pytest.raises(PackError) as caught:
        make_pack(tmp_path, **{"advisories/acme.yml": _with(**changes)})
    assert any(problem in line for line in caught.value.problems), caught.value.problems


def test_a_cve_given_by_two_advisories_is_an_error(tmp_path: Path) -> None:
    second = ADVISORY | {"id": "acme-bug-2"}
    second["models"] = [ADVISORY["models"][0] | {"id": "acme-cam-2"}]
    with pytest.raises(PackError) as caught:
        make_pack(tmp_path, **{"advisories/acme.yml": {"advisories": [ADVISORY, second]}})
    assert any("CVE-2024-0001 is also given" in p for p in caught.value.problems)


def test_a_user_layer_overrides_a_bundled_advisory_by_id(tmp_path: Path) -> None:
    base = tmp_path / "base"
    make_pack(base, **{"advisories/acme.yml": _with()})
    user = tmp_path / "user"
    (user / "advisories").mkdir(parents=True)
    changed = ADVISORY | {"title": "Acme camera bug, revised"}
    (user / "advisories" / "acme.yml").write_text(
        yaml.safe_dump({"advisories": [changed]}), encoding="utf-8"
    )
    pack = load_layers([(base, "rules"), (user, "mine")])
    assert pack.advisories["acme-bug"].title == "Acme camera bug, revised"
