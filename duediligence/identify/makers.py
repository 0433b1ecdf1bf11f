"""Manufacturers the pack does not know: the IEEE registry names tens of thousands of them.

A make that names one of them ('Axis', 'Bosch Security Systems') is not evidence against any
vendor, but when the model or MAC points to a covered vendor it is a conflict a person must
review: a mislabelled row, an OEM relabel, or a pattern that caught the wrong maker.
"""

from __future__ import annotations

from functools import cache

from duediligence.identify.normalize import GENERIC_WORDS, LEGAL_FORMS, name_tokens
from duediligence.identify.oui import registry_organisations

# Keys shorter than this are too easily someone else's initials ('AB', 'HP' stay unmatched).
MIN_KEY_LEN = 3


def distinctive_key(text: str) -> str | None:
    """A name without generic words and legal forms anywhere: 'Axis Communications AB' -> 'axis'."""
    tokens = [t for t in name_tokens(text) if t not in GENERIC_WORDS and t not in LEGAL_FORMS]
    key = "".join(tokens)
    return key if len(key) >= MIN_KEY_LEN else None


@cache
def _registry_index() -> dict[str, str]:
    """Distinctive key -> one registered organisation name (the shortest, for a readable report)."""
    index: dict[str, str] = {}
    for org in sorted(registry_organisations(), key=lambda o: (len(o), o)):
        key = distinctive_key(org)
        if key is not None:
            index.setdefault(key, org)
    return index


def registered_maker(make: str) -> str | None:
    """The IEEE-registered organisation a make names, if its distinctive words are exactly one's."""
    key = distinctive_key(make)
    return _registry_index().get(key) if key else None
