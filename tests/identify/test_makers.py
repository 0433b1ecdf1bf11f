import pytest

from duediligence.identify.makers import distinctive_key, registered_maker


def test_generic_words_and_legal_forms_go_anywhere_in_the_name() -> None:
    assert distinctive_key("Axis Communications AB") == "axis"
    assert distinctive_key("Security Systems Ltd") is None


@pytest.mark.parametrize(
    ("make", "org"),
    [
        ("Axis", "Axis Communications AB"),
        ("AXIS Communications", "Axis Communications AB"),
        ("Bosch Security Systems", "Bosch Security Systems"),
        ("Mobotix", "Mobotix AG"),
    ],
)
def test_a_make_naming_a_registered_manufacturer_is_recognised(make: str, org: str) -> None:
    assert registered_maker(make) == org


@pytest.mark.parametrize("make", ["Northgate Security Ltd", "Generic", "Camera", "OEM", ""])
def test_made_up_or_generic_makes_name_no_registered_manufacturer(make: str) -> None:
    assert registered_maker(make) is None
