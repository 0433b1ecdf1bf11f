import pytest

from duediligence.identify.normalize import (
    fold_lookalikes,
    legal_form_removed,
    lookalikes_in,
    model_key,
    name_key,
    name_tokens,
)


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


@pytest.mark.parametrize(
    ("text", "folded", "count"),
    [
        pytest.param("Нikvision", "Hikvision", 1, id="cyrillic-capital-en"),
        pytest.param("Dаhua", "Dahua", 1, id="cyrillic-small-a"),
        pytest.param("НІКVІSІОN", "HIKVISION", 6, id="cyrillic-capitals"),
        pytest.param("ΗΙΚVΙSΙΟΝ", "HIKVISION", 7, id="greek-capitals"),
        pytest.param("Huаwei Co., Ltd.", "Huawei Co., Ltd.", 1, id="inside-a-longer-name"),
        pytest.param("DS-2СD2143G2-I", "DS-2CD2143G2-I", 1, id="model-number"),
        pytest.param("Хуавей", "Хуавей", 0, id="a-russian-word-stays-russian"),
        pytest.param("Асмеж", "Асмеж", 0, id="a-letter-without-a-latin-twin-keeps-the-word"),
        pytest.param("Hikvision", "Hikvision", 0, id="latin"),
        pytest.param("海康威视", "海康威视", 0, id="chinese"),
        pytest.param("📷 Нik", "📷 Hik", 1, id="emoji-beside"),
    ],
)
def test_lookalike_letters_are_read_as_latin(text: str, folded: str, count: int) -> None:
    assert fold_lookalikes(text) == (folded, count)


@pytest.mark.parametrize(
    ("text", "tokens", "count"),
    [
        ("Нikvision", ("hikvision",), 1),
        ("Ԁahua", ("dahua",), 1),  # a capital with no entry whose small letter has one
        ("Dаhua Technology Со., Ltd.", ("dahua", "technology"), 3),
    ],
)
def test_names_are_tokenised_through_lookalikes(
    text: str, tokens: tuple[str, ...], count: int
) -> None:
    assert name_tokens(text) == tokens
    assert lookalikes_in(text) == count


def test_model_keys_read_lookalikes_too() -> None:
    assert model_key("ds-2сd2143g2-і") == "DS-2CD2143G2-I"


def test_a_legal_form_is_quoted_as_written_even_through_lookalikes() -> None:
    assert legal_form_removed("Dаhua Со., Ltd.") == "Со., Ltd."
