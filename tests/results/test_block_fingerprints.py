"""A block's fingerprints are `asset_fingerprint` of each row's identity: 32 hex digits of
its SHA-256, computed by CPython's own SHA-256 where the interpreter has one and by hashlib
where it does not (the digest is the same either way; waivers and baselines key on it)."""

from __future__ import annotations

import hashlib
import importlib
from types import ModuleType

import pyarrow as pa
import pytest

from duediligence.results import block_fingerprints
from duediligence.results.fingerprints import asset_fingerprint

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
