"""The IEEE MA-L registry as netaddr ships it: which organisations registered each OUI.

Reference data, read here beside the pack: the pack loader checks every registrant the pack
names against it, and identification (identify/oui.py) attributes a MAC through it. Kept in
`pack/`, which identification may import, so that the loader need not import identify.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path

from duediligence.pack import cache as stored


def registrants(mac: str) -> tuple[str, ...]:
    """IEEE MA-L registrant organisations of a MAC's OUI; empty if unregistered."""
    return registrants_of(mac[:6])


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
def registrant_table() -> dict[str, list[str]]:
    """OUI ('4419B6') -> its registrant organisations, kept in the per-user cache.

    Read back, the entry is held to its shape (text keys, lists of text); keyed by the
    registry file and this module's source, a new netaddr or a change here reads it again.
    """
    key = stored.tree_digest(
        [(Path(__file__).parent, "pack")], registry_stamp(), files=Path(__file__).name
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


def registrants_of(prefix: str) -> tuple[str, ...]:
    return tuple(registrant_table().get(prefix.upper(), ()))


@cache
def registry_organisations() -> frozenset[str]:
    """Every MA-L organisation name in netaddr's copy of the IEEE registry (for pack checks)."""
    return frozenset(org for orgs in registrant_table().values() for org in orgs)
