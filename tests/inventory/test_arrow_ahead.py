"""A large workbook of text may be loaded in a child process while this one checks it. The
sheet it hands back is the sheet this process would load; it is used only once the check has
passed; any failure of the child, or a table not as the load here gives it, leaves the load
to this process; and no child or file outlives the load, whatever happens."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zlib
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineSheet, CalamineWorkbook

from duediligence.errors import InputError
from duediligence.inventory import arrow_ahead, arrow_child, arrow_sheet, extent
from duediligence.inventory.arrow_ahead import SheetAhead, start_ahead
from duediligence.inventory.arrow_sheet import ArrowSheet, load_arrow_sheet, load_typed_sheet
from duediligence.inventory.xlsx import MAX_CELLS, SheetLoader
from tests.hostile.corpus import Member, sheet_xml, workbook, workbook_members, write_zip
from tests.hostile.corpus import member as corpus_member
from tests.hostile.helpers import ROOT, TIMEOUT, limit_memory
from tests.inventory.test_arrow_sheet import write


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[SheetAhead]:
    """Every sheet loaded ahead, however small; the children started, for the test to look
    at afterwards."""
    monkeypatch.setattr(arrow_ahead, "AHEAD_BYTES", 0)
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 0)
    started: list[SheetAhead] = []

    def start(path: Path, name: str, limit: int) -> SheetAhead | None:
        ahead = start_ahead(path, name, limit)
        if ahead is not None:
            started.append(ahead)
        return ahead

    monkeypatch.setattr("duediligence.inventory.xlsx.start_ahead", start)
    return started


def loaded(path: Path) -> Any:
    with CalamineWorkbook.from_path(str(path)) as book:
        return SheetLoader(book, path, path.name).load("Register")


def left_behind() -> list[str]:
    """The children's files this process still holds open."""
    return [
        link for link in map(_link, os.listdir("/proc/self/fd")) if "duediligence-sheet" in link
    ]


def _link(fd: str) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""  # the listing's own descriptor, closed by now


