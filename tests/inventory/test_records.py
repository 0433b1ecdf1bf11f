import codecs
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from duediligence.errors import InputError
from duediligence.inventory.columns import recognised
from duediligence.inventory.interface import Table
from duediligence.inventory.records import read_records
from duediligence.results.assets import Field

Contents = tuple[list[str], list[tuple[int, list[str]]]]


def write(path: Path, content: Any) -> Path:
    """Text or bytes as given; anything else as JSON."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        text = content if isinstance(content, str) else json.dumps(content, indent=2)
        path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> Table:
    return read_records(path, path.name)


def contents(table: Table) -> Contents:
    return table.header, list(table.rows)


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        list(read(path).rows)
    assert caught.value.location == path.name
    return caught.value.message


# JSON


def test_a_list_of_objects_is_read_under_the_union_of_its_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path / "inv.json",
        [{"make": "Acme", "model": "AC-1234B"}, {"model": "Z1", "site": "HQ", "make": "ZED"}],
    )
    table = read(path)
    assert (table.path, table.sheet, table.header_row, table.warnings) == ("inv.json", None, 0, [])
    assert contents(table) == (
        ["make", "model", "site"],
        [(1, ["Acme", "AC-1234B", ""]), (2, ["ZED", "Z1", "HQ"])],
    )


@pytest.mark.parametrize("key", ["assets", "devices", "data", "cameras"])
def test_records_may_sit_under_the_one_list_in_an_object(tmp_path: Path, key: str) -> None:
    path = write(tmp_path / "inv.json", {"exported": "2024-05-01", key: [{"make": "Acme"}]})
    assert contents(read(path)) == (["make"], [(1, ["Acme"])])


def test_a_list_of_objects_is_preferred_to_a_list_of_strings(tmp_path: Path) -> None:
    path = write(tmp_path / "inv.json", {"tags": ["cctv"], "cameras": [{"make": "Acme"}]})
    assert contents(read(path)) == (["make"], [(1, ["Acme"])])


def test_among_several_lists_of_objects_the_usual_key_is_read_and_the_rest_named(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "inv.json",
        {"sites": [{"name": "HQ"}], "assets": [{"make": "Acme"}], "owners": [{"name": "Ops"}]},
    )
    table = read(path)
    assert contents(table) == (["make"], [(1, ["Acme"])])
    assert table.warnings == [
        "inv.json: read the records under 'assets'; not read: the lists under 'sites', 'owners'"
    ]


def test_nested_values_become_dotted_columns_and_lists_stay_json(tmp_path: Path) -> None:
    record = {
        "make": "Acme",
        "location": {"site": "HQ", "room": {"name": "1.01"}},
        "tags": ["cctv", "lobby"],
        "ports": [],
        "extra": {},
        "poe": True,
        "price": 120.0,
        "lens_mm": 2.8,
        "quantity": 3,
        "note": None,
    }
    assert contents(read(write(tmp_path / "inv.json", [record]))) == (
        [
            "make",
            "location.site",
            "location.room.name",
            "tags",
            "ports",
            "extra",
            "poe",
            "price",
            "lens_mm",
            "quantity",
            "note",
        ],
        [(1, ["Acme", "HQ", "1.01", '["cctv","lobby"]', "", "", "TRUE", "120", "2.8", "3", ""])],
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            {"assets": [{"make": "Acme"}, "ZED Z1"]},
            "record 2 under 'assets': expected an object of named fields, found a string",
            id="string-record",
        ),
        pytest.param(
            [{"make": "Acme"}, [1, 2]],
            "record 2: expected an object of named fields, found a list",
            id="list-record",
        ),
        pytest.param([], "no records: the list is empty", id="empty-list"),
        pytest.param(
            {"assets": [], "note": "none yet"},
            "no records: the list under 'assets' is empty",
            id="empty-list-under-key",
        ),
        pytest.param(
            42,
            "expected a list of records, or an object holding one under a key such as 'assets';"
            " found a number",
            id="number",
        ),
        pytest.param(
            {"make": "Acme", "model": "AC-1"},
            "expected a list of records, or an object holding one under a key such as 'assets';"
            " found an object with keys 'make', 'model'",
            id="object-without-a-list",
        ),
        pytest.param(
            {"cameras": [{"make": "Acme"}], "doors": [{"make": "ZED"}]},
            "several lists ('cameras', 'doors'): cannot tell which holds the records;"
            " expected one list, under a key such as 'assets'",
            id="several-lists",
        ),
    ],
)
def test_json_that_holds_no_list_of_records_is_refused(
    tmp_path: Path, content: Any, message: str
) -> None:
    assert refused(write(tmp_path / "inv.json", content)) == message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            '[\n  {"make": "Acme" "model": "AC-1"}\n]',
            "not valid JSON at line 2, column 19: Expecting ',' delimiter",
            id="invalid",
        ),
        pytest.param(
            '{"make": "Acme"}\n{"make": "ZED"}\n',
            "not valid JSON at line 2, column 1: Extra data; one JSON object per line? Name the"
            " file .jsonl to read it as JSON Lines",
            id="json-lines-in-a-json-file",
        ),
        pytest.param("", "the file is empty: expected JSON records", id="empty"),
        pytest.param(" \n\n", "the file is empty: expected JSON records", id="blank"),
        pytest.param(
            b'[\n{"make": "Z\xe9D"}]',
            "line 2: not valid UTF-8 text (byte 0xe9): save the file as UTF-8",
            id="not-utf8",
        ),
        pytest.param(
            '[{"serial": ' + "9" * 5000 + "}]",
            "not valid JSON: Exceeds the limit (4300 digits) for integer string conversion",
            id="huge-number",
        ),
    ],
)
def test_unreadable_json_is_refused_with_where(tmp_path: Path, content: Any, message: str) -> None:
    assert refused(write(tmp_path / "inv.json", content)).startswith(message)


@pytest.mark.parametrize("depth", [900, 100_000])
def test_json_nested_too_deeply_is_refused_without_a_traceback(tmp_path: Path, depth: int) -> None:
    path = write(tmp_path / "inv.json", '[{"a":' * depth + "1" + "}]" * depth)
    assert "nested too deeply to read" in refused(path)


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(codecs.BOM_UTF8 + '[{"make": "Zürich"}]'.encode(), id="utf8-bom"),
        pytest.param('[{"make": "Zürich"}]'.encode("utf-16"), id="utf16-bom-powershell"),
    ],
)
def test_a_byte_order_mark_is_honoured(tmp_path: Path, encoded: bytes) -> None:
    assert contents(read(write(tmp_path / "inv.json", encoded))) == (["make"], [(1, ["Zürich"])])


# JSON Lines


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_json_lines_are_numbered_by_line_and_blank_lines_skipped(
    tmp_path: Path, suffix: str
) -> None:
    path = write(
        tmp_path / f"inv{suffix}",
        '{"make": "Acme", "model": "AC-1"}\n\n  \n{"make": "ZED", "loc": {"site": "HQ"}}\r\n',
    )
    assert contents(read(path)) == (
        ["make", "model", "loc.site"],
        [(1, ["Acme", "AC-1", ""]), (4, ["ZED", "", "HQ"])],
    )


def test_the_header_includes_keys_first_seen_on_the_last_line(tmp_path: Path) -> None:
    lines = [json.dumps({"make": "Acme"})] * 50 + [json.dumps({"make": "ZED", "serial": "S9"})]
    table = read(write(tmp_path / "inv.jsonl", "\n".join(lines)))
    assert table.header == ["make", "serial"]
    assert next(table.rows) == (1, ["Acme", ""])
    table.rows.close()


def test_json_lines_are_streamed_so_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    line = json.dumps({"make": "Acme", "model": "AC-1234B", "site": "North depot, room 12"})
    path = write(tmp_path / "inv.jsonl", "\n".join([line] * 20_000))
    assert path.stat().st_size > 1_000_000
    tracemalloc.start()
    try:
        table = read(path)
        count = sum(1 for _ in table.rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 500_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '{"make": "Acme"}\n\n{"make": }\n',
            "line 3: not valid JSON: Expecting value (column 10)",
            id="invalid",
        ),
        pytest.param(
            '{"make": "Acme"}\n["ZED", "Z1"]\n',
            "line 2: expected an object of named fields, found a list",
            id="list-line",
        ),
        pytest.param("\n\n", "no records: expected one JSON object per line", id="blank"),
        pytest.param("", "no records: expected one JSON object per line", id="empty"),
        pytest.param(
            '{"a":' * 100_000 + "1" + "}" * 100_000,
            "line 1: nested too deeply to read",
            id="too-deep",
        ),
    ],
)
def test_unreadable_json_lines_are_refused_naming_the_line(
    tmp_path: Path, text: str, message: str
) -> None:
    assert refused(write(tmp_path / "inv.jsonl", text)).startswith(message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            b'{"make": "Acme"}\n{"make": "Z\xe9D"}\n',
            "line 2: not valid UTF-8 text (byte 0xe9, column 12): save the file as UTF-8",
            id="not-utf8",
        ),
        pytest.param(
            '{"make": "Acme"}\n'.encode("utf-16"),
            "UTF-16 text: JSON Lines must be UTF-8; save it as UTF-8",
            id="utf16",
        ),
    ],
)
def test_json_lines_must_be_utf8(tmp_path: Path, content: bytes, message: str) -> None:
    assert refused(write(tmp_path / "inv.jsonl", content)) == message


# CycloneDX


def bom(*components: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": list(components), **extra}


COLUMNS = [
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
]


def test_cyclonedx_device_components_are_rows_numbered_in_traversal_order(
    tmp_path: Path,
) -> None:
    camera = {
        "type": "device",
        "bom-ref": "cam-1",
        "name": "AC-1234B",
        "version": "5.7",
        "group": "acme",
        "purl": "pkg:generic/acme/AC-1234B@5.7",
        "description": "Dome camera",
        "manufacturer": {"name": "Acme Vision"},
        "supplier": {"name": "Northwind Security"},
        "properties": [
            {"name": "cdx:device:serialNumber", "value": "SN-1"},
            {"name": "cdx:device:macAddress", "value": "00:11:22:33:44:55"},
            {"name": "cdx:device:certifications:US:FCC:id", "value": "2ACME-AC1"},
            {"name": "Site", "value": "HQ"},
        ],
        "components": [
            {"type": "firmware", "name": "acme-fw", "version": "5.7"},
            {"type": "device", "name": "Z1", "author": "ZED Corporation"},
        ],
    }
    document = bom(
        camera,
        {"type": "library", "name": "openssl"},
        {"type": "device", "name": "O-9", "publisher": "Oldbrand Inc."},
        metadata={"component": {"type": "application", "name": "Site inventory"}},
    )
    table = read(write(tmp_path / "inv.cdx.json", document))
    assert contents(table) == (
        [*COLUMNS, "Site"],
        [
            (
                2,
                [
                    "Acme Vision",
                    "Northwind Security",
                    "AC-1234B",
                    "5.7",
                    "cam-1",
                    "SN-1",
                    "00:11:22:33:44:55",
                    "2ACME-AC1",
                    "Dome camera",
                    "acme",
                    "pkg:generic/acme/AC-1234B@5.7",
                    "HQ",
                ],
            ),
            (4, ["ZED Corporation", "", "Z1", *[""] * 8, ""]),
            (6, ["Oldbrand Inc.", "", "O-9", *[""] * 8, ""]),
        ],
    )
    assert table.warnings == [
        "inv.cdx.json: 3 components are not devices: not read as equipment"
        " (1 application, 1 firmware, 1 library)"
    ]


def test_cyclonedx_columns_are_ones_the_column_mapper_knows(tmp_path: Path) -> None:
    table = read(write(tmp_path / "inv.json", bom({"type": "device", "name": "AC-1"})))
    assert set(recognised(table.header)) == {
        Field.MAKE,
        Field.SUPPLIER,
        Field.MODEL,
        Field.ASSET_ID,
        Field.SERIAL,
        Field.MAC,
        Field.FCC_ID,
        Field.DESCRIPTION,
    }


def test_a_hardware_boms_subject_device_comes_first_with_its_15_manufacture(
    tmp_path: Path,
) -> None:
    document = bom(
        {"type": "device", "name": "SoC-7", "manufacturer": {"name": "ZED"}},
        specVersion="1.5",
        metadata={
            "component": {"type": "device", "name": "AC-1234B"},
            "manufacture": {"name": "Acme Vision"},
        },
    )
    rows = list(read(write(tmp_path / "inv.json", document)).rows)
    assert [(n, cells[0], cells[2]) for n, cells in rows] == [
        (1, "Acme Vision", "AC-1234B"),
        (2, "ZED", "SoC-7"),
    ]


def test_cyclonedx_properties_named_like_a_column_fill_it_once(tmp_path: Path) -> None:
    device = {
        "type": "device",
        "name": "AC-1",
        "properties": [
            {"name": "serial", "value": "S1"},
            {"name": "Model", "value": "AC-1 rev B"},
            {"name": "Site", "value": "HQ"},
            {"name": "Site", "value": "Annex"},
        ],
    }
    table = read(write(tmp_path / "inv.json", bom(device)))
    assert table.header == [*COLUMNS, "Model", "Site"]
    [(_, cells)] = list(table.rows)
    assert (cells[COLUMNS.index("Serial")], cells[-2:]) == ("S1", ["AC-1 rev B", "HQ; Annex"])


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param(
            bom({"type": "library", "name": "openssl"}, {"type": "library", "name": "zlib"}),
            "no records: no component has type 'device' (2 other components: 2 library)",
            id="software-only",
        ),
        pytest.param(bom(), "no records: no component has type 'device'", id="no-components"),
        pytest.param(
            bom({"type": "device", "name": "AC-1", "components": [{"type": "device"}, "Z1"]}),
            "components[0].components[1]: expected a component object, found a string",
            id="component-not-an-object",
        ),
        pytest.param(
            {"bomFormat": "CycloneDX", "components": {"type": "device"}},
            "components: expected a list of components, found an object",
            id="components-not-a-list",
        ),
    ],
)
def test_a_bom_without_readable_devices_is_refused(
    tmp_path: Path, document: dict[str, Any], message: str
) -> None:
    assert refused(write(tmp_path / "inv.json", document)) == message


NETBOX_PAGE = {
    "count": 2,
    "next": None,
    "previous": None,
    "results": [
        {
            "id": 11,
            "name": "cam-lobby",
            "device_type": {
                "id": 3,
                "model": "DS-2CD2143G2-I",
                "manufacturer": {"id": 2, "name": "Hikvision", "slug": "hikvision"},
            },
            "site": {"id": 1, "name": "HQ", "slug": "hq"},
            "primary_ip4": {"id": 7, "address": "192.168.1.64/24"},
            "serial": "E12345678",
            "tags": [
                {"id": 1, "name": "CCTV", "slug": "cctv", "display": "CCTV"},
                {"id": 2, "name": "Lobby", "slug": "lobby"},
            ],
            "custom_fields": {},
        },
        {
            "id": 12,
            "name": "sw-core",
            "device_type": {"model": "S5735-L24T4X-A1", "manufacturer": {"name": "Huawei"}},
            "site": None,
            "primary_ip4": None,
            "tags": ["core", 3],
        },
    ],
}
"""A page of NetBox's /api/dcim/devices/ as its REST API documentation shows one
(pagination keys, nested objects for related records), cut to the fields that matter."""


def test_a_netbox_api_page_is_read_from_its_results_with_lists_joined(tmp_path: Path) -> None:
    table = read(write(tmp_path / "devices.json", NETBOX_PAGE))
    header, rows = contents(table)
    assert header[:8] == [
        "id",
        "name",
        "device_type.id",
        "device_type.model",
        "device_type.manufacturer.id",
        "device_type.manufacturer.name",
        "device_type.manufacturer.slug",
        "site.id",
    ]
    cells = [dict(zip(header, r, strict=True)) for _, r in rows]
    assert [n for n, _ in rows] == [1, 2]
    wanted = (
        "device_type.manufacturer.name",
        "device_type.model",
        "primary_ip4.address",
        "site.name",
        "tags",
    )
    assert [[c[k] for k in wanted] for c in cells] == [
        ["Hikvision", "DS-2CD2143G2-I", "192.168.1.64/24", "HQ", "CCTV, Lobby"],
        ["Huawei", "S5735-L24T4X-A1", "", "", "core, 3"],
    ]
    assert table.warnings == []


def test_a_list_of_records_that_is_not_an_api_page_keeps_its_lists_as_json(
    tmp_path: Path,
) -> None:
    document = {"results": [{"make": "Acme", "tags": [{"name": "a"}]}]}
    _, rows = contents(read(write(tmp_path / "inv.json", document)))
    assert rows == [(1, ["Acme", '[{"name":"a"}]'])]
