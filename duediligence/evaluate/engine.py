"""Evaluate rules: an attributed asset, the profile's measures and the as-of date give findings.

Every measure in effect is evaluated, so a report can say where else a vendor is restricted;
each finding is then sorted into what binds the buyer (the profile's measures) and what binds
someone else. With no profile chosen only the due-diligence risks (`kind: risk`) bind, at
their default severities: they come from no jurisdiction and only ever ask to mitigate, so
a scan without a profile borrows no jurisdiction's action, deadline or gate severity.

An attribution under the confidence floor (identify/weights.py ATTRIBUTION_FLOOR: a supplier
alone, a name in a hostname, a low-confidence tie) meets only the review rules: no ban,
listing or ownership risk rests on a hint. The weak-attribution review says the confidence,
why it is weak, and which of the buyer's rules would apply once the maker is confirmed.

Pure and memoised per distinct attribution: a million rows of the same camera cost one
evaluation. Rules never parse strings; they read the attribution.
"""

from __future__ import annotations

from datetime import date

from duediligence.evaluate.advisories import AdvisoryIndex, Exposure, describe
from duediligence.identify import weights
from duediligence.pack.catalog import Catalog
from duediligence.pack.dates import first_day
from duediligence.pack.entities import EquipmentCategory
from duediligence.pack.loader import Pack
from duediligence.pack.measures import Coverage, Measure, MeasureKind
from duediligence.pack.sources import Confidence
from duediligence.results.findings import Attribution, Hit, Severity, Signal

Verdict = tuple[tuple[Hit, ...], tuple[Hit, ...]]
"""(the rules that bind the buyer, worst first; the others that name the vendor, by
jurisdiction)."""

Met = list[tuple[Measure, str, tuple[str, ...]]]
"""The measures an attribution meets, each with its message and references."""


def binding_measures(pack: Pack, profile: str | None) -> list[Measure]:
    """The measures that bind a buyer: its profile's, or with no profile the due-diligence
    risks (see the module's docstring)."""
    if profile is None:
        return [m for m in pack.measures.values() if m.kind is MeasureKind.RISK]
    return pack.profile_measures(profile)


