"""MAC addresses: the IEEE registrant of the OUI (netaddr's registry copy) names the maker."""

from __future__ import annotations

import re

from duediligence.pack.catalog import Catalog
from duediligence.pack.registry import registrant_table, registrants_of
from duediligence.results.findings import Evidence, Signal

_SEPARATORS = re.compile(r"[\s:\-.]")
# ASCII hex checked before upper-casing: 'ﬀ'.upper() is 'FF', and 'ﬀﬀﬀﬀﬀﬀ' is not a MAC.
_HEX12 = re.compile(r"[0-9A-Fa-f]{12}")
_MAC_OR_OUI = re.compile(r"[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{6})?")


def parse_mac(text: str) -> str | None:
    """Twelve upper-case hex digits from any common notation, or None if it is not a MAC.

    Accepts 44:19:B6:12:34:56, 44-19-b6-12-34-56, 4419.b612.3456 and 4419B6123456.
    """
    digits = _SEPARATORS.sub("", text)
    return digits.upper() if _HEX12.fullmatch(digits) else None


def is_locally_administered(mac: str) -> bool:
    """Randomised or locally assigned MACs (second hex digit 2, 6, A or E) name no vendor."""
    return bool(int(mac[1], 16) & 0x2)


def oui_key(text: str) -> str | None:
    """The part of a MAC that can name a vendor ('44:19:B6'), or None if none can.

    Accepts a whole MAC or just its OUI. Evidence depends only on this, so rows whose MACs
    differ only in the device part share one attribution.
    """
    digits = _SEPARATORS.sub("", text)
    if not _MAC_OR_OUI.fullmatch(digits) or is_locally_administered(digits):
        return None
    return oui_text(digits.upper())


def oui_text(mac: str) -> str:
    return f"{mac[0:2]}:{mac[2:4]}:{mac[4:6]}"


class OuiMatcher:
    """Attributes a MAC by its OUI: a prefix listed in the pack, or a registrant the pack knows."""

    def __init__(self, catalog: Catalog) -> None:
        self._names = {e.id: e.name for e in catalog.entities.values()}
        self._prefixes = {o.prefix.replace(":", ""): o for o in catalog.ouis.values()}
        self._registrants = {org: e.id for e in catalog.entities.values() for org in e.registrants}
        self._naming: frozenset[str] | None = None

    def match(self, text: str) -> tuple[Evidence, ...]:
        """Evidence from a MAC (or just its OUI); the evidence names the OUI, not the device."""
        key = oui_key(text)
        if key is None:
            return ()
        prefix = key.replace(":", "")
        listed = self._prefixes.get(prefix)
        if listed is not None:
            return (self._evidence(key, listed.entity, listed.registrant),)
        for org in registrants_of(prefix):
            entity = self._registrants.get(org)
            if entity is not None:
                return (self._evidence(key, entity, org),)
        return ()

    def naming(self) -> frozenset[str]:
        """Every OUI, as six upper-case hex digits, that `match` finds evidence for: listed in
        the pack, or registered to an organisation the pack knows. A scan tests a column of
        MACs against it at once rather than match each OUI (built on first use)."""
        if self._naming is None:
            known = self._registrants
            registered = (
                p for p, orgs in registrant_table().items() if any(o in known for o in orgs)
            )
            self._naming = frozenset(self._prefixes).union(registered)
        return self._naming

    def _evidence(self, oui: str, entity: str, org: str) -> Evidence:
        said = f"MAC {oui} is registered with the IEEE to '{org}' ({self._names[entity]})"
        return Evidence(Signal.MAC, oui, entity, 100, said, org)
