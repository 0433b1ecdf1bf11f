import pytest

from duediligence.identify.normalize import legal_form_removed, model_key, name_key, name_tokens


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


@pytest.mark.parametrize(
    ("text", "tokens", "removed"),
    [
        ("Hikvison Co., Ltd.", ("hikvison",), "Co., Ltd."),
        ("杭州海康威视数字技术股份有限公司", ("杭州海康威视数字技术",), "股份有限公司"),
        ("Teltronic S.A.U.", ("teltronic",), "S.A.U."),
        ("Robert Bosch GmbH & Co. KG", ("robert", "bosch"), "GmbH & Co. KG"),
        ("ハイクビジョン株式会社", ("ハイクビジョン",), "株式会社"),
        ("LT Security Inc", ("lt", "security"), "Inc"),  # 'LT' is part of the name
        ("Hikvision", ("hikvision",), None),
    ],
)
def test_legal_forms_are_removed_from_the_end_and_named_for_the_reader(
    text: str, tokens: tuple[str, ...], removed: str | None
) -> None:
    assert name_tokens(text) == tokens
    assert legal_form_removed(text) == removed
