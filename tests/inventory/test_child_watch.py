"""A workbook child that stops making progress is killed and the sheet loaded here; one that
works on, however long, is left to finish (inventory/child_watch.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from duediligence.inventory import child_watch
from duediligence.inventory.arrow_ahead import SheetAhead
from duediligence.inventory.arrow_sheet import ArrowSheet
from tests.inventory.test_arrow_ahead import fake_child, loaded, taken
from tests.inventory.test_arrow_sheet import write

__all__ = ["taken"]  # the fixture, used by name

ROW = ["Axis", "P1375-E", "Lobby"]


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child_watch, "POLL_SECONDS", 0.1)
    monkeypatch.setattr(child_watch, "STALL_SECONDS", 1.0)


def test_a_child_asleep_for_good_is_killed_and_the_sheet_loaded_here(
    taken: list[SheetAhead], quick: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_child(tmp_path, monkeypatch, "import threading\nthreading.Event().wait()\n")
    path = write(tmp_path / "register.xlsx", 1, 1, False, [ROW])
    started = time.monotonic()
    sheet = loaded(path)
    assert time.monotonic() - started < 30
    assert len(taken) == 1 and taken[0]._child.returncode is not None
    assert taken[0]._child.returncode < 0  # killed
    assert isinstance(sheet, ArrowSheet) and list(sheet.iter_rows())[1] == ROW


def test_a_child_at_work_is_left_to_finish(
    taken: list[SheetAhead], quick: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Busy for twice the stall's length before it loads: never still, so never killed."""
    body = (
        "import time\n"
        "end = time.process_time() + 2.0\n"
        "while time.process_time() < end:\n"
        "    pass\n"
        "arrow_child.main(order)\n"
    )
    fake_child(tmp_path, monkeypatch, body)
    path = write(tmp_path / "register.xlsx", 1, 1, False, [ROW])
    sheet = loaded(path)
    assert len(taken) == 1 and taken[0]._child.returncode == 0
    assert isinstance(sheet, ArrowSheet) and list(sheet.iter_rows())[1] == ROW
