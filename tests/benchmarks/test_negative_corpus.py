"""No covered pattern claims a real model of a maker the pack does not cover.

The negative corpus (benchmarks/accuracy/seeds/negative_models.csv, built by
benchmarks/accuracy/negative.py) holds model numbers from public device lists written for
other purposes: the NetBox device-type library, the cctv-camera-database and Google Play's
supported devices. A pattern that claims one of them would raise a false alarm on a
compliant register; a maker name the pack attributes would do the same.
"""

import csv
import re
from collections import Counter

import pytest

from benchmarks.accuracy import negative
from duediligence.api import load_pack
from duediligence.identify.model_numbers import ModelMatcher
from duediligence.identify.names import NameMatcher
from duediligence.pack.loader import Pack

COMMIT = re.compile(r"^[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with negative.OUTPUT.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_corpus_is_large_varied_and_every_row_is_cited(rows: list[dict[str, str]]) -> None:
    makers = Counter(negative.fold(r["maker"]) for r in rows)
    sources = {r["source"] for r in rows}
    assert len(rows) >= 10_000
    assert len(makers) >= 100
    assert {
        "netbox-community/devicetype-library",
        # The cctv-camera-database as downloaded: its repository under its earlier name.
        "ch-bas/cctv-camera-databse",
        "ifarbod/gplay-supported-devices",
    } <= sources
    assert all(r["model"] and r["path"] and COMMIT.match(r["commit"]) for r in rows)
    keys = [(negative.fold(r["maker"]), r["model"].casefold()) for r in rows]
    assert len(keys) == len(set(keys)), "one row per distinct maker and model"


def test_no_covered_maker_is_in_the_corpus(rows: list[dict[str, str]]) -> None:
    assert not [r["maker"] for r in rows if negative.excluded(r["maker"])]
    # nor a covered maker's product under another's retail brand ('ZTE Blade A410', Orange)
    assert not [r["model"] for r in rows if negative.names_excluded(r["model"])]


def test_no_pattern_claims_another_makers_model(pack: Pack, rows: list[dict[str, str]]) -> None:
    models = ModelMatcher(pack.catalog)
    claimed = [
        (r["maker"], r["model"], ev.matched) for r in rows for ev in models.match(r["model"])
    ]
    assert not claimed, f"{len(claimed)} claimed, e.g. {claimed[:10]}"


def test_no_corpus_maker_is_named_by_the_pack(pack: Pack, rows: list[dict[str, str]]) -> None:
    names = NameMatcher(pack.catalog)
    named = [
        (maker, ev.entity, ev.score)
        for maker in sorted({r["maker"] for r in rows})
        for ev in names.match(maker)
    ]
    assert not named


@pytest.mark.parametrize(
    "model",
    [
        pytest.param("VIGI NVR1008H-8P", id="tp-link-vigi-nvr-8ch"),
        pytest.param("VIGI NVR1104H-4P", id="tp-link-vigi-nvr-4ch"),
        pytest.param("NVR2016H-16MP", id="tp-link-vigi-nvr-16ch-bare"),
        pytest.param("Optix G241VC", id="msi-optix-monitor"),
        pytest.param("Optix MPG321UR-QD", id="msi-optix-monitor-4k"),
        pytest.param("CE10402-16", id="cem-global-device"),
        pytest.param("PD470", id="amobile-device"),
        pytest.param("PD5004W", id="tkh-ptz-camera"),
    ],
)
def test_the_false_alarms_found_stay_fixed(pack: Pack, model: str) -> None:
    assert ModelMatcher(pack.catalog).match(model) == ()


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        pytest.param(
            [
                negative.Row("Acme ", " X-1 ", "s", "p", "c"),
                negative.Row("ACME", "x-1", "t", "q", "d"),
            ],
            [("Acme", "X-1", "s")],
            id="first-source-wins-per-maker-and-model",
        ),
        pytest.param(
            [
                negative.Row("HUAWEI", "P30", "s", "p", "c"),
                negative.Row("Ezviz", "C6N", "s", "p", "c"),
            ],
            [],
            id="covered-makers-left-out-whatever-the-case",
        ),
        pytest.param(
            [negative.Row("", "M1", "s", "p", "c"), negative.Row("Acme", "", "s", "p", "c")],
            [],
            id="rows-without-maker-or-model-left-out",
        ),
    ],
)
def test_collect(given: list[negative.Row], kept: list[tuple[str, str, str]]) -> None:
    assert [(r.maker, r.model, r.source) for r in negative.collect(given)] == kept
