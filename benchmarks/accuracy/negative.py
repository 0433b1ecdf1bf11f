"""Build the negative corpus (seeds/negative_models.csv): real model numbers of makers the
pack does not cover, each row citing the public file it was read from.

No covered model pattern may claim any of them (tests/benchmarks/test_negative_corpus.py):
a pattern written from one maker's catalogue is only as good as its silence on every other
maker's. The rows come from public device lists written for other purposes:

- the NetBox device-type library (github.com/netbox-community/devicetype-library and its
  public forks): the `manufacturer`, `model` and `part_number` of every
  `device-types/<Manufacturer>/*.yaml` file, each folder read in full from the git tree;
- the CC0 cctv-camera-database (github.com/ch-bas/cctv-camera-database, whose repository
  is also published under its earlier name, ch-bas/cctv-camera-databse): `brand` and
  `model` of `data/cameras.csv`, read from the repository's git tree;
- Google Play's supported-devices list (`supported_devices.csv`, UTF-16, as Google
  publishes it), from a public GitHub copy: `Retail Branding` and `Model`;
- Matomo's device-detector (github.com/matomo-org/device-detector): the `device: brand,
  model` its parser must give for each user agent of `Tests/fixtures/*.yml`, the answers
  its maintainers check by hand, and the code the user agent itself names ('SM-G973F'
  where the answer says 'Galaxy S10'), read from the git tree;
- ua-parser-js (github.com/faisalman/ua-parser-js): the `expect.vendor` and `expect.model`
  of each user agent in its device tests, `test/data/ua/device/*.json`.

Makers in a covered group, or held by the pack as one of its entities, are left out
(EXCLUDED, with why), and so are models whose first word is such a maker's name (Google
Play lists Orange's "ZTE Blade A410": ZTE's phone under a carrier's brand), and a covered
maker's designs that another sells under licence (LICENSED: Wiko's Huawei phones). The
repositories are not committed; bring them here with git and run:

    python benchmarks/accuracy/negative.py \\
        --netbox netbox-community/devicetype-library=benchmarks/accuracy/seeds/netbox_models.csv \\
        --netbox astrateam-net/devicetype-library=<git dir> \\
        --netbox nautobot/devicetype-library=<git dir> \\
        --cctv ch-bas/cctv-camera-databse=<git dir> \\
        --gplay ifarbod/gplay-supported-devices=<git dir> \\
        --device-detector matomo-org/device-detector=<git dir> \\
        --ua-parser faisalman/ua-parser-js=<git dir>

A NetBox source is a git directory (every device-type file at its HEAD is read) or a CSV of
`manufacturer,model,path,commit` rows already cited (seeds/netbox_models.csv). The output is
sorted, one row per distinct maker and model, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).parent
OUTPUT = HERE / "seeds" / "negative_models.csv"
COLUMNS = ("maker", "model", "source", "path", "commit")
CCTV_TABLE = "data/cameras.csv"
DD_FIXTURES = "Tests/fixtures/"
UAP_TESTS = "test/data/ua/device/"

# Makers left out, by their name folded to letters and digits. Each is a covered group, an
# entity the pack holds (rules/entities/*.yml) or a brand a source ties to one.
EXCLUDED = {
    # Hikvision group and the brands the pack ties to it
    "hikvision": "covered group",
    "ezviz": "Hikvision subsidiary (pack)",
    "ezvizhikvision": "Hikvision subsidiary (pack)",
    "hilook": "Hikvision brand (pack)",
    "hilookhikvision": "Hikvision brand (pack)",
    "hiwatch": "Hikvision brand (pack)",
    "hikrobot": "Hikvision affiliate (pack)",
    "hikmicro": "Hikvision affiliate (HIKMICRO, Hangzhou Microimage Software)",
    "hiksemi": "Hikvision affiliate (HIKSEMI)",
    "pyronix": "Hikvision subsidiary since 2016 (pack)",
    "lts": "Hikvision OEM relabel (pack)",
    "annke": "Hikvision OEM relabel (pack)",
    "prama": "Prama Hikvision India, Hikvision affiliate (pack)",
    # Dahua group
    "dahua": "covered group",
    "lorex": "Dahua subsidiary 2018-2022 (pack, dated)",
    "imou": "Dahua subsidiary (pack)",
    "imoudahua": "Dahua subsidiary (pack)",
    "amcrest": "Dahua OEM relabel (pack)",
    # Huawei group
    "huawei": "covered group",
    "honor": "Huawei subsidiary until 2020-11-17 (pack, dated): older models are Huawei's",
    "hisilicon": "Huawei subsidiary (pack)",
    "tdtech": "TD Tech, Huawei's joint venture: its phones are Huawei's (device-detector's"
    " table: 'based for Huawei brand'; N8 Pro is Huawei's code NAT-TN70)",
    "xfusion": "Huawei's x86 server line, sold in 2021: its models are Huawei FusionServer numbers",
    # ZTE group
    "zte": "covered group",
    "nubia": "ZTE affiliate (pack)",
    # Hytera group
    "hytera": "covered group",
    "hyt": "Hytera's former brand (pack alias)",
    "sepura": "Hytera subsidiary since 2017 (pack)",
    "teltronic": "Sepura subsidiary (pack)",
    "norsat": "Hytera subsidiary since 2017 (pack)",
    # PRC surveillance makers the pack holds as entities (patterns of their own)
    "uniview": "pack entity (own patterns)",
    "uniarch": "Uniview's budget brand (cctv-camera-database: 'Uniarch (Uniview)')",
    "unv": "Uniview (pack alias)",
    "tiandy": "pack entity (own patterns)",
    "kedacom": "pack entity",
    "tplink": "pack entity (known-exploited advisories)",
    "tapotplink": "TP-Link's camera brand (cctv-camera-database: 'Tapo (TP-Link)')",
    "reolink": "pack entity (known-exploited advisories)",
    # Not makers
    "generic": "NetBox placeholder, not a maker",
    "testing": "NetBox test fixtures, not a maker",
}

# Models of a non-covered maker that are a covered maker's design sold under its brand,
# by the maker's folded name and the shape of the model. They are covered equipment, not
# counter-examples, so they are left out (and said why).
LICENSED = {
    "wiko": (
        re.compile(r"^[A-Z]{3}-AN\d0$|^Hi (Enjoy|nova)\b", re.IGNORECASE),
        "Huawei's phone designs Wiko sells in China under licence since 2022, with Huawei's"
        " product codes (GAR-AN00 is Huawei's Enjoy 60): hartware.de 2022-12-28, nextpit.de"
        " 2023-05",
    ),
}

_FOLD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class Row:
    maker: str
    model: str
    source: str
    path: str
    commit: str


def fold(name: str) -> str:
    """A maker's name as EXCLUDED keys it: 'Tapo (TP-Link)' -> 'tapotplink'."""
    return _FOLD.sub("", name.casefold())


