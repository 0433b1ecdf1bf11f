"""The JSON lines of flagged rows read by Arrow, built from the columns in C.

A row's line is the same text the row-by-row writer makes (tests/report/test_json_blocks.py
holds them equal): fields stripped and JSON-escaped, empty cells left out, the asset's
fingerprint from its identity. Rows with any character outside printable ASCII (accents,
CJK, control characters) are handed to the row-by-row writer, whose escaping and case
folding are the reference; the rest need only backslash and quote escaped and ASCII lower case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.block_fingerprints import Trimmed, block_fingerprints
from duediligence.results.compute import (
    bool_scalar,
    holds,
    join,
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
    fingerprints: pa.Array[Any] | None = None,
) -> Iterator[memoryview]:
    """The block's lines, each starting ',\\n', as UTF-8 in chunks.

    `head` opens a line up to the row number ('{"input":0,"row":'); `ids` are the judgments'
    ids as JSON; `dumps` encodes a header name; `line` writes a row the reference way, and
    writes every row whose fingerprint is in `marked` (rows the gate waived or found new);
    `fingerprints` are the rows' fingerprints where they were made ahead.
    """
    made = block_pieces(block, head, columns, fields, ids, dumps, marked, fingerprints)
    return joined(made, line)


@dataclass(frozen=True, slots=True)
class Pieces:
    """A block's lines before their one join: its pieces, and the rows to write the
    reference way. Apart from the join so that a writer can make them on one thread and join
    them on another: the pieces take some forty short kernel calls, each of which waits for
    the interpreter while another thread holds it, and the join one long one that lets go."""

    block: Block
    pieces: list[Any]
    odd: Any


def block_pieces(
    block: Block,
    head: str,
    columns: Sequence[str],
    fields: dict[Field, int],
    ids: Sequence[str],
    dumps: Callable[[Any], str],
    marked: pa.Array[Any] | None = None,
    fingerprints: pa.Array[Any] | None = None,
) -> Pieces:
    """`block_text`'s pieces (its arguments, but the reference writer)."""
    trimmed = Trimmed(block.cells)
    if fingerprints is None:
        fingerprints = block_fingerprints(block, fields, trimmed)
    plain = [trimmed[i] for i in range(block.cells.num_columns)]
    members, odd = _members(plain, columns, dumps, len(block))
    # One join makes every line, its fields spliced in member by member: joining each
    # member, then the members, then the lines, copied every cell three times.
    pieces = _merged(
        [
            f",\n{head}",
            pc.cast(block.numbers, pa.string()),
            # the text around a judgment's id is taken with it: two pieces fewer to join
            pc.take(
                text_array([f',"judgment":{i},"fingerprint":"' for i in ids]),
                block.verdicts,
            ),
            fingerprints,
            '","fields":{',
            *members,
            "}}",
        ]
    )
    if marked is not None and len(marked):
        odd = pc.or_(odd, pc.is_in(fingerprints, value_set=marked))
    return Pieces(block, pieces, odd)


def joined(made: Pieces, line: Line) -> Iterator[memoryview]:
    """The lines of `block_pieces`, in chunks: the rows it names written by `line`."""
    lines = join(*made.pieces, "", null_handling="replace", null_replacement="")
    odd = made.odd
    if pc.any(odd).as_py():
        rows = [row for row, keep in zip(made.block.rows(), odd.to_pylist(), strict=True) if keep]
        lines = pc.replace_with_mask(lines, odd, text_array([line(*row) for row in rows]))
    # A string array's bytes are its values end to end: each chunk is written from them as
    # they lie, with no copy.
    for start in range(0, len(lines), CHUNK):
        yield own_bytes(lines.slice(start, CHUNK))


@dataclass(frozen=True, slots=True)
class _Either:
    """A piece of fixed text that depends on the row: `yes` where `mask` holds, else `no`."""

    mask: Any
    yes: str
    no: str


Piece = str | _Either | Any
"""Fixed text, text chosen per row, or a string array (a column, the fingerprints)."""


def _members(
    plain: list[Any], columns: Sequence[str], dumps: Callable[[Any], str], n: int
) -> tuple[list[Piece], Any]:
    """Each row's fields as pieces of JSON members ('"Make":"', 'Axis', '",', ...) to join,
    empty cells left out; and the rows to write the reference way: those with a cell not
    all printable ASCII (every row, for a header that is not)."""
    pieces: list[Piece] = []
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
        # An empty cell writes nothing: its opening and closing quote are chosen per row,
        # and each choice merges with the fixed text beside it into one piece (_merged).
        pieces += [
            _Either(empty, "", opening) if isinstance(opening, str) else _unless(empty, opening),
            _escaped(value),
            _Either(empty, "", '"'),
        ]
        if before is not True:
            written = pc.invert(empty)
            before = written if before is False else pc.or_(before, written)
    return pieces, odd


def _merged(pieces: list[Piece]) -> list[Any]:
    """The pieces with each run of fixed text made one, and text chosen per row merged with
    the fixed text beside it (and with a choice on the same rows): the join's cost follows
    its pieces, about 7 ns a piece a row (a closing quote and the next member's opening are
    one piece, not two). Each choice left is then made one string array."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if isinstance(piece, str) and isinstance(last, str):
            out[-1] = last + piece
        elif isinstance(piece, str) and isinstance(last, _Either):
            out[-1] = _Either(last.mask, last.yes + piece, last.no + piece)
        elif isinstance(piece, _Either) and isinstance(last, str):
            out[-1] = _Either(piece.mask, last + piece.yes, last + piece.no)
        elif isinstance(piece, _Either) and isinstance(last, _Either) and last.mask is piece.mask:
            out[-1] = _Either(piece.mask, last.yes + piece.yes, last.no + piece.no)
        else:
            out.append(piece)
    return [
        pc.if_else(p.mask, text_scalar(p.yes), text_scalar(p.no)) if isinstance(p, _Either) else p
        for p in out
    ]


def _after(before: Any, first: str, later: str) -> Any:
    """A member's opening: with a comma where a member came before it in the row."""
    if before is False:
        return first
    if before is True:
        return later
    return _Either(before, later, first)


def _unless(empty: Any, opening: _Either) -> Any:
    """An opening chosen per row by what came before, written only where the cell is not
    empty: one string array."""
    choice = pc.if_else(opening.mask, text_scalar(opening.yes), text_scalar(opening.no))
    return pc.if_else(empty, text_scalar(""), choice)


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
