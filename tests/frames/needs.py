"""What the cluster tests need, found or refused: where it is missing they skip, except under
CI (CI set), where they fail, so CI cannot pass without having run them (.ci/run installs
pyspark and a Java runtime)."""

from __future__ import annotations

import importlib
import os
import shutil
from types import ModuleType

import pytest


def missing(what: str, install: str) -> None:
    """Fail under CI, else skip, saying what is missing and how to install it."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {what} is not installed: these tests cannot be skipped")
    pytest.skip(f"{what} is not installed ({install})")


def module(name: str) -> ModuleType:
    """The module, imported; else `missing`."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(name, 'pip install -e ".[dev]"')
        raise


def java() -> str:
    """The Java runtime Spark runs on; else `missing`."""
    path = shutil.which("java")
    if path is None:
        missing("a Java runtime", "Debian: apt-get install default-jre-headless")
        raise AssertionError("unreachable")
    return path
