import pytest

from duediligence.identify.names import NameMatcher
from duediligence.pack.loader import Pack


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
