"""The CLI's consoles are made on first use, and say whether they draw on a terminal as
rich's own Console says it (duediligence/cli/console.py)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from duediligence.cli.console import _LazyConsole


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "env"),
    [
        pytest.param(io.StringIO(), {}, id="a pipe"),
        pytest.param(_Tty(), {}, id="a terminal"),
        pytest.param(io.StringIO(), {"FORCE_COLOR": "1"}, id="a pipe, colour forced"),
        pytest.param(io.StringIO(), {"FORCE_COLOR": ""}, id="a pipe, colour forced empty"),
        pytest.param(io.StringIO(), {"TTY_COMPATIBLE": "1"}, id="a pipe said tty compatible"),
        pytest.param(_Tty(), {"TTY_COMPATIBLE": "0"}, id="a terminal said not compatible"),
    ],
)
@pytest.mark.parametrize(
    "stderr", [pytest.param(True, id="stderr"), pytest.param(False, id="stdout")]
)
def test_is_terminal_as_rich_says(
    monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, env: dict[str, str], stderr: bool
) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stderr" if stderr else "sys.stdout", stream)
    lazy = _LazyConsole(stderr=stderr)
    assert lazy.is_terminal == Console(stderr=stderr).is_terminal


def test_a_console_is_made_only_when_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    lazy = _LazyConsole(stderr=True)
    assert not lazy.is_terminal
    assert lazy._console is None
    lazy.print("hello [b]world[/b]", markup=False)
    assert stream.getvalue() == "hello [b]world[/b]\n"
