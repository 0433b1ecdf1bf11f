"""`duediligence.dask.attribute` on a LocalCluster of two worker processes: each row says
what a scan of the same rows says, the pack is one value of the graph, and the frame stays
lazy until computed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import duediligence
from duediligence.errors import UsageError
from duediligence.frames.judged import COLUMNS
from duediligence.frames.shipping import Shipment
from duediligence.pack.loader import Pack
from tests.frames.needs import module
from tests.frames.register import agrees, scanned, write_register

AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = module("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def pack() -> Pack:
    return duediligence.load_pack()


def _frame(rows: list[dict[str, str]], partitions: int) -> Any:
    pd = module("pandas")
    dd = module("dask.dataframe")
    return dd.from_pandas(pd.DataFrame(rows), npartitions=partitions)


def test_every_row_says_what_the_scan_says(client: Any, pack: Pack, tmp_path: Path) -> None:
    from duediligence.dask import attribute

    path = tmp_path / "register.csv"
    rows = write_register(path)
    expected = scanned(path, "us-federal", len(rows))
    lazy = attribute(_frame(rows, 3), profile="us-federal", as_of=AS_OF, pack=pack)
    assert list(lazy.columns)[-len(COLUMNS) :] == list(COLUMNS)
    done = client.compute(lazy).result()
    got = done.to_dict("records")
    agrees(expected, got)
    assert [r["Asset Tag"] for r in got] == [r["Asset Tag"] for r in rows]
    workers = client.run(lambda: 1)
    assert len(workers) == 2  # two worker processes


def test_the_pack_is_one_value_of_the_graph(pack: Pack) -> None:
    from duediligence.dask import attribute

    rows = [{"Make": "Hikvision"}, {"Make": "Axis"}] * 8
    lazy = attribute(_frame(rows, 4), as_of=AS_OF, pack=pack)
    graph = dict(lazy.__dask_graph__())
    shipped = [k for k in graph if "Shipment" in str(k)]
    assert len(shipped) == 1


def test_no_make_column_is_refused_on_the_client(pack: Pack) -> None:
    from duediligence.dask import attribute

    with pytest.raises(UsageError, match="found 'Site'"):
        attribute(_frame([{"Site": "Depot"}], 1), pack=pack)


def test_a_worker_out_of_step_is_named(pack: Pack) -> None:
    from duediligence.frames.on_dask import partition
    from duediligence.inventory.frames import FrameMap
    from duediligence.results.assets import Field

    pd = module("pandas")
    other = Shipment("duediligence-core", "1999.1.0", duediligence.__version__, b"")
    with pytest.raises(UsageError, match="this Dask worker runs rule pack duediligence-core"):
        partition(
            pd.DataFrame({"Make": ["x"]}), other, FrameMap(((Field.MAKE, "Make"),)), None, AS_OF
        )
