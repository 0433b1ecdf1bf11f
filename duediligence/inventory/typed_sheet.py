"""A large workbook of text, numbers, dates and truth values read by fastexcel's typed
columns, each made the text python-calamine's cells make (`cells.cell_text`).

A register kept in Excel holds its purchase dates as date cells, so the text-only load
(arrow_sheet.py) does not take it, and python-calamine then hands out a Python object a
cell for the blocks to turn back into text: at a million rows 1.2 s of cells to Arrow and
0.5 s of rows taken, besides a load a quarter dearer than fastexcel's. fastexcel asked for
its typed columns instead gives one Arrow column a column, and both parse with calamine, so
each column is made text here as python-calamine's value would be made:

- a column of numbers (`double`, or `int64`): each distinct value by `cell_text` itself;
- truth values: TRUE and FALSE;
- a date or time (`timestamp[ms]`, both readers from calamine's one conversion, rounded to
  the millisecond): python-calamine makes a serial below 1 a time of day, any other a date
  or a date and time, which `cell_text` writes as a date at midnight. A serial below 1 is a
  moment before 1900-01-01 in the 1900 date system and before 1904-01-02 in 1904's, so a
  moment from 1900-01-01 to 1904-01-02 cannot be told apart without the date system (nor a
  serial within half a millisecond of 1): such a sheet is left to python-calamine, as is
  one before 1899-12-31 (a negative serial) or past 9999;
- a duration (a cell styled `[h]:mm`): `str(timedelta)`, as `cell_text`;
- text as it is, an empty cell as null.

The first row is fastexcel's header (`header_row=0`), so that a column's type is read from
the rows below it; its names are the first row's text, which the check allows to hold text
alone (extent.Cells.typed_only: fastexcel would name a number its own way, and make a name
up for a date or a truth value as for an empty cell); a name it made up is an empty cell.
A name that may be a duplicate it renamed (`Make_1` beside `Make`), or text that reads as
a name it makes up (`__UNNAMED__3`), leaves the sheet to python-calamine, as does a column
whose cells are of two kinds (strict coercion: dates with an 'n/a' among them), text
fastexcel reads as null in a typed column ('NA', 'n/a', 'null': `to_arrow_with_errors`
counts them) or as a number ('NaN'), or anything fastexcel refuses: then the sheet reads,
and fails, exactly as before. The check also keeps off every workbook holding another kind
of cell (an error, a formula's text, which the two readers' calamine versions unescape
differently, an ISO date), merged cells, a style naming a built-in East Asian date format
(python-calamine's calamine reads it as a date, fastexcel's as a number), an escaped NUL
(fastexcel drops it from a name), or a part that inflates to another size than declared.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from duediligence.inventory.arrow_child import load_typed
from duediligence.inventory.cells import cell_text

if TYPE_CHECKING:
    import pyarrow as pa
    from fastexcel import ExcelReader

# fastexcel logs a column it found no type for ("falling back to string") through Python's
# logging; unconfigured, that would reach stderr as a stray line (arrow_sheet.py does the
# same for calamine's).
logging.getLogger("fastexcel").addHandler(logging.NullHandler())

_TIMES_FROM = datetime(1899, 12, 31)
"""Serial 0 in the 1900 date system: a moment from here to 1900-01-01 is a time of day."""
_DATES_FROM = datetime(1904, 1, 2)
"""Serial 1 in the 1904 date system: a moment after it is a date in either system."""
_LAST = datetime(9999, 12, 31, 23, 59, 59, 999000)
_MADE_UP = re.compile(r"__UNNAMED__[0-9]+")
"""fastexcel's name for a column whose first cell is empty: text that reads so is not told
apart from it."""
_RENAMED = re.compile(r"(.*)_[0-9]+", re.DOTALL)
"""fastexcel's name for a second column of one name: `Make_1` after `Make`."""


class NotAlike(Exception):
    """The sheet's typed columns cannot be shown to read as python-calamine's cells."""


