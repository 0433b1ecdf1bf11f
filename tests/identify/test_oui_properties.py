"""Every way people write a MAC reads as the same 48 bits; anything else reads as no MAC.

A register column holds whatever the person who typed it chose: colons, hyphens, Cisco
dots, bare hex, either case, stray spaces. The OUI, not the notation, names the maker.
"""

import re
import string
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from duediligence.identify.oui import is_locally_administered, oui_key, oui_text, parse_mac
from duediligence.identify.unknown import MAC_MALFORMED, MAC_RANDOM, mac_problem

PROPERTY = settings(max_examples=200, deadline=None, database=None)

MAC = st.integers(min_value=0, max_value=(1 << 48) - 1)
CASES: list[Callable[[str], str]] = [str.upper, str.lower]
HEX_CASE = st.sampled_from(CASES)


def _notations(value: int) -> list[str]:
    """The same MAC in every notation the reader promises to accept."""
    digits = f"{value:012X}"
    pairs = [digits[i : i + 2] for i in range(0, 12, 2)]
    quads = [digits[i : i + 4] for i in range(0, 12, 4)]
    return [":".join(pairs), "-".join(pairs), ".".join(quads), digits, " ".join(pairs)]


@PROPERTY
@given(MAC, HEX_CASE, st.sampled_from(["", " ", "\t", "  \n"]))
def test_every_notation_reads_as_the_same_48_bits(
    value: int, case: Callable[[str], str], pad: str
) -> None:
    expected = f"{value:012X}"
    for text in _notations(value):
        assert parse_mac(pad + case(text) + pad) == expected


@PROPERTY
@given(MAC, HEX_CASE)
def test_the_oui_is_the_first_24_bits_unless_locally_administered(
    value: int, case: Callable[[str], str]
) -> None:
    digits = f"{value:012X}"
    expected = None if is_locally_administered(digits) else oui_text(digits)
    assert expected is None or int(expected.replace(":", ""), 16) == value >> 24
    for text in _notations(value):
        assert oui_key(case(text)) == expected
    assert oui_key(case(digits[:6])) == expected, "an OUI alone names the same maker"


@PROPERTY
@given(st.text(st.characters(codec="utf-8"), max_size=30))
@example("ﬀﬀﬀﬀﬀﬀ")  # U+FB00 upper-cases to 'FF'
@example("４４:１９:B6:12:34:56")  # full-width digits are not hex
@example("4419B6123456\n")
def test_anything_else_is_no_mac_and_never_an_exception(text: str) -> None:
    """A MAC is exactly 12 ASCII hex digits once separators are gone; nothing else parses."""
    separators_gone = re.sub(r"[\s:\-.]", "", text)
    is_mac = re.fullmatch(r"[0-9A-Fa-f]{12}", separators_gone) is not None
    parsed = parse_mac(text)
    assert (parsed is not None) == is_mac
    if parsed is not None:
        assert parsed == separators_gone.upper()
    key = oui_key(text)
    assert key is None or re.fullmatch(r"[0-9A-F]{2}(:[0-9A-F]{2}){2}", key)


@PROPERTY
@given(st.text(string.hexdigits + ":-. ", max_size=20))
def test_a_mac_that_names_no_maker_says_why(text: str) -> None:
    """Malformed and random MACs are told apart, so a register owner knows what to fix."""
    problem = mac_problem(text)
    if oui_key(text) is not None:
        assert problem is None
    elif (mac := parse_mac(text)) is not None and is_locally_administered(mac):
        assert problem == MAC_RANDOM
    else:
        assert problem == MAC_MALFORMED
