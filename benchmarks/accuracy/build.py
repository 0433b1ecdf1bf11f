"""Build the labelled accuracy corpus (corpus.csv) from public data, deterministically.

Inputs, all in seeds/:
- netbox_models.csv: real model numbers, one per device-type file of the public NetBox
  device-type library (github.com/netbox-community/devicetype-library), with the file path
  and commit each was listed at;
- makers.yml: the true maker behind each folder, how registers spell it, and its exact IEEE
  registrant strings;
- cases.yml: hand-written hard cases (relabels, dated ownership, Chinese names, FCC IDs,
  lookalikes), each with why its label holds;
- held_apart.csv: real model numbers from a catalogue the pack's patterns were not written
  from (the CC0 cctv-camera-database, github.com/ch-bas/cctv-camera-database), one per
  camera file, with the file path and commit, keeping only models that are neither in
  netbox_models.csv nor an example of any pack pattern. Their rows are the held-apart part
  (`part = held-apart`); every other row is `part = pattern-sources`.
MAC rows use real OUIs from the IEEE registry that netaddr ships.

Run: python benchmarks/accuracy/build.py  (rewrites benchmarks/accuracy/corpus.csv)
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
CORPUS = HERE / "corpus.csv"
NETBOX = "https://github.com/netbox-community/devicetype-library/blob"
CCTV_DB = "https://github.com/ch-bas/cctv-camera-database/blob"

COLUMNS = (
    "Asset ID",
    "Make",
    "Model",
    "MAC Address",
    "FCC ID",
    "Description",
    "Purchase Date",
    "expected_group",
    "expected_covered",
    "signal",
    "difficulty",
    "case",
    "part",
    "why",
)
PATTERN_SOURCES = "pattern-sources"
HELD_APART = "held-apart"

# Free-text descriptions as registers hold them; {model} and {make} are filled in.
DESCRIPTIONS = (
    "4MP dome camera {model} 2.8mm",
    "{make} {model} w/ 2TB",
    "Replacement unit, model {model}",
    "Outdoor unit {model} (car park)",
    "{model} - installed by contractor",
    "Core switch {model}",
)
CAMERA_MAKERS = ("AXIS", "Bosch", "Hanwha", "Vivotek", "i-PRO", "Mobotix")
MACS_PER_MAKER = 20
RANDOM_MACS = 20
CONFLICTS = 30


@dataclass
class Corpus:
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(self, **row: str) -> None:
        row["Asset ID"] = f"ACC-{len(self.rows) + 1:05d}"
        row.setdefault("part", PATTERN_SOURCES)
        self.rows.append({c: row.get(c, "") for c in COLUMNS})


def stable(text: str) -> int:
    """A number from text that never changes between runs or machines."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def typo(name: str, h: int) -> str:
    """One adjacent transposition (or a deletion where the letters are equal) inside the name."""
    at = 1 + h % (len(name) - 2)
    if name[at] != name[at + 1]:
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return name[:at] + name[at + 1 :]


def mac_text(oui: str, h: int, style: int) -> str:
    digits = oui + f"{h % 0xFFFFFF:06X}"
    pairs = [digits[i : i + 2] for i in range(0, 12, 2)]
    if style == 0:
        return ":".join(pairs)
    if style == 1:
        return ":".join(pairs).lower()
    if style == 2:
        return "-".join(pairs)
    if style == 3:
        return ".".join(digits[i : i + 4] for i in range(0, 12, 4)).lower()
    return digits if style == 4 else digits.lower()


def registry() -> dict[str, list[str]]:
    """IEEE MA-L organisation -> its OUIs (six hex digits), from netaddr's copy."""
    raw = files("netaddr.eui").joinpath("oui.txt").read_bytes().decode("utf-8", "replace")
    out: dict[str, list[str]] = {}
    for line in raw.splitlines():
        if "(hex)" in line:
            prefix, org = line.split("(hex)", 1)
            out.setdefault(org.strip(), []).append(prefix.strip().replace("-", ""))
    return out


def label(maker: dict[str, Any]) -> dict[str, str]:
    return {
        "expected_group": maker["group"],
        "expected_covered": "yes" if maker["covered"] else "no",
    }


def from_netbox(corpus: Corpus, makers: dict[str, Any]) -> None:
    with (SEEDS / "netbox_models.csv").open(encoding="utf-8", newline="") as fh:
        models = list(csv.DictReader(fh))
    for m in models:
        why = f"NetBox device type {NETBOX}/{m['commit']}/{m['path']}"
        from_model(corpus, makers[m["manufacturer"]], m["model"], why, PATTERN_SOURCES)


def from_held_apart(corpus: Corpus, makers: dict[str, Any]) -> None:
    """Models from a catalogue no pattern was written from: the held-apart part."""
    with (SEEDS / "held_apart.csv").open(encoding="utf-8", newline="") as fh:
        models = list(csv.DictReader(fh))
    for m in models:
        why = f"cctv-camera-database (CC0) {CCTV_DB}/{m['commit']}/{m['path']}"
        from_model(corpus, makers[m["manufacturer"]], m["model"], why, HELD_APART)


