"""`duediligence init`: the settings file, written once, naming who the buyer is."""

from pathlib import Path

import pytest

from duediligence import config
from duediligence.results.findings import Severity
from tests.cli.helpers import run


@pytest.mark.parametrize(
    ("args", "profile", "fail_on", "inputs", "waivers"),
    [
        pytest.param([], None, Severity.HIGH, (), None, id="no-terminal-no-profile-asks-nothing"),
        pytest.param(
            ["--profile", "uk-public-sector"],
            "uk-public-sector",
            Severity.HIGH,
            (),
            None,
            id="profile-given",
        ),
        pytest.param(
            ["-p", "us-federal", "--fail-on", "medium", "--input", "inv/", "--input", "a b.csv"]
            + ["--waivers", "ci/waivers.yml"],
            "us-federal",
            Severity.MEDIUM,
            ("inv", "a b.csv"),
            "ci/waivers.yml",
            id="every-setting",
        ),
    ],
)
def test_init_writes_settings_that_scan_reads(
    tmp_path: Path,
    args: list[str],
    profile: str | None,
    fail_on: Severity,
    inputs: tuple[str, ...],
    waivers: str | None,
) -> None:
    target = tmp_path / "duediligence.toml"
    r = run("init", "-o", str(target), *args)
    assert r.code == 0, r.stderr
    assert r.stdout.startswith(f"wrote {target}")
    c = config.load(target)
    assert (c.profile, c.fail_on) == (profile, fail_on)
    assert c.inputs == tuple(tmp_path / i for i in inputs)
    assert c.waivers == (tmp_path / waivers if waivers else None)
    text = target.read_text(encoding="utf-8")
    # Whoever edits the file sees every profile of the pack to choose from.
    assert "#   tw-government: Taiwan government" in text
    assert ('# profile = "' in text) is (profile is None)


def test_the_settings_it_writes_decide_what_scan_reads_and_for_whom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "inventory").mkdir()
    (tmp_path / "inventory" / "cams.csv").write_text(
        "Asset ID,Make,Model\nCAM-1,Hikvision,DS-2CD2143G2-I\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run("init", "-p", "tw-government", "--input", "inventory").code == 0
    r = run("scan", "--as-of", "2026-11-23")
    assert r.code == 1  # Taiwan's ban is critical for its own government
    assert "Findings — profile tw-government" in r.stdout


@pytest.mark.parametrize(
    "args",
    [pytest.param([], id="no-profile"), pytest.param(["-p", "us-federal"], id="profile")],
)
def test_an_existing_file_is_never_replaced_without_force(tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "duediligence.toml"
    target.write_text('profile = "investor"\n', encoding="utf-8")
    r = run("init", "-o", str(target), *args)
    assert r.code == 2
    assert f"{target}: already exists; give --force to replace it" in r.stderr
    assert target.read_text(encoding="utf-8") == 'profile = "investor"\n'
    assert run("init", "-o", str(target), "--force", *args).code == 0
    assert config.load(target).profile == (args[1] if args else None)
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_unknown_profile_lists_the_known_ones_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "duediligence.toml"
    r = run("init", "-o", str(target), "--profile", "uk-council")
    assert r.code == 2
    assert "unknown profile 'uk-council'; known profiles: au-government," in r.stderr
    assert not target.exists()
