"""Where the pack shipped with duediligence lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

LABEL = "rules"


def bundled_rules_dir() -> Path:
    """The bundled pack: `duediligence/_rules` in a wheel, else `rules/` in a source checkout.

    The wheel build force-includes the top-level `rules/` folder as `duediligence/_rules`, so
    `pip install .` then `duediligence scan` works from any directory. The pack is read as
    files from a folder, so the package's own folder is where to look; importlib.resources
    would find the same folder, and cost every run its import (start-up, docs/performance.md).
    """
    package = Path(__file__).parent.parent
    packaged = package / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"
