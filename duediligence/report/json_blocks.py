"""The JSON lines of flagged rows read by Arrow, built from the columns in C.

A row's line is the same text the row-by-row writer makes (tests/report/test_json_blocks.py
holds them equal): fields stripped and JSON-escaped, empty cells left out, the asset's
fingerprint from its identity. Rows with any character outside printable ASCII (accents,
CJK, control characters) are handed to the row-by-row writer, whose escaping and case
folding are the reference; the rest need only backslash and quote escaped and ASCII lower case.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import pyarrow as pa

from duediligence.assets import Field
from duediligence.compute import pc
from duediligence.fingerprints import IDENTITY_KEYS, IDENTITY_REST
from duediligence.flagged import Block

HALF = 16
"""Bytes of SHA-256 a fingerprint keeps (32 hex digits, as `fingerprints.asset_fingerprint`)."""
CHUNK = 65_536
"""Lines turned into one Python string at a time: bounds the text held at once."""

Line = Callable[[int, int, Sequence[str], int], str]
"""The row-by-row writer: (table, row, cells, judgment) -> its line."""


def block_text(
    block: Block,
    head: str,
    columns: Sequence[str],
    fields: dict[Field, int],
    ids: Sequence[str],
    dumps: Callable[[Any], str],
    line: Line,
) -> Iterator[memoryview]:
    """The block's lines, each starting ',\\n', as UTF-8 in chunks.

    `head` opens a line up to the row number ('{"input":0,"row":'); `ids` are the judgments'
    ids as JSON; `dumps` encodes a header name; `line` writes a row the reference way.
    """
    plain = [pc.ascii_trim_whitespace(c) for c in block.cells.columns]
    empty = pa.scalar(None, pa.string())
    pieces = [
        pc.if_else(
            pc.equal(value, ""),
            empty,
            pc.binary_join_element_wise(f'{dumps(name)}:"', _escaped(value), '"', ""),
        )
        for name, value in zip(columns, plain, strict=False)
    ]
    # Empty cells are null pieces, which the join skips with their comma.
    joined = (
        pc.binary_join_element_wise(*pieces, ",", null_handling="skip")
        if pieces
        else _repeat("", len(block))
    )
    body = pc.binary_join_element_wise("{", joined, "}", "")
    lines = pc.binary_join_element_wise(
        f",\n{head}",
        block.numbers.cast(pa.string()),
        ',"judgment":',
        pc.take(pa.array(ids, pa.string()), block.verdicts),
        ',"fingerprint":"',
        _fingerprints(_identity(plain, fields, len(block))),
        '","fields":',
        body,
        "}",
        "",
    )
    # Every cell is in the body: a row whose body is not all printable ASCII is written the
    # reference way.
    odd = pc.invert(pc.ascii_is_printable(body))
    if pc.any(odd).as_py():
        rows = [row for row, keep in zip(block.rows(), odd.to_pylist(), strict=True) if keep]
        lines = pc.replace_with_mask(
            lines, odd, pa.array([line(*row) for row in rows], pa.string())
        )
    for start in range(0, len(lines), CHUNK):
        part = lines.slice(start, CHUNK).cast(pa.binary())
        whole = pa.ListArray.from_arrays(pa.array([0, len(part)], pa.int32()), part)
        yield memoryview(pc.binary_join(whole, b"")[0].as_buffer())


def _escaped(value: Any) -> Any:
    """JSON string escaping for printable ASCII: only backslash and quote, where present."""
    data = value.buffers()[2]
    for char in ("\\", '"'):
        if data is not None and _has_byte(data, char.encode()):
            value = pc.replace_substring(value, char, "\\" + char)
    return value


def _has_byte(data: pa.Buffer, byte: bytes) -> bool:
    """Whether a buffer holds the byte, scanned in place (a value's bytes lie in its array's
    data buffer; bytes outside the array's slice can only cause a needless replace)."""
    return re.search(re.escape(byte), memoryview(data)) is not None


def _repeat(text: str, n: int) -> Any:
    return pa.repeat(pa.scalar(text, pa.string()), n)


def _identity(plain: list[Any], fields: dict[Field, int], n: int) -> Any:
    """`fingerprints.cells_identity` for printable ASCII cells: asset id, serial or MAC, else
    make|model|site with runs of spaces made one."""
    keys = [(kind, plain[fields[f]]) for kind, f in IDENTITY_KEYS if f in fields]
    unnamed = _repeat("", n)
    for _, value in keys:
        unnamed = pc.if_else(pc.equal(value, ""), unnamed, "-")
    identity: Any = _repeat("", n)
    if pc.any(pc.equal(unnamed, "")).as_py():
        rest = [
            pc.replace_substring_regex(pc.ascii_lower(plain[fields[f]]), " +", " ")
            if f in fields
            else _repeat("", n)
            for f in IDENTITY_REST
        ]
        identity = pc.binary_join_element_wise("mms:", pc.binary_join_element_wise(*rest, "|"), "")
    for kind, value in reversed(keys):
        identity = pc.if_else(
            pc.equal(value, ""),
            identity,
            pc.binary_join_element_wise(f"{kind}:", pc.ascii_lower(value), ""),
        )
    return identity


def _fingerprints(identity: Any) -> Any:
    """`fingerprints.asset_fingerprint` of each identity: the digests in Python (one SHA-256
    call a row), their hex and the string array in one step each."""
    sha256 = hashlib.sha256
    texts = cast(list[bytes], identity.cast(pa.binary()).to_pylist())
    digests = b"".join([sha256(i).digest()[:HALF] for i in texts])
    n = len(texts)
    offsets = pa.array(range(0, (n + 1) * 2 * HALF, 2 * HALF), pa.int32()).buffers()[1]
    assert offsets is not None
    return pa.StringArray.from_buffers(n, offsets, pa.py_buffer(digests.hex().encode()))
