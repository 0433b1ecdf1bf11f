import pytest

from duediligence.errors import InputError
from duediligence.inventory.columns import map_columns, recognised, unique_headers
from duediligence.inventory.content import Profile, profile_values
from duediligence.results.assets import Field
from tests.factory import WordProbe


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
        ("Installer", Field.SUPPLIER),
        ("Installed By", Field.SUPPLIER),
        ("Maintainer", Field.SUPPLIER),
        ("Maintenance Contractor", Field.SUPPLIER),
        ("Systems Integrator", Field.SUPPLIER),
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


# Headers as the templates people export name them: FedRAMP Integrated Inventory Workbook,
# ServiceNow CMDB, Snipe-IT, Lansweeper, Intune, runZero, NetBox (docs/columns.md cites each).
@pytest.mark.parametrize(
    ("header", "fields"),
    [
        pytest.param("UNIQUE ASSET IDENTIFIER", {Field.ASSET_ID}, id="fedramp-asset-id"),
        pytest.param("Hardware Make/Model", {Field.MAKE, Field.MODEL}, id="fedramp-make-model"),
        pytest.param("Serial #/Asset Tag#", {Field.SERIAL}, id="fedramp-serial"),
        pytest.param("MAC Address", {Field.MAC}, id="fedramp-mac"),
        pytest.param("Location", {Field.SITE}, id="fedramp-location"),
        pytest.param("manufacturer", {Field.MAKE}, id="servicenow-manufacturer"),
        pytest.param("model_id", {Field.MAKE, Field.MODEL}, id="servicenow-model-id"),
        pytest.param("serial_number", {Field.SERIAL}, id="servicenow-serial"),
        pytest.param("asset_tag", {Field.ASSET_ID}, id="servicenow-asset-tag"),
        pytest.param("mac_address", {Field.MAC}, id="servicenow-mac"),
        pytest.param("vendor", {Field.MAKE}, id="servicenow-vendor"),
        pytest.param("Model No.", {Field.MODEL}, id="snipeit-model-no"),
        pytest.param("Serialnumber", {Field.SERIAL}, id="lansweeper-serial"),
        pytest.param("Purchasedate", {Field.PURCHASED}, id="lansweeper-purchase"),
        pytest.param("Serial number", {Field.SERIAL}, id="intune-serial"),
        pytest.param("Wi-Fi MAC", {Field.MAC}, id="intune-wifi-mac"),
        pytest.param("Ethernet MAC", {Field.MAC}, id="intune-ethernet-mac"),
        pytest.param("hw", {Field.MAKE, Field.MODEL}, id="runzero-hw"),
        pytest.param("macs", {Field.MAC}, id="runzero-macs"),
        pytest.param("mac_vendors", {Field.MAKE}, id="runzero-mac-vendors"),
        pytest.param("os", {Field.DESCRIPTION}, id="runzero-os"),
        pytest.param("Device Type", {Field.MODEL}, id="netbox-device-type"),
        pytest.param("Type", {Field.MODEL}, id="netbox-csv-type"),
        pytest.param("short_description", {Field.DESCRIPTION}, id="servicenow-short-description"),
        pytest.param("device_type.manufacturer.name", {Field.MAKE}, id="netbox-api-maker"),
        pytest.param("device_type.model", {Field.MODEL}, id="netbox-api-model"),
        pytest.param("serial", {Field.SERIAL}, id="netbox-serial"),
        pytest.param("site.name", {Field.SITE}, id="netbox-site"),
        pytest.param("Make/Model", {Field.MAKE, Field.MODEL}, id="make-slash-model"),
        pytest.param("Manufacturer & Model", {Field.MAKE, Field.MODEL}, id="manufacturer-and"),
        pytest.param("Model ID", {Field.MAKE, Field.MODEL}, id="model-id"),
    ],
)
def test_template_headers_are_recognised(header: str, fields: set[Field]) -> None:
    assert recognised(["Colour", header]) == dict.fromkeys(fields, 1)


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        pytest.param("nro_serie", {Field.SERIAL}, id="es-nro-serie"),
        pytest.param("Número de serie", {Field.SERIAL}, id="es-numero-de-serie"),
        pytest.param("Nº de série", {Field.SERIAL}, id="pt-no-de-serie"),
        pytest.param("número de série", {Field.SERIAL}, id="pt-numero-de-serie"),
        pytest.param("fecha_instalacion", {Field.INSTALLED}, id="es-fecha-instalacion"),
        pytest.param("Fecha de instalación", {Field.INSTALLED}, id="es-fecha-de-instalacion"),
        pytest.param("data de instalação", {Field.INSTALLED}, id="pt-data-de-instalacao"),
        pytest.param("Data de compra", {Field.PURCHASED}, id="pt-data-de-compra"),
        pytest.param("fabricante", {Field.MAKE}, id="pt-fabricante"),
        pytest.param("Marca", {Field.MAKE}, id="es-marca"),
        pytest.param("modelo", {Field.MODEL}, id="pt-modelo"),
        pytest.param("Marca y modelo", {Field.MAKE, Field.MODEL}, id="es-marca-y-modelo"),
        pytest.param("endereço MAC", {Field.MAC}, id="pt-endereco-mac"),
        pytest.param("Dirección MAC", {Field.MAC}, id="es-direccion-mac"),
        pytest.param("fornecedor", {Field.SUPPLIER}, id="pt-fornecedor"),
        pytest.param("Proveedor", {Field.SUPPLIER}, id="es-proveedor"),
        pytest.param("Localização", {Field.SITE}, id="pt-localizacao"),
        pytest.param("Ubicación", {Field.SITE}, id="es-ubicacion"),
        pytest.param("Patrimônio", {Field.ASSET_ID}, id="pt-patrimonio"),
        pytest.param("Número de activo", {Field.ASSET_ID}, id="es-numero-de-activo"),
        pytest.param("Descrição", {Field.DESCRIPTION}, id="pt-descricao"),
        pytest.param("Serien-Nr.", {Field.SERIAL}, id="de-serien-nr"),
        pytest.param("Inbetriebnahme", {Field.INSTALLED}, id="de-inbetriebnahme"),
        pytest.param("N° de série", {Field.SERIAL}, id="fr-n-de-serie"),
        pytest.param("Date de mise en service", {Field.INSTALLED}, id="fr-mise-en-service"),
        pytest.param("Matricola", {Field.SERIAL}, id="it-matricola"),
        pytest.param("Data di installazione", {Field.INSTALLED}, id="it-installazione"),
        pytest.param("Installatiedatum", {Field.INSTALLED}, id="nl-installatiedatum"),
        pytest.param("品牌型号", {Field.MAKE, Field.MODEL}, id="zh-brand-model"),
        pytest.param("設置場所", {Field.SITE}, id="ja-site"),
        pytest.param("제조업체", {Field.MAKE}, id="ko-maker"),
        pytest.param("ID FCC", {Field.FCC_ID}, id="es-pt-it-id-fcc"),
        pytest.param("ID de la FCC", {Field.FCC_ID}, id="es-id-de-la-fcc"),
        pytest.param("Identificador FCC", {Field.FCC_ID}, id="es-pt-identificador-fcc"),
        pytest.param("ID da FCC", {Field.FCC_ID}, id="pt-id-da-fcc"),
        pytest.param("Identifiant FCC", {Field.FCC_ID}, id="fr-identifiant-fcc"),
        pytest.param("FCC-Kennung", {Field.FCC_ID}, id="de-fcc-kennung"),
        pytest.param("FCC编号", {Field.FCC_ID}, id="zh-fcc-number"),
        pytest.param("FCC認証番号", {Field.FCC_ID}, id="ja-fcc-number"),
    ],
)
def test_spanish_portuguese_and_other_register_headers_are_recognised(
    header: str, fields: set[Field]
) -> None:
    assert recognised(["Colour", header]) == dict.fromkeys(fields, 1)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(
            ["Supplier / Installer", "Make"], {Field.SUPPLIER: 0, Field.MAKE: 1}, id="slash"
        ),
        pytest.param(["Manufacturer & Brand", "Model"], {Field.MAKE: 0, Field.MODEL: 1}, id="and"),
        pytest.param(
            ["Site - Location", "Make"], {Field.SITE: 0, Field.MAKE: 1}, id="record-field"
        ),
        pytest.param(
            ["Installer", "Supplier/Installer", "Make"],
            {Field.SUPPLIER: 0, Field.MAKE: 2},
            id="a-known-name-first",
        ),
        pytest.param(
            ["Vendor/Supplier", "Model"], {Field.MODEL: 1}, id="two-fields-are-not-guessed"
        ),
    ],
)
def test_a_header_naming_one_field_twice_is_that_field(
    header: list[str], expected: dict[Field, int]
) -> None:
    # A council's register keeps who sold and who fitted the kit in one "Supplier / Installer".
    assert recognised(header) == expected


