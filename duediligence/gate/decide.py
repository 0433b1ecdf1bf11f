"""Decide the gate: which findings count for the exit code after waivers and a baseline.

A finding counts when it is at or above the threshold, is not covered by a waiver in force,
and (given a baseline) the baseline did not already hold it. Nothing is removed from the
report: waived and new findings are marked, and every waiver that expired, is about to, or
matched nothing is named in a warning.

Without waivers or a baseline the count is read from the summary; with them, one pass over
the flagged rows' fingerprints (Arrow blocks are fingerprinted in C) decides every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase

from duediligence.findings import (
    BaselineInfo,
    Gate,
    Mark,
    Report,
    Severity,
    WaiverInfo,
    WaiverState,
)
from duediligence.fingerprints import asset_fingerprint, finding_fingerprint
from duediligence.gate.baseline import Baseline
from duediligence.gate.waivers import Entry

EXPIRING_DAYS = 30
"""A waiver expiring within this many days of the scan is named, so it is renewed in time."""

_Target = tuple[int, str | None]
"""(waiver index, rule id the waiver is limited to: a finding fingerprint names one)."""


def decide(
    report: Report,
    fail_on: Severity,
    waivers: Sequence[Entry] = (),
    baseline: Baseline | None = None,
) -> Report:
    """The report with its gate and the gate's warnings; its flagged rows carry the gate."""
    if not waivers and baseline is None:
        gate = Gate(fail_on, report.at_or_above(fail_on))
        report.flagged.gate = gate
        return replace(report, gate=gate)
    as_of = date.fromisoformat(report.as_of)
    states = [_state(e.waiver.expires, as_of) for e in waivers]
    targets = _targets(report, waivers)
    gate, matched = _judge(report, fail_on, waivers, states, targets, baseline)
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
    for _, fingerprint, j in report.flagged.fingerprints():
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
            marks[(fingerprint, ids[j])] = Mark(waived, new)
    info = None
    if baseline is not None:
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
        )
    gate = Gate(fail_on, failing, waived_count, baseline=info, marks=marks)
    return gate, matched


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
