"""CycloneDX BOMs: each component of type device is a row; software is counted, not read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from duediligence.errors import InputError
from duediligence.inventory.interface import Table
from duediligence.inventory.json_values import json_kind, json_text

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


def read_bom(bom: dict[str, Any], display: str) -> Table:
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
                f"{where}: expected a component object, found {json_kind(component)}", display
            )
        yield where, component
        _push(pending, f"{where}.components", component.get("components"), display)


def _push(pending: list[tuple[str, Any]], where: str, children: Any, display: str) -> None:
    if children is None:
        return
    if not isinstance(children, list):
        raise InputError(
            f"{where}: expected a list of components, found {json_kind(children)}", display
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
        or json_text(component.get("author"))
        or json_text(component.get("publisher")),
        "Supplier": _entity(component.get("supplier")),
        "Model": json_text(component.get("name")),
        "Version": json_text(component.get("version")),
        "Asset ID": json_text(component.get("bom-ref")),
        "Description": json_text(component.get("description")),
        "Group": json_text(component.get("group")),
        "Purl": json_text(component.get("purl")),
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
        if isinstance(item, dict) and (name := json_text(item.get("name"))):
            value = json_text(item.get("value"))
            out[name] = "; ".join(v for v in (out.get(name, ""), value) if v)
    return out


def _entity(value: Any) -> str:
    """An organizational entity's name; some tools write the bare name as a string."""
    return json_text(value.get("name")) if isinstance(value, dict) else json_text(value)
