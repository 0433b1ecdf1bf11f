from collections.abc import Iterator
from pathlib import Path

import pytest

from duediligence.inventory import arrow_ahead, arrow_sheet
from duediligence.pack import cache
from duediligence.pack.loader import Pack
from tests.factory import make_pack


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test writes to the real per-user cache: every run, CLI child processes included,
    caches packs in a temporary folder of its own."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.ENV_DIR, str(folder))
        yield folder


@pytest.fixture(scope="session")
def test_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """The small factory pack (tests/factory.py), loaded once by the real loader."""
    root: Path = tmp_path_factory.mktemp("testpack")
    return make_pack(root)


@pytest.fixture(params=["python-calamine", "fastexcel", "fastexcel-ahead"])
def either_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A workbook whose cells all hold text (or text, numbers, dates and truth values, each
    column of one kind) goes to fastexcel when large, a workbook of text loaded in a child
    process while it is checked when larger still; with the size thresholds at 0 or out of
    reach, a workbook test holds for every way a sheet is read."""
    reader = str(request.param)
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 1 << 60 if reader == "python-calamine" else 0)
    monkeypatch.setattr(arrow_ahead, "AHEAD_BYTES", 0 if reader == "fastexcel-ahead" else 1 << 60)
    return reader
