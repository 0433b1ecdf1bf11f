"""Manufacturers the pack does not know: the IEEE registry names tens of thousands of them.

A make that names one of them ('Axis', 'Bosch Security Systems') is not evidence against any
vendor, but when the model or MAC points to a covered vendor it is a conflict a person must
review: a mislabelled row, an OEM relabel, or a pattern that caught the wrong maker.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from duediligence.identify.normalize import GENERIC_WORDS, LEGAL_FORMS, name_tokens
from duediligence.pack import cache as stored
from duediligence.pack import registry
from duediligence.pack.registry import registry_organisations, registry_stamp

# Keys shorter than this are too easily someone else's initials ('AB', 'HP' stay unmatched).
MIN_KEY_LEN = 3
# A registrant's first distinctive word also names it when at least this long: the registry
# has 'Hanwha Techwin Security Vietnam' but registers write 'Hanwha Vision'.
FIRST_WORD_MIN_LEN = 5


def distinctive_words(text: str) -> list[str]:
    return [t for t in name_tokens(text) if t not in GENERIC_WORDS and t not in LEGAL_FORMS]


def distinctive_key(text: str) -> str | None:
    """A name without generic words and legal forms anywhere: 'Axis Communications AB' -> 'axis'."""
    key = "".join(distinctive_words(text))
    return key if len(key) >= MIN_KEY_LEN else None


CACHE_KIND = "makers"


@cache
def _registry_index() -> dict[str, str]:
    """`_build_index()`, kept in the per-user cache: building it normalises every one of the
    registry's organisations, which costs more than the rest of start-up together.

    The entry is keyed by the registry file and the code that reads it (pack/registry.py),
    every source file of this stage (the normalisation the keys come from lives here) and the
    Python version (its Unicode tables), so any change to one of them builds it again.
    An entry that is not a mapping of text to text is built again too.
    """
    code = Path(__file__).parent
    reader = stored.tree_digest([(Path(registry.__file__).parent, "pack")], files="registry.py")
    key = stored.tree_digest(
        [(code, "identify")], sys.version, registry_stamp(), str(reader), files="*.py"
    )
    return stored.cached_json(CACHE_KIND, key, _an_index, _build_index)


def _an_index(found: object) -> bool:
    return isinstance(found, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in found.items()
    )


def _build_index() -> dict[str, str]:
    """Distinctive key (or long first word) -> one registered organisation (the shortest name)."""
    index: dict[str, str] = {}
    firsts: dict[str, str] = {}
    for org in sorted(registry_organisations(), key=lambda o: (len(o), o)):
        words = distinctive_words(org)
        key = "".join(words)
        if len(key) >= MIN_KEY_LEN:
            index.setdefault(key, org)
        if len(words) > 1 and len(words[0]) >= FIRST_WORD_MIN_LEN and not words[0].isdigit():
            firsts.setdefault(words[0], org)
    return {**firsts, **index}


def registered_maker(make: str) -> str | None:
    """The IEEE-registered organisation a make names, if its distinctive words are exactly one's."""
    key = distinctive_key(make)
    return _registry_index().get(key) if key else None
