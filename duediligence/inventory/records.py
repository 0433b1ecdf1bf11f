"""JSON, JSON Lines and CycloneDX files: one record, line or device component per row."""

from __future__ import annotations

import codecs
import json
from collections import Counter
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from duediligence.errors import InputError
from duediligence.inventory.cells import cell_text
from duediligence.inventory.interface import Table

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

# CycloneDX 1.5 to 1.7 have one component type for hardware, "device"; there is no
# "hardware" or "machine" type (components[].type in https://cyclonedx.org/docs/1.6/json/).
DEVICE_TYPES = frozenset({"device"})
BOM_COLUMNS = (
    "Manufacturer",
    "Supplier",
    "Model",
    "Version",
    "Asset ID",
    "Serial",
    "MAC",
    "FCC ID",
    "Description",
    "Group",
    "Purl",
)
# Registered in the cdx:device property taxonomy
# (https://github.com/CycloneDX/cyclonedx-property-taxonomy/blob/main/cdx/device.md); a
# component has no serial number field of its own (the BOM's serialNumber names the BOM).
DEVICE_PROPERTIES = {
    "cdx:device:serialnumber": "Serial",
    "cdx:device:macaddress": "MAC",
    "cdx:device:certifications:us:fcc:id": "FCC ID",
}

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
        return _read_bom(document, display)
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
                f" {_kind(record)}",
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
            f" 'assets'; found {_kind(document)}",
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
                    f"{where}: expected an object of named fields, found {_kind(value)}", display
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
            out[f"{prefix}{key}"] = _text(value)
    return out


def _named(item: Any) -> str:
    """A list item as text: an object by its first name key, else as JSON."""
    if isinstance(item, dict):
        name = next((item[k] for k in NAME_KEYS if isinstance(item.get(k), str) and item[k]), None)
        if name is not None:
            return str(name).strip()
    return _text(item)


def _text(value: Any) -> str:
    """A JSON value as a cell: a list or object stays JSON, compact, so nothing is lost."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""
    return cell_text(value)


def _read_bom(bom: dict[str, Any], display: str) -> Table:
    """Device components, one per row; software in an SBOM is not equipment, so other types
    are counted in one warning rather than read.

    The BOM's own subject (metadata.component) comes first, as the file lists it: a hardware
    BOM describes one device and lists its parts beneath.
    """
    metadata = bom.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    # CycloneDX 1.5 names the subject's maker in metadata.manufacture; 1.6 deprecates it.
    subject_maker = _entity(metadata.get("manufacture"))
    devices: list[tuple[int, tuple[list[str], dict[str, str]]]] = []
    others: Counter[str] = Counter()
    for number, (where, component) in enumerate(_components(bom, metadata, display), start=1):
        kind = component.get("type")
        if isinstance(kind, str) and kind in DEVICE_TYPES:
            maker = subject_maker if where == "metadata.component" else ""
            devices.append((number, _device(component, maker)))
        else:
            others[kind if isinstance(kind, str) and kind else "no type"] += 1
    count = sum(others.values())
    tally = ", ".join(f"{n} {kind}" for kind, n in others.most_common())
    if not devices:
        raise InputError(
            "no records: no component has type 'device'"
            + (f" ({count} other component{'s' if count != 1 else ''}: {tally})" if count else ""),
            display,
        )
    warnings: list[str] = []
    if count:
        are = "component is not a device" if count == 1 else "components are not devices"
        warnings.append(f"{display}: {count} {are}: not read as equipment ({tally})")
    names = list(dict.fromkeys(name for _, (_, properties) in devices for name in properties))
    rows = ((n, cells + [props.get(name, "") for name in names]) for n, (cells, props) in devices)
    return Table(display, None, [*BOM_COLUMNS, *names], 0, rows, warnings)


def _components(
    bom: dict[str, Any], metadata: dict[str, Any], display: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every component with its path in the file, depth first, in the order the file lists
    them; a stack, not recursion, so deep assemblies cannot exhaust Python's stack."""
    pending: list[tuple[str, Any]] = []
    _push(pending, "components", bom.get("components"), display)
    if "component" in metadata:
        pending.append(("metadata.component", metadata["component"]))
    while pending:
        where, component = pending.pop()
        if not isinstance(component, dict):
            raise InputError(
                f"{where}: expected a component object, found {_kind(component)}", display
            )
        yield where, component
        _push(pending, f"{where}.components", component.get("components"), display)


def _push(pending: list[tuple[str, Any]], where: str, children: Any, display: str) -> None:
    if children is None:
        return
    if not isinstance(children, list):
        raise InputError(
            f"{where}: expected a list of components, found {_kind(children)}", display
        )
    pending.extend((f"{where}[{i}]", child) for i, child in reversed(list(enumerate(children))))


def _device(component: dict[str, Any], subject_maker: str) -> tuple[list[str], dict[str, str]]:
    """A device's cells under BOM_COLUMNS, then its properties by name.

    The maker falls back to the 1.5 subject's manufacture, then to the deprecated author and
    the publisher, which hardware BOMs use for the same company. A property named like a
    column, or registered for it, fills that column when the component leaves it empty.
    """
    cells = {
        "Manufacturer": _entity(component.get("manufacturer"))
        or subject_maker
        or _text(component.get("author"))
        or _text(component.get("publisher")),
        "Supplier": _entity(component.get("supplier")),
        "Model": _text(component.get("name")),
        "Version": _text(component.get("version")),
        "Asset ID": _text(component.get("bom-ref")),
        "Description": _text(component.get("description")),
        "Group": _text(component.get("group")),
        "Purl": _text(component.get("purl")),
    }
    properties: dict[str, str] = {}
    for name, value in _properties(component.get("properties")).items():
        column = DEVICE_PROPERTIES.get(name.casefold()) or next(
            (c for c in BOM_COLUMNS if c.casefold() == name.casefold()), None
        )
        if column is not None and not cells.get(column):
            cells[column] = value
        else:
            properties[name] = value
    return [cells.get(c, "") for c in BOM_COLUMNS], properties


def _properties(properties: Any) -> dict[str, str]:
    """Name -> value; CycloneDX allows a name more than once, so values are joined."""
    out: dict[str, str] = {}
    for item in properties if isinstance(properties, list) else []:
        if isinstance(item, dict) and (name := _text(item.get("name"))):
            value = _text(item.get("value"))
            out[name] = "; ".join(v for v in (out.get(name, ""), value) if v)
    return out


def _entity(value: Any) -> str:
    """An organizational entity's name; some tools write the bare name as a string."""
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)
