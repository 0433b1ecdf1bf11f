"""Decide the gate: which findings count for the exit code after waivers and a baseline.

A finding counts when it is at or above the threshold, is not covered by a waiver in force,
and (given a baseline) the baseline did not already hold it. Nothing is removed from the
report: waived and new findings are marked, and every waiver that expired, is about to, or
matched nothing is named in a warning. Each new finding says where it comes from (`Origin`):
the register (a row new or changed) or the pack (a change since the baseline's pack, or the
same row with the same values flagged for a rule it did not have).

Without waivers or a baseline the count is read from the summary; with them, one pass over
the flagged rows' fingerprints (Arrow blocks are fingerprinted in C) decides every row.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from duediligence.results.block import FlaggedRow
from duediligence.results.findings import Origin, Severity, WaiverInfo, WaiverState
from duediligence.results.fingerprints import asset_fingerprint, finding_fingerprint
from duediligence.results.gate import BaselineInfo, Gate, Mark
from duediligence.results.report import Report

if TYPE_CHECKING:  # what a scan without waivers or a baseline never loads (start-up)
    from duediligence.gate.baseline import Baseline
    from duediligence.gate.waivers import Entry
    from duediligence.pack.changes import PackDelta

EXPIRING_DAYS = 30
"""A waiver expiring within this many days of the scan is named, so it is renewed in time."""

_Target = tuple[int, str | None]
"""(waiver index, rule id the waiver is limited to: a finding fingerprint names one)."""


def decide(
    report: Report,
    fail_on: Severity,
    waivers: Sequence[Entry] = (),
    baseline: Baseline | None = None,
    delta: PackDelta | None = None,
) -> Report:
    """The report with its gate and the gate's warnings; its flagged rows carry the gate.

    `delta` (the pack's changes since the baseline, `PackDelta.between`) lets a new finding on
    a row the baseline did not flag be told a pack change; without it, only rules the baseline
    did not evaluate and rows it held with the same values are.
    """
    if not waivers and baseline is None:
        gate = Gate(fail_on, report.at_or_above(fail_on))
        report.flagged.gate = gate
        return replace(report, gate=gate)
    as_of = date.fromisoformat(report.as_of)
    states = [_state(e.waiver.expires, as_of) for e in waivers]
    targets = _targets(report, waivers)
    gate, matched = _judge(report, fail_on, waivers, states, targets, baseline, delta)
    infos = tuple(
        WaiverInfo(
            where=e.where,
            asset=e.waiver.asset,
            fingerprint=e.waiver.fingerprint,
            rule=e.waiver.rule,
            reason=e.waiver.reason,
            approved_by=e.waiver.approved_by,
            expires=e.waiver.expires.isoformat(),
            state=state,
            matched=n,
        )
        for e, state, n in zip(waivers, states, matched, strict=True)
    )
    gate = replace(gate, waivers=infos)
    report.flagged.gate = gate
    warnings = [*_waiver_warnings(infos, report, as_of), *_baseline_warnings(baseline, report)]
    return replace(report, gate=gate, warnings=(*report.warnings, *warnings))


def _state(expires: date, as_of: date) -> WaiverState:
    if expires < as_of:
        return WaiverState.EXPIRED
    if (expires - as_of).days <= EXPIRING_DAYS:
        return WaiverState.EXPIRING
    return WaiverState.ACTIVE


def _targets(report: Report, waivers: Sequence[Entry]) -> dict[str, list[_Target]]:
    """Asset fingerprint -> the waivers that name it.

    An asset id names the asset whose identity is that id, exactly as its fingerprint is made.
    A fingerprint is an asset's or a finding's; a finding's is found by fingerprinting each
    flagged row's findings, a pass made only when some waiver gives one.
    """
    targets: dict[str, list[_Target]] = {}
    by_print: dict[str, int] = {}
    for i, e in enumerate(waivers):
        w = e.waiver
        if w.asset is not None:
            targets.setdefault(asset_fingerprint(f"id:{w.asset.casefold()}"), []).append((i, None))
        elif w.fingerprint is not None:
            by_print[w.fingerprint] = i
    if not by_print:
        return targets
    rules = [tuple(h.rule_id for h in j.hits) for j in report.judgments]
    for _, fingerprint, j in report.flagged.fingerprints():
        if fingerprint in by_print:
            continue
        for rule in rules[j]:
            named = by_print.get(finding_fingerprint(rule, fingerprint))
            if named is not None and (named, rule) not in targets.get(fingerprint, ()):
                targets.setdefault(fingerprint, []).append((named, rule))
    for fingerprint, i in by_print.items():
        targets.setdefault(fingerprint, []).append((i, None))
    return targets


def _judge(
    report: Report,
    fail_on: Severity,
    waivers: Sequence[Entry],
    states: Sequence[WaiverState],
    targets: dict[str, list[_Target]],
    baseline: Baseline | None,
    delta: PackDelta | None = None,
) -> tuple[Gate, list[int]]:
    """One pass over the flagged rows: marks, the failing count and each waiver's matches."""
    patterns = [e.waiver.rule.upper() for e in waivers]
    applied = [s is not WaiverState.EXPIRED for s in states]
    hits = [tuple(h.rule_id for h in j.hits) for j in report.judgments]
    rule_sets = [frozenset(r) for r in hits]
    counting = [
        frozenset(h.rule_id for h in j.hits if h.severity.rank >= fail_on.rank)
        for j in report.judgments
    ]
    ids = [j.id for j in report.judgments]
    known = baseline.known if baseline is not None else {}
    first: dict[str, int] = {}
    again: dict[str, set[str]] = {}
    matched = [0] * len(waivers)
    marks: dict[tuple[str, str], Mark] = {}
    failing = waived_count = new_count = held = 0
    nothing: frozenset[str] = frozenset()
    origins = _Origins(report, baseline, delta) if baseline is not None else None
    for n, (_, fingerprint, j) in enumerate(report.flagged.fingerprints()):
        waived: dict[str, int] = {}
        for i, only in targets.get(fingerprint, ()) if targets else ():
            for rule in hits[j]:
                if (only is None or rule == only) and fnmatchcase(rule, patterns[i]):
                    matched[i] += 1
                    if applied[i]:
                        waived.setdefault(rule, i)
        new = nothing
        if baseline is not None:
            rules = rule_sets[j]
            before = known.get(fingerprint)
            if before is None:
                new = rules
            else:
                if before != rules:
                    new = rules - before
                held += _held(fingerprint, j, before, rule_sets, first, again)
            new_count += len(new)
            if not new and not waived:
                continue
        if waived:  # few rows: a waiver names one asset
            failing += sum(
                1
                for rule in counting[j]
                if rule not in waived and (baseline is None or rule in new)
            )
        else:
            failing += len(counting[j] & new) if baseline is not None else len(counting[j])
        waived_count += len(waived)
        if waived or new:
            mark = marks[(fingerprint, ids[j])] = Mark(waived, new)
            if new and origins is not None:
                origins.add(n, fingerprint, j, mark)
    info = None
    if baseline is not None and origins is not None:
        from_register, from_pack = origins.settle()
        gone = baseline.findings - held
        info = BaselineInfo(
            source=baseline.source,
            pack=f"{baseline.pack_id} {baseline.pack_version}",
            profile=baseline.profile,
            as_of=baseline.as_of,
            findings=baseline.findings,
            new=new_count,
            unchanged=report.summary.findings - new_count,
            gone=gone,
            from_register=from_register,
            from_pack=from_pack,
        )
    gate = Gate(fail_on, failing, waived_count, baseline=info, marks=marks)
    return gate, matched


class _Origins:
    """Where each new finding comes from, decided as rows are marked and settled after.

    A rule the baseline did not evaluate, or one a pack change since it brings (`delta`), is
    the pack's. Otherwise it is the pack's when the baseline flagged the same asset with the
    same values (so only the rules changed), and the register's when the row is new or its
    values changed. The values are read only for rows that need them, in a second pass over
    the blocks holding them.
    """

    def __init__(self, report: Report, baseline: Baseline, delta: PackDelta | None) -> None:
        self.report, self.baseline, self.delta = report, baseline, delta
        self.marked: list[Mark] = []
        """The mark of each row with new findings, once per row (rows of one asset share it)."""
        self.pending: dict[int, tuple[str, Mark]] = {}
        """Row number -> (fingerprint, mark) of rows whose origin waits on their values."""

    def add(self, n: int, fingerprint: str, j: int, mark: Mark) -> None:
        """Decide what can be decided for row `n`'s new rules; keep the rest for `settle`."""
        judgment = self.report.judgments[j]
        self.marked.append(mark)
        for rule in mark.new:
            if rule in mark.origin:
                continue
            if rule not in self.baseline.rules or (
                self.delta is not None and self.delta.brings(judgment, rule)
            ):
                mark.origin[rule] = Origin.PACK
                continue
            mark.origin[rule] = Origin.REGISTER  # unless the baseline held these values
            if fingerprint in self.baseline.cells:
                self.pending[n] = (fingerprint, mark)

    def settle(self) -> tuple[int, int]:
        """Compare the pending rows' values with the baseline's; (from register, from pack)."""
        from duediligence.gate.baseline import values_hash

        fields = [sorted((f.value, i) for f, i in t.fields.items()) for t in self.report.inputs]
        for n, (t, _, cells, _) in self._rows(set(self.pending)):
            size = len(cells)
            values = tuple((f, v) for f, i in fields[t] if i < size and (v := cells[i].strip()))
            fingerprint, mark = self.pending[n]
            if values_hash(values) in self.baseline.values_of(fingerprint):
                for rule in mark.new:
                    mark.origin[rule] = Origin.PACK
        pack = sum(1 for m in self.marked for r in m.new if m.origin[r] is Origin.PACK)
        return sum(len(m.new) for m in self.marked) - pack, pack

    def _rows(self, wanted: set[int]) -> Iterator[tuple[int, FlaggedRow]]:
        """The rows numbered in `wanted`, skipping Arrow blocks that hold none of them."""
        at, ordered = 0, sorted(wanted)
        for part in self.report.flagged.parts() if wanted else ():
            size = len(part)
            nearest = bisect_left(ordered, at)
            if nearest < len(ordered) and ordered[nearest] < at + size:
                for k, row in enumerate(part.rows()):
                    if at + k in wanted:
                        yield at + k, row
            at += size


def _held(
    fingerprint: str,
    j: int,
    before: frozenset[str],
    rule_sets: Sequence[frozenset[str]],
    first: dict[str, int],
    again: dict[str, set[str]],
) -> int:
    """How many of the baseline's findings for this asset this row holds that earlier rows
    of the same asset did not (an asset is usually one row: only repeats keep a set)."""
    seen = first.get(fingerprint)
    if seen is None:
        first[fingerprint] = j
        return len(before & rule_sets[j])
    so_far = again.get(fingerprint)
    if so_far is None:
        so_far = again[fingerprint] = set(before & rule_sets[seen])
    more = (before & rule_sets[j]) - so_far
    so_far |= more
    return len(more)


def _waiver_warnings(infos: Sequence[WaiverInfo], report: Report, as_of: date) -> list[str]:
    out = []
    for w in infos:
        named = f"waiver {w.where} ({_target(w)}, rule {w.rule})"
        if w.state is WaiverState.EXPIRED:
            counted = f"; the {w.matched} findings it matches count again" if w.matched else ""
            out.append(f"{named} expired on {w.expires} and is not applied{counted}")
            continue
        if w.state is WaiverState.EXPIRING:
            days = (date.fromisoformat(w.expires) - as_of).days
            out.append(
                f"{named} expires on {w.expires}, in {days} day{'s' if days != 1 else ''}:"
                " renew it or resolve the findings"
            )
        if not w.matched:
            why = "the asset is gone or fixed, or the entry names it wrongly"
            if not any(
                fnmatchcase(r, w.rule.upper())
                for r, info in report.rules.items()
                if info.in_profile
            ):
                who = f"profile {report.profile}" if report.profile else "the rules that bind"
                why = f"no rule of {who} matches {w.rule!r}"
            out.append(f"{named} matched no finding (stale): {why}")
    return out


def _profile_label(profile: str | None) -> str:
    return f"profile {profile}" if profile else "no profile chosen"


def _target(w: WaiverInfo) -> str:
    return f"asset {w.asset}" if w.asset is not None else f"fingerprint {w.fingerprint}"


def _baseline_warnings(baseline: Baseline | None, report: Report) -> list[str]:
    if baseline is None:
        return []
    out = []
    theirs = f"{baseline.pack_id} {baseline.pack_version}"
    ours = f"{report.pack.id} {report.pack.version}"
    if theirs != ours:
        out.append(
            f"the baseline {baseline.source} was written with rule pack {theirs}, this scan uses"
            f" {ours}: findings are compared by rule id and asset, so findings of rules that"
            " changed between the two show as new"
        )
    if baseline.profile != report.profile:
        out.append(
            f"the baseline {baseline.source} was written for"
            f" {_profile_label(baseline.profile)}, this scan is for"
            f" {report.profile or 'no profile chosen'}: findings of rules that bind only this"
            " scan's buyer show as new"
        )
    unseen = sorted(r for r in report.summary.by_rule if r not in baseline.rules)
    if unseen:
        out.append(
            f"the baseline {baseline.source} did not evaluate {', '.join(unseen)}: every finding"
            " of these rules counts as new"
        )
    return out
