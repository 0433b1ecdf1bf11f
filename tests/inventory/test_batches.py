"""Every table reaches the scan as Arrow batches of text with their row numbers: a reader's
own blocks while they last, every other row gathered by one batcher that decides, once for
every format, what a blank, short or wide row is."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import cast

import pytest

from duediligence.errors import InputError
from duediligence.inventory import batches as batching
from duediligence.inventory import blocks
from duediligence.inventory.batches import batches
from duediligence.inventory.csv import read_csv
from duediligence.inventory.interface import Table

Rows = list[tuple[int, list[str]]]


def table(rows: Rows, header: tuple[str, ...] = ("Make", "Model")) -> Table:
    def generate() -> Generator[tuple[int, list[str]], None, None]:
        yield from rows

    return Table("inv.json", None, list(header), 1, generate())


def read(t: Table) -> Rows:
    out: Rows = []
    for batch in batches(t):
        columns = [c.to_pylist() for c in batch.cells.columns]
        rows = zip(*columns, strict=True)
        numbers = cast(list[int], batch.numbers.to_pylist())
        out.extend((n, list(r)) for n, r in zip(numbers, rows, strict=True))
    return out


@pytest.mark.parametrize(
    ("rows", "expected", "ragged", "first"),
    [
        pytest.param(
            [(2, ["Acme", "AC-1"]), (3, ["Zed", "Z1"])],
            [(2, ["Acme", "AC-1"]), (3, ["Zed", "Z1"])],
            0,
            "",
            id="as-wide-as-the-header",
        ),
        pytest.param(
            [(2, ["Acme"]), (3, ["Zed", "Z1"])],
            [(2, ["Acme", ""]), (3, ["Zed", "Z1"])],
            1,
            "row 2 has 1 cells",
            id="a-short-row-is-padded",
        ),
        pytest.param(
            [(2, ["Acme", "AC-1"]), (3, ["Zed", "Z1", "extra", ""])],
            [(2, ["Acme", "AC-1", "", ""]), (3, ["Zed", "Z1", "extra", ""])],
            1,
            "row 3 has 4 cells",
            id="a-wide-row-keeps-its-cells-and-widens-its-batch",
        ),
        pytest.param(
            [(2, []), (3, [""]), (4, ["", "", ""]), (5, ["Zed", "Z1"])],
            [(5, ["Zed", "Z1"])],
            0,
            "",
            id="blank-lines-of-any-width-are-no-rows",
        ),
        pytest.param(
            [(2, ["", ""]), (3, ["Zed", "Z1"])],
            [(2, ["", ""]), (3, ["Zed", "Z1"])],
            0,
            "",
            id="an-empty-row-as-wide-as-the-header-is-the-scan-loops-to-judge",
        ),
        pytest.param(
            [(4, ["Acme", "AC-1"]), (9, ["Zed"]), (12, ["Bo", "B", "c"])],
            [(4, ["Acme", "AC-1", ""]), (9, ["Zed", "", ""]), (12, ["Bo", "B", "c"])],
            2,
            "row 9 has 1 cells",
            id="row-numbers-travel-with-the-cells",
        ),
    ],
)
def test_rows_are_gathered_into_batches_as_one_batcher_decides(
    rows: Rows, expected: Rows, ragged: int, first: str
) -> None:
    t = table(rows)
    assert read(t) == expected
    assert (t.ragged, t.first_ragged) == (ragged, first)


def test_a_batch_is_at_most_so_many_rows_and_a_wide_row_widens_only_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batching, "ROWS_PER_BATCH", 2)
    rows = [(2, ["a", "b"]), (3, ["c", "d", "e"]), (4, ["f", "g"]), (6, ["h", "i"])]
    got = [(b.numbers.to_pylist(), b.cells.num_columns) for b in batches(table(rows))]
    assert got == [([2, 3], 3), ([4, 6], 2)]


def test_the_rows_are_closed_when_read() -> None:
    closed = []

    def generate() -> Generator[tuple[int, list[str]], None, None]:
        try:
            yield (2, ["a", "b"])
        finally:
            closed.append(True)

    t = Table("inv.json", None, ["Make", "Model"], 1, generate())
    assert read(t) == [(2, ["a", "b"])]
    assert closed == [True]


def test_a_csv_read_by_arrow_goes_on_in_the_csv_module_where_arrow_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row wider than the header stops Arrow's blocks; the csv module reads on from the
    first row of the block it stopped in, so every row comes once, at its number."""
    monkeypatch.setattr(blocks, "MIN_BYTES", 0)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 64)
    lines = [f"Make{n},M{n}" for n in range(40)]
    lines[25] += ",wide"
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\n" + "\n".join(lines) + "\n", encoding="utf-8")
    t = read_csv(path, path.name)
    assert t.blocks is not None
    got = read(t)
    assert [n for n, _ in got] == list(range(2, 42))
    assert got[25] == (27, ["Make25", "M25", "wide"])
    assert got[0] == (2, ["Make0", "M0"])  # read by Arrow, as wide as the header
    assert (t.ragged, t.first_ragged) == (1, "row 27 has 3 cells")


@pytest.mark.parametrize(
    ("rows", "header", "sheet", "expected"),
    [
        pytest.param(
            [(2, ["Acme", "AC-1"]), (3, ["Zed\ud800", "Z1"])],
            ("Make", "Model"),
            None,
            "row 3, column 'Make': holds U+D800",
            id="a-cell",
        ),
        pytest.param(
            [(7, ["Acme", "AC-1", "\udfff"])],
            ("Make", "Model"),
            "Register",
            "sheet 'Register', row 7, column '3': holds U+DFFF",
            id="a-cell-past-the-header-of-a-sheet",
        ),
        pytest.param(
            [(2, ["Acme", "AC-1"])],
            ("Make", "Mo\ud83ddel"),
            None,
            "column 2: its name holds U+D83D",
            id="a-header-name",
        ),
    ],
)
def test_a_lone_surrogate_is_refused_naming_where_it_is(
    rows: Rows, header: tuple[str, ...], sheet: str | None, expected: str
) -> None:
    t = table(rows, header)
    t.sheet = sheet
    with pytest.raises(InputError) as refused:
        read(t)
    assert refused.value.location == "inv.json"
    assert refused.value.message.startswith(expected), refused.value.message
    assert "not a character" in refused.value.message


def test_a_surrogate_pair_is_one_character() -> None:
    assert read(table([(2, ["Acme \U0001f600", "AC-1"])])) == [(2, ["Acme \U0001f600", "AC-1"])]