def excluded(maker: str) -> bool:
    return fold(maker) in EXCLUDED


def licensed(maker: str, model: str) -> bool:
    """The model is a covered maker's design under this maker's brand (LICENSED)."""
    rule = LICENSED.get(fold(maker))
    return rule is not None and rule[0].search(model.strip()) is not None


def names_excluded(model: str) -> bool:
    """The model's first word is a left-out maker's name ('ZTE Blade A410' under Orange's
    retail brand): that maker's product sold under another's brand, so not a negative."""
    words = model.split()
    return bool(words) and excluded(words[0])


def _git(git_dir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], input=stdin, capture_output=True, check=True
    ).stdout


def _blobs(git_dir: Path, paths: list[tuple[str, str]]) -> Iterator[tuple[str, bytes]]:
    """(path, content) for each (path, blob id), read in one `git cat-file --batch`."""
    out = _git(git_dir, "cat-file", "--batch", stdin="".join(f"{b}\n" for _, b in paths).encode())
    pos = 0
    for path, _ in paths:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        start = header_end + 1
        yield path, out[start : start + size]
        pos = start + size + 1


def netbox_git(source: str, git_dir: Path) -> Iterator[Row]:
    """Every device type at HEAD: the folder's files are read from the tree, not a listing."""
    commit = _git(git_dir, "rev-parse", "HEAD").decode().strip()
    listing = _git(git_dir, "ls-tree", "-r", "-z", "HEAD", "device-types/").decode()
    paths = []
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        if path.endswith((".yaml", ".yml")):
            paths.append((path, meta.split()[2]))
    for path, content in _blobs(git_dir, paths):
        try:
            doc = yaml.safe_load(content)
        except yaml.YAMLError:
            continue
        if not isinstance(doc, dict):
            continue
        maker = str(doc.get("manufacturer") or path.split("/")[1])
        for key in ("model", "part_number"):
            value = doc.get(key)
            if value not in (None, ""):
                yield Row(maker, str(value), source, path, commit)


