"""The JSON report: the versioned public contract (docs/report-format.md).

Rules and sources are described once at the top level and findings refer to them by id,
so a report of 100k findings stays compact. Output is deterministic for the same inputs,
pack and as-of date.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from duediligence.assets import Asset
from duediligence.findings import Attribution, EntityRef, Evidence, Finding, Report, Skip
from duediligence.report.interface import RenderOptions


def render(report: Report, options: RenderOptions | None = None) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": report.schema_version,
        "tool": asdict(report.tool),
        "pack": {**asdict(report.pack), "layers": list(report.pack.layers)},
        "profile": report.profile,
        "as_of": report.as_of,
        "inputs": list(report.inputs),
        "summary": asdict(report.summary),
        "findings": [finding(f) for f in report.findings],
        "skips": [skip(s) for s in report.skips],
        "unknown": [asdict(u) for u in report.unknown],
        "rules": {k: _listy(asdict(v)) for k, v in report.rules.items()},
        "sources": {k: asdict(v) for k, v in report.sources.items()},
        "warnings": list(report.warnings),
    }


def finding(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "confidence": f.confidence,
        "jurisdiction": f.jurisdiction,
        "asset": asset(f.asset),
        "entity": entity(f.entity),
        "evidence": [evidence(e) for e in f.evidence],
        "message": f.message,
        "recommended_action": f.recommended_action,
        "references": list(f.references),
        "fingerprint": f.fingerprint,
    }


def asset(a: Asset) -> dict[str, Any]:
    return {
        "source": a.location.path,
        "sheet": a.location.sheet,
        "row": a.location.row,
        "asset_id": a.asset_id,
        "serial": a.serial,
        "mac": a.mac,
        "make": a.make,
        "model": a.model,
        "site": a.site,
        "fields": dict(a.fields),
    }


def entity(e: EntityRef) -> dict[str, Any]:
    return asdict(e)


def evidence(e: Evidence) -> dict[str, Any]:
    return {
        "signal": e.signal.value,
        "value": e.value,
        "entity": e.entity,
        "score": e.score,
        "matched": e.matched,
        "explanation": e.explanation,
    }


def attribution(a: Attribution) -> dict[str, Any]:
    return {
        "entity": entity(a.entity),
        "confidence": a.confidence,
        "evidence": [evidence(e) for e in a.evidence],
        "alternatives": [entity(x) for x in a.alternatives],
    }


def skip(s: Skip) -> dict[str, Any]:
    return {
        "source": s.location.path,
        "sheet": s.location.sheet,
        "row": s.location.row,
        "reason": s.reason,
    }


def _listy(d: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}
