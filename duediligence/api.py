"""The one place that wires the stages together: read -> identify -> evaluate -> Report.

`scan` is what the CLI calls and what a notebook calls; it never prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from duediligence import __version__
from duediligence.assets import Field
from duediligence.engine import Evaluator
from duediligence.errors import UsageError
from duediligence.findings import (
    SCHEMA_VERSION,
    Finding,
    PackInfo,
    Report,
    RuleInfo,
    Skip,
    SourceInfo,
    Summary,
    ToolInfo,
    UnknownValue,
)
from duediligence.identify.interface import Identifier, Signals
from duediligence.identify.unknown import unknown_reason
from duediligence.inventory.read import Inventory, expand, open_inventory
from duediligence.pack.bundled import LABEL, bundled_rules_dir
from duediligence.pack.dates import last_day
from duediligence.pack.loader import Pack, load_layers

Progress = Callable[[int], None]
PROGRESS_EVERY = 10_000
UNKNOWN_SHOWN = 50
PACK_MAX_AGE_DAYS = 365
NO_SIGNAL = "no make, model, MAC, supplier or description in this row"


def load_pack(rules: Iterable[str | Path] = ()) -> Pack:
    """The bundled pack with each user pack directory layered over it, in order."""
    layers = [(bundled_rules_dir(), LABEL)] + [(Path(r), str(r)) for r in rules]
    return load_layers(layers)


def scan(
    paths: Sequence[str | Path],
    *,
    profile: str = "global",
    rules: Iterable[str | Path] = (),
    as_of: date | None = None,
    column_map: dict[str, str] | None = None,
    pack: Pack | None = None,
    progress: Progress | None = None,
) -> Report:
    """Scan inventory files and return the Report.

    `as_of` (default today) decides which measures are in effect; relationships are judged on
    each asset's purchase or install date when the register gives one, else on `as_of`.
    Raises DueDiligenceError (exit code 2) for unreadable inputs, invalid packs or bad options.
    """
    pack = pack or load_pack(rules)
    pack.require_profile(profile)
    when = as_of or date.today()
    overrides = _overrides(column_map or {})
    files = expand([Path(p) for p in paths])
    identifier = Identifier(pack.catalog)
    evaluator = Evaluator(pack, profile, when)

    findings: list[Finding] = []
    skips: list[Skip] = []
    warnings: list[str] = _pack_warnings(pack)
    unknown: Counter[tuple[str | None, str | None, str]] = Counter()
    bad_macs: list[str] = []
    counts = Counter[str]()
    flagged_groups: Counter[str] = Counter()
    for path in files:
        inventory = open_inventory(path, overrides)
        for asset in inventory.assets():
            counts["assets"] += 1
            if progress is not None and counts["assets"] % PROGRESS_EVERY == 0:
                progress(counts["assets"])
            if not asset.has_signal():
                skips.append(Skip(asset.location, NO_SIGNAL))
                continue
            signals = Signals.of(asset)
            keyed = signals.keyed()
            attribution = identifier.attribute_keyed(keyed, asset.acquired or when)
            if asset.mac and keyed.mac is None:
                bad_macs.append(str(asset.location))
            if attribution is None:
                unknown[(asset.make, asset.model, unknown_reason(signals))] += 1
                continue
            counts["attributed"] += 1
            found = evaluator.evaluate(asset, attribution)
            if found:
                counts["flagged"] += 1
                flagged_groups[attribution.entity.group] += 1
                findings.extend(found)
        warnings.extend(inventory.warnings)
    if bad_macs:
        warnings.append(
            f"{len(bad_macs)} row(s) have a MAC that names no maker (malformed, random or"
            f" locally administered), first at {bad_macs[0]}: they were judged on their other"
            " signals"
        )
    if progress is not None:
        progress(counts["assets"])

    return Report(
        schema_version=SCHEMA_VERSION,
        tool=ToolInfo("duediligence", __version__),
        pack=PackInfo(pack.meta.id, pack.meta.version, pack.meta.reviewed, pack.layers),
        profile=profile,
        as_of=when.isoformat(),
        inputs=tuple(str(p) for p in files),
        summary=Summary(
            assets=counts["assets"],
            attributed=counts["attributed"],
            unknown=sum(unknown.values()),
            unknown_by_reason=_by_reason(unknown),
            skipped=len(skips),
            flagged=counts["flagged"],
            findings=len(findings),
            by_severity=dict(sorted(Counter(f.severity.value for f in findings).items())),
            by_group=dict(sorted(flagged_groups.items())),
            by_rule=dict(sorted(Counter(f.rule_id for f in findings).items())),
        ),
        findings=tuple(findings),
        skips=tuple(skips),
        unknown=tuple(
            UnknownValue(make, model, reason, n)
            for (make, model, reason), n in sorted(
                unknown.items(), key=lambda kv: (-kv[1], str(kv[0]))
            )[:UNKNOWN_SHOWN]
        ),
        rules=_rules(pack, profile),
        sources=_sources(pack, profile, findings),
        warnings=tuple(warnings),
    )


def columns(
    paths: Sequence[str | Path], column_map: dict[str, str] | None = None
) -> list[Inventory]:
    """How each file's columns would be read, without reading its rows (`duediligence columns`)."""
    overrides = _overrides(column_map or {})
    inventories = [open_inventory(path, overrides) for path in expand([Path(p) for p in paths])]
    for inventory in inventories:
        inventory.table.rows.close()
    return inventories


def _by_reason(unknown: Counter[tuple[str | None, str | None, str]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for (_, _, reason), n in unknown.items():
        counts[reason] += n
    return dict(sorted(counts.items()))


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
        )
        for m in pack.profile_measures(profile)
    }


def _sources(pack: Pack, profile: str, findings: list[Finding]) -> dict[str, SourceInfo]:
    cited = {s for m in pack.profile_measures(profile) for s in m.sources}
    cited |= {s for f in findings for s in f.references}
    return {
        s.id: SourceInfo(s.id, s.title, s.publisher, s.date, s.url)
        for s in pack.sources.values()
        if s.id in cited
    }
