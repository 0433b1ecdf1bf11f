"""One sheet loaded by fastexcel into an Arrow file, in a process of its own.

arrow_ahead.py runs this file as a program (`python -I arrow_child.py WORKBOOK SHEET OUT
BUDGET`) while its own process checks the workbook. So it imports nothing of duediligence
(-I puts no directory of the caller's on the path, and needs only the installed fastexcel
and pyarrow), and it caps its own address space first: until the parent's check has read
every part, nothing says the cells do not lie far apart, and calamine allocates their whole
box in one piece (a box the cap refuses aborts this process, not the parent).
`load_table` is also the in-process load (arrow_sheet.py): one way to load, wherever it runs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa
    from fastexcel import ExcelReader

LEFT = b"duediligence.left"
"""The Arrow file's schema metadata key for the sheet's first used column (0-based)."""


def load_table(reader: ExcelReader, name: str) -> tuple[pa.Table, int]:
    """The sheet's every cell as text or null, from row 1 (skip_rows=0 keeps the empty rows
    above the first used one, as python-calamine's iter_rows does), and its first used
    column: fastexcel's columns start there."""
    import pyarrow as pa

    sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
    columns = sheet.available_columns()
    left = columns[0].absolute_index if columns else 0
    return pa.table(sheet.to_arrow()), left


def main(arguments: list[str]) -> None:
    workbook, name, out, budget = arguments
    import fastexcel
    import pyarrow as pa

    _cap_address_space(int(budget))  # after the imports, whose mappings are not the sheet's
    table, left = load_table(fastexcel.read_excel(workbook), name)
    table = table.replace_schema_metadata({LEFT: str(left).encode()})
    with pa.OSFile(out, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


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
    main(sys.argv[1:])
