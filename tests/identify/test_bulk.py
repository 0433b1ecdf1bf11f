"""What the block test of model texts promises: it clears only texts the full reading finds
nothing in, and a block's outcomes are the one-by-one reading's, cell for cell.

`bulk.PlainModels` tests a whole Arrow array of distinct model texts with one expression;
the full reading is the one of tests/identify/test_says_nothing_properties.py (every
context expression, then the pack's model patterns and the name matcher). The texts are
that file's: the bundled pack's names and model examples (whole, cut, with digits let in,
in other cases), serials, cue words, separators, whitespace and text outside ASCII.
"""

import copy
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from duediligence.identify.bulk import PlainModels, expression
from duediligence.identify.interface import Identifier
from tests.factory import ACME_FILE, make_pack
from tests.identify.test_says_nothing_properties import (
    IDENTIFIER,
    PROPERTY,
    TEXT,
    says_nothing_in_full,
)

BULK = PlainModels(IDENTIFIER)


def one_by_one(texts: list[str]) -> list[str]:
    """The outcomes read one text at a time: what the block's must be."""
    return ["!" if IDENTIFIER.model_says_nothing(t) else "=" + t for t in texts]


@PROPERTY
@given(st.lists(TEXT, max_size=8))
@example(["SN000123457K", "sn000123457k", "SN000123-457K", "DS-2CD2143G2-I"])
@example(["", " SN000123457K", "SN00012 I45K", "Hikvison123", "X12345/DS-2CD"])
def test_what_the_block_test_clears_says_nothing(texts: list[str]) -> None:
    cleared = BULK.says_nothing(pa.array(texts, pa.string())).to_pylist()
    for text, silent in zip(texts, cleared, strict=True):
        if silent:
            assert says_nothing_in_full(text), text


@PROPERTY
@given(
    st.lists(st.one_of(TEXT, st.sampled_from(["SN000123457K", "DS-2CD2143G2-I", ""])), max_size=12)
)
def test_a_blocks_outcomes_are_the_one_by_one_readings(texts: list[str]) -> None:
    # repeated texts too: the outcomes are taken back to every cell of a distinct text
    column = pa.array([*texts, *texts[:3]], pa.string())
    outcomes = BULK.outcomes(column, IDENTIFIER.model_says_nothing).to_pylist()
    assert outcomes == one_by_one([*texts, *texts[:3]])


@pytest.mark.parametrize(
    ("text", "cleared"),
    [
        pytest.param("SN000123457K", True, id="serial"),
        pytest.param("sn000123457k", True, id="serial-in-lower-case"),
        pytest.param("S000123-457K", True, id="serial-with-hyphen"),
        # Two letters then a hyphen may begin a Huawei handset code ('ANE-LX1'): read one by one.
        pytest.param("SN000123-457K", False, id="letters-then-a-hyphen-are-read"),
        pytest.param("4711/0815/2024", True, id="numbers-between-separators"),
        pytest.param("DS-2CD2143G2-I", False, id="model-number"),
        pytest.param("Hikvision", False, id="name"),
        pytest.param("X12345/DS-2CD", False, id="a-pattern-starts-after-a-separator"),
        pytest.param("SN12K", False, id="too-few-digits-to-rule-out-a-typo"),
        pytest.param("HDD123456789", False, id="a-cue-run"),
        pytest.param(" SN000123457K", False, id="whitespace-is-read-one-by-one"),
        pytest.param("SN00012 I45K", False, id="a-space-inside"),
        pytest.param("", False, id="empty"),
        pytest.param("海康", False, id="outside-ascii"),
        pytest.param("SN" + "0" * 5000 + "K", False, id="longer-than-free-text-is-read"),
    ],
)
def test_what_the_block_test_clears(text: str, cleared: bool) -> None:
    assert BULK.says_nothing(pa.array([text], pa.string())).to_pylist() == [cleared]
    if cleared:
        assert says_nothing_in_full(text)


def test_only_what_the_block_test_leaves_is_read_one_by_one() -> None:
    asked: list[str] = []

    def says_nothing(text: str) -> bool:
        asked.append(text)
        return IDENTIFIER.model_says_nothing(text)

    column = pa.array(["SN000123457K", "DS-2CD2143G2-I", "SN000123457K", "SN000765431K"])
    outcomes = BULK.outcomes(column, says_nothing).to_pylist()
    assert outcomes == ["!", "=DS-2CD2143G2-I", "!", "!"]
    assert asked == ["DS-2CD2143G2-I"]


def test_an_empty_block_has_no_outcomes() -> None:
    assert BULK.outcomes(pa.array([], pa.string()), IDENTIFIER.model_says_nothing).to_pylist() == []


def test_a_pattern_whose_shape_cannot_be_told_clears_nothing(tmp_path: Path) -> None:
    # a pattern that can match nothing at all starts anywhere: then every text is read
    acme = copy.deepcopy(ACME_FILE)
    acme["models"][0] |= {"pattern": r"^(?:AC-\d{4}[A-Z])?", "counter_examples": []}
    identifier = Identifier(make_pack(tmp_path, **{"entities/acme.yml": acme}).catalog)
    assert expression(identifier) is None
    texts = ["SN000123457K", "4711"]
    column = pa.array(texts, pa.string())
    assert PlainModels(identifier).says_nothing(column).to_pylist() == [False, False]
    outcomes = PlainModels(identifier).outcomes(column, identifier.model_says_nothing)
    assert outcomes.to_pylist() == [
        "!" if identifier.model_says_nothing(t) else "=" + t for t in texts
    ]
