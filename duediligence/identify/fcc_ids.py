"""FCC IDs: the grantee code at the front of an FCC ID names the applicant that certified it."""

from __future__ import annotations

import re

from duediligence.pack.catalog import Catalog
from duediligence.results.findings import Evidence, Signal

_NOISE = re.compile(r"^\s*FCC\s*(?:ID)?\s*[:#]?\s*", re.IGNORECASE)
_FCC_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,18}$")


def grantee_code(text: str) -> str | None:
    """The grantee code of an FCC ID (or of a bare code), or None if the text is not one.

    Codes issued since May 2013 are five characters starting with '2' ('2ADTD-5604SD'); older
    ones are three ('YAMPD79XISU1'). A leading "FCC ID:" is ignored. Evidence
    depends only on the code, so rows whose FCC IDs share it share one attribution.
    """
    digits = _NOISE.sub("", text).strip().upper()
    if not _FCC_ID.match(digits):
        return None
    if digits.startswith("2"):
        return digits[:5] if len(digits) >= 5 else None
    return digits[:3]


class FccIdMatcher:
    """Attributes an FCC ID by the pack's grantee codes; exact codes only."""

    def __init__(self, catalog: Catalog) -> None:
        self._names = {e.id: e.name for e in catalog.entities.values()}
        self._grantees = catalog.grantees

    def match(self, text: str) -> tuple[Evidence, ...]:
        code = grantee_code(text)
        grantee = self._grantees.get(code) if code else None
        if grantee is None:
            return ()
        name = self._names[grantee.entity]
        who = "" if name == grantee.grantee else f"{name}; "
        said = (
            f"FCC grantee code {grantee.code} is held by '{grantee.grantee}'"
            f" ({who}sources {', '.join(grantee.sources)})"
        )
        return (Evidence(Signal.FCC_ID, grantee.code, grantee.entity, 100, said, grantee.grantee),)
