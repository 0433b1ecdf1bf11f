"""The one place that wires the stages together: read -> identify -> evaluate -> Report.

`scan` is what the CLI calls and what a notebook calls; it never prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from duediligence.errors import UsageError
from duediligence.evaluate.engine import Evaluator, binding_measures
from duediligence.evaluate.scanner import Progress, Scanner
from duediligence.gate.decide import decide
from duediligence.identify.interface import Identifier
from duediligence.identify.probe import CatalogProbe
from duediligence.inventory.batches import import_arrow_ahead
from duediligence.inventory.encodings import given
from duediligence.inventory.read import (
    Inventory,
    SheetMaps,
    expand,
    open_inventories,
    parse_column_map,
)
from duediligence.inventory.stdin import DISPLAY, STDIN, spooled
from duediligence.pack.bundled import LABEL, bundled_rules_dir
from duediligence.pack.cache import cache_dir
from duediligence.pack.dates import last_day
from duediligence.pack.loader import Pack, load_layers
from duediligence.results.arrow_pool import choose_pool
from duediligence.results.findings import (
    NO_PROFILE,
    SCHEMA_VERSION,
    VERSION,
    Deadline,
    Judgment,
    PackInfo,
    RuleInfo,
    Severity,
    SourceInfo,
    Summary,
    ToolInfo,
)
from duediligence.results.report import Report

if TYPE_CHECKING:
    from duediligence.gate.baseline import Baseline
    from duediligence.gate.waivers import Entry
    from duediligence.pack.kev import Comparison

PACK_MAX_AGE_DAYS = 365


def load_pack(rules: Iterable[str | Path] = ()) -> Pack:
    """The bundled pack with each user pack directory layered over it, in order.

    A pack that loaded before is read back from the per-user cache (pack/cache.py).
    """
    layers = [(bundled_rules_dir(), LABEL)] + [(Path(r), str(r)) for r in rules]
    return load_layers(layers, cache_dir())


def import_advisories(path: str | Path, rules: Iterable[str | Path] = ()) -> Comparison:
    """A downloaded Known Exploited Vulnerabilities catalogue against the pack's advisories:
    entries added since their release that name a vendor of the pack, entries changed, and
    entries withdrawn, with the layer that carries the changes (pack/kev.py). Reads the file
    only: nothing here reaches the network."""
    from duediligence.pack.kev import compare, read_catalogue

    pack = load_pack(rules)
    newer = read_catalogue(Path(path))
    names = Identifier(pack.catalog).names
    return compare(pack.advisories, pack.catalogue, newer, lambda vendor: bool(names.match(vendor)))


Paths = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""One inventory path, or several: a single str names one file, never its characters."""


def scan(
    paths: Paths,
    *,
    profile: str | None = None,
    profile_source: str | None = None,
    rules: Iterable[str | Path] = (),
    as_of: date | None = None,
    column_map: dict[str, str] | None = None,
    sheet: str | None = None,
    pack: Pack | None = None,
    progress: Progress | None = None,
    fail_on: Severity = Severity.HIGH,
    waivers: str | Path | None = None,
    baseline: str | Path | None = None,
    encoding: str | None = None,
) -> Report:
    """Scan inventory files (CSV, TSV, XLSX, JSON, JSON Lines, CycloneDX; `-` for stdin)
    and return the Report. `paths` is one path or several. Every sheet of a workbook that
    holds equipment is read (a header naming a known column, or columns of makers, model
    numbers or MACs), or only `sheet`. Columns are read by header and by what they hold;
    `column_map` overrides both: `{"make": "Brand"}` for every table, `{"Radios:make": "Kit"}`
    for sheet Radios alone (docs/columns.md).

    `profile` says who the buyer is (a profile id of the pack): its measures bind, giving
    actions, deadlines and what the gate counts. Without one, only the due-diligence risks
    bind, and every other measure that names a vendor is reported as binding someone else
    (`Judgment.also`), with a warning saying how to choose. `profile_source` names where the
    profile was set (a settings file and line), for the error when the pack does not have it.
    `as_of` (default today) decides which measures are in effect; relationships are judged on
    each asset's purchase or install date when the register gives one, else on `as_of`.
    The report's gate counts the findings at or above `fail_on` that no waiver in force
    covers (`waivers`: a waivers YAML file) and, given `baseline` (an earlier JSON report),
    that it did not already hold; `Report.failing` is that count.
    `encoding` (a Python codec name: gb18030, cp932, ...) reads every text input (CSV, TSV)
    in that encoding instead of the one guessed from its bytes.
    Raises DueDiligenceError (exit code 2) for unreadable inputs, invalid packs or bad options.
    """
    if encoding is not None:
        given(encoding)  # a misspelt name is refused before any file is read
    arrow = import_arrow_ahead()
    entries = _waivers(Path(waivers)) if waivers is not None else []
    earlier = _baseline(Path(baseline)) if baseline is not None else None
    pack = pack or load_pack(rules)
    if profile is not None:
        pack.require_profile(profile, profile_source)
    when = as_of or date.today()
    overrides, sheet_maps = parse_column_map(column_map or {})
    identifier = Identifier(pack.catalog)
    probe = CatalogProbe(identifier)
    scanner = Scanner(identifier, Evaluator(pack, profile, when), when)
    # Nothing above imports pyarrow: its import overlaps the pack's load. This thread waits
    # for it before importing pyarrow itself, since two threads importing it at once can
    # find it half initialised (an ImportError from pyarrow.lib, seen under load).
    arrow.join()
    choose_pool()  # process-wide, so chosen by a scan, never by an import
    seen: set[str] = set()
    with ExitStack() as stack:
        files = _files(paths, stack)
        for path, display in files:
            opened = open_inventories(
                path,
                overrides,
                sheet,
                display,
                probe,
                sheet_maps,
                seen=seen,
                encoding=encoding,
                idle=scanner.warm,
            )
            for inventory in opened:
                scanner.read(inventory, progress)
                scanner.warnings.extend(inventory.warnings)
    _check_sheets(sheet_maps, seen)
    if progress is not None:
        progress(scanner.assets)
    tally = scanner.tally()
    counts = tally.counts
    report = Report(
        schema_version=SCHEMA_VERSION,
        tool=ToolInfo("duediligence", VERSION),
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
            not_covered=counts["not_covered"],
            not_binding=counts["not_binding"],
        ),
        judgments=tuple(tally.judgments),
        flagged=tally.flagged,
        skips=tuple(tally.skips),
        unknown=tally.unknown,
        rules=_rules(pack, profile, tally.judgments),
        sources=_sources(pack, profile, tally.judgments),
        warnings=(*_profile_warnings(profile), *_pack_warnings(pack), *tally.warnings),
        not_covered=tally.not_covered,
    )
    delta = None
    if earlier is not None:
        from duediligence.pack.changes import PackDelta

        same = (earlier.pack_id, earlier.pack_version) == (pack.meta.id, pack.meta.version)
        before = date.fromisoformat(earlier.as_of)
        delta = PackDelta.between(pack, earlier.pack_reviewed, before, when, same_pack=same)
    return decide(report, fail_on, entries, earlier, delta)