def from_model(corpus: Corpus, maker: dict[str, Any], model: str, why: str, part: str) -> None:
    """An easy row and, chosen by a hash of the model, the hard rows made from one model."""
    h = stable(model)
    makes = maker["makes"]
    common = {**label(maker), "why": why, "part": part}
    corpus.add(
        Make=makes[h % min(3, len(makes))],
        Model=model,
        signal="name+model",
        difficulty="easy",
        case="plain",
        **common,
    )
    if h % 3 == 0 or part == HELD_APART:  # every held-apart model alone, too
        corpus.add(Model=model, signal="model", difficulty="hard", case="model-only", **common)
    if h % 5 == 1:
        text = DESCRIPTIONS[h % len(DESCRIPTIONS)].format(model=model, make=makes[0])
        signal = "description"
        corpus.add(Description=text, signal=signal, difficulty="hard", case="free-text", **common)
    if h % 7 == 2 and len(makes[0]) >= 5:
        corpus.add(Make=typo(makes[0], h), signal="name", difficulty="hard", case="typo", **common)
    if h % 11 == 3 and len(makes) > 3:
        corpus.add(
            Make=makes[3 + h % (len(makes) - 3)],
            signal="name",
            difficulty="hard",
            case="name-variant",
            **common,
        )


def from_registry(corpus: Corpus, makers: dict[str, Any]) -> None:
    orgs = registry()
    for name, maker in makers.items():
        ouis = sorted({o for org in maker["registrants"] for o in orgs.get(org, [])})
        if maker["registrants"] and not ouis:
            sys.exit(f"makers.yml: {name}: no OUI in the registry for {maker['registrants']}")
        ouis.sort(key=lambda o: stable(name + o))
        for i, oui in enumerate(ouis[:MACS_PER_MAKER]):
            corpus.add(
                **{"MAC Address": mac_text(oui, stable(oui), i % 6)},
                **label(maker),
                signal="mac",
                difficulty="hard",
                case="mac-only",
                why=f"IEEE MA-L {oui[:2]}:{oui[2:4]}:{oui[4:]} is registered to"
                f" {', '.join(maker['registrants'])} (netaddr registry)",
            )
    for i in range(RANDOM_MACS):
        h = stable(f"random-{i}")
        first = f"{(h >> 4) % 16:X}{'26AE'[h % 4]}"
        corpus.add(
            **{"MAC Address": mac_text(first + f"{(h >> 8) % 0xFFFF:04X}", h, i % 6)},
            expected_group="",
            expected_covered="no",
            signal="mac",
            difficulty="hard",
            case="random-mac",
            why="locally administered MAC (second hex digit 2, 6, A or E): names no maker",
        )


def conflicts(corpus: Corpus, makers: dict[str, Any]) -> None:
    """Makes of compliant camera makers on covered model numbers: a person must look."""
    with (SEEDS / "netbox_models.csv").open(encoding="utf-8", newline="") as fh:
        covered = [
            m
            for m in csv.DictReader(fh)
            if m["manufacturer"] in ("Hikvision", "Dahua") and "-" in m["model"]
        ]
    covered.sort(key=lambda m: stable("conflict" + m["model"]))
    for i, m in enumerate(covered[:CONFLICTS]):
        other = makers[CAMERA_MAKERS[i % len(CAMERA_MAKERS)]]
        corpus.add(
            Make=other["makes"][0],
            Model=m["model"],
            expected_group=makers[m["manufacturer"]]["group"],
            expected_covered="review",
            signal="name+model",
            difficulty="hard",
            case="conflict",
            why=f"make says {other['makes'][0]}; {m['model']} is a {m['manufacturer']} model"
            f" ({NETBOX}/{m['commit']}/{m['path']})",
        )


def hand_cases(corpus: Corpus) -> None:
    cases = yaml.safe_load((SEEDS / "cases.yml").read_text(encoding="utf-8"))["cases"]
    for c in cases:
        given = [
            s
            for s, key in (("name", "make"), ("model", "model"), ("fcc_id", "fcc_id"))
            if c.get(key)
        ]
        corpus.add(
            Make=c.get("make", ""),
            Model=c.get("model", ""),
            **{"FCC ID": c.get("fcc_id", ""), "Purchase Date": c.get("purchased", "")},
            expected_group=c["group"],
            expected_covered={True: "yes", False: "no", None: "review"}[c["covered"]],
            signal="+".join(given),
            difficulty="hard",
            case=c["case"],
            why=c["why"],
        )


def build() -> str:
    makers = yaml.safe_load((SEEDS / "makers.yml").read_text(encoding="utf-8"))["makers"]
    corpus = Corpus()
    from_netbox(corpus, makers)
    from_held_apart(corpus, makers)
    from_registry(corpus, makers)
    conflicts(corpus, makers)
    hand_cases(corpus)
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(corpus.rows)
    return out.getvalue()


if __name__ == "__main__":
    CORPUS.write_text(build(), encoding="utf-8")
    print(f"wrote {CORPUS} ({build().count(chr(10)) - 1} rows)")
