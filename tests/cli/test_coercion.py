"""`scan`'s options coerced without pydantic give what typer's own coercion gives: the same
value for every value, the same error for every bad one, the same help and exit codes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param
from typer.core import TyperCommand, _TyperParameter
from typer.main import get_command
from typer.testing import CliRunner

from duediligence.cli import scan
from duediligence.cli.app import app
from duediligence.cli.coercion import Coercion
from duediligence.report.interface import Format
from duediligence.results.findings import Severity

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.csv"


def _scan_command() -> TyperCommand:
    """`scan` as typer builds it with its own coercion (no `cls`)."""
    plain = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    plain.command("scan")(scan.scan)
    plain.command("other")(lambda: None)  # two commands make a group, as the app is
    command = get_command(plain)
    assert isinstance(command, typer.core.TyperGroup)
    found = command.commands["scan"]
    assert isinstance(found, TyperCommand)
    return found


def _outcome(coerce: Any, value: Any, param: _TyperParameter, ctx: Context) -> tuple[str, Any]:
    try:
        return "value", coerce(value, param=param, ctx=ctx)
    except BadParameter as refused:
        return "refused", refused.format_message()


TEXTS: list[Any] = ["global", "", " spaced ", "é", "a\x00b", b"bytes", 3]
CHOICES: list[Any] = ["json", "JSON", "Json", "bogus", "", "high", "HIGH", "none", "x"]
CHOICES += [Format.JSON, Severity.HIGH, 1]
PATHS: list[Any] = [str(EXAMPLE), "missing.csv", "", "-", "a\x00b", str(EXAMPLE.parent), 3]
LISTS: list[Any] = [(), [], (str(EXAMPLE),), [str(EXAMPLE), "missing.csv"], ("a\x00b",)]
LISTS += [("json", ""), "one text", (3,)]
VALUES = [None, *TEXTS, *CHOICES, *PATHS, *LISTS, True, False]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(p.name, id=p.name or "?")
        for p in _scan_command().get_params(Context(_scan_command()))
    ],
)
def test_each_option_coerces_every_value_as_typer_does(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of value (text, choices, paths, lists, bytes, numbers, None), good or bad,
    through `Coercion` and through typer's adapter: the same value, or the same message."""
    command = _scan_command()
    ctx = Context(command)
    (param,) = (p for p in command.get_params(ctx) if p.name == name)
    assert isinstance(param, _TyperParameter)
    typers = build_runtime_param(param.type_descriptor)
    ours = Coercion.of(param.type_descriptor)
    monkeypatch.chdir(tmp_path)  # relative paths are looked up here, where none exists
    for value in VALUES:
        expected = _outcome(typers.coerce, value, param, ctx)
        found = _outcome(ours.coerce, value, param, ctx)
        assert found == expected, (name, value)
        if expected[0] == "value":
            assert type(found[1]) is type(expected[1]), (name, value)
            if isinstance(expected[1], list):
                assert [type(v) for v in found[1]] == [type(v) for v in expected[1]]


def test_a_choice_spelt_as_an_enum_member_is_that_member() -> None:
    command = _scan_command()
    ctx = Context(command)
    (param,) = (p for p in command.get_params(ctx) if p.name == "format")
    assert isinstance(param, _TyperParameter)
    ours = Coercion.of(param.type_descriptor)
    found = ours.coerce("json", param=param, ctx=ctx)
    assert isinstance(found, Enum)
    assert found is Format.JSON
    assert not ours.typers  # settled without typer's adapter
    with pytest.raises(BadParameter, match="'JSON' is not one of"):
        ours.coerce("JSON", param=param, ctx=ctx)  # choices are case-sensitive, as typer's
    assert ours.typers


def _plain_app() -> typer.Typer:
    """The app's commands, coerced by typer itself."""
    plain = typer.Typer(name="duediligence", no_args_is_help=True, pretty_exceptions_enable=False)
    plain.command("scan")(scan.scan)
    plain.command("other")(lambda: None)
    return plain


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["scan", "--format", "bogus", str(EXAMPLE)], id="a format not offered"),
        pytest.param(["scan", "--fail-on", "severe", str(EXAMPLE)], id="a severity not offered"),
        pytest.param(["scan", "--format"], id="an option without its value"),
        pytest.param(["scan", "--nonsense"], id="an unknown option"),
        pytest.param(["scan", "--help"], id="help"),
    ],
)
def test_the_cli_says_what_typer_says(argv: list[str]) -> None:
    """Help and usage errors, through the app and through typer's own coercion."""
    ours = CliRunner().invoke(app, argv)
    typers = CliRunner().invoke(_plain_app(), argv)
    assert ours.exit_code == typers.exit_code
    assert ours.stdout == typers.stdout
    assert ours.stderr == typers.stderr
