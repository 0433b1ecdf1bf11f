"""What a CLI scan of a CSV loads: the workbook reader, the progress bar and the tables of
other commands wait for a run that needs them (start-up, docs/performance.md).

One fresh interpreter runs `duediligence scan` as a pipeline or a CI job does (no terminal,
the report written to a file) and lists its modules; a module imported at the top of any
module on the way would show up here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.csv"
CHILD = """
import json, sys
from duediligence.cli import app

def leave(code):
    loaded = sorted(name for name, module in sys.modules.items() if module is not None)
    print(json.dumps({"code": code, "modules": loaded}))

app.leave = leave  # the modules listed where the process would end (cli/process.py)
app.main()
"""


COMMANDS = [
    pytest.param(f"duediligence.cli.{name}", id=f"the {name} command (cli/app.py LATER)")
    for name in ("identify", "columns", "init", "rules", "advisories", "rules_show", "buyer")
]


def _scan_modules(folder: Path, example: Path) -> tuple[int, set[str]]:
    """The exit code and the modules of a fresh `duediligence scan` of `example`, its JSON
    report written to `folder`."""
    argv = ["scan", str(example), "--profile", "global", "--as-of", "2026-11-23"]
    argv += ["--format", "json", "--output", str(folder / "report.json")]
    found = _modules(folder, argv)
    assert json.loads((folder / "report.json").read_text(encoding="utf-8"))["summary"]["assets"]
    return found


def _modules(folder: Path, argv: list[str]) -> tuple[int, set[str]]:
    """The exit code and the modules of a fresh `duediligence` run with `argv`."""
    env = {**os.environ, "DUEDILIGENCE_CACHE_DIR": str(folder / "cache"), "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        env=env,
        cwd=folder,  # no settings file (a pyproject.toml) to read there
        capture_output=True,
        check=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    found = json.loads(done.stdout.splitlines()[-1])
    return found["code"], set(found["modules"])


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, set[str]]:
    return _scan_modules(tmp_path_factory.mktemp("cli-startup"), EXAMPLE)


@pytest.mark.parametrize(
    "module",
    [
        pytest.param("duediligence.inventory.sheets", id="the workbook copier's reader"),
        pytest.param("python_calamine", id="python-calamine"),
        pytest.param("olefile", id="olefile, for .xls"),
        pytest.param("defusedxml", id="defusedxml, for .ods and .xlsb"),
        pytest.param("urllib.request", id="urllib.request, via defusedxml.sax"),
        pytest.param("ssl", id="ssl, via urllib.request"),
        pytest.param("rich.progress", id="the progress bar, with no terminal"),
        pytest.param("rich.table", id="the rules commands' tables"),
        pytest.param("rich.console", id="rich's console, with nothing to say"),
        pytest.param("openpyxl", id="openpyxl, for the workbook report"),
        pytest.param("pyarrow.compute", id="pyarrow.compute's wrappers (results/kernels.py)"),
        *COMMANDS,
        pytest.param(
            "duediligence.frames.attribute", id="data frames' attribute (lazy in __init__)"
        ),
        pytest.param("duediligence.inventory.frames", id="the data frames' reader"),
        pytest.param("tomllib", id="tomllib, with no settings file"),
    ],
)
def test_a_cli_scan_of_a_csv_leaves_what_it_does_not_use_unimported(
    loaded: tuple[int, set[str]], module: str
) -> None:
    assert module not in loaded[1]


def test_the_cli_scan_did_run_and_load_its_own_reader(loaded: tuple[int, set[str]]) -> None:
    code, modules = loaded
    assert code == 1  # the example holds findings at or above high
    assert {"duediligence.inventory.csv", "duediligence.report.json", "typer"} <= modules


def test_a_warm_cli_scan_imports_no_pydantic(tmp_path: Path) -> None:
    """With the pack in the cache, nothing of a scan needs pydantic: not the pack, and not
    typer's coercion of the options given (cli/coercion.py); the first scan loads the pack
    from its files, which pydantic validates."""
    _scan_modules(tmp_path, EXAMPLE)
    assert "pydantic" not in _scan_modules(tmp_path, EXAMPLE)[1]


@pytest.mark.parametrize(
    "example",
    [pytest.param(EXAMPLE, id="csv"), pytest.param(EXAMPLE.with_suffix(".xlsx"), id="xlsx")],
)
def test_a_cli_scan_never_makes_pyarrow_import_pandas(tmp_path: Path, example: Path) -> None:
    """Where pandas is installed, pyarrow imports it (0.2 s, 35-40 MB) at its first
    conversion of Python objects; a scan builds its Arrow values from bytes
    (results/compute.py), so it never loads pandas."""
    pytest.importorskip("pandas")
    assert "pandas" not in _scan_modules(tmp_path, example)[1]


@pytest.mark.parametrize(
    "example",
    [pytest.param(EXAMPLE, id="csv"), pytest.param(EXAMPLE.with_suffix(".xlsx"), id="xlsx")],
)
def test_a_cli_scan_runs_without_numpy_where_it_is_installed(tmp_path: Path, example: Path) -> None:
    """pyarrow imports numpy wherever it is installed, for conversions no command makes
    (0.13-0.17 s of CPU with OpenBLAS's threads): the command's own process marks it absent,
    as a plain install has it (cli/app.py)."""
    pytest.importorskip("numpy")
    code, modules = _scan_modules(tmp_path, example)
    assert code == 1 and "pyarrow" in modules
    assert "numpy" not in modules


def test_the_library_leaves_numpy_to_its_host() -> None:
    """Only the command's entry point marks numpy absent: importing the CLI's module, as a
    host program or a test does, leaves a host free to use numpy."""
    pytest.importorskip("numpy")
    done = subprocess.run(
        [sys.executable, "-c", "import duediligence.cli.app, numpy; print(numpy.__name__)"],
        capture_output=True,
        check=True,
        text=True,
    )
    assert done.stdout.strip() == "numpy"


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        pytest.param(["--help"], "duediligence.cli.advisories", id="the app's help"),
        pytest.param(["identify", "--help"], "duediligence.cli.identify", id="identify"),
        pytest.param(["columns", "--help"], "duediligence.cli.columns", id="columns"),
        pytest.param(["init", "--help"], "duediligence.cli.init", id="init"),
        pytest.param(["rules", "advisories", "--help"], "duediligence.cli.advisories", id="rules"),
        pytest.param(["identifyy"], "duediligence.cli.init", id="a-misspelt-command"),
    ],
)
def test_a_command_other_than_scan_is_imported_when_asked_for(
    tmp_path: Path, argv: list[str], module: str
) -> None:
    """The commands `scan` does not need are imported where typer needs them: the command
    named, every command for the app's help and for a name none has (typer suggests one)."""
    code, modules = _modules(tmp_path, argv)
    assert module in modules
    assert code == (2 if argv == ["identifyy"] else 0)


def test_the_data_frames_attribute_is_there_when_asked_for() -> None:
    """`duediligence.attribute`, left out of the package's import, is what frames/ holds."""
    child = (
        "import sys, duediligence; assert 'duediligence.frames.attribute' not in sys.modules;"
        " from duediligence import attribute; from duediligence.frames import attribute as a;"
        " assert attribute is a.attribute and 'attribute' in duediligence.__all__"
    )
    subprocess.run([sys.executable, "-c", child], check=True, stdin=subprocess.DEVNULL)
