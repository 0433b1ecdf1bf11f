from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.identify.names import NameMatcher
from duediligence.pack.loader import Pack
from tests.factory import make_pack


@pytest.fixture(scope="module")
def names(test_pack: Pack) -> NameMatcher:
    return NameMatcher(test_pack.catalog)


@pytest.mark.parametrize(
    ("make", "entity"),
    [
        pytest.param("Acme", "acme", id="alias"),
        pytest.param("ACME VISION TECHNOLOGY CO LTD", "acme", id="legal-name-caps"),
        pytest.param("Acme Vision", "acme", id="spacing-of-alias"),
        pytest.param("Acme-Vision Technology (UK) Ltd", "acme", id="alias-inside-longer-make"),
        pytest.param("Acmevison", "acme", id="one-typo"),
        pytest.param("Acmevison Digital Technology", "acme", id="typo-with-generic-words"),
        pytest.param("阿克米视觉技术有限公司", "acme", id="chinese-legal-name"),
        pytest.param("深圳阿克米", "acme", id="chinese-alias-as-substring"),
        pytest.param("AcmeLine", "acmeline", id="brand"),
        pytest.param("ZED", "zed", id="short-exact"),
        pytest.param("ZED Corporation USA", "zed", id="short-with-generic-words"),
        pytest.param("ZED F660", "zed", id="short-name-then-a-model-number"),
        pytest.param("ZED IPC-A26Z 2.8mm", "zed", id="short-name-then-model-numbers"),
        pytest.param("ZED ONT", "zed", id="short-name-then-a-kind-of-equipment"),
        pytest.param("ZED F670L ONT", "zed", id="short-name-then-a-model-and-a-kind"),
        pytest.param("ZED Bullet 2C", "zed", id="short-name-then-a-kind-and-a-model"),
        pytest.param("ZED IP dome cameras", "zed", id="short-name-then-generic-words-and-kinds"),
    ],
)
def test_names_that_identify(names: NameMatcher, make: str, entity: str) -> None:
    found = names.match(make)
    assert found, make
    assert found[0].entity == entity


@pytest.mark.parametrize(
    "make",
    [
        pytest.param("Acme Bakery", id="listed-lookalike"),
        pytest.param("Acme Bakery Supplies Ltd", id="lookalike-inside-longer-name"),
        pytest.param("ZEE", id="one-edit-from-a-short-name-is-another-company"),
        pytest.param("ZED Farms", id="short-name-beside-a-distinctive-word"),
        pytest.param("ZED Ranger 2", id="short-name-then-a-word-without-digits"),
        pytest.param("Farms ZED 2", id="short-name-not-first"),
        pytest.param("ZED Farms router", id="short-name-beside-a-distinctive-word-and-a-kind"),
        pytest.param("Ubuntu 22.04 ZED server", id="short-name-after-another-word"),
        pytest.param("ZEE F660", id="one-edit-then-a-model-number"),
        pytest.param("Acmevison Farms", id="typo-beside-a-distinctive-word"),
        pytest.param("Acne", id="too-short-to-fuzz"),
        pytest.param("Security Technology Co., Ltd.", id="only-generic-words"),
        pytest.param("Camera", id="generic-word"),
        pytest.param("", id="empty"),
    ],
)
def test_names_that_must_not_identify(names: NameMatcher, make: str) -> None:
    assert names.match(make) == ()


def test_a_typo_explains_itself(names: NameMatcher) -> None:
    (ev,) = names.match("Acmevison")
    assert ev.score < 100
    assert "'Acmevison' ≈ 'Acmevision' (score 95, 1 edit)" in ev.explanation
    assert ev.matched == "Acmevision"


