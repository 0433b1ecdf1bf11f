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
from duediligence.results.compute import (
    bool_scalar,
    holds,
    join,
    null_text,
    own_bytes,
    pc,
    text_array,
    text_scalar,
)

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
        members, odd = _members(plain, columns, dumps, len(block))
        fingerprints = prints.result()
    # One join makes every line, its fields spliced in member by member: joining each
    # member, then the members, then the lines, copied every cell three times.
    pieces = _merged(
        [
            f",\n{head}",
            block.numbers.cast(pa.string()),
            ',"judgment":',
            pc.take(text_array(ids), block.verdicts),
            ',"fingerprint":"',
            fingerprints,
            '","fields":{',
            *members,
            "}}",
        ]
    )
    lines = join(*pieces, "", null_handling="replace", null_replacement="")
    if marked is not None and len(marked):
        odd = pc.or_(odd, pc.is_in(fingerprints, value_set=marked))
    if pc.any(odd).as_py():
        rows = [row for row, keep in zip(block.rows(), odd.to_pylist(), strict=True) if keep]
        lines = pc.replace_with_mask(lines, odd, text_array([line(*row) for row in rows]))
    # A string array's bytes are its values end to end: each chunk is written from them as
    # they lie, with no copy.
    for start in range(0, len(lines), CHUNK):
        yield own_bytes(lines.slice(start, CHUNK))


def _members(
    plain: list[Any], columns: Sequence[str], dumps: Callable[[Any], str], n: int
) -> tuple[list[Any], Any]:
    """Each row's fields as pieces of JSON members ('"Make":"', 'Axis', '",', ...) to join
    with nulls as nothing, empty cells left out; and the rows to write the reference way:
    those with a cell not all printable ASCII (every row, for a header that is not)."""
    pieces: list[Any] = []
    odd: Any = _false(n)
    before: Any = False  # whether a member was written before this one: False, True, or per row
    for name, value in zip(columns, plain, strict=False):
        key = dumps(name)
        if not (key.isascii() and key.isprintable()):
            odd = _true(n)
        odd = pc.or_(odd, pc.invert(pc.ascii_is_printable(value)))
        opening = _after(before, f'{key}:"', f',{key}:"')
        empty = pc.equal(value, text_scalar(""))
        if not pc.any(empty).as_py():
            pieces += [opening, _escaped(value), '"']
            before = True
            continue
        # Empty cells are null pieces, which the join writes as nothing.
        pieces += [
            pc.if_else(
                empty, null_text(), text_scalar(opening) if isinstance(opening, str) else opening
            ),
            _escaped(value),
            pc.if_else(empty, null_text(), text_scalar('"')),
        ]
        if before is not True:
            written = pc.invert(empty)
            before = written if before is False else pc.or_(before, written)
    return pieces, odd


def _merged(pieces: list[Any]) -> list[Any]:
    """The pieces with each run of fixed text made one: the join's cost follows its pieces
    (a closing quote and the next member's opening are one piece, not two)."""
    out: list[Any] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _after(before: Any, first: str, later: str) -> Any:
    """A member's opening: with a comma where a member came before it in the row."""
    if before is False:
        return first
    if before is True:
        return later
    return pc.if_else(before, text_scalar(later), text_scalar(first))


def _false(n: int) -> Any:
    return pa.repeat(bool_scalar(False), n)


def _true(n: int) -> Any:
    return pa.repeat(bool_scalar(True), n)


def _escaped(value: Any) -> Any:
    """JSON string escaping for printable ASCII: only backslash and quote, where present."""
    for char in ("\\", '"'):
        if holds(value, char.encode()):
            value = pc.replace_substring(value, char, "\\" + char)
    return value
