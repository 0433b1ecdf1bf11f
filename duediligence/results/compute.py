"""pyarrow.compute, for the modules that use it, without a lookup that cost a tenth of a second.

Each compute call checks whether an argument is a python-dateutil `relativedelta`, importing
`dateutil.relativedelta` to find out. Where python-dateutil is not installed that import
fails, and a failed import is searched for again on every call: about 0.1 ms a call, 0.1 s
over the few thousand calls a million-row scan makes (measured with cProfile). Where it is
absent, its absence is recorded once, as sys.modules allows; where it is installed nothing
changes.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING, Any

import pyarrow.compute
import pyarrow.types

if TYPE_CHECKING:
    import pyarrow as pa

if "dateutil" not in sys.modules and importlib.util.find_spec("dateutil") is None:
    sys.modules.setdefault("dateutil.relativedelta", None)  # type: ignore[arg-type]

pc: Any = pyarrow.compute
"""Untyped: the stubs do not accept the Python strings Arrow broadcasts as scalars."""


def own_bytes(text: pa.Array[Any]) -> memoryview:
    """The bytes a string array's values hold, end to end. A slice (a block of a sheet's
    column) shares its whole column's data buffer: only its own range is taken."""
    offsets, data = text.buffers()[1:3]
    if data is None or offsets is None or not len(text):
        return memoryview(b"")
    at = memoryview(offsets).cast("q" if pyarrow.types.is_large_string(text.type) else "i")
    return memoryview(data)[at[text.offset] : at[text.offset + len(text)]]


def holds(text: pa.Array[Any], byte: bytes, *more: bytes) -> bool:
    """Whether any value of a string array holds the byte (or any of `more`).

    The values' bytes are copied once and searched by `bytes`' own search: the copy and
    the search take a sixth of the time of a regular expression's search of the buffer in
    place (a million rows of 7 columns: 6 ms against 44 ms a byte), which was itself a
    fifth of Arrow's match_substring and any."""
    data = own_bytes(text).tobytes()
    return byte in data or any(b in data for b in more)
