"""duediligence: who really made each item in an equipment inventory, and which rules apply.

Only the public API lives here; everything else is reached through it.
"""

__version__ = "0.1.0"

from duediligence.api import load_pack, scan
from duediligence.findings import Finding, Report, Severity

__all__ = ["Finding", "Report", "Severity", "__version__", "load_pack", "scan"]
