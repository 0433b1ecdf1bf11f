"""Each site's known-exploited advisories: the CVEs its flagged assets fall in, how many
assets each, and by when they must be patched where that binds."""

from __future__ import annotations

from pathlib import Path

from duediligence.report.remediation import plan
from tests.report.kev import kev_report


def test_each_site_lists_the_known_exploited_advisories_its_assets_fall_in(
    tmp_path: Path,
) -> None:
    sites = {s.site: s for s in plan(kev_report(tmp_path))}
    assert [(a.cve, a.assets, a.patch_by) for a in sites["HQ"].advisories] == [
        ("CVE-2021-33044", 1, "2024-09-11"),  # CAM-3
        ("CVE-2021-33045", 1, "2024-09-11"),
        ("CVE-2021-36260", 1, "2022-01-24"),  # CAM-1; CAM-2 is patched
    ]
    assert [(a.cve, a.assets) for a in sites["Depot"].advisories] == [("CVE-2021-36260", 1)]


def test_without_a_deadline_profile_a_site_lists_its_advisories_without_dates(
    tmp_path: Path,
) -> None:
    sites = {s.site: s for s in plan(kev_report(tmp_path, None))}
    assert [(a.cve, a.assets, a.patch_by) for a in sites["Depot"].advisories] == [
        ("CVE-2021-36260", 1, None)
    ]
