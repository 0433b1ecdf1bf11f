import pytest

from duediligence.assets import Field
from duediligence.errors import InputError
from duediligence.inventory.columns import map_columns, recognised, unique_headers


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Make", Field.MAKE),
        ("Manufacturer", Field.MAKE),
        ("VENDOR", Field.MAKE),
        ("Brand", Field.MAKE),
        ("Model", Field.MODEL),
        ("Model No.", Field.MODEL),
        ("model_number", Field.MODEL),
        ("Part Number", Field.MODEL),
        ("MAC", Field.MAC),
        ("MAC Address", Field.MAC),
        ("Asset Tag", Field.ASSET_ID),
        ("Asset ID", Field.ASSET_ID),
        ("Serial", Field.SERIAL),
        ("S/N", Field.SERIAL),
        ("Supplier", Field.SUPPLIER),
        ("Site", Field.SITE),
        ("Location", Field.SITE),
        ("Purchase Date", Field.PURCHASED),
        ("Install Date", Field.INSTALLED),
        ("Description", Field.DESCRIPTION),
        ("FCC ID", Field.FCC_ID),
        ("Hersteller", Field.MAKE),
        ("Fabricant", Field.MAKE),
        ("Fabricante", Field.MAKE),
        ("制造商", Field.MAKE),
        ("メーカー", Field.MAKE),
        ("Modell", Field.MODEL),
        ("Modèle", Field.MODEL),
        ("型号", Field.MODEL),
        ("MAC-Adresse", Field.MAC),
        ("Adresse MAC", Field.MAC),
        ("Seriennummer", Field.SERIAL),
        ("Numéro de série", Field.SERIAL),
        ("Lieferant", Field.SUPPLIER),
        ("Fournisseur", Field.SUPPLIER),
        ("Standort", Field.SITE),
        ("Kaufdatum", Field.PURCHASED),
        ("Date d'achat", Field.PURCHASED),
        ("购买日期", Field.PURCHASED),
        ("Beschreibung", Field.DESCRIPTION),
        ("Inventarnummer", Field.ASSET_ID),
    ],
)
def test_common_header_names_are_recognised(header: str, field: Field) -> None:
    assert recognised(["Colour", header]) == {field: 1}


def test_the_first_column_wins_and_others_pass_through() -> None:
    cmap = map_columns(["Manufacturer", "Brand", "Model"], {}, "inv.csv")
    assert cmap.fields == {Field.MAKE: 0, Field.MODEL: 2}


def test_map_overrides_the_header_names() -> None:
    cmap = map_columns(["Manufacturer", "Brand", "Model"], {Field.MAKE: "brand"}, "inv.csv")
    assert cmap.fields[Field.MAKE] == 1
    assert cmap.reasons[Field.MAKE] == "--map make=brand"
    assert "make <- column 'Brand': --map make=brand" in cmap.explain()


def test_map_to_a_missing_column_is_a_clear_error() -> None:
    with pytest.raises(InputError) as caught:
        map_columns(["Make", "Model"], {Field.MAC: "Hardware"}, "inv.csv")
    assert str(caught.value) == (
        "inv.csv: --map mac=Hardware: no column 'Hardware'; the columns are 'Make', 'Model'"
    )


def test_a_table_that_cannot_name_a_maker_is_refused() -> None:
    with pytest.raises(InputError, match="no column says who made the items") as caught:
        map_columns(["Asset Tag", "Site", "Cost"], {}, "inv.csv")
    assert "found 'Asset Tag', 'Site', 'Cost'" in str(caught.value)


def test_duplicate_and_empty_headers_keep_every_cell() -> None:
    headers, warnings = unique_headers(["Make", "", "Make"])
    assert headers == ["Make", "Column 2", "Make (2)"]
    assert warnings == ["duplicate header 'Make' in column 3: kept as 'Make (2)'"]


@pytest.mark.parametrize(
    ("header", "field", "why"),
    [
        ("Camera Manufacturer", Field.MAKE, "is 'manufacturer' with a qualifier"),
        ("Device Model", Field.MODEL, "is 'model' with a qualifier"),
        ("Manufacturor", Field.MAKE, "is close to 'manufacturer' (one letter differs)"),
        ("Modle No", Field.MODEL, "is close to 'model no' (one letter differs)"),
        ("Serail Number", Field.SERIAL, "is close to 'serial number' (one letter differs)"),
        ("Mac Adress", Field.MAC, "is close to 'mac address' (one letter differs)"),
    ],
)
def test_qualified_and_misspelt_headers_are_read_and_say_so(
    header: str, field: Field, why: str
) -> None:
    cmap = map_columns(["Description", header], {}, "inv.csv")
    assert cmap.fields[field] == 1
    assert cmap.reasons[field] == f"header {header!r} {why}"


@pytest.mark.parametrize(
    "header", ["Made", "Mode", "Marked", "Vendor Contact", "Model Year", "Supplier Email"]
)
def test_short_or_different_headers_are_not_guessed(header: str) -> None:
    assert recognised(["Colour", header]) == {}


def test_an_exact_header_beats_a_lookalike() -> None:
    assert recognised(["Manufacturor", "Make"]) == {Field.MAKE: 1}


def test_a_misspelt_header_is_a_warning_to_confirm() -> None:
    cmap = map_columns(["Manufacturor", "Model"], {}, "inv.csv")
    assert cmap.guesses() == [
        "column 'Manufacturor' read as make: header 'Manufacturor' is close to 'manufacturer'"
        " (one letter differs); if that is wrong, use --map make=COLUMN"
    ]
    assert map_columns(["Camera Manufacturer"], {}, "inv.csv").guesses() == []


@pytest.mark.parametrize(
    ("header", "field"),
    [
        pytest.param(h, Field.NOTES, id=f"notes-{h}")
        for h in ("Notes", "Comments", "Remarks", "Bemerkung", "Remarques", "Observaciones",
                  "Osservazioni", "Opmerkingen", "Observações", "备注", "備考", "비고")
    ]
    + [
        pytest.param(h, Field.HOSTNAME, id=f"hostname-{h}")
        for h in ("Hostname", "Host Name", "Device Name", "Computer Name", "DNS Name", "Name",
                  "Nombre", "Gerätename", "主机名", "ホスト名", "호스트명")
    ],
)  # fmt: skip
def test_notes_and_hostname_headers(header: str, field: Field) -> None:
    assert recognised(["Colour", header]) == {field: 1}
