"""Where the pack shipped with duediligence lives, installed or in a source checkout."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

LABEL = "rules"


def bundled_rules_dir() -> Path:
    """The bundled pack: `duediligence/_rules` in a wheel, else `rules/` in a source checkout.

    The wheel build force-includes the top-level `rules/` folder as `duediligence/_rules`, so
    `pip install .` then `duediligence scan` works from any directory.
    """
    packaged = files("duediligence").joinpath("_rules")
    with as_file(packaged) as path:
        if path.is_dir():
            return Path(path)
    return Path(__file__).resolve().parents[2] / "rules"
