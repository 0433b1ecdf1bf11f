"""Asset fingerprints of flagged rows read by Arrow, computed from the columns in C.

The same values as `fingerprints.asset_fingerprint(cells_identity(...)(cells))`, which stays
the reference: a row whose identity is not all printable ASCII (accents, CJK, tabs) is
fingerprinted the reference way, since case folding and whitespace rules differ outside it.
Used by the JSON writer and by the gate (waivers and baselines match on fingerprints).
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Mapping
from typing import Any, cast

import pyarrow as pa

from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.compute import int_range, join, pc, text_array, text_scalar
from duediligence.results.fingerprints import (
    IDENTITY_KEYS,
    IDENTITY_REST,
    asset_fingerprint,
    cells_identity,
)

HALF = 16
"""Bytes of SHA-256 a fingerprint keeps (32 hex digits, as `fingerprints.asset_fingerprint`)."""
DIGEST = 32
"""Bytes of a SHA-256 digest."""


class Trimmed:
    """A block's columns trimmed of ASCII whitespace, each the first time it is asked for: an
    identity reads only the columns up to the first that no row lacks (the asset tag, in most
    registers), and the JSON writer trims the rest for the rows' fields."""

    __slots__ = ("_cells", "_done")

    def __init__(self, cells: pa.RecordBatch) -> None:
        self._cells = cells
        self._done: dict[int, Any] = {}

    def __getitem__(self, i: int) -> Any:
        done = self._done.get(i)
        if done is None:
            done = self._done[i] = pc.ascii_trim_whitespace(self._cells.column(i))
        return done


def block_fingerprints(
    block: Block, fields: Mapping[Field, int], plain: Trimmed | None = None
) -> Any:
    """Each row's asset fingerprint, as a string array.

    `plain` may give the block's columns trimmed, as others read them too.
    """
    n = len(block)
    identity = _identity(Trimmed(block.cells) if plain is None else plain, fields, n)
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


def _identity(plain: Trimmed, fields: Mapping[Field, int], n: int) -> Any:
    """`fingerprints.cells_identity` for printable ASCII cells: asset id, serial or MAC, else
    make|model|site with runs of spaces made one."""
    keys = []
    every = False  # whether the last key read is in every row
    for kind, f in IDENTITY_KEYS:
        if f in fields:
            keys.append((kind, plain[fields[f]]))
            if not pc.any(pc.equal(keys[-1][1], text_scalar(""))).as_py():
                every = True
                break  # every row has this one: those after it are never read
    identity: Any
    if every:  # it names each row the others leave unnamed (the asset tag, most often alone)
        kind, value = keys.pop()
        identity = join(f"{kind}:", pc.ascii_lower(value), "")
    else:
        unnamed = _repeat("", n)
        for _, value in keys:
            unnamed = pc.if_else(pc.equal(value, text_scalar("")), unnamed, text_scalar("-"))
        identity = _repeat("", n)
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
    call a row, `_sha256`), their first halves cut in Arrow, their hex and the string array in
    one step each."""
    texts = cast(list[bytes], pc.cast(identity, pa.binary()).to_pylist())
    n = len(texts)
    # Whole digests, then their halves cut in C: cutting each in Python was 20 ms more.
    digests = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(DIGEST), n, [None, pa.py_buffer(b"".join([_sha256(i).digest() for i in texts]))]
    )
    halves = pc.binary_slice(digests, 0, HALF).buffers()[1]
    assert halves is not None
    offsets = int_range(0, n + 1, 2 * HALF, pa.int32()).buffers()[1]  # 0, 32, 64, ...
    assert offsets is not None
    hexed = memoryview(halves)[: n * HALF].hex().encode()
    return pa.StringArray.from_buffers(n, offsets, pa.py_buffer(hexed))


def _builtin_sha256() -> Callable[[bytes], Any]:
    """SHA-256 as CPython computes it itself, where it does: the same digest as hashlib's,
    which asks OpenSSL to set up a context per call (EVP), a cost that a one-block message
    (an identity) pays more than the compression itself. 0.22 against 0.27 s for 583,000
    identities. The module is CPython's own (`_sha256` to 3.11, `_sha2` from 3.12); a build
    without it hashes with hashlib."""
    for name in ("_sha2", "_sha256"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return cast(Callable[[bytes], Any], module.sha256)
    return hashlib.sha256


_sha256 = _builtin_sha256()
