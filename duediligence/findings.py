"""What a scan concludes: evidence, attributions, findings, skips and the Report that holds them.

These dataclasses are the public JSON contract (see docs/report-format.md); every output
format is a view of one `Report`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import repeat
from typing import TYPE_CHECKING, Any, cast

from duediligence.assets import Asset, Field, Location
from duediligence.fingerprints import asset_fingerprint, cells_identity, finding_fingerprint

if TYPE_CHECKING:
    import pyarrow as pa

SCHEMA_VERSION = "2.0"


class Severity(StrEnum):
    """Ordered from least to most severe; `NONE` is only a `--fail-on` setting."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
    NONE = "none"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
    Severity.NONE: 99,
}


class Signal(StrEnum):
    """The kinds of evidence an inventory row can carry about its maker."""

    NAME = "name"
    MODEL = "model"
    MAC = "mac"
    FCC_ID = "fcc_id"
    SUPPLIER = "supplier"
    RELATIONSHIP = "relationship"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One signal's contribution: both sides of the comparison and a sentence a reviewer reads."""

    signal: Signal
    value: str
    entity: str
    score: int
    explanation: str
    matched: str | None = None


@dataclass(frozen=True, slots=True)
class EntityRef:
    """The maker as the report names it; `group` is the top-level parent's id."""

    id: str
    name: str
    group: str
    group_name: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who made an asset, how sure we are, and every piece of evidence behind it.

    `conflicts` says, in words, each signal that points elsewhere (another group in the pack,
    or a make that names an unrelated registered manufacturer): never resolved silently.
    """

    entity: EntityRef
    confidence: float
    evidence: tuple[Evidence, ...]
    alternatives: tuple[EntityRef, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule an attribution meets: everything a finding says except which row it is about."""

    rule_id: str
    severity: Severity
    jurisdiction: str | None
    message: str
    recommended_action: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Judgment:
    """One attribution and the rules it meets, shared by every row with the same signals.

    A million rows of one camera model are one judgment: the report describes it once and each
    flagged row points to it, so the cost of a report follows distinct values, not rows.
    """

    id: str
    attribution: Attribution
    hits: tuple[Hit, ...]

    @property
    def worst(self) -> Severity:
        return max((h.severity for h in self.hits), key=lambda s: s.rank)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that applies to one asset, with what a compliance officer needs to act on it.

    The denormalised view of a flagged row and one of its judgment's hits, for library users
    and formats that list findings one by one.
    """

    rule_id: str
    severity: Severity
    confidence: float
    asset: Asset
    entity: EntityRef
    evidence: tuple[Evidence, ...]
    message: str
    recommended_action: str
    references: tuple[str, ...]
    fingerprint: str
    jurisdiction: str | None = None


@dataclass(frozen=True, slots=True)
class InputTable:
    """A table that was read (a file, or one sheet of a workbook); flagged rows refer to it.

    `columns` are the header as read (made unique), plus '(unnamed column N)' for cells found
    past it; `fields` says which column holds each understood field.
    """

    source: str
    sheet: str | None
    header_row: int
    columns: tuple[str, ...]
    fields: dict[Field, int]
    assets: int


@dataclass(frozen=True, slots=True)
class FlaggedAsset:
    """A flagged row: the asset, its judgment, and the asset's fingerprint."""

    asset: Asset
    judgment: Judgment
    fingerprint: str

    def findings(self) -> tuple[Finding, ...]:
        a = self.judgment.attribution
        return tuple(
            Finding(
                rule_id=h.rule_id,
                severity=h.severity,
                confidence=a.confidence,
                asset=self.asset,
                entity=a.entity,
                evidence=a.evidence,
                message=h.message,
                recommended_action=h.recommended_action,
                references=h.references,
                fingerprint=finding_fingerprint(h.rule_id, self.fingerprint),
                jurisdiction=h.jurisdiction,
            )
            for h in self.judgment.hits
        )


FlaggedRow = tuple[int, int, tuple[str, ...], int]
"""(input table index, row number, cells as read, judgment index)."""


@dataclass(frozen=True, slots=True)
class Block:
    """Flagged rows of a block read by Arrow, kept in Arrow: their row numbers, cells (one
    string column per input column) and judgment indices. Writers that understand Arrow build
    their output from the columns; everything else sees the rows through `FlaggedRows.raw`."""

    table: int
    numbers: pa.Array[Any]
    cells: pa.RecordBatch
    verdicts: pa.Array[Any]

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self) -> Iterator[FlaggedRow]:
        columns = [c.to_pylist() for c in self.cells.columns]
        return zip(
            repeat(self.table, len(self)),
            cast(list[int], self.numbers.to_pylist()),
            cast(Iterator[tuple[str, ...]], zip(*columns, strict=True)),
            cast(list[int], self.verdicts.to_pylist()),
            strict=True,
        )


