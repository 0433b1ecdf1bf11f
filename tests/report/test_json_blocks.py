"""A block's JSON lines, built in Arrow, are the lines the row-by-row writer makes: fields
stripped and escaped, empty cells left out (wherever they fall, the first cell too), the
fingerprint from the row's identity, and rows outside printable ASCII written the reference
way."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duediligence.report.json_blocks import Line, block_text
from duediligence.results.assets import Field
from duediligence.results.block import Block
from duediligence.results.block_fingerprints import block_fingerprints
from duediligence.results.fingerprints import asset_fingerprint, cells_identity

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
HEAD = '{"input":0,"row":'
IDS = ['"j1"', '"j2"']
CELL = st.one_of(
    st.just(""),
    st.sampled_from([" ", "  ", "\t"]),
    st.text(alphabet=st.sampled_from(' aZ9-"\\/'), max_size=5),
    st.text(alphabet=st.sampled_from("a é\n\x1f"), max_size=3),
)
LAYOUTS = [
    pytest.param(("Asset Tag", "Make", "Model"), {Field.ASSET_ID: 0, Field.MAKE: 1}, id="tag"),
    pytest.param(
        ("Make", "Model", "Site", "Serial", "MAC"),
        {Field.MAKE: 0, Field.MODEL: 1, Field.SITE: 2, Field.SERIAL: 3, Field.MAC: 4},
        id="serial-or-mac-or-make-model-site",
    ),
    pytest.param(("Hersteller", 'Mod"ell', "Ort"), {Field.MAKE: 0, Field.MODEL: 1}, id="names"),
    pytest.param(("Fabricant", "Modèle"), {Field.MAKE: 0, Field.MODEL: 1}, id="a-header-not-ascii"),
]


def reference(columns: Sequence[str], fields: dict[Field, int]) -> Line:
    """The row-by-row writer's line (report/json.py), as it writes a row."""
    identity = cells_identity(fields)

    def line(t: int, row: int, cells: Sequence[str], j: int) -> str:
        kept = {h: v for h, c in zip(columns, cells, strict=False) if c and (v := c.strip())}
        return (
            f',\n{HEAD}{row},"judgment":{IDS[j]},'
            f'"fingerprint":"{asset_fingerprint(identity(cells))}","fields":{_dumps(kept)}}}'
        )

    return line


def _block(columns: Sequence[str], rows: list[list[str]]) -> Block:
    cells = pa.RecordBatch.from_arrays(
        [pa.array([r[i] for r in rows], pa.string()) for i in range(len(columns))],
        [f"c{i}" for i in range(len(columns))],
    )
    numbers = pa.array(range(2, 2 + len(rows)), pa.int64())
    return Block(0, numbers, cells, pa.array([n % 2 for n in range(len(rows))], pa.int64()))


@pytest.mark.parametrize(("columns", "fields"), LAYOUTS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_blocks_lines_are_the_row_writers_lines(
    columns: tuple[str, ...], fields: dict[Field, int], data: st.DataObject
) -> None:
    rows = data.draw(
        st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), min_size=1)
    )
    block = _block(columns, rows)
    line = reference(columns, fields)
    expected = "".join(line(*row) for row in block.rows())
    text = b"".join(block_text(block, HEAD, columns, fields, IDS, _dumps, line))
    assert text.decode("utf-8") == expected
    identity = cells_identity(fields)
    assert block_fingerprints(block, fields).to_pylist() == [
        asset_fingerprint(identity(cells)) for _, _, cells, _ in block.rows()
    ]


def test_commas_fall_only_between_the_cells_a_row_has() -> None:
    columns = ("Make", "MAC", "Model")
    rows = [["", "", "M1"], ["Axis", "", ""], ["", "00:11", "M2"], ["Axis", "00:11", "M3"]]
    block = _block(columns, rows)
    text = b"".join(block_text(block, HEAD, columns, {}, IDS, _dumps, reference(columns, {})))
    fields = [json.loads(f"{{{t}")["fields"] for t in text.decode().split(",\n{")[1:]]
    assert fields == [
        {"Model": "M1"},
        {"Make": "Axis"},
        {"MAC": "00:11", "Model": "M2"},
        {"Make": "Axis", "MAC": "00:11", "Model": "M3"},
    ]
