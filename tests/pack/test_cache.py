import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.pack import cache

HOME = Path("/home/someone")


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        pytest.param("linux", {}, HOME / ".cache/duediligence", id="linux-default"),
        pytest.param(
            "linux",
            {"XDG_CACHE_HOME": "/var/cache/me"},
            Path("/var/cache/me/duediligence"),
            id="xdg",
        ),
        pytest.param(
            "linux",
            {"XDG_CACHE_HOME": "relative/cache"},
            HOME / ".cache/duediligence",
            id="relative-xdg-is-ignored",
        ),
        pytest.param("darwin", {}, HOME / "Library/Caches/duediligence", id="macos"),
        pytest.param(
            "win32",
            {"LOCALAPPDATA": "/appdata/local"},
            Path("/appdata/local/duediligence"),
            id="windows",
        ),
        pytest.param(
            "linux",
            {"DUEDILIGENCE_CACHE_DIR": "/tmp/dd", "XDG_CACHE_HOME": "/var/cache/me"},
            Path("/tmp/dd"),
            id="own-variable-wins",
        ),
        pytest.param("linux", {"DUEDILIGENCE_CACHE_DIR": ""}, None, id="empty-turns-it-off"),
    ],
)
def test_the_cache_lives_where_the_platform_keeps_per_user_caches(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], expected: Path | None
) -> None:
    for name in ("DUEDILIGENCE_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(Path, "home", lambda: HOME)
    assert cache.cache_dir() == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({}, None, id="nothing-to-go-on"),
        pytest.param(
            {"XDG_CACHE_HOME": "/var/cache/me"}, Path("/var/cache/me/duediligence"), id="xdg"
        ),
    ],
)
def test_no_home_to_find_means_no_cache_unless_a_folder_is_named(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Path | None
) -> None:
    """A service account without a home loads cold; it never fails the run."""
    for name in ("DUEDILIGENCE_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", "linux")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() == expected


def _layer(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


Change = Callable[[Path, Path], list[tuple[Path, str]]]


def _edit(a: Path, b: Path) -> list[tuple[Path, str]]:
    (a / "entities/x.yml").write_text("entities: [2]\n", encoding="utf-8")
    return [(a, "rules"), (b, "mine")]


def _touch_readme(a: Path, b: Path) -> list[tuple[Path, str]]:
    (b / "README.md").write_text("notes\n", encoding="utf-8")
    return [(a, "rules"), (b, "mine")]


def _remove(a: Path, b: Path) -> list[tuple[Path, str]]:
    (a / "entities/x.yml").unlink()
    return [(a, "rules"), (b, "mine")]


def _rename(a: Path, b: Path) -> list[tuple[Path, str]]:
    (a / "entities/x.yml").rename(a / "entities/y.yml")
    return [(a, "rules"), (b, "mine")]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_edit, id="a-file-edited"),
        pytest.param(_touch_readme, id="any-file-added"),
        pytest.param(_remove, id="a-file-removed"),
        pytest.param(_rename, id="a-file-renamed"),
        pytest.param(lambda a, b: [(a, "rules"), (b, "theirs")], id="a-layer-relabelled"),
        pytest.param(lambda a, b: [(b, "mine"), (a, "rules")], id="layers-reordered"),
        pytest.param(lambda a, b: [(a, "rules")], id="a-layer-removed"),
        pytest.param(lambda a, b: [(a, "rules"), (b, "mine"), (b, "again")], id="a-layer-added"),
    ],
)
def test_any_change_to_any_layer_changes_the_digest(tmp_path: Path, change: Change) -> None:
    a = _layer(tmp_path / "a", {"pack.yml": "id: a\n", "entities/x.yml": "entities: [1]\n"})
    b = _layer(tmp_path / "b", {"entities/z.yml": "entities: []\n"})
    before = cache.tree_digest([(a, "rules"), (b, "mine")], "0.1.0")
    assert before == cache.tree_digest([(a, "rules"), (b, "mine")], "0.1.0")
    assert before != cache.tree_digest(change(a, b), "0.1.0")


def test_the_salt_is_part_of_the_digest(tmp_path: Path) -> None:
    a = _layer(tmp_path / "a", {"pack.yml": "id: a\n"})
    assert cache.tree_digest([(a, "rules")], "0.1.0") != cache.tree_digest([(a, "rules")], "0.2.0")


def test_no_digest_for_a_missing_directory(tmp_path: Path) -> None:
    assert cache.tree_digest([(tmp_path / "absent", "rules")]) is None


def test_an_entry_reads_back_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    cache.write_entry(folder, "pack", "k1", b'{"a": 1}')
    assert cache.read_entry(folder, "pack", "k1") == b'{"a": 1}'
    assert cache.read_entry(folder, "pack", "k2") is None
    assert [p.name for p in folder.iterdir()] == ["pack-k1.json"]  # no temporary file left
    if os.name == "posix":
        assert folder.stat().st_mode & 0o777 == 0o700


def _flip_last(raw: bytes) -> bytes:
    return raw[:-1] + bytes([raw[-1] ^ 1])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_flip_last, id="one-bit-of-the-data"),
        pytest.param(lambda raw: raw[:-1], id="cut-short"),
        pytest.param(lambda raw: raw.partition(b"\n")[2], id="no-seal"),
        pytest.param(lambda raw: raw.replace(b" pack ", b" registry ", 1), id="another-kind"),
        pytest.param(lambda raw: raw.replace(b" k1 ", b" k2 ", 1), id="another-key"),
        pytest.param(lambda raw: b"", id="empty"),
    ],
)
def test_an_entry_that_fails_its_seal_reads_as_none(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cache.write_entry(tmp_path, "pack", "k1", b'{"a": [1, 2, 3]}')
    entry = tmp_path / "pack-k1.json"
    whole = entry.read_bytes()
    assert whole == cache.sealed("pack", "k1", b'{"a": [1, 2, 3]}')
    assert damage(whole) != whole
    entry.write_bytes(damage(whole))
    assert cache.read_entry(tmp_path, "pack", "k1") is None


def test_an_unwritable_cache_is_silently_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    cache.write_entry(blocked, "pack", "k1", b"{}")
    cache.write_entry(blocked / "below", "pack", "k1", b"{}")
    assert cache.read_entry(blocked, "pack", "k1") is None
    assert cache.read_entry(None, "pack", "k1") is None


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    for i in range(cache.KEEP + 3):
        cache.write_entry(tmp_path, "pack", f"k{i:02}", b"{}")
        os.utime(tmp_path / f"pack-k{i:02}.json", ns=(i * 10**9, i * 10**9))
    cache.write_entry(tmp_path, "other", "k", b"{}")
    kept = sorted(p.name for p in tmp_path.glob("pack-*.json"))
    assert len(kept) == cache.KEEP
    assert "pack-k00.json" not in kept
    assert (tmp_path / "other-k.json").exists()
