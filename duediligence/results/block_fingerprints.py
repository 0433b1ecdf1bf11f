"""Asset fingerprints of flagged rows read by Arrow, computed from the columns in C.

The same values as `fingerprints.asset_fingerprint(cells_identity(...)(cells))`, which stays
the reference: a row whose identity is not all printable ASCII (accents, CJK, tabs) is
fingerprinted the reference way, since case folding and whitespace rules differ outside it.
Used by the JSON writer and by the gate (waivers and baselines match on fingerprints).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, cast

import pyarrow as pa

from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.compute import int_scalar, join, pc, text_array, text_scalar
from duediligence.results.fingerprints import (
    IDENTITY_KEYS,
    IDENTITY_REST,
    asset_fingerprint,
    cells_identity,
)

HALF = 16
"""Bytes of SHA-256 a fingerprint keeps (32 hex digits, as `fingerprints.asset_fingerprint`)."""


def block_fingerprints(
    block: Block, fields: Mapping[Field, int], plain: Mapping[int, Any] | None = None
) -> Any:
    """Each row's asset fingerprint, as a string array.

    `plain` may give the block's columns already trimmed of ASCII whitespace, by index.
    """
    n = len(block)
    used = {fields[f] for _, f in IDENTITY_KEYS if f in fields}
    used |= {fields[f] for f in IDENTITY_REST if f in fields}
    trimmed = {
        i: plain[i] if plain is not None else pc.ascii_trim_whitespace(block.cells.column(i))
        for i in used
    }
    identity = _identity(trimmed, fields, n)
    fingerprints = _fingerprints(identity)
    odd = pc.invert(pc.ascii_is_printable(identity))
    if pc.any(odd).as_py():
        of = cells_identity(fields)
        rows = [row for row, keep in zip(block.rows(), odd.to_pylist(), strict=True) if keep]
        fingerprints = pc.replace_with_mask(
            fingerprints,
            odd,
            text_array([asset_fingerprint(of(cells)) for _, _, cells, _ in rows]),
        )
    return fingerprints


def _repeat(text: str, n: int) -> Any:
    return pa.repeat(text_scalar(text), n)


def _identity(plain: Mapping[int, Any], fields: Mapping[Field, int], n: int) -> Any:
    """`fingerprints.cells_identity` for printable ASCII cells: asset id, serial or MAC, else
    make|model|site with runs of spaces made one."""
    keys = []
    for kind, f in IDENTITY_KEYS:
        if f in fields:
            keys.append((kind, plain[fields[f]]))
            if not pc.any(pc.equal(keys[-1][1], text_scalar(""))).as_py():
                break  # every row has this one: those after it are never read
    unnamed = _repeat("", n)
    for _, value in keys:
        unnamed = pc.if_else(pc.equal(value, text_scalar("")), unnamed, text_scalar("-"))
    identity: Any = _repeat("", n)
    if pc.any(pc.equal(unnamed, text_scalar(""))).as_py():
        rest = [
            pc.replace_substring_regex(pc.ascii_lower(plain[fields[f]]), " +", " ")
            if f in fields
            else _repeat("", n)
            for f in IDENTITY_REST
        ]
        identity = join("mms:", join(*rest, "|"), "")
    for kind, value in reversed(keys):
        identity = pc.if_else(
            pc.equal(value, text_scalar("")),
            identity,
            join(f"{kind}:", pc.ascii_lower(value), ""),
        )
    return identity


def _fingerprints(identity: Any) -> Any:
    """`fingerprints.asset_fingerprint` of each identity: the digests in Python (one SHA-256
    call a row), their hex and the string array in one step each."""
    sha256 = hashlib.sha256
    texts = cast(list[bytes], identity.cast(pa.binary()).to_pylist())
    digests = b"".join([sha256(i).digest()[:HALF] for i in texts])
    n = len(texts)
    # 0, 32, 64, ...: a running sum in Arrow, a tenth of the time of converting a range
    steps = pa.repeat(int_scalar(2 * HALF, pa.int32()), n + 1)
    offsets = pc.cumulative_sum(steps, start=int_scalar(-2 * HALF, pa.int32())).buffers()[1]
    assert offsets is not None
    return pa.StringArray.from_buffers(n, offsets, pa.py_buffer(digests.hex().encode()))
