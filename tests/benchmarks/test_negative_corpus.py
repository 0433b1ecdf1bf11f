"""No covered pattern claims a real model of a maker the pack does not cover.

The negative corpus (benchmarks/accuracy/seeds/negative_models.csv, built by
benchmarks/accuracy/negative.py) holds model numbers from public device lists written for
other purposes: the NetBox device-type library, the cctv-camera-database, Google Play's
supported devices, and the device answers of two user-agent parsers' tests (Matomo's
device-detector, ua-parser-js). A pattern that claims one of them would raise a false alarm on a
compliant register; a maker name the pack attributes would do the same.
"""

import csv
import re
import subprocess
from collections import Counter
from pathlib import Path

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
        "matomo-org/device-detector",
        "faisalman/ua-parser-js",
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


def test_no_corpus_model_is_named_by_the_pack(pack: Pack, rows: list[dict[str, str]]) -> None:
    """A model column is read for names too: another maker's product name that reads as a
    covered name ('HTC Vision', 'HiBook') would be a finding on the name alone."""
    names = NameMatcher(pack.catalog)
    named = [
        (model, ev.entity, ev.score)
        for model in sorted({r["model"] for r in rows})
        for ev in names.match(model)
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
        # device-detector's fixtures: the model it gives, or the code the user agent names
        pytest.param('Z906 10.1"', id="asus-z90x-tablet"),
        pytest.param("Z909", id="zync-z90x-tablet"),
        pytest.param("PLUM Z811", id="plum-optimax-tablet-z811"),
        pytest.param("Pad-L04", id="leke-pad-tablet"),
        pytest.param("LIFE E3501", id="medion-phone-e3x0x"),
        pytest.param("TPC-XE10", id="jay-tech-tablet-pc"),
        pytest.param("TPC-XE10D-H", id="jay-tech-tablet-pc-suffixed"),
        pytest.param("TPC-PA7807", id="jay-tech-tablet-pc-four-digits"),
        pytest.param("TPC-PA10.1M", id="jay-tech-tablet-pc-size"),
        pytest.param("AKIRA Shell PT430CT02-1", id="tv-board-pt430"),
        pytest.param("Starwind Shell PT320AT01-5", id="tv-board-pt320"),
    ],
)
def test_the_false_alarms_found_stay_fixed(pack: Pack, model: str) -> None:
    assert ModelMatcher(pack.catalog).match(model) == ()


@pytest.mark.parametrize(
    ("model", "entity"),
    [
        pytest.param("GAR-AN00", "huawei", id="wiko-hi-enjoy-60-is-huaweis-enjoy-60"),
        pytest.param("BAL-AN20", "huawei", id="wiko-hi-enjoy-70-pro"),
        pytest.param("NAT-TN70", "huawei", id="td-tech-n8-pro"),
    ],
)
def test_the_covered_designs_left_out_are_covered(pack: Pack, model: str, entity: str) -> None:
    """Left out as a covered maker's design, not as noise: the pack rightly claims them."""
    assert [ev.entity for ev in ModelMatcher(pack.catalog).match(model)] == [entity]


@pytest.mark.parametrize(
    "maker",
    [
        pytest.param("TIMvision", id="tim-tv-box-not-hikvision"),
        pytest.param("Torex", id="torex-phones-not-lorex"),
        pytest.param("Maxvi", id="maxvi-phones-not-megvii"),
        # product names in the model column (device-detector's fixtures)
        pytest.param("HTC Vision", id="htc-phone-not-hikvision"),
        pytest.param("HiBook", id="chuwi-tablet-not-hilook"),
        pytest.param("Chuwi HiBook Pro", id="chuwi-tablet-pro-not-hilook"),
        pytest.param("Mi Watch", id="xiaomi-watch-not-hiwatch"),
        pytest.param("Core X", id="xsmart-phone-not-lorex"),
    ],
)
def test_the_lookalike_names_found_stay_unnamed(pack: Pack, maker: str) -> None:
    assert NameMatcher(pack.catalog).match(maker) == ()