def test_a_weak_name_gives_way_to_a_known_one_wherever_it_stands() -> None:
    # NetBox's "Device Type" is the model, but elsewhere a kind of device ("IP camera").
    assert recognised(["Device Type", "Model", "Make"]) == {Field.MODEL: 1, Field.MAKE: 2}
    assert recognised(["Device Type", "Make"]) == {Field.MODEL: 0, Field.MAKE: 1}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(
            ["Item", "Vendor", "Part Number", "Item Description"],
            {Field.MAKE: 1, Field.MODEL: 2, Field.DESCRIPTION: 3},
            id="a-line-number-column-named-item",
        ),
        pytest.param(["Product", "Description"], {Field.DESCRIPTION: 1}, id="product"),
        pytest.param(["Device", "Device Description"], {Field.DESCRIPTION: 1}, id="device"),
        pytest.param(["Equipment", "Make"], {Field.DESCRIPTION: 0, Field.MAKE: 1}, id="alone"),
    ],
)
def test_a_description_named_only_by_what_the_row_is_gives_way(
    header: list[str], expected: dict[Field, int]
) -> None:
    # "Item" is as often a line number or an asset's name as the text saying what it is.
    assert recognised(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(["Type", "Manufacturer"], {Field.MODEL: 0, Field.MAKE: 1}, id="type-alone"),
        pytest.param(["Type", "Model", "Make"], {Field.MODEL: 1, Field.MAKE: 2}, id="model-wins"),
        pytest.param(
            ["Equipment Type", "Part Number"], {Field.MODEL: 1}, id="qualified-type-stays-weak"
        ),
        pytest.param(["type", "hw"], {Field.MAKE: 1, Field.MODEL: 1}, id="runzero-hw-wins"),
    ],
)
def test_type_is_the_model_only_when_no_other_column_is(
    header: list[str], expected: dict[Field, int]
) -> None:
    # NetBox's device list heads its device-type column "Type"; elsewhere "Type" is a kind
    # of device ("IP Camera"), so any column that names the model wins over it.
    assert recognised(header) == expected


