"""Flagged rows kept in Arrow give each row's asset fingerprint in inventory order, whether
a block's fingerprints were begun as the scan added it (its table's fields given) or are
made when asked (added without them): the same fingerprints either way."""

from __future__ import annotations

import pyarrow as pa
import pytest

from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.findings import InputTable
from duediligence.results.fingerprints import asset_fingerprint, cells_identity
from duediligence.results.flagged import FlaggedRows

FIELDS = {Field.ASSET_ID: 0, Field.MAKE: 1, Field.MODEL: 2}
TABLE = InputTable("inventory.csv", None, 1, ("Tag", "Make", "Model"), FIELDS, 5)
Row = tuple[int, tuple[str, ...], int]
"""(row number, cells, judgment index)."""
BLOCKS: list[list[Row]] = [
    [(2, ("A1", "Axis", "P1"), 0), (3, ("", "Hikvision", "DS-2CD"), 1)],
    [(5, (" a5 ", "Axis", "P1"), 0)],
    [(6, ("", "", ""), 1), (7, ("A7", "", ""), 0)],
]


def _block(rows: list[Row]) -> Block:
    cells = pa.RecordBatch.from_arrays(
        [pa.array([cells[i] for _, cells, _ in rows], pa.string()) for i in range(3)],
        ["c0", "c1", "c2"],
    )
    numbers = pa.array([n for n, _, _ in rows], pa.int64())
    return Block(0, numbers, cells, pa.array([j for _, _, j in rows], pa.int64()))


@pytest.mark.parametrize(
    "begun",
    [
        pytest.param([True, True, True], id="begun-as-added"),
        pytest.param([False, False, False], id="made-when-asked"),
        pytest.param([True, False, True], id="some-of-each"),
    ],
)
def test_each_rows_fingerprint_in_inventory_order(begun: list[bool]) -> None:
    flagged = FlaggedRows([TABLE], [])
    for rows, ahead in zip(BLOCKS, begun, strict=True):
        flagged.add_block(_block(rows), FIELDS if ahead else None)
    identity = cells_identity(FIELDS)
    expected = [(0, asset_fingerprint(identity(c)), j) for rows in BLOCKS for _, c, j in rows]
    assert list(flagged.fingerprints()) == expected
    made = [(len(part), prints().to_pylist()) for part, prints in flagged.fingerprinted()]
    assert made == [
        (len(rows), [asset_fingerprint(identity(c)) for _, c, _ in rows]) for rows in BLOCKS
    ]
