from pathlib import Path

import pytest

from duediligence.pack.loader import Pack
from tests.factory import make_pack


@pytest.fixture(scope="session")
def test_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """The small factory pack (tests/factory.py), loaded once by the real loader."""
    root: Path = tmp_path_factory.mktemp("testpack")
    return make_pack(root)