def test_a_combined_column_is_both_make_and_model_unless_another_column_is_one() -> None:
    both = map_columns(["Tag", "Hardware Make/Model"], {}, "inv.csv")
    assert both.fields == {Field.ASSET_ID: 0, Field.MAKE: 1, Field.MODEL: 1}
    assert both.reasons[Field.MODEL] == (
        "header 'Hardware Make/Model' names the make and the model in one column"
    )
    apart = map_columns(["Make/Model", "Model"], {}, "inv.csv")
    assert apart.fields == {Field.MODEL: 1, Field.MAKE: 0}


PROBE = WordProbe()
MAKERS = ["Hikvision", "Dahua", "Axis", "Bosch", "Acme"]
COMBINED_CELLS = [
    "Hikvision DS-2CD2143G2-I",
    "Dahua Technology DHI-NVR4216-16P-4KS2",
    "HUAWEI S5735-L24T4X-A1",
    "Axis P3245-LVE",
]
MACS = ["44:19:B6:2A:10:01", "24:52:6A:0B:33:C1", "E0:50:8B:00:00:01", "BC:32:5F:01:02:03"]
SITES = ["HQ Lobby", "Car park", "Plant room", "Gate 2"]


def profiles(*columns: list[str], probe: WordProbe | None = PROBE) -> list[Profile]:
    return [profile_values(values, len(values), probe) for values in columns]


