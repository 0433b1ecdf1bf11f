"""The check an .ods passes before calamine opens it: repeated cells counted as calamine
expands them, DTDs and entities refused, merged ranges gathered."""

from __future__ import annotations

from pathlib import Path

import pytest

from duediligence.errors import InputError
from duediligence.inventory.ods import check_ods
from duediligence.inventory.xlsx import MAX_CELLS
from tests.inventory.books.writers import (
    ods_cell,
    ods_content,
    ods_parts,
    ods_row,
    write_ods,
    write_parts,
)
from tests.inventory.test_books import SHEETS

HEADER = ods_row(ods_cell("Make") + ods_cell("Model"))


def ods_of(folder: Path, rows: str) -> Path:
    table = f'<table:table table:name="Register">{HEADER}{rows}</table:table>'
    return write_parts(folder / "book.ods", ods_parts(ods_content(table)))


ODS_CASES = [
    pytest.param(
        ods_row(ods_cell("x", 16_384)) * 5_000,
        "sheet 'Register': its repeated cells expand to more cells than the 67,108,864",
        id="rows-of-a-cell-repeated-across-every-column",
    ),
    pytest.param(
        ods_row(ods_cell("x", 1_000_000_000), 1_000_000_000),
        "its cells span 1,048,576 rows by 16,384 columns",
        id="a-row-and-a-cell-each-repeated-a-billion-times",
    ),
    pytest.param(
        ods_row(ods_cell(None), 1_000_000) + ods_row(ods_cell(None, 16_000) + ods_cell("x")),
        "its cells span 1,000,002 rows by 16,001 columns",
        id="empty-runs-then-one-cell-far-away",
    ),
]


@pytest.mark.parametrize(("rows", "needle"), ODS_CASES)
def test_an_ods_whose_repeats_expand_past_the_limit_is_refused(
    tmp_path: Path, rows: str, needle: str
) -> None:
    path = ods_of(tmp_path, rows)
    assert path.stat().st_size < 50_000
    with pytest.raises(InputError) as caught:
        check_ods(path, "book.ods", MAX_CELLS)
    assert needle in str(caught.value)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(ods_row(ods_cell(None, 1_024), 1_048_000), id="trailing-empty-rows"),
        pytest.param(ods_row(ods_cell("Axis") + ods_cell(None, 16_382)), id="trailing-empty-run"),
        pytest.param(ods_row(ods_cell("Axis") + ods_cell("P1")) * 2, id="plain-rows"),
    ],
)
def test_an_ods_as_spreadsheet_programs_write_it_passes(tmp_path: Path, rows: str) -> None:
    """LibreOffice ends each row with an empty run to the last column and the sheet with
    an empty row repeated to the last row: empty, so calamine holds none of them."""
    assert check_ods(ods_of(tmp_path, rows), "book.ods", MAX_CELLS) == {}


def test_an_ods_gives_its_merged_ranges(tmp_path: Path) -> None:
    merges = check_ods(write_ods(tmp_path / "book.ods", *SHEETS), "book.ods", MAX_CELLS)
    assert merges == {"Register": [((3, 3), (4, 3))]}


@pytest.mark.parametrize(
    ("prolog", "needle"),
    [
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>',
            "refused: its XML declares a DTD or an entity (DTDForbidden)",
            id="dtd",
        ),
        pytest.param("<?xml version='1.0'?><broken", "its XML is damaged, line 1", id="broken"),
    ],
)
def test_an_ods_whose_xml_is_hostile_or_broken_is_refused(
    tmp_path: Path, prolog: str, needle: str
) -> None:
    path = write_parts(tmp_path / "book.ods", ods_parts(ods_content("", prolog=prolog)))
    with pytest.raises(InputError) as caught:
        check_ods(path, "book.ods", MAX_CELLS)
    assert needle in str(caught.value)
