"""A block's keys: each signal column's cells numbered by their outcome, as each cell's own
outcome read alone would number them, whichever way the block is read (per distinct value
with a memo, or whole in Arrow), and a key made of the numbers (tests/evaluate/
test_columnar.py holds the reports the keys give).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa
import pytest

from duediligence.api import load_pack
from duediligence.evaluate import keys
from duediligence.evaluate.engine import Evaluator
from duediligence.evaluate.scanner import Scanner
from duediligence.identify.interface import Identifier
from duediligence.pack.loader import Pack

AS_OF = date(2026, 11, 1)
WAYS = [pytest.param(0, id="per-distinct-value"), pytest.param(10**9, id="whole-in-arrow")]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def named(numbers: dict[str, int], said: list[Any]) -> list[str]:
    """The outcome each number stands for (every outcome has a number of its own)."""
    by_number = {number: outcome for outcome, number in numbers.items()}
    assert len(by_number) == len(numbers)
    return [by_number[n] for n in said]


MODEL_CELLS = [
    "DS-2CD2143G2-I",
    "ds-2cd2143g2-i",
    "SN000123457K",
    "SN000123457L",
    "",
    " ",
    "IPC-HFW2231T-ZS",
    "Hikvision DS-2CD2143G2-I",
    "not a model at all",
]
"""A pattern's example in either case, serials, empty and blank cells, a make in the cell,
free text."""


@pytest.mark.parametrize(
    "bulk_from",
    [pytest.param(keys.BULK_FROM, id="few-read-one-by-one"), pytest.param(0, id="all-in-bulk")],
)
@pytest.mark.parametrize("share", WAYS)
def test_a_blocks_models_are_numbered_by_what_each_says_alone(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, share: int, bulk_from: int
) -> None:
    """Over two blocks (the second's texts met before, and one new), each model cell's
    number names its own outcome: '!' where it says nothing, '=' and the text where not,
    whether a block's new texts are told in bulk first or read one by one."""
    identifier = Identifier(pack.catalog)
    judge = Scanner(identifier, Evaluator(pack, None, AS_OF), AS_OF)
    monkeypatch.setattr(keys, "DISTINCT_SHARE", share)
    monkeypatch.setattr(keys, "BULK_FROM", bulk_from)
    keys_of = keys.Keys(identifier, judge.outcomes, [], 0, None)
    numbers: dict[str, int] = {}
    for cells in (MODEL_CELLS * 3, [*MODEL_CELLS[::-1], "DS-7608NI-I2"]):
        said = keys_of.models(pa.array(cells, pa.string()), numbers).to_pylist()
        alone = ["!" if identifier.model_says_nothing(c) else "=" + c for c in cells]
        assert named(numbers, said) == alone


@pytest.mark.parametrize(
    "widest", [pytest.param(keys.WIDEST, id="one-integer"), pytest.param(1, id="encoded-again")]
)
def test_rows_share_a_key_exactly_when_their_outcomes_are_equal(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, widest: int
) -> None:
    identifier = Identifier(pack.catalog)
    judge = Scanner(identifier, Evaluator(pack, None, AS_OF), AS_OF)
    monkeypatch.setattr(keys, "WIDEST", widest)
    keys_of = keys.Keys(identifier, judge.outcomes, [0], 1, 2)
    rows = [
        ("Hikvision", "SN1", ""),
        ("Hikvision", "SN2", ""),  # serials say nothing: the row above's key
        ("Hikvision", "DS-2CD2143G2-I", "44:19:B6:12:34:56"),
        ("Hikvision", "DS-2CD2143G2-I", "44:19:B6:AB:CD:EF"),  # the same OUI
        ("Hikvision", "DS-2CD2143G2-I", ""),
        ("Dahua", "SN1", ""),
    ]
    batch = pa.RecordBatch.from_arrays(
        [pa.array(list(column), pa.string()) for column in zip(*rows, strict=True)],
        ["make", "model", "mac"],
    )
    codes, found = keys_of.encoded(batch)
    by_row = [found[c] for c in codes.to_pylist() if c is not None]
    assert [by_row.index(k) for k in by_row] == [0, 0, 2, 2, 4, 5]
    assert len(set(found)) == len(found) == 4


MAC_CELLS = [
    "44:19:B6:12:34:56",
    "44-19-B6-12-34-57",
    "44:19:b6:ab:cd:ef",
    "00:40:8C:00:00:01",
    "02:40:8C:00:00:01",
    "FF:FF:FF:FF:FF:FF",
    "12:34:56:78:9A:BC",
    "",
    " ",
    "4419.b612.3456",
    "44:19:B6:12:34",
    "44:19-B6:12:34:56",
    "not a mac",
    "44:19:B6:12:34:56 ",
]
"""The common forms, either case, locally administered, broadcast, unregistered, empty,
Cisco's dotted form, one short, separators mixed, free text, a trailing space."""


@pytest.mark.parametrize(
    "share", [pytest.param(0, id="per-distinct-prefix"), pytest.param(10**9, id="row-by-row")]
)
@pytest.mark.parametrize(
    "cells",
    [
        pytest.param(MAC_CELLS * 3, id="some-empty"),
        pytest.param([c for c in MAC_CELLS if c] * 3, id="none-empty"),
        pytest.param(["", ""], id="all-empty"),
    ],
)
def test_a_blocks_macs_say_what_each_says_alone(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, share: int, cells: list[str]
) -> None:
    """A block's MAC outcomes, read once per distinct first eight characters or row by row,
    are each cell's own (`Outcomes.mac_key`, '~' for an empty cell), repeats included: the
    number each cell is given names its own outcome."""
    identifier = Identifier(pack.catalog)
    judge = Scanner(identifier, Evaluator(pack, None, AS_OF), AS_OF)
    monkeypatch.setattr(keys, "DISTINCT_SHARE", share)
    keys_of = keys.Keys(identifier, judge.outcomes, [], None, 1)
    numbers: dict[str, int] = {"an outcome met before": 0}
    said = keys_of.macs(pa.array(cells, pa.string()), numbers).to_pylist()
    alone = Scanner(identifier, Evaluator(pack, None, AS_OF), AS_OF).outcomes
    assert named(numbers, said) == [alone.mac_key(cell) if cell else "~" for cell in cells]
