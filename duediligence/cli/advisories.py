"""`duediligence rules advisories --import FILE`: a newer KEV catalogue against the pack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import err, out, reports_errors
from duediligence.cli.options import RulesOpt
from duediligence.errors import UsageError
from duediligence.report.interface import ViewFormat


@reports_errors
def advisories(
    catalogue: Annotated[
        Path,
        typer.Option(
            "--import",
            help="The Known Exploited Vulnerabilities JSON you downloaded"
            " (known_exploited_vulnerabilities.json); read only, never fetched.",
        ),
    ],
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            help="Write the changed and withdrawn entries as a pack layer in this folder;"
            " scan with --rules FOLDER to apply it.",
        ),
    ] = None,
    rules: RulesOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.TABLE,
) -> None:
    """Compare a downloaded KEV catalogue with the pack's advisories: entries added since the
    pack's catalogue release that name a vendor in the pack, entries changed, entries
    withdrawn."""
    from duediligence.pack.kev import layer_files

    result = api.import_advisories(catalogue, rules or ())
    files = layer_files(result)
    if write is not None:
        if write.exists() and not write.is_dir():
            raise UsageError(f"--write {write}: not a folder")
        for rel, text in files.items():
            target = write / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if format is ViewFormat.JSON:
        doc = {
            "catalogue": {
                "version": result.catalogue.version,
                "released": result.catalogue.released.isoformat(),
                "entries": len(result.catalogue.records),
            },
            "since": result.since.isoformat() if result.since else None,
            "added": [
                {
                    "cve": r.entry.cve,
                    "vendor": r.entry.vendor,
                    "product": r.entry.product,
                    "name": r.name,
                    "added": r.entry.added.isoformat(),
                    "due": r.entry.due.isoformat(),
                }
                for r in result.added
            ],
            "changed": [
                {
                    "advisory": c.advisory,
                    "cve": c.cve,
                    "fields": {f: [a, b] for f, a, b in c.fields},
                }
                for c in result.changed
            ],
            "withdrawn": [{"advisory": a, "cve": cve} for a, cve in result.withdrawn],
            "layer": sorted(files) if write is not None else [],
        }
        out.print_json(json.dumps(doc, ensure_ascii=False))
        return
    since = f" since {result.since.isoformat()}" if result.since else ""
    typer.echo(
        f"catalogue {result.catalogue.version} ({len(result.catalogue.records):,} entries):"
        f" {len(result.added)} added{since} naming a vendor in the pack,"
        f" {len(result.changed)} changed, {len(result.withdrawn)} withdrawn"
    )
    for r in result.added:
        typer.echo(
            f"  added    {r.entry.cve}  {r.entry.vendor} {r.entry.product}  added"
            f" {r.entry.added.isoformat()}, due {r.entry.due.isoformat()}: needs model"
            " patterns in rules/advisories/ before it can flag a row"
        )
    for c in result.changed:
        said = "; ".join(f"{f} {a!r} -> {b!r}" for f, a, b in c.fields)
        typer.echo(f"  changed  {c.cve}  ({c.advisory}): {said}")
    for advisory_id, cve in result.withdrawn:
        typer.echo(f"  withdrawn {cve}  ({advisory_id})")
    if write is not None and files:
        err.print(f"wrote the layer to {write}: scan with --rules {write}", markup=False)
    elif write is not None:
        err.print("nothing changed or withdrawn: no layer written", markup=False)
