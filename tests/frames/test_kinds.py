"""The added columns as Arrow builds them: each row's answer picked from its group's, text
with 64-bit offsets for frames in memory and 32-bit for Spark, which declares it so."""

from __future__ import annotations

import pyarrow as pa
import pytest

from duediligence.frames.judged import COLUMNS, RowAnswer
from duediligence.frames.kinds import Answers, answer_table

FLAGGED = RowAnswer(
    "hikvision", "Hikvision", "hikvision", 0.97, "critical", ("A", "B"), True, "why"
)
CLEAN = RowAnswer(None, None, None, None, None, (), False, "no make, model or MAC")


@pytest.mark.parametrize(
    ("large", "text", "rules"),
    [
        pytest.param(True, pa.large_string(), pa.large_list(pa.large_string()), id="in-memory"),
        pytest.param(False, pa.string(), pa.list_(pa.string()), id="spark"),
    ],
)
def test_each_row_gets_its_groups_answer_in_the_declared_types(
    large: bool, text: pa.DataType, rules: pa.DataType
) -> None:
    table = answer_table(Answers(pa.array([1, 0, 1], pa.int64()), [FLAGGED, CLEAN]), large=large)
    assert table.column_names == list(COLUMNS)
    assert table.schema.field("dd_explanation").type == text
    assert table.schema.field("dd_rules").type == rules
    assert table.column("dd_rules").to_pylist() == [[], ["A", "B"], []]
    assert table.column("dd_entity").to_pylist() == [None, "hikvision", None]
    assert table.column("dd_flagged").to_pylist() == [False, True, False]
