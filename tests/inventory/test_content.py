"""What a column holds, from a sample of its values; and the sample gives every row back."""

from collections.abc import Generator, Iterator
from contextlib import nullcontext
from pathlib import Path

import pyarrow as pa
import pytest

from duediligence.inventory import content
from duediligence.inventory.blocks import Refused, Rows
from duediligence.inventory.content import (
    Kind,
    PeekedBlocks,
    column_values,
    profile_values,
    sample,
)
from duediligence.inventory.csv import read_csv
from duediligence.inventory.interface import Table
from tests.factory import WordProbe

PROBE = WordProbe()


@pytest.mark.parametrize(
    ("values", "kind", "share"),
    [
        pytest.param(
            ["44:19:B6:2A:10:01", "44-19-b6-2a-10-02", "4419.b62a.1003", "4419B62A1004"],
            Kind.MAC,
            1.0,
            id="macs-in-four-spellings",
        ),
        pytest.param(
            ["44:19:B6:2A:10:01", "not recorded", "24:52:6A:0B:33:C1", "E0:50:8B:00:00:01"],
            Kind.MAC,
            0.75,
            id="macs-with-a-note",
        ),
        pytest.param(
            ["2021-03-14", "14.03.2021", "03/14/2021", "44000"], Kind.DATE, 1.0, id="dates"
        ),
        pytest.param(["Hikvision", "Dahua", "Axis", "Acme"], Kind.MAKER, 0.75, id="makers"),
        pytest.param(
            ["DS-2CD2143G2-I", "DHI-NVR4216-16P-4KS2", "P3245-LVE", "AXIS M3106"],
            Kind.MODEL,
            0.5,
            id="models-of-known-patterns-only",
        ),
        pytest.param(
            ["Hikvision DS-2CD2143G2-I", "Dahua Technology DHI-NVR4216-16P-4KS2", "Axis P3245-LVE"],
            Kind.MAKER,
            1.0,
            id="combined-cells-name-makers",
        ),
        pytest.param(
            ["Hikvision DS-2CD2143G2-I", "Dahua Technology DHI-NVR4216-16P-4KS2", "Axis P3245-LVE"],
            Kind.MODEL,
            2 / 3,
            id="combined-cells-hold-models",
        ),
        pytest.param(["CAM-0001", "CAM-0002", "SN88231", "Lobby"], Kind.ID, 0.75, id="ids"),
        pytest.param(["HQ Lobby", "Car park", "Plant room"], Kind.MAKER, 0.0, id="sites"),
    ],
)
def test_shares_of_each_kind(values: list[str], kind: Kind, share: float) -> None:
    profile = profile_values(values, len(values), PROBE)
    assert profile.share(kind) == pytest.approx(share)
    assert profile.values == len(values)


def test_the_reason_is_said_in_plain_words() -> None:
    values = [f"44:19:B6:2A:{i // 256:02X}:{i % 256:02X}" for i in range(400)]
    values += [f"unknown {i}" for i in range(12)]
    profile = profile_values(values, 500, None)
    assert profile.values == content.MAX_DISTINCT
    assert profile.said(Kind.MAC) == "100% of 300 values are MAC addresses"


def test_without_a_probe_makers_and_models_are_not_judged() -> None:
    profile = profile_values(["Hikvision", "Dahua", "Axis"], 3, None)
    assert Kind.MAKER not in profile.shares and Kind.MODEL not in profile.shares
    assert profile.share(Kind.MAKER) == 0.0


def test_a_column_naming_no_maker_is_given_up_after_its_first_values() -> None:
    probe = WordProbe()
    profile_values([f"Room {i}" for i in range(300)], 300, probe)
    assert probe.asked == content.PROBE_FIRST


def test_uniqueness_tells_ids_from_makes() -> None:
    rows = [(n, [f"CAM-{n:04d}", "Hikvision" if n % 2 else "Axis", ""]) for n in range(100)]
    tags, makes, blank = column_values(rows, 3)
    assert profile_values(*tags, PROBE).unique == 1.0
    assert profile_values(*makes, PROBE).unique == pytest.approx(0.02)
    assert blank == ([], 0)


