"""duediligence: who really made each item in an equipment inventory, and which rules apply.

Only the public API lives here; everything else is reached through it.
"""

from typing import TYPE_CHECKING, Any

from duediligence.api import load_pack, scan
from duediligence.results.findings import VERSION as __version__
from duediligence.results.findings import Finding, Severity
from duediligence.results.report import Report

if TYPE_CHECKING:
    from duediligence.frames.attribute import attribute

__all__ = ["Finding", "Report", "Severity", "__version__", "attribute", "load_pack", "scan"]


def __getattr__(name: str) -> Any:
    """`attribute` (data frames) imported when first asked for: a scan, the CLI's included,
    does without its modules (frames/, inventory/frames.py: ~2 ms, docs/performance.md)."""
    if name == "attribute":
        from duediligence.frames.attribute import attribute

        return attribute
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
