"""The one scan loop: every table comes as Arrow batches of text with their row numbers, and
what the report says of a row is the same however the rows fall into batches and whichever
parser read them (Arrow's for a large CSV, the csv module's for a small one).

Each test states what the report holds (row numbers, cells, counts, warnings, errors) on
each way in, rather than holding two loops equal.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from duediligence.api import load_pack, scan
from duediligence.errors import InputError
from duediligence.inventory import batches, blocks
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
COLOUR_ONLY, BLANK = 9, 10
"""The row with no signal but a cell (reported as skipped) and the empty one (no asset)."""

WAYS = {
    "csv-module": {"MIN_BYTES": 1 << 60},
    "csv-module-small-batches": {"MIN_BYTES": 1 << 60, "ROWS_PER_BATCH": 97},
    "arrow": {"MIN_BYTES": 0},
    "arrow-small-blocks": {"MIN_BYTES": 0, "BLOCK_BYTES": 2048},
}
"""The ways a CSV reaches the scan loop: parsed by the csv module and gathered into batches,
or parsed by Arrow; in one batch or in many, so that keys cross batches."""
READS = [pytest.param(way, id=name) for name, way in WAYS.items()]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def register(path: Path, count: int, seed: int = 7, extra: str = "") -> list[int]:
    """Writes `count` rows drawn from ROWS (and `extra` after the middle one); returns which
    of ROWS each row is."""
    rng = random.Random(seed)
    lines = [HEADER]
    kinds = []
    for n in range(count):
        kind = rng.randrange(len(ROWS))
        kinds.append(kind)
        lines.append(ROWS[kind].format(n=n, m=f"{n % 256:02X}"))
        if n == count // 2 and extra:
            lines.append(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kinds


def scanned(
    path: Path, pack: Pack, read: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> Report:
    for name, value in read.items():
        monkeypatch.setattr(batches if name == "ROWS_PER_BATCH" else blocks, name, value)
    return scan([path], pack=pack, as_of=AS_OF)


def flagged(report: Report) -> list[dict[str, Any]]:
    return list(json.loads(render(Format.JSON, report))["flagged"])


def cells_of(line: str) -> dict[str, str]:
    """A register line's cells by header, trimmed, the empty ones left out: what the JSON
    report holds of a flagged row."""
    (cells,) = csv.reader([line])
    return {h: c.strip() for h, c in zip(HEADER.split(","), cells, strict=True) if c.strip()}


@pytest.mark.parametrize("read", READS)
def test_every_row_is_reported_at_its_own_number_with_its_own_cells(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    path = tmp_path / "inv.csv"
    kinds = register(path, 3000)
    report = scanned(path, pack, read, monkeypatch)
    assert report.summary.assets == 3000 - kinds.count(BLANK)  # the empty rows are no assets
    assert [s.location.row for s in report.skips] == [
        n + 2 for n, kind in enumerate(kinds) if kind == COLOUR_ONLY
    ]
    rows = flagged(report)
    assert len(rows) == report.summary.flagged > 1000
    # Each flagged row carries its own number and cells (quotes, tabs, a bell, a backslash
    # and CJK come back as written), whichever batch it fell in.
    for row in rows:
        n = row["row"] - 2
        assert row["fields"] == cells_of(ROWS[kinds[n]].format(n=n, m=f"{n % 256:02X}"))
    # Rows alike are judged alike: every kind of row is flagged throughout or not at all.
    by_kind = {kinds[row["row"] - 2] for row in rows}
    assert sum(kinds.count(kind) for kind in by_kind) == len(rows)
    assert {0, 1, 2, 3, 7, 11} <= by_kind  # Hikvision in any spelling, Dahua, Lorex in 2019
    assert not {4, 6, 8, COLOUR_ONLY, BLANK} & by_kind  # Lorex sold by 2024, Axis, no maker
    assert all(isinstance(part, Block) for part in report.flagged.parts())


def test_the_report_is_byte_identical_however_the_rows_are_read(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "inv.csv"
    register(path, 3000)
    documents = set()
    for way in WAYS.values():
        documents.add(render(Format.JSON, scanned(path, pack, way, monkeypatch)))
    assert len(documents) == 1


@pytest.mark.parametrize("read", READS)
def test_a_key_too_wide_for_one_integer_is_encoded_again_and_reports_the_same(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    """A row's key is its columns' outcome numbers in one integer; where they would not fit
    (columns of many distinct values), the key so far is encoded into the block's own numbers
    before the next column joins it. Forced after every column here: the same report."""
    from duediligence.evaluate import keys

    path = tmp_path / "inv.csv"
    register(path, 3000)
    wide = render(Format.JSON, scanned(path, pack, read, monkeypatch))
    monkeypatch.setattr(keys, "WIDEST", 1)
    assert render(Format.JSON, scanned(path, pack, read, monkeypatch)) == wide


FREE_TEXT = (
    "Tag,Manufacturer,Description,Notes,Hostname\n"
    + "T1,,surveillance drive for Dahua NVR,,\n"
    + "T2,,,model DS-2CD2T47G2-L(4mm)(C)(O-STD),\n"
    + "T3,,,,cam-DS2CD2143-lobby\n"
    + "T4,Hikvision,bracket,,\n"
    + "T5,Axis,,,hik-lobby\n"
)


@pytest.mark.parametrize("read", READS)
def test_notes_hostnames_and_the_guard_are_read_in_batches(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    path = tmp_path / "free.csv"
    path.write_text(FREE_TEXT + "".join(FREE_TEXT.splitlines(True)[1:]) * 300, encoding="utf-8")
    report = scanned(path, pack, read, monkeypatch)
    assert report.summary.not_covered == 2 * 301
    assert report.summary.flagged == 2 * 301
    assert {(f.asset.location.row or 0) % 5 for f in report.findings()} == {3, 4}  # T2, T3
    assert [n.rows for n in report.not_covered] == [301, 301]
    assert "'Dahua' is mentioned only as what the item is for" in report.not_covered[1].note


@pytest.mark.parametrize("read", READS)
def test_a_dated_relationship_splits_rows_by_purchase_date(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    path = tmp_path / "lorex.csv"
    path.write_text(
        "Manufacturer,Model,Purchased\n"
        + "Lorex,LNB9242B,2019-05-01\nLorex,LNB9242B,2024-05-01\n" * 200,
        encoding="utf-8",
    )
    report = scanned(path, pack, read, monkeypatch)
    rows = [f.asset.location.row for f in report.findings()]
    assert set(rows) == set(range(2, 402, 2))  # owned by Dahua in 2019 (even rows), sold by 2024
    assert {f.entity.group for f in report.findings()} == {"dahua"}


WIDE = "X1,Site,Hikvision,DS-2CD2143G2-I,,,,,x"
SHORT = "X2,Site,Dahua,IPC-HFW2231T-ZS"


@pytest.mark.parametrize("read", READS)
def test_short_rows_are_padded_wide_rows_keep_their_cells_and_blank_lines_are_no_rows(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    """A wide row deep in a large file stops Arrow's parser; the csv module reads on from the
    block it stopped in, and every row keeps its number."""
    path = tmp_path / "ragged.csv"
    kinds = register(path, 2000, extra=f"{WIDE}\n\n{SHORT}")
    report = scanned(path, pack, read, monkeypatch)
    wide = 2000 // 2 + 3  # the extra lines follow the middle row
    short = wide + 2  # an empty line between them, which is no row
    (warning,) = [w for w in report.warnings if "one cell per header column" in w]
    assert warning == (
        f"{path}: 2 row(s) do not have one cell per header column (8) — first, row {wide} has"
        " 9 cells: missing cells read as empty, extra cells kept as '(unnamed column 9)' and on"
    )
    assert report.inputs[0].columns == (*HEADER.split(","), "(unnamed column 9)")
    assert report.summary.assets == 2000 + 2 - kinds.count(BLANK)
    by_row = {row["row"]: row["fields"] for row in flagged(report)}
    assert by_row.pop(wide) == {**cells_of(WIDE.rsplit(",", 1)[0]), "(unnamed column 9)": "x"}
    assert by_row.pop(short) == cells_of(SHORT + ",,,,")
    assert by_row
    for number, fields in by_row.items():
        n = number - 2 if number < wide else number - 5  # rows after them are numbered on
        assert fields == cells_of(ROWS[kinds[n]].format(n=n, m=f"{n % 256:02X}"))


def judged(report: Report) -> dict[int, Any]:
    """Each flagged row's judgment as the JSON report gives it, by row number."""
    doc = json.loads(render(Format.JSON, report))
    return {row["row"]: doc["judgments"][row["judgment"]] for row in doc["flagged"]}


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            ["Axis\x1fHikvision,DS-2CD2143G2-I camera", "Axis,Hikvision\x1fDS-2CD2143G2-I camera"],
            id="separator",
        ),
        pytest.param(
            ["Axis\x1e\x1fHikvision,DS-2CD2143G2-I", "Axis\x1e,Hikvision\x1fDS-2CD2143G2-I"],
            id="escape-and-separator",
        ),
    ],
)
@pytest.mark.parametrize("read", READS)
def test_a_signal_cell_holding_the_key_separator_is_not_mistaken_for_another_row(
    tmp_path: Path,
    pack: Pack,
    monkeypatch: pytest.MonkeyPatch,
    read: dict[str, int],
    rows: list[str],
) -> None:
    """Were signal cells joined with \\x1f into one key, 'Axis|Hikvision' + 'DS-2CD2143G2-I'
    and 'Axis' + 'Hikvision|DS-2CD2143G2-I' would join alike, and the second row would take
    the first's judgment (as would \\x1e, an escape for it). Keys are each column's outcome
    numbers (evaluate/keys.py), which no text in a cell can confuse: each row is judged as it
    is alone."""
    header = "Manufacturer,Description"
    alone = []
    for n, row in enumerate(rows):
        single = tmp_path / f"single{n}.csv"
        single.write_text(f"{header}\n{row}\n", encoding="utf-8")
        alone.append(judged(scanned(single, pack, {"MIN_BYTES": 1 << 60}, monkeypatch)).get(2))
    path = tmp_path / "separator.csv"
    path.write_text(f"{header}\n" + "".join(f"{row}\n" for row in rows) * 200, encoding="utf-8")
    report = judged(scanned(path, pack, read, monkeypatch))
    assert {n: report.get(n) for n in range(2, 402)} == {n: alone[n % 2] for n in range(2, 402)}
    assert alone[0] is not None and alone[0] != alone[1]


