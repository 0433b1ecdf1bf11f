"""A scan's tables, read one after another into one set of groups, and what it learnt.

Rows are grouped by what can name their maker (columnar.py, the one scan loop): a row's
identity-bearing values (make, model, FCC ID, supplier, description, notes, hostname, and
what its MAC's OUI says) form its key, refined by its purchase date only when a dated
relationship sits above the makers those values name. A MAC and a model are keyed on their
outcome, not their text: every MAC whose OUI names no one in the pack is one key (random and
unregistered MACs cost what a missing one costs), and so is every model that says nothing
(groups.Outcomes). The first row with a key is attributed and evaluated; clean rows leave
nothing behind, so memory grows with distinct values and flagged rows, never with clean rows.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from duediligence.evaluate.groups import (
    CLEAN,
    FLAGGED,
    NOT_COVERED,
    UNKNOWN,
    ModelRows,
)
from duediligence.evaluate.judge import Judge
from duediligence.inventory.read import Inventory
from duediligence.results.assets import Field, unnamed_column
from duediligence.results.findings import (
    Hit,
    InputTable,
    Judgment,
    NotCovered,
    Skip,
    UnknownValue,
)
from duediligence.results.flagged import FlaggedRows

Progress = Callable[[int], None]
UNKNOWN_SHOWN = 50


@dataclass
class Tally:
    """What the scan learnt, for the Report."""

    tables: list[InputTable]
    judgments: list[Judgment]
    flagged: FlaggedRows
    skips: list[Skip]
    unknown: tuple[UnknownValue, ...]
    unknown_by_reason: dict[str, int]
    not_covered: tuple[NotCovered, ...]
    counts: Counter[str]
    by_severity: dict[str, int]
    by_rule: dict[str, int]
    by_group: dict[str, int]
    warnings: list[str]


class Scanner(Judge):
    """Reads inventories one after another into one set of groups and judgments: each
    table's Arrow batches through the scan loop (columnar.py), each new group judged by
    `Judge`, and the counts and lists of the Report (`tally`)."""

    def read(self, inventory: Inventory, progress: Progress | None = None) -> None:
        """Judge every row of one table (columnar.py: the one scan loop)."""
        table, cmap = inventory.table, inventory.columns
        index = len(self.tables)
        fields = cmap.fields
        # Each table's date columns have their own order of day and month.
        orders = inventory.dates
        self._date_orders = (orders.get(Field.PURCHASED), orders.get(Field.INSTALLED))
        self._date_memo.clear()
        # Imported here, not with the module: Arrow's import overlaps the pack's load
        # (inventory.batches.import_arrow_ahead).
        from duediligence.evaluate.columnar import read_batches

        with _paused_gc():
            seen, blank, widest = read_batches(self, table, index, fields, progress)
        header = list(cmap.header)
        width = len(header)
        header.extend(unnamed_column(i) for i in range(width, widest))
        assets = seen - blank
        self.assets += assets
        where = table.path if table.sheet is None else f"{table.path}, sheet {table.sheet!r}"
        if table.ragged:
            self.warnings.append(
                f"{where}: {table.ragged} row(s) do not have one cell per header column"
                f" ({width}) — first, {table.first_ragged}: missing cells read as empty, extra"
                f" cells kept as '{unnamed_column(width)}' and on"
            )
        self.tables.append(
            InputTable(
                table.path,
                table.sheet,
                table.header_row,
                tuple(header),
                fields,
                assets,
                tuple(table.lines),
            )
        )

    def warm(self) -> None:
        """Build ahead what the first block of a table builds once a scan whatever its rows
        hold: the test of model texts at once (`Outcomes.plain_models`), the IEEE
        registrants' index (identify/makers.py, read from the per-user cache), the context
        cues' expressions (identify/context_words.py, compiled on first use). The workbook
        reader calls it while a child process loads a sheet and this process would only
        wait (inventory/arrow_ahead.py), so they cost no wall time there; nothing here
        depends on the rows, and each is what the scan would build later anyway."""
        from duediligence.identify import context_words
        from duediligence.identify.makers import registered_maker

        self.outcomes.plain_models()
        registered_maker("Axis")  # any name with a key: the index is built on the first
        context_words.compile_all()

    def tally(self) -> Tally:
        """Counts and lists for the Report, from the groups (not from rows)."""
        counts: Counter[str] = Counter(assets=self.assets)
        unknown, not_covered = ModelRows(), ModelRows()
        by_severity: Counter[str] = Counter()
        by_rule: Counter[str] = Counter()
        by_group: Counter[str] = Counter()
        bad_macs = 0
        # Rows per tuple of hits: judgments share the engine's memoised tuples (a few dozen
        # for two thousand groups), so each hit is counted once a tuple, not once a group.
        rows_by_hits: dict[int, tuple[tuple[Hit, ...], list[int]]] = {}
        for group in self.groups:
            n = group.rows
            if group.bad_mac:
                bad_macs += n
            if group.kind in (CLEAN, FLAGGED):
                counts["attributed"] += n
            if group.kind == UNKNOWN:
                unknown.add(group)
            if group.kind == NOT_COVERED:
                not_covered.add(group)
                counts["not_covered"] += n
            if group.kind == FLAGGED:
                counts["flagged"] += n
                by_group[group.group] += n
                judgment = self.judgments[group.judgment]
                counted = rows_by_hits.get(id(judgment.hits))
                if counted is None:
                    rows_by_hits[id(judgment.hits)] = (judgment.hits, [n])
                else:
                    counted[1][0] += n
                counts["not_binding"] += n * len(judgment.also)
        for hits, (n,) in rows_by_hits.values():
            for hit in hits:
                by_severity[hit.severity.value] += n
                by_rule[hit.rule_id] += n
            counts["findings"] += n * len(hits)
        warnings = list(self.warnings)
        if bad_macs:
            warnings.append(
                f"{bad_macs} row(s) have a MAC that names no maker (malformed, random or"
                f" locally administered), first at {self._first_bad_mac}: they were judged on"
                " their other signals"
            )
        return Tally(
            tables=self.tables,
            judgments=self.judgments,
            flagged=self.flagged,
            skips=self.skips,
            unknown=tuple(
                UnknownValue(make, model, reason, n)
                for (make, model, reason), n in unknown.most(UNKNOWN_SHOWN)
            ),
            unknown_by_reason=unknown.by_reason(),
            not_covered=tuple(
                NotCovered(make, model, note, n)
                for (make, model, note), n in not_covered.most(UNKNOWN_SHOWN)
                if n
            ),
            counts=counts,
            by_severity=dict(sorted(by_severity.items())),
            by_rule=dict(sorted(by_rule.items())),
            by_group=dict(sorted(by_group.items())),
            warnings=warnings,
        )


@contextmanager
def _paused_gc() -> Iterator[None]:
    """The cyclic collector off while a table is read: the objects made per batch and per
    distinct key form no cycles, and full collections over them cost time (they tripled the
    scan time when rows were kept as Python lists). Restored, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
