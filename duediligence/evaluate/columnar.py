"""The one scan loop, in Arrow: rows grouped by their signals in C, Python only for each
distinct key and for the rows that need it.

Every table comes as Arrow batches of text with their row numbers (inventory/batches.py),
whatever its format. A batch's signal cells (make, FCC ID, supplier, description, notes,
hostname, firmware, and what its model and MAC say) make one key a row, in numbers
(keys.py); each distinct key is looked up in the scanner's table of signals, shared across
batches and tables. The model and MAC columns are dictionary-encoded and each distinct
value mapped to its outcome once (`Outcomes.model_of`, `Outcomes.mac_key`), so a batch of
distinct random MACs or serials in the model field makes as few keys as a batch without
them. Rows whose
verdict depends on their date (a dated relationship above their makers), rows with no signal,
and nothing else, are visited one by one. Flagged rows stay in Arrow (`Block`), and the JSON
writer builds their lines from the columns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from operator import itemgetter
from typing import Any, cast

import pyarrow as pa

from duediligence.evaluate.groups import (
    FLAGGED,
    SKIPPED,
    Group,
    Signalled,
)
from duediligence.evaluate.judge import KEYED, Judge
from duediligence.evaluate.keys import Key, Keys
from duediligence.inventory.batches import batches
from duediligence.inventory.interface import Table
from duediligence.results.assets import Field, Location
from duediligence.results.block import Block
from duediligence.results.compute import (
    bool_array,
    first_rows,
    int_array,
    int_scalar,
    int_values,
    pc,
    text_values,
)
from duediligence.results.findings import Skip


def read_batches(
    scanner: Judge,
    table: Table,
    index: int,
    fields: dict[Field, int],
    progress: Callable[[int], None] | None,
) -> tuple[int, int, int]:
    """Judge every row of the table, batch by batch.

    Returns the rows read, how many of them were blank, and the widest batch (columns past
    the header are unnamed ones a wider row brought).
    """
    blocks = _Blocks(scanner, table, fields)
    seen = blank = 0
    widest = len(table.header)
    for batch in batches(table):
        if progress is not None and seen:
            # the rows before this batch: the caller reports the scan's end itself
            progress(scanner.assets + seen - blank)
        cells, numbers = batch.cells, batch.numbers
        widest = max(widest, cells.num_columns)
        codes, keys = blocks.encoded(cells)
        groups = blocks.groups(cells, codes, keys, numbers)
        known = scanner.groups
        kinds = pc.take(int_array([g.kind for g in known], pa.int8()), groups)
        skipped = pc.equal(kinds, int_scalar(SKIPPED, pa.int8()))
        if pc.any(skipped).as_py():
            blank += _skips(scanner, table, cells, groups, skipped, numbers)
            counted = pc.filter(groups, pc.invert(skipped))
        else:
            counted = groups
        counts = pc.value_counts(counted)
        for value, count in zip(
            int_values(counts.field(0)), int_values(counts.field(1)), strict=True
        ):
            known[value].rows += count
        if blocks.keys.model_cells is not None:
            _count_models(known, blocks.keys.model_cells, groups, skipped)
        flagged = pc.equal(kinds, int_scalar(FLAGGED, pa.int8()))
        # filtered by the mask (no nulls): its positions (indices_nonzero) cost ~0.7 ms a block
        if pc.any(flagged).as_py():
            verdicts = int_array([g.judgment for g in known])
            scanner.flagged.add_block(
                Block(
                    index,
                    pc.filter(numbers, flagged),
                    pc.filter(cells, flagged),
                    pc.take(verdicts, pc.filter(groups, flagged)),
                )
            )
        seen += cells.num_rows
    return seen, blank, widest


def row_groups(
    scanner: Judge, table: Table, fields: dict[Field, int]
) -> Iterator[tuple[pa.RecordBatch, pa.Array[Any]]]:
    """Each batch of the table with each of its rows' group (an index into `scanner.groups`),
    found as `read_batches` finds them, for a caller that answers row by row rather than with
    a Report (`duediligence.attribute`). Counts, skips and flagged rows are left to the scan.
    """
    blocks = _Blocks(scanner, table, fields)
    for batch in batches(table):
        codes, keys = blocks.encoded(batch.cells)
        yield batch.cells, blocks.groups(batch.cells, codes, keys, batch.numbers)


class _Blocks:
    """One table's keys across its blocks, and the scan they feed."""

    def __init__(self, scanner: Judge, table: Table, fields: dict[Field, int]) -> None:
        self.scanner = scanner
        self.table = table
        self.fields = fields
        self.present = [fields[f] for f in KEYED if f in fields]
        self.i_mac = fields.get(Field.MAC)
        self.i_model = fields.get(Field.MODEL)
        self.keys = Keys(
            scanner.identifier, scanner.outcomes, self.present, self.i_model, self.i_mac
        )
        self.dates = [fields.get(Field.PURCHASED), fields.get(Field.INSTALLED)]
        self.dated = any(i is not None for i in self.dates)
        self.by_key: dict[Key, Signalled] = {}
        self.resolved: dict[Key, int] = {}
        """Key -> its group, for keys whose group does not depend on the row's date."""

    def encoded(self, batch: pa.RecordBatch) -> tuple[pa.Array[Any], list[Key]]:
        """Each row's key as an index into the block's distinct keys, and those keys."""
        return self.keys.encoded(batch)

    def groups(
        self,
        batch: pa.RecordBatch,
        codes: pa.Array[Any],
        keys: list[Key],
        numbers: pa.Array[Any],
    ) -> pa.Array[Any]:
        """Each row's group. New groups are judged in the order of their first rows, so
        judgments are numbered in row order however the rows fall into batches."""
        scanner, by_key, resolved = self.scanner, self.by_key, self.resolved
        # Most keys were met in an earlier block: one lookup each gives their group.
        group_of = [resolved.get(key, -1) for key in keys]
        open_ = [k for k, g in enumerate(group_of) if g < 0]
        if not open_:
            return cast("pa.Array[Any]", pc.take(int_array(group_of), codes))
        # The first row of a new key describes it, and the first row of a key still to judge
        # orders its group; a key whose rows' dates choose their groups (open in every
        # block) needs neither once met, so the common case searches no block for them.
        unseen = [k for k in open_ if keys[k] not in by_key]
        first_of = dict(zip(unseen, first_rows(codes, unseen), strict=True))
        if unseen:
            firsts = [first_of[k] for k in unseen]
            rows = pc.take(batch, int_array(firsts)).to_pylist()
            at = int_values(pc.take(numbers, int_array(firsts)))
            for k, number, row in zip(unseen, at, rows, strict=True):
                by_key[keys[k]] = self._signalled(list(row.values()), number)

        # (first row, signals, span, date) of each group still to judge
        pending: list[tuple[int, Signalled, int | None, date | None]] = []
        dated: list[int] = []
        plain: list[int] = []
        for k in open_:
            (dated if self.dated and by_key[keys[k]].spans else plain).append(k)
        later = [k for k in plain if k not in first_of and None not in by_key[keys[k]].groups]
        first_of.update(zip(later, first_rows(codes, later), strict=True))
        pending += (
            (first_of[k], by_key[keys[k]], None, None)
            for k in plain
            if None not in by_key[keys[k]].groups
        )
        by_date = self._spans(batch, codes, dated, keys, pending) if dated else None
        for _, same, span, when in sorted(pending, key=itemgetter(0)):
            if span not in same.groups:
                same.groups[span] = scanner.judge(same, when)

        for k in plain:
            group_of[k] = resolved[keys[k]] = by_key[keys[k]].groups[None].index
        groups: pa.Array[Any] = pc.take(int_array(group_of), codes)
        if by_date is None:
            return groups
        mask, chosen = by_date
        indices = [same.groups[span].index for same, span in chosen]
        replaced: pa.Array[Any] = pc.replace_with_mask(groups, mask, int_array(indices))
        return replaced

    def _signalled(self, cells: list[str], number: int) -> Signalled:
        """A key's signals, from the scanner's table of them (shared by every table)."""
        scanner = self.scanner
        outcomes = scanner.outcomes
        mac = cells[self.i_mac] if self.i_mac is not None else ""
        model = outcomes.model_of(cells[self.i_model])[1] if self.i_model is not None else ""
        key = (
            tuple(cells[i] for i in self.present),
            outcomes.mac_key(mac) if mac else None,
            model,
        )
        same = scanner.signalled.get(key)
        if same is None:
            same = scanner.signalled[key] = scanner.signalled_by(
                key, cells, self.fields, self.present, self.table, number
            )
        return same

    def _spans(
        self,
        batch: pa.RecordBatch,
        codes: pa.Array[Any],
        dated: list[int],
        keys: list[Key],
        pending: list[tuple[int, Signalled, int | None, date | None]],
    ) -> tuple[pa.Array[Any], list[tuple[Signalled, int | None]]]:
        """The rows whose date decides their verdict, one at a time in row order: each row's
        span, and the groups first met here added to `pending`."""
        mask = pc.is_in(codes, value_set=int_array(dated, codes.type))
        where = pc.indices_nonzero(mask)
        bought, installed = (
            text_values(pc.take(batch.column(i), where)) if i is not None else [""] * len(where)
            for i in self.dates
        )
        date_of = self.scanner.date_of
        chosen: list[tuple[Signalled, int | None]] = []
        first: set[tuple[int, int | None]] = set()
        taken = int_values(pc.take(codes, where))
        rows = zip(int_values(where), taken, bought, installed, strict=True)
        same_of = {k: self.by_key[keys[k]] for k in dated}
        for row, code, b, i in rows:
            same = same_of[code]
            when = date_of(b, i)
            span = bisect_right(same.spans, when) if when is not None else None
            chosen.append((same, span))
            if span not in same.groups and (id(same), span) not in first:
                first.add((id(same), span))
                pending.append((row, same, span, when if span is not None else None))
        return mask, chosen


