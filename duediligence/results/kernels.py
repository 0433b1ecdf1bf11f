"""Arrow's compute functions, called as pyarrow.compute calls them, without importing it.

Importing pyarrow.compute wraps every one of Arrow's ~300 kernels in a Python function with
its signature and docstring: ~30 ms of every scan's start-up, for the fifty-odd a scan calls
(docs/performance.md). `pc` makes the wrapper of a kernel the first time it is asked for, the
way pyarrow.compute makes each (its arguments, its options class, the same call into Arrow),
and keeps it. `take`, `cast` and `fill_null`, which pyarrow.compute writes by hand, are
written here the same way; any other name pyarrow.compute writes by hand (`index`, `field`,
`scalar`, ...) is taken from pyarrow.compute, imported then.

Array methods such as `Array.take`, `Array.cast` or `RecordBatch.filter` import
pyarrow.compute on their first call: the scan calls `pc.take(array, ...)` instead.

Each compute call also checks whether an argument is a python-dateutil `relativedelta`,
importing `dateutil.relativedelta` to find out. Where python-dateutil is not installed that
import fails, and a failed import is searched for again on every call: about 0.1 ms a call,
0.1 s over the few thousand calls a million-row scan makes (measured with cProfile). Where
it is absent, its absence is recorded once, as sys.modules allows; where it is installed
nothing changes.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import typing
from collections.abc import Callable
from typing import Any

import pyarrow
import pyarrow._compute

_compute: Any = pyarrow._compute
"""Untyped, as pyarrow.compute reads it: the stubs know neither `_doc` nor `Expression._call`."""
_lib: Any = pyarrow.lib

if "dateutil" not in sys.modules and importlib.util.find_spec("dateutil") is None:
    sys.modules.setdefault("dateutil.relativedelta", None)  # type: ignore[arg-type]

_REWRITES = {"and_": "and", "or_": "or"}
"""Python names of kernels named by keywords, as pyarrow.compute spells them."""


def take(data: Any, indices: Any, *, boundscheck: bool = True, memory_pool: Any = None) -> Any:
    """pyarrow.compute.take."""
    options = _compute.TakeOptions(boundscheck=boundscheck)
    return _compute.call_function("take", [data, indices], options, memory_pool)


def cast(
    arr: Any,
    target_type: Any = None,
    safe: bool | None = None,
    options: Any = None,
    memory_pool: Any = None,
) -> Any:
    """pyarrow.compute.cast."""
    if (safe is not None or target_type is not None) and options is not None:
        raise ValueError(
            "Must either pass values for 'target_type' and 'safe' or pass a value for 'options'"
        )
    if options is None:
        target_type = _lib.ensure_type(target_type)
        if safe is False:
            options = _compute.CastOptions.unsafe(target_type)
        else:
            options = _compute.CastOptions.safe(target_type)
    return _compute.call_function("cast", [arr], options, memory_pool)


def fill_null(values: Any, fill_value: Any) -> Any:
    """pyarrow.compute.fill_null."""
    if not isinstance(fill_value, pyarrow.Array | pyarrow.ChunkedArray | pyarrow.Scalar):
        fill_value = pyarrow.scalar(fill_value, type=values.type)
    elif values.type != fill_value.type:
        fill_value = pyarrow.scalar(typing.cast(Any, fill_value).as_py(), type=values.type)
    return _compute.call_function("coalesce", [values, fill_value])


_WRITTEN: dict[str, Callable[..., Any]] = {"take": take, "cast": cast, "fill_null": fill_null}

_THEIRS = frozenset({"index", "top_k_unstable", "bottom_k_unstable", "random", "field", "scalar"})
"""Names pyarrow.compute writes by hand over a kernel of the name, or without one: taken
from pyarrow.compute itself, which is imported then."""


def _wrapped(name: str) -> Callable[..., Any]:
    """pyarrow.compute's wrapper of one kernel (`_make_generic_wrapper`), without the
    signature and docstring it writes for help()."""
    kernel = _REWRITES.get(name, name)
    func = _compute.function_registry().get_function(kernel)
    if func.kind == "hash_aggregate" or (func.kind == "scalar_aggregate" and func.arity == 0):
        raise AttributeError(name)  # pyarrow.compute exposes neither
    class_name = func._doc.options_class
    options_class = getattr(_compute, class_name) if class_name else None
    arity: Any = func.arity
    expression = _compute.Expression

    if options_class is None:

        def plain(*args: Any, memory_pool: Any = None) -> Any:
            if arity is not Ellipsis and len(args) != arity:
                raise TypeError(
                    f"{name} takes {arity} positional argument(s), but {len(args)} were given"
                )
            if args and isinstance(args[0], expression):
                return expression._call(kernel, list(args))
            return func.call(args, None, memory_pool)

        return plain

    def optioned(*args: Any, memory_pool: Any = None, options: Any = None, **kwargs: Any) -> Any:
        if arity is not Ellipsis:
            if len(args) < arity:
                raise TypeError(
                    f"{name} takes {arity} positional argument(s), but {len(args)} were given"
                )
            option_args, args = args[arity:], args[:arity]
        else:
            option_args = ()
        if option_args or kwargs:
            if options is not None:
                raise TypeError(
                    f"Function {name!r} called with both an 'options' argument "
                    "and additional arguments"
                )
            options = options_class(*option_args, **kwargs)
        elif isinstance(options, dict):
            options = options_class(**options)
        elif options is not None and not isinstance(options, options_class):
            raise TypeError(
                f"Function {name!r} expected a {options_class} parameter, got {type(options)}"
            )
        if args and isinstance(args[0], expression):
            return expression._call(kernel, list(args), options)
        return func.call(args, options, memory_pool)

    return optioned


class Kernels:
    """The kernels by pyarrow.compute's names (`pc.take`, `pc.and_`), each wrapped on first
    use. A name Arrow has no kernel for is looked up in pyarrow.compute itself."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        found: Any = _WRITTEN.get(name)
        if found is None and name not in _THEIRS:
            try:
                found = _wrapped(name)
            except (pyarrow.ArrowKeyError, AttributeError):
                pass
        if found is None:
            found = getattr(importlib.import_module("pyarrow.compute"), name)
        setattr(self, name, found)
        return found


pc: Any = Kernels()
"""Untyped: the stubs do not accept the Python strings Arrow broadcasts as scalars."""
