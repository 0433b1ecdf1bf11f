"""What the scan remembers per distinct signals: the rows that share them and their verdicts.

Shared by the row loop (scanner.py) and the block loop (columnar.py), so both fill one set of
groups and a register read partly by each is judged as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from duediligence.identify.interface import Signals

CLEAN, FLAGGED, UNKNOWN, SKIPPED, NOT_COVERED = range(5)
"""NOT_COVERED: an accessory, a service, or a vendor named only as context (identify/context.py)."""


@dataclass(slots=True)
class Signalled:
    """Rows with the same signals: the dates their relationships change on, and their groups.

    `spans` is empty when no relationship above the signals' makers is dated (a Hikvision
    camera): then every row shares `groups[None]` and its date is never parsed.
    """

    canon: tuple[str, ...]
    signals: Signals
    keyed: Signals
    spans: tuple[date, ...]
    groups: dict[int | None, Group]


@dataclass(slots=True)
class Group:
    """Rows sharing signals and date span: what they were judged to be, and how many."""

    kind: int
    judgment: int = -1
    reason: str = ""
    make: str | None = None
    model: str | None = None
    group: str = ""
    bad_mac: bool = False
    rows: int = 0
    index: int = -1
    """Its place in the scan's list of groups: the block loop indexes Arrow arrays by it."""
