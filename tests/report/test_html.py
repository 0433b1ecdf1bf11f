"""The HTML report as a reader opens it: self-contained, escaped, capped, and working in a real
browser (headless Chromium over the DevTools protocol, see browser.py).

The browser tests skip where Chromium is not installed, except under CI (CI set), where a
missing browser fails them: CI cannot pass without having opened the report.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from duediligence.api import scan
from duediligence.inventory import blocks
from duediligence.pack.loader import Pack
from duediligence.report import html, html_assets, html_charts, html_remediation, html_table
from duediligence.report.interface import Format, RenderOptions, render
from duediligence.results.assets import Location
from duediligence.results.block import Block
from duediligence.results.findings import Severity
from duediligence.results.report import Report
from tests.factory import ACME, make_pack
from tests.report.browser import Page, decode_png, find_chromium, page
from tests.report.kev import kev_report

AS_OF = date(2026, 1, 1)
EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.csv"
HEADER = "Asset ID,Make,Model,Site"

# Each payload would set window.pwned, or fetch something, if it ever ran as markup.
PAYLOADS = {
    "id": "<script>window.pwned=1</script>",
    "site": '"><img src=x onerror="window.pwned=2">',
    "model": "AC-1234B</template><script>window.pwned=3</script>",
    "header": "<svg onload=window.pwned=4>Notes",
    "note": "<iframe src=https://example.com/></iframe>",
    "make": "<img src=https://example.com/a.png onerror=window.pwned=5>",
}


def quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def csv(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def written(report: Report) -> str:
    out = StringIO()
    html.write(report, RenderOptions(), out)
    return out.getvalue()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside scripts and styles."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.raw[self._in].append(data)
        else:
            self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def example() -> Report:
    return scan([EXAMPLE], profile="global", as_of=AS_OF)


@pytest.fixture
def injected(tmp_path: Path, test_pack: Pack) -> Report:
    """A register whose cells, header and unrecognised values try to inject markup."""
    p = PAYLOADS
    path = csv(
        tmp_path / "inv.csv",
        f"{HEADER},{quoted(p['header'])}",
        f"{quoted(p['id'])},Acme,{quoted(p['model'])},{quoted(p['site'])},{quoted(p['note'])}",
        f"CAM-2,{quoted(p['make'])},X1,HQ,",
        "CAM-3,Acme,AC-2040X,HQ,",
    )
    return scan([path], pack=test_pack, profile="global", as_of=AS_OF)


# --- the pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "limit", "shown"),
    [
        pytest.param("<b>x</b>", None, "&lt;b&gt;x&lt;/b&gt;", id="markup-is-text"),
        pytest.param("\"a\" & 'b'", None, "&quot;a&quot; &amp; &#x27;b&#x27;", id="quotes"),
        pytest.param("abc\u202edef", None, "abcdef", id="bidi-override-dropped"),
        pytest.param("a\x00b\x1bc", None, "abc", id="control-characters-dropped"),
        pytest.param("x" * 10, 5, "xxxx…", id="cut-with-an-ellipsis"),
        pytest.param("<" * 10, 3, "&lt;&lt;…", id="cut-before-escaping"),
    ],
)
def test_values_are_shown_literally(value: str, limit: int | None, shown: str) -> None:
    assert html_assets.text(value, limit) == shown


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        pytest.param("https://example.org/a?b=1&c=2", True, id="https"),
        pytest.param("http://example.org/", True, id="http"),
        pytest.param("javascript:alert(1)", False, id="javascript-is-not-linked"),
        pytest.param("data:text/html,<b>x</b>", False, id="data-is-not-linked"),
        pytest.param(None, False, id="no-address"),
    ],
)
def test_only_web_addresses_are_linked(url: str | None, linked: bool) -> None:
    shown = html_assets.link(url, "Title")
    assert shown.startswith("<a href=") is linked
    if linked:
        assert f'href="{html_assets.text(url)}"' in shown


def test_charts_keep_the_largest_bars_and_sum_the_rest() -> None:
    high, low = Severity.HIGH, Severity.LOW
    bars = [html_charts.split(f"Site {n:02d}", {3: n, 1: 1}) for n in range(20)]
    shown = html_charts.largest(bars, 15)
    assert [b.label for b in shown[:3]] == ["Site 19", "Site 18", "Site 17"]
    assert len(shown) == 15
    rest = shown[-1]
    assert rest.label == "6 more" and rest.parts == ((high, 0 + 1 + 2 + 3 + 4 + 5), (low, 6))
    assert html_charts.largest(bars[:3], 15) == sorted(bars[:3], key=lambda b: -b.total)


# --- the page, read as HTML -------------------------------------------------------------


def test_status_line_charts_and_every_section(example: Report) -> None:
    page = written(example)
    tags = Tags(page)
    text = " ".join("".join(tags.text).split())
    s = example.summary
    assert (
        f"{s.flagged} assets flagged — {s.assets} assets read · {s.attributed} attributed ·"
        f" {s.flagged} flagged · {s.findings} findings (" in text
    )
    assert f"{s.skipped} skipped · {s.unknown} not recognised" in text
    for severity, n in s.by_severity.items():
        assert f"{n} {severity}" in text
    assert re.findall(r"<figcaption>(.*?)</figcaption>", page) == [
        "Findings by severity",
        "Flagged assets by vendor group (by worst severity)",
        "Flagged assets by site (by worst severity)",
    ]
    assert len(tags.named("svg")) == 3
    ids = {a.get("id") for _, a in tags.tags}
    sections = ["charts", "remediation", "findings", "unrecognised", "skipped", "warnings"]
    assert {*sections, "rules", "sources"} <= ids
    assert len(re.findall(r'<tbody data-rank="\d"', page)) == s.flagged
    assert "left out" not in text
    assert render(Format.HTML, example) == page  # deterministic, and registered


def test_site_and_group_charts_count_flagged_assets_by_worst_severity(example: Report) -> None:
    page = written(example)
    sites = page[page.index("Flagged assets by site") :]
    sites = sites[: sites.index("</figure>")]
    depot = Counter(f.asset.site for f in example.flagged)["Depot"]
    assert f"<title>Depot: {depot} flagged assets</title>" in sites
    groups = page[page.index("Flagged assets by vendor group") :]
    assert "<title>Zhejiang Dahua Technology Co., Ltd.: 4 flagged assets</title>" in groups


def test_rows_open_to_evidence_rules_sources_and_dates(example: Report) -> None:
    page = written(example)
    first = next(iter(example.flagged))
    j = first.judgment
    template = re.search(f'<template id="j-{j.id}">(.*?)</template>', page, re.S)
    assert template is not None
    body = template[1]
    for evidence in j.attribution.evidence:
        assert html_assets.text(evidence.explanation) in body
    holes = re.findall(r'<div data-hit="(\d+)"></div>', body)
    assert len(holes) == len(j.hits)
    hits = [re.search(f'<template id="h-{n}">(.*?)</template>', page, re.S) for n in holes]
    shown = [h[1] for h in hits if h is not None]
    rule = example.rules["AU-DEF-2023"]
    (au,) = [h for h in shown if "AU-DEF-2023" in h]
    assert html_assets.text(rule.recommended_action) in au
    assert "judged as of 2026-01-01" in au and f"in force since {rule.effective}" in au
    assert 'Defence removal target: 2023-06-30 <span class="past">(passed)</span>' in au
    with_url = next(s for s in example.sources.values() if s.url and s.id in rule.sources)
    assert f'<a href="{html_assets.text(with_url.url or "")}" rel="noreferrer">' in au


def test_every_register_value_is_shown_as_text(injected: Report) -> None:
    page = written(injected)
    tags = Tags(page)
    assert [name for name, _ in tags.tags].count("script") == 1
    for tag in ("img", "iframe"):
        assert not tags.named(tag)
    handlers = [(n, k) for n, attrs in tags.tags for k in attrs if k.startswith("on")]
    assert handlers == []
    assert [a.get("onload") for a in tags.named("svg")] == [None] * 3
    text = "".join(tags.text)
    for payload in PAYLOADS.values():
        assert payload in text


def test_the_policy_allows_exactly_the_inline_style_and_script(example: Report) -> None:
    tags = Tags(written(example))
    (meta,) = [a for a in tags.named("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    rules = dict(d.strip().split(" ", 1) for d in (meta["content"] or "").split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["img-src"] == "data:"
    (script,) = tags.raw["script"]
    (style,) = tags.raw["style"]
    assert rules["script-src"] == sha256(script)
    assert rules["style-src"] == sha256(style)
    assert "unsafe" not in (meta["content"] or "")
    assert tags.tags.index(("meta", meta)) < tags.tags.index(("style", {}))


def sha256(source: str) -> str:
    hashed = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
    return f"'sha256-{hashed}'"


def test_nothing_is_loaded_from_elsewhere(example: Report) -> None:
    tags = Tags(written(example))
    for name, attrs in tags.tags:
        for key in ("src", "href", "xlink:href", "data", "srcset", "poster", "action"):
            value = attrs.get(key)
            if value is None:
                continue
            if name == "a":
                assert value.startswith(("#", "https://", "http://")), value
            else:
                assert value.startswith("data:"), (name, key, value)
    links = [a["href"] for a in tags.named("a") if (a.get("href") or "").startswith("http")]
    assert links  # the sources are cited with their addresses
    style = "".join(tags.raw["style"])
    assert "url(" not in style and "@import" not in style


def test_most_severe_listed_first_and_the_rest_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stately = {**ACME, "id": "stately", "name": "Stately Optics", "aliases": ["Stately"]}
    stately |= {"names": [], "lookalikes": [], "country": "FR"}
    pack = make_pack(tmp_path / "pack", **{"entities/stately.yml": {"entities": [stately]}})
    medium = [f"S-{n},Stately,Q1,Plant {n % 2}" for n in range(5)]
    high = [f"A-{n},Acme,AC-1234B,Plant 9" for n in range(3)]
    report = scan(
        [csv(tmp_path / "inv.csv", HEADER, *medium, *high)],
        pack=pack,
        profile="global",
        as_of=AS_OF,
    )
    assert report.summary.flagged == 8
    monkeypatch.setattr(html_table, "MAX_ROWS", 4)
    page = written(report)
    first_cells = r'<tbody data-rank="(\d)" data-j="[^"]*"><tr>.*?<td class="w">([^<]*)</td>'
    listed = re.findall(first_cells, page)
    assert [name for _, name in listed] == ["A-0", "A-1", "A-2", "S-0"]
    assert [rank for rank, _ in listed] == ["3", "3", "3", "2"]
    assert "Listing the 4 most severe of 8 flagged assets; 4 are left out here" in page
    assert "--format json" in page and "--format xlsx" in page


@pytest.mark.parametrize("arrow", [False, True], ids=["csv-module", "arrow"])
def test_sites_are_counted_alike_whichever_parser_read_the_rows(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch, arrow: bool
) -> None:
    monkeypatch.setattr(blocks, "MIN_BYTES", 0 if arrow else 1 << 60)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1024)  # several blocks
    sites = ["HQ", " HQ ", "Depot", ""]
    rows = [f"CAM-{n},Acme,AC-1234B,{sites[n % 4]}" for n in range(60)]
    rows += [f"Z-{n},ZED,Z1,Depot" for n in range(7)]
    report = scan(
        [csv(tmp_path / "inv.csv", HEADER, *rows)], pack=test_pack, profile="global", as_of=AS_OF
    )
    # whichever parser read the file, its flagged rows reach the writer as Arrow blocks
    assert all(isinstance(p, Block) for p in report.flagged.parts())
    counts = html_table.tally(report)
    by_site: Counter[str] = Counter()
    for (site, _), n in counts.per_site.items():
        by_site[site] += n
    assert by_site == {"HQ": 30, "Depot": 22, "": 15}
    assert sum(counts.per_judgment.values()) == 67


def test_skips_and_warnings_are_listed_up_to_a_limit(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"CAM-{n},,,HQ" for n in range(5)]
    report = scan(
        [csv(tmp_path / "inv.csv", HEADER, *rows)], pack=test_pack, profile="global", as_of=AS_OF
    )
    assert report.summary.skipped == 5
    monkeypatch.setattr(html, "MAX_LISTED", 3)
    page = written(report)
    skipped = page[page.index('id="skipped"') : page.index('id="warnings"')]
    assert skipped.count("no make, model") == 3
    assert "2 more skipped rows left out here" in skipped
    assert "No asset was flagged." in page


def test_the_page_is_written_in_pieces(tmp_path: Path, test_pack: Pack) -> None:
    rows = [f"CAM-{n},Acme,AC-1234B,Site {n % 7}" for n in range(1200)]
    report = scan(
        [csv(tmp_path / "inv.csv", HEADER, *rows)], pack=test_pack, profile="global", as_of=AS_OF
    )

    class Recorder(StringIO):
        sizes: list[int] = []

        def write(self, s: str) -> int:
            self.sizes.append(len(s))
            return super().write(s)

    out = Recorder()
    html.write(report, RenderOptions(), out)
    assert max(out.sizes) < len(out.getvalue()) / 3


def test_many_sites_in_the_plan_are_capped(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"CAM-{n},Acme,AC-1234B,Site {n:02d}" for n in range(12)]
    report = scan(
        [csv(tmp_path / "inv.csv", HEADER, *rows)], pack=test_pack, profile="global", as_of=AS_OF
    )
    monkeypatch.setattr(html_remediation, "MAX_SITES", 10)
    page = written(report)
    plan = page[page.index('id="remediation"') : page.index('id="findings"')]
    assert "Remediation by site (12)" in plan
    assert plan.count('<h3 id="site-') == 10
    assert "2 more sites left out here" in plan


def test_the_plan_names_each_example_asset_where_the_findings_table_does(
    tmp_path: Path, test_pack: Pack
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cameras"
    sheet.append(HEADER.split(","))
    sheet.append(["CAM-1", "Acme", "AC-1234B", "HQ"])
    path = tmp_path / "reg.xlsx"
    book.save(path)
    page = written(scan([path], pack=test_pack, profile="global", as_of=AS_OF))
    plan = page[page.index('id="remediation"') : page.index('id="findings"')]
    shown = html_assets.text(html_table.where(Location(str(path), 2, "Cameras")))
    assert shown.endswith("reg.xlsx:Cameras:2")
    assert f"<li>CAM-1 <span class=muted>({shown})</span></li>" in plan
    assert f'<td class="w" data-v="0">{shown}</td>' in page  # the findings table's own name


def test_waived_findings_are_marked_and_the_waivers_listed(tmp_path: Path, test_pack: Pack) -> None:
    waivers = tmp_path / "waivers.yml"
    waivers.write_text(
        "waivers:\n"
        "  - {asset: CAM-1, rule: XX-BAN-A, reason: <b>Replaced in Q1</b>,"
        " approved_by: CISO, expires: 2027-03-31}\n"
        "  - {asset: CAM-9, rule: '*', reason: Gone, approved_by: CISO, expires: 2027-03-31}\n",
        encoding="utf-8",
    )
    path = csv(tmp_path / "inv.csv", HEADER, "CAM-1,Acme,AC-1234B,HQ", "CAM-2,Acme,AC-1234B,HQ")
    report = scan([path], pack=test_pack, profile="global", as_of=AS_OF, waivers=waivers)
    page = written(report)
    rows = re.findall(r'<div class="rules">([^<]*)</div>', page)
    assert rows[0].startswith("XX-BAN-A (waived), XX-BRAND-BAN,")
    assert "(waived)" not in rows[1]
    assert "<b>XX-BAN-A</b> waived (active, expires 2027-03-31, approved by CISO):" in page
    section = page[page.index('id="waivers"') :]
    assert "Waivers (2)" in section and "&lt;b&gt;Replaced in Q1&lt;/b&gt;" in section
    assert section.count("stale: matches nothing") == 1
    assert '<a href="#waivers">1 waived</a>' in page and "<b>FAIL</b>: " in page


# --- the page, opened in a browser ------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is not installed: the HTML report is untested")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    return path


def saved(report: Report, tmp_path: Path) -> str:
    """The report written to a file, as the file: URL a browser opens."""
    path = tmp_path / "report.html"
    with path.open("w", encoding="utf-8") as out:
        html.write(report, RenderOptions(), out)
    return path.as_uri()


def assert_clean(p: Page, url: str) -> None:
    """The page requested only itself (and data: URLs) and reported no error of any kind."""
    seen = p.activity()
    assert [r for r in seen.requests if r != url and not r.startswith("data:")] == []
    assert url in seen.requests
    assert seen.problems == []


def visible_rows(p: Page, column: int) -> list[str]:
    script = (
        "Array.from(document.querySelectorAll('#assets > tbody'))"
        f".filter(b => !b.hidden).map(b => b.rows[0].cells[{column}].textContent)"
    )
    rows: list[str] = p.evaluate(script)
    return rows


def enter(p: Page, control: str, value: str, event: str) -> None:
    """Set a form control as a person would, firing the event they would fire."""
    p.evaluate(
        f"(() => {{ const c = document.getElementById({control!r}); c.value = {value!r};"
        f" c.dispatchEvent(new Event({event!r})); }})()"
    )


def click_header(p: Page, title: str) -> None:
    p.evaluate(
        "Array.from(document.querySelectorAll('#assets thead button'))"
        f".find(b => b.textContent === {title!r}).click()"
    )


def test_the_example_report_in_a_browser(chromium: str, example: Report, tmp_path: Path) -> None:
    url = saved(example, tmp_path)
    flagged = list(example.flagged)
    with page(chromium) as p:
        p.open(url)
        assert p.evaluate("document.querySelectorAll('#assets > tbody').length") == len(flagged)
        assert p.evaluate("document.querySelectorAll('svg rect').length") > 10

        # Sorting: a header click sorts ascending, a second click descending.
        names = visible_rows(p, 2)
        click_header(p, "Asset")
        assert visible_rows(p, 2) == sorted(names, key=str.casefold)
        click_header(p, "Asset")
        assert visible_rows(p, 2) == sorted(names, key=str.casefold, reverse=True)
        click_header(p, "Findings")
        counts = [int(n) for n in visible_rows(p, 6)]
        assert counts == sorted(counts) and counts[0] < counts[-1]

        # Filtering: by text, then by severity.
        enter(p, "filter-text", "depot", "input")
        depot = sum(f.asset.site == "Depot" for f in flagged)
        assert visible_rows(p, 3) == ["Depot"] * depot
        assert p.evaluate("document.getElementById('shown').textContent") == str(depot)
        enter(p, "filter-text", "", "input")
        enter(p, "filter-severity", "4", "change")  # critical: none in this register
        assert visible_rows(p, 1) == []
        assert p.evaluate("document.getElementById('shown').textContent") == "0"
        enter(p, "filter-severity", "3", "change")  # high and above: all of them
        assert len(visible_rows(p, 1)) == sum(f.judgment.worst.rank >= 3 for f in flagged) > 0

        # Opening a row shows its evidence and each rule it meets.
        first = next(f for f in flagged if f.asset.asset_id == "CAM-0001")
        opened_row: dict[str, Any] = p.evaluate(
            "(() => { const b = Array.from(document.querySelectorAll('#assets > tbody'))"
            ".find(b => b.rows[0].cells[2].textContent === 'CAM-0001');"
            " b.querySelector('button.x').click(); const more = b.rows[1];"
            " return {hidden: more.hidden, hits: more.querySelectorAll('.hit').length,"
            " text: more.innerText, height: more.getBoundingClientRect().height}; })()"
        )
        assert opened_row["hidden"] is False and opened_row["height"] > 100
        assert opened_row["hits"] == len(first.judgment.hits)
        for evidence in first.judgment.attribution.evidence:
            assert evidence.explanation in opened_row["text"]
        assert "Recommended action:" in opened_row["text"]
        assert "judged as of 2026-01-01" in opened_row["text"]

        picture = decode_png(p.screenshot())
        assert picture.colours() > 50 and picture.share_not_white() > 0.02
        assert_clean(p, url)


def test_injected_markup_stays_text_in_a_browser(
    chromium: str, injected: Report, tmp_path: Path
) -> None:
    url = saved(injected, tmp_path)
    with page(chromium) as p:
        p.open(url)
        p.evaluate("document.querySelectorAll('#assets button.x').forEach(b => b.click())")
        assert p.evaluate("typeof window.pwned") == "undefined"
        assert p.evaluate("document.querySelectorAll('img, iframe').length") == 0
        shown: str = p.evaluate("document.body.innerText")
        for payload in PAYLOADS.values():
            assert payload in shown
        assert_clean(p, url)


def test_each_site_shows_its_known_exploited_advisories_and_patch_by(tmp_path: Path) -> None:
    page = written(kev_report(tmp_path))
    hq = page[page.index('id="site-1"') :]  # sites in name order: Depot, HQ
    assert (
        "<b>Known-exploited advisories:</b> CVE-2021-33044 (1 asset, patch by 2024-09-11"
        " <span class=past>overdue</span>); CVE-2021-33045" in hq
    )
    assert "patch by 2022-01-24 <span class=past>overdue</span> (known-exploited" in hq
    overview = page[page.index('<table class="plan">') : page.index('id="site-0"')]
    assert "<th>Known-exploited</th>" in overview
    assert "CVE-2021-33044, CVE-2021-33045, CVE-2021-36260" in overview
