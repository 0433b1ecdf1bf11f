"""Project settings: found next to the inventories, validated, paths resolved to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from duediligence import config
from duediligence.errors import UsageError
from duediligence.results.findings import Severity


def test_no_file_means_nothing_is_set(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert config.load(start=tmp_path) == config.Config()


def test_pyproject_table_is_read_with_paths_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        """
[tool.duediligence]
profile = "us-federal"
rules = ["packs/local"]
fail-on = "medium"
waivers = "ci/waivers.yml"
baseline = "ci/baseline.json"
sheet = "Cameras"
map = {make = "Brand", model = "Model No."}
""",
        encoding="utf-8",
    )
    deep = tmp_path / "assets" / "site-a"
    deep.mkdir(parents=True)
    c = config.load(start=deep)
    assert c.source == f"{tmp_path / 'pyproject.toml'} [tool.duediligence]"
    assert c.profile == "us-federal"
    assert c.profile_at == f"{tmp_path / 'pyproject.toml'}:3"
    assert c.rules == (tmp_path / "packs/local",)
    assert c.fail_on is Severity.MEDIUM
    assert c.waivers == tmp_path / "ci/waivers.yml"
    assert c.baseline == tmp_path / "ci/baseline.json"
    assert c.sheet == "Cameras"
    assert c.column_map == {"make": "Brand", "model": "Model No."}


def test_own_file_wins_over_pyproject_and_a_pyproject_without_the_table_is_passed_over(
    tmp_path: Path,
) -> None:
    (tmp_path / "duediligence.toml").write_text('fail_on = "low"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert config.find(inner) == tmp_path / "duediligence.toml"
    (tmp_path / "pyproject.toml").write_text('[tool.duediligence]\nprofile = "x"\n', "utf-8")
    assert config.load(start=inner).fail_on is Severity.LOW


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "duediligence.toml").write_text('profile = "outside"\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert config.find(repo) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('fail-on = "severe"\n', "fail-on"),
        ('profle = "global"\n', "profle: Extra inputs are not permitted"),
        ("rules = 'one'\n", "rules"),
        ("profile = \n", "not valid TOML"),
    ],
)
def test_a_wrong_setting_is_an_error_naming_the_file(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "duediligence.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        config.load(path)
    assert str(caught.value).startswith(str(path))
    assert problem in str(caught.value)


def test_an_explicit_file_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="settings file not found"):
        config.load(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        pytest.param(
            "duediligence.toml", '# who\nfail-on = "high"\nprofile = "us-federal"\n', 3, id="own"
        ),
        pytest.param(
            "duediligence.toml",
            'profile = "us-federal"\n[map]\nprofile = "Owner"\n',
            1,
            id="own-not-the-map-table",
        ),
        pytest.param(
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.duediligence]\n "profile" = "us-federal"\n',
            5,
            id="pyproject-quoted-key",
        ),
    ],
)
def test_the_line_setting_the_profile_is_known(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    c = config.load(tmp_path / name)
    assert c.profile == "us-federal"
    assert c.profile_at == f"{tmp_path / name}:{line}"


def test_inputs_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "duediligence.toml").write_text('inputs = ["inventory/", "x.csv"]\n')
    c = config.load(tmp_path / "duediligence.toml")
    assert c.inputs == (tmp_path / "inventory", tmp_path / "x.csv")
    assert c.profile is None and c.profile_at is None
