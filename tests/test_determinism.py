"""Same inputs, same pack, same --as-of: the same report, byte for byte.

A report is evidence: a reviewer re-running it, or a CI job comparing it with a baseline,
must get the same bytes, whatever warm caches one process holds and whatever string hash
seed another one drew. The inputs cover both readers of a CSV (the csv module for the
example, Arrow's blocks for a larger register) and a workbook.
"""

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duediligence.cli.app import app
from duediligence.inventory import blocks

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AS_OF = "2026-11-01"
FORMATS = ["json", "sarif"]
ARROW_FROM = 16 << 10
"""Files from this size on are read in Arrow blocks here: the generated register is, the
example CSV is not."""
BLOCK = 4 << 10

# The CLI as `python -m duediligence` runs it, with the Arrow threshold lowered as above,
# once per format given after "--", each report followed by a NUL byte.
BOOT = """
import sys
from duediligence.inventory import blocks
from duediligence.cli import app
def leave(code):
    raise SystemExit(code)  # each format's run ends here, not the process (cli/process.py)
app.leave = leave
main = app.main
blocks.MIN_BYTES, blocks.BLOCK_BYTES = int(sys.argv[1]), int(sys.argv[2])
args, formats = sys.argv[3 : sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1 :]
for fmt in formats:
    sys.argv = ["duediligence", *args, "--format", fmt]
    try:
        main()
    except SystemExit as exit:
        assert not exit.code, exit.code
    sys.stdout.flush()
    sys.stdout.buffer.write(b"\\0")
    sys.stdout.buffer.flush()
"""

MAKES = ["Hikvision", "HIKVISION ", "Hikvison Co., Ltd.", "Dahua", "浙江大华技术股份有限公司",
         "Axis", "Lorex", "Acme Widgets", "", "Huawei", "ZTE", "Hytera", "EZVIZ"]  # fmt: skip
MODELS = ["DS-2CD2143G2-I", "IPC-HFW2231T-ZS", "P3245-LVE", "LNB9242B", "", "S5720-28X-SI-AC",
          "ZXHN F670L", "PD785G", "XJ-9", "DS-7608NI-I2"]  # fmt: skip
MACS = ["44:19:B6:12:34:{n:02X}", "44-19-b6-12-34-{n:02x}", "00:40:8C:00:00:{n:02X}",
        "FF:FF:FF:FF:FF:FF", "", "not a mac", "4419.b612.34{n:02x}"]  # fmt: skip
DATES = ["2019-05-01", "2021-03-14", "2024-05-01", "", "14/03/2021"]


def _register(path: Path, rows: int) -> Path:
    """A register with repeats, near-misses, blanks, quoting and CJK, the same every time."""
    rng = random.Random(889)
    lines = ["Asset Tag,Site,Manufacturer,Model,MAC Address,Purchased,Description"]
    for n in range(rows):
        make, model, date = rng.choice(MAKES), rng.choice(MODELS), rng.choice(DATES)
        mac = rng.choice(MACS).format(n=n % 256)
        note = rng.choice(["", '"PTZ ""dome"", east"', "camera"])
        lines.append(f"A{n},Site {n % 17},{make},{model},{mac},{date},{note}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    register = _register(tmp_path_factory.mktemp("register") / "register.csv", 600)
    assert register.stat().st_size > ARROW_FROM > (EXAMPLES / "inventory.csv").stat().st_size
    return [
        str(EXAMPLES / "inventory.csv"),
        str(EXAMPLES / "inventory.xlsx"),
        str(register),
    ]


@pytest.fixture(scope="module")
def cwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder to run in, so no settings file is found above it."""
    return tmp_path_factory.mktemp("cwd")


def _args(inputs: list[str]) -> list[str]:
    return ["scan", *inputs, "--as-of", AS_OF, "--fail-on", "none", "--quiet"]


def _in_process(inputs: list[str], fmt: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(blocks, "MIN_BYTES", ARROW_FROM)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", BLOCK)
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, [*_args(inputs), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def _in_subprocess(inputs: list[str], cwd: Path, seed: str) -> dict[str, bytes]:
    """Each format's report from one fresh process with this string hash seed."""
    env = os.environ | {"PYTHONHASHSEED": seed}
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", BOOT, str(ARROW_FROM), str(BLOCK), *_args(inputs), "--", *FORMATS],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    *reports, rest = done.stdout.split(b"\0")
    assert rest == b""
    return dict(zip(FORMATS, reports, strict=True))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_scan_run_twice_in_one_process_gives_the_same_bytes(
    inputs: list[str], fmt: str, cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _in_process(inputs, fmt, cwd, monkeypatch)
    assert b"DS-2CD2143G2-I" in first and b"register.csv" in first
    assert _in_process(inputs, fmt, cwd, monkeypatch) == first


def test_processes_with_different_hash_seeds_give_the_same_bytes(
    inputs: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = {fmt: _in_process(inputs, fmt, cwd, monkeypatch) for fmt in FORMATS}
    assert _in_subprocess(inputs, cwd, "1") == here
    assert _in_subprocess(inputs, cwd, "2718281828") == here