def load_typed_table(reader: ExcelReader, name: str) -> tuple[pa.Table, int] | None:
    """The sheet's every cell as text or null, from Excel's row 1, and its first used column;
    None when it must be read by python-calamine (see the module's docstring). Never raises
    over the file: python-calamine reads it again, and words any fault as it always has."""
    try:
        body, left, names, lost = load_typed(reader, name)
    except BaseException as exc:
        if not _refused(exc):
            raise
        return None
    return typed_text(body, left, names, lost)


def typed_text(
    body: pa.Table, left: int, names: list[str | None], lost: int
) -> tuple[pa.Table, int] | None:
    """A typed load (arrow_child.load_typed, here or in the child) as the sheet's text from
    row 1, and its first used column; None when it cannot be shown to read alike."""
    try:
        if lost:  # text fastexcel reads as null in a typed column: 'NA', 'n/a'
            raise NotAlike(f"{lost} cells")
        header = _header(names)
        texts = [_column_text(body.column(i).combine_chunks()) for i in range(body.num_columns)]
    except NotAlike:
        return None
    return _with_header(header, texts), left


def _refused(exc: BaseException) -> bool:
    """fastexcel's own errors (strict coercion, an error cell, a damaged part), or a Rust
    panic, which reaches Python as pyo3's PanicException, a BaseException."""
    from fastexcel import FastExcelError

    return isinstance(exc, FastExcelError) or type(exc).__name__ == "PanicException"


def _header(names: Iterable[str | None]) -> list[str | None]:
    """The first row's text, None for an empty cell (a name fastexcel made up)."""
    header: list[str | None] = []
    for name in names:
        if name is not None and not _plain(name, header):
            raise NotAlike(name)
        header.append(name)
    return header


def _plain(name: str, before: list[str | None]) -> bool:
    renamed = _RENAMED.fullmatch(name)
    if renamed is not None and renamed[1] in before:
        return False
    return _MADE_UP.fullmatch(name) is None


def _with_header(header: list[str | None], texts: list[pa.Array[Any]]) -> pa.Table:
    import pyarrow as pa

    from duediligence.results.compute import text_array

    if not texts:
        return pa.table({})
    first = [text_array([h]) if h is not None else pa.nulls(1, pa.string()) for h in header]
    columns = zip(first, texts, strict=True)
    return pa.Table.from_arrays(
        [pa.chunked_array([top, column], pa.string()) for top, column in columns],
        [str(i) for i in range(len(texts))],
    )


def _column_text(values: pa.Array[Any]) -> pa.Array[Any]:
    """A typed column as the text of its cells, null where a cell is empty."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.types as types

    kind = values.type
    if types.is_string(kind) or types.is_large_string(kind):
        return values.cast(pa.string())
    if types.is_null(kind):
        return pa.nulls(len(values), pa.string())
    if types.is_floating(kind) and pc.any(pc.is_nan(values)).as_py():
        raise NotAlike("NaN")  # text fastexcel took for a number: 'NaN', '-nan'
    if types.is_floating(kind) or types.is_integer(kind) or types.is_boolean(kind):
        return _by_distinct(values, cell_text)
    if types.is_timestamp(kind) and kind.unit == "ms" and kind.tz is None:
        return _by_distinct(values, _moment_text)
    if types.is_duration(kind) and kind.unit == "ms":
        return _by_distinct(values, _duration_text)
    raise NotAlike(str(kind))


def _by_distinct(values: pa.Array[Any], text: Any) -> pa.Array[Any]:
    """Each distinct value made text once (a million dates repeat a few thousand days)."""
    import pyarrow as pa

    from duediligence.results.compute import text_array

    encoded = values.dictionary_encode()
    try:
        distinct = encoded.dictionary.to_pylist()
    except (ValueError, OverflowError) as exc:  # a year past 9999: not a Python datetime
        raise NotAlike(str(exc)) from exc
    words = text_array([text(v) for v in distinct])
    return pa.DictionaryArray.from_arrays(encoded.indices, words).cast(pa.string())


def _moment_text(moment: datetime) -> str:
    if _TIMES_FROM <= moment < datetime(1900, 1, 1):
        return time.isoformat(moment.time())
    if _DATES_FROM < moment <= _LAST:
        return cell_text(moment)
    raise NotAlike(moment.isoformat())


def _duration_text(duration: timedelta) -> str:
    return cell_text(duration)
