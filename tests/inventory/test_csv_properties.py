"""Any table the csv module writes reads back cell for cell, by either reader.

Cells hold what registers hold: quotes, delimiters, line breaks, leading spaces, any
script. Small files are parsed by the csv module, large ones by Arrow in blocks (the csv
module reading on where Arrow stops), and either way they must read exactly what was written.
"""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from duediligence.errors import InputError
from duediligence.inventory import blocks
from duediligence.inventory.batches import batches
from duediligence.inventory.csv import read_csv
from duediligence.inventory.interface import Table

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any character but NUL, which the reader refuses as the mark of a binary file; and the
# characters that make CSV hard, often.
CHAR = st.one_of(
    st.characters(codec="utf-8", exclude_characters="\x00"),
    st.sampled_from(['"', ",", ";", "\t", "|", "\n", "\r", " ", "\ufeff", "é", "海"]),
)
CELL = st.lists(CHAR, max_size=12).map("".join)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header of distinct names (each with something besides spaces) and rows as wide."""
    width = draw(st.integers(1, 5))
    name = CELL.filter(str.strip)
    header = draw(st.lists(name, min_size=width, max_size=width, unique_by=str.strip))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=12))
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]], delimiter: str, bom: bool) -> None:
    # A UTF-8 file that starts with U+FEFF starts with a byte-order mark, by definition.
    assume(bom or not header[0].startswith("\ufeff"))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([header, *rows])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


def _csv_module_rows(table: Table) -> list[list[str]]:
    return [cells for _, cells in table.rows]


def _arrow_then_csv_module_rows(table: Table) -> list[list[str]]:
    """Rows as the scan reads them (batches.py): Arrow's blocks while it can, then the csv
    module."""
    assert table.blocks is not None
    read: list[list[str]] = []
    for batch in batches(table):
        columns = [batch.cells.column(i).to_pylist() for i in range(batch.cells.num_columns)]
        read.extend([str(c) for c in row] for row in zip(*columns, strict=True))
    return read


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("csv-properties")


@PROPERTY
@given(tables(), st.booleans())
@example((["Make", "Model"], [["Acme", 'AC-1 "dome"\r\n2.8mm'], ["", ""]]), True)
@example((["\ufeffMake"], [["\ufeff"]]), True)
def test_the_csv_module_reads_back_what_it_wrote(
    folder: Path, table: tuple[list[str], list[list[str]]], bom: bool
) -> None:
    header, rows = table
    path = folder / "inv.tsv"
    _write(path, header, rows, "\t", bom)
    read = read_csv(path, "inv.tsv")
    assert read.header == [h.strip() for h in header]
    assert read.header_row == 1
    assert _csv_module_rows(read) == rows


@PROPERTY
@given(tables(), st.booleans(), st.sampled_from([64, 256, 4096]))
@example((["Make"], [[""], ["a\nb"]]), False, 64)
def test_arrow_blocks_and_the_csv_module_read_back_what_was_written(
    folder: Path, table: tuple[list[str], list[list[str]]], bom: bool, block: int
) -> None:
    header, rows = table
    path = folder / "inv.tsv"
    _write(path, header, rows, "\t", bom)
    assert _through_arrow(path) == ([h.strip() for h in header], rows)


def test_a_header_cell_may_hold_a_line_break(folder: Path) -> None:
    path = folder / "header.csv"
    path.write_text('"Maker\nName",Model\nAcme,AC-1\n', encoding="utf-8")
    assert _through_arrow(path) == (["Maker\nName", "Model"], [["Acme", "AC-1"]])


def _through_arrow(path: Path) -> tuple[list[str], list[list[str]]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "MIN_BYTES", 0)
        read = read_csv(path, path.name)
        assert read.blocks is not None
        return read.header, _arrow_then_csv_module_rows(read)


ORDINARY = st.text("abcXYZ019 -./é海", min_size=1, max_size=8)


@PROPERTY
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(st.lists(ORDINARY, min_size=width, max_size=width), max_size=12)
    ),
    st.sampled_from([",", ";", "|", "\t"]),
)
def test_the_delimiter_is_found_for_ordinary_cells(
    folder: Path, rows: list[list[str]], delimiter: str
) -> None:
    """Sniffing guesses from the first 64 KiB; on cells that do not themselves hold
    delimiters or quotes it finds the one the file was written with."""
    width = len(rows[0]) if rows else 2
    header = [f"Column {i + 1}" for i in range(width)]
    path = folder / "inv.csv"
    _write(path, header, rows, delimiter, False)
    read = read_csv(path, "inv.csv")
    assert read.header == header
    assert _csv_module_rows(read) == rows


def test_nul_bytes_are_refused_not_read(folder: Path) -> None:
    path = folder / "nul.csv"
    path.write_bytes(b"Make,Model\nAcme,AC\x00-1\n")
    with pytest.raises(InputError, match="contains NUL bytes"):
        read_csv(path, "nul.csv")


def test_text_after_a_closing_quote_goes_on_in_the_cell_in_either_parser(folder: Path) -> None:
    """'"abc"def' is 'abcdef' in a small file and a large one alike, as Excel reads it
    (inventory/csv_edges.py). Tables the csv module writes never hold it."""
    path = folder / "quote.csv"
    path.write_text('Make,Model\nAcme,"AC"-1\n', encoding="utf-8")
    assert _csv_module_rows(read_csv(path, "quote.csv")) == [["Acme", "AC-1"]]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "MIN_BYTES", 0)
        assert _arrow_then_csv_module_rows(read_csv(path, "quote.csv")) == [["Acme", "AC-1"]]