def csv_table(path: Path, rows: int) -> Table:
    lines = ["Kit,Where"] + [f"Hikvision DS-2CD2143G2-I,Room {i}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_csv(path, path.name)


@pytest.mark.parametrize("rows", [0, 3, content.SAMPLE_ROWS, content.SAMPLE_ROWS + 7])
def test_rows_read_ahead_are_given_back_with_their_numbers(tmp_path: Path, rows: int) -> None:
    table = csv_table(tmp_path / "inv.csv", rows)
    values = sample(table, 2)
    assert values[0] == (["Hikvision DS-2CD2143G2-I"] if rows else [], min(rows, 10_000))
    read = list(table.rows)
    assert [n for n, _ in read] == list(range(2, rows + 2))
    assert [cells[1] for _, cells in read[-1:]] == [f"Room {rows - 1}"][: len(read)]


def test_closing_the_rows_unread_closes_the_file(tmp_path: Path) -> None:
    table = csv_table(tmp_path / "inv.csv", 5)
    reader = table.rows
    sample(table, 2)
    table.rows.close()
    with pytest.raises(StopIteration):
        next(reader)  # the reader underneath was closed, not just the replay


class FakeBlocks:
    """Blocks as a reader gives them: these batches, then perhaps a refusal."""

    def __init__(self, batches: list[pa.RecordBatch], refuse_at: int | None = None) -> None:
        self._batches = batches
        self._refuse_at = refuse_at
        self.handed: list[int] = []

    def batches(self) -> Iterator[pa.RecordBatch]:
        for i, batch in enumerate(self._batches):
            if i == self._refuse_at:
                raise Refused("a ragged row")
            yield batch

    def remaining(self, rows: Rows, consumed: int) -> Rows:
        self.handed.append(consumed)
        return rows


def batch(*values: str) -> pa.RecordBatch:
    return pa.record_batch([pa.array(list(values), pa.string())], names=["c0"])


def no_rows() -> Generator[tuple[int, list[str]], None, None]:
    yield from ()


@pytest.mark.parametrize(
    ("refuse_at", "given_back"),
    [
        pytest.param(None, 2, id="all-blocks"),
        pytest.param(1, 1, id="refused-after-the-first"),
        pytest.param(0, 0, id="refused-at-once"),
    ],
)
def test_the_first_block_is_read_ahead_and_given_back(
    refuse_at: int | None, given_back: int
) -> None:
    blocks = FakeBlocks([batch(" Axis ", "", "Axis", "Bosch"), batch("Dahua")], refuse_at)
    table = Table("inv.csv", None, ["Make"], 1, no_rows(), blocks=blocks)
    values = sample(table, 1)
    assert isinstance(table.blocks, PeekedBlocks)
    assert values[0] == ((["Axis", "Bosch"], 3) if refuse_at != 0 else ([], 0))
    seen: list[pa.RecordBatch] = []
    with pytest.raises(Refused) if refuse_at is not None else nullcontext():
        assert table.blocks is not None
        seen.extend(table.blocks.batches())
    assert len(seen) == given_back
    table.blocks.remaining(no_rows(), 4)
    assert blocks.handed == [4]


def test_a_very_wide_table_is_sampled_on_fewer_rows_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    width = 20_000
    lines = [",".join(f"c{i}" for i in range(width))]
    lines += [",".join(["Hikvision"] + ["x"] * (width - 1)) for _ in range(150)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_csv(path, path.name)
    values = sample(table, width)
    assert values[0] == (["Hikvision"], 100)
    assert values[content.MAX_COLUMNS] == ([], 0)
    assert len(values) == width
    assert sum(1 for _ in table.rows) == 150


def test_long_free_text_is_neither_matched_nor_asked_about() -> None:
    probe = WordProbe()
    note = "Hikvision " + "camera replaced after water damage " * 10
    profile = profile_values([note, "Hikvision", "Axis"], 3, probe)
    assert probe.asked == 2
    assert profile.probed == 2
