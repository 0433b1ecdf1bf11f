"""The JSON lines of flagged rows read by Arrow, built from the columns in C.

A row's line is the same text the row-by-row writer makes (tests/report/test_json_blocks.py
holds them equal): fields stripped and JSON-escaped, empty cells left out, the asset's
fingerprint from its identity. Rows with any character outside printable ASCII (accents,
CJK, control characters) are handed to the row-by-row writer, whose escaping and case
folding are the reference; the rest need only backslash and quote escaped and ASCII lower case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyarrow as pa

from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.block_fingerprints import block_fingerprints
from duediligence.results.compute import holds, own_bytes, pc

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
    marked: pa.Array[Any] | None = None,
) -> Iterator[memoryview]:
    """The block's lines, each starting ',\\n', as UTF-8 in chunks.

    `head` opens a line up to the row number ('{"input":0,"row":'); `ids` are the judgments'
    ids as JSON; `dumps` encodes a header name; `line` writes a row the reference way, and
    writes every row whose fingerprint is in `marked` (rows the gate waived or found new).
    """
    plain = [pc.ascii_trim_whitespace(c) for c in block.cells.columns]
    # The fingerprints (SHA-256 in Python, a third of the time) are made on a thread of their
    # own while Arrow builds the fields, which lets go of the interpreter.
    with ThreadPoolExecutor(1, thread_name_prefix="json-fingerprints") as beside:
        prints = beside.submit(block_fingerprints, block, fields, dict(enumerate(plain)))
        joined = _fields(plain, columns, dumps, len(block))
        fingerprints = prints.result()
    lines = pc.binary_join_element_wise(
        f",\n{head}",
        block.numbers.cast(pa.string()),
        ',"judgment":',
        pc.take(pa.array(ids, pa.string()), block.verdicts),
        ',"fingerprint":"',
        fingerprints,
        '","fields":{',
        joined,
        "}}",
        "",
    )
    # Every cell is in `joined`: a row whose cells are not all printable ASCII is written the
    # reference way.
    odd = pc.invert(pc.ascii_is_printable(joined))
    if marked is not None and len(marked):
        odd = pc.or_(odd, pc.is_in(fingerprints, value_set=marked))
    if pc.any(odd).as_py():
        rows = [row for row, keep in zip(block.rows(), odd.to_pylist(), strict=True) if keep]
        lines = pc.replace_with_mask(
            lines, odd, pa.array([line(*row) for row in rows], pa.string())
        )
    # A string array's bytes are its values end to end: each chunk is written from them as
    # they lie, with no copy.
    for start in range(0, len(lines), CHUNK):
        yield own_bytes(lines.slice(start, CHUNK))


def _fields(plain: list[Any], columns: Sequence[str], dumps: Callable[[Any], str], n: int) -> Any:
    """Each row's fields as JSON members ('"Make":"Axis","Model":"P1375-E"'), empty cells
    left out."""
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
    if not pieces:
        return _repeat("", n)
    return pc.binary_join_element_wise(*pieces, ",", null_handling="skip")


def _escaped(value: Any) -> Any:
    """JSON string escaping for printable ASCII: only backslash and quote, where present."""
    for char in ("\\", '"'):
        if holds(value, char.encode()):
            value = pc.replace_substring(value, char, "\\" + char)
    return value


def _repeat(text: str, n: int) -> Any:
    return pa.repeat(pa.scalar(text, pa.string()), n)
