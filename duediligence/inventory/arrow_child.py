"""One sheet loaded by fastexcel into an Arrow file, in a process of its own.

arrow_ahead.py runs this file as a program (`python -I arrow_child.py`) while its own
process checks the workbook. So it imports nothing of duediligence (-I puts no directory of
the caller's on the path, and it needs only the installed fastexcel and pyarrow). What to
load comes on stdin as UTF-8 JSON, not in argv, whose encoding follows the locale and which
cannot carry every sheet name; the table goes to a file with no name (a descriptor the
parent passes), so no other process can reach it. It dies with its parent, and caps its own
address space first: until the parent's check has read every part, nothing says the cells
do not lie far apart, and calamine allocates their whole box in one piece (a box the cap
refuses aborts this process, not the parent).
`load_table` is also the in-process load (arrow_sheet.py): one way to load, wherever it runs.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa
    from fastexcel import ExcelReader

LEFT = b"duediligence.left"
"""Schema metadata: the sheet's first used column (0-based)."""
SHEET = b"duediligence.sheet"
"""Schema metadata: the name of the sheet loaded, as UTF-8."""
READER = b"duediligence.reader"
"""Schema metadata: the fastexcel version that loaded it (-I can find another installed copy
than the parent's, which a PYTHONPATH or the user's site-packages gave it)."""
TYPED = b"duediligence.typed"
"""Schema metadata of a typed load (typed_sheet.py): its header names as a JSON list, null
for a name fastexcel made up (an empty cell)."""
LOST = b"duediligence.lost"
"""Schema metadata of a typed load: the cells fastexcel could not read as their column's
type, and so left null."""
REFUSED = 3
"""The child's exit status when fastexcel refused the typed load (two kinds in a column, an
error cell): python-calamine reads the sheet, without a second try here."""
PR_SET_PDEATHSIG = 1
SIGKILL = 9


def load_table(reader: ExcelReader, name: str) -> tuple[pa.Table, int]:
    """The sheet's every cell as text or null, from row 1 (skip_rows=0 keeps the empty rows
    above the first used one, as python-calamine's iter_rows does), and its first used
    column: fastexcel's columns start there."""
    import pyarrow as pa

    sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
    columns = sheet.available_columns()
    left = columns[0].absolute_index if columns else 0
    # A batch made a table by `from_batches`: `pa.table(batch)` asks whether it is a pandas
    # DataFrame first, which imports pandas where it is installed (~0.2 s, 35-40 MB).
    return pa.Table.from_batches([sheet.to_arrow()]), left


def load_typed(reader: ExcelReader, name: str) -> tuple[pa.Table, int, list[str | None], int]:
    """The sheet below its first row in fastexcel's typed columns, each of one type over all
    its rows (strict), its first used column, the first row's names (None where fastexcel
    made one up), and how many cells it left null for want of their column's type. Raises
    what fastexcel raises when a column holds two types."""
    import pyarrow as pa

    sheet = reader.load_sheet(
        name, header_row=0, skip_rows=0, schema_sample_rows=None, dtype_coercion="strict"
    )
    columns = sheet.available_columns()
    names = [None if c.column_name_from == "generated" else c.name for c in columns]
    body, lost = sheet.to_arrow_with_errors()
    left = columns[0].absolute_index if columns else 0
    table = pa.Table.from_batches([body])  # not pa.table(body): see load_table
    return table, left, names, 0 if lost is None else len(lost.errors)


def main(order: dict[str, Any]) -> None:
    _die_with(int(order["parent"]))
    # numpy marked absent before pyarrow loads, which would otherwise import it where it is
    # installed, for conversions this process never makes (cli/process.py `without_numpy`).
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]
    import fastexcel
    import pyarrow as pa

    _cap_address_space(
        int(order["budget"])
    )  # after the imports: their mappings are not the sheet's
    name = str(order["sheet"])
    reader = fastexcel.read_excel(str(order["workbook"]))
    metadata = {SHEET: name.encode(), READER: fastexcel.__version__.encode()}
    if order.get("typed"):
        try:
            table, left, names, lost = load_typed(reader, name)
        except fastexcel.FastExcelError:
            raise SystemExit(REFUSED) from None
        metadata[TYPED] = json.dumps(names).encode()
        metadata[LOST] = str(lost).encode()
    else:
        table, left = load_table(reader, name)
    table = table.replace_schema_metadata({**metadata, LEFT: str(left).encode()})
    out = f"/proc/self/fd/{int(order['out'])}"
    with pa.OSFile(out, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _die_with(parent: int) -> None:
    """Be killed when the parent dies (a signal, a crash): nothing would take the table, and
    the child would go on loading. Checked after asking, as the parent may already be gone."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, SIGKILL)
    if os.getppid() != parent:
        raise SystemExit(1)


def _cap_address_space(budget: int) -> None:
    import resource

    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[0])
    wanted = pages * resource.getpagesize() + budget
    # Never above a cap this process was started under: the cap only ever tightens.
    capped = resource.getrlimit(resource.RLIMIT_AS)
    limit = min(x for x in (wanted, *capped) if x != resource.RLIM_INFINITY)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


if __name__ == "__main__":
    main(json.loads(sys.stdin.buffer.read().decode("utf-8")))
