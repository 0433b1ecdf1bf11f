"""A report is written whole or not at all: a failed run leaves no half-written file."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import pytest

from duediligence.cli.console import write_output
from duediligence.errors import DueDiligenceError
from tests.hostile.corpus import zip_bomb
from tests.hostile.helpers import (
    assert_one_error,
    digest,
    listing,
    scan_in_process,
    scan_isolated,
)

CSV = "Asset ID,Make,Model\nCAM-1,Hikvision,DS-2CD2143G2-I\n"


@pytest.mark.parametrize(
    ("target", "needle"),
    [
        pytest.param("missing/dir/report.json", "No such file or directory", id="no-such-folder"),
        pytest.param("existing", "Is a directory", id="a-folder"),
        pytest.param("inv.csv/report.json", "Not a directory", id="under-a-file"),
    ],
)
def test_an_output_path_that_cannot_be_written_is_one_error_and_no_file(
    tmp_path: Path, target: str, needle: str
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(CSV, encoding="utf-8")
    (tmp_path / "existing").mkdir()
    before, files = digest(path), listing(tmp_path)
    output = tmp_path / target
    outcome = scan_in_process(str(path), "--format", "json", "--output", str(output))
    assert_one_error(outcome, str(output), "cannot write the report", needle)
    assert digest(path) == before
    assert listing(tmp_path) == files


def test_a_refused_input_leaves_an_earlier_report_as_it_was(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text('{"earlier": true}', encoding="utf-8")
    bomb = zip_bomb(tmp_path / "bomb.xlsx", unpacked=(2 << 30) + (1 << 20))
    outcome = scan_isolated(str(bomb), "--format", "json", "--output", str(report), folder=tmp_path)
    assert_one_error(outcome, str(bomb), "refused as a likely zip bomb: it unpacks to 2.0 GiB")
    assert report.read_text(encoding="utf-8") == '{"earlier": true}'
    assert listing(tmp_path) == ["bomb.xlsx", "report.json"]


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(OSError(28, "No space left on device"), id="disk-full"),
        pytest.param(RuntimeError("a formatter's bug"), id="a-bug"),
        pytest.param(KeyboardInterrupt(), id="ctrl-c"),
    ],
)
def test_a_report_stopped_half_way_leaves_no_file_and_the_old_report(
    tmp_path: Path, stop: BaseException
) -> None:
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")

    def half(out: TextIO) -> None:
        out.write("new, half")
        raise stop

    expected = DueDiligenceError if isinstance(stop, OSError) else type(stop)
    with pytest.raises(expected):
        write_output(half, report)
    assert report.read_text(encoding="utf-8") == "old"
    assert listing(tmp_path) == ["report.json"]


def test_the_report_never_replaces_an_input(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(CSV, encoding="utf-8")
    before = digest(path)
    outcome = scan_in_process(str(path), "--format", "json", "--output", str(path))
    assert digest(path) == before
    assert outcome.code == 2


def test_the_report_is_not_written_where_the_next_scan_would_read_it(tmp_path: Path) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "inv.csv").write_text(CSV, encoding="utf-8")
    report = folder / "report.json"
    outcome = scan_in_process(str(folder), "--format", "json", "--output", str(report))
    assert outcome.code == 2
    assert "inside the scanned folder" in outcome.stderr
    assert not report.exists()
