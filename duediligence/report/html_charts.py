"""Bar charts as inline SVG, drawn here so the report needs no charting library and no network.

A bar may be split by severity (flagged assets by the worst finding each carries), so a reader
sees at a glance where the critical equipment is, not only where most of it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from duediligence.report.html_assets import SEVERITIES, text
from duediligence.results.findings import Severity

WIDTH = 620
LABEL = 240
"""Pixels kept left of the bars for their labels."""
BAR_AREA = 300
ROW = 22
LABEL_CHARS = 34
"""Characters of a label drawn; the full label is in the bar's tooltip."""
LEGEND = 24


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled bar: its count for each severity, drawn most severe first."""

    label: str
    parts: tuple[tuple[Severity, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.parts)


def chart(title: str, bars: Sequence[Bar], unit: str, legend: bool = False) -> str:
    """A horizontal bar chart in a <figure>; a note instead when there is nothing to draw."""
    if not bars:
        return f"<figure><figcaption>{text(title)}</figcaption><p class=muted>none</p></figure>"
    top = max(b.total for b in bars) or 1
    height = len(bars) * ROW + (LEGEND if legend else 0) + 4
    out = [
        f"<figure><figcaption>{text(title)}</figcaption>",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{text(title)}">',
    ]
    for i, bar in enumerate(bars):
        y = i * ROW
        tip = f"{bar.label}: {bar.total} {unit}"
        out.append(f"<g><title>{text(tip)}</title>")
        out.append(f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end">')
        out.append(f"{text(bar.label, LABEL_CHARS)}</text>")
        x = float(LABEL)
        for severity, n in bar.parts:
            w = BAR_AREA * n / top
            if n:
                out.append(
                    f'<rect class="c{severity.rank}" x="{x:.1f}" y="{y + 3}"'
                    f' width="{max(w, 1):.1f}" height="{ROW - 6}"/>'
                )
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{bar.total}</text></g>')
    if legend:
        out.append(_legend(len(bars) * ROW + 6))
    out.append("</svg></figure>")
    return "".join(out)


def _legend(y: int) -> str:
    parts = []
    x = LABEL
    for severity in SEVERITIES:
        parts.append(f'<rect class="c{severity.rank}" x="{x}" y="{y + 2}" width="12" height="12"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 12}">{severity.value}</text>')
        x += 72
    return "".join(parts)


def by_severity(counts: dict[str, int]) -> list[Bar]:
    """One bar per severity present, most severe first."""
    return [Bar(s.value, ((s, counts[s.value]),)) for s in SEVERITIES if counts.get(s.value)]


def split(label: str, ranks: dict[int, int]) -> Bar:
    """A bar from counts of flagged assets by the rank of their worst severity."""
    return Bar(label, tuple((s, ranks[s.rank]) for s in SEVERITIES if ranks.get(s.rank)))


def largest(bars: Sequence[Bar], shown: int, rest: str = "{n} more") -> list[Bar]:
    """The `shown` largest bars (ties by label), and one bar summing the rest, labelled by
    `rest` with {n} the number of bars it stands for."""
    ordered = sorted(bars, key=lambda b: (-b.total, b.label))
    if len(ordered) <= shown:
        return ordered
    kept, others = ordered[: shown - 1], ordered[shown - 1 :]
    sums: dict[Severity, int] = {}
    for bar in others:
        for severity, n in bar.parts:
            sums[severity] = sums.get(severity, 0) + n
    parts = tuple((s, sums[s]) for s in SEVERITIES if s in sums)
    return [*kept, Bar(rest.format(n=len(others)), parts)]
