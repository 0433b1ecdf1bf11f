"""Bad input gets one clear line on stderr and exit 2: never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.factory import pack_files, write_pack

EXAMPLES = Path(__file__).parents[2] / "examples"


def assert_one_line_error(stderr: str, *needles: str) -> None:
    lines = stderr.strip().splitlines()
    assert lines and lines[0].startswith("duediligence: error: "), stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in stderr, (needle, stderr)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    r = run("scan", str(tmp_path / "absent.csv"))
    assert r.code == 2
    assert_one_line_error(r.stderr, "absent.csv: file not found")
    assert len(r.stderr.strip().splitlines()) == 1


def test_an_unreadable_workbook_is_named(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated")
    r = run("scan", str(path))
    assert r.code == 2
    assert_one_line_error(r.stderr, "register.xlsx: not a readable workbook")


def test_a_file_without_recognisable_columns_says_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "costs.csv"
    path.write_text("Tag,Cost\nA1,100\n")
    r = run("scan", str(path))
    assert r.code == 2
    assert_one_line_error(
        r.stderr, "costs.csv: no column says who made the items", "Make, Manufacturer"
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--as-of", "yesterday"], "--as-of 'yesterday': expected a date as YYYY-MM-DD"),
        (["--map", "make"], "--map 'make': expected FIELD=COLUMN"),
        (["--map", "colour=Make"], "unknown field 'colour'"),
        (["--map", "make=Brand"], "--map make=Brand: no column 'Brand'"),
        (["--profile", "nowhere"], "unknown profile 'nowhere'"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, args: list[str], needle: str) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nAcme,AC-1\n")
    r = run("scan", str(path), *args)
    assert r.code == 2
    assert_one_line_error(r.stderr, needle)


def test_an_output_path_that_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nAcme,AC-1\n")
    r = run("scan", str(path), "--format", "json", "-o", str(tmp_path / "no" / "dir" / "r.json"))
    assert r.code == 2
    assert_one_line_error(r.stderr, "cannot write the report")


def test_an_invalid_user_pack_lists_every_problem(tmp_path: Path) -> None:
    files = pack_files()
    files["measures/xx.yml"] = {"measures": [{"id": "bad id"}]}
    write_pack(tmp_path / "mine", {"measures/xx.yml": files["measures/xx.yml"]})
    r = run("rules", "validate", str(tmp_path / "mine"))
    assert r.code == 2
    assert_one_line_error(r.stderr, "invalid rule pack")
    assert f"{tmp_path / 'mine'}/measures/xx.yml: measures[0].id: String should match pattern" in (
        r.stderr
    )
    assert "measures[0].title: Field required" in r.stderr


def test_version() -> None:
    r = run("--version")
    assert r.code == 0
    assert r.stdout.startswith("duediligence ")


def test_python_dash_m_runs_the_same_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "duediligence", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0
    assert out.stdout.startswith("duediligence ")


def test_a_reader_that_stops_early_gets_no_error() -> None:
    done = subprocess.run(
        f"'{Path(sys.executable).parent / 'duediligence'}' scan"
        f" '{EXAMPLES / 'inventory.csv'}' --format json | head -c 10",
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert done.stdout == b'{"schema_v'
    assert done.stderr == b""
