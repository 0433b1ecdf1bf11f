"""The one flat projection of a Report: a line per flagged asset, shared by text formats."""

from __future__ import annotations

from dataclasses import dataclass

from duediligence.findings import Finding, Report, Severity


@dataclass(frozen=True, slots=True)
class AssetRow:
    where: str
    asset: str
    make_model: str
    maker: str
    rules: tuple[tuple[str, Severity], ...]
    worst: Severity
    confidence: float


def asset_rows(report: Report) -> list[AssetRow]:
    """Findings grouped by asset (in inventory order), worst severity first within each."""
    grouped: dict[tuple[str, str | None, int | None], list[Finding]] = {}
    for f in report.findings:
        loc = f.asset.location
        grouped.setdefault((loc.path, loc.sheet, loc.row), []).append(f)
    rows = []
    for (path, sheet, row), found in grouped.items():
        found.sort(key=lambda f: (-f.severity.rank, f.rule_id))
        a, e = found[0].asset, found[0].entity
        where = f"{path}:{sheet}:{row}" if sheet else f"{path}:{row}"
        maker = e.name if e.id == e.group else f"{e.name} ({e.group_name})"
        rows.append(
            AssetRow(
                where=where,
                asset=a.asset_id or a.serial or a.mac or "",
                make_model=" / ".join(x for x in (a.make, a.model) if x) or (a.description or ""),
                maker=maker,
                rules=tuple((f.rule_id, f.severity) for f in found),
                worst=found[0].severity,
                confidence=found[0].confidence,
            )
        )
    return rows


def summary_line(report: Report) -> str:
    s = report.summary
    order = [
        sev.value for sev in sorted(Severity, key=lambda v: -v.rank) if sev is not Severity.NONE
    ]
    by_sev = ", ".join(f"{s.by_severity[k]} {k}" for k in order if k in s.by_severity)
    parts = [
        f"{s.assets} assets read",
        f"{s.flagged} flagged",
        f"{s.findings} findings" + (f" ({by_sev})" if by_sev else ""),
        f"{s.unknown} not recognised",
        f"{s.skipped} skipped",
    ]
    return " · ".join(parts)