def netbox_csv(source: str, seed: Path) -> Iterator[Row]:
    """Rows already cited one by one (manufacturer,model,path,commit)."""
    with seed.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            yield Row(r["manufacturer"], r["model"], source, r["path"], r["commit"])


def cctv(source: str, where: Path) -> Iterator[Row]:
    """`brand` and `model` of the database's aggregate CSV, `data/cameras.csv`.

    `where` is the repository's git directory (the table at its HEAD, cited with that
    commit), or the table itself downloaded at a commit that `source` names as repo@commit.
    """
    if where.is_dir():
        repo, commit = source, _git(where, "rev-parse", "HEAD").decode().strip()
        text = _git(where, "show", f"HEAD:{CCTV_TABLE}").decode("utf-8")
    else:
        repo, _, commit = source.partition("@")
        text = where.read_text(encoding="utf-8")
    for r in csv.DictReader(io.StringIO(text, newline="")):
        yield Row(r["brand"], r["model"], repo, CCTV_TABLE, commit)


def gplay(source: str, git_dir: Path) -> Iterator[Row]:
    """Google Play's list as published: UTF-16 with a byte-order mark."""
    commit = _git(git_dir, "rev-parse", "HEAD").decode().strip()
    raw = _git(git_dir, "show", "HEAD:supported_devices.csv")
    text = raw.decode("utf-16")
    for r in csv.DictReader(io.StringIO(text)):
        yield Row(r["Retail Branding"], r["Model"], source, "supported_devices.csv", commit)


def _files(git_dir: Path, folder: str, suffix: str) -> list[tuple[str, str]]:
    """(path, blob id) of each file of `folder` at HEAD ending in `suffix`, sorted."""
    listing = _git(git_dir, "ls-tree", "-z", "HEAD", folder).decode()
    paths = []
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        if path.endswith(suffix) and meta.split()[1] == "blob":
            paths.append((path, meta.split()[2]))
    return sorted(paths)


def ua_model(user_agent: str) -> str | None:
    """The device as an Android user agent names itself, the words after the Android
    version (and a locale) up to ` Build/` or the next `;` or `)`: 'SM-G973F' in
    `(Linux; Android 9; SM-G973F Build/PPR1.180610.011)`. It is the code the device reports
    (what a device-management export lists), where device-detector's `model` is often the
    trade name it maps the code to ('Galaxy S10'). None without one, or without a digit
    (Chrome's reduced 'K', a bare locale, a trade name the `model` already gives)."""
    found = _UA_MODEL.search(user_agent)
    token = found.group(1).strip() if found else ""
    return token if any(c.isdigit() for c in token) else None


_UA_MODEL = re.compile(
    r"Android [\d.]+;(?: [a-z]{2,3}(?:[-_][A-Za-z]{2,4}){0,2};)? ([^;)]+?)(?: Build/[^;)]*)?[;)]"
)


