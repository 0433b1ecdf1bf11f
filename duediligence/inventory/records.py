"""JSON and JSON Lines files: one record or line per row (a CycloneDX BOM: cyclonedx.py)."""

from __future__ import annotations

import codecs
import json
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from duediligence.errors import InputError
from duediligence.inventory.cyclonedx import read_bom
from duediligence.inventory.interface import Table
from duediligence.inventory.json_values import json_kind, json_text

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
# Keys an export commonly keeps its records under; used only to choose among several lists.
RECORD_KEYS = (
    "assets",
    "items",
    "devices",
    "inventory",
    "equipment",
    "data",
    "records",
    "rows",
    "results",
)
PAGE_KEYS = frozenset({"count", "results"})
"""The keys of a page of a REST API list as NetBox (and Django REST framework, which it is
built on) sends it, with `next` and `previous` links beside them (NetBox's REST API
documentation, "Pagination")."""
# What names an object inside a list, in NetBox's nested objects (a tag, a VLAN, an IP):
# "display" is the text NetBox's own pages show for it.
NAME_KEYS = ("display", "name", "address", "slug", "label", "value")
TOO_DEEP = "nested too deeply to read (hundreds of levels of objects or lists)"

Rows = Generator[tuple[int, list[str]], None, None]


def read_records(path: Path, display: str) -> Table:
    """Records as rows under the union of their keys, in the order keys are first seen.

    A page of a REST API (PAGE_KEYS: NetBox's device list) is read from its `results`, and
    its lists (tags, addresses) are joined as text, each object by its name (NAME_KEYS).

    There is no header row, so `header_row` is 0 and a row number says where the record is:
    its place in the list ("record N"), its line in a JSON Lines file, or a component's place
    in a CycloneDX BOM, counted through every component, nested ones included, in the order
    the file lists them. Nested objects become dotted columns ("location.site").
    """
    if path.suffix.lower() in JSON_LINES_SUFFIXES:
        return _read_lines(path, display)
    document = _load(path, display)
    if isinstance(document, dict) and document.get("bomFormat") == "CycloneDX":
        return read_bom(document, display)
    records, key, warnings = _records_in(document, display)
    joined = isinstance(document, dict) and PAGE_KEYS <= document.keys() and key == "results"
    under = "" if key is None else f" under {key!r}"
    if not records:
        raise InputError(f"no records: the list{under} is empty", display)
    flat: list[dict[str, str]] = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(
                f"record {number}{under}: expected an object of named fields, found"
                f" {json_kind(record)}",
                display,
            )
        flat.append(_flat(record, display, f"record {number}{under}", joined))
    header = list(dict.fromkeys(name for fields in flat for name in fields))
    rows = ((n, [fields.get(h, "") for h in header]) for n, fields in enumerate(flat, start=1))
    return Table(display, None, header, 0, rows, [f"{display}: {w}" for w in warnings])


def _load(path: Path, display: str) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    if not raw.strip():
        raise InputError("the file is empty: expected JSON records", display)
    # Windows PowerShell writes UTF-16 with a byte-order mark; JSON itself should be UTF-8.
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"line {line}: not valid {'UTF-16' if utf16 else 'UTF-8'} text (byte"
            f" {raw[exc.start]:#04x}): save the file as UTF-8",
            display,
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = (
            "; one JSON object per line? Name the file .jsonl to read it as JSON Lines"
            if exc.msg == "Extra data"
            else ""
        )
        raise InputError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}", display
        ) from exc
    except RecursionError as exc:
        raise InputError(TOO_DEEP, display) from exc
    except ValueError as exc:  # an integer too long to convert, for one
        raise InputError(f"not valid JSON: {_why(exc)}", display) from exc


