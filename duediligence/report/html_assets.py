"""What every HTML report carries inline: its style, its script, the Content-Security-Policy that
allows exactly those two, and the escaping every value goes through.

The report is a file handed from person to person and opened offline, so it fetches nothing:
no fonts, no images, no scripts from elsewhere. The policy says so to the browser as well —
`default-src 'none'`, and the one style and one script allowed by their SHA-256 hashes — so
that even a value that escaped escaping could neither run nor fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from duediligence.results.findings import Severity

SEVERITIES = tuple(sorted((s for s in Severity if s is not Severity.NONE), key=lambda s: -s.rank))
"""Most severe first, as every list in the report is ordered."""

COLOURS: dict[Severity, str] = {
    Severity.CRITICAL: "#7f1d1d",
    Severity.HIGH: "#c2410c",
    Severity.MEDIUM: "#b7791f",
    Severity.LOW: "#2b6cb0",
    Severity.INFO: "#718096",
}
"""One colour per severity, shared by the badges and the charts; dark enough for white text."""

_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters, and the bidirectional controls that make text read other than it is
stored: a register cell cannot reorder what the reader sees."""


def text(value: object, limit: int | None = None) -> str:
    """Any value from a register or a pack, as HTML text that shows it literally.

    `limit` cuts it to that many characters (with an ellipsis), so one huge cell cannot fill
    the page.
    """
    shown = _DROPPED.sub("", str(value))
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return html.escape(shown, quote=True)


def link(url: str | None, label: str) -> str:
    """`label` (already HTML) as a link to a web address; only http(s) addresses are linked,
    so a pack cannot smuggle a `javascript:` link in."""
    if url is None or not url.lower().startswith(("https://", "http://")):
        return label
    return f'<a href="{text(url)}" rel="noreferrer">{label}</a>'


def digest(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    hashed = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{hashed}'"


def policy() -> str:
    """The Content-Security-Policy: nothing may load but the inline style and script below."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {digest(STYLE)}",
            f"script-src {digest(SCRIPT)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


_SEVERITY_STYLE = "\n".join(
    f".s{s.rank}{{background:{COLOURS[s]}}} rect.c{s.rank}{{fill:{COLOURS[s]}}}" for s in SEVERITIES
)

STYLE = (
    """
:root{color-scheme:light;--line:#d9dde3;--muted:#4a5568;--soft:#f5f7fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a202c;
margin:0 auto;padding:24px;max-width:1400px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;padding-top:8px;
border-top:1px solid var(--line)}h3{font-size:15px;margin:16px 0 6px}h4{font-size:14px;
margin:12px 0 4px}h5{font-size:14px;margin:0 0 4px}
p{margin:4px 0}.muted{color:var(--muted)}.note{background:#fffbeb;border:1px solid #f6e05e;
padding:8px 12px;border-radius:4px;margin:8px 0}
.status{font-size:16px;margin:8px 0}.status b{font-size:18px}
.sev{display:inline-block;color:#fff;border-radius:3px;padding:0 6px;font-size:12px;
font-weight:600;text-transform:uppercase;letter-spacing:.02em}
.charts{display:flex;flex-wrap:wrap;gap:24px}.charts figure{margin:0}
.charts figcaption{font-weight:600;margin-bottom:4px}
svg text{font:12px system-ui,sans-serif;fill:#1a202c}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;
padding:4px 8px;border-bottom:1px solid var(--line)}td{overflow-wrap:break-word}
td.w{overflow-wrap:anywhere;min-width:7em}thead th{background:var(--soft);
position:sticky;top:0;z-index:1}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus-visible{outline:2px solid
#2b6cb0}th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
td.num,th.num{text-align:right}
.rules{font-size:12px;color:var(--muted);max-width:240px;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
button.x{cursor:pointer;border:1px solid var(--line);background:#fff;border-radius:3px;
width:24px;height:22px;padding:0}button.x[aria-expanded=true]{background:var(--soft)}
tr.more>td{background:var(--soft);padding:8px 16px 16px}
.hit{border-left:4px solid var(--line);padding:4px 12px;margin:8px 0;background:#fff}
dl.cells{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}
dl.cells dt{color:var(--muted)}dl.cells dd{margin:0;overflow-wrap:anywhere}
.filters{display:flex;gap:12px;align-items:center;margin:8px 0;flex-wrap:wrap}
.filters input{width:320px;padding:4px 8px}.filters select{padding:4px}
.past{color:#9b2c2c;font-weight:600}code{font-size:12px}
table.plan{width:auto;min-width:50%}details.action{margin:4px 0 4px 12px}
details.action>summary{cursor:pointer}details.action[open]{padding-bottom:8px}
[hidden]{display:none!important}
@media print{.filters,button.x{display:none}thead th{position:static}}
"""
    + _SEVERITY_STYLE
    + "\n"
)
"""The whole style sheet; charts are classed SVG, so no element needs a style attribute (which
the policy would refuse)."""

SCRIPT = """
"use strict";
(() => {
  const table = document.getElementById("assets");
  if (!table) return;
  const heads = Array.from(table.tHead.rows[0].cells);
  const query = document.getElementById("filter-text");
  const level = document.getElementById("filter-severity");
  const shown = document.getElementById("shown");
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const words = new WeakMap();
  const key = (body, col) => {
    const cell = body.rows[0].cells[col];
    return cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
  };
  heads.forEach((th, col) => {
    const button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", () => {
      const up = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      const number = th.dataset.type === "number";
      const rows = Array.from(table.tBodies, (b) => [key(b, col), b]);
      rows.sort((a, b) => {
        const d = number ? Number(a[0]) - Number(b[0]) : collator.compare(a[0], b[0]);
        return up ? d : -d;
      });
      const moved = document.createDocumentFragment();
      rows.forEach((r) => moved.appendChild(r[1]));
      table.appendChild(moved);
    });
  });
  const filter = () => {
    const q = query.value.trim().toLowerCase();
    const min = Number(level.value);
    let count = 0;
    for (const body of table.tBodies) {
      if (!words.has(body)) words.set(body, body.rows[0].textContent.toLowerCase());
      const keep = Number(body.dataset.rank) >= min && (!q || words.get(body).includes(q));
      body.hidden = !keep;
      if (keep) count += 1;
    }
    shown.textContent = String(count);
  };
  query.addEventListener("input", filter);
  level.addEventListener("change", filter);
  const fill = (slot, id) => {
    const judgment = document.getElementById("j-" + id);
    if (!judgment) return;
    const part = judgment.content.cloneNode(true);
    part.querySelectorAll("[data-hit]").forEach((hole) => {
      const hit = document.getElementById("h-" + hole.dataset.hit);
      if (hit) hole.replaceWith(hit.content.cloneNode(true));
    });
    slot.appendChild(part);
  };
  table.addEventListener("click", (event) => {
    const button = event.target.closest("button.x");
    if (!button) return;
    const body = button.closest("tbody");
    const more = body.rows[1];
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "\u25be" : "\u25b8";
    more.hidden = !open;
    const slot = more.querySelector(".judgment");
    if (open && slot && !slot.hasChildNodes()) fill(slot, body.dataset.j);
  });
})();
"""
"""Sorting, filtering and opening rows of the findings table. Each row's evidence and rules
are kept once per distinct judgment (and each rule hit once) in inert <template>s and copied
into the row when it is opened, so the file's size follows distinct values, not rows."""
