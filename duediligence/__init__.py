"""duediligence: who really made each item in an equipment inventory, and which rules apply.

Only the public API lives here; everything else is reached through it.
"""

from duediligence.api import load_pack, scan
from duediligence.frames.attribute import attribute
from duediligence.results.findings import VERSION as __version__
from duediligence.results.findings import Finding, Severity
from duediligence.results.report import Report

__all__ = ["Finding", "Report", "Severity", "__version__", "attribute", "load_pack", "scan"]
