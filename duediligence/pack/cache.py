"""A per-user cache of derived data, in JSON, keyed by a hash of everything it derives from.

Start-up pays for parsing YAML and checking the pack against the IEEE registry on every run,
though the pack rarely changes between runs. The loader keeps what it validated here and
reads it back through the same schema; nothing here is ever unpickled or executed. Caching
is an optimisation only: a cache directory that cannot be written, or an entry that cannot
be read, makes the caller do the full work again, never an error.

Each entry is sealed: a first line naming its kind, its key and the SHA-256 of both and of
its data. An entry cut short, damaged on disk, edited by hand, or copied under another key
fails its seal and is ignored; so is one that another user owns or could write.
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

FORMAT = 2
"""Bumped whenever what an entry holds changes shape, so an older entry is never read."""

SEAL = b"duediligence-cache"
"""The first word of every entry's first line."""

KEEP = 8
"""Entries kept per kind: one per pack (bundled alone, or with each set of `--rules`)."""


def cache_dir() -> Path | None:
    """The per-user cache directory, read from the environment when called; None: caching off.

    `DUEDILIGENCE_CACHE_DIR` wins (an empty value turns caching off); otherwise the
    platform's convention: `$XDG_CACHE_HOME` (absolute paths only, as the XDG base-directory
    specification says) or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%`
    on Windows, each with a `duediligence` folder. None as well when there is no home to
    find (a service account without one): a run then loads cold, as it would without a cache.
    """
    if (chosen := os.environ.get(ENV_DIR)) is not None:
        return Path(chosen) if chosen else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if sys.platform not in ("win32", "darwin") and os.path.isabs(xdg):
        return Path(xdg) / "duediligence"
    if sys.platform == "win32" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "duediligence"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no password entry: no cache
        return None
    if sys.platform == "win32":
        base = home / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = home / ".cache"
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
    """The data stored for `key`, or None when there are none, they cannot be read, their
    seal does not match them, or the file is not the user's own (see `_owned`)."""
    if folder is None:
        return None
    try:
        with entry_path(folder, kind, key).open("rb") as stored:
            if not _owned(os.fstat(stored.fileno())):
                return None
            raw = stored.read()
    except OSError:
        return None
    head, newline, data = raw.partition(b"\n")
    if not newline or head != _seal_line(kind, key, data):
        return None
    return data


def sealed(kind: str, key: str, data: bytes) -> bytes:
    """`data` as an entry stores it: after the line that seals it to its kind and key."""
    return _seal_line(kind, key, data) + b"\n" + data


def _seal_line(kind: str, key: str, data: bytes) -> bytes:
    digest = hashlib.sha256()
    _feed(digest, (str(FORMAT), kind, key))
    digest.update(data)
    return b"%s %d %s %s %s" % (
        SEAL,
        FORMAT,
        kind.encode("utf-8", "surrogateescape"),
        key.encode("utf-8", "surrogateescape"),
        digest.hexdigest().encode("ascii"),
    )


def _owned(found: os.stat_result) -> bool:
    """Whether an entry may be trusted as the user's own: on POSIX systems, owned by this
    user and writable by no one else (the folder is made 0700 and entries 0600, so anything
    else was put there or loosened by someone). Windows keeps per-user folders private."""
    if not hasattr(os, "geteuid"):
        return True
    return found.st_uid == os.geteuid() and not found.st_mode & 0o022


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
                out.write(sealed(kind, key, data))
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
