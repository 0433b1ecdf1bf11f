"""Where CSV is ambiguous, every CSV is read one way: a small file parsed by the csv module
and a large one parsed by Arrow give the same rows, or the same error.

The decisions (docs/security.md): text after a closing quote goes on in the cell
('"abc"def' is 'abcdef'); a quote the file ends inside is refused, naming its line and
column; so is a cell past the csv module's field limit.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from duediligence.errors import InputError
from duediligence.inventory import blocks
from duediligence.inventory.batches import batches
from duediligence.inventory.csv import read_csv
from duediligence.inventory.csv_edges import ends_open, open_cell

Read = tuple[list[str], list[tuple[int, tuple[str, ...]]], int, list[tuple[int, int]]] | str
"""(header, rows with their numbers, ragged rows, lines pushed down), or the error."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("csv-edges")


def read(path: Path, arrow: bool) -> Read:
    """The file as the scan reads it, parsed by Arrow or by the csv module. Empty rows are
    left out: Arrow hands a blank line over as a row of empty cells, the csv module not at
    all, and the scan counts neither."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
        try:
            table = read_csv(path, path.name)
            assert (table.blocks is not None) is arrow or table.header_row != 1
            rows = [
                (number, cells)
                for batch in batches(table)
                for number, cells in _rows(batch.numbers.to_pylist(), batch.cells.columns)
                if any(cells)
            ]
        except InputError as exc:
            return str(exc)
    # Where a row starts once a line break in a cell pushed it down; a break in the last row
    # pushes down no row, and only Arrow's reader notes it.
    last = rows[-1][0] if rows else 0
    return table.header, rows, table.ragged, [(n, at) for n, at in table.lines if n <= last]


def _rows(numbers: list[Any], columns: Sequence[Any]) -> Iterator[tuple[int, tuple[str, ...]]]:
    texts = [column.to_pylist() for column in columns]
    return zip(numbers, zip(*texts, strict=True), strict=True)


TRICKY = st.text(st.sampled_from(['"', '"', ",", "\n", "\r", "a", " ", "é"]), max_size=40)


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(TRICKY)
@example('A,"B\nC,D\nE,F"x\nG,H\n')  # a stray quote closed rows later: one cell, as read
@example('"ab"c,d\n')
@example('a,"b\n')
@example('a,b\n\n\nc,"d\r\ne"\r\nf,g')
@example('a,"b\nc"\nd,"e\n')  # open at the end, a line below where its row starts
def test_both_parsers_read_any_text_alike(folder: Path, body: str) -> None:
    path = folder / "any.csv"
    path.write_text("Make,Model\n" + body, encoding="utf-8")
    assert read(path, arrow=True) == read(path, arrow=False)


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
@pytest.mark.parametrize(
    ("body", "rows"),
    [
        pytest.param('Acme,"AC"-1\n', [(2, ("Acme", "AC-1"))], id="text-after-a-closing-quote"),
        pytest.param('"Ac"me ,AC\n', [(2, ("Acme ", "AC"))], id="in-the-first-cell"),
        pytest.param('Acme,"A""C"x\n', [(2, ("Acme", 'A"Cx'))], id="after-a-doubled-quote"),
        pytest.param('Acme,AC"1\n', [(2, ("Acme", 'AC"1'))], id="a-quote-inside-a-plain-cell"),
        pytest.param(
            'Acme,"AC\n1"x\nZed,Z1\n',
            [(2, ("Acme", "AC\n1x")), (3, ("Zed", "Z1"))],
            id="after-a-quoted-line-break",
        ),
    ],
)
def test_text_after_a_closing_quote_goes_on_in_the_cell(
    folder: Path, body: str, rows: list[tuple[int, tuple[str, ...]]], arrow: bool
) -> None:
    path = folder / "quote.csv"
    path.write_text("Make,Model\n" + body, encoding="utf-8")
    result = read(path, arrow)
    assert not isinstance(result, str)
    assert result[1] == rows


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
@pytest.mark.parametrize(
    ("body", "where"),
    [
        pytest.param('Acme,"AC-1\nZed,Z1\n', "line 2, column 2", id="in-the-last-cell"),
        pytest.param('Acme,AC-1\n"Zed,Z1', "line 3, column 1", id="no-final-line-break"),
        pytest.param('Acme,AC-1\nZed,"Z1\n\n', "line 3, column 2", id="blank-lines-after"),
        pytest.param('Acme,"AC\n1"\nZed,"Z1\n', "line 4, column 2", id="after-a-line-break"),
    ],
)
def test_a_quote_the_file_ends_inside_is_refused(
    folder: Path, body: str, where: str, arrow: bool
) -> None:
    path = folder / "open.csv"
    path.write_text("Make,Model\n" + body, encoding="utf-8")
    assert read(path, arrow) == (
        f'{path.name}: {where}: not valid CSV: the file ends inside a quoted cell: a quote (")'
        " opened there is never closed, so every line after it would be read as one cell"
    )


@pytest.fixture
def small_limit() -> Iterator[int]:
    before = csv.field_size_limit(64)
    yield 64
    csv.field_size_limit(before)


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_a_cell_past_the_field_limit_is_refused(
    folder: Path, small_limit: int, arrow: bool
) -> None:
    path = folder / "long.csv"
    path.write_text("Make,Model\nAcme,AC-1\nZed," + "z" * (small_limit + 1) + "\n")
    message = read(path, arrow)
    assert isinstance(message, str)
    assert message.startswith(f"{path.name}: line 3, column 2: a cell longer than {small_limit:,}")


@pytest.mark.parametrize(
    ("text", "line", "last", "column"),
    [
        pytest.param("a,b\nc,d\n", 2, "d", None, id="closed-ends-with-a-line-break"),
        pytest.param("a,b\nc,d", 2, "d", None, id="closed-no-final-line-break"),
        pytest.param('a,b\nc,"d\n', 2, "d\n", 2, id="open-at-the-end"),
        pytest.param('a,b\nc,"d\ne', 2, "d\ne", 2, id="open-over-two-lines"),
        pytest.param('a,b\n"c', 2, "c", 1, id="open-in-the-first-cell"),
        pytest.param('a,b\nc,"d"\n', 2, "d", None, id="a-quoted-cell-closed"),
        pytest.param('a,b\nc,"d"e\n', 2, "de", None, id="text-after-a-closing-quote"),
    ],
)
def test_ends_open_names_the_column_of_a_quote_never_closed(
    folder: Path, text: str, line: int, last: str, column: int | None
) -> None:
    path = folder / "end.csv"
    path.write_text(text, encoding="utf-8")
    assert ends_open(path, "utf-8", ",", line, last) == column


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-32", "gb18030"])
def test_ends_open_finds_the_final_line_break_in_any_encoding(folder: Path, codec: str) -> None:
    path = folder / f"end-{codec}.csv"
    path.write_bytes('a,b\nc,"d\n'.encode(codec))
    assert ends_open(path, codec, ",", 2, "d\n") == 2
    path.write_bytes("a,b\nc,d\n".encode(codec))
    assert ends_open(path, codec, ",", 2, "d") is None


def test_open_cell_names_the_first_cell_past_the_limit(folder: Path) -> None:
    path = folder / "cells.csv"
    path.write_text('a,b,c\nx,"yy""y",' + "z" * 9 + "\n", encoding="utf-8")
    assert open_cell(path, "utf-8", ",", 2, 8) == 3
    assert open_cell(path, "utf-8", ",", 2, 3) == 2  # 'yy"y' is four characters
    assert open_cell(path, "utf-8", ",", 2, 20) is None
