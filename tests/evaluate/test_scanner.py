"""A scan's own warm-up (`Scanner.warm`): what the first block of a table builds once a scan
whatever its rows hold, built ahead while a child process loads a workbook's sheet. It
builds each thing once, the blocks then use what it built, and a report is the same whether
it ran or not."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from duediligence.api import load_pack, scan
from duediligence.evaluate import scanner as scanner_module
from duediligence.evaluate.engine import Evaluator
from duediligence.evaluate.scanner import Scanner
from duediligence.identify import bulk
from duediligence.identify.interface import Identifier
from duediligence.inventory import arrow_ahead, arrow_sheet
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, RenderOptions, formats
from tests.inventory.test_arrow_sheet import write

AS_OF = date(2026, 11, 23)
ROWS = [
    ["Hikvision", "DS-2CD2143G2-I", "Lobby"],
    ["Hikvison", "DS-2CD2143G2-I", "Gate"],
    ["Axis", "P3245-LVE", "Lobby"],
    ["", "IPC-HFW2231T-ZS", "Yard"],
    ["Dahua", "SN000123457K", "Yard"],
    ["Cisco", "C9300-48P", "Comms room"],
]
"""A register of text (so fastexcel's, loaded ahead where asked): makes known, misspelt and
missing, models that say something and a serial that says nothing."""


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_warm_builds_the_test_of_models_once_for_every_table(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []
    real = bulk.PlainModels

    def counted(identifier: Identifier) -> bulk.PlainModels:
        built.append(identifier)
        return real(identifier)

    monkeypatch.setattr(bulk, "PlainModels", counted)
    judge = Scanner(Identifier(pack.catalog), Evaluator(pack, None, AS_OF), AS_OF)
    judge.warm()
    plain = judge.outcomes.plain_models()
    judge.warm()
    assert judge.outcomes.plain_models() is plain
    assert len(built) == 1


def test_warm_compiles_every_context_expression() -> None:
    """In a fresh process, where none is compiled yet: after the warm-up's call, every
    expression identify/context_words.py makes on first use is made."""
    child = (
        "from duediligence.identify import context_words as c\n"
        "names = [*c._SOURCES, 'REPLACE']\n"
        "assert not [n for n in names if n in vars(c)]\n"
        "c.compile_all()\n"
        "assert all(n in vars(c) for n in names)\n"
    )
    subprocess.run([sys.executable, "-c", child], check=True, stdin=subprocess.DEVNULL)


def json_of(path: Path) -> str:
    out = io.StringIO()
    report = scan([path], profile="global", as_of=AS_OF)
    formats()[Format.JSON](report, RenderOptions(), out)
    return out.getvalue()


def test_a_report_is_the_same_with_the_warm_up_run_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook of text loaded here (no child: no warm-up ahead) and loaded by a child
    process (the warm-up run while it loads) gives one report, byte for byte."""
    here_path, ahead_path = (
        tmp_path / "here" / "register.xlsx",
        tmp_path / "ahead" / "register.xlsx",
    )
    for path in (here_path, ahead_path):  # two files: a file checked once starts no child
        path.parent.mkdir()
        write(path, 1, 1, False, ROWS * 20)
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 0)
    monkeypatch.setattr(arrow_ahead, "AHEAD_BYTES", 1 << 60)
    here = json_of(here_path)
    warmed: list[Scanner] = []
    real = scanner_module.Scanner.warm

    def warm(self: Scanner) -> None:
        warmed.append(self)
        real(self)

    monkeypatch.setattr(scanner_module.Scanner, "warm", warm)
    monkeypatch.setattr(arrow_ahead, "AHEAD_BYTES", 0)
    ahead = json_of(ahead_path)
    assert len(warmed) == 1
    assert '"flagged": 0' not in here
    assert ahead.replace("ahead", "here") == here
