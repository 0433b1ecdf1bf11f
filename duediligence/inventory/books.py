"""The workbook formats python-calamine reads, and the checks each passes before it is opened.

calamine reads .xlsx/.xlsm (Office Open XML), .xlsb (Excel's binary format, a zip of binary
records), .ods (OpenDocument, a zip of XML) and .xls (Excel 97-2003, records inside an OLE
compound file). Each holds a sheet as the dense box of its cells, so each gets a bound on
that box before the cells are built: extent.py for .xlsx (lazily, sheet by sheet, since
calamine builds those on demand), and here, before the book is opened, for .ods and .xls
(calamine parses every sheet of those when it opens the file) and .xlsb.
"""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook, XmlError

from duediligence.errors import InputError
from duediligence.inventory.archive import check_workbook
from duediligence.inventory.formats import XLSX_SUFFIXES
from duediligence.inventory.ods import Merges, check_ods
from duediligence.inventory.xls import check_xls
from duediligence.inventory.xlsb import check_xlsb


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


_CHECKED: dict[tuple[str, int, int, int], Merges] = {}
"""Files that passed, by path, size, modification time and limit, with what the check
found: the workbook report opens an input again, and one check is enough for an unchanged
file (extent.py keeps the same for .xlsx)."""


def check_book(path: Path, display: str, limit: int) -> Merges:
    """Raise InputError unless the file may be handed to calamine: an archive that may be
    unpacked (archive.py), and for .ods, .xlsb and .xls, cells that span at most `limit`.

    Returns the merged ranges of an .ods or .xlsb, by sheet, which calamine does not give.
    """
    suffix = path.suffix.lower()
    check_workbook(path, display, ole=suffix == ".xls")
    if suffix not in (".ods", ".xlsb", ".xls"):
        return {}
    stat = path.stat()
    seen = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, limit)
    if (known := _CHECKED.get(seen)) is not None:
        return known
    merges: Merges = {}
    if suffix == ".ods":
        merges = check_ods(path, display, limit)
    elif suffix == ".xlsb":
        merges = check_xlsb(path, display, limit)
    else:
        check_xls(path, display, limit)
    _CHECKED[seen] = merges
    return merges


def is_calamine_fault(exc: BaseException) -> bool:
    """Whether calamine raised it over the file: its own exception types, or a Rust panic,
    which reaches Python as a BaseException (pyo3's PanicException) on a damaged file."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def open_book(path: Path, display: str, limit: int) -> tuple[CalamineWorkbook, Merges]:
    """The book opened by calamine once its checks pass, and the merged ranges calamine
    does not give (`check_book`)."""
    merges = check_book(path, display, limit)
    try:
        return CalamineWorkbook.from_path(str(path)), merges
    except BaseException as exc:
        if not is_calamine_fault(exc):
            raise
        raise InputError(f"not a readable workbook: {calamine_reason(exc)}", display) from exc


def calamine_reason(exc: BaseException) -> str:
    """calamine's message, framed: an XML error can be as terse as the name of the element
    cut short ('t'), and an entity a DTD declares (billion laughs) is one too. fastexcel
    wraps the same message ("calamine error: Xlsx error: Xml error: ...") and adds lines of
    context; what comes before them, unwrapped, is framed alike."""
    # One line: an entity's name may hold a line break.
    message = " ".join(str(exc).split("\nContext:")[0].split()) or type(exc).__name__
    if not isinstance(exc, XmlError):
        message = message.removeprefix("calamine error: ").removeprefix("Xlsx error: ")
        if "xml" not in message.casefold():
            return message
        message = message.removeprefix("Xml error: ")
    if message.startswith(("I/O error", "Zip error")):
        return f"the file is damaged ({message})"
    return f"its XML is damaged, or not as Excel writes it ({message})"
