"""Evaluate rules: an attributed asset, the profile's measures and the as-of date give findings.

Pure and memoised on (entity, group, equipment category, conflicts): a million rows of the same
camera cost one evaluation. Rules never parse strings; they read the attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from duediligence.assets import Asset
from duediligence.findings import (
    Attribution,
    Finding,
    Severity,
    Signal,
    asset_identity,
    fingerprint,
)
from duediligence.pack.catalog import Catalog
from duediligence.pack.dates import first_day
from duediligence.pack.entities import EquipmentCategory
from duediligence.pack.loader import Pack
from duediligence.pack.measures import Coverage, Measure, MeasureKind


@dataclass(frozen=True, slots=True)
class Applicable:
    """A measure that covers an attribution: the finding's text, built once per key."""

    measure: Measure
    severity: Severity
    message: str
    references: tuple[str, ...]


class Evaluator:
    """Turns attributions into findings for one profile on one date."""

    def __init__(self, pack: Pack, profile: str, as_of: date) -> None:
        self.pack = pack
        self.profile = profile
        self.as_of = as_of
        self.measures = [m for m in pack.profile_measures(profile) if m.in_effect(as_of)]
        self._categories = {p.spec.id: p.spec.category for p in pack.catalog.patterns}
        self._memo: dict[
            tuple[str, str, EquipmentCategory | None, tuple[str, ...]], tuple[Applicable, ...]
        ] = {}

    def evaluate(self, asset: Asset, attribution: Attribution) -> list[Finding]:
        category = self._category(attribution)
        key = (attribution.entity.id, attribution.entity.group, category, attribution.conflicts)
        applicable = self._memo.get(key)
        if applicable is None:
            applicable = tuple(self._applicable(attribution, category))
            self._memo[key] = applicable
        if not applicable:
            return []
        identity = asset_identity(asset)
        when = _ownership_note(asset, attribution)
        return [
            Finding(
                rule_id=a.measure.id,
                severity=a.severity,
                confidence=attribution.confidence,
                asset=asset,
                entity=attribution.entity,
                evidence=attribution.evidence,
                message=a.message + when,
                recommended_action=a.measure.recommended_action,
                references=a.references,
                fingerprint=fingerprint(a.measure.id, identity),
                jurisdiction=a.measure.jurisdiction,
            )
            for a in applicable
        ]

    def _category(self, attribution: Attribution) -> EquipmentCategory | None:
        """The equipment category a matched model pattern implies, if any."""
        for ev in attribution.evidence:
            if ev.signal is Signal.MODEL and ev.matched in self._categories:
                return self._categories[ev.matched]
        return None

    def _applicable(
        self, attribution: Attribution, category: EquipmentCategory | None
    ) -> list[Applicable]:
        out = []
        for measure in self.measures:
            for clause in measure.covers:
                hit = _covers(clause, attribution, category, self.pack.catalog, self.as_of)
                if hit is not None:
                    reason, sources = hit
                    label = (
                        f"[{measure.jurisdiction}] "
                        if measure.jurisdiction and measure.kind is MeasureKind.MEASURE
                        else ""
                    )
                    out.append(
                        Applicable(
                            measure,
                            measure.severity_for(self.profile),
                            f"{label}{measure.title}: {reason}",
                            tuple(dict.fromkeys((*measure.sources, *sources))),
                        )
                    )
                    break
        return out


def _ownership_note(asset: Asset, attribution: Attribution) -> str:
    """When the group was reached through a dated relationship judged on the purchase date, say so.

    A Lorex camera bought in 2020 is covered because Dahua owned Lorex then; the finding must
    state that fact, since Lorex is not Dahua's today.
    """
    acquired = asset.acquired
    if acquired is None or attribution.entity.id == attribution.entity.group:
        return ""
    if not any(ev.signal is Signal.RELATIONSHIP for ev in attribution.evidence):
        return ""
    return (
        f" (judged on {acquired.isoformat()}, when the item was bought or installed:"
        f" {attribution.entity.name} then belonged to the {attribution.entity.group_name} group)"
    )


def _covers(
    clause: Coverage,
    attribution: Attribution,
    category: EquipmentCategory | None,
    catalog: Catalog,
    as_of: date,
) -> tuple[str, tuple[str, ...]] | None:
    """Why this clause covers the attribution (reason, extra sources), or None if it does not.

    Every field the clause sets must match. An equipment list excludes an asset only when its
    category is known: not knowing what a device is never clears it.
    """
    ref = attribution.entity
    entity = catalog.entities[ref.id]
    group = catalog.entities[ref.group]
    who = ref.name if ref.id == ref.group else f"{ref.name} ({ref.group_name} group)"
    reasons: list[str] = []
    sources: list[str] = []
    if clause.equipment and category is not None and category not in clause.equipment:
        return None
    if clause.conflicting:
        if not attribution.conflicts:
            return None
        reasons.append("signals disagree: " + "; ".join(attribution.conflicts))
    if clause.groups:
        if ref.group not in clause.groups:
            return None
        reasons.append(f"the {ref.group_name} group is named")
    if clause.relations:
        via = [
            ev.explanation
            for ev in attribution.evidence
            if ev.signal is Signal.RELATIONSHIP and ev.matched in clause.relations
        ]
        if not via:
            return None
        reasons.append("reached through " + "; ".join(via))
    if clause.countries:
        if entity.country not in clause.countries:
            return None
        reasons.append(f"{ref.name} is a brand from {entity.country}")
    if clause.state_owned:
        owners = [o for o in group.ownership if o.state and first_day(o.as_of) <= as_of]
        if not owners:
            return None
        o = owners[-1]
        share = f" ({o.share_text})" if o.share_text else ""
        reasons.append(f"state ownership: {o.owner}{share}, as of {o.as_of}")
        sources += o.sources
    if clause.facts:
        facts = [
            x
            for x in catalog.facts_of(ref.group)
            if x.kind in clause.facts and first_day(x.date) <= as_of
        ]
        if not facts:
            return None
        for x in facts:
            details = [x.date]
            details += [x.value] if x.value else []
            details += [f"ref. {x.reference}"] if x.reference else []
            if x.ended:
                details.append(f"ended {x.ended}" + (f": {x.ended_note}" if x.ended_note else ""))
            reasons.append(f"{x.summary} ({'; '.join(details)})")
            sources += x.sources
    if not reasons:
        return None
    return f"{who} — " + "; ".join(reasons), tuple(sources)
