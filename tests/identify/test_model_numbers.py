import pytest

from duediligence.identify.model_numbers import ModelMatcher
from duediligence.pack.loader import Pack


@pytest.fixture(scope="module")
def models(test_pack: Pack) -> ModelMatcher:
    return ModelMatcher(test_pack.catalog)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("AC-1234B", id="exact"),
        pytest.param("ac-1234b-i", id="lower-case-with-suffix"),
        pytest.param(" AC - 1234B ", id="stray-spaces"),
        pytest.param("4MP Dome Camera AC-2040X-I 2.8mm", id="inside-description"),
        pytest.param("Camera (AC-2040X)", id="in-brackets"),
    ],
)
def test_models_found(models: ModelMatcher, text: str) -> None:
    (ev,) = models.match(text)
    assert ev.entity == "acme"
    assert ev.matched == "acme-ac"
    assert "matches the Acme Vision Technology Co., Ltd. pattern" in ev.explanation


@pytest.mark.parametrize("text", ["AC-12B", "XAC-1234B", "Dome camera", "", "1234"])
def test_models_not_found(models: ModelMatcher, text: str) -> None:
    assert models.match(text) == ()
