"""A block's fingerprints are `asset_fingerprint` of each row's identity: 32 hex digits of
its SHA-256, computed by CPython's own SHA-256 where the interpreter has one and by hashlib
where it does not (the digest is the same either way; waivers and baselines key on it). An
identity reads a block's columns only as far as it must."""

from __future__ import annotations

import hashlib
import importlib
from types import ModuleType
from typing import Any

import pyarrow as pa
import pytest

from duediligence.results import block_fingerprints
from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.fingerprints import asset_fingerprint, cells_identity

IDENTITIES = [
    pytest.param([], id="no rows"),
    pytest.param([""], id="an empty identity"),
    pytest.param(["id:a00000001", "id:a00000002"], id="asset ids"),
    pytest.param(["mms:axis|p1375-e|site 1", "serial:sn1"], id="make-model-site and serial"),
    pytest.param(["id:" + "x" * 200], id="longer than one SHA-256 block"),
    pytest.param(["id:é", "id:设备"], id="text outside ASCII"),
]


@pytest.mark.parametrize("identities", IDENTITIES)
def test_each_fingerprint_is_the_reference_one(identities: list[str]) -> None:
    made = block_fingerprints._fingerprints(pa.array(identities, pa.string()))
    assert made.to_pylist() == [asset_fingerprint(i) for i in identities]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"id:a1", id="short"),
        pytest.param(b"x" * 300, id="long"),
    ],
)
def test_the_builtin_sha256_is_sha256(text: bytes) -> None:
    assert block_fingerprints._sha256(text).digest() == hashlib.sha256(text).digest()


def test_without_the_builtin_module_hashlib_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    def absent(name: str) -> ModuleType:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", absent)
    assert block_fingerprints._builtin_sha256() is hashlib.sha256


_TAG_SERIAL_MAKE_MODEL = {Field.ASSET_ID: 0, Field.SERIAL: 1, Field.MAKE: 2, Field.MODEL: 3}


class _Counted(block_fingerprints.Trimmed):
    """Trimmed, recording which columns were read."""

    def __init__(self, cells: pa.RecordBatch) -> None:
        super().__init__(cells)
        self.read: set[int] = set()

    def __getitem__(self, i: int) -> Any:
        self.read.add(i)
        return super().__getitem__(i)


@pytest.mark.parametrize(
    ("rows", "read"),
    [
        pytest.param(
            [["A1", "S1", "Axis", "P1"], [" a2 ", "", "", ""]], {0}, id="a-tag-in-every-row"
        ),
        pytest.param(
            [["A1", "S1", "Axis", "P1"], ["", "S2", "Axis", "P1"]],
            {0, 1},
            id="a-serial-where-no-tag",
        ),
        pytest.param(
            [["", "S1", "Axis", "P1"], ["", "", "Axis  Co", "P1"]],
            {0, 1, 2, 3},
            id="make-and-model-where-neither",
        ),
        pytest.param([["", "", "", ""]], {0, 1, 2, 3}, id="nothing-names-it"),
    ],
)
def test_an_identity_reads_the_columns_up_to_the_first_every_row_has(
    rows: list[list[str]], read: set[int]
) -> None:
    cells = pa.RecordBatch.from_arrays(
        [pa.array([r[i] for r in rows], pa.string()) for i in range(4)], ["t", "s", "m", "p"]
    )
    block = Block(
        0, pa.array(range(2, 2 + len(rows)), pa.int64()), cells, pa.array([0] * len(rows))
    )
    plain = _Counted(cells)
    made = block_fingerprints.block_fingerprints(block, _TAG_SERIAL_MAKE_MODEL, plain)
    identity = cells_identity(_TAG_SERIAL_MAKE_MODEL)
    assert made.to_pylist() == [asset_fingerprint(identity(r)) for r in rows]
    assert plain.read == read


def test_a_trimmed_column_is_trimmed_once() -> None:
    plain = block_fingerprints.Trimmed(pa.record_batch([pa.array([" a ", "b\t"])], ["c"]))
    assert plain[0].to_pylist() == ["a", "b"]
    assert plain[0] is plain[0]