@pytest.mark.parametrize(
    ("header", "columns", "fields", "why"),
    [
        pytest.param(
            ["Kit", "Where"],
            [MAKERS, SITES],
            {Field.MAKE: 0},
            {Field.MAKE: "by content: 80% of 5 values are names of manufacturers"},
            id="unknown-header-of-makers",
        ),
        pytest.param(
            ["Kit", "Where"],
            [COMBINED_CELLS, SITES],
            {Field.MAKE: 0, Field.MODEL: 0},
            {
                Field.MAKE: "by content: 100% of 4 values are names of manufacturers",
                Field.MODEL: "by content: 75% of 4 values are model numbers of a known pattern",
            },
            id="unknown-header-of-makes-and-models",
        ),
        pytest.param(
            ["Where", "Addr"],
            [SITES, MACS],
            {Field.MAC: 1},
            {Field.MAC: "by content: 100% of 4 values are MAC addresses"},
            id="unknown-header-of-macs",
        ),
        pytest.param(
            ["Manufacturer", "Where"],
            [COMBINED_CELLS, SITES],
            {Field.MAKE: 0, Field.MODEL: 0},
            {
                Field.MODEL: "column 'Manufacturer' holds model too, by content: 75% of 4 values"
                " are model numbers of a known pattern"
            },
            id="make-column-holding-models",
        ),
        pytest.param(
            ["Model", "Site"],
            [MAKERS, SITES],
            {Field.MODEL: 0, Field.MAKE: 0, Field.SITE: 1},
            {
                Field.MAKE: "column 'Model' holds make too, by content: 80% of 5 values are"
                " names of manufacturers"
            },
            id="model-column-holding-makes",
        ),
        pytest.param(
            ["Manufacturer", "Kit"],
            [MAKERS, COMBINED_CELLS],
            {Field.MAKE: 0, Field.MODEL: 1},
            {
                Field.MAKE: "header 'Manufacturer' is a known name for make; by content: 80% of"
                " 5 values are names of manufacturers"
            },
            id="header-and-content-together",
        ),
    ],
)
def test_columns_are_read_by_what_they_hold(
    header: list[str],
    columns: list[list[str]],
    fields: dict[Field, int],
    why: dict[Field, str],
) -> None:
    cmap = map_columns(header, {}, "inv.csv", profiles(*columns))
    assert cmap.fields == fields
    assert {f: cmap.reasons[f] for f in why} == why
    assert cmap.notes == ()


def test_content_agreeing_with_a_header_raises_its_confidence() -> None:
    alone = map_columns(["Make", "Site"], {}, "inv.csv")
    backed = map_columns(["Make", "Site"], {}, "inv.csv", profiles(MAKERS, SITES))
    assert alone.confidence[Field.MAKE] == 0.9
    assert backed.confidence[Field.MAKE] == pytest.approx(0.98)
    assert backed.confidence[Field.SITE] == 0.9
    by_content = map_columns(["Kit"], {}, "inv.csv", profiles(MAKERS))
    assert by_content.confidence[Field.MAKE] == pytest.approx(0.72)


