"""The remediation view: by site, what to remove, replace or mitigate, and by when.

A compliance officer acts site by site, so flagged assets are grouped by their site and, at
each site, by what must happen to them. Each flagged asset lands in exactly one action: the
strongest any of its rules asks for. The strength comes from the rule as the report
describes it (`RuleInfo.kind` and `status`) and from the severity the profile gives it:

| the rule                                    | its severity   | action   |
|---------------------------------------------|----------------|----------|
| a measure (`kind: measure`) in force        | critical       | remove   |
| a measure in force                          | high           | replace  |
| a measure in force                          | medium or less | mitigate |
| a measure recommended, proposed or advisory | any            | mitigate |
| a risk rule (`kind: risk`)                  | any            | mitigate |

Severity is where a pack says how hard a measure binds the reader: a profile rates a ban
critical for those it forbids to keep the equipment (the equipment comes out, whether or not
a substitute is ready), high for those who must stop buying it and plan its replacement, and
medium or less for those it concerns only indirectly. Equipment that may stay is kept safe by
the rules' mitigations (isolate its network, block outbound traffic, disable vendor cloud and
P2P, keep firmware patched); an action to remove or replace carries them too, for the time
until the equipment is gone.

An action to remove or replace is due by the earliest deadline its deciding rules set
(`RuleInfo.deadlines`), and overdue when that falls before the report's as-of date; an action
to mitigate has none (a measure's dates bind those it makes remove or replace).

Rows with no site go under `NO_SITE`. Counting reads only each flagged row's site cell and
judgment (in Arrow for rows read in blocks), and builds an example only for the first few rows
of each group, so a plan of half a million flagged rows costs about as much as reading their
judgments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter
from typing import Any, cast

import pyarrow as pa

from duediligence.assets import Field, Location
from duediligence.compute import pc
from duediligence.findings import Deadline, Hit, InputTable, Judgment, Report, RuleInfo, Severity
from duediligence.flagged import Block

NO_SITE = "(no site)"
"""Where rows whose site cell is empty (or that have no site column) are listed."""
EXAMPLES = 3
"""Assets named per action: enough to recognise the group, few enough to read."""


class Kind(StrEnum):
    """What happens to the equipment, strongest first."""

    REMOVE = "remove"
    REPLACE = "replace"
    MITIGATE = "mitigate"


_STRENGTH = {Kind.REMOVE: 0, Kind.REPLACE: 1, Kind.MITIGATE: 2}


@dataclass(frozen=True, slots=True)
class Example:
    """An asset a person can find: what they call it, and where the register lists it."""

    name: str
    location: Location

    def __str__(self) -> str:
        return f"{self.name} ({self.location})"


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do at a site, for every asset whose strongest rules are `rules`.

    `severity` is the worst of those rules; `recommended` their recommended actions and
    `mitigations` their mitigations (for equipment that stays, or until it goes), each listed
    once. `deadline` is the earliest deadline the rules set (`deadline_rule` sets it).
    """

    kind: Kind
    rules: tuple[str, ...]
    severity: Severity
    assets: int
    examples: tuple[Example, ...]
    deadline: Deadline | None
    deadline_rule: str | None
    overdue: bool
    recommended: tuple[str, ...]
    mitigations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SitePlan:
    """A site's flagged assets (each in one action) and what to do about them, most urgent
    first."""

    site: str
    assets: int
    actions: tuple[Action, ...]


def plan(report: Report) -> tuple[SitePlan, ...]:
    """The remediation plan: sites in name order (`NO_SITE` last), actions most urgent first
    (remove, replace, mitigate; then overdue and earliest deadline first; then worst severity
    and most assets)."""
    counts, examples = _tally(report)
    deciding = [decide(j, report.rules) for j in report.judgments]
    grouped: dict[tuple[str, Kind, tuple[str, ...]], list[tuple[int, int]]] = {}
    for (site, j), n in counts.items():
        kind, hits = deciding[j]
        key = (site, kind, tuple(h.rule_id for h in hits))
        grouped.setdefault(key, []).append((j, n))
    by_site: dict[str, list[Action]] = {}
    for (site, kind, _), members in grouped.items():
        _, hits = deciding[members[0][0]]
        shown = sorted((e for j, _ in members for e in examples[(site, j)]), key=itemgetter(0))
        assets = sum(n for _, n in members)
        action = _action(kind, hits, assets, [e for _, e in shown[:EXAMPLES]], report)
        by_site.setdefault(site, []).append(action)
    return tuple(
        SitePlan(site, sum(a.assets for a in actions), tuple(sorted(actions, key=_urgency)))
        for site, actions in sorted(by_site.items(), key=lambda kv: _site_order(kv[0]))
    )


def decide(judgment: Judgment, rules: Mapping[str, RuleInfo]) -> tuple[Kind, tuple[Hit, ...]]:
    """What a judgment's assets need, and the hits that decide it (see the module's table)."""
    kinds = [(kind_of(h, rules.get(h.rule_id)), h) for h in judgment.hits]
    strongest = min((k for k, _ in kinds), key=_STRENGTH.__getitem__)
    return strongest, tuple(h for k, h in kinds if k is strongest)


def kind_of(hit: Hit, rule: RuleInfo | None) -> Kind:
    """One rule's action for one asset; a rule the report does not describe is mitigated."""
    if rule is None or rule.kind != "measure" or rule.status != "in_force":
        return Kind.MITIGATE
    if hit.severity is Severity.CRITICAL:
        return Kind.REMOVE
    if hit.severity is Severity.HIGH:
        return Kind.REPLACE
    return Kind.MITIGATE


