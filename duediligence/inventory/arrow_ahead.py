"""A large sheet of text loaded in a child process while this one checks the workbook.

Before any reader may load a sheet, check_extents reads the XML of every part (calamine
aborts the process on a box of cells it cannot allocate, and refusing such a file is the
check's job): 1.6 s for a million rows of 7 columns, then fastexcel's load, 3.4-4 s. One
after the other they are most of a large scan, and the load cannot run beside the check in
this process, since it could abort the process before the check refuses the file. In a
child process it can (arrow_child.py): the child loads the sheet into an Arrow file under
an address-space cap while this process checks; its table is taken only once the check has
passed, and it is what the same load in this process would give. Any failure of the child
(the cap reached, a crash, no fastexcel, output not as expected) leaves the load to this
process, as before.

The file has no name: memfd_create makes it, its descriptor is passed to the child, and
it is gone when both have closed it, however either ends. Only where it pays: the largest
part holds at least AHEAD_BYTES of XML (IDLE_AHEAD_BYTES while a core is idle: the check
it hides then runs beside it) and its first piece is text, or text, numbers, dates
and truth values (extent.leading_cells: the child then loads the typed columns, which this
process makes text, typed_sheet.py), on Linux (memfd, /proc, prctl). Measured on a million
rows of text with the JSON report (docs/performance.md, 2026-12-07, on the one Arrow path):
7.7 s of wall time against 9.0-9.1 s in one process, for 0.5-1.0 s more CPU time (the two
overlap on two cores); this process's peak 377-385 MB against 731 MB, the child's 705 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from duediligence.inventory import arrow_child
from duediligence.inventory.arrow_sheet import ArrowSheet
from duediligence.inventory.child_watch import watched
from duediligence.inventory.extent import leading_cells
from duediligence.inventory.typed_sheet import typed_text

AHEAD_BYTES = 96 << 20
"""About 230,000 rows of a register's XML: from here the child is started whatever else the
machine runs. At a million rows it saves 1.3-1.5 s of wall time and halves this process's
peak (docs/performance.md); at 300,000 rows (126 MB) it saved 0.1-0.45 s."""
IDLE_AHEAD_BYTES = 16 << 20
"""About 40,000 rows, twice fastexcel's arrow_sheet.MIN_BYTES: from here to AHEAD_BYTES the
child is started only when a core is idle (`_idle_core`). Starting it (the interpreter,
fastexcel and pyarrow: 0.05-0.07 s) and handing back its table (an 18 MB Arrow file at
200,000 rows: 0.02 s written, mapped in 1 ms) cost 0.1-0.15 s of CPU time, and what it
hides is the check (0.3-0.45 s at 200,000 rows), which only a core of its own can hide:
measured (benchmarks/scale.py, docs/performance.md 2026-12-07), with a core idle it saved
0.09 s of wall time at 50,000 rows (20 MB), 0.2 s at 100,000 and 0.24-0.47 s at 200,000;
with both cores busy (load average 2-5 on two) it cost 0.1-0.3 s. Below MIN_BYTES the sheet
is python-calamine's and a child would be wasted."""
BASE_BUDGET = 1 << 30
BUDGET_PER_BYTE = 4
"""The child's address space beyond its imports: 1 GiB and 4 bytes a byte of the part's XML
(a million rows, 419 MB of XML, took 1.5 GB of it; calamine keeps ~1.7 bytes a byte). So a
hostile part gets no more memory in the child than a genuine sheet of the size its archive
declares (at most archive.MAX_UNPACKED) gets in this process, and a genuine sheet past the
cap is loaded here."""
CHILD_ENVIRONMENT = {"ARROW_DEFAULT_MEMORY_POOL": "system"}
"""Arrow's default allocator reserves address space a gigabyte at a time, so under a cap a
little over a gigabyte the child failed on its first allocations; the system allocator
takes what it uses."""
LOADAVG = "/proc/loadavg"
"""Linux's load averages and the tasks runnable now ("0.52 0.41 0.60 1/312 4242")."""
MAX_COLUMN = 16_383
"""Excel's last column, XFD, counted from 0."""


REFUSED = "refused"
"""What `take` gives for a typed sheet fastexcel refused, or that cannot be shown to read as
python-calamine reads it: python-calamine's to load, not this process's fastexcel again."""


