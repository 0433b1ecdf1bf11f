"""The known-exploited advisories of each site of the remediation plan.

Beside what to remove, replace or mitigate, a site's owner asks which known-exploited
vulnerabilities its equipment carries while it stays, and by when they must be patched. Read
from the plan's count of flagged rows per (site, judgment): each judgment's CVEs once
(`Hit.cves`, with their binding `patch_by`), each pair then only adds its count, so the cost
follows the pairs the plan already counts, not the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from duediligence.results.findings import Judgment
from duediligence.results.report import Report


@dataclass(frozen=True, slots=True)
class SiteAdvisory:
    """A known-exploited catalogue entry at a site: how many of the site's flagged assets fall
    in it, and the day they must be patched by where its due date binds the buyer."""

    cve: str
    assets: int
    patch_by: str | None


def site_advisories(
    report: Report, counts: Mapping[tuple[str, int], int]
) -> dict[str, tuple[SiteAdvisory, ...]]:
    """Per site, each CVE its flagged assets fall in (an asset counts once under each of its
    CVEs) and the earliest day binding on them, by CVE id. Each judgment's CVEs are read
    once; each (site, judgment) pair then only adds its count."""
    per_judgment: dict[int, dict[str, str | None]] = {}
    assets: dict[str, Counter[str]] = {}
    patch: dict[tuple[str, str], str] = {}
    for (site, j), n in counts.items():
        cves = per_judgment.get(j)
        if cves is None:
            cves = per_judgment[j] = _cves(report.judgments[j])
        for cve, by in cves.items():
            assets.setdefault(site, Counter())[cve] += n
            if by is not None:
                patch[(site, cve)] = min(by, patch.get((site, cve), by))
    return {
        site: tuple(SiteAdvisory(c, n, patch.get((site, c))) for c, n in sorted(found.items()))
        for site, found in assets.items()
    }


def _cves(judgment: Judgment) -> dict[str, str | None]:
    """A judgment's known-exploited CVEs, each with its earliest binding patch-by date."""
    out: dict[str, str | None] = {}
    for h in judgment.hits:
        for cve in h.cves:
            had = out.get(cve)
            out[cve] = h.patch_by if had is None else min(had, h.patch_by or had)
    return out