class Evaluator:
    """Turns attributions into the rules they meet, for one buyer (or none) on one date."""

    def __init__(self, pack: Pack, profile: str | None, as_of: date) -> None:
        self.pack = pack
        self.profile = profile
        self.as_of = as_of
        self.binding = frozenset(m.id for m in binding_measures(pack, profile))
        self.measures = [m for m in pack.measures.values() if m.in_effect(as_of)]
        self._categories = {p.spec.id: p.spec.category for p in pack.catalog.patterns}
        self._memo: dict[tuple[Attribution, bool, tuple[Exposure, ...]], Verdict] = {}
        self._verdicts: dict[tuple[object, ...], Verdict] = {}
        self.advisories = AdvisoryIndex(pack.advisories)
        chosen = pack.profiles.get(profile) if profile is not None else None
        self._deadlines = chosen is not None and chosen.advisory_deadlines
        """Whether the advisories' due dates are the buyer's deadlines (BOD 22-01)."""

    def hits(self, attribution: Attribution, dated: bool = False) -> tuple[Hit, ...]:
        """The rules that bind, worst first (`judge` gives the others too)."""
        return self.judge(attribution, dated)[0]

    def judge(
        self, attribution: Attribution, dated: bool = False, exposures: tuple[Exposure, ...] = ()
    ) -> Verdict:
        """The rules the attribution meets: those that bind, worst first, and those that bind
        someone else, by jurisdiction.

        `dated`: the row gave a purchase or install date and the attribution was judged on it,
        which the message must say when the group was reached through a dated relationship.
        `exposures`: the advisories the row's model and firmware fall in (`self.advisories`).
        """
        key = (attribution, dated, exposures)
        found = self._memo.get(key)
        if found is None:
            category = self._category(attribution)
            note = _ownership_note(attribution) if dated else ""
            weak = attribution.confidence < weights.ATTRIBUTION_FLOOR
            # The findings follow from what the clauses read of the attribution: attributions
            # that differ only in evidence no clause reads share them, built once.
            bearing = (*_bearing(attribution, weak), category, weak, note, exposures)
            found = self._verdicts.get(bearing)
            if found is None:
                met = self._applicable(attribution, category, exposures=exposures)
                if weak:
                    met = self._under_floor(attribution, category, met)
                elif self.pack.catalog.entities[attribution.entity.id].producer_unsettled:
                    met = self._unsettled(attribution, category, met, exposures)
                found = self._verdicts[bearing] = self._verdict(met, note, exposures)
            self._memo[key] = found
        return found

    def _verdict(self, met: Met, note: str, exposures: tuple[Exposure, ...]) -> Verdict:
        """The findings of the measures met, sorted into those that bind and the others."""
        hits = [
            (
                measure.id in self.binding,
                Hit(
                    rule_id=measure.id,
                    severity=self._severity(measure),
                    jurisdiction=measure.jurisdiction,
                    message=message + note,
                    recommended_action=measure.recommended_action,
                    references=references,
                    patch_by=self._patch_by(measure, exposures),
                    cves=self._cves(measure, exposures),
                ),
            )
            for measure, message, references in met
        ]
        return (
            tuple(sorted((h for b, h in hits if b), key=lambda h: (-h.severity.rank, h.rule_id))),
            tuple(
                sorted(
                    (h for b, h in hits if not b),
                    key=lambda h: (h.jurisdiction or "~", -h.severity.rank, h.rule_id),
                )
            ),
        )

    def _patch_by(self, measure: Measure, exposures: tuple[Exposure, ...]) -> str | None:
        """The earliest due date of the row's advisories, when those dates bind the buyer."""
        if not self._deadlines or not any(c.known_exploited for c in measure.covers):
            return None
        dues = [self.pack.advisories[e.advisory].due for e in exposures]
        return min(dues).isoformat() if dues else None

    def _cves(self, measure: Measure, exposures: tuple[Exposure, ...]) -> tuple[str, ...]:
        """The CVE ids of the row's advisories, for the known-exploited rule's hit."""
        if not any(c.known_exploited for c in measure.covers):
            return ()
        found = (cve for e in exposures for cve in self.pack.advisories[e.advisory].cves)
        return tuple(dict.fromkeys(found))

    def _severity(self, measure: Measure) -> Severity:
        """The profile's rating of a measure; with no profile, the pack's default."""
        return measure.severity_for(self.profile or "default")

    def _category(self, attribution: Attribution) -> EquipmentCategory | None:
        """The equipment category a matched model pattern implies, if any."""
        for ev in attribution.evidence:
            if ev.signal is Signal.MODEL and ev.matched in self._categories:
                return self._categories[ev.matched]
        return None

    def _under_floor(
        self, attribution: Attribution, category: EquipmentCategory | None, met: Met
    ) -> Met:
        """Only the review rules, for an attribution under the confidence floor.

        `met` is what the attribution would meet were it sure. The weak-attribution review
        names the buyer's rules among them, worst first, and is given only when one of them
        binds: a hint towards a maker no rule of the buyer's names is nothing to review.
        """
        reviews = self._applicable(attribution, category, weak=True)
        shown = {m.id for m, _, _ in reviews}
        held = sorted(
            (m for m, _, _ in met if m.id in self.binding and m.id not in shown),
            key=lambda m: (-self._severity(m).rank, m.id),
        )
        out: Met = []
        for measure, message, references in reviews:
            if any(clause.weak for clause in measure.covers):
                if not held:
                    continue
                pending = ", ".join(f"{m.id} ({self._severity(m).value})" for m in held)
                message += f"; confirm the maker before acting on {pending}"
            out.append((measure, message, references))
        return out

    def _unsettled(
        self,
        attribution: Attribution,
        category: EquipmentCategory | None,
        met: Met,
        exposures: tuple[Exposure, ...],
    ) -> Met:
        """The producer review, for a maker whose brand's country no source ties to the
        company that produced the device (Entity.producer_unsettled).

        The review names the buyer's measures that would apply were the producer of the
        brand's country, worst first, and is given only when one of them binds: a measure the
        buyer is not bound by is nothing to establish.
        """
        shown = {m.id for m, _, _ in met}
        would = self._applicable(attribution, category, exposures=exposures, settled=True)
        held = sorted(
            (m for m, _, _ in would if m.id in self.binding and m.id not in shown),
            key=lambda m: (-self._severity(m).rank, m.id),
        )
        out: Met = []
        for measure, message, references in met:
            if any(clause.producer_unsettled for clause in measure.covers):
                if not held:
                    continue
                pending = ", ".join(f"{m.id} ({self._severity(m).value})" for m in held)
                message += f"; establish who produced it before acting on {pending}"
                references = tuple(
                    dict.fromkeys((*references, *(s for m in held for s in m.sources)))
                )
            out.append((measure, message, references))
        return out

    def _applicable(
        self,
        attribution: Attribution,
        category: EquipmentCategory | None,
        weak: bool = False,
        exposures: tuple[Exposure, ...] = (),
        settled: bool = False,
    ) -> Met:
        """The measures the attribution meets. `judge` calls it once per bearing (maker,
        dispute, ties, weakness, exposures), not once per attribution, and memoises the rest."""
        out = []
        for measure in self.measures:
            for clause in measure.covers:
                if clause.known_exploited:
                    hit = self._exploited(attribution, weak, exposures)
                else:
                    hit = _covers(
                        clause, attribution, category, self.pack.catalog, self.as_of, weak, settled
                    )
                if hit is not None:
                    reason, sources = hit
                    label = (
                        f"[{measure.jurisdiction}] "
                        if measure.jurisdiction and measure.kind is MeasureKind.MEASURE
                        else ""
                    )
                    references = tuple(dict.fromkeys((*measure.sources, *sources)))
                    out.append((measure, f"{label}{measure.title}: {reason}", references))
                    break
        return out

    def _exploited(
        self, attribution: Attribution, weak: bool, exposures: tuple[Exposure, ...]
    ) -> tuple[str, tuple[str, ...]] | None:
        """Why the known-exploited clause covers the row: each advisory it falls in, with
        its CVEs, due date, fixed version and how the firmware reads. A weak or disputed
        attribution meets it not: an advisory of a group is no ground where the group is a
        hint."""
        if not exposures or weak or attribution.disputed:
            return None
        reasons: list[str] = []
        sources: list[str] = []
        for exposure in exposures:
            advisory = self.pack.advisories[exposure.advisory]
            models = next(m for m in advisory.models if m.id == exposure.models)
            reasons.append(describe(exposure, advisory, models))
            sources += [*advisory.sources, *models.sources]
            # Each mitigation is a sentence of its own, some with a ';' inside.
            mitigations = " ".join(advisory.mitigations)
            reasons[-1] += f"; until patched: {mitigations}"
        ref = attribution.entity
        who = ref.name if ref.id == ref.group else f"{ref.name} ({ref.group_name} group)"
        return f"{who} — " + "; ".join(reasons), tuple(sources)