def asset_name(cells: Sequence[str], fields: Mapping[Field, int], row: int) -> str:
    """What a person calls the asset, read from its cells without building an Asset: asset
    id, else serial, else make and model, else its row."""

    def get(f: Field) -> str:
        i = fields.get(f)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    name = get(Field.ASSET_ID) or get(Field.SERIAL)
    name = name or " ".join(x for x in (get(Field.MAKE), get(Field.MODEL)) if x)
    return name or f"row {row}"


def due(
    kind: Kind, hits: Sequence[Hit], rules: Mapping[str, RuleInfo]
) -> tuple[Deadline, str] | None:
    """The earliest deadline the deciding rules set, and the rule that sets it. Equipment
    that may stay has none: a measure's dates bind those it makes remove or replace."""
    if kind is Kind.MITIGATE:
        return None
    dated = [
        (d.date, h.rule_id, d)
        for h in hits
        if h.rule_id in rules
        for d in rules[h.rule_id].deadlines
    ]
    first = min(dated, key=lambda x: (x[0], x[1]), default=None)
    return (first[2], first[1]) if first else None


def _action(
    kind: Kind, hits: Sequence[Hit], assets: int, examples: list[Example], report: Report
) -> Action:
    infos = [report.rules[h.rule_id] for h in hits if h.rule_id in report.rules]
    first = due(kind, hits, report.rules)
    return Action(
        kind=kind,
        rules=tuple(h.rule_id for h in hits),
        severity=max((h.severity for h in hits), key=lambda s: s.rank),
        assets=assets,
        examples=tuple(examples),
        deadline=first[0] if first else None,
        deadline_rule=first[1] if first else None,
        overdue=first is not None and first[0].date < report.as_of,
        recommended=tuple(dict.fromkeys(h.recommended_action for h in hits)),
        mitigations=tuple(dict.fromkeys(m for info in infos for m in info.mitigations)),
    )


def _urgency(a: Action) -> tuple[int, bool, str, int, int, tuple[str, ...]]:
    due = a.deadline.date if a.deadline else "9999-12-31"
    return (_STRENGTH[a.kind], not a.overdue, due, -a.severity.rank, -a.assets, a.rules)


def _site_order(site: str) -> tuple[bool, str, str]:
    return (site == NO_SITE, site.casefold(), site)


_Key = tuple[str, int]
"""(site, judgment index)."""


def _tally(report: Report) -> tuple[Counter[_Key], dict[_Key, list[tuple[int, Example]]]]:
    """Flagged rows per (site, judgment), and the first EXAMPLES of each with their place in
    inventory order."""
    counts: Counter[_Key] = Counter()
    examples: dict[_Key, list[tuple[int, Example]]] = {}
    tables = report.inputs
    sites = [t.fields.get(Field.SITE) for t in tables]
    base = 0
    for part in report.flagged.parts():
        if isinstance(part, Block):
            base = _tally_block(part, tables[part.table], base, counts, examples)
            continue
        for t, row, cells, j in part:
            i = sites[t]
            site = (cells[i].strip() if i is not None and i < len(cells) else "") or NO_SITE
            key = (site, j)
            counts[key] += 1
            found = examples.setdefault(key, [])
            if len(found) < EXAMPLES:
                found.append((base, _example(tables[t], row, cells)))
            base += 1
    return counts, examples


def _tally_block(
    block: Block,
    table: InputTable,
    base: int,
    counts: Counter[_Key],
    examples: dict[_Key, list[tuple[int, Example]]],
) -> int:
    """One Arrow block's rows grouped by (site, judgment) in Arrow; returns the next place."""
    n = len(block)
    i = table.fields.get(Field.SITE)
    if i is not None and i < block.cells.num_columns:
        site = pc.utf8_trim_whitespace(block.cells.column(i))
    else:
        site = pa.repeat("", n)
    rows = pa.table({"site": site, "j": block.verdicts, "at": _arange(n)})
    grouped = rows.group_by(["site", "j"], use_threads=False).aggregate(
        [("at", "count"), ("at", "list")]
    )
    firsts = pc.list_slice(grouped["at_list"], 0, EXAMPLES)
    keys = zip(
        _texts(grouped["site"]),
        _ints(grouped["j"]),
        _ints(grouped["at_count"]),
        cast(list[list[int]], firsts.to_pylist()),
        strict=True,
    )
    wanted: list[tuple[_Key, int]] = []
    for text, j, count, at in keys:
        key = (text or NO_SITE, j)
        counts[key] += count
        room = EXAMPLES - len(examples.setdefault(key, []))
        wanted.extend((key, a) for a in at[: max(room, 0)])
    if wanted:
        where = pa.array([a for _, a in wanted], pa.int64())
        cells = block.cells.take(where).to_pylist()
        numbers = _ints(block.numbers.take(where))
        for (key, a), row, number in zip(wanted, cells, numbers, strict=True):
            example = _example(table, number, [str(v) for v in row.values()])
            examples[key].append((base + a, example))
    return base + n


def _example(table: InputTable, row: int, cells: Sequence[str]) -> Example:
    return Example(asset_name(cells, table.fields, row), Location(table.source, row, table.sheet))


def _arange(n: int) -> pa.Array[Any]:
    return cast("pa.Array[Any]", pc.subtract(pc.cumulative_sum(pa.repeat(1, n)), 1))


def _ints(values: pa.Array[Any] | pa.ChunkedArray[Any]) -> list[int]:
    return cast(list[int], values.to_pylist())


def _texts(values: pa.Array[Any] | pa.ChunkedArray[Any]) -> list[str]:
    return cast(list[str], values.to_pylist())