def test_a_header_its_values_contradict_is_read_by_content_and_warned_of() -> None:
    makers = [f"{m} unit {i}" for i in range(6) for m in ("Hikvision", "Dahua", "Axis", "Bosch")]
    cmap = map_columns(["MAC", "Site"], {}, "inv.csv", profiles(makers, SITES))
    assert cmap.fields == {Field.MAKE: 0, Field.SITE: 1}
    assert cmap.notes == (
        "column 'MAC': its header names mac, but by content 100% of 24 values are names of"
        " manufacturers: not read as mac (use --map mac=COLUMN if it is)",
    )


def test_a_few_odd_values_do_not_overrule_a_header() -> None:
    cmap = map_columns(["MAC", "Site"], {}, "inv.csv", profiles(MAKERS, SITES))
    assert cmap.fields == {Field.MAC: 0, Field.SITE: 1}
    assert cmap.notes == ()


def test_two_columns_that_could_hold_one_field_give_one_warning_naming_both() -> None:
    cmap = map_columns(
        ["Kit", "Brand name", "Where"],
        {},
        "inv.csv",
        profiles(["Hikvision", "Dahua", "Axis", "Acme"], MAKERS, SITES),
    )
    assert cmap.fields == {Field.MAKE: 1}
    assert cmap.notes == (
        "columns 'Brand name' and 'Kit' (75% of 4 values are names of manufacturers) could each"
        " be make by their content: read 'Brand name', whose values hold most names of"
        " manufacturers; use --map make=COLUMN to choose another",
    )
    assert cmap.guesses() == list(cmap.notes)


def test_map_always_wins_over_content() -> None:
    cmap = map_columns(["Kit", "Other"], {Field.MAKE: "Other"}, "inv.csv", profiles(MAKERS, SITES))
    assert cmap.fields == {Field.MAKE: 1}
    assert cmap.confidence[Field.MAKE] == 1.0
    assert cmap.notes == ()


def test_without_a_probe_makers_are_not_found_by_content() -> None:
    with pytest.raises(InputError, match="no column says who made the items"):
        map_columns(["Kit", "Where"], {}, "inv.csv", profiles(MAKERS, SITES, probe=None))
    macs = map_columns(["Addr"], {}, "inv.csv", profiles(MACS, probe=None))
    assert macs.fields == {Field.MAC: 0}


def test_a_table_no_column_identifies_is_opened_when_not_strict() -> None:
    cmap = map_columns(["Tag", "Cost"], {}, "inv.csv", strict=False)
    assert cmap.fields == {Field.ASSET_ID: 0}


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


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(h, id=f"firmware-{h}")
        for h in ("Firmware", "Firmware Version", "FW version", "FW", "Software Version",
                  "SW Version", "System Version", "Firmwarestand", "Version du firmware",
                  "Versión de firmware", "Versione firmware", "Firmwareversie",
                  "Versão do firmware", "固件版本", "ファームウェアバージョン", "펌웨어 버전")
    ],
)  # fmt: skip
def test_firmware_headers(header: str) -> None:
    assert recognised(["Colour", header]) == {Field.FIRMWARE: 1}


FIRMWARES = [
    "V5.5.0 build 200911",
    "V5.7.3 build 220112",
    "V2.800.0000000.16.R.210615",
    "IPC_G5_EN_STD_5.5.800_210628",
    "10.12.1",
]
NOT_FIRMWARE = ["192.168.1.10", "10.0.0.7", "192.168.1.11", "4.5", "03.04.21"]


@pytest.mark.parametrize(
    ("values", "firmware"),
    [
        pytest.param(FIRMWARES, True, id="firmware-versions"),
        pytest.param(NOT_FIRMWARE, False, id="addresses-decimals-and-dates-are-not"),
    ],
)
def test_a_firmware_column_is_found_by_content(values: list[str], firmware: bool) -> None:
    cmap = map_columns(["Make", "Kit"], {}, "inv.csv", profiles(MAKERS, values))
    assert (cmap.fields.get(Field.FIRMWARE) == 1) is firmware
    if firmware:
        assert cmap.reasons[Field.FIRMWARE] == "by content: 100% of 5 values are firmware versions"
