"""The hot loop: rows grouped by what can name their maker, each group judged once.

A row's identity-bearing values (make, model, FCC ID, supplier, description, notes, hostname,
and what its MAC's OUI says) form its key, refined by its purchase date only when a dated
relationship sits above the makers those values name (then by the span between relationship
changes the date falls in). A MAC and a model are keyed on their outcome, not their text:
every MAC whose OUI names no one in the pack is one key (random and unregistered MACs cost
what a missing one costs), and so is every model that says nothing (groups.Outcomes).
The first row with a key is attributed and evaluated; every later row costs a dictionary
lookup and, when flagged, a reference to its judgment. Clean rows leave nothing behind, so
memory grows with distinct values and flagged rows, never with clean rows.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter

from duediligence.evaluate.groups import (
    CLEAN,
    FLAGGED,
    NOT_COVERED,
    SKIPPED,
    UNKNOWN,
    ModelRows,
)
from duediligence.evaluate.judge import KEYED, Judge
from duediligence.inventory.read import Inventory
from duediligence.results.assets import Field, Location, unnamed_column
from duediligence.results.findings import (
    InputTable,
    Judgment,
    NotCovered,
    Skip,
    UnknownValue,
)
from duediligence.results.flagged import FlaggedRows

Progress = Callable[[int], None]
PROGRESS_EVERY = 10_000
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
    """Reads inventories one after another into one set of groups and judgments: the row
    loop here, Arrow blocks in columnar.py, each new group judged by `Judge`."""

    def read(self, inventory: Inventory, progress: Progress | None = None) -> None:
        """Judge every row of one table."""
        table, cmap = inventory.table, inventory.columns
        index = len(self.tables)
        fields = cmap.fields
        header = list(cmap.header)
        width = len(header)
        present = [fields[f] for f in KEYED if f in fields]
        getter = itemgetter(*present) if present else (lambda _: ())
        i_mac = fields.get(Field.MAC)
        i_model = fields.get(Field.MODEL)
        i_bought = fields.get(Field.PURCHASED)
        i_installed = fields.get(Field.INSTALLED)
        dated = i_bought is not None or i_installed is not None
        # Each table's date columns have their own order of day and month.
        orders = inventory.dates
        self._date_orders = (orders.get(Field.PURCHASED), orders.get(Field.INSTALLED))
        self._date_memo.clear()
        signalled, skips = self.signalled, self.skips
        self.flagged.start_table(index)
        add_number = self.flagged.numbers.append
        add_cells = self.flagged.cells.append
        add_verdict = self.flagged.verdicts.append
        mac_key, model_of = self.outcomes.mac_key, self.outcomes.model_of
        date_of = self.date_of
        ragged = 0
        first_ragged = ""
        seen = blank = 0
        rows: Iterator[tuple[int, list[str]]] = table.rows
        if table.blocks is not None:
            from duediligence.evaluate.columnar import read_blocks

            with _paused_gc():
                seen, blank, complete = read_blocks(self, table, index, fields, progress)
            if complete:
                table.rows.close()
                rows = iter(())
            else:
                # The blocks stopped at a row they cannot take: the row loop goes on from there.
                rows = table.blocks.remaining(table.rows, seen)
                self.flagged.start_table(index)
        with _paused_gc():
            for number, cells in rows:
                seen += 1
                if len(cells) != width:
                    if not any(cells):
                        blank += 1
                        continue
                    ragged += 1
                    if not first_ragged:
                        first_ragged = f"row {number} has {len(cells)} cells"
                    if len(cells) < width:
                        cells = cells + [""] * (width - len(cells))
                    else:
                        header.extend(unnamed_column(i) for i in range(len(header), len(cells)))
                model = model_of(cells[i_model]) if i_model is not None else _NO_MODEL
                key = (
                    getter(cells),
                    mac_key(cells[i_mac]) if i_mac is not None and cells[i_mac] else None,
                    model[1],
                )
                same = signalled.get(key)
                if same is None:
                    same = signalled[key] = self.signalled_by(
                        key, cells, fields, present, table, number
                    )
                span = when = None
                if dated and same.spans:
                    when = date_of(
                        cells[i_bought] if i_bought is not None else "",
                        cells[i_installed] if i_installed is not None else "",
                    )
                    if when is not None:
                        span = bisect_right(same.spans, when)
                group = same.groups.get(span)
                if group is None:
                    group = same.groups[span] = self.judge(same, when)
                kind = group.kind
                if kind == FLAGGED:
                    # The first row's strings stand in for equal ones: a million rows of
                    # "Hikvision" then hold one string, not a million.
                    for i, text in zip(present, same.canon, strict=True):
                        cells[i] = text
                    if i_model is not None:
                        cells[i_model] = model[0]
                    add_number(number)
                    add_cells(tuple(cells))
                    add_verdict(group.judgment)
                elif kind == SKIPPED:
                    # No signal: a row with other cells is reported; an empty line is not a row.
                    if not any(c.strip() for c in cells):
                        blank += 1
                        continue
                    skips.append(Skip(Location(table.path, number, table.sheet), group.reason))
                elif group.models is not None:
                    group.models[model[0].strip()] += 1
                group.rows += 1
                if progress is not None and seen % PROGRESS_EVERY == 0:
                    progress(self.assets + seen - blank)
        assets = seen - blank
        self.assets += assets
        where = table.path if table.sheet is None else f"{table.path}, sheet {table.sheet!r}"
        if ragged:
            self.warnings.append(
                f"{where}: {ragged} row(s) do not have one cell per header column ({width})"
                f" — first, {first_ragged}: missing cells read as empty, extra cells kept as"
                f" '{unnamed_column(width)}' and on"
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

    def tally(self) -> Tally:
        """Counts and lists for the Report, from the groups (not from rows)."""
        counts: Counter[str] = Counter(assets=self.assets)
        unknown, not_covered = ModelRows(), ModelRows()
        by_severity: Counter[str] = Counter()
        by_rule: Counter[str] = Counter()
        by_group: Counter[str] = Counter()
        bad_macs = 0
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
                for hit in self.judgments[group.judgment].hits:
                    by_severity[hit.severity.value] += n
                    by_rule[hit.rule_id] += n
                    counts["findings"] += n
                counts["not_binding"] += n * len(self.judgments[group.judgment].also)
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


_NO_MODEL = ("", "")
"""`model_of` for a table without a model column."""


@contextmanager
def _paused_gc() -> Iterator[None]:
    """The cyclic collector off while rows are kept: holding hundreds of thousands of row
    lists otherwise triggers full collections that tripled the scan time (measured). Rows
    form no cycles; the collector is restored, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