def _records_in(document: Any, display: str) -> tuple[list[Any], str | None, list[str]]:
    """The list holding the records: the document itself, or the one list inside an object.

    An object with several lists is read only when exactly one of them holds objects, or
    exactly one of those is under a usual key ("assets", "devices", ...).
    """
    if isinstance(document, list):
        return document, None, []
    if not isinstance(document, dict):
        raise InputError(
            "expected a list of records, or an object holding one under a key such as"
            f" 'assets'; found {json_kind(document)}",
            display,
        )
    lists = [k for k, v in document.items() if isinstance(v, list)]
    if len(lists) > 1:
        lists = [k for k in lists if document[k] and isinstance(document[k][0], dict)] or lists
    if len(lists) > 1:
        usual = [k for k in lists if k.casefold() in RECORD_KEYS]
        if len(usual) != 1:
            raise InputError(
                f"several lists ({_names(lists)}): cannot tell which holds the"
                " records; expected one list, under a key such as 'assets'",
                display,
            )
        others = [k for k in lists if k != usual[0]]
        return (
            document[usual[0]],
            usual[0],
            [f"read the records under {usual[0]!r}; not read: the lists under {_names(others)}"],
        )
    if not lists:
        raise InputError(
            "expected a list of records, or an object holding one under a key such as 'assets';"
            f" found an object with keys {_names(list(document)[:8])}",
            display,
        )
    return document[lists[0]], lists[0], []


def _read_lines(path: Path, display: str) -> Table:
    """Two passes, so memory holds one line and the header, never the file: the first
    collects every key so the header is complete before the second yields a row."""
    header: dict[str, None] = {}
    count = 0
    for _, fields in _lines(path, display):
        header.update(dict.fromkeys(fields))
        count += 1
    if not count:
        raise InputError("no records: expected one JSON object per line", display)
    names = list(header)
    return Table(display, None, names, 0, _line_rows(path, display, names))


def _line_rows(path: Path, display: str, names: list[str]) -> Rows:
    for number, fields in _lines(path, display):
        yield number, [fields.get(name, "") for name in names]


def _lines(path: Path, display: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", display) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    raise InputError(
                        "UTF-16 text: JSON Lines must be UTF-8; save it as UTF-8", display
                    )
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            where = f"line {number}"
            try:
                value = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{where}: not valid UTF-8 text (byte {raw[exc.start]:#04x}, column"
                    f" {exc.start + 1}): save the file as UTF-8",
                    display,
                ) from exc
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{where}: not valid JSON: {exc.msg} (column {exc.colno})", display
                ) from exc
            except RecursionError as exc:
                raise InputError(f"{where}: {TOO_DEEP}", display) from exc
            except ValueError as exc:
                raise InputError(f"{where}: not valid JSON: {_why(exc)}", display) from exc
            if not isinstance(value, dict):
                raise InputError(
                    f"{where}: expected an object of named fields, found {json_kind(value)}",
                    display,
                )
            yield number, _flat(value, display, where)


def _why(exc: ValueError) -> str:
    """The reason without Python's advice to programmers ("use sys.set_int_max_str_digits()
    to increase the limit"): a number thousands of digits long is no inventory's."""
    return str(exc).split("; use sys.", 1)[0]


def _flat(record: dict[str, Any], display: str, where: str, joined: bool = False) -> dict[str, str]:
    try:
        return _flatten(record, "", {}, joined)
    except RecursionError as exc:
        raise InputError(f"{where}: {TOO_DEEP}", display) from exc


def _flatten(
    record: dict[str, Any], prefix: str, out: dict[str, str], joined: bool
) -> dict[str, str]:
    for key, value in record.items():
        if isinstance(value, dict) and value:
            _flatten(value, f"{prefix}{key}.", out, joined)
        elif joined and isinstance(value, list):
            out[f"{prefix}{key}"] = ", ".join(t for item in value if (t := _named(item)))
        else:
            out[f"{prefix}{key}"] = json_text(value)
    return out


def _named(item: Any) -> str:
    """A list item as text: an object by its first name key, else as JSON."""
    if isinstance(item, dict):
        name = next((item[k] for k in NAME_KEYS if isinstance(item.get(k), str) and item[k]), None)
        if name is not None:
            return str(name).strip()
    return json_text(item)


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)
