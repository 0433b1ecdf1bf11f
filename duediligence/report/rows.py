"""The one flat projection of a Report: a line per flagged asset, shared by text formats."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from duediligence.results.findings import Finding, Severity
from duediligence.results.gate import BaselineInfo, Gate
from duediligence.results.report import Report


@dataclass(frozen=True, slots=True)
class AssetRow:
    where: str
    asset: str
    make_model: str
    maker: str
    rules: tuple[tuple[str, Severity, str], ...]
    """The rules that bind: (rule id, severity, what the gate marked it: "waived", "new" or
    ""), worst first."""
    elsewhere: tuple[str, ...]
    """Where the measures that name the vendor but bind someone else apply (jurisdictions)."""
    worst: Severity
    confidence: float
    patch_by: str | None = None
    """The earliest day a known-exploited advisory binding the buyer must be patched by."""


def asset_rows(report: Report, limit: int | None = None) -> list[AssetRow]:
    """A line per flagged asset (in inventory order, the first `limit`), worst severity first
    within each."""
    rows = []
    for flagged in islice(report.flagged, limit):
        a, j = flagged.asset, flagged.judgment
        e = j.attribution.entity
        loc = a.location
        where = f"{loc.path}:{loc.sheet}:{loc.row}" if loc.sheet else f"{loc.path}:{loc.row}"
        maker = e.name if e.id == e.group else f"{e.name} ({e.group_name})"
        rows.append(
            AssetRow(
                where=where,
                asset=a.asset_id or a.serial or a.mac or "",
                make_model=" / ".join(dict.fromkeys(x for x in (a.make, a.model) if x))
                or (a.description or ""),
                maker=maker,
                rules=tuple((f.rule_id, f.severity, _note(f)) for f in flagged.findings()),
                elsewhere=j.elsewhere,
                worst=j.worst,
                confidence=j.attribution.confidence,
                patch_by=min((h.patch_by for h in j.hits if h.patch_by), default=None),
            )
        )
    return rows


def elsewhere_text(places: tuple[str, ...]) -> str:
    """The one line that folds the measures binding someone else: "also restricted in: AU,
    TW, US"; empty when there are none."""
    return f"also restricted in: {', '.join(places)}" if places else ""


def _note(f: Finding) -> str:
    return "waived" if f.waiver is not None else "new" if f.new else ""


def summary_line(report: Report) -> str:
    s = report.summary
    order = [
        sev.value for sev in sorted(Severity, key=lambda v: -v.rank) if sev is not Severity.NONE
    ]
    by_sev = ", ".join(f"{s.by_severity[k]} {k}" for k in order if k in s.by_severity)
    parts = [
        f"{s.assets} assets read",
        f"{s.flagged} flagged",
        f"{s.findings} findings" + (f" ({by_sev})" if by_sev else ""),
        f"{s.unknown} not recognised",
        f"{s.skipped} skipped",
    ]
    if s.not_covered:
        parts.append(f"{s.not_covered} not covered equipment")
    if report.gate is not None:
        parts.extend(words for _, words in gate_words(report.gate))
    return " · ".join(parts)


def origin_words(b: BaselineInfo) -> str | None:
    """Where the new findings come from, "3 from the register, 2 from the pack"; None when
    nothing is new (or the gate did not tell origins apart)."""
    if not b.new or b.from_register + b.from_pack != b.new:
        return None
    return f"{b.from_register} from the register, {b.from_pack} from the pack"


def gate_words(gate: Gate) -> list[tuple[str, str]]:
    """The gate's part of a summary line, as (what, words), what being 'waived', 'new' or
    'verdict': formats that link or emphasise a part know which it is."""
    out = []
    if gate.waived:
        out.append(("waived", f"{gate.waived} waived"))
    if gate.baseline is not None:
        origins = origin_words(gate.baseline)
        tail = f": {origins}" if origins else ""
        out.append(("new", f"{gate.baseline.new} new since the baseline{tail}"))
    if gate.fail_on is Severity.NONE:
        verdict = "the gate never fails (--fail-on none)"
    elif gate.failing:
        verdict = f"FAIL: {gate.failing} at or above {gate.fail_on.value}"
    else:
        verdict = f"pass: none at or above {gate.fail_on.value}"
    out.append(("verdict", verdict))
    return out
