"""What a CSV scan loads: the readers of other formats, the gate's waivers and baseline, and
the CLI's libraries stay unimported until a run needs them (start-up, docs/performance.md).

One fresh interpreter imports the API, scans the example register and lists its modules; a
module imported at the top of any module on the way would show up here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples" / "inventory.csv"
CHILD = """
import json, sys
from datetime import date
import duediligence.api
loaded = {"import": sorted(sys.modules)}
words = vars(sys.modules["duediligence.identify.context_words"])
loaded["compiled"] = sorted(n for n in words if n.isupper() and n in words["_SOURCES"])
duediligence.api.scan(sys.argv[1], profile="global", as_of=date.fromisoformat(sys.argv[2]))
loaded["scan"] = sorted(sys.modules)
print(json.dumps(loaded))
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "DUEDILIGENCE_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(EXAMPLE), date(2026, 11, 23).isoformat()],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )
    return {phase: set(names) for phase, names in json.loads(done.stdout).items()}


UNUSED_BY_A_CSV_SCAN = [
    pytest.param("python_calamine", id="python-calamine"),
    pytest.param("fastexcel", id="fastexcel"),
    pytest.param("olefile", id="olefile, for .xls"),
    pytest.param("defusedxml", id="defusedxml, for .ods, .xlsb and nmap XML"),
    pytest.param("duediligence.inventory.books", id="workbook checks"),
    pytest.param("duediligence.inventory.xlsx", id="workbook reader"),
    pytest.param("duediligence.inventory.arrow_sheet", id="large-sheet reader"),
    pytest.param("duediligence.inventory.nmap", id="nmap reader"),
    pytest.param("duediligence.inventory.records", id="JSON reader"),
    pytest.param("duediligence.gate.waivers", id="waivers"),
    pytest.param("duediligence.gate.baseline", id="baseline"),
    pytest.param("duediligence.pack.changes", id="pack changes since a baseline"),
    pytest.param("duediligence.report", id="report formats"),
    pytest.param("urllib.request", id="urllib.request, via defusedxml.sax"),
]


@pytest.mark.parametrize("module", UNUSED_BY_A_CSV_SCAN)
@pytest.mark.parametrize("phase", ["import", "scan"])
def test_a_csv_scan_leaves_what_it_does_not_use_unimported(
    loaded: dict[str, set[str]], phase: str, module: str
) -> None:
    assert module not in loaded[phase]


UNUSED_BY_AN_XLSX_SCAN = [
    pytest.param("defusedxml", id="defusedxml, for .ods and .xlsb"),
    pytest.param("urllib.request", id="urllib.request, via defusedxml.sax"),
    pytest.param("olefile", id="olefile, for .xls"),
    pytest.param("pyarrow.compute", id="pyarrow.compute's wrappers (results/kernels.py)"),
]


@pytest.fixture(scope="module")
def xlsx_scanned(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    env = {**os.environ, "DUEDILIGENCE_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(EXAMPLE.with_suffix(".xlsx")), "2026-11-23"],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )
    return set(json.loads(done.stdout)["scan"])


@pytest.mark.parametrize("module", UNUSED_BY_AN_XLSX_SCAN)
def test_an_xlsx_scan_leaves_the_other_workbooks_readers_unimported(
    xlsx_scanned: set[str], module: str
) -> None:
    """books.py imports the .ods, .xlsb and .xls checks for their types and names; their
    parsers (defusedxml's SAX reader alone ~20 ms) wait for a file of their format."""
    assert "duediligence.inventory.xlsx" in xlsx_scanned
    assert module not in xlsx_scanned


def test_finding_the_bundled_pack_imports_no_importlib_resources(
    loaded: dict[str, set[str]],
) -> None:
    """Only at import: the first validation of the pack brings it in with pydantic's search
    for plugins (importlib.metadata)."""
    assert "importlib.resources" not in loaded["import"]


def test_importing_the_api_imports_no_fuzzy_matcher(loaded: dict[str, set[str]]) -> None:
    """rapidfuzz waits for a header or a name that no exact key explains."""
    assert "rapidfuzz" not in loaded["import"]


def test_importing_the_api_compiles_no_context_expression(loaded: dict[str, set[str]]) -> None:
    """The context guard's expressions wait for a cell holding a cue's stem."""
    assert loaded["compiled"] == set()


@pytest.mark.parametrize("module", ["typer", "rich", "click"])
def test_the_api_imports_none_of_the_cli_libraries(
    loaded: dict[str, set[str]], module: str
) -> None:
    assert module not in loaded["scan"]


def test_the_scan_did_load_its_own_reader(loaded: dict[str, set[str]]) -> None:
    """The listing is real: the CSV reader and the pack's models are there."""
    assert {"duediligence.inventory.csv", "duediligence.pack.loader", "pydantic"} <= loaded["scan"]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """What a run with the pack already in the cache loads: the second run of two."""
    cache = tmp_path_factory.mktemp("warm-cache")
    env = {**os.environ, "DUEDILIGENCE_CACHE_DIR": str(cache)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", CHILD, str(EXAMPLE), date(2026, 11, 23).isoformat()],
            env=env,
            capture_output=True,
            check=True,
            text=True,
        )
        for _ in range(2)
    ]
    return {phase: set(names) for phase, names in json.loads(runs[1].stdout).items()}


@pytest.mark.parametrize(
    "module",
    [
        pytest.param("pydantic", id="pydantic"),
        pytest.param("pydantic_core", id="pydantic-core"),
        pytest.param("yaml", id="PyYAML"),
        pytest.param("importlib.metadata", id="importlib.metadata, for pydantic's plugins"),
    ],
)
@pytest.mark.parametrize("phase", ["import", "scan"])
def test_a_warm_start_validates_nothing_with_pydantic(
    warm: dict[str, set[str]], phase: str, module: str
) -> None:
    """The pack comes from the cache, checked by the project's own reader: the schema library
    and the YAML parser are for a pack whose files changed."""
    assert module not in warm[phase]


def test_a_warm_scan_did_load_the_pack(warm: dict[str, set[str]]) -> None:
    assert {"duediligence.pack.loader", "duediligence.pack.records"} <= warm["scan"]


def test_the_scan_imports_pyarrow_after_the_import_ahead_is_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pyarrow is imported on a thread while the pack loads (inventory/batches.py); the scan's
    own thread waits for it before choosing Arrow's pool, its first use of pyarrow: two
    threads importing pyarrow at once can find it half initialised."""
    import threading
    import time

    from duediligence import api
    from duediligence.inventory import batches

    events: list[str] = []
    imported = batches._import_arrow

    def slow_import() -> None:
        time.sleep(0.2)  # an import ahead outlasting the pack's load, as under load
        imported()
        events.append(f"imported on {threading.current_thread().name}")

    monkeypatch.setattr(batches, "_import_arrow", slow_import)
    monkeypatch.setattr(api, "choose_pool", lambda: events.append("pool chosen"))
    api.scan(EXAMPLE, profile="global", as_of=date(2026, 11, 23))
    assert events == ["imported on import-arrow", "pool chosen"]
