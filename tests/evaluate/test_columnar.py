"""The columnar scan (Arrow) and the row loop (csv module) are one scanner: for any file both
can read they give byte-identical reports, and where Arrow stops the csv module goes on."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from pathlib import Path

import pytest

from duediligence.api import load_pack, scan
from duediligence.errors import InputError
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, render
from duediligence.results.block import Block
from duediligence.results.report import Report

AS_OF = date(2026, 11, 1)
HEADER = "Asset Tag,Site,Manufacturer,Model,MAC Address,Description,Purchased,Colour"
# Rows a register really holds, including what tests the JSON escaping and the key joining.
ROWS = [
    "A{n},Site 1,Hikvision,DS-2CD2143G2-I,44:19:B6:12:34:{m},,2021-03-01,",
    "A{n},Site 2,HIKVISION ,DS-2CD2143G2-I,44-19-B6-12-34-{m},,,",
    'A{n},"Site 3, east",Dahua,IPC-HFW2231T-ZS,,"PTZ ""dome"" camera",2020-01-01,',
    "A{n},Site 4,Lorex,LNB9242B,,,2019-05-01,",
    "A{n},Site 4,Lorex,LNB9242B,,,2024-05-01,",
    "A{n},Site 4,Lorex,LNB9242B,,,,",
    "A{n},Site 5,Axis,P3245-LVE,00:40:8C:00:00:{m},,,",
    "A{n},Site 6,Hangzhou 海康威视,DS-7608NI-I2,,,,",
    "A{n},Site 7,Acme Widgets,XJ-9,,,,",
    "A{n},Site 8,,,,,,only a colour",
    ",,,,,,,",
    "A{n},Site 9,Hik\\Vision,DS-2CD2T47G2-L,4419.b612.34{m},,,",
    "A{n},Site 10,Dahua,DHI-NVR4232-4KS2,FF:FF:FF:FF:FF:FF,,,",
    "A{n},Site\t11,Huawei,S5720-28X-SI-AC,,bell\x07here,,",
    ",Site 12,ZTE,ZXHN F670L,,,,",
    "A{n},Site 13,,,,Hikvision DS-2CD2143G2-I camera,,",
    "A{n},  Site 14  ,  Hytera ,PD785G,,,,",
]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def register(path: Path, count: int, seed: int = 7, extra: str = "") -> Path:
    rng = random.Random(seed)
    lines = [HEADER]
    for n in range(count):
        lines.append(rng.choice(ROWS).format(n=n, m=f"{n % 256:02X}"))
        if n == count // 2 and extra:
            lines.append(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scanned(path: Path, pack: Pack, arrow: bool, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 2048)  # many blocks, so keys cross them
    return scan([path], pack=pack, as_of=AS_OF)


def both(path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch) -> tuple[Report, Report]:
    return scanned(path, pack, True, monkeypatch), scanned(path, pack, False, monkeypatch)


def test_arrow_and_the_csv_module_give_byte_identical_reports(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrow, rows = both(register(tmp_path / "inv.csv", 3000), pack, monkeypatch)
    assert any(isinstance(p, Block) for p in arrow.flagged.parts())
    assert not any(isinstance(p, Block) for p in rows.flagged.parts())
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    assert arrow.summary.flagged > 1000
    assert arrow.summary.skipped > 0  # the colour-only rows, each reported
    assert arrow.summary.assets < 3000  # the empty rows are not assets
    assert list(arrow.findings()) == list(rows.findings())


FREE_TEXT = (
    "Tag,Manufacturer,Description,Notes,Hostname\n"
    + "T1,,surveillance drive for Dahua NVR,,\n"
    + "T2,,,model DS-2CD2T47G2-L(4mm)(C)(O-STD),\n"
    + "T3,,,,cam-DS2CD2143-lobby\n"
    + "T4,Hikvision,bracket,,\n"
    + "T5,Axis,,,hik-lobby\n"
)


def test_notes_hostnames_and_the_guard_read_alike_on_either_path(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "free.csv"
    path.write_text(FREE_TEXT + "".join(FREE_TEXT.splitlines(True)[1:]) * 300, encoding="utf-8")
    arrow, rows = both(path, pack, monkeypatch)
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    assert arrow.summary.not_covered == 2 * 301
    assert arrow.summary.flagged == 2 * 301
    assert {(f.asset.location.row or 0) % 5 for f in arrow.findings()} == {3, 4}  # T2, T3
    assert [n.rows for n in arrow.not_covered] == [301, 301]
    assert "'Dahua' is mentioned only as what the item is for" in arrow.not_covered[1].note


def test_a_dated_relationship_splits_rows_by_purchase_date_on_either_path(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lorex.csv"
    path.write_text(
        "Manufacturer,Model,Purchased\n"
        + "Lorex,LNB9242B,2019-05-01\nLorex,LNB9242B,2024-05-01\n" * 200,
        encoding="utf-8",
    )
    arrow, rows = both(path, pack, monkeypatch)
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    owners = {(f.asset.location.row or 0) % 2: f.entity.group for f in arrow.findings()}
    assert owners == {0: "dahua"}  # owned by Dahua in 2019 (even rows), sold by 2024


def test_a_ragged_row_hands_the_rest_of_the_file_to_the_csv_module(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = register(tmp_path / "ragged.csv", 2000, extra="X1,Site,Hikvision,DS-2CD2143G2-I,,,,,x")
    arrow, rows = both(path, pack, monkeypatch)
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    assert any("do not have one cell per header column" in w for w in arrow.warnings)
    parts = list(arrow.flagged.parts())
    assert isinstance(parts[0], Block) and not isinstance(parts[-1], Block)


def test_a_signal_cell_holding_the_key_separator_is_not_mistaken_for_another_row(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signal cells are joined with \\x1f into one key: 'Axis|Hikvision' + 'DS-2CD2143G2-I'
    and 'Axis' + 'Hikvision|DS-2CD2143G2-I' would join alike, and the second row would take
    the first's judgment. A block holding the separator goes to the row loop."""
    path = tmp_path / "separator.csv"
    path.write_text(
        "Manufacturer,Model\n"
        + "Axis\x1fHikvision,DS-2CD2143G2-I\nAxis,Hikvision\x1fDS-2CD2143G2-I\n" * 200,
        encoding="utf-8",
    )
    arrow, rows = both(path, pack, monkeypatch)
    assert len(rows.judgments) == 2
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)


