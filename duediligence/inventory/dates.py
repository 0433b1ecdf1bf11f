"""The order of day and month in a date column, decided once for the column from its values.

'03/04/2021' is the 3rd of April in Europe and March the 4th in the United States; a row
cannot tell, but its column can: one '25/03/2021' settles every row as day first. So each
date column's order is decided once, from the first SAMPLE_ROWS rows read ahead of the scan,
and every row is read in it. When no value settles it (every day and month is 12 or under),
the order is assumed from what else the column and the table say, and a warning names the
assumption: dots ('03.04.2021') are written day first in every country that writes them;
another date column of the same table that its values settle; else month first for slashes,
as Excel writes a date in a CSV in the United States, and day first for hyphens.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Mapping
from dataclasses import dataclass, field

from duediligence.errors import InputError
from duediligence.results.assets import NUMERIC_DATE, DateOrder, Field

SAMPLE_ROWS = 10_000
"""Rows read ahead for their dates: a day past the 12th shows within the first few dozen dated
rows of a register bought over more than a fortnight; reading 10,000 rows ahead costs ~50 ms."""
DATED = (Field.PURCHASED, Field.INSTALLED)
Rows = Generator[tuple[int, list[str]], None, None]


@dataclass
class Evidence:
    """What a column's values say of their order: counts, and one example of each kind."""

    day_first: int = 0
    month_first: int = 0
    either: int = 0
    examples: dict[str, str] = field(default_factory=dict)
    separators: set[str] = field(default_factory=set)

    def add(self, text: str) -> None:
        numeric = NUMERIC_DATE.fullmatch(text.strip())
        if numeric is None:
            return
        first, separator, second = int(numeric[1]), numeric[2], int(numeric[3])
        self.separators.add(separator)
        if first > 12 >= second:
            kind = "day_first"
        elif second > 12 >= first:
            kind = "month_first"
        elif first <= 12 and second <= 12:
            kind = "either"
        else:
            return  # neither order makes a date of it: the row reads it as no date
        setattr(self, kind, getattr(self, kind) + 1)
        self.examples.setdefault(kind, text.strip())

    @property
    def settled(self) -> DateOrder | None:
        """The order the values show, when some show it; the majority if they disagree."""
        if not self.day_first and not self.month_first:
            return None
        return DateOrder.DAY_FIRST if self.day_first >= self.month_first else DateOrder.MONTH_FIRST


def decide(
    columns: Mapping[Field, tuple[str, Iterable[str]]],
) -> tuple[dict[Field, DateOrder], list[str]]:
    """Each date column's order, from its values, and a warning for each order not settled.

    `columns` maps a date field to its column's header and values.
    """
    evidence: dict[Field, tuple[str, Evidence]] = {}
    for f, (header, values) in columns.items():
        seen = Evidence()
        for value in values:
            seen.add(value)
        if seen.day_first or seen.month_first or seen.either:
            evidence[f] = (header, seen)
    settled = [e.settled for _, e in evidence.values() if e.settled is not None]
    orders: dict[Field, DateOrder] = {}
    warnings: list[str] = []
    for f, (header, seen) in evidence.items():
        order = seen.settled
        if order is not None and seen.day_first and seen.month_first:
            warnings.append(_mixed(header, seen, order))
        elif order is None:
            order, why = _assumed(seen, settled[0] if settled else None)
            warnings.append(
                f"column {header!r}: every date such as {seen.examples['either']!r} has its day"
                f" and month both 12 or under, so their order cannot be told: read as {order}"
                f" ({why}); if that is wrong, save the dates as YYYY-MM-DD"
            )
        orders[f] = order
    return orders, warnings


def _mixed(header: str, seen: Evidence, order: DateOrder) -> str:
    fewer = min(seen.day_first, seen.month_first)
    return (
        f"column {header!r} writes dates both day first ({seen.day_first} such as"
        f" {seen.examples['day_first']!r}) and month first ({seen.month_first} such as"
        f" {seen.examples['month_first']!r}): read as {order}, the more common; dates in the"
        f" other order ({fewer}) are not read as dates"
    )


def _assumed(seen: Evidence, other: DateOrder | None) -> tuple[DateOrder, str]:
    if seen.separators == {"."}:
        return DateOrder.DAY_FIRST, "dates with dots are written day first"
    if other is not None:
        return other, "as another date column of this table shows"
    if seen.separators == {"/"}:
        return DateOrder.MONTH_FIRST, "as Excel writes dates with slashes in the United States"
    return DateOrder.DAY_FIRST, "as dates with hyphens are written outside the United States"


def read_ahead(
    rows: Rows, indexes: Mapping[Field, int], limit: int = SAMPLE_ROWS
) -> tuple[Rows, dict[Field, list[str]]]:
    """The values of the date columns at `indexes` in the first `limit` rows, and the rows
    again from the first: those read ahead, then the rest.

    An error in the rows read ahead is raised where it was met, when the rows come to it, so a
    table reads and fails exactly as it would without the look ahead.
    """
    ahead: list[tuple[int, list[str]]] = []
    failed: InputError | None = None
    try:
        for row in rows:
            ahead.append(row)
            if len(ahead) >= limit:
                break
    except InputError as exc:
        failed = exc
    values = {
        f: [cells[i] for _, cells in ahead if i < len(cells) and cells[i].strip()]
        for f, i in indexes.items()
    }
    return _replay(ahead, failed, rows), values


def _replay(ahead: list[tuple[int, list[str]]], failed: InputError | None, rest: Rows) -> Rows:
    try:
        yield from ahead
        if failed is not None:
            raise failed
        yield from rest
    finally:
        rest.close()
