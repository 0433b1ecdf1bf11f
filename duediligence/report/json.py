"""The JSON report: the versioned public contract (docs/report-format.md).

Rules and sources are described once at the top level and findings refer to them by id,
so a report of 100k findings stays compact. It is streamed one finding per line, and the
evidence of each distinct attribution is encoded once however many findings share it.
Output is deterministic for the same inputs, pack and as-of date.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

from duediligence.assets import Asset, Location
from duediligence.findings import Attribution, EntityRef, Evidence, Finding, Report, Skip
from duediligence.report.interface import RenderOptions

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for the whole report: json.dumps builds a new one per call with these options."""


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Stream the report: the top-level keys, then the findings one per line."""
    head = to_dict(report, with_findings=False)
    tail_keys = ("skips", "unknown", "rules", "sources", "warnings")
    out.write("{")
    out.write(",".join(f"{_dumps(k)}:{_dumps(v)}" for k, v in head.items() if k not in tail_keys))
    out.write(',"findings":[')
    # Findings of one asset are consecutive and share its Asset, entity and evidence:
    # each distinct piece is encoded once.
    encoded: dict[object, str] = {}

    def once(key: object, value: Any) -> str:
        """Encode a value shared by many findings (a rule's text, an attribution) once."""
        text = encoded.get(key)
        if text is None:
            text = encoded[key] = _dumps(value)
        return text

    last_asset: Asset | None = None
    asset_json = ""
    for i, f in enumerate(report.findings):
        if f.asset is not last_asset:
            last_asset, asset_json = f.asset, _dumps(asset(f.asset))
        evidence_json = encoded.get(f.evidence)
        if evidence_json is None:
            evidence_json = once(f.evidence, [evidence(e) for e in f.evidence])
        out.write(
            ("\n{" if i == 0 else ",\n{")
            + f'"rule_id":{once(f.rule_id, f.rule_id)},"severity":"{f.severity.value}",'
            f'"confidence":{f.confidence},'
            f'"jurisdiction":{once(("jurisdiction", f.jurisdiction), f.jurisdiction)},'
            f'"asset":{asset_json},"entity":{once(f.entity, entity(f.entity))},'
            f'"evidence":{evidence_json},'
            f'"message":{once(f.message, f.message)},'
            f'"recommended_action":{once(f.recommended_action, f.recommended_action)},'
            f'"references":{once(f.references, f.references)},'
            f'"fingerprint":"{f.fingerprint}"}}'
        )
    out.write("\n],")
    out.write(",".join(f"{_dumps(k)}:{_dumps(head[k])}" for k in tail_keys))
    out.write("}\n")


def to_dict(report: Report, with_findings: bool = True) -> dict[str, Any]:
    """The report as plain data (the same content `write` streams)."""
    return {
        "schema_version": report.schema_version,
        "tool": asdict(report.tool),
        "pack": {**asdict(report.pack), "layers": list(report.pack.layers)},
        "profile": report.profile,
        "as_of": report.as_of,
        "inputs": list(report.inputs),
        "summary": asdict(report.summary),
        "findings": [finding(f) for f in report.findings] if with_findings else [],
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


def where(loc: Location) -> dict[str, Any]:
    """Where a person finds the row: file, sheet, row as the spreadsheet shows it."""
    return {"source": loc.path, "sheet": loc.sheet, "row": loc.row}


def asset(a: Asset) -> dict[str, Any]:
    return {
        **where(a.location),
        "asset_id": a.asset_id,
        "serial": a.serial,
        "mac": a.mac,
        "fcc_id": a.fcc_id,
        "make": a.make,
        "model": a.model,
        "site": a.site,
        "fields": dict(a.fields),
    }


def entity(e: EntityRef) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "group": e.group, "group_name": e.group_name}


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
        "conflicts": list(a.conflicts),
    }


def skip(s: Skip) -> dict[str, Any]:
    return {**where(s.location), "reason": s.reason}


def _listy(d: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}