def _count_models(
    known: list[Group],
    models: tuple[pa.Array[Any], pa.Array[Any]],
    groups: pa.Array[Any],
    skipped: pa.Array[Any],
) -> None:
    """Rows per model text for the groups that count them (`Group.models`), from the block's
    model cells as the keys encoded them (`Keys.model_cells`)."""
    if not any(g.models is not None for g in known):
        return
    by_model = bool_array([g.models is not None for g in known])
    wanted = pc.and_(pc.take(by_model, groups), pc.invert(skipped))
    if not pc.any(wanted).as_py():
        return
    # Each (group, model) pair as one number, counted by value_counts: a grouped count would
    # bring in Arrow's query engine (and ssl) for it, which start-up leaves unimported.
    indices, distinct = models
    texts = text_values(distinct)
    width = int_scalar(max(len(texts), 1), pa.int64())
    pairs = pc.add(
        pc.multiply(pc.cast(pc.filter(groups, wanted), pa.int64()), width),
        pc.cast(pc.filter(indices, wanted), pa.int64()),
    )
    found = pc.value_counts(pairs)
    # The loop below runs once per distinct pair (a million on a register of serials): the
    # pairs are split, the texts stripped and the Counters found before it, in bulk, and a
    # new text is counted without the Python call `+=` makes to `Counter.__missing__`.
    of_group = pc.divide(found.field(0), width)
    of_model = pc.subtract(found.field(0), pc.multiply(of_group, width))
    stripped = [text.strip() for text in texts]
    counters = {g: cast(Counter[str], known[g].models) for g in int_values(pc.unique(of_group))}
    for group, model, count in zip(
        int_values(of_group), int_values(of_model), int_values(found.field(1)), strict=True
    ):
        counter, text = counters[group], stripped[model]
        counter[text] = counter.get(text, 0) + count  # `+=` calls Counter.__missing__


def _skips(
    scanner: Judge,
    table: Table,
    batch: pa.RecordBatch,
    groups: pa.Array[Any],
    skipped: pa.Array[Any],
    numbers: pa.Array[Any],
) -> int:
    """Rows with no signal: reported when another cell holds something, else blank (an empty
    line is not a row). Returns how many were blank."""
    where = pc.indices_nonzero(skipped)
    rows = pc.filter(batch, skipped).to_pylist()
    known = scanner.groups
    blank = 0
    at = int_values(pc.take(numbers, where))
    of_rows = int_values(pc.filter(groups, skipped))
    for number, group_index, row in zip(at, of_rows, rows, strict=True):
        if not any(c.strip() for c in row.values()):
            blank += 1
            continue
        group: Group = known[group_index]
        location = Location(table.path, number, table.sheet)
        scanner.skips.append(Skip(location, group.reason))
        group.rows += 1
    return blank
