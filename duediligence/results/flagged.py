"""The flagged rows a scan keeps, as read: kept in Arrow, turned into Assets only when asked.

A report of a million-row register holds hundreds of thousands of them; see `FlaggedRows`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import cast

from duediligence.results.assets import Asset, Location
from duediligence.results.block import Block, FlaggedRow
from duediligence.results.findings import Finding, InputTable, Judgment
from duediligence.results.fingerprints import asset_fingerprint, cells_identity, finding_fingerprint
from duediligence.results.gate import Gate, Mark


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

    The scan keeps them in Arrow, one `Block` per batch that holds any (row numbers, cells,
    judgment indices): half a million flagged rows fit in a few hundred MB, where half a
    million Asset objects with their findings would not, and writers that understand Arrow
    build their output from the columns.
    """

    __slots__ = ("_blocks", "_judgments", "_tables", "gate")

    def __init__(self, tables: Sequence[InputTable], judgments: Sequence[Judgment]) -> None:
        self._tables = tables
        self._judgments = judgments
        self._blocks: list[Block] = []
        self.gate: Gate | None = None
        """Set once the gate has judged the rows: every FlaggedAsset built after carries it."""

    def add_block(self, block: Block) -> None:
        """Flagged rows of one batch, after those added so far."""
        self._blocks.append(block)

    def __len__(self) -> int:
        return sum(len(b) for b in self._blocks)

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
        Assets: blocks are fingerprinted in C."""
        from duediligence.results.block_fingerprints import block_fingerprints

        for part in self._blocks:
            prints = block_fingerprints(part, self._tables[part.table].fields).to_pylist()
            verdicts = cast(list[int], part.verdicts.to_pylist())
            yield from zip(repeat(part.table), prints, verdicts, strict=False)

    def raw(self) -> Iterator[FlaggedRow]:
        """The rows as stored, for writers that must stream hundreds of thousands quickly."""
        for part in self._blocks:
            yield from part.rows()

    def parts(self) -> Iterator[Block]:
        """The rows in order, as Arrow blocks."""
        return iter(self._blocks)
