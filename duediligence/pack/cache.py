"""A per-user cache of derived data, in JSON, keyed by a hash of everything it derives from.

Start-up pays for parsing YAML and checking the pack against the IEEE registry on every run,
though the pack rarely changes between runs. The loader keeps what it validated here and
reads it back through the same schema; nothing here is ever unpickled or executed. Caching
is an optimisation only: a cache directory that cannot be written, or an entry that cannot
be read, makes the caller do the full work again, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")

ENV_DIR = "DUEDILIGENCE_CACHE_DIR"
"""Where the cache lives, overriding the platform's per-user cache directory; empty: off."""

FORMAT = 1
"""Bumped whenever what an entry holds changes shape, so an older entry is never read."""

KEEP = 8
"""Entries kept per kind: one per pack (bundled alone, or with each set of `--rules`)."""


def cache_dir() -> Path | None:
    """The per-user cache directory, read from the environment when called; None: caching off.

    `DUEDILIGENCE_CACHE_DIR` wins (an empty value turns caching off); otherwise the
    platform's convention: `$XDG_CACHE_HOME` (absolute paths only, as the XDG base-directory
    specification says) or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%`
    on Windows, each with a `duediligence` folder.
    """
    if (chosen := os.environ.get(ENV_DIR)) is not None:
        return Path(chosen) if chosen else None
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"
    return base / "duediligence"


def tree_digest(roots: Sequence[tuple[Path, str]], *salt: str, files: str = "*") -> str | None:
    """SHA-256 over every file of every directory (path, size, bytes), labels and `salt`.

    `files` narrows which files count (a glob, searched in every folder below each root).

    Any change to any file, a file added or removed, a layer added, removed, reordered or
    relabelled gives another digest. None when a directory is missing or a file cannot be
    read: the caller then does the full work, which reports the problem if it is one.
    """
    digest = hashlib.sha256()
    _feed(digest, (str(FORMAT), *salt))
    try:
        for root, label in roots:
            if not root.is_dir():
                return None
            _feed(digest, ("layer", label))
            for path in sorted(p for p in root.rglob(files) if p.is_file()):
                data = path.read_bytes()
                _feed(digest, (path.relative_to(root).as_posix(), str(len(data))))
                digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def _feed(digest: hashlib._Hash, parts: Iterable[str]) -> None:
    """Length-prefixed, so no two different sequences of parts feed the same bytes."""
    for part in parts:
        raw = part.encode("utf-8", "surrogateescape")
        digest.update(b"%d:" % len(raw))
        digest.update(raw)


def entry_path(folder: Path, kind: str, key: str) -> Path:
    return folder / f"{kind}-{key}.json"


def read_entry(folder: Path | None, kind: str, key: str) -> bytes | None:
    """The bytes stored for `key`, or None when there are none or they cannot be read."""
    if folder is None:
        return None
    try:
        return entry_path(folder, kind, key).read_bytes()
    except OSError:
        return None


def write_entry(folder: Path | None, kind: str, key: str, data: bytes) -> None:
    """Store `data` for `key` atomically (a reader sees the old entry or the whole new one).

    Failure is silent: an unwritable cache costs speed, never a run. Older entries of the
    same kind beyond `KEEP` are removed, so editing a pack does not fill the disk.
    """
    if folder is None:
        return
    import tempfile  # only a run that writes the cache pays for its import

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, entry_path(folder, kind, key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(folder, kind)
    except OSError:
        return


def cached_json(
    kind: str, key: str | None, valid: Callable[[object], bool], build: Callable[[], T]
) -> T:
    """What `build` makes, read back from the per-user cache when an entry for `key` holds
    JSON that `valid` accepts (its shape checked, since the file is outside our control), else
    built and stored. `key` None (nothing to key on) always builds."""
    folder = cache_dir()
    raw = read_entry(folder, kind, key) if key else None
    if raw is not None:
        try:
            found: object = json.loads(raw)
        except ValueError:
            found = None
        if valid(found):
            return cast(T, found)
    made = build()
    if key:
        write_entry(folder, kind, key, json.dumps(made).encode())
    return made


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(
        folder.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