def device_detector(source: str, git_dir: Path) -> Iterator[Row]:
    """`device.brand` and `device.model` of every user agent in `Tests/fixtures/*.yml` at
    HEAD, and the code the user agent itself names (`ua_model`) under the same brand, each
    row citing its fixture file. Entries without a brand, or with neither a model nor a code
    (bots, desktops, a bare brand), give nothing. The brands are device-detector's own
    spelling of a maker's name ('Huawei', 'ZTE', 'Nubia', 'Honor', 'TD Tech'), which fold to
    the EXCLUDED keys as they stand. A case LICENSED names as a covered maker's design gives
    nothing either."""
    commit = _git(git_dir, "rev-parse", "HEAD").decode().strip()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path, content in _blobs(git_dir, _files(git_dir, DD_FIXTURES, ".yml")):
        doc = yaml.load(content, Loader=loader)
        for case in doc if isinstance(doc, list) else []:
            device = case.get("device") if isinstance(case, dict) else None
            if not isinstance(device, dict) or not device.get("brand"):
                continue
            brand, model = str(device["brand"]), str(device.get("model") or "")
            code = ua_model(str(case.get("user_agent") or ""))
            if licensed(brand, model) or (code and licensed(brand, code)):
                continue
            if model:
                yield Row(brand, model, source, path, commit)
            if code and code.casefold() != model.casefold():
                yield Row(brand, code, source, path, commit)


def ua_parser(source: str, git_dir: Path) -> Iterator[Row]:
    """`expect.vendor` and `expect.model` of each case in ua-parser-js's device tests at
    HEAD, and the code its user agent names (`ua_model`) under the same vendor; the tests
    write a missing value as the string 'undefined', which gives nothing."""
    commit = _git(git_dir, "rev-parse", "HEAD").decode().strip()
    for path, content in _blobs(git_dir, _files(git_dir, UAP_TESTS, ".json")):
        cases = json.loads(content)
        for case in cases if isinstance(cases, list) else []:
            expect = case.get("expect") if isinstance(case, dict) else None
            if not isinstance(expect, dict):
                continue
            vendor, model = str(expect.get("vendor") or ""), str(expect.get("model") or "")
            if vendor in ("", "undefined"):
                continue
            model = "" if model == "undefined" else model
            code = ua_model(str(case.get("ua") or ""))
            if licensed(vendor, model) or (code and licensed(vendor, code)):
                continue
            if model:
                yield Row(vendor, model, source, path, commit)
            if code and code.casefold() != model.casefold():
                yield Row(vendor, code, source, path, commit)


def clean(value: str) -> str:
    return " ".join(value.replace("\0", "").split())


def collect(rows: Iterable[Row]) -> list[Row]:
    """One row per distinct maker and model (the first source that gave it), covered out."""
    seen: dict[tuple[str, str], Row] = {}
    for row in rows:
        maker, model = clean(row.maker), clean(row.model)
        if not maker or not model or excluded(maker) or names_excluded(model):
            continue
        if licensed(maker, model):
            continue
        key = (fold(maker), model.casefold())
        if key not in seen:
            seen[key] = Row(maker, model, row.source, row.path, row.commit)
    return sorted(seen.values(), key=lambda r: (fold(r.maker), r.model.casefold(), r.model))


def write(rows: list[Row], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows((r.maker, r.model, r.source, r.path, r.commit) for r in rows)


def _pair(text: str) -> tuple[str, Path]:
    source, _, where = text.partition("=")
    if not where:
        raise argparse.ArgumentTypeError(f"expected SOURCE=PATH, got {text!r}")
    return source, Path(where)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--netbox", type=_pair, action="append", default=[])
    parser.add_argument("--cctv", type=_pair, action="append", default=[])
    parser.add_argument("--gplay", type=_pair, action="append", default=[])
    parser.add_argument("--device-detector", type=_pair, action="append", default=[])
    parser.add_argument("--ua-parser", type=_pair, action="append", default=[])
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for source, where in args.netbox:
        rows += netbox_csv(source, where) if where.suffix == ".csv" else netbox_git(source, where)
    for source, where in args.cctv:
        rows += cctv(source, where)
    for source, where in args.gplay:
        rows += gplay(source, where)
    for source, where in args.device_detector:
        rows += device_detector(source, where)
    for source, where in args.ua_parser:
        rows += ua_parser(source, where)
    kept = collect(rows)
    write(kept, args.out)
    makers = {fold(r.maker) for r in kept}
    sources = {r.source for r in kept}
    print(f"{len(kept)} models from {len(makers)} makers, {len(sources)} sources -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
