"""What each group of rows says, as the columns `attribute` adds: a scan's groups, and for
clean groups the attribution a scan does not keep.

A scan keeps a judgment only for rows some rule names; a frame's row wants its maker even
when nothing binds, so the judge here remembers each clean group's attribution too (it is
memoised by the identifier: asking again costs a lookup).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from duediligence.evaluate.engine import Evaluator
from duediligence.evaluate.groups import CLEAN, FLAGGED, Group, Signalled
from duediligence.evaluate.judge import Judge
from duediligence.identify.interface import Identifier
from duediligence.results.assets import DateOrder, Field
from duediligence.results.findings import Attribution, Judgment

COLUMNS = (
    "dd_entity",
    "dd_entity_name",
    "dd_group",
    "dd_confidence",
    "dd_severity",
    "dd_rules",
    "dd_flagged",
    "dd_explanation",
)
"""The columns `attribute` adds, in this order."""


@dataclass(frozen=True, slots=True)
class RowAnswer:
    """One group's values for the columns `attribute` adds (COLUMNS)."""

    entity: str | None
    entity_name: str | None
    group: str | None
    confidence: float | None
    severity: str | None
    rules: tuple[str, ...]
    flagged: bool
    explanation: str


class FrameJudge(Judge):
    """A scan's judge that also remembers the attribution of each clean group."""

    def __init__(
        self,
        identifier: Identifier,
        evaluator: Evaluator,
        as_of: date,
        dates: dict[Field, DateOrder],
    ) -> None:
        super().__init__(identifier, evaluator, as_of)
        self._date_orders = (dates.get(Field.PURCHASED), dates.get(Field.INSTALLED))
        self.clean: dict[int, Attribution] = {}
        self.answers: list[RowAnswer] = []

    def judge(self, same: Signalled, when: date | None) -> Group:
        group = super().judge(same, when)
        if group.kind == CLEAN:
            found = self.identifier.attribute_keyed(
                same.keyed, when or self.as_of, dated=when is not None
            )
            if found is not None:
                self.clean[group.index] = found
        return group

    def answered(self) -> list[RowAnswer]:
        """Each group's answer, in group order (extended for the groups judged since)."""
        for group in self.groups[len(self.answers) :]:
            self.answers.append(self._answer(group))
        return self.answers

    def _answer(self, group: Group) -> RowAnswer:
        if group.kind == FLAGGED:
            return _judged(self.judgments[group.judgment])
        if group.kind == CLEAN and group.index in self.clean:
            return _attributed(self.clean[group.index], (), None, "nothing the profile binds")
        return RowAnswer(None, None, None, None, None, (), False, group.reason)


def _judged(judgment: Judgment) -> RowAnswer:
    hits = judgment.hits
    rules = tuple(h.rule_id for h in hits)
    if hits:
        said = "binding: " + ", ".join(f"{h.rule_id} ({h.severity.value})" for h in hits)
    else:
        said = "nothing the profile binds"
    if judgment.elsewhere:
        said += "; also restricted in: " + ", ".join(judgment.elsewhere)
    return _attributed(judgment.attribution, rules, judgment.worst.value if hits else None, said)


def _attributed(
    attribution: Attribution, rules: tuple[str, ...], severity: str | None, said: str
) -> RowAnswer:
    entity = attribution.entity
    why = "; ".join(e.explanation for e in attribution.evidence)
    conflicts = "".join(f"; conflict: {c}" for c in attribution.conflicts)
    return RowAnswer(
        entity.id,
        entity.name,
        entity.group,
        attribution.confidence,
        severity,
        rules,
        bool(rules),
        f"{entity.name}: {why}{conflicts} — {said}",
    )