# A maker with its names in other scripts and a romanisation, as a pack holds them with sources.
SCRIPTS = {
    "entities": [
        {
            "id": "kairo",
            "name": "Hangzhou Kairo Vision Co., Ltd.",
            "names": [
                {"name": "凯罗视觉", "lang": "zh-Hans"},
                {"name": "Kailuo", "lang": "zh-Latn-pinyin"},
                {"name": "カイロビジョン", "lang": "ja"},
                {"name": "카이로비전", "lang": "ko"},
            ],
            "aliases": ["Kairovision"],
            "country": "CN",
            "sources": ["SRC1"],
        }
    ]
}


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> NameMatcher:
    root = tmp_path_factory.mktemp("scriptspack")
    return NameMatcher(make_pack(root, **{"entities/kairo.yml": SCRIPTS}).catalog)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param("Kailuo", id="pinyin"),
        pytest.param("KAILUO", id="pinyin-caps"),
        pytest.param("Kailuo Technology Co., Ltd.", id="pinyin-with-generic-words"),
        pytest.param("カイロビジョン", id="katakana"),
        pytest.param("ｶｲﾛﾋﾞｼﾞｮﾝ", id="half-width-katakana"),
        pytest.param("カイロビジョン株式会社", id="katakana-with-legal-form"),
        pytest.param("카이로비전", id="hangul"),
        pytest.param("카이로비전 주식회사", id="hangul-with-legal-form"),
        pytest.param("凯罗视觉有限公司", id="chinese"),
        pytest.param("Kairovision", id="latin-alias"),
        pytest.param("Kairovison", id="latin-alias-typo"),
    ],
)
def test_names_in_other_scripts_and_romanisations(scripts: NameMatcher, make: str) -> None:
    assert [ev.entity for ev in scripts.match(make)] == ["kairo"]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param("Kailou", id="pinyin-transposed"),
        pytest.param("Kaluo", id="pinyin-one-letter-short"),
        pytest.param("Kailuan", id="another-pinyin-name"),
        pytest.param("Kailuo Farms", id="pinyin-beside-a-distinctive-word"),
        pytest.param("カイロ", id="katakana-too-short-to-find-inside"),
    ],
)
def test_romanised_names_match_exactly(scripts: NameMatcher, make: str) -> None:
    """Pinyin is built from few syllables: one edit away is another name."""
    assert scripts.match(make) == ()


@pytest.mark.parametrize(
    ("make", "entity", "count"),
    [
        pytest.param("Аcme", "acme", 1, id="cyrillic-a"),
        pytest.param("АСМЕ", "acme", 4, id="all-cyrillic-capitals"),
        pytest.param("Acmevіsіon", "acme", 2, id="ukrainian-i"),
        pytest.param("Αcmevision", "acme", 1, id="greek-alpha"),
        pytest.param("ＡＣＭＥ", "acme", 0, id="full-width-is-nfkc-not-a-lookalike"),
        pytest.param("ZЕD", "zed", 1, id="short-name-cyrillic-e"),
    ],
)
def test_lookalike_spellings_are_the_names_and_say_so(
    names: NameMatcher, make: str, entity: str, count: int
) -> None:
    (ev,) = names.match(make)
    assert ev.entity == entity and ev.score == 100
    plural = "s" if count > 1 else ""
    said = f"written with {count} lookalike character{plural}"
    assert (said in ev.explanation) == (count > 0)


def test_a_lookalike_explanation_quotes_both_spellings(names: NameMatcher) -> None:
    (ev,) = names.match("Аcme Vision")
    assert ev.explanation.endswith(
        "; 'Аcme Vision' is 'Acme Vision' written with 1 lookalike character"
    )


@pytest.mark.parametrize(
    "make",
    [
        pytest.param("Асме Бакery", id="lookalike-of-a-listed-lookalike"),
        pytest.param("Асмеж", id="word-with-a-letter-that-has-no-latin-twin"),
        pytest.param("Хуавей", id="russian-word"),
    ],
)
def test_lookalikes_do_not_make_names(names: NameMatcher, make: str) -> None:
    assert names.match(make) == ()


def test_a_name_inside_a_longer_matched_name_is_not_evidence_of_its_own(
    tmp_path: Path,
) -> None:
    """'Acme Vision USA Sales' names the US company only, not also its parent."""
    usa = {
        "entities": [
            {
                "id": "acme-usa",
                "name": "Acme Vision USA Inc.",
                "country": "US",
                "sources": ["SRC1"],
            }
        ]
    }
    names = NameMatcher(make_pack(tmp_path, **{"entities/usa.yml": usa}).catalog)
    assert [ev.entity for ev in names.match("Acme Vision USA Sales Office")] == ["acme-usa"]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda k: k, id="as-is"),
        pytest.param(lambda k: "x" + k[1:], id="substituted"),
        pytest.param(lambda k: k[1] + k[0] + k[2:], id="transposed"),
        pytest.param(lambda k: k[:-1], id="deleted"),
        pytest.param(lambda k: k + "qz", id="two-inserted"),
        pytest.param(lambda k: "zq" + k[2:], id="two-substituted"),
        pytest.param(lambda k: k[::-1], id="reversed"),
        pytest.param(lambda k: "sn000000000k", id="a-serial"),
        pytest.param(lambda k: k[:-3] + "709", id="digits-for-letters"),
    ],
)
def test_typo_matching_leaves_out_only_keys_beyond_the_cutoff(
    edit: Callable[[str], str],
) -> None:
    from rapidfuzz.distance import DamerauLevenshtein

    from duediligence.api import load_pack
    from duediligence.identify import weights

    matcher = NameMatcher(load_pack().catalog)
    keys = matcher._fuzzy_keys
    for key in keys:
        probe = edit(key)
        near = matcher._near(probe)
        within = [
            k for k in keys if DamerauLevenshtein.distance(probe, k) <= weights.FUZZY_EDITS_LONG
        ]
        assert [k for k in near if k in within] == within
