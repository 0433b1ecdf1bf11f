"""The CI integrations (action.yml, .pre-commit-hooks.yaml, examples/ci/) use only options
the CLI has, and the action's scan step does what docs/ci.md says when run for real."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from duediligence.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    ROOT / "action.yml",
    ROOT / ".pre-commit-hooks.yaml",
    ROOT / "examples/ci/github-workflow.yml",
    ROOT / "examples/ci/gitlab-ci.yml",
]


def scan_options() -> set[str]:
    command: Any = typer.main.get_command(app)
    scan = command.commands["scan"]
    return {o for p in scan.params for o in [*p.opts, *p.secondary_opts] if o.startswith("-")}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_scan_command_uses_options_the_cli_has(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    yaml.safe_load(text)
    commands = re.findall(r"duediligence scan([^\n|;&]*(?:\\\n[^\n|;&]*)*)", text)
    assert commands, f"{path.name} runs no scan"
    used = {o for c in commands for o in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", c)}
    assert used and used <= scan_options(), used - scan_options()


def test_the_action_reads_only_inputs_it_declares() -> None:
    action: Any = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    used = set(re.findall(r"inputs\.([\w-]+)", (ROOT / "action.yml").read_text("utf-8")))
    assert used == set(action["inputs"])
    assert all(step.get("shell") == "bash" for step in action["runs"]["steps"] if "run" in step)


def test_the_actions_scan_step_writes_sarif_and_a_summary_and_reports_the_exit_code(
    tmp_path: Path,
) -> None:
    action: Any = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "scan"]
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    sarif = tmp_path / "out.sarif"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "DD_PATHS": f"{ROOT / 'examples/inventory.csv'}\n\n",
        "DD_PROFILE": "us-federal",  # with no profile, nothing above medium binds
        "DD_FAIL_ON": "high",
        "DD_WAIVERS": "",
        "DD_BASELINE": "",
        "DD_SARIF": str(sarif),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], env=env, cwd=tmp_path, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text() == "exit-code=1\n"
    assert json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]
    assert "CAM-0001" in summary.read_text("utf-8")


def test_the_pre_commit_hook_fails_a_commit_of_an_inventory_with_banned_equipment() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert re.search(hook["files"], "assets/cameras.xlsx")
    assert not re.search(hook["files"], "package.json")
    entry = hook["entry"].split()
    assert entry[0] == "duediligence"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "duediligence"),
            *entry[1:],
            *("--profile", "us-federal"),  # as `args:` in the user's config would add
            str(ROOT / "examples/inventory.csv"),
        ],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1
