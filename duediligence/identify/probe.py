"""The vendor knowledge column mapping may ask for, answered from the rule pack and the IEEE
registry: the readers' `ContentProbe`, built here so that readers never know vendors."""

from __future__ import annotations

import re

from duediligence.identify.interface import Identifier
from duediligence.identify.makers import registered_maker

_MODEL_LIKE = re.compile(r"(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9][A-Za-z0-9./-]{3,}")
"""What follows a maker's name in a combined cell: 'P3245-LVE', not '4' ('Building 4')."""


class CatalogProbe:
    """Whether a cell names a maker or holds a model number, by the scan's own matchers.

    A value names a maker when a pack name or alias matches it (as a phrase inside longer
    text too: 'Hikvision DS-2CD2143G2-I'), or when it, or its first word, is an IEEE
    registrant's distinctive name ('Axis', 'Bosch Security Systems') followed by what looks
    like a model number ('Axis P3245-LVE'): the registry knows tens of thousands of makers the
    pack has no reason to list.
    """

    def __init__(self, identifier: Identifier) -> None:
        self._identifier = identifier

    def names_maker(self, value: str) -> bool:
        if self._identifier.name_evidence(value):
            return True
        if registered_maker(value) is not None:
            return True
        first, _, rest = value.strip().partition(" ")
        return bool(_MODEL_LIKE.fullmatch(rest)) and registered_maker(first) is not None

    def is_model(self, value: str) -> bool:
        return bool(self._identifier.model_evidence(value))
