"""Column mapping, for every header row: one column per field, and an exact name always wins.

Header rows come from people: known names in any case and punctuation, names with a
qualifier ('Camera Manufacturer'), one-letter slips ('Manufacturor'), blanks and repeats.
"""

import string
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from duediligence.errors import InputError
from duediligence.inventory.columns import (
    IDENTIFYING,
    QUALIFIERS,
    header_key,
    map_columns,
    recognise,
    unique_headers,
)
from duediligence.inventory.headers import COMBINED, SYNONYMS, WEAK
from duediligence.results.assets import Field

PROPERTY = settings(max_examples=200, deadline=None, database=None)

KNOWN = sorted({(name, f) for f, names in SYNONYMS.items() for name in names})
CASES: list[Callable[[str], str]] = [str.upper, str.lower, str.title, str.strip]
KEY_OF = {header_key(name): f for name, f in KNOWN}
STRONG_KEY_OF = {k: f for k, f in KEY_OF.items() if k not in {header_key(w) for w in WEAK}}


def one_field_per_column(fields: dict[Field, int]) -> bool:
    """No two fields share a column, except the make and the model of a column holding both
    ('Hardware Make/Model')."""
    shared = [f for f in fields if list(fields.values()).count(fields[f]) > 1]
    return not shared or (set(shared) == {Field.MAKE, Field.MODEL})


@st.composite
def decorated(draw: st.DrawFn, name: str) -> str:
    """A known name as a person might type it: any case, '_', '.', '-' or runs of spaces
    between words, punctuation around it."""
    words = name.split(" ")
    joiners = [draw(st.sampled_from([" ", "_", ". ", " - ", "  ", "/"])) for _ in words[1:]]
    text = words[0] + "".join(j + w for j, w in zip(joiners, words[1:], strict=True))
    case = draw(st.sampled_from(CASES))
    return (
        draw(st.sampled_from(["", " ", "("]))
        + case(text)
        + draw(st.sampled_from(["", ".", ":", ")"]))
    )


@st.composite
def slipped(draw: st.DrawFn) -> str:
    """A long known name with one letter changed, dropped or doubled."""
    name = draw(st.sampled_from([n for n, _ in KNOWN if len(n) >= 6 and n.isascii()]))
    at = draw(st.integers(0, len(name) - 1))
    letter = draw(st.sampled_from(string.ascii_lowercase))
    return draw(
        st.sampled_from(
            [
                name[:at] + letter + name[at + 1 :],
                name[:at] + name[at + 1 :],
                name[:at] + letter + name[at:],
            ]
        )
    )


CELL = st.one_of(
    st.sampled_from(KNOWN).flatmap(lambda known: decorated(known[0])),
    st.sampled_from(COMBINED).flatmap(decorated),
    st.tuples(st.sampled_from(sorted(QUALIFIERS)), st.sampled_from(KNOWN)).map(
        lambda q: f"{q[0].title()} {q[1][0]}"
    ),
    slipped(),
    st.text(max_size=12),
    st.just(""),
)
HEADER = st.lists(CELL, min_size=1, max_size=12)


@PROPERTY
@given(st.sampled_from(KNOWN).flatmap(lambda known: st.tuples(st.just(known), decorated(known[0]))))
def test_a_known_name_is_known_in_any_case_and_punctuation(
    pair: tuple[tuple[str, Field], str],
) -> None:
    (name, field), typed = pair
    assert header_key(typed) == header_key(name)
    assert recognise([typed])[field][0] == 0


@PROPERTY
@given(st.text())
def test_header_keys_are_a_fixed_point(text: str) -> None:
    assert header_key(header_key(text)) == header_key(text)


@PROPERTY
@given(HEADER)
def test_an_exact_header_always_wins(header: list[str]) -> None:
    """'Make' beats 'Camera Manufacturer' and 'Manufacturor', wherever the columns stand; a
    weak name ('Device Type') is read only where nothing better names its field."""
    found = recognise(header)
    for f in Field:
        exact = [i for i, h in enumerate(header) if STRONG_KEY_OF.get(header_key(h)) is f]
        if exact:
            index, why = found[f]
            assert index == exact[0]
            assert "is a known name" in why


@PROPERTY
@given(HEADER)
def test_no_two_fields_share_a_column_but_a_make_and_model_one(header: list[str]) -> None:
    try:
        mapped = map_columns(header, {}, "inv.csv")
    except InputError:
        return
    assert one_field_per_column(mapped.fields)
    assert all(0 <= i < len(header) for i in mapped.fields.values())
    assert set(mapped.reasons) == set(mapped.fields)


@PROPERTY
@given(HEADER, st.data())
def test_a_map_option_takes_its_column_and_no_other_field_does(
    header: list[str], data: st.DataObject
) -> None:
    first_of_key = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    columns = sorted(set(first_of_key.values()))
    chosen = data.draw(st.lists(st.sampled_from(columns), unique=True, max_size=3))
    fields = data.draw(st.permutations(list(Field)))[: len(chosen)]
    overrides = {f: header[i] for f, i in zip(fields, chosen, strict=True)}
    try:
        mapped = map_columns(header, overrides, "inv.csv")
    except InputError:
        assert not any(f in overrides for f in IDENTIFYING)
        return
    for f, i in zip(fields, chosen, strict=True):
        assert mapped.fields[f] == i
        assert mapped.reasons[f] == f"--map {f.value}={header[i]}"
    assert one_field_per_column(mapped.fields)


@PROPERTY
@given(st.lists(st.sampled_from(["A", "A (2)", "", " ", "Column 1", "B"]), max_size=8))
@example(["A", "A", "A (2)"])
def test_every_column_keeps_a_name_of_its_own(raw: list[str]) -> None:
    names, _ = unique_headers(raw)
    assert len(names) == len(raw)
    assert all(name.strip() for name in names)
    assert len(set(names)) == len(names)