@pytest.mark.parametrize(
    "bad",
    [
        b'X,Site,"Hikvision,DS-2CD2143G2-I,,,,\n',  # a quote never closed
        b"X,Site,Hikvision,\xff\xfe,,,,\n",  # not UTF-8
    ],
)
def test_a_broken_row_deep_in_the_file_is_the_same_error_on_either_path(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, bad: bytes
) -> None:
    path = register(tmp_path / "broken.csv", 2000)
    data = path.read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 1
    path.write_bytes(data[:cut] + bad + data[cut:])
    errors = []
    for arrow in (True, False):
        with pytest.raises(InputError) as caught:
            scanned(path, pack, arrow, monkeypatch)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert path.read_bytes()[:cut] == data[:cut]  # the input is never modified


def test_text_after_a_closing_quote_is_read_as_excel_reads_it(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one documented difference: the csv module refuses such a file."""
    path = tmp_path / "quote.csv"
    path.write_text('Manufacturer,Model\n"Hik"vision,DS-2CD2143G2-I\n', encoding="utf-8")
    report = scanned(path, pack, True, monkeypatch)
    (finding, *_) = report.findings()
    assert finding.asset.make == "Hikvision"


def test_small_or_title_block_files_are_left_to_the_csv_module(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (blocks.MIN_BYTES + 1))
    assert blocks.blocks_for(path, ",", 3, "utf-8-sig", 1) == blocks.CsvBlocks(path, ",", 3)
    # Other encodings are transcoded to UTF-8 by Arrow as it reads.
    assert blocks.blocks_for(path, ",", 3, "cp1252", 1) == blocks.CsvBlocks(path, ",", 3, "cp1252")
    assert blocks.blocks_for(path, ",", 3, "utf-16", 1) == blocks.CsvBlocks(path, ",", 3, "utf-16")
    assert blocks.blocks_for(path, ",", 3, "utf-8-sig", 3) is None  # header below a title
    small = tmp_path / "small.csv"
    small.write_text("Make,Model\n", encoding="utf-8")
    assert blocks.blocks_for(small, ",", 2, "utf-8-sig", 1) is None


def test_json_lines_go_to_a_utf8_file_as_bytes_and_read_the_same(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from duediligence.report.interface import RenderOptions, formats

    report = scanned(register(tmp_path / "inv.csv", 500), pack, True, monkeypatch)
    out = tmp_path / "report.json"
    with out.open("w", encoding="utf-8") as stream:
        formats()[Format.JSON](report, RenderOptions(), stream)
    assert out.read_text(encoding="utf-8") == render(Format.JSON, report)


def workbook(path: Path, count: int, wide_at: int | None = None) -> Path:
    import csv

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # A workbook cannot hold control characters: the bell becomes a space.
    text = register(path.with_suffix(".csv"), count).read_text(encoding="utf-8")
    for n, cells in enumerate(csv.reader(text.replace("\x07", " ").splitlines())):
        sheet.append(cells + (["stray"] if n == wide_at else []))
    book.save(path)
    return path


@pytest.mark.parametrize("wide_at", [None, 700])
def test_a_large_sheet_in_blocks_reads_as_row_by_row(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, wide_at: int | None
) -> None:
    path = workbook(tmp_path / "inv.xlsx", 1500, wide_at)
    reports = []
    for arrow in (True, False):
        monkeypatch.setattr(blocks, "MIN_ROWS", 0 if arrow else 1 << 60)
        monkeypatch.setattr(blocks, "ROWS_PER_BLOCK", 256)
        reports.append(scan([path], pack=pack, as_of=AS_OF))
    in_blocks, by_row = reports
    assert render(Format.JSON, in_blocks) == render(Format.JSON, by_row)
    parts = list(in_blocks.flagged.parts())
    assert isinstance(parts[0], Block)
    # a row wider than the header hands the rest to the row loop, which reports it
    assert isinstance(parts[-1], Block) == (wide_at is None)
    assert any("one cell per header column" in w for w in in_blocks.warnings) == bool(wide_at)


@pytest.mark.parametrize(
    ("codec", "name"),
    [("gb18030", "GBK/GB18030"), ("cp1252", "Windows-1252 (cp1252)"), ("utf-16", "UTF-16")],
)
def test_a_register_in_another_encoding_is_transcoded_by_arrow_to_the_same_report(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, codec: str, name: str
) -> None:
    text = register(tmp_path / "utf8.csv", 3000).read_text(encoding="utf-8")
    if codec == "cp1252":
        text = text.replace("Hangzhou 海康威视", "Hikvision Zürich")
    twin = tmp_path / "twin.csv"
    twin.write_text(text, encoding="utf-8")
    path = tmp_path / "inv.csv"
    path.write_bytes(text.encode(codec))
    arrow, rows = both(path, pack, monkeypatch)
    assert any(isinstance(p, Block) for p in arrow.flagged.parts())
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    assert arrow.summary == scanned(twin, pack, True, monkeypatch).summary
    assert any(f"{path}: " in w and f"read as {name}," in w for w in arrow.warnings)


def test_a_semicolon_register_with_day_first_dates_reads_as_its_iso_twin(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    iso = register(tmp_path / "iso.csv", 3000)
    records = list(csv.reader(io.StringIO(iso.read_text(encoding="utf-8"))))
    for cells in records[1:]:
        if len(cells) > 6 and (when := cells[6]):
            year, month, day = when.split("-")
            cells[6] = f"{day}.{month}.{year}"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(records)
    path = tmp_path / "inv.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    arrow, rows = both(path, pack, monkeypatch)
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    assert arrow.summary == scanned(iso, pack, True, monkeypatch).summary
    assert arrow.inputs[0].columns == tuple(HEADER.split(","))


def test_a_bad_byte_deep_in_a_gbk_register_is_the_same_error_on_either_path(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = register(tmp_path / "utf8.csv", 3000).read_text(encoding="utf-8").encode("gb18030")
    cut = data.index(b"\n", len(data) * 3 // 4) + 1  # past the 64 KiB the encoding is found from
    path = tmp_path / "gbk.csv"
    path.write_bytes(data[:cut] + b"X,Site,Hikvision,\x81\x20,,,,\n" + data[cut:])
    errors = []
    for arrow in (True, False):
        with pytest.raises(InputError) as caught:
            scanned(path, pack, arrow, monkeypatch)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "not valid text in GBK/GB18030: illegal multibyte sequence" in errors[0]


def adversarial(path: Path, count: int) -> Path:
    """Every MAC its own, from random OUIs (some locally administered, some the pack knows),
    and serials in the model field beside makes the pack knows, does not know, or none."""
    rng = random.Random(11)
    lines = ["Manufacturer,Model,MAC Address,Description,Purchased"]
    for n in range(count):
        oui = rng.choice(["44:19:B6", "3C:D9:2B", "02:00:5E"]) if n % 3 else None
        oui = oui or ":".join(f"{rng.randrange(256):02X}" for _ in range(3))
        mac = f"{oui}:{n >> 16 & 255:02X}:{n >> 8 & 255:02X}:{n & 255:02X}"
        make = rng.choice(["Hikvision", "Lorex", "Acme Widgets", ""])
        model = rng.choice([f"SN{rng.randrange(400):05d}K", "DS-2CD2143G2-I", ""])
        text = rng.choice(["", "wall bracket", "camera"])
        bought = rng.choice(["", "2019-05-01", "2024-05-01"])
        lines.append(f"{make},{model},{rng.choice([mac, mac.lower(), ''])},{text},{bought}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_distinct_macs_and_serial_models_read_alike_on_either_path(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrow, rows = both(adversarial(tmp_path / "distinct.csv", 4000), pack, monkeypatch)
    assert render(Format.JSON, arrow) == render(Format.JSON, rows)
    # unknown and not-covered rows are still counted by the model as written
    serials = [u for u in arrow.unknown if (u.model or "").startswith("SN")]
    assert serials
    assert all(u.make == "Acme Widgets" or u.make is None for u in serials)
    assert any(n.model is not None and n.model.startswith("SN") for n in arrow.not_covered)
    assert arrow.summary.flagged > 1000


def test_row_groups_give_each_row_the_verdict_the_scan_gave_it(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from duediligence.evaluate.columnar import row_groups
    from duediligence.evaluate.engine import Evaluator
    from duediligence.evaluate.groups import FLAGGED
    from duediligence.evaluate.scanner import Scanner
    from duediligence.identify.interface import Identifier
    from duediligence.identify.probe import CatalogProbe
    from duediligence.inventory.read import open_inventories

    path = register(tmp_path / "r.csv", 3000)
    report = scanned(path, pack, True, monkeypatch)
    by_row = {f.asset.location.row: f.judgment.id for f in report.flagged}
    identifier = Identifier(pack.catalog)
    (inventory,) = open_inventories(path, probe=CatalogProbe(identifier))
    judge = Scanner(identifier, Evaluator(pack, None, AS_OF), AS_OF)
    verdicts: dict[int, str] = {}
    number = 2
    blocks_seen = 0
    for batch, groups in row_groups(judge, inventory.table, inventory.columns.fields):
        assert len(groups) == batch.num_rows
        blocks_seen += 1
        for at, index in enumerate(groups.to_pylist()):
            assert index is not None  # every row has a group
            group = judge.groups[index]
            if group.kind == FLAGGED:
                verdicts[number + at] = judge.judgments[group.judgment].id
        number += batch.num_rows
    assert blocks_seen > 1  # keys cross blocks
    assert verdicts == by_row
