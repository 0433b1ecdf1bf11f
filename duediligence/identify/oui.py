"""MAC addresses: the IEEE registrant of the OUI (netaddr's registry copy) names the maker."""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from duediligence.findings import Evidence, Signal
from duediligence.pack import cache as stored
from duediligence.pack.catalog import Catalog

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


def registrants(mac: str) -> tuple[str, ...]:
    """IEEE MA-L registrant organisations of a MAC's OUI; empty if unregistered."""
    return _registrants(mac[:6])


def registry_file() -> Path:
    """netaddr's copy of the IEEE MA-L registry (`netaddr/eui/oui.txt`), found without
    importing netaddr: its OUI index takes longer to load than this module reads the file."""
    spec = find_spec("netaddr")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        raise ModuleNotFoundError("netaddr is not installed", name="netaddr")
    return Path(next(iter(folders))) / "eui" / "oui.txt"


def registry_stamp() -> str:
    """Which registry file this is (path, size, modification time), for cache keys.

    Reading all 5 MB to hash them would cost more than the cache saves; installing another
    netaddr rewrites the file, which changes its size or time.
    """
    path = registry_file()
    try:
        stat = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


CACHE_KIND = "registry"


@cache
def _registry() -> dict[str, list[str]]:
    """OUI ('4419B6') -> its registrant organisations, kept in the per-user cache.

    Read back, the entry is held to its shape (text keys, lists of text); keyed by the
    registry file and this module's source, a new netaddr or a change here reads it again.
    """
    key = stored.tree_digest(
        [(Path(__file__).parent, "identify")], registry_stamp(), files=Path(__file__).name
    )
    return stored.cached_json(CACHE_KIND, key, _a_registry, _read_registry)


def _a_registry(found: object) -> bool:
    return isinstance(found, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(o, str) for o in v)
        for k, v in found.items()
    )


def _read_registry() -> dict[str, list[str]]:
    """One pass over the registry file, each OUI's organisations in file order.

    Read as netaddr reads a record: each '(hex)' line opens one, and the organisation is
    what follows its second word ('44-19-B6   (hex)\t\tHangzhou Hikvision ...'). Only those
    lines are read; the postal addresses between them are skipped.
    """
    data = registry_file().read_bytes()
    found: dict[str, list[str]] = {}
    at = data.find(b"(hex)")
    while at != -1:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end == -1 else end
        words = data[start:end].decode("utf-8", errors="replace").strip().split(None, 2)
        if len(words) == 3:
            prefix = f"{int(words[0].replace('-', ''), 16):06X}"
            found.setdefault(prefix, []).append(words[2])
        at = data.find(b"(hex)", end)
    return found


def _registrants(prefix: str) -> tuple[str, ...]:
    return tuple(_registry().get(prefix.upper(), ()))


@cache
def registry_organisations() -> frozenset[str]:
    """Every MA-L organisation name in netaddr's copy of the IEEE registry (for pack checks)."""
    return frozenset(org for orgs in _registry().values() for org in orgs)


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
        for org in _registrants(prefix):
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
            registered = (p for p, orgs in _registry().items() if any(o in known for o in orgs))
            self._naming = frozenset(self._prefixes).union(registered)
        return self._naming

    def _evidence(self, oui: str, entity: str, org: str) -> Evidence:
        said = f"MAC {oui} is registered with the IEEE to '{org}' ({self._names[entity]})"
        return Evidence(Signal.MAC, oui, entity, 100, said, org)
