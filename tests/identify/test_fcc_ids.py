import pytest

from duediligence.identify.fcc_ids import grantee_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2ADTD-5604SD", "2ADTD"),  # five-character codes, issued since 2013, start with '2'
        ("FCC ID: 2ADTD-5604SD", "2ADTD"),
        ("YAMPD79XISU1", "YAM"),  # three-character codes, issued before
        ("qisem770w", "QIS"),
        ("SRQ-MF296C", "SRQ"),
        ("2ADTD", "2ADTD"),  # a bare code keys the memo
        ("YAM", "YAM"),
    ],
)
def test_the_grantee_code_is_read_from_any_common_writing(text: str, code: str) -> None:
    assert grantee_code(text) == code


@pytest.mark.parametrize("text", ["", "2AB", "n/a", "see label", "Y"])
def test_text_that_is_no_fcc_id_gives_no_code(text: str) -> None:
    assert grantee_code(text) is None
