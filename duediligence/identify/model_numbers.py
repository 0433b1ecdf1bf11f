"""Model numbers: the pack's anchored patterns, tried on the whole value and on each word of it."""

from __future__ import annotations

from duediligence.findings import Evidence, Signal
from duediligence.identify import weights
from duediligence.identify.normalize import model_key
from duediligence.pack.catalog import Catalog, CompiledPattern


class ModelMatcher:
    """Finds model numbers of known vendors in a model field or a free-text description."""

    def __init__(self, catalog: Catalog) -> None:
        self._patterns: tuple[CompiledPattern, ...] = catalog.patterns
        self._names = {e.id: e.name for e in catalog.entities.values()}

    def match(self, text: str) -> tuple[Evidence, ...]:
        """Evidence per entity whose pattern matches, best first.

        The whole value is tried first, then each word, so "4MP Dome DS-2CD2143G2-IS 2.8mm"
        still yields DS-2CD2143G2-IS. Patterns are anchored at the start of a word.
        """
        key = model_key(text)
        if not key:
            return ()
        candidates = [key]
        if " " in key:
            candidates += [w.strip("()[],;:") for w in key.split(" ")]
        found: dict[str, Evidence] = {}
        for candidate in candidates:
            if not candidate:
                continue
            for p in self._patterns:
                if p.spec.entity in found or not p.match(candidate):
                    continue
                score = round(100 * weights.CONFIDENCE_WEIGHT[p.spec.confidence])
                found[p.spec.entity] = Evidence(
                    Signal.MODEL,
                    text,
                    p.spec.entity,
                    score,
                    f"model '{candidate}' matches the {self._names[p.spec.entity]} pattern"
                    f" {p.spec.pattern} ({p.spec.description}; pack entry {p.spec.id})",
                    p.spec.id,
                )
        return tuple(sorted(found.values(), key=lambda e: -e.score))
