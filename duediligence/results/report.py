"""The Report: everything one scan concluded, the one value every output format is a view of.

Apart from findings.py because it holds the flagged rows (flagged.py), which are built from
the findings' types: kept together they would import each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from duediligence.results.findings import (
    Finding,
    InputTable,
    Judgment,
    NotCovered,
    PackInfo,
    RuleInfo,
    Severity,
    Skip,
    SourceInfo,
    Summary,
    ToolInfo,
    UnknownValue,
)
from duediligence.results.flagged import FlaggedRows
from duediligence.results.gate import Gate

if TYPE_CHECKING:
    import pyarrow as pa


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
    profile: str | None
    """The chosen profile; None: none was chosen, and only the due-diligence risks bind."""
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
    gate: Gate | None = None
    not_covered: tuple[NotCovered, ...] = ()
    """The most frequent distinct not-covered rows (up to 50), with why each is not flagged."""

    @property
    def profile_label(self) -> str:
        """The profile as headings name it."""
        return f"profile {self.profile}" if self.profile else "no profile chosen"

    def findings(self) -> Iterator[Finding]:
        """Every binding finding, in inventory order, worst first within an asset."""
        for flagged in self.flagged:
            yield from flagged.findings()

    def to_arrow(self) -> pa.Table:
        """One row per finding, binding or not (`dd_binds`), in inventory order: where the
        asset is, its original cells, its judgment, the rule, severity and sources
        (results/finding_table.py)."""
        from duediligence.results.finding_table import finding_table

        return finding_table(self.inputs, self.flagged)

    def to_pandas(self) -> Any:
        """`to_arrow` as a pandas DataFrame (`pip install "duediligence[pandas]"`)."""
        return self.to_arrow().to_pandas()

    def to_polars(self) -> Any:
        """`to_arrow` as a polars DataFrame (`pip install "duediligence[polars]"`)."""
        import polars as pl

        return pl.from_arrow(self.to_arrow())

    @property
    def failing(self) -> int:
        """How many findings fail the gate: at or above its threshold, not waived, and new
        against its baseline (without a gate, every finding at or above high)."""
        return self.gate.failing if self.gate is not None else self.at_or_above(Severity.HIGH)

    def at_or_above(self, threshold: Severity) -> int:
        """How many findings are at or above `threshold`, waived or not."""
        return sum(
            n for sev, n in self.summary.by_severity.items() if Severity(sev).rank >= threshold.rank
        )