@pytest.mark.parametrize("read", READS)
def test_a_quote_never_closed_is_refused_naming_its_line_and_column(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    """A quote the file ends inside would make the rest of the file one cell: refused, as
    the csv module refuses it, and the input is never modified (csv_edges.py)."""
    path = tmp_path / "open.csv"
    register(path, 2000)
    data = path.read_bytes()
    broken = data + b'X,Site,"Hikvision,DS-2CD2143G2-I,,,,\nY,Site,Axis\n'
    path.write_bytes(broken)
    line = data.count(b"\n") + 1
    with pytest.raises(InputError) as caught:
        scanned(path, pack, read, monkeypatch)
    assert str(caught.value) == (
        f"{path}: line {line}, column 3: not valid CSV: the file ends inside a quoted cell: a"
        ' quote (") opened there is never closed, so every line after it would be read as one'
        " cell"
    )
    assert path.read_bytes() == broken


@pytest.mark.parametrize("read", READS)
def test_a_byte_not_in_the_encoding_deep_in_the_file_is_refused_naming_its_line(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    path = tmp_path / "broken.csv"
    register(path, 2000)
    data = path.read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 1
    path.write_bytes(data[:cut] + b"X,Site,Hikvision,\xff\xfe,,,,\n" + data[cut:])
    with pytest.raises(InputError) as caught:
        scanned(path, pack, read, monkeypatch)
    # The csv module decodes ahead of the rows it hands out: it names the last line it read
    # whole, before the bad byte.
    said = re.fullmatch(
        rf"{re.escape(str(path))}: after line (\d+): not valid text in UTF-8: invalid start byte",
        str(caught.value),
    )
    assert said is not None and 1 < int(said[1]) <= data[:cut].count(b"\n") + 1
    assert path.read_bytes()[:cut] == data[:cut]  # the input is never modified


@pytest.mark.parametrize("read", READS)
def test_text_after_a_closing_quote_goes_on_in_the_cell(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    """'"Hik"vision' is 'Hikvision', as Excel, LibreOffice, Arrow and the csv module's
    default mode read it: one decision for every CSV (csv_edges.py, docs/security.md)."""
    path = tmp_path / "quote.csv"
    path.write_text(
        "Manufacturer,Model\n" + '"Hik"vision,DS-2CD2143G2-I\n' + "Axis,P3245-LVE\n" * 300,
        encoding="utf-8",
    )
    report = scanned(path, pack, read, monkeypatch)
    (finding, *_) = report.findings()
    assert (finding.asset.make, finding.asset.location.row) == ("Hikvision", 2)


def test_small_or_title_block_files_are_parsed_by_the_csv_module(tmp_path: Path) -> None:
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

    path = tmp_path / "inv.csv"
    register(path, 500)
    report = scanned(path, pack, {"MIN_BYTES": 0, "BLOCK_BYTES": 2048}, monkeypatch)
    out = tmp_path / "report.json"
    with out.open("w", encoding="utf-8") as stream:
        formats()[Format.JSON](report, RenderOptions(), stream)
    assert out.read_text(encoding="utf-8") == render(Format.JSON, report)


def workbook(path: Path, count: int, wide_at: int | None = None) -> list[int]:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # A workbook cannot hold control characters: the bell becomes a space.
    kinds = register(path.with_suffix(".csv"), count)
    text = path.with_suffix(".csv").read_text(encoding="utf-8")
    for n, cells in enumerate(csv.reader(text.replace("\x07", " ").splitlines())):
        sheet.append(cells + (["stray"] if n == wide_at else []))
    book.save(path)
    return kinds


@pytest.mark.parametrize("in_blocks", [False, True], ids=["rows", "sheet-blocks"])
@pytest.mark.parametrize("wide_at", [None, 700])
def test_a_large_sheet_is_read_in_batches_with_its_row_numbers(
    tmp_path: Path,
    pack: Pack,
    monkeypatch: pytest.MonkeyPatch,
    wide_at: int | None,
    in_blocks: bool,
) -> None:
    """A sheet's rows reach the loop as the sheet reader's own blocks, or gathered into
    batches; a row wider than the header stops the blocks, and the rest is gathered."""
    path = tmp_path / "inv.xlsx"
    kinds = workbook(path, 1500, wide_at)
    monkeypatch.setattr(blocks, "MIN_ROWS", 0 if in_blocks else 1 << 60)
    monkeypatch.setattr(blocks, "ROWS_PER_BLOCK", 256)
    monkeypatch.setattr(batches, "ROWS_PER_BATCH", 300)
    report = scan([path], pack=pack, as_of=AS_OF)
    assert report.summary.assets == 1500 - kinds.count(BLANK)
    assert [s.location.row for s in report.skips] == [
        n + 2 for n, kind in enumerate(kinds) if kind == COLOUR_ONLY
    ]
    rows = flagged(report)
    for row in rows:
        n = row["row"] - 2
        line = ROWS[kinds[n]].format(n=n, m=f"{n % 256:02X}").replace("\x07", " ")
        stray = {"(unnamed column 9)": "stray"} if n + 1 == wide_at else {}
        assert row["fields"] == {**cells_of(line), **stray}
    warned = [w for w in report.warnings if "one cell per header column" in w]
    assert warned == (
        [
            f"{path}, sheet 'Sheet': 1 row(s) do not have one cell per header column (8) —"
            f" first, row {wide_at + 1} has 9 cells: missing cells read as empty, extra cells"
            " kept as '(unnamed column 9)' and on"
        ]
        if wide_at
        else []
    )


@pytest.mark.parametrize(
    ("codec", "name"),
    [("gb18030", "GBK/GB18030"), ("cp1252", "Windows-1252 (cp1252)"), ("utf-16", "UTF-16")],
)
@pytest.mark.parametrize("read", READS)
def test_a_register_in_another_encoding_reads_as_its_utf8_twin(
    tmp_path: Path,
    pack: Pack,
    monkeypatch: pytest.MonkeyPatch,
    codec: str,
    name: str,
    read: dict[str, int],
) -> None:
    utf8 = tmp_path / "utf8.csv"
    register(utf8, 3000)
    text = utf8.read_text(encoding="utf-8")
    if codec == "cp1252":
        text = text.replace("Hangzhou 海康威视", "Hikvision Zürich")
    twin = tmp_path / "twin.csv"
    twin.write_text(text, encoding="utf-8")
    path = tmp_path / "inv.csv"
    path.write_bytes(text.encode(codec))
    report = scanned(path, pack, read, monkeypatch)
    expected = scanned(twin, pack, read, monkeypatch)
    assert report.summary == expected.summary
    assert flagged(report) == flagged(expected)
    assert any(f"{path}: " in w and f"read as {name}," in w for w in report.warnings)


@pytest.mark.parametrize("read", READS)
def test_a_semicolon_register_with_day_first_dates_reads_as_its_iso_twin(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    iso = tmp_path / "iso.csv"
    register(iso, 3000)
    records = list(csv.reader(io.StringIO(iso.read_text(encoding="utf-8"))))
    for cells in records[1:]:
        if len(cells) > 6 and (when := cells[6]):
            year, month, day = when.split("-")
            cells[6] = f"{day}.{month}.{year}"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(records)
    path = tmp_path / "inv.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = scanned(path, pack, read, monkeypatch)
    assert report.summary == scanned(iso, pack, read, monkeypatch).summary
    assert report.inputs[0].columns == tuple(HEADER.split(","))


@pytest.mark.parametrize("read", READS)
def test_a_bad_byte_deep_in_a_gbk_register_is_refused_naming_its_line(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    register(tmp_path / "utf8.csv", 3000)
    data = (tmp_path / "utf8.csv").read_text(encoding="utf-8").encode("gb18030")
    cut = data.index(b"\n", len(data) * 3 // 4) + 1  # past the 64 KiB the encoding is found from
    path = tmp_path / "gbk.csv"
    path.write_bytes(data[:cut] + b"X,Site,Hikvision,\x81\x20,,,,\n" + data[cut:])
    with pytest.raises(InputError) as caught:
        scanned(path, pack, read, monkeypatch)
    said = re.fullmatch(
        rf"{re.escape(str(path))}: after line (\d+): not valid text in GBK/GB18030: illegal"
        " multibyte sequence",
        str(caught.value),
    )
    assert said is not None and 1 < int(said[1]) <= data[:cut].count(b"\n") + 1


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


@pytest.mark.parametrize("read", READS)
def test_distinct_macs_and_serial_models_are_counted_by_the_model_as_written(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    path = adversarial(tmp_path / "distinct.csv", 4000)
    report = scanned(path, pack, read, monkeypatch)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    assert report.summary.assets == sum(line.strip(",") != "" for line in lines)
    # unknown and not-covered rows are still counted by the model as written
    serials = [u for u in report.unknown if (u.model or "").startswith("SN")]
    assert serials
    assert all(u.make == "Acme Widgets" or u.make is None for u in serials)
    assert any(n.model is not None and n.model.startswith("SN") for n in report.not_covered)
    assert report.summary.flagged > 1000


@pytest.mark.parametrize(
    "read",
    [pytest.param(WAYS[n], id=n) for n in ("csv-module-small-batches", "arrow-small-blocks")],
)
def test_row_groups_give_each_row_the_verdict_the_scan_gave_it(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, read: dict[str, int]
) -> None:
    from duediligence.evaluate.columnar import row_groups
    from duediligence.evaluate.engine import Evaluator
    from duediligence.evaluate.groups import FLAGGED
    from duediligence.evaluate.scanner import Scanner
    from duediligence.identify.interface import Identifier
    from duediligence.identify.probe import CatalogProbe
    from duediligence.inventory.read import open_inventories

    path = tmp_path / "r.csv"
    register(path, 3000)
    report = scanned(path, pack, read, monkeypatch)
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
