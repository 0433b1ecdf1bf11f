"""The one place that wires the stages together: read -> identify -> evaluate -> Report.

`scan` is what the CLI calls and what a notebook calls; it never prints.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from duediligence import __version__
from duediligence.assets import Field
from duediligence.engine import Evaluator
from duediligence.errors import UsageError
from duediligence.findings import (
    SCHEMA_VERSION,
    Deadline,
    Judgment,
    PackInfo,
    Report,
    RuleInfo,
    Severity,
    SourceInfo,
    Summary,
    ToolInfo,
)
from duediligence.gate.baseline import load_baseline
from duediligence.gate.decide import decide
from duediligence.gate.waivers import load_waivers
from duediligence.identify.interface import Identifier
from duediligence.inventory.read import Inventory, expand, open_inventories
from duediligence.inventory.stdin import DISPLAY, STDIN, spooled
from duediligence.pack.bundled import LABEL, bundled_rules_dir
from duediligence.pack.cache import cache_dir
from duediligence.pack.dates import last_day
from duediligence.pack.loader import Pack, load_layers
from duediligence.scanner import Progress, Scanner

PACK_MAX_AGE_DAYS = 365


def load_pack(rules: Iterable[str | Path] = ()) -> Pack:
    """The bundled pack with each user pack directory layered over it, in order.

    A pack that loaded before is read back from the per-user cache (pack/cache.py).
    """
    layers = [(bundled_rules_dir(), LABEL)] + [(Path(r), str(r)) for r in rules]
    return load_layers(layers, cache_dir())


def scan(
    paths: Sequence[str | Path],
    *,
    profile: str = "global",
    rules: Iterable[str | Path] = (),
    as_of: date | None = None,
    column_map: dict[str, str] | None = None,
    sheet: str | None = None,
    pack: Pack | None = None,
    progress: Progress | None = None,
    fail_on: Severity = Severity.HIGH,
    waivers: str | Path | None = None,
    baseline: str | Path | None = None,
) -> Report:
    """Scan inventory files (CSV, TSV, XLSX, JSON, JSON Lines, CycloneDX; `-` for stdin)
    and return the Report. Every sheet of a workbook that has a header is read, or only
    `sheet`.

    `as_of` (default today) decides which measures are in effect; relationships are judged on
    each asset's purchase or install date when the register gives one, else on `as_of`.
    The report's gate counts the findings at or above `fail_on` that no waiver in force
    covers (`waivers`: a waivers YAML file) and, given `baseline` (an earlier JSON report),
    that it did not already hold; `Report.failing` is that count.
    Raises DueDiligenceError (exit code 2) for unreadable inputs, invalid packs or bad options.
    """
    entries = load_waivers(Path(waivers)) if waivers is not None else []
    earlier = load_baseline(Path(baseline)) if baseline is not None else None
    pack = pack or load_pack(rules)
    pack.require_profile(profile)
    when = as_of or date.today()
    overrides = _overrides(column_map or {})
    scanner = Scanner(Identifier(pack.catalog), Evaluator(pack, profile, when), when)
    with ExitStack() as stack:
        files = _files(paths, stack)
        for path, display in files:
            for inventory in open_inventories(path, overrides, sheet, display):
                scanner.read(inventory, progress)
                scanner.warnings.extend(inventory.warnings)
    if progress is not None:
        progress(scanner.assets)
    tally = scanner.tally()
    counts = tally.counts
    report = Report(
        schema_version=SCHEMA_VERSION,
        tool=ToolInfo("duediligence", __version__),
        pack=PackInfo(pack.meta.id, pack.meta.version, pack.meta.reviewed, pack.layers),
        profile=profile,
        as_of=when.isoformat(),
        inputs=tuple(tally.tables),
        summary=Summary(
            assets=counts["assets"],
            attributed=counts["attributed"],
            unknown=sum(tally.unknown_by_reason.values()),
            unknown_by_reason=tally.unknown_by_reason,
            skipped=len(tally.skips),
            flagged=counts["flagged"],
            findings=counts["findings"],
            by_severity=tally.by_severity,
            by_group=tally.by_group,
            by_rule=tally.by_rule,
        ),
        judgments=tuple(tally.judgments),
        flagged=tally.flagged,
        skips=tuple(tally.skips),
        unknown=tally.unknown,
        rules=_rules(pack, profile),
        sources=_sources(pack, profile, tally.judgments),
        warnings=(*_pack_warnings(pack), *tally.warnings),
    )
    return decide(report, fail_on, entries, earlier)


def columns(
    paths: Sequence[str | Path],
    column_map: dict[str, str] | None = None,
    sheet: str | None = None,
) -> list[Inventory]:
    """How each table's columns would be read, without reading its rows (`duediligence
    columns`)."""
    overrides = _overrides(column_map or {})
    inventories: list[Inventory] = []
    with ExitStack() as stack:
        for path, display in _files(paths, stack):
            inventories.extend(open_inventories(path, overrides, sheet, display))
    for inventory in inventories:
        inventory.table.rows.close()
    return inventories


def _files(paths: Sequence[str | Path], stack: ExitStack) -> list[tuple[Path, str]]:
    """Each file to read and the name messages give it; `-` is stdin, spooled once."""
    out: list[tuple[Path, str]] = []
    for p in paths:
        if str(p) == STDIN:
            if any(display == DISPLAY for _, display in out):
                raise UsageError("'-' (stdin) given twice: it can be read only once")
            out.append((stack.enter_context(spooled(sys.stdin.buffer)), DISPLAY))
        else:
            out.extend((f, str(f)) for f in expand([Path(p)]))
    return out


def _overrides(column_map: dict[str, str]) -> dict[Field, str]:
    out: dict[Field, str] = {}
    for name, column in column_map.items():
        try:
            out[Field(name)] = column
        except ValueError:
            raise UsageError(
                f"--map {name}={column}: unknown field {name!r}; fields are "
                + ", ".join(f.value for f in Field)
            ) from None
    return out


def _pack_warnings(pack: Pack) -> list[str]:
    """The pack ages in real time, whatever date the scan is judged on."""
    age = (date.today() - last_day(pack.meta.reviewed)).days
    if age > PACK_MAX_AGE_DAYS:
        return [
            f"the rule pack {pack.meta.id} {pack.meta.version} was last reviewed on"
            f" {pack.meta.reviewed}, over a year ago: facts and measures may have changed"
        ]
    return []


def _rules(pack: Pack, profile: str) -> dict[str, RuleInfo]:
    return {
        m.id: RuleInfo(
            id=m.id,
            title=m.title,
            kind=m.kind.value,
            jurisdiction=m.jurisdiction,
            status=m.status.value,
            effective=m.effective,
            binds=m.binds,
            rationale=m.rationale,
            recommended_action=m.recommended_action,
            mitigations=tuple(m.mitigations),
            sources=tuple(m.sources),
            deadlines=tuple(Deadline(d.label, d.date.isoformat()) for d in m.deadlines),
        )
        for m in pack.profile_measures(profile)
    }


def _sources(pack: Pack, profile: str, judgments: list[Judgment]) -> dict[str, SourceInfo]:
    cited = {s for m in pack.profile_measures(profile) for s in m.sources}
    cited |= {s for j in judgments for h in j.hits for s in h.references}
    return {
        s.id: SourceInfo(s.id, s.title, s.publisher, s.date, s.url)
        for s in pack.sources.values()
        if s.id in cited
    }
