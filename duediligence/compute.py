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
from typing import Any

import pyarrow.compute

if "dateutil" not in sys.modules and importlib.util.find_spec("dateutil") is None:
    sys.modules.setdefault("dateutil.relativedelta", None)  # type: ignore[arg-type]

pc: Any = pyarrow.compute
"""Untyped: the stubs do not accept the Python strings Arrow broadcasts as scalars."""
