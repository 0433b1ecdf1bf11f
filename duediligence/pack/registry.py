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

SEARCHED = 16
"""Distinct OUIs looked up by a search of the stored lines before the whole table is built:
a register of a few makers asks for a handful, and building all 35,000 OUIs' lists costs
what ~30 searches do (docs/performance.md)."""

_HEX = frozenset("0123456789ABCDEF")
_TAB = "\t"

_searched: dict[str, tuple[str, ...]] = {}


def _key() -> str | None:
    return stored.tree_digest(
        [(Path(__file__).parent, "pack")], registry_stamp(), files=Path(__file__).name
    )


@cache
def _lines() -> str:
    """The registry as this module stores it in the per-user cache: a line an OUI, in the
    file's order, its six upper-case hex digits and each organisation after a tab, the text
    opening with a line break so that every OUI can be searched for as `\\nOUI\\t`.

    Read back, the entry is a sealed file of the user's own (pack/cache.py) whose text must
    decode and begin and end a line; each line's form is checked where it is read
    (`registrants_of`, `registrant_table`). Keyed by the registry file and this module's
    source, a new netaddr or a change here reads it again.
    """
    key = _key()
    raw = stored.read_entry(stored.cache_dir(), CACHE_KIND, key) if key else None
    if raw is not None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if text.startswith("\n") and text.endswith("\n"):
            return text
    return _stored(_read_registry())


def _stored(found: dict[str, list[str]]) -> str:
    """The lines of a registry just read, stored for the next run. An organisation holding a
    tab or a line break (none does) would not fit a line: such a registry is not stored, and
    is read from its file on every run."""
    text = "\n" + "".join(f"{p}\t{_TAB.join(orgs)}\n" for p, orgs in found.items())
    key = _key()
    if key and not any(c in org for orgs in found.values() for org in orgs for c in "\t\n\r"):
        stored.write_entry(stored.cache_dir(), CACHE_KIND, key, text.encode("utf-8"))
    return text


@cache
def registrant_table() -> dict[str, list[str]]:
    """OUI ('4419B6') -> its registrant organisations, in the registry file's order, from
    the stored lines; a line not of this module's form (six upper-case hex digits, then
    organisations, none empty) has the registry read from its file again and stored anew."""
    rows = [line.split("\t") for line in _lines()[1:-1].split("\n")]
    if not all(len(row) > 1 and len(row[0]) == 6 and _HEX.issuperset(row[0]) for row in rows):
        rows = []
    if not rows or not all(all(row) for row in rows):
        found = _read_registry()
        _stored(found)
        return found
    return {row[0]: row[1:] for row in rows}


def forget() -> None:
    """Forget what this process read of the registry (tests, after changing the cache)."""
    _lines.cache_clear()
    registrant_table.cache_clear()
    registry_organisations.cache_clear()
    _searched.clear()


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
    """The organisations of an OUI (six hex digits): searched for in the stored lines while
    few OUIs have been asked for, then taken from the whole table (`SEARCHED`)."""
    prefix = prefix.upper()
    found = _searched.get(prefix)
    if found is not None:
        return found
    if len(_searched) >= SEARCHED or registrant_table.cache_info().currsize:
        return tuple(registrant_table().get(prefix, ()))
    found = ()
    if len(prefix) == 6 and _HEX.issuperset(prefix):
        text = _lines()
        at = text.find(f"\n{prefix}\t")
        if at != -1:
            row = text[at + 1 : text.index("\n", at + 1)].split("\t")
            found = tuple(row[1:]) if all(row) else tuple(registrant_table().get(prefix, ()))
    _searched[prefix] = found
    return found


@cache
def registry_organisations() -> frozenset[str]:
    """Every MA-L organisation name in netaddr's copy of the IEEE registry (for pack checks)."""
    return frozenset(org for orgs in registrant_table().values() for org in orgs)
