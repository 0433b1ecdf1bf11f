"""What the gate concluded: the threshold, the waivers and baseline applied, and the marks they
left on flagged rows. A view over the findings, never a change to them (gate/decide.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from duediligence.results.findings import Origin, Severity, WaiverInfo


@dataclass(frozen=True, slots=True)
class BaselineInfo:
    """The earlier report findings were compared with, and how this scan differs from it."""

    source: str
    pack: str
    profile: str | None
    as_of: str
    findings: int
    new: int
    unchanged: int
    gone: int
    from_register: int = 0
    """New findings the register brought: a row new or changed, that the baseline's pack would
    have flagged just the same."""
    from_pack: int = 0
    """New findings a pack change since the baseline brought to a row the baseline held as is
    (or to rows the pack's changes reach: a new measure, entity, pattern or relationship)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """What the gate concluded about one flagged row beyond its rules: the findings waived
    (rule id -> index into `Gate.waivers`) and, against a baseline, the rules new to it and
    where each comes from (rule id -> Origin)."""

    waived: dict[str, int]
    new: frozenset[str]
    origin: dict[str, Origin] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Gate:
    """What decides the exit code: the threshold, the findings that count against it, and the
    waivers and baseline that took findings out of the count (never out of the report).

    `marks` is keyed by (asset fingerprint, judgment id) and holds only rows with a mark; with
    a baseline, a row without one has nothing new.
    """

    fail_on: Severity
    failing: int
    waived: int = 0
    waivers: tuple[WaiverInfo, ...] = ()
    baseline: BaselineInfo | None = None
    marks: dict[tuple[str, str], Mark] = field(default_factory=dict)

    def mark(self, fingerprint: str, judgment: str) -> Mark | None:
        return self.marks.get((fingerprint, judgment)) if self.marks else None

    def waiver(self, mark: Mark | None, rule_id: str) -> WaiverInfo | None:
        index = None if mark is None else mark.waived.get(rule_id)
        return None if index is None else self.waivers[index]

    def origin(self, mark: Mark | None, rule_id: str) -> Origin | None:
        return None if mark is None else mark.origin.get(rule_id)

    def is_new(self, mark: Mark | None, rule_id: str) -> bool | None:
        if self.baseline is None:
            return None
        return mark is not None and rule_id in mark.new
