"""Arrow's buffers come from jemalloc where pyarrow has it, unless whoever runs the scan
chose a pool through Arrow's own switch (ARROW_DEFAULT_MEMORY_POOL), and a pyarrow built
without jemalloc keeps the pool it has."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pytest

from duediligence.results.arrow_pool import POOL_VARIABLE, choose_pool


@pytest.fixture(autouse=True)
def _pool_restored() -> Iterator[None]:
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


def _jemalloc() -> bool:
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        return False
    return True


@pytest.mark.skipif(not _jemalloc(), reason="this pyarrow is built without jemalloc")
def test_jemalloc_is_chosen_when_nobody_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POOL_VARIABLE, raising=False)
    pa.set_memory_pool(pa.system_memory_pool())
    choose_pool()
    assert pa.default_memory_pool().backend_name == "jemalloc"


@pytest.mark.parametrize(
    "chosen", [pytest.param("system", id="system"), pytest.param("mimalloc", id="mimalloc")]
)
def test_a_pool_the_environment_chose_is_kept(chosen: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POOL_VARIABLE, chosen)
    pa.set_memory_pool(pa.system_memory_pool())
    choose_pool()
    assert pa.default_memory_pool().backend_name == "system"


def test_a_pyarrow_without_jemalloc_keeps_its_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def absent() -> pa.MemoryPool:
        raise pa.ArrowNotImplementedError("This Arrow build does not enable jemalloc")

    monkeypatch.delenv(POOL_VARIABLE, raising=False)
    monkeypatch.setattr(pa, "jemalloc_memory_pool", absent)
    pa.set_memory_pool(pa.system_memory_pool())
    choose_pool()
    assert pa.default_memory_pool().backend_name == "system"
