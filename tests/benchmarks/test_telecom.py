"""The telecom held-apart rows (Huawei, ZTE, Hytera from Google Play's list) are reproducible,
come from a source no pattern was written from, and hold their measured accuracy.

The floors are the measured numbers (docs/accuracy.md, "Held apart: Huawei, ZTE, Hytera");
raise them as identification improves, never lower them.
"""

import csv

import pytest

from benchmarks.accuracy import evaluate, telecom
from duediligence.identify.normalize import model_key

# Measured 2026-12-07: every make-and-model row is found, the Huawei-branded "HONOR H30-L02"
# included (its Huawei code, and an undated row whose make names Huawei, Honor's owner until
# 2020-11-17: identify/former_brands.py). Read by model alone: Huawei's phone and tablet codes
# (letters, a hyphen and one of Huawei's network-variant codes), its older Ascend, U8/U9/C88,
# Japanese carrier and MediaPad codes and its mobile-broadband numbers, ZTE's MF routers,
# Vodafone K....-Z modems, Z... carrier codes, Blade/Axon names and Japanese carrier codes, and
# Nubia's NX...J phones through ZTE's Nubia. Hytera's PoC pattern is low, so its matches are
# reviews. Seeds that became pattern examples from sources of their own leave the blind rows
# when the builder is rerun: Hytera's PDC760 and PNC550 (207 rows to 203), then Huawei's
# CMR-W09 and VOG-AL10, later G735-L12, NEM-UL10 and a BG2 tablet code (device-detector's
# fixtures), and ZTE's Z... codes and Blade/Axon names (a device detector's table and ZTE's
# FCC filings), each replaced by another model of the list by hash (204 rows).
RECALL_FLOOR = 0.7206
MODEL_ONLY_RECALL_FLOOR = 0.4824
MAKE_AND_MODEL_MISSED_CEILING = 0
PRECISION_FLOOR = 0.995


@pytest.fixture(scope="module")
def outcomes() -> list[evaluate.Outcome]:
    return evaluate.judge(telecom.CORPUS)


def test_the_committed_rows_are_what_the_builder_makes() -> None:
    assert telecom.CORPUS.read_text(encoding="utf-8") == telecom.build_corpus()


def test_the_seeds_come_from_the_list_and_from_no_pattern() -> None:
    with telecom.SEED.open(encoding="utf-8", newline="") as fh:
        seeds = list(csv.DictReader(fh))
    known = telecom.known_models()
    assert {s["manufacturer"] for s in seeds} == {"Huawei", "ZTE", "Hytera"}
    assert len(seeds) >= 80
    assert all(s["path"] == "supported_devices.csv" and len(s["commit"]) == 40 for s in seeds)
    assert not [s["model"] for s in seeds if model_key(s["model"]) in known]
    with telecom.CORPUS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["part"] == telecom.PART and telecom.GPLAY in r["why"] for r in rows)
    assert all(r["expected_covered"] == "yes" for r in rows)


def test_the_rows_hold_their_measured_accuracy(outcomes: list[evaluate.Outcome]) -> None:
    s = evaluate.scores(outcomes)
    assert s["recall"] is not None and s["recall"] >= RECALL_FLOOR
    assert s["precision"] is not None and s["precision"] >= PRECISION_FLOOR
    plain = evaluate.scores([o for o in outcomes if o.asset.fields["signal"] == "name+model"])
    missed = plain["missed"]
    assert missed is not None and missed <= MAKE_AND_MODEL_MISSED_CEILING
    alone = evaluate.scores([o for o in outcomes if o.asset.fields["signal"] == "model"])
    assert alone["recall"] is not None and alone["recall"] >= MODEL_ONLY_RECALL_FLOOR


@pytest.mark.xfail(
    strict=True,
    reason="issue 20 item 2: no pattern for the Huawei codes no independent source shows,"
    " for ZTE's N- and V-series short codes or bare Z2xx-Z7xx numbers, and Hytera's PoC"
    " pattern is low (a review), so those model numbers alone or in a description are not"
    " attributed",
)
def test_the_rows_meet_the_targets(outcomes: list[evaluate.Outcome]) -> None:
    s = evaluate.scores(outcomes)
    assert (s["recall"] or 0) >= evaluate.TARGET_RECALL
    assert (s["precision"] or 0) >= evaluate.TARGET_PRECISION