def fake_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Run `body` as the child instead: it reads the order and may use arrow_child."""
    script = tmp_path / "child.py"
    script.write_text(
        "import json, sys\n"
        f"sys.path.insert(0, {str(Path(arrow_child.__file__).parent)!r})\n"
        "import arrow_child, pyarrow as pa\n"
        "order = json.loads(sys.stdin.read())\n" + body,
        encoding="utf-8",
    )
    monkeypatch.setattr(arrow_child, "__file__", str(script))


@pytest.mark.parametrize(
    ("top", "left", "title", "rows"),
    [
        (1, 1, False, [["Axis", "P1375-E", "Lobby"]]),
        (4, 3, True, [["海康", " DS-2CD2143G2-I\u00a0", None], [None, None, "Gate"]]),
        (2, 2, False, [[None, "stray", None, None, "past the header"]]),
        (1, 1, False, []),
    ],
)
def test_a_sheet_loaded_ahead_is_the_sheet_loaded_here(
    taken: list[SheetAhead],
    tmp_path: Path,
    top: int,
    left: int,
    title: bool,
    rows: list[list[Any]],
) -> None:
    path = write(tmp_path / "register.xlsx", top, left, title, rows)
    sheet = loaded(path)
    assert len(taken) == 1 and taken[0]._child.returncode == 0
    assert isinstance(sheet, ArrowSheet)
    import fastexcel

    here = load_arrow_sheet(fastexcel.read_excel(str(path)), "Register")
    assert sheet.table.equals(here.table)
    assert (sheet.name, sheet.start, sheet.height, sheet.width) == (
        here.name,
        here.start,
        here.height,
        here.width,
    )
    assert left_behind() == []


@pytest.mark.parametrize(
    "values",
    [
        pytest.param([date(2020, 5, 1), datetime(2021, 2, 3, 14, 30)] * 150, id="dates"),
        pytest.param([12.5, None, 7.0] * 100, id="numbers"),
    ],
)
def test_a_typed_sheet_loaded_ahead_is_the_sheet_loaded_here(
    taken: list[SheetAhead], tmp_path: Path, values: list[Any]
) -> None:
    path = write_typed(tmp_path / "register.xlsx", values)
    sheet = loaded(path)
    assert len(taken) == 1 and taken[0].typed and taken[0]._child.returncode == 0
    assert isinstance(sheet, ArrowSheet)
    import fastexcel

    here = load_typed_sheet(fastexcel.read_excel(str(path)), "Register")
    assert here is not None and sheet.table.equals(here.table)
    assert (sheet.start, sheet.height, sheet.width) == (here.start, here.height, here.width)
    assert left_behind() == []


@pytest.mark.parametrize(
    "values",
    [
        pytest.param([12.5] * 300 + ["Lobby"], id="two kinds past the first piece"),
        pytest.param([12.5] * 300 + ["NA"], id="text fastexcel reads as null"),
    ],
)
def test_a_typed_sheet_the_child_refuses_is_python_calamine_s(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: list[Any]
) -> None:
    """Read once, by python-calamine: not loaded again here by fastexcel."""
    monkeypatch.setattr(extent, "CHUNK", 4096)
    path = write_typed(tmp_path / "register.xlsx", values)
    again: list[str] = []
    monkeypatch.setattr(
        "duediligence.inventory.xlsx.load_typed_sheet", lambda *args: again.append("here")
    )
    assert isinstance(loaded(path), CalamineSheet)
    assert len(taken) == 1 and taken[0].typed and again == []
    assert left_behind() == []


def write_typed(path: Path, values: list[Any]) -> Path:
    """A register with `values` in its second column, a purchase date in its fourth: enough
    rows for the sheet to be the largest part, as in any workbook worth a child."""
    rows = [["Axis", value, "Lobby", date(2020, 5, n % 28 + 1)] for n, value in enumerate(values)]
    return write(path, 1, 1, False, rows)


def test_a_child_that_fails_leaves_the_load_to_this_process(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no address space to spare the child cannot load the sheet; this process does."""
    monkeypatch.setattr(arrow_ahead, "BASE_BUDGET", 0)
    monkeypatch.setattr(arrow_ahead, "BUDGET_PER_BYTE", 0)
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    sheet = loaded(path)
    assert len(taken) == 1 and taken[0]._child.returncode != 0
    assert isinstance(sheet, ArrowSheet)
    assert list(sheet.iter_rows())[1] == ["Axis", "P1375-E", "Lobby"]
    assert left_behind() == []