class FlaggedRows:
    """Flagged rows in inventory order, kept as read; Assets are built only when asked for.

    Stored column-wise (row numbers and judgment indices in typed arrays, cells as tuples of
    strings, tables as segments), about 0.4 KB a row: half a million flagged rows fit in a
    few hundred MB, where half a million Asset objects with their findings would not. Tuples
    of strings are untracked by the cyclic garbage collector after one look, so keeping them
    costs later collections nothing. Rows read by Arrow stay in Arrow as `Block`s, between
    the segments, in order.
    """

    __slots__ = ("_judgments", "_segments", "_tables", "cells", "numbers", "verdicts")

    def __init__(self, tables: Sequence[InputTable], judgments: Sequence[Judgment]) -> None:
        self._tables = tables
        self._judgments = judgments
        self._segments: list[tuple[int, int] | Block] = []
        self.numbers = array("q")
        self.cells: list[tuple[str, ...]] = []
        self.verdicts = array("l")

    def start_table(self, index: int) -> None:
        """Rows appended from now on belong to input table `index`."""
        self._segments.append((len(self.numbers), index))

    def add_block(self, block: Block) -> None:
        """Rows read by Arrow, after those appended so far; call `start_table` to append again."""
        self._segments.append(block)

    def __len__(self) -> int:
        return len(self.numbers) + sum(len(s) for s in self._segments if isinstance(s, Block))

    def __iter__(self) -> Iterator[FlaggedAsset]:
        return map(self.builder(), self.raw())

    def builder(self) -> Callable[[FlaggedRow], FlaggedAsset]:
        """Makes a stored row's FlaggedAsset, for writers that pick rows from `raw()` and
        build Assets only for the ones they keep."""
        tables, judgments = self._tables, self._judgments
        identities = [cells_identity(t.fields) for t in tables]

        def build(stored: FlaggedRow) -> FlaggedAsset:
            t, row, cells, j = stored
            table = tables[t]
            location = Location(table.source, row, table.sheet)
            asset = Asset.from_cells(location, table.columns, table.fields, cells)
            return FlaggedAsset(asset, judgments[j], asset_fingerprint(identities[t](cells)))

        return build

    def raw(self) -> Iterator[FlaggedRow]:
        """The rows as stored, for writers that must stream hundreds of thousands quickly."""
        for part in self.parts():
            yield from part.rows() if isinstance(part, Block) else part

    def parts(self) -> Iterator[Block | Iterator[FlaggedRow]]:
        """The rows in order, as Arrow blocks and runs of stored rows."""
        starts = [s[0] for s in self._segments if not isinstance(s, Block)]
        ends = iter([*starts[1:], len(self.numbers)])
        for segment in self._segments:
            if isinstance(segment, Block):
                yield segment
                continue
            start, table = segment
            end = next(ends)
            if end > start:
                yield zip(
                    repeat(table, end - start),
                    self.numbers[start:end],
                    self.cells[start:end],
                    self.verdicts[start:end],
                    strict=True,
                )


@dataclass(frozen=True, slots=True)
class Skip:
    """A row that could not be judged, and why: counted and shown, never dropped."""

    location: Location
    reason: str


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule described once per report; findings refer to it by id."""

    id: str
    title: str
    kind: str
    jurisdiction: str | None
    status: str
    effective: str | None
    binds: str
    rationale: str
    recommended_action: str
    mitigations: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A bibliography entry; facts and rules cite these ids."""

    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ToolInfo:
    name: str
    version: str


@dataclass(frozen=True, slots=True)
class PackInfo:
    id: str
    version: str
    reviewed: str
    layers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnknownValue:
    """A distinct make/model seen in rows that nothing in the pack recognised, and why."""

    make: str | None
    model: str | None
    reason: str
    rows: int


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts a reader checks first: how much was read, judged, flagged and left unjudged."""

    assets: int
    attributed: int
    unknown: int
    unknown_by_reason: dict[str, int]
    skipped: int
    flagged: int
    findings: int
    by_severity: dict[str, int]
    by_group: dict[str, int]
    by_rule: dict[str, int]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one scan concluded. Formatters see only this.

    Findings are stored normalised: each distinct attribution with the rules it meets once
    (`judgments`), and each flagged row pointing to one (`flagged`). `findings()` gives the
    one-finding-per-(asset, rule) view.
    """

    schema_version: str
    tool: ToolInfo
    pack: PackInfo
    profile: str
    as_of: str
    inputs: tuple[InputTable, ...]
    summary: Summary
    judgments: tuple[Judgment, ...]
    flagged: FlaggedRows
    skips: tuple[Skip, ...]
    unknown: tuple[UnknownValue, ...]
    rules: dict[str, RuleInfo]
    sources: dict[str, SourceInfo]
    warnings: tuple[str, ...] = field(default=())

    def findings(self) -> Iterator[Finding]:
        """Every finding, in inventory order, worst first within an asset."""
        for flagged in self.flagged:
            yield from flagged.findings()

    def at_or_above(self, threshold: Severity) -> int:
        """How many findings count for a `--fail-on threshold` gate."""
        return sum(
            n for sev, n in self.summary.by_severity.items() if Severity(sev).rank >= threshold.rank
        )
