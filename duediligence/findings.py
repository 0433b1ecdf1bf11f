"""What a scan concludes: evidence, attributions, findings, skips and the Report that holds them.

These dataclasses are the public JSON contract (see docs/report-format.md); every output
format is a view of one `Report`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from duediligence.assets import Asset, Location

SCHEMA_VERSION = "1.0"


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
    """

    entity: EntityRef
    confidence: float
    evidence: tuple[Evidence, ...]
    alternatives: tuple[EntityRef, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that applies to one asset, with what a compliance officer needs to act on it."""

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


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one scan concluded. Formatters see only this."""

    schema_version: str
    tool: ToolInfo
    pack: PackInfo
    profile: str
    as_of: str
    inputs: tuple[str, ...]
    summary: Summary
    findings: tuple[Finding, ...]
    skips: tuple[Skip, ...]
    unknown: tuple[UnknownValue, ...]
    rules: dict[str, RuleInfo]
    sources: dict[str, SourceInfo]
    warnings: tuple[str, ...] = field(default=())

    def at_or_above(self, threshold: Severity) -> int:
        """How many findings count for a `--fail-on threshold` gate."""
        return sum(1 for f in self.findings if f.severity.rank >= threshold.rank)


def asset_identity(asset: Asset) -> str:
    """What makes an asset the same asset across runs and row reorderings.

    Asset id, then serial, then MAC; otherwise the normalised make, model and site. Never
    the row number, so moving a row does not churn waivers or baselines.
    """
    for kind, value in (("id", asset.asset_id), ("serial", asset.serial), ("mac", asset.mac)):
        if value and value.strip():
            return f"{kind}:{value.strip().casefold()}"
    parts = (asset.make, asset.model, asset.site)
    return "mms:" + "|".join(" ".join((p or "").casefold().split()) for p in parts)


def fingerprint(rule_id: str, identity: str) -> str:
    """Stable id of a finding (rule + `asset_identity`), for waivers and baselines."""
    return hashlib.sha256(f"{rule_id}\x1f{identity}".encode()).hexdigest()[:32]
