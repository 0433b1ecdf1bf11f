"""`duediligence identify`: explain, signal by signal, who made an item and which rules apply."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import typer

from duediligence import api
from duediligence.cli.console import out, reports_errors
from duediligence.cli.options import AsOfOpt, ProfileOpt, RulesOpt, parse_as_of
from duediligence.evaluate.engine import Evaluator
from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.unknown import unknown_reason
from duediligence.report.interface import ViewFormat


@reports_errors
def identify(
    make: Annotated[str, typer.Argument(help="The make, manufacturer or brand as written.")] = "",
    model: Annotated[str, typer.Argument(help="The model number as written.")] = "",
    mac: Annotated[str | None, typer.Option("--mac", help="A MAC address.")] = None,
    fcc_id: Annotated[str | None, typer.Option("--fcc-id", help="An FCC ID.")] = None,
    supplier: Annotated[
        str | None, typer.Option("--supplier", help="Who sold it (weak evidence).")
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="Free text describing the item.")
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes or comments.")] = None,
    hostname: Annotated[
        str | None, typer.Option("--hostname", help="The device's hostname or name.")
    ] = None,
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """Explain how an item is attributed, and the rules that apply to it."""
    pack = api.load_pack(rules or ())
    if profile is not None:
        pack.require_profile(profile)
    when = parse_as_of(as_of) or date.today()
    identifier = Identifier(pack.catalog)
    signals = Signals(
        make or None, model or None, mac, fcc_id, supplier, description, notes, hostname
    )
    # no purchase date is given: the as-of date is the day judged, not the row's
    attribution = identifier.attribute(signals, when, dated=False)
    # As the scan does: a row that is not covered equipment is not evaluated.
    not_covered = identifier.guard(signals.keyed())
    if format is ViewFormat.JSON:
        from duediligence.report import json as json_report  # not every command's import

        payload: dict[str, Any] = {"input": asdict(signals), "as_of": when.isoformat()}
        payload["attribution"] = json_report.attribution(attribution) if attribution else None
        payload["not_covered"] = not_covered
        payload["unknown_reason"] = None if attribution or not_covered else unknown_reason(signals)
        payload["rules"] = []
        if attribution and not not_covered:
            binding, also = Evaluator(pack, profile, when).judge(attribution)
            payload["rules"] = [
                {"rule_id": f.rule_id, "severity": f.severity.value, "binds": binds}
                | {"message": f.message}
                for binds, found in ((True, binding), (False, also))
                for f in found
            ]
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    if not_covered is not None:
        out.print(f"Not covered equipment, not flagged: {not_covered}.", markup=False)
        return
    if attribution is None:
        out.print(f"Not recognised: {unknown_reason(signals)}.")
        return
    e = attribution.entity
    group = "" if e.id == e.group else f", {e.group_name} group"
    out.print(f"[bold]{e.name}[/bold]{group} — confidence {attribution.confidence:.2f}")
    for ev in attribution.evidence:
        out.print(f"  • {ev.signal.value}: {ev.explanation}", markup=False)
    for conflict in attribution.conflicts:
        out.print(f"  ! conflict, review: {conflict}", markup=False)
    findings, also = Evaluator(pack, profile, when).judge(attribution)
    who = f"profile {profile}" if profile else "no profile chosen: the due-diligence risks"
    out.print(f"\nRules that bind ({who}, as of {when.isoformat()}):")
    if not findings:
        out.print("  none")
    for f in findings:
        out.print(f"  {f.severity.value.upper():<8} {f.rule_id}: {f.message}", markup=False)
    places = sorted({f.jurisdiction for f in also if f.jurisdiction})
    if places:
        named = ", ".join(f.rule_id for f in also if f.jurisdiction)
        out.print(f"Also restricted in: {', '.join(places)} ({named})", markup=False)
