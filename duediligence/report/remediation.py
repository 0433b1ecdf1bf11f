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

Only the rules that bind the buyer give actions (`Judgment.hits`: the chosen profile's, or
with no profile the due-diligence risks, which only ever ask to mitigate). An asset named
only by measures that bind someone else (`Judgment.also`) gets no action: another
jurisdiction's ban and its deadline are not the reader's to act on.

Rows with no site go under `NO_SITE`. Counting reads only each flagged row's site cell and
judgment (in Arrow for rows read in blocks) and notes where the first few rows of each (site,
judgment) pair are; an example is named only for the EXAMPLES rows an action keeps. A register
of 200 sites and 1,500 judgments has tens of thousands of pairs but a few hundred actions, so
a plan of half a million flagged rows costs about as much as reading their judgments.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice

import pyarrow as pa

from duediligence.report.remediation_advisories import SiteAdvisory, site_advisories
from duediligence.results.assets import Field, Location
from duediligence.results.block import Block
from duediligence.results.compute import int_range, int_values, pc, text_values
from duediligence.results.findings import Deadline, Hit, InputTable, Judgment, RuleInfo, Severity
from duediligence.results.report import Report

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
    patch_by: str | None = None
    """The earliest day its assets' known-exploited advisories must be patched by, where
    those due dates bind the buyer (a finding's `patch_by`, BOD 22-01): beside remove,
    replace or mitigate, equipment that stays meanwhile is patched by then."""
    patch_overdue: bool = False
    """Whether `patch_by` falls before the report's as-of date."""
    cves: tuple[str, ...] = ()
    """The known-exploited advisories (CVE ids) any of its assets fall in, sorted."""


@dataclass(frozen=True, slots=True)
class SitePlan:
    """A site's flagged assets (each in one action) and what to do about them, most urgent
    first; `advisories`, the known-exploited entries its assets fall in, by CVE id."""

    site: str
    assets: int
    actions: tuple[Action, ...]
    advisories: tuple[SiteAdvisory, ...] = ()


def plan(report: Report) -> tuple[SitePlan, ...]:
    """The remediation plan: sites in name order (`NO_SITE` last), actions most urgent first
    (remove, replace, mitigate; then overdue and earliest deadline first; then worst severity
    and most assets)."""
    tally = _tally(report)
    deciding = [decide(j, report.rules) if j.hits else None for j in report.judgments]
    grouped: dict[tuple[str, Kind, tuple[str, ...]], list[tuple[int, int]]] = {}
    for (site, j), n in tally.counts.items():
        decided = deciding[j]
        if decided is None:
            continue
        kind, hits = decided
        key = (site, kind, tuple(h.rule_id for h in hits))
        grouped.setdefault(key, []).append((j, n))
    # An action's examples are the first EXAMPLES of its rows in inventory order: chosen by
    # place among the first few of each of its (site, judgment) pairs, and only those named.
    chosen = {
        key: sorted(p for j, _ in members for p in tally.firsts[(key[0], j)])[:EXAMPLES]
        for key, members in grouped.items()
    }
    named = tally.examples(report.inputs, [p for places in chosen.values() for p in places])
    by_site: dict[str, list[Action]] = {}
    for (site, kind, rules), members in grouped.items():
        _, hits = decide(report.judgments[members[0][0]], report.rules)
        assets = sum(n for _, n in members)
        shown = [named[p] for p in chosen[(site, kind, rules)]]
        every = [h for j, _ in members for h in report.judgments[j].hits]
        action = _action(kind, hits, assets, shown, report, every)
        by_site.setdefault(site, []).append(action)
    exposed = site_advisories(report, tally.counts)
    return tuple(
        SitePlan(
            site,
            sum(a.assets for a in actions),
            tuple(sorted(actions, key=_urgency)),
            exposed.get(site, ()),
        )
        for site, actions in sorted(by_site.items(), key=lambda kv: _site_order(kv[0]))
    )


def decide(judgment: Judgment, rules: Mapping[str, RuleInfo]) -> tuple[Kind, tuple[Hit, ...]]:
    """What a judgment's assets need, and the hits that decide it (see the module's table).
    The judgment must have a binding hit."""
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
    name = field_text(cells, fields, Field.ASSET_ID) or field_text(cells, fields, Field.SERIAL)
    if not name:
        made = (field_text(cells, fields, f) for f in (Field.MAKE, Field.MODEL))
        name = " ".join(x for x in made if x)
    return name or f"row {row}"


def field_text(cells: Sequence[str], fields: Mapping[Field, int], field: Field) -> str:
    """A stored row's cell for an understood field, trimmed; empty when it has none."""
    i = fields.get(field)
    return cells[i].strip() if i is not None and i < len(cells) else ""


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


