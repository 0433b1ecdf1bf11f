"""What a person found when they checked the pack's facts against the sources they cite.

The loader checks that a fact cites a source and that its confidence is within what the
source's kind allows (pack/sourcing.py); only a person can check that the source shows the
fact. `reviews.yml` beside `pack.yml` records each such check as data: which facts (by the
key `rules audit` prints), the day, which sources were read, what they show, whether that is
the fact, and what was done. So a test can hold the bundled pack to it: every fact reviewed,
no review left behind by a fact since changed, and no fact surer than what its sources
were found to show.

A fact may be reviewed more than once (a later round reads a new source); the latest review
is the one that counts (of two on one day, the one later in the file). A fact removed after
review keeps its review, marked `removed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from duediligence.errors import PackError
from duediligence.pack.audit import AuditFact
from duediligence.pack.sources import Confidence

FILE_STEM = "reviews"


class Shown(StrEnum):
    """Whether the sources read show the fact."""

    YES = "yes"
    IN_PART = "in_part"
    """They show part of it (a date, a share, the tie but not its kind); `says` tells which."""
    NO = "no"
    NOT_AT_HAND = "not_at_hand"
    """The cited source could not be read (cited by description, no copy found)."""
    ELSEWHERE = "elsewhere"
    """The cited source was not re-read; other public material, named in `says`, shows the
    fact. A weaker finding than `yes`, counted apart in the record of the review."""


class Action(StrEnum):
    """What the review did to the fact."""

    KEPT = "kept"
    SOURCE_ADDED = "source_added"
    SOURCE_REPLACED = "source_replaced"
    CONFIDENCE_LOWERED = "confidence_lowered"
    CONFIDENCE_RAISED = "confidence_raised"
    CORRECTED = "corrected"
    """The fact itself was restated (a date, a type of tie) to what the source shows."""
    REMOVED = "removed"


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: list[str] = Field(min_length=1)
    """The facts' keys, as `rules audit` prints them (AuditFact.key)."""
    reviewed: date
    checked: list[str] = []
    """The cited source ids read for it; empty only when the finding is `elsewhere`."""
    shown: Shown
    says: str = Field(min_length=1)
    """What the sources show, in a line: enough for the next reviewer to find it again."""
    action: Action
    confidence: Confidence | None = None
    """The fact's confidence after the review, for the facts that carry one."""

    @model_validator(mode="after")
    def _read_something(self) -> Review:
        if not self.checked and self.shown is not Shown.ELSEWHERE:
            raise ValueError("checked: name the cited sources read (empty only for 'elsewhere')")
        return self


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reviews: list[Review] = []


def load_reviews(roots: Iterable[Path]) -> dict[str, Review]:
    """The latest review of each fact key, from `reviews.yml` in each pack directory that has
    one (later directories win a tie of dates, as later layers win)."""
    import yaml

    latest: dict[str, Review] = {}
    for root in roots:
        path = next(
            (p for p in (root / f"{FILE_STEM}.yml", root / f"{FILE_STEM}.yaml") if p.is_file()),
            None,
        )
        if path is None:
            continue
        try:
            parsed = ReviewFile.model_validate(yaml.safe_load(path.read_text("utf-8")) or {})
        except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as exc:
            raise PackError([f"{path}: {_first_line(exc)}"]) from None
        for review in parsed.reviews:
            for key in review.facts:
                held = latest.get(key)
                if held is None or held.reviewed <= review.reviewed:
                    latest[key] = review
    return latest


def _first_line(exc: Exception) -> str:
    """The first problem, where it is: 'reviews[3].shown: Input should be ...' for a
    validation error, the parser's first line otherwise."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
        return f"{where.lstrip('.') or 'reviews'}: {first['msg']}"
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def unreviewed(facts: Sequence[AuditFact], reviews: Mapping[str, Review]) -> list[AuditFact]:
    """The facts no review names, in pack order."""
    return [f for f in facts if f.key not in reviews]


def review_problems(facts: Sequence[AuditFact], reviews: Mapping[str, Review]) -> list[str]:
    """One line per review that no longer fits the pack: a fact gone that was not removed, a
    fact removed that is back, a confidence changed since the review, a source read that the
    fact no longer cites, or a fact held above `low` (or, without a confidence, held at all)
    that its sources were found not to show or could not be read to show.
    """
    by_key = {f.key: f for f in facts}
    problems = []
    for key, r in sorted(reviews.items()):
        fact = by_key.get(key)
        if fact is None:
            if r.action is not Action.REMOVED:
                problems.append(f"{key}: reviewed on {r.reviewed}, no longer in the pack")
            continue
        if r.action is Action.REMOVED:
            problems.append(f"{key}: removed on {r.reviewed}, but in the pack again")
            continue
        held = fact.confidence
        if r.confidence is not None and held is not None and r.confidence.value != held:
            problems.append(
                f"{key}: reviewed at {r.confidence.value!r} on {r.reviewed}, now {held!r}"
            )
        cited = {c.id for c in fact.citations}
        gone = [s for s in r.checked if s not in cited]
        if gone:
            problems.append(f"{key}: reviewed against {', '.join(gone)}, which it no longer cites")
        unshown = {Shown.NO: "found not to show it", Shown.NOT_AT_HAND: "not at hand to read"}
        if r.shown in unshown and held not in (None, Confidence.LOW.value):
            problems.append(
                f"{key}: its sources were {unshown[r.shown]} ({r.reviewed}), yet it is {held!r}"
            )
        if r.shown in unshown and held is None:
            problems.append(f"{key}: its sources were {unshown[r.shown]} ({r.reviewed})")
    return problems
