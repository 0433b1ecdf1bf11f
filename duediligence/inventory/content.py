"""What each column holds, judged from a sample of its values: MACs, makers, model numbers,
dates, asset ids.

A header says what its owner meant a column to hold; the values say what it holds. Registers
arrive with headers no synonym list knows ("Kit", "Hardware Make/Model") and with headers
that lie (a "MAC" column of vendor names), so the column mapping weighs both.

The sample is the first SAMPLE_ROWS rows. They are read ahead and handed back to the table
unchanged, so no row is lost and every row keeps its number; a large table read in Arrow
blocks gives its first block instead, handed back the same way. Only distinct values are
judged, at most MAX_DISTINCT per column: the cost is bounded whatever the file's size.

Readers know nothing of vendors: whether a value names a maker or is a model number is asked
of a `ContentProbe` the caller builds from the rule pack (api.py).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import TYPE_CHECKING, Protocol, cast

from duediligence.inventory.blocks import Refused
from duediligence.results.assets import parse_date

if TYPE_CHECKING:
    import pyarrow as pa

    from duediligence.inventory.blocks import Blocks, Rows
    from duediligence.inventory.interface import Table

SAMPLE_ROWS = 10_000
"""Rows read ahead: a register's first screens name most of its makes and models, and at
~2 µs a row the read-ahead costs 20 ms, well under 1% of a million-row scan."""
SAMPLE_CELLS = 1_000_000
"""...but never more cells than this: a table 20,000 columns wide (a binary file read as
text) is sampled on 100 rows, not 10,000."""
MAX_COLUMNS = 256
"""Columns profiled, from the left; any further are read by header alone. Registers have
tens; the cap bounds the probe's work on a table thousands of columns wide."""
MAX_CHARS = 200
"""A value longer than this is free text, not a MAC, a date, a maker or a model number: it is
counted but neither matched nor asked about."""
MAX_DISTINCT = 300
"""Distinct values judged per column: a make column has tens, a model column hundreds, and
the shares settle long before."""
PROBE_FIRST = 40
"""Values of a column the probe is asked about before giving up on it: a maker lookup costs
~80 µs on text that names no one, so 20 columns of serials and sites cost 64 ms, not 0.5 s;
a make or model column names someone within its first few values."""
MAX_PROBED = 120
"""Values of a column the probe is asked about at most: a share of 120 values is within a
few points of the share of 300, at 10 ms a column instead of 25."""


class ContentProbe(Protocol):
    """Vendor knowledge the mapping may ask for, built by the caller from the rule pack."""

    def names_maker(self, value: str) -> bool:
        """Whether the value names a manufacturer (a pack entity or an IEEE registrant)."""
        ...

    def is_model(self, value: str) -> bool:
        """Whether the value holds a model number of a pack grammar."""
        ...


class Kind(StrEnum):
    """What a value can be recognised as, in the words `duediligence columns` uses."""

    MAC = "MAC addresses"
    MAKER = "names of manufacturers"
    MODEL = "model numbers of a known pattern"
    DATE = "dates"
    ID = "asset ids or serial numbers"
    FIRMWARE = "firmware versions"


_HEX = "[0-9A-Fa-f]"
_MAC = re.compile(
    rf"{_HEX}{{2}}([:-]){_HEX}{{2}}(?:\1{_HEX}{{2}}){{4}}"  # 44:19:B6:12:34:56
    rf"|{_HEX}{{4}}\.{_HEX}{{4}}\.{_HEX}{{4}}"  # Cisco's 4419.b612.3456
    rf"|{_HEX}{{12}}"  # 4419B6123456
)
_LOOSE_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})(?:[ T].*)?")
"""03/04/2020, 3.4.20: a date in either order; which order is not this module's question."""
_FIRMWARE = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9-]*_)*"  # a platform or package prefix: 'IPC_G5_EN_STD_'
    r"[Vv]?\d{1,3}(?:\.(?:\d{1,9}|[xX])){1,5}"  # 'V5.5.0', '2.800.0000000.16', '2.800.x'
    r"(?:(?: ?_?[Bb]uild ?|\.R\.|_)\d{6}(?:\d{2})?)?"  # ' build 200911', '.R.210615'
)
"""A firmware version as camera and network makers write them (identify/firmware.py reads
them; this only knows the shape). Dotted numbers alone need a 'V', a build or two dots
('10.12.1'; one dot is a decimal), and never have the shape of an IPv4 address; a date
('10.12.21') is told apart before."""
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_ID = re.compile(r"(?=[^ ]*\d)[A-Za-z0-9][A-Za-z0-9_./#-]{3,31}")
"""One token of 4 to 32 letters, digits and separators, with a digit: 'CAM-0012', 'SN8823'."""


@dataclass(frozen=True, slots=True)
class Profile:
    """One column's sample: how many non-empty cells, how many distinct values were judged,
    and the share of those values of each kind (a kind not asked, without a probe, is absent)."""

    cells: int
    values: int
    shares: dict[Kind, float] = field(default_factory=dict)
    unique: float = 0.0
    """Distinct values over non-empty cells: near 1 for asset ids, low for makes."""
    probed: int = 0
    """Values the probe was asked about: the shares of makers and model numbers are of these."""

    def share(self, kind: Kind) -> float:
        return self.shares.get(kind, 0.0)

    def said(self, kind: Kind) -> str:
        """'97% of 412 values are MAC addresses'."""
        of = self.probed if kind in (Kind.MAKER, Kind.MODEL) else self.values
        return f"{self.share(kind):.0%} of {of:,} values are {kind.value}"


