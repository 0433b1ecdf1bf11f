"""`pc` calls Arrow's kernels as pyarrow.compute does: the same results, options and errors."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute
import pytest

from duediligence.results.kernels import Kernels, pc

TEXT = pa.array([" a ", "b", None, "é"], pa.string())
INTS = pa.array([3, 1, None, 2], pa.int32())
FLAGS = pa.array([True, False, None, True])
BATCH = pa.record_batch([TEXT, INTS], names=["t", "n"])
WIDER = pyarrow.compute.CastOptions(pa.int64())

CALLS: list[Any] = [
    pytest.param("take", (TEXT, pa.array([3, 0, 0])), {}, id="take"),
    pytest.param("take", (BATCH, pa.array([1, 0])), {}, id="take-a-batch"),
    pytest.param("take", (TEXT, pa.array([9])), {}, id="take-out-of-bounds"),
    pytest.param("filter", (BATCH, pa.array([True, False, True, False])), {}, id="filter-a-batch"),
    pytest.param("filter", (TEXT, FLAGS), {"null_selection_behavior": "emit_null"}, id="filter"),
    pytest.param("cast", (INTS, pa.string()), {}, id="cast"),
    pytest.param("cast", (INTS, pa.int8()), {"safe": False}, id="cast-unsafe"),
    pytest.param("cast", (TEXT, pa.int64()), {}, id="cast-refused"),
    pytest.param("cast", (INTS,), {"options": WIDER}, id="cast-options"),
    pytest.param("cast", (INTS, pa.int64()), {"options": WIDER}, id="cast-both"),
    pytest.param("fill_null", (TEXT, pa.scalar("")), {}, id="fill-null"),
    pytest.param("fill_null", (INTS, 0), {}, id="fill-null-python"),
    pytest.param("fill_null", (INTS, pa.scalar(0, pa.int64())), {}, id="fill-null-other-type"),
    pytest.param("and_", (FLAGS, FLAGS), {}, id="and"),
    pytest.param("or_", (FLAGS, pa.array([False] * 4)), {}, id="or"),
    pytest.param("invert", (FLAGS,), {}, id="unary"),
    pytest.param("invert", (FLAGS, FLAGS), {}, id="too-many-arguments"),
    pytest.param("equal", (TEXT,), {}, id="too-few-arguments"),
    pytest.param("is_in", (TEXT,), {"value_set": pa.array(["b"])}, id="options-by-keyword"),
    pytest.param("is_in", (TEXT,), {"options": {"value_set": pa.array(["b"])}}, id="options-dict"),
    pytest.param("is_in", (TEXT,), {"options": 3}, id="options-of-another-kind"),
    pytest.param(
        "is_in",
        (TEXT, pyarrow.compute.SetLookupOptions(pa.array(["b"]))),
        {},
        id="options-by-position",
    ),
    pytest.param(
        "is_in",
        (TEXT,),
        {"value_set": pa.array(["b"]), "options": pyarrow.compute.SetLookupOptions(pa.array([]))},
        id="options-twice",
    ),
    pytest.param("binary_join_element_wise", (TEXT, TEXT, pa.scalar("-")), {}, id="varargs"),
    pytest.param(
        "binary_join_element_wise",
        (TEXT, pa.scalar("-")),
        {"null_handling": "replace", "null_replacement": "?"},
        id="varargs-with-options",
    ),
    pytest.param("utf8_trim_whitespace", (TEXT,), {}, id="text"),
    pytest.param("match_substring_regex", (TEXT,), {"pattern": "^ ?[ab]"}, id="regex"),
    pytest.param("value_counts", (INTS,), {}, id="value-counts"),
    pytest.param("any", (FLAGS,), {}, id="aggregate"),
    pytest.param("cumulative_sum", (INTS,), {"start": pa.scalar(1, pa.int32())}, id="running"),
    pytest.param("dictionary_encode", (TEXT,), {}, id="dictionary"),
    pytest.param("index_in", (TEXT,), {"value_set": TEXT}, id="index-in"),
    pytest.param("replace_with_mask", (TEXT, FLAGS, pa.array(["x", "y", "z"])), {}, id="mask"),
]


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "value", call()
    except Exception as refused:  # noqa: BLE001 -- the refusal is what is compared
        return type(refused).__name__, str(refused)


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS)
def test_each_call_is_what_pyarrow_compute_makes_of_it(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    expected = _outcome(lambda: getattr(pyarrow.compute, name)(*args, **kwargs))
    found = _outcome(lambda: getattr(Kernels(), name)(*args, **kwargs))
    assert found[0] == expected[0]
    if found[0] == "value":
        assert found[1].equals(expected[1])
        assert getattr(found[1], "type", None) == getattr(expected[1], "type", None)
        assert getattr(found[1], "schema", None) == getattr(expected[1], "schema", None)
    else:
        assert found[1] == expected[1]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("field", id="written-by-pyarrow-compute"),
        pytest.param("scalar", id="another"),
        pytest.param("index", id="written-over-a-kernel-of-the-name"),
        pytest.param("top_k_unstable", id="another-over-a-kernel"),
    ],
)
def test_a_name_pyarrow_compute_writes_by_hand_is_its_own(name: str) -> None:
    assert getattr(Kernels(), name) is getattr(pyarrow.compute, name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("no_such_kernel", id="unknown"),
        pytest.param("hash_sum", id="a-grouped-aggregate"),
        pytest.param("__wrapped__", id="a-dunder"),
    ],
)
def test_a_name_pyarrow_compute_does_not_expose_is_no_attribute(name: str) -> None:
    with pytest.raises(AttributeError):
        getattr(Kernels(), name)


def test_a_wrapper_is_made_once() -> None:
    assert pc.take is pc.take
    assert pc.is_in is pc.is_in


def test_importing_the_kernels_leaves_pyarrow_compute_unimported() -> None:
    """What the module saves: a fresh interpreter that calls kernels never imports it."""
    code = (
        "import sys\n"
        "from duediligence.results.compute import int_array, pc\n"
        "pc.sum(pc.take(int_array([1, 2]), int_array([1])))\n"
        "print('pyarrow.compute' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