@pytest.mark.parametrize(
    ("user_agent", "code"),
    [
        pytest.param(
            "Mozilla/5.0 (Linux; Android 9; SM-G973F Build/PPR1.180610.011) AppleWebKit/537.36",
            "SM-G973F",
            id="code-before-build",
        ),
        pytest.param(
            "Mozilla/5.0 (Linux; U; Android 2.3.3; en-au; Z909 Build/GRI40) AppleWebKit/533.1",
            "Z909",
            id="after-a-locale",
        ),
        pytest.param(
            "Mozilla/5.0 (Linux; U; Android 7.1.1; zh-CN; Leke Pad-L04 Build/NMF26F) Quark/5.2",
            "Leke Pad-L04",
            id="brand-and-code",
        ),
        pytest.param(
            "Mozilla/5.0 (Linux; Android 5.1; ASUS Z906) AppleWebKit/537.36",
            "ASUS Z906",
            id="code-before-parenthesis",
        ),
        pytest.param(
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/111.0.0.0",
            None,
            id="reduced-user-agent-no-digit",
        ),
        pytest.param(
            "Mozilla/5.0 (Linux; Android 9; zh-Hans-CN; Build/X) AppleWebKit/537.36",
            None,
            id="a-locale-is-no-code",
        ),
        pytest.param(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) WebKit/8612",
            None,
            id="not-android",
        ),
    ],
)
def test_ua_model(user_agent: str, code: str | None) -> None:
    assert negative.ua_model(user_agent) == code


def _git(where: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(where), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()


def test_device_detector_reads_each_fixture_with_its_commit(tmp_path: Path) -> None:
    fixtures = tmp_path / "Tests" / "fixtures"
    fixtures.mkdir(parents=True)
    (fixtures / "tablet.yml").write_text(
        "- user_agent: 'Mozilla/5.0 (Linux; Android 5.1; ASUS Z906) AppleWebKit/537.36'\n"
        "  device: {type: tablet, brand: Asus, model: 'Z906 10.1\"'}\n"
        "- user_agent: 'Mozilla/5.0 (Linux; Android 13; GAR-AN00) AppleWebKit/537.36'\n"
        "  device: {type: smartphone, brand: Wiko, model: Hi Enjoy 60 5G}\n"
        "- user_agent: 'Mozilla/5.0 (Linux; Android 9; AKIRA Shell PT430CT02-1 Build/P)'\n"
        "  device: {type: tv, brand: AKIRA, model: ''}\n"
        "- user_agent: 'Googlebot/2.1'\n"
        "  bot: {name: Googlebot}\n",
        encoding="utf-8",
    )
    (fixtures / "README.md").write_text("not a fixture", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "fixtures")
    commit = _git(tmp_path, "rev-parse", "HEAD")
    rows = list(negative.device_detector("dd", tmp_path / ".git"))
    assert [(r.maker, r.model) for r in rows] == [
        ("Asus", 'Z906 10.1"'),
        ("Asus", "ASUS Z906"),
        ("AKIRA", "AKIRA Shell PT430CT02-1"),
    ]
    assert {(r.source, r.path, r.commit) for r in rows} == {
        ("dd", "Tests/fixtures/tablet.yml", commit)
    }


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
        pytest.param(
            [
                negative.Row("Wiko", "GAR-AN00", "s", "p", "c"),
                negative.Row("Wiko", "Hi Enjoy 60 5G", "s", "p", "c"),
                negative.Row("Wiko", "W-V755-EEA", "s", "p", "c"),
                negative.Row("TD Tech", "NAT-TN70", "s", "p", "c"),
            ],
            [("Wiko", "W-V755-EEA", "s")],
            id="a-covered-makers-licensed-design-left-out",
        ),
    ],
)
def test_collect(given: list[negative.Row], kept: list[tuple[str, str, str]]) -> None:
    assert [(r.maker, r.model, r.source) for r in negative.collect(given)] == kept