def profile_values(values: Sequence[str], cells: int, probe: ContentProbe | None) -> Profile:
    """The profile of a column's distinct non-empty values: their shapes judged on at most
    MAX_DISTINCT, makers and model numbers asked of the probe on at most MAX_PROBED.

    The probe is asked about the first PROBE_FIRST values, and about more only when one of
    those named a maker or held a model number: most columns (sites, serials, host names)
    name none, and a maker lookup is the dear part of profiling. MACs and dates are never
    asked about.
    """
    judged = list(values[:MAX_DISTINCT])
    n = len(judged)
    if n == 0:
        return Profile(cells, 0)
    counts = dict.fromkeys(Kind, 0)
    probed = 0
    for value in judged:
        if len(value) > MAX_CHARS:
            continue
        if _MAC.fullmatch(value):
            counts[Kind.MAC] += 1
            continue
        if value[:1].isdigit() and (parse_date(value) or _LOOSE_DATE.fullmatch(value)):
            counts[Kind.DATE] += 1
            continue
        if _is_firmware(value):
            counts[Kind.FIRMWARE] += 1
            continue
        if _ID.fullmatch(value):
            counts[Kind.ID] += 1
        if probe is None or probed >= MAX_PROBED:
            continue
        if probed >= PROBE_FIRST and not (counts[Kind.MAKER] or counts[Kind.MODEL]):
            continue
        probed += 1
        counts[Kind.MAKER] += probe.names_maker(value)
        counts[Kind.MODEL] += probe.is_model(value)
    shares = {k: counts[k] / n for k in (Kind.MAC, Kind.DATE, Kind.ID, Kind.FIRMWARE)}
    if probe is not None:
        shares[Kind.MAKER] = counts[Kind.MAKER] / probed if probed else 0.0
        shares[Kind.MODEL] = counts[Kind.MODEL] / probed if probed else 0.0
    unique = len(values) / cells if cells else 0.0
    return Profile(cells, n, shares, unique, probed)


def _is_firmware(value: str) -> bool:
    """Whether a value has a firmware version's shape (see _FIRMWARE)."""
    if _FIRMWARE.fullmatch(value) is None or _IPV4.fullmatch(value):
        return False
    return value[:1] in "Vv" or value.count(".") >= 2 or not value[:1].isdigit() or "_" in value


def sample(table: Table, width: int) -> list[tuple[list[str], int]]:
    """Each column's distinct non-empty values in the table's first rows, in the order first
    met, and how many non-empty cells it has there. The rows (or the first Arrow block) are
    handed back to the table, so reading the table afterwards sees every row."""
    rows = min(SAMPLE_ROWS, max(100, SAMPLE_CELLS // max(width, 1)))
    if table.blocks is not None:
        peeked = PeekedBlocks(table.blocks)
        table.blocks = peeked
        if peeked.first is not None:
            return _batch_values(peeked.first.slice(0, rows), width)
        return [([], 0) for _ in range(width)]
    head = list(islice(table.rows, rows))
    table.rows = _replayed(head, table.rows)
    return column_values(head, width)


def column_values(rows: list[tuple[int, list[str]]], width: int) -> list[tuple[list[str], int]]:
    """Each column's distinct non-empty values, in the order first met, and its count of
    non-empty cells."""
    out: list[tuple[list[str], int]] = []
    for i in range(min(width, MAX_COLUMNS)):
        seen: dict[str, None] = {}
        cells = 0
        for _, row in rows:
            if i < len(row) and (text := row[i].strip()):
                cells += 1
                seen[text] = None
        out.append((list(seen), cells))
    out.extend(([], 0) for _ in range(width - len(out)))
    return out


def _batch_values(batch: pa.RecordBatch, width: int) -> list[tuple[list[str], int]]:
    from duediligence.results.compute import pc, text_scalar

    empty = text_scalar("")
    head = batch.slice(0, SAMPLE_ROWS)
    out: list[tuple[list[str], int]] = []
    for i in range(min(width, head.num_columns, MAX_COLUMNS)):
        column = pc.utf8_trim_whitespace(head.column(i))
        filled = pc.not_equal(column, empty)
        nonempty = pc.filter(column, filled)
        distinct = pc.unique(nonempty).slice(0, MAX_DISTINCT)
        out.append(([str(v) for v in distinct.to_pylist()], len(nonempty)))
    out.extend(([], 0) for _ in range(width - len(out)))
    return out


def _replayed(
    head: list[tuple[int, list[str]]], rest: Generator[tuple[int, list[str]], None, None]
) -> Generator[tuple[int, list[str]], None, None]:
    """The rows read ahead, then the rest; closing it closes the reader, whether or not a row
    was asked for (it is started here, so its `finally` runs on close)."""

    def replay() -> Generator[tuple[int, list[str]] | None, None, None]:
        try:
            yield None
            yield from head
            yield from rest
        finally:
            rest.close()

    rows = replay()
    next(rows)
    return cast("Generator[tuple[int, list[str]], None, None]", rows)


class PeekedBlocks:
    """A table's Arrow blocks with the first read ahead and given back first.

    Where the blocks refuse the first block, the refusal is kept and raised when the scan
    asks, so the table's rows take over exactly as they would have (batches.py).
    """

    def __init__(self, blocks: Blocks) -> None:
        self._blocks = blocks
        self._batches: Iterator[pa.RecordBatch] = blocks.batches()
        self.first: pa.RecordBatch | None = None
        self._refused: Refused | None = None
        try:
            self.first = next(self._batches, None)
        except Refused as exc:
            self._refused = exc

    @property
    def inner(self) -> Blocks:
        """The blocks read ahead of: what kind of reader they come from."""
        return self._blocks

    def batches(self) -> Iterator[pa.RecordBatch]:
        if self._refused is not None:
            raise self._refused
        if self.first is not None:
            yield self.first
            yield from self._batches

    def remaining(self, rows: Rows, consumed: int) -> Rows:
        return self._blocks.remaining(rows, consumed)
