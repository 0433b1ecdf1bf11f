"""The pack as it travels to workers: whole, and refused by a worker that runs another
duediligence or another bundled pack than the driver."""

from __future__ import annotations

import pickle

import pytest

import duediligence
from duediligence.errors import UsageError
from duediligence.frames.shipping import Shipment, installed_pack
from duediligence.pack.loader import Pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return duediligence.load_pack()


def test_a_shipment_pickles_and_unpacks_to_the_same_pack(pack: Pack) -> None:
    shipment = pickle.loads(pickle.dumps(Shipment.of(pack)))
    unpacked = shipment.unpack()
    assert unpacked.meta == pack.meta and unpacked.measures.keys() == pack.measures.keys()
    assert installed_pack() == (pack.meta.id, pack.meta.version)


@pytest.mark.parametrize(
    ("worker", "said"),
    [
        pytest.param(
            ("0.0.1", "duediligence-core", "2026.11.0"),
            "runs rule pack duediligence-core 2026.11.0 (duediligence 0.0.1)",
            id="another-duediligence",
        ),
        pytest.param(
            (duediligence.__version__, "duediligence-core", "2025.1.0"),
            "runs rule pack duediligence-core 2025.1.0",
            id="another-bundled-pack",
        ),
    ],
)
def test_a_worker_out_of_step_says_what_each_runs(
    pack: Pack, worker: tuple[str, str, str], said: str
) -> None:
    shipment = Shipment.of(pack)
    problem = shipment.mismatch(*worker)
    assert problem is not None and said in problem
    assert f"the driver runs rule pack duediligence-core {pack.meta.version}" in problem


def test_a_worker_in_step_or_on_another_pack_id_says_nothing(pack: Pack) -> None:
    shipment = Shipment.of(pack)
    assert shipment.mismatch(duediligence.__version__, pack.meta.id, pack.meta.version) is None
    assert shipment.mismatch(duediligence.__version__, "someone-elses", "1.0") is None


def test_a_driver_on_another_pack_is_refused_on_arrival(pack: Pack) -> None:
    other = Shipment(pack.meta.id, "1999.1.0", duediligence.__version__, pickle.dumps(pack))
    with pytest.raises(UsageError, match="this Spark worker runs rule pack"):
        other.unpack("Spark worker")
