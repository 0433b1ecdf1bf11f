import pytest

from duediligence.identify.normalize import model_key, name_key, name_tokens


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("Hikvision", "hikvision", id="plain"),
        pytest.param("Hik Vision", "hikvision", id="space"),
        pytest.param("HIK-VISION", "hikvision", id="hyphen-caps"),
        pytest.param("Hikvision Co., Ltd.", "hikvision", id="co-ltd"),
        pytest.param(
            "Hangzhou Hikvision Digital Technology Co.,Ltd.",
            "hangzhouhikvisiondigitaltechnology",
            id="registry-string",
        ),
        pytest.param("Axis Communications AB", "axiscommunications", id="ab"),
        pytest.param("Bosch Sicherheitssysteme GmbH", "boschsicherheitssysteme", id="gmbh"),
        pytest.param("Acme S.A.", "acme", id="s-a-dotted"),
        pytest.param("ＨＩＫＶＩＳＩＯＮ", "hikvision", id="full-width"),
        pytest.param("浙江大华技术股份有限公司", "浙江大华技术", id="cjk-legal-suffix"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    "text", ["", "   ", "Co., Ltd.", "Security Technology Co., Ltd.", "Camera", "CCTV", "-"]
)
def test_generic_or_empty_names_key_to_none(text: str) -> None:
    assert name_key(text) is None


def test_legal_forms_go_only_from_the_end() -> None:
    assert name_tokens("Group 4 Security Ltd") == ("group", "4", "security")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ds-2cd2143g2-i", "DS-2CD2143G2-I"),
        ("  DS - 2CD2143G2 - I ", "DS-2CD2143G2-I"),
        ("DS-7716NXI-I4 / 16P", "DS-7716NXI-I4/16P"),
        ("4MP  Dome\tCamera", "4MP DOME CAMERA"),
    ],
)
def test_model_key(text: str, key: str) -> None:
    assert model_key(text) == key
