"""Which allocator Arrow's buffers come from: jemalloc where pyarrow has it.

pyarrow's default pool is mimalloc. A million-row scan allocates and frees a few GB of
short-lived buffers (a block's columns, the filtered, joined and gathered arrays, the JSON
lines), and with mimalloc the kernel's share of that work varied from 0.3 to 0.8 s a scan
on the build machine (median 0.6 s); with jemalloc 0.23-0.41 s (median 0.27 s), and the
peak was 20-40 MB lower (docs/performance.md, 2026-12-07, "the realistic register's
JSON"). The choice is Arrow's process-wide default, so whoever set
ARROW_DEFAULT_MEMORY_POOL (Arrow's own switch) keeps their pool, and a pyarrow built
without jemalloc (Windows wheels) keeps mimalloc. Buffers already made keep the pool that
made them. A scan chooses it (api.scan), not an import: a process that only imports the
library, or attributes a DataFrame, keeps its pool.
"""

from __future__ import annotations

import os

POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def choose_pool() -> None:
    """Make jemalloc Arrow's default pool, unless the environment chose one or it is absent."""
    if os.environ.get(POOL_VARIABLE):
        return
    import pyarrow as pa

    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # pyarrow.lib.ArrowNotImplementedError: built without it
        pass
