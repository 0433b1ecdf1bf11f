"""`duediligence scan`: read inventories, report findings, exit 0 / 1 / 2."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from duediligence import api
from duediligence.cli.console import err, out, progress_bar, reports_errors, write_output
from duediligence.cli.options import (
    AsOfOpt,
    EncodingOpt,
    MapsOpt,
    ProfileOpt,
    RulesOpt,
    SheetOpt,
    parse_as_of,
    parse_maps,
)
from duediligence.cli.tables import books_reader, rows_reader
from duediligence.config import load as load_config
from duediligence.errors import UsageError
from duediligence.inventory.formats import SUPPORTED
from duediligence.report.interface import Format, RenderOptions, formats
from duediligence.results.findings import Severity


@reports_errors
def scan(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Inventory files (CSV, TSV, XLSX, JSON, JSON Lines, CycloneDX), folders, or -"
            " for stdin. Default: the settings' inputs.",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here, not to stdout.")
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding at or above this remains, not waived and (with"
            " --baseline) new. 'none': never. Default: high.",
            show_default=False,
        ),
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option(
            "--waivers",
            help="A waivers YAML file: reviewed exceptions (asset, rule, reason, approved_by,"
            " expires). Waived findings stay in the report, marked, and do not fail the run.",
            show_default=False,
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="An earlier JSON report: only findings it does not hold fail the run; all are"
            " shown, new ones marked.",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (default: duediligence.toml, or [tool.duediligence] in"
            " pyproject.toml, in this folder or above). Flags override it.",
            show_default=False,
        ),
    ] = None,
    maps: MapsOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or warnings.")
    ] = False,
) -> None:
    """Scan inventories for equipment from covered or high-risk vendors."""
    if format.binary and output is None and out.is_terminal:
        raise UsageError(f"--format {format.value} writes a file: give --output FILE")
    settings = load_config(config)
    if settings.source is not None and not quiet:
        err.print(f"settings: {settings.source}", style="dim", markup=False)
    paths = paths or list(settings.inputs)
    if not paths:
        raise UsageError(
            "no inventory given: name files or folders, or set `inputs` in the settings"
            " (`duediligence init` writes them)"
        )
    if output is not None:
        _refuse_to_overwrite_an_input(paths, output)
    with progress_bar(not quiet) as progress:
        report = api.scan(
            paths,
            profile=profile or settings.profile,
            profile_source=None if profile else settings.profile_at,
            rules=rules or settings.rules,
            as_of=parse_as_of(as_of),
            column_map=settings.column_map | parse_maps(maps),
            sheet=sheet or settings.sheet,
            progress=progress,
            fail_on=fail_on or settings.fail_on or Severity.HIGH,
            waivers=waivers or settings.waivers,
            baseline=baseline or settings.baseline,
            encoding=encoding,
        )
    terminal = output is None and format is Format.TABLE and out.is_terminal
    options = RenderOptions(
        width=out.width if terminal else 160,
        color=terminal,
        rows=rows_reader(settings.column_map | parse_maps(maps), encoding),
        books=books_reader(sheet or settings.sheet),
    )
    renderer = formats()[format]
    write_output(lambda out: renderer(report, options, out), output)
    if not quiet and format is not Format.TABLE:
        for warning in report.warnings:
            err.print(f"warning: {warning}", style="yellow", markup=False)
    raise typer.Exit(1 if report.failing else 0)


def _refuse_to_overwrite_an_input(paths: list[Path], output: Path) -> None:
    """The report must never replace an inventory, nor land where the next scan of the same
    folder would read it as one."""
    target = output.resolve()
    for given in paths:
        if str(given) == "-":
            continue
        source = given.resolve()
        if target == source:
            raise UsageError("--output is an input file: the report would replace it", str(output))
        if source.is_dir() and source in target.parents and target.suffix.lower() in SUPPORTED:
            raise UsageError(
                f"--output is inside the scanned folder {given}: the next scan would read the"
                " report as an inventory; write it elsewhere",
                str(output),
            )
