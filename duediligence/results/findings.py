"""What a scan concludes: evidence, attributions, findings and skips; report.py holds them.

The flagged rows themselves, stored as read, are in flagged.py.

These dataclasses are the public JSON contract (see docs/report-format.md); every output
format is a view of one `Report`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from duediligence.results.assets import Asset, Field, Location

VERSION = "0.1.0"
"""This release of duediligence (`duediligence.__version__`): named in every report's
`ToolInfo`, and part of the pack cache's key. Here, the bottom of the house, so that neither
api.py nor the pack loader imports the package they are part of."""

SCHEMA_VERSION = "2.4"

NO_PROFILE = (
    "no profile chosen, so no measure gives an action, deadline or gate severity; choose one"
    " with --profile NAME or `duediligence init`"
)
"""The line every format shows when no profile was chosen (a warning of the report, and in
the heading of the Markdown and HTML pages)."""


class Severity(StrEnum):
    """Ordered from least to most severe; `NONE` is only a `--fail-on` setting."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
    NONE = "none"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
    Severity.NONE: 99,
}


class Signal(StrEnum):
    """The kinds of evidence an inventory row can carry about its maker."""

    NAME = "name"
    MODEL = "model"
    MAC = "mac"
    FCC_ID = "fcc_id"
    SUPPLIER = "supplier"
    RELATIONSHIP = "relationship"
    KIND = "kind"  # what kind of device the row's words say it is (identify/kinds.py): not who


@dataclass(frozen=True, slots=True)
class Evidence:
    """One signal's contribution: both sides of the comparison and a sentence a reviewer reads."""

    signal: Signal
    value: str
    entity: str
    score: int
    explanation: str
    matched: str | None = None


@dataclass(frozen=True, slots=True)
class EntityRef:
    """The maker as the report names it; `group` is the top-level parent's id."""

    id: str
    name: str
    group: str
    group_name: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who made an asset, how sure we are, and every piece of evidence behind it.

    `conflicts` says, in words, each signal that points elsewhere (another group in the pack,
    or a make that names an unrelated registered manufacturer): never resolved silently.
    `disputed`: the group rests on model patterns alone (a supplier at most beside them) while
    the make names another manufacturer and no pack source ties that make to the group. The
    attribution is kept so a person sees both sides, but only review rules apply to it: a
    model grammar belongs to a maker, and a pattern that caught another maker's model is no
    ground for a ban.
    """

    entity: EntityRef
    confidence: float
    evidence: tuple[Evidence, ...]
    alternatives: tuple[EntityRef, ...] = ()
    conflicts: tuple[str, ...] = ()
    disputed: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule an attribution meets: everything a finding says except which row it is about."""

    rule_id: str
    severity: Severity
    jurisdiction: str | None
    message: str
    recommended_action: str
    references: tuple[str, ...]
    patch_by: str | None = None
    """The day the buyer must have patched by (ISO), when a known-exploited advisory's due
    date binds them (a profile with `advisory_deadlines`, BOD 22-01); else None."""
    cves: tuple[str, ...] = ()
    """The CVE ids of the known-exploited advisories the row falls in (RISK-KNOWN-EXPLOITED),
    so a report can list them per site without reading the message; else empty."""


@dataclass(frozen=True, slots=True)
class Judgment:
    """One attribution and the rules it meets, shared by every row with the same signals.

    A million rows of one camera model are one judgment: the report describes it once and each
    flagged row points to it, so the cost of a report follows distinct values, not rows.
    `hits` are the rules that bind the buyer (the profile's, or with no profile the
    due-diligence risks): only they give actions, deadlines, counts and the gate's verdict.
    `also` are the other measures that name the vendor, binding someone else: shown as where
    else it is restricted, never acted on. A judgment may have only `also`.
    """

    id: str
    attribution: Attribution
    hits: tuple[Hit, ...]
    also: tuple[Hit, ...] = ()

    @property
    def worst(self) -> Severity:
        """The worst binding severity; info when nothing binds (restricted elsewhere only)."""
        return max((h.severity for h in self.hits), key=lambda s: s.rank, default=Severity.INFO)

    @property
    def elsewhere(self) -> tuple[str, ...]:
        """The jurisdictions of the measures that name the vendor but do not bind the buyer,
        sorted: "also restricted in: AU, TW, US"."""
        return tuple(sorted({h.jurisdiction for h in self.also if h.jurisdiction}))


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that applies to one asset, with what a compliance officer needs to act on it.

    The denormalised view of a flagged row and one of its judgment's hits, for library users
    and formats that list findings one by one.
    """

    rule_id: str
    severity: Severity
    confidence: float
    asset: Asset
    entity: EntityRef
    evidence: tuple[Evidence, ...]
    message: str
    recommended_action: str
    references: tuple[str, ...]
    fingerprint: str
    jurisdiction: str | None = None
    waiver: WaiverInfo | None = None
    new: bool | None = None
    """Against a baseline: True when the baseline did not hold it; None without a baseline."""
    origin: Origin | None = None
    """Against a baseline, for a new finding: whether the register or the pack brought it."""
    patch_by: str | None = None
    """The hit's `patch_by`: the due date of a known-exploited advisory that binds the buyer."""
    cves: tuple[str, ...] = ()
    """The hit's `cves`: the known-exploited advisories' CVE ids the finding names."""


