"""Dates as sources give them: a day, a month or only a year.

A source that says "June 2018" must not be turned into a made-up day. Comparisons use the
widest reading that keeps a covered device covered: a relationship that began "2018-02"
counts from 2018-02-01, one that ended "2022-11" counts until 2022-11-30.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from duediligence.pack.schema import Before

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        match = _PARTIAL.match(value.strip())
        if match:
            year, month, day = match.groups()
            try:
                date(int(year), int(month or 1), int(day or 1))
            except ValueError:
                pass
            else:
                return value.strip()
    raise ValueError("invalid date: expected YYYY, YYYY-MM or YYYY-MM-DD")


def _full_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("invalid date: expected YYYY-MM-DD")


PartialDate = Annotated[str, Before(_partial_date)]
"""A date as precise as its source: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""

FullDate = Annotated[date, Before(_full_date)]
"""A date that must be exact (a measure's effective date)."""


def first_day(value: str) -> date:
    """Earliest day a partial date can mean."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """Latest day a partial date can mean."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else _days_in(year, month)
    return date(year, month, day)


def _days_in(year: int, month: int) -> int:
    """Days in a month, told by `date` (the calendar module and the locale it imports cost a
    start-up ~1.2 ms for this)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def within(when: date, start: str | None, end: str | None) -> bool:
    """Whether `when` falls inside [start, end], reading partial dates widely."""
    if start is not None and when < first_day(start):
        return False
    return not (end is not None and when > last_day(end))
