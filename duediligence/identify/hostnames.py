"""Hostnames and device names: what whoever named a device on the network said it was.

'cam-DS2CD2143-lobby' carries a model number; 'dahua-cam-03' and 'HIK-NVR-01' carry a
vendor's name. Both are weaker than a make or model column (weights.HOSTNAME_MODEL and
HOSTNAME_NAME say why), and a name counts only as a whole word matching exactly.
"""

from __future__ import annotations

import re

from duediligence.identify import weights
from duediligence.identify.model_numbers import ModelMatcher
from duediligence.identify.names import NameMatcher
from duediligence.identify.normalize import name_tokens
from duediligence.pack.catalog import Catalog
from duediligence.results.findings import Evidence, Signal

_WORDS = re.compile(r"[\s._\-/\\:@]+")


class HostnameMatcher:
    """Model numbers and exact vendor names found in the words of a hostname."""

    def __init__(self, catalog: Catalog, names: NameMatcher, models: ModelMatcher) -> None:
        self._entities = {e.id: e.name for e in catalog.entities.values()}
        # Keyed as the name matcher keys them, to skip the words that are no name at once.
        self._keys = {
            "".join(name_tokens(text))
            for e in catalog.entities.values()
            for text in (e.name, *(n.name for n in e.names), *e.aliases)
        }
        self._names = names
        self._models = models

    def match(self, text: str) -> tuple[Evidence, ...]:
        """Evidence per entity, best first; a model outranks a name for the same entity."""
        text = text[: weights.FREE_TEXT_MAX_CHARS]
        found = {ev.entity: ev for ev in self._models.match(text, hostname=True)}
        score = round(100 * weights.HOSTNAME_NAME)
        for word in dict.fromkeys(_WORDS.split(text)):
            if "".join(name_tokens(word)) not in self._keys:
                continue
            for ev in self._names.match(word):
                if ev.score < 100 or ev.entity in found:
                    continue
                found[ev.entity] = Evidence(
                    Signal.NAME,
                    text,
                    ev.entity,
                    score,
                    f"hostname '{text}': the word '{word}' is the name '{ev.matched}'"
                    f" of {self._entities[ev.entity]}; a device's name says what"
                    " someone called it, so it counts as a hint",
                    ev.matched,
                )
        return tuple(sorted(found.values(), key=lambda e: -e.score))