def columns(
    paths: Paths,
    column_map: dict[str, str] | None = None,
    sheet: str | None = None,
    *,
    rules: Iterable[str | Path] = (),
    pack: Pack | None = None,
    encoding: str | None = None,
) -> list[Inventory]:
    """How each table's columns would be read, without scanning its rows (`duediligence
    columns`): by header and by what the first rows hold, judged against the pack;
    `encoding` as for `scan`."""
    if encoding is not None:
        given(encoding)
    overrides, sheet_maps = parse_column_map(column_map or {})
    probe = CatalogProbe(Identifier((pack or load_pack(rules)).catalog))
    inventories: list[Inventory] = []
    seen: set[str] = set()
    with ExitStack() as stack:
        for path, display in _files(paths, stack):
            inventories.extend(
                open_inventories(
                    path, overrides, sheet, display, probe, sheet_maps, seen=seen, encoding=encoding
                )
            )
    for inventory in inventories:
        inventory.table.rows.close()
    _check_sheets(sheet_maps, seen)
    return inventories


def _waivers(path: Path) -> list[Entry]:
    """The waivers file read; its loader (and its pydantic models) are imported only by a scan
    given one, as is the baseline's below: start-up (docs/performance.md)."""
    from duediligence.gate.waivers import load_waivers

    return load_waivers(path)


def _baseline(path: Path) -> Baseline:
    from duediligence.gate.baseline import load_baseline

    return load_baseline(path)


def _files(paths: Paths, stack: ExitStack) -> list[tuple[Path, str]]:
    """Each file to read and the name messages give it; `-` is stdin, spooled once."""
    out: list[tuple[Path, str]] = []
    for p in _each(paths):
        if str(p) == STDIN:
            if any(display == DISPLAY for _, display in out):
                raise UsageError("'-' (stdin) given twice: it can be read only once")
            out.append((stack.enter_context(spooled(sys.stdin.buffer)), DISPLAY))
        else:
            out.extend((f, str(f)) for f in expand([Path(p)]))
    return out


def _each(paths: Paths) -> list[str | os.PathLike[str]]:
    """The paths given: a str or a path-like is one path (a str is a sequence of its
    characters, and `scan("inventory.csv")` must not read the file 'i')."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return list(paths)


def _check_sheets(sheet_maps: SheetMaps, seen: set[str]) -> None:
    """A sheet `--map` names must be one of the workbooks': a typo would silently map
    nothing."""
    listed = {name.casefold() for name in seen}
    missing = sorted(s for s in sheet_maps if s not in listed)
    if missing:
        known = ", ".join(repr(n) for n in sorted(seen)) or "(no workbook among the inputs)"
        raise UsageError(
            "--map names sheets no input workbook has: "
            + ", ".join(repr(m) for m in missing)
            + f"; the sheets are: {known}"
        )


def _pack_warnings(pack: Pack) -> list[str]:
    """The pack ages in real time, whatever date the scan is judged on."""
    age = (date.today() - last_day(pack.meta.reviewed)).days
    if age > PACK_MAX_AGE_DAYS:
        return [
            f"the rule pack {pack.meta.id} {pack.meta.version} was last reviewed on"
            f" {pack.meta.reviewed}, over a year ago: facts and measures may have changed"
        ]
    return []


def _profile_warnings(profile: str | None) -> list[str]:
    return [NO_PROFILE] if profile is None else []


def _rules(pack: Pack, profile: str | None, judgments: list[Judgment]) -> dict[str, RuleInfo]:
    """The rules that bind (evaluated, found or not), and those found binding someone else."""
    binding = binding_measures(pack, profile)
    ids = {m.id for m in binding}
    named = {h.rule_id for j in judgments for h in j.also} - ids
    chosen = [*binding, *(m for m in pack.measures.values() if m.id in named)]
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
            in_profile=m.id in ids,
        )
        for m in chosen
    }


def _sources(pack: Pack, profile: str | None, judgments: list[Judgment]) -> dict[str, SourceInfo]:
    cited = {s for m in binding_measures(pack, profile) for s in m.sources}
    cited |= {s for j in judgments for h in (*j.hits, *j.also) for s in h.references}
    return {
        s.id: SourceInfo(s.id, s.title, s.publisher, s.date, s.url)
        for s in pack.sources.values()
        if s.id in cited
    }