def advice(judgment: Judgment, report: Report) -> str:
    """What to do with a judgment's assets, in a cell or a line per rule: the action, by when
    (and whether that has passed), then each deciding rule's recommended action; empty when
    nothing binds the buyer."""
    if not judgment.hits:
        return ""
    kind, hits = decide(judgment, report.rules)
    head = kind.value.capitalize()
    first = due(kind, hits, report.rules)
    if first is not None:
        deadline, rule = first
        head += f" by {deadline.date} ({rule}: {deadline.label})"
        head += ", overdue" if deadline.date < report.as_of else ""
    patch = min((h.patch_by for h in judgment.hits if h.patch_by), default=None)
    if patch is not None:
        head += f"; patch by {patch}" + (", overdue" if patch < report.as_of else "")
    return "\n".join([head, *(f"{h.rule_id}: {h.recommended_action}" for h in hits)])


def _action(
    kind: Kind,
    hits: Sequence[Hit],
    assets: int,
    examples: list[Example],
    report: Report,
    every: Sequence[Hit],
) -> Action:
    """`every`: all the binding hits of the action's assets, deciding or not: a remove
    decided by a ban still says by when what stays meanwhile must be patched."""
    patch_by = min((h.patch_by for h in every if h.patch_by), default=None)
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
        patch_by=patch_by,
        patch_overdue=patch_by is not None and patch_by < report.as_of,
        cves=tuple(sorted({c for h in every for c in h.cves})),
    )


def _urgency(a: Action) -> tuple[int, bool, str, int, int, tuple[str, ...]]:
    due = a.deadline.date if a.deadline else "9999-12-31"
    return (_STRENGTH[a.kind], not a.overdue, due, -a.severity.rank, -a.assets, a.rules)


def _site_order(site: str) -> tuple[bool, str, str]:
    return (site == NO_SITE, site.casefold(), site)


_Key = tuple[str, int]
"""(site, judgment index)."""


@dataclass(slots=True)
class _Tally:
    """Flagged rows per (site, judgment), and where to find the first EXAMPLES of each.

    A row's place is its position among the flagged rows, in inventory order. A row is found
    from the first place of its Arrow block (`blocks`), and its cells are read only when
    named.
    """

    counts: Counter[_Key] = field(default_factory=Counter)
    firsts: dict[_Key, list[int]] = field(default_factory=dict)
    blocks: list[tuple[int, Block]] = field(default_factory=list)

    def examples(self, tables: Sequence[InputTable], places: Sequence[int]) -> dict[int, Example]:
        """The Example of each row at `places` (places this tally kept)."""
        out: dict[int, Example] = {}
        in_blocks: dict[int, list[int]] = {}
        starts = [first for first, _ in self.blocks]
        for place in places:
            in_blocks.setdefault(bisect_right(starts, place) - 1, []).append(place)
        for k, wanted in in_blocks.items():
            first, block = self.blocks[k]
            where = pa.array([p - first for p in wanted], pa.int64())
            rows = pc.take(block.cells, where).to_pylist()
            numbers = int_values(pc.take(block.numbers, where))
            table = tables[block.table]
            for place, row, number in zip(wanted, rows, numbers, strict=True):
                out[place] = _example(table, number, [str(v) for v in row.values()])
        return out


def _tally(report: Report) -> _Tally:
    """Count every flagged row by (site, judgment), keeping the places of the first few."""
    tally = _Tally()
    base = 0
    for part in report.flagged.parts():
        tally.blocks.append((base, part))
        base = _tally_block(part, report.inputs[part.table], base, tally)
    return tally


def _tally_block(block: Block, table: InputTable, base: int, tally: _Tally) -> int:
    """One Arrow block's rows grouped by (site, judgment) in Arrow; returns the next place.

    Block by block: grouping every block at once would have Python see each pair once
    rather than once a block, 0.7 s less at a million rows, but holds 50 MB more at the peak.
    """
    n = len(block)
    i = table.fields.get(Field.SITE)
    if i is not None and i < block.cells.num_columns:
        site = pc.utf8_trim_whitespace(block.cells.column(i))
    else:
        site = pa.repeat("", n)
    rows = pa.table({"site": site, "j": block.verdicts, "at": int_range(0, n)})
    grouped = rows.group_by(["site", "j"], use_threads=False).aggregate(
        [("at", "count"), ("at", "list")]
    )
    # Flat, not as a list per pair: Python builds tens of thousands of small lists slowly.
    # Single-threaded, each pair's list keeps the rows' order: its first places come first.
    firsts = pc.list_slice(grouped["at_list"], 0, EXAMPLES)
    places = iter(int_values(pc.add(pc.list_flatten(firsts), base)))
    keys = zip(
        text_values(grouped["site"]),
        int_values(grouped["j"]),
        int_values(grouped["at_count"]),
        int_values(pc.list_value_length(firsts)),
        strict=True,
    )
    counts = tally.counts
    for text, j, count, kept in keys:
        key = (text or NO_SITE, j)
        counts[key] += count
        found = tally.firsts.setdefault(key, [])
        at = list(islice(places, kept))
        found.extend(at[: max(EXAMPLES - len(found), 0)])
    return base + n


def _example(table: InputTable, row: int, cells: Sequence[str]) -> Example:
    return Example(asset_name(cells, table.fields, row), Location(table.source, row, table.sheet))