class SheetAhead:
    """One sheet being loaded by a child process into a file with no name: its text, or
    (`typed`) its typed columns, made text here once the check has passed (typed_sheet.py)."""

    def __init__(self, path: Path, name: str, size: int, typed: bool = False) -> None:
        self.name = name
        self.typed = typed
        self._out = os.memfd_create("duediligence-sheet", os.MFD_CLOEXEC)
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-I", arrow_child.__file__],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(self._out,),
                env={**os.environ, **CHILD_ENVIRONMENT},
            )
        except BaseException:
            os.close(self._out)
            raise
        order = {
            "workbook": str(path),
            "sheet": name,
            "out": self._out,
            "budget": BASE_BUDGET + BUDGET_PER_BYTE * size,
            "parent": os.getpid(),
            "typed": typed,
        }
        try:
            assert self._child.stdin is not None
            with self._child.stdin as stdin:
                stdin.write(json.dumps(order).encode("utf-8"))
        except OSError:
            pass  # the child is gone already: take() finds it failed

    def take(self) -> ArrowSheet | str | None:
        """The sheet as the child loaded it, or None when the child failed or its table is
        not one the load here could have given (another sheet, another fastexcel, not text);
        REFUSED for a typed sheet that is python-calamine's to read."""
        import fastexcel
        import pyarrow as pa

        status = watched(self._child)  # a stuck child killed: loaded here
        if status == arrow_child.REFUSED and self.typed:
            return REFUSED
        if status != 0:
            return None
        try:
            # Mapped, not read: the table's buffers keep the mapping after the file is closed.
            with pa.memory_map(f"/proc/self/fd/{self._out}") as source:
                table = pa.ipc.open_file(source).read_all()
        except (OSError, pa.ArrowException):
            return None
        metadata = table.schema.metadata or {}
        left = metadata.get(arrow_child.LEFT, b"")
        if (
            metadata.get(arrow_child.SHEET) != self.name.encode("utf-8", "surrogatepass")
            or metadata.get(arrow_child.READER) != fastexcel.__version__.encode()
            or not left.isdigit()
            or int(left) > MAX_COLUMN
            or (arrow_child.TYPED in metadata) is not self.typed
        ):
            return None
        table = table.replace_schema_metadata(None)
        if self.typed:
            return self._typed(table, int(left), metadata)
        if not all(pa.types.is_string(t) or pa.types.is_null(t) for t in table.schema.types):
            return None
        return ArrowSheet(self.name, table, int(left))

    def _typed(
        self, table: Any, left: int, metadata: dict[bytes, bytes]
    ) -> ArrowSheet | str | None:
        try:
            names = json.loads(metadata[arrow_child.TYPED])
            lost = int(metadata.get(arrow_child.LOST, b""))
        except ValueError:
            return None
        if (
            not isinstance(names, list)
            or len(names) != table.num_columns
            or not all(n is None or isinstance(n, str) for n in names)
        ):
            return None
        text = typed_text(table, left, names, lost)
        return REFUSED if text is None else ArrowSheet(self.name, *text)

    def close(self) -> None:
        """Stop the child if it still runs and let go of the file: on every path out."""
        try:
            if self._child.poll() is None:
                self._child.kill()
                self._child.wait()
        finally:
            os.close(self._out)


def start_ahead(path: Path, name: str, limit: int) -> SheetAhead | None:
    """The sheet's load started in a child process when it pays (module docstring), else None."""
    if not sys.platform.startswith("linux") or not sys.executable:
        return None
    least = AHEAD_BYTES
    if IDLE_AHEAD_BYTES < AHEAD_BYTES and _idle_core():
        least = IDLE_AHEAD_BYTES
    size, typed = leading_cells(path, limit, least)
    if not size:
        return None
    try:
        return SheetAhead(path, name, size, typed)
    except (OSError, ValueError):
        return None  # no child to be had here (a sandbox, no memfd): load here


def _idle_core() -> bool:
    """Whether a core is likely free for the child beside this process: no more tasks
    runnable at this moment than the cores it may use less one (/proc/loadavg's count holds
    this process too), and the last minute's load average below those cores (a machine kept
    busy is not taken for idle by one quiet moment). The average alone lags by a minute, and
    a benchmark's own runs keep it near 1."""
    try:
        with open(LOADAVG, encoding="ascii") as loadavg:
            fields = loadavg.read().split()
        cores = len(os.sched_getaffinity(0))
        running = int(fields[3].partition("/")[0])
        return cores > 1 and running <= cores - 1 and float(fields[0]) < cores
    except (OSError, ValueError, IndexError):
        return False