def test_the_child_loads_without_numpy_where_it_is_installed(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyarrow imports numpy wherever it is installed, for conversions the child never makes
    (0.13-0.17 s of CPU with OpenBLAS's threads): the child marks it absent first, and still
    loads the sheet."""
    pytest.importorskip("numpy")
    seen = tmp_path / "numpy.txt"
    script = tmp_path / "child.py"
    script.write_text(
        "import json, sys\n"
        f"sys.path.insert(0, {str(Path(arrow_child.__file__).parent)!r})\n"
        "import arrow_child\n"
        "arrow_child.main(json.loads(sys.stdin.read()))\n"
        f"open({str(seen)!r}, 'w').write(repr(sys.modules.get('numpy')))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(arrow_child, "__file__", str(script))
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    sheet = loaded(path)
    assert len(taken) == 1 and taken[0]._child.returncode == 0
    assert isinstance(sheet, ArrowSheet)
    assert list(sheet.iter_rows())[1] == ["Axis", "P1375-E", "Lobby"]
    assert seen.read_text(encoding="utf-8") == "None"


FAR_APART = """
import os, sys
from pathlib import Path
from python_calamine import CalamineSheet, CalamineWorkbook
from duediligence.errors import InputError
from duediligence.inventory import arrow_ahead, arrow_sheet, extent, xlsx
arrow_ahead.AHEAD_BYTES = arrow_sheet.MIN_BYTES = 0
extent.CHUNK = 512
started = []
def start(*args):
    started.append(arrow_ahead.start_ahead(*args))
    return started[-1]
xlsx.start_ahead = start
path = Path(sys.argv[1])
try:
    with CalamineWorkbook.from_path(str(path)) as book:
        xlsx.SheetLoader(book, path, path.name).load("Register")
except InputError as exc:
    def link(fd):
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return ""
    held = [link(fd) for fd in os.listdir("/proc/self/fd")]
    print("refused:", exc, "| child ended:", started[0]._child.returncode is not None,
          "| files held:", sum("duediligence-sheet" in link for link in held))
"""


def test_the_check_refuses_cells_far_apart_while_the_child_loads(tmp_path: Path) -> None:
    """The first piece of XML is a register's text, so the child starts; the cell far off
    comes later. The child's cap refuses calamine's box (the child aborts, not this process),
    the check refuses the file, and neither the child nor its file is left. Run in a process
    of its own, capped as the hostile scans are: were the sheet taken before the check, the
    load here would abort that process, not the tests."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    rows = [["Make", "Model"], *[["Axis", "P1375-E"]] * 40]
    path = workbook(
        tmp_path / "sparse.xlsx", sheet_xml(*rows).replace("</sheetData>", far + "</sheetData>")
    )
    done = subprocess.run(
        [sys.executable, "-c", FAR_APART, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limit_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "0"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout and "XFD1048576" in done.stdout
    assert done.stdout.rstrip().endswith("child ended: True | files held: 0")


def test_a_sheet_the_check_refuses_is_never_taken_from_the_child(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag past the first piece that runs on for over a MiB: the child may load the sheet,
    but the check refuses the file, and the refusal is what the scan gets."""
    monkeypatch.setattr(extent, "CHUNK", 512)
    rows = [["Make", "Model"], *[["Axis", "P1375-E"]] * 40]
    long_tag = f'<c r="A43" t="inlineStr" x="{"a" * (extent.MAX_TAG + 4096)}"><is><t>x</t></is></c>'
    xml = sheet_xml(*rows).replace("</sheetData>", f'<row r="43">{long_tag}</row></sheetData>')
    with pytest.raises(InputError, match="runs on for over 1 MiB"):
        loaded(workbook(tmp_path / "long.xlsx", xml))
    assert len(taken) == 1 and taken[0]._child.returncode is not None
    assert left_behind() == []


@pytest.mark.parametrize(
    ("values", "why"),
    [
        ([12.5, "n/a"], "a column of two kinds in the first rows"),
        (["#N/A"], "an error cell in the first rows"),
        (["Axis"], "the file was checked already"),
    ],
)
def test_no_child_where_it_cannot_pay(
    taken: list[SheetAhead], tmp_path: Path, values: list[object], why: str
) -> None:
    # Enough rows for the sheet to be the largest part, as in any workbook worth a child.
    rows = [["Axis", value, "Lobby"] for value in values] * 300
    path = write(tmp_path / "register.xlsx", 1, 1, False, rows)
    if why == "the file was checked already":
        extent.check_extents(path, path.name, MAX_CELLS)
    assert start_ahead(path, "Register", MAX_CELLS) is None, why


def test_no_child_below_the_size_where_it_pays(tmp_path: Path) -> None:
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    assert start_ahead(path, "Register", MAX_CELLS) is None


def test_no_child_off_linux(taken: list[SheetAhead], tmp_path: Path, monkeypatch: Any) -> None:
    """The cap reads /proc and sets RLIMIT_AS, which other systems do not honour alike."""
    monkeypatch.setattr(sys, "platform", "darwin")
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    assert start_ahead(path, "Register", MAX_CELLS) is None


@pytest.mark.parametrize(
    "name", ["-h Équipements 海康 \\'x\\'", "Reg\x00ister"], ids=["odd", "NUL"]
)
def test_any_sheet_name_reaches_the_child_as_it_is(
    taken: list[SheetAhead], tmp_path: Path, name: str
) -> None:
    """The name goes on stdin as UTF-8, not in argv: argv cannot carry a NUL, and its
    encoding follows the locale, so another sheet could have been loaded."""
    members = workbook_members(sheet_xml(["Make", "Model"], ["Axis", "P1375-E"]))
    path = write_zip(tmp_path / "named.xlsx", [_renamed(m, name) for m in members])
    ahead = start_ahead(path, name, MAX_CELLS)
    assert ahead is not None
    try:
        sheet = ahead.take()
    finally:
        ahead.close()
    assert isinstance(sheet, ArrowSheet) and sheet.name == name
    assert list(sheet.iter_rows()) == [["Make", "Model"], ["Axis", "P1375-E"]]
    assert left_behind() == []


def _renamed(member: Member, name: str) -> Member:
    if member.name != "xl/workbook.xml":
        return member
    text = zlib.decompress(member.deflated, -15).decode()
    return corpus_member(member.name, text.replace('name="Register"', f'name="{escape(name)}"'))


TABLE = """
import fastexcel
meta = {{arrow_child.LEFT: b"0", arrow_child.SHEET: b"Register",
        arrow_child.READER: fastexcel.__version__.encode()}}
meta.update({changed})
table = pa.table({{"a": {cells}}}).replace_schema_metadata(meta)
with pa.OSFile(f"/proc/self/fd/{{order['out']}}", "wb") as sink:
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
"""


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("raise SystemExit(3)", "a failure"),
        ("import os; os.abort()", "a crash"),
        (TABLE.format(changed="{arrow_child.SHEET: b'Other'}", cells='["Axis"]'), "another sheet"),
        (TABLE.format(changed="{arrow_child.LEFT: b'16384'}", cells='["Axis"]'), "past XFD"),
        (TABLE.format(changed="{arrow_child.LEFT: b'-1'}", cells='["Axis"]'), "before A"),
        (TABLE.format(changed="{arrow_child.READER: b'0.0.1'}", cells='["Axis"]'), "a copy"),
        (TABLE.format(changed="{}", cells="[1]"), "numbers, not text"),
        ("open(f\"/proc/self/fd/{order['out']}\", 'wb').write(b'not arrow')", "not Arrow"),
    ],
)
def test_a_child_that_fails_or_hands_back_the_unexpected_leaves_the_load_here(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, why: str
) -> None:
    fake_child(tmp_path, monkeypatch, body + "\n")
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    sheet = loaded(path)
    assert len(taken) == 1 and taken[0].take() is None, why
    assert isinstance(sheet, ArrowSheet) and sheet.name == "Register"
    assert list(sheet.iter_rows())[1] == ["Axis", "P1375-E", "Lobby"]
    assert left_behind() == []


def test_a_table_as_the_child_should_hand_it_back_is_taken(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cases above are refused each for its own reason: the same table, right, is taken."""
    fake_child(tmp_path, monkeypatch, TABLE.format(changed="{}", cells='["Axis"]'))
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    sheet = loaded(path)
    assert isinstance(sheet, ArrowSheet) and list(sheet.iter_rows()) == [["Axis"]]


def test_the_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A parent killed mid-load (SIGTERM, SIGKILL) takes its child with it: nothing would
    take the table, and no file outlives them (it has no name)."""
    folder = str(Path(arrow_child.__file__).parent)
    child = tmp_path / "child.py"
    child.write_text(
        f"import sys, time\nsys.path.insert(0, {folder!r})\nimport arrow_child\n"
        "arrow_child._die_with(int(sys.argv[1]))\nprint(flush=True)\ntime.sleep(60)\n",
        encoding="utf-8",
    )
    parent = tmp_path / "parent.py"
    parent.write_text(
        "import os, subprocess, sys\n"
        f"child = subprocess.Popen([sys.executable, '-I', {str(child)!r}, str(os.getpid())],"
        " stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
        "child.stdout.readline()\n"  # the child has asked to die with this process
        "print(child.pid, flush=True)\n"
        "os._exit(0)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(parent)], capture_output=True, text=True, timeout=TIMEOUT
    )
    pid = int(done.stdout.split()[0])
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists() or "Z" in _state(pid):
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        pytest.fail("the child outlived its parent")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "gone"


def test_a_child_that_cannot_start_leaves_no_file(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]])
    assert isinstance(loaded(path), ArrowSheet)
    assert taken == [] and left_behind() == []


def test_the_child_never_loosens_a_cap_it_was_started_under() -> None:
    """A scan run under a memory limit (as the hostile tests run) keeps it in its child."""
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
        f"sys.path.insert(0, {str(Path(arrow_child.__file__).parent)!r})\n"
        "import arrow_child\n"
        "arrow_child._cap_address_space(64 << 30)\n"
        "print(*resource.getrlimit(resource.RLIMIT_AS))\n"
    )
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == [str(3 << 30)] * 2, done.stderr


def test_no_child_for_a_sheet_python_calamine_reads() -> None:
    """Below fastexcel's size the sheet is python-calamine's (arrow_sheet.MIN_BYTES), so a
    child started there would load a table no one takes."""
    assert arrow_ahead.AHEAD_BYTES >= arrow_ahead.IDLE_AHEAD_BYTES >= arrow_sheet.MIN_BYTES


@pytest.mark.parametrize(
    ("loadavg", "cores", "child"),
    [
        pytest.param("0.40 0.30 0.20 1/300 4242", {0, 1}, True, id="a-core-idle"),
        pytest.param("1.40 0.90 0.70 1/300 4242", {0, 1}, True, id="busy-a-while-ago"),
        pytest.param("0.40 0.30 0.20 2/300 4242", {0, 1}, False, id="both-cores-running"),
        pytest.param("2.60 2.50 2.40 1/300 4242", {0, 1}, False, id="kept-busy"),
        pytest.param("0.00 0.00 0.00 1/300 4242", {0}, False, id="one-core-its-own"),
        pytest.param("", {0, 1}, False, id="unreadable"),
    ],
)
def test_a_sheet_between_the_sizes_starts_a_child_only_beside_an_idle_core(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    loadavg: str,
    cores: set[int],
    child: bool,
) -> None:
    """Between IDLE_AHEAD_BYTES and AHEAD_BYTES the child hides the check only on a core of
    its own: with none free it costs its start and hides nothing."""
    monkeypatch.setattr(arrow_ahead, "IDLE_AHEAD_BYTES", 0)
    monkeypatch.setattr(arrow_ahead, "AHEAD_BYTES", 1 << 60)
    (tmp_path / "loadavg").write_text(loadavg, encoding="ascii")
    monkeypatch.setattr(arrow_ahead, "LOADAVG", str(tmp_path / "loadavg"))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: cores)
    path = write(tmp_path / "register.xlsx", 1, 1, False, [["Axis", "P1375-E", "Lobby"]] * 300)
    ahead = start_ahead(path, "Register", MAX_CELLS)
    try:
        assert (ahead is not None) is child
    finally:
        if ahead is not None:
            ahead.close()
    assert left_behind() == []


def idled(path: Path, calls: list[int]) -> Any:
    """The sheet loaded; `calls` receives, at each call of `idle`, whether the check had
    passed by then."""

    def idle() -> None:
        calls.append(int(extent._seen(path, MAX_CELLS) in extent._CHECKED))

    with CalamineWorkbook.from_path(str(path)) as book:
        return SheetLoader(book, path, path.name, idle=idle).load("Register")


@pytest.mark.parametrize(
    ("rows", "child"),
    [
        pytest.param([["Axis", "P1375-E", "Lobby"]] * 300, True, id="loaded-ahead"),
        pytest.param(
            [["Axis", 12.5, "Lobby"], ["Axis", "n/a", "Lobby"]] * 150, False, id="no-child"
        ),
    ],
)
def test_idle_runs_once_while_the_child_loads_and_never_without_one(
    taken: list[SheetAhead], tmp_path: Path, rows: list[list[Any]], child: bool
) -> None:
    """The work handed in as `idle` runs once, after the check, while the child's load is
    waited for; with no child there is nothing to wait for, and it is left to its owner."""
    path = write(tmp_path / "register.xlsx", 1, 1, False, rows)
    calls: list[int] = []
    sheet = idled(path, calls)
    assert len(taken) == int(child)
    assert calls == ([1] if child else [])
    assert sheet.height == len(rows) + 1
    assert left_behind() == []


def test_idle_never_runs_for_a_file_the_check_refuses(
    taken: list[SheetAhead], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child may be loading, but a refused file ends the load before any wait."""
    monkeypatch.setattr(extent, "CHUNK", 512)
    rows = [["Make", "Model"], *[["Axis", "P1375-E"]] * 40]
    long_tag = f'<c r="A43" t="inlineStr" x="{"a" * (extent.MAX_TAG + 4096)}"><is><t>x</t></is></c>'
    xml = sheet_xml(*rows).replace("</sheetData>", f'<row r="43">{long_tag}</row></sheetData>')
    calls: list[int] = []
    with pytest.raises(InputError, match="runs on for over 1 MiB"):
        idled(workbook(tmp_path / "long.xlsx", xml), calls)
    assert len(taken) == 1 and calls == []
    assert left_behind() == []