@dataclass(frozen=True, slots=True)
class InputTable:
    """A table that was read (a file, or one sheet of a workbook); flagged rows refer to it.

    `columns` are the header as read (made unique), plus '(unnamed column N)' for cells found
    past it; `fields` says which column holds each understood field.
    """

    source: str
    sheet: str | None
    header_row: int
    columns: tuple[str, ...]
    fields: dict[Field, int]
    assets: int
    lines: tuple[tuple[int, int], ...] = ()
    """(row, the text line it starts on) where that stops being the row number (a CSV cell
    holding a line break pushes later rows down); see `line_of`."""

    def line_of(self, row: int) -> int:
        """The text line a row starts on, for tools that point into the file (SARIF)."""
        at = bisect_right(self.lines, (row, 1 << 62)) - 1
        return row if at < 0 else row + self.lines[at][1] - self.lines[at][0]


@dataclass(frozen=True, slots=True)
class Skip:
    """A row that could not be judged, and why: counted and shown, never dropped."""

    location: Location
    reason: str


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule described once per report; findings refer to it by id."""

    id: str
    title: str
    kind: str
    jurisdiction: str | None
    status: str
    effective: str | None
    binds: str
    rationale: str
    recommended_action: str
    mitigations: tuple[str, ...]
    sources: tuple[str, ...]
    deadlines: tuple[Deadline, ...] = ()
    in_profile: bool = True
    """False: the rule binds someone else; the report holds it to say where a vendor is
    restricted, and its findings are `binds: false`."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date a measure sets for acting on covered equipment (remove, replace, report)."""

    label: str
    date: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A bibliography entry; facts and rules cite these ids."""

    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ToolInfo:
    name: str
    version: str


@dataclass(frozen=True, slots=True)
class PackInfo:
    id: str
    version: str
    reviewed: str
    layers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnknownValue:
    """A distinct make/model seen in rows that nothing in the pack recognised, and why."""

    make: str | None
    model: str | None
    reason: str
    rows: int


@dataclass(frozen=True, slots=True)
class NotCovered:
    """Rows that name a covered vendor or model but are not covered equipment, and why.

    An accessory or consumable ('PoE injector for Hikvision PTZ'), a service ('Labour:
    re-programming Hytera radios'), or a vendor named only as what the item is for,
    compatible with or replacing. Listed rather than flagged, so a reviewer sees every row a
    covered name appeared in and can check the reading.
    """

    make: str | None
    model: str | None
    note: str
    rows: int


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts a reader checks first: how much was read, judged, flagged and left unjudged."""

    assets: int
    attributed: int
    unknown: int
    unknown_by_reason: dict[str, int]
    skipped: int
    flagged: int
    findings: int
    by_severity: dict[str, int]
    by_group: dict[str, int]
    by_rule: dict[str, int]
    not_covered: int = 0
    """Rows naming a covered vendor only as context, or that are accessories or services."""
    not_binding: int = 0
    """Findings of measures that name a vendor but bind another buyer (not in `findings`)."""


class WaiverState(StrEnum):
    """A waiver on the scan's as-of date. An expired waiver is not applied."""

    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class WaiverInfo:
    """A reviewed exception as read from the waivers file, with what it did in this scan.

    `matched` counts the findings it matches (waived, unless it has expired); none means it is
    stale: the asset is gone, fixed, or the entry is wrong.
    """

    where: str
    asset: str | None
    fingerprint: str | None
    rule: str
    reason: str
    approved_by: str
    expires: str
    state: WaiverState
    matched: int

    @property
    def applied(self) -> bool:
        return self.state is not WaiverState.EXPIRED


class Origin(StrEnum):
    """Where a finding new against a baseline comes from (docs/ci.md, "Baseline")."""

    REGISTER = "register"
    PACK = "pack"
