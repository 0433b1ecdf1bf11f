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

from collections.abc import Callable
from datetime import date

from duediligence.evaluate.advisories import AdvisoryIndex, Exposure, describe
from duediligence.evaluate.coverage import covers, weakness, who
from duediligence.identify import weights
from duediligence.pack.entities import EquipmentCategory
from duediligence.pack.loader import Pack
from duediligence.pack.measures import Coverage, Measure, MeasureKind
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
        held = self._held(met, reviews)
        return self._naming_held(reviews, held, _weak_review, "confirm the maker", cite=False)

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
        would = self._applicable(attribution, category, exposures=exposures, settled=True)
        held = self._held(would, met)
        return self._naming_held(
            met, held, _producer_review, "establish who produced it", cite=True
        )

    def _held(self, would: Met, shown: Met) -> list[Measure]:
        """The buyer's measures in `would` that `shown` does not give, worst first."""
        given = {m.id for m, _, _ in shown}
        return sorted(
            (m for m, _, _ in would if m.id in self.binding and m.id not in given),
            key=lambda m: (-self._severity(m).rank, m.id),
        )

    def _naming_held(
        self,
        met: Met,
        held: list[Measure],
        review: Callable[[Coverage], bool],
        before: str,
        cite: bool,
    ) -> Met:
        """`met` with each review (a clause `review` holds) naming the measures it holds back, and
        dropped when it holds back none of the buyer's: nothing binding is nothing to review.
        `cite`: the review cites the held measures' sources too."""
        out: Met = []
        for measure, message, references in met:
            if any(review(clause) for clause in measure.covers):
                if not held:
                    continue
                pending = ", ".join(f"{m.id} ({self._severity(m).value})" for m in held)
                message += f"; {before} before acting on {pending}"
                if cite:
                    cited = (s for m in held for s in m.sources)
                    references = tuple(dict.fromkeys((*references, *cited)))
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
                    hit = covers(
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
        return f"{who(attribution.entity)} — " + "; ".join(reasons), tuple(sources)


def _weak_review(clause: Coverage) -> bool:
    return clause.weak


def _producer_review(clause: Coverage) -> bool:
    return clause.producer_unsettled


def _bearing(attribution: Attribution, weak: bool) -> tuple[object, ...]:
    """All `_covers` reads of an attribution: its maker, whether it is disputed, its
    conflicts, its relationship evidence, the kind its words say (`coverage.said_kinds`: only
    which kind, since no message quotes the words) and, under the floor, why it is weak."""
    via = tuple(
        (ev.matched, ev.explanation if ev.signal is Signal.RELATIONSHIP else None)
        for ev in attribution.evidence
        if ev.signal in (Signal.RELATIONSHIP, Signal.KIND)
    )
    why = weakness(attribution) if weak else None
    return (attribution.entity, attribution.disputed, attribution.conflicts, via, why)


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