def _bearing(attribution: Attribution, weak: bool) -> tuple[object, ...]:
    """All `_covers` reads of an attribution: its maker, whether it is disputed, its
    conflicts, its relationship evidence and, under the floor, why it is weak."""
    via = tuple(
        (ev.matched, ev.explanation)
        for ev in attribution.evidence
        if ev.signal is Signal.RELATIONSHIP
    )
    weakness = _weakness(attribution) if weak else None
    return (attribution.entity, attribution.disputed, attribution.conflicts, via, weakness)


def _ownership_note(attribution: Attribution) -> str:
    """When the group was reached through a dated relationship judged on the purchase date, say so.

    A Lorex camera bought in 2020 is covered because Dahua owned Lorex then; the finding must
    state that fact, since Lorex is not Dahua's today. The row holds the date itself.
    """
    e = attribution.entity
    if e.id == e.group or not any(ev.signal is Signal.RELATIONSHIP for ev in attribution.evidence):
        return ""
    return (
        f" (judged on the date the row gives for purchase or installation:"
        f" {e.name} then belonged to the {e.group_name} group)"
    )


def _weakness(attribution: Attribution) -> str:
    """Why an attribution under the floor is weak, in the words of its own evidence.

    A tie walked at low confidence scores CONFIDENCE_WEIGHT[low] (combine.py); a supplier
    alone says who sold the item; anything else under the floor is a hint (a name in a
    hostname, a low-confidence pattern), whose evidence says so.
    """
    low = round(100 * weights.CONFIDENCE_WEIGHT[Confidence.LOW])
    ties = [
        ev.explanation
        for ev in attribution.evidence
        if ev.signal is Signal.RELATIONSHIP and ev.score <= low
    ]
    direct = [ev for ev in attribution.evidence if ev.signal is not Signal.RELATIONSHIP]
    said = "; ".join(ev.explanation for ev in direct)
    if ties:
        why = "through a low-confidence tie: " + "; ".join(ties)
    elif direct and all(ev.signal is Signal.SUPPLIER for ev in direct):
        why = f"only the supplier names the group ({said})"
    else:
        why = f"on hints alone ({said})"
    return (
        f"attributed at confidence {attribution.confidence:.2f}"
        f" (under the {weights.ATTRIBUTION_FLOOR} floor for a ban) {why}"
    )


