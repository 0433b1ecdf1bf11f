"""The flagged rows a scan keeps, as read: stored compactly, turned into Assets only when asked.

A report of a million-row register holds hundreds of thousands of them; see `FlaggedRows`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, cast

from duediligence.results.assets import Asset, Location
from duediligence.results.block import Block, FlaggedRow
from duediligence.results.findings import Finding, InputTable, Judgment
from duediligence.results.fingerprints import asset_fingerprint, cells_identity, finding_fingerprint
from duediligence.results.gate import Gate, Mark

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class FlaggedAsset:
    """A flagged row: the asset, its judgment, the asset's fingerprint, and what the gate (if
    any) concluded about its findings."""

    asset: Asset
    judgment: Judgment
    fingerprint: str
    gate: Gate | None = None
    mark: Mark | None = None

    def findings(self) -> tuple[Finding, ...]:
        a, gate, mark = self.judgment.attribution, self.gate, self.mark
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
                waiver=None if gate is None else gate.waiver(mark, h.rule_id),
                new=None if gate is None else gate.is_new(mark, h.rule_id),
                origin=None if gate is None else gate.origin(mark, h.rule_id),
                patch_by=h.patch_by,
                cves=h.cves,
            )
            for h in self.judgment.hits
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

    __slots__ = ("_judgments", "_segments", "_tables", "cells", "gate", "numbers", "verdicts")

    def __init__(self, tables: Sequence[InputTable], judgments: Sequence[Judgment]) -> None:
        self._tables = tables
        self._judgments = judgments
        self._segments: list[tuple[int, int] | Block] = []
        self.numbers = array("q")
        self.cells: list[tuple[str, ...]] = []
        self.verdicts = array("l")
        self.gate: Gate | None = None
        """Set once the gate has judged the rows: every FlaggedAsset built after carries it."""

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
        tables, judgments, gate = self._tables, self._judgments, self.gate
        # A gate with no marks and no baseline changes no finding: skip its lookups per row.
        plain = gate is None or (not gate.marks and gate.baseline is None)
        identities = [cells_identity(t.fields) for t in tables]

        def build(stored: FlaggedRow) -> FlaggedAsset:
            t, row, cells, j = stored
            table = tables[t]
            location = Location(table.source, row, table.sheet)
            asset = Asset.from_cells(location, table.columns, table.fields, cells)
            judgment = judgments[j]
            fingerprint = asset_fingerprint(identities[t](cells))
            if plain or gate is None:
                return FlaggedAsset(asset, judgment, fingerprint)
            mark = gate.mark(fingerprint, judgment.id)
            return FlaggedAsset(asset, judgment, fingerprint, gate, mark)

        return build

    def fingerprints(self) -> Iterator[tuple[int, str, int]]:
        """(table, asset fingerprint, judgment index) of each row in order, without building
        Assets: Arrow blocks are fingerprinted in C."""
        from duediligence.results.block_fingerprints import block_fingerprints

        identities = [cells_identity(t.fields) for t in self._tables]
        for part in self.parts():
            if isinstance(part, Block):
                prints = block_fingerprints(part, self._tables[part.table].fields).to_pylist()
                verdicts = cast(list[int], part.verdicts.to_pylist())
                yield from zip(repeat(part.table), prints, verdicts, strict=False)
            else:
                for t, _, cells, j in part:
                    yield t, asset_fingerprint(identities[t](cells)), j

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