def _covers(
    clause: Coverage,
    attribution: Attribution,
    category: EquipmentCategory | None,
    catalog: Catalog,
    as_of: date,
    weak: bool = False,
    settled: bool = False,
) -> tuple[str, tuple[str, ...]] | None:
    """Why this clause covers the attribution (reason, extra sources), or None if it does not.

    Every field the clause sets must match. An equipment list excludes an asset only when its
    category is known: not knowing what a device is never clears it. A clause that must
    `establish` a fact the register lacks (where a router or drone was produced) applies to a
    device known to be of its category, from the model pattern or a maker that makes nothing
    else, and asks for review rather than passing the device. A `weak` attribution (under
    the confidence floor) meets only the review clauses, `weak` and `conflicting`. A maker
    whose producer is unsettled (Entity.producer_unsettled) meets a `countries` clause only
    when it judges by brand, and the `producer_unsettled` review otherwise; `settled` reads
    the clauses as if the producer were of the brand's country, for that review to name them.
    """
    ref = attribution.entity
    entity = catalog.entities[ref.id]
    group = catalog.entities[ref.group]
    who = ref.name if ref.id == ref.group else f"{ref.name} ({ref.group_name} group)"
    reasons: list[str] = []
    sources: list[str] = []
    if clause.equipment and category is not None and category not in clause.equipment:
        return None
    if attribution.disputed and not clause.conflicting:
        return None  # a pattern the make contradicts names the group: review only
    if weak and not (clause.weak or clause.conflicting):
        return None  # under the confidence floor: review only
    if clause.weak:
        if not weak:
            return None
        reasons.append(_weakness(attribution))
    if clause.conflicting:
        if not attribution.conflicts:
            return None
        reasons.append("signals disagree: " + "; ".join(attribution.conflicts))
    if clause.establish is not None:
        kind = category or (entity.categories[0] if len(entity.categories) == 1 else None)
        if kind is None or kind not in clause.equipment:
            return None  # only a device known to be of the category; the entry is the category
        reasons.append(
            f"the device is {kind.value.replace('_', ' ')} equipment; the register does not say"
            f" {clause.establish.phrase}: establish it before treating the device as clear"
        )
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
    if clause.producer_unsettled:
        if entity.producer_unsettled is None or settled:
            return None
        reasons.append(f"the brand is from {entity.country}, but {entity.producer_unsettled}")
    if clause.countries:
        if entity.country not in clause.countries:
            return None
        if entity.producer_unsettled is not None and not (clause.brands or settled):
            return None  # the clause turns on the producer, which no source settles
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
