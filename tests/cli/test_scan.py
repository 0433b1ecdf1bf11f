"""The real CLI on the bundled examples: exact findings and exit codes."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import binding, findings, run

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = "2026-11-23"

# What measures name each group on 2026-11-23: every rule, as `global` binds them and as a
# scan with no profile reports them (binding or not).
US_COVERED = {
    "US-NDAA-889-A",
    "US-NDAA-889-B",
    "US-2CFR-200-216",
    "US-FCC-COVERED-LIST",
    "US-FCC-EA-2022",
    "US-FCC-25-71",
}
TELECOM = {"US-FCC-USF-54-9", "EU-CSA2-PROPOSAL-2026"}  # Huawei and ZTE network equipment
CCTV = {"IN-MEITY-CCTV-ER-2025"}  # a camera or recorder by its pattern: certified?
PRC_BRAND = {"TW-GOV-PRC-BRANDS"}
PRC_VIDEO = {"UK-WMS-2022", "RISK-SENSITIVE-SITES"}  # a PRC brand, not known to be non-video
XINJIANG = {"UK-FAC-2021", "RISK-XINJIANG-SURVEILLANCE", "RISK-PUBLIC-MONEY"}
STATE = {"RISK-STATE-OWNERSHIP"}
HIK_DAHUA = {"AU-DEF-2023", "US-BIS-ENTITY-LIST-2019"}
HIKVISION = (
    US_COVERED
    | PRC_BRAND
    | PRC_VIDEO
    | XINJIANG
    | STATE
    | HIK_DAHUA
    | {"US-NS-CMIC", "NO-GPFG-2020", "EU-EP-2021", "CA-ICA-HIKVISION-2025"}
)
DAHUA = US_COVERED | PRC_BRAND | PRC_VIDEO | XINJIANG | STATE | HIK_DAHUA | {"US-DOD-1260H-805"}
# Lorex bought in 2020, while Dahua owned it: a Canadian brand, so no brand-based rules.
LOREX_2020 = DAHUA - PRC_BRAND - PRC_VIDEO
HYTERA_RADIO = US_COVERED | PRC_BRAND  # a radio is not a video-surveillance device
HUAWEI_SWITCH = US_COVERED | PRC_BRAND | TELECOM | {"US-NS-CMIC"}  # a network device by its pattern
ZTE_ONT = US_COVERED | PRC_BRAND | TELECOM  # a network device
KEV = {"RISK-KNOWN-EXPLOITED"}  # a model in a bundled known-exploited advisory

# CSV row -> (asset, group, rules that name it).
EXPECTED = {
    2: ("CAM-0001", "hikvision", HIKVISION | CCTV | KEV),  # exact make + model
    3: ("CAM-0002", "hikvision", HIKVISION | CCTV | KEV),  # 'Hikvison' typo
    4: ("CAM-0003", "hikvision", HIKVISION | CCTV | KEV),  # model number only
    5: ("CAM-0004", "hikvision", HIKVISION | CCTV),  # HiLook brand
    6: ("NVR-0001", "dahua", DAHUA | CCTV),
    7: ("CAM-0005", "dahua", DAHUA | CCTV | KEV),  # legal name with Co., Ltd.
    8: ("CAM-0006", "dahua", LOREX_2020),
    12: ("RAD-0001", "hytera", HYTERA_RADIO),
    13: ("SW-0001", "huawei", HUAWEI_SWITCH),
    14: ("ONT-0001", "zte", ZTE_ONT),
    15: ("CAM-0010", "dahua", DAHUA),  # MAC only
    16: ("CAM-0011", "hikvision", HIKVISION),  # Ezviz brand
    18: ("CAM-0013", "hikvision", HIKVISION | CCTV | KEV),  # model inside a description
}


def scan_json(*args: str, as_of: str = AS_OF) -> tuple[int, dict[str, Any]]:
    r = run("scan", *args, "--as-of", as_of, "--format", "json", "--quiet")
    return r.code, json.loads(r.stdout)


def by_row(doc: dict[str, Any], offset: int = 0) -> dict[int, tuple[str, str, set[str]]]:
    out: dict[int, tuple[str, str, set[str]]] = {}
    for f in findings(doc):
        row = f["asset"]["row"] - offset
        asset_id, group, rules = out.setdefault(
            row, (f["asset"]["asset_id"], f["entity"]["group"], set())
        )
        rules.add(f["rule_id"])
    return out


@pytest.mark.parametrize(
    ("name", "offset", "sheet"),
    [("inventory.csv", 0, None), ("inventory.xlsx", 3, "Register")],
)
def test_the_examples_give_exactly_the_expected_findings(
    name: str, offset: int, sheet: str | None
) -> None:
    code, doc = scan_json(str(EXAMPLES / name))
    assert code == 0  # with no profile nothing above medium binds
    assert by_row(doc, offset) == EXPECTED
    summary = doc["summary"]
    assert {k: summary[k] for k in ("assets", "attributed", "unknown", "skipped", "flagged")} == {
        "assets": 18,
        "attributed": 14,  # the 13 flagged rows and the Lorex bought in 2024
        "unknown": 3,  # Axis, Bosch, Hanwha: not in the pack, not flagged
        "skipped": 1,
        "flagged": 13,
    }
    every = sum(len(rules) for _, _, rules in EXPECTED.values())
    assert summary["findings"] + summary["not_binding"] == every == 213
    # No profile chosen: only the due-diligence risks bind, and the summary counts those.
    assert {f["rule_id"] for f in binding(doc)} == {
        "RISK-STATE-OWNERSHIP",
        "RISK-XINJIANG-SURVEILLANCE",
        "RISK-SENSITIVE-SITES",
        "RISK-PUBLIC-MONEY",
        "RISK-KNOWN-EXPLOITED",
    }
    assert summary["findings"] == len(binding(doc)) == 44
    assert summary["by_group"] == {"dahua": 4, "huawei": 1, "hikvision": 6, "hytera": 1, "zte": 1}
    assert {f["asset"]["sheet"] for f in findings(doc)} == {sheet}
    assert [(s["row"] - offset, s["reason"][:10]) for s in doc["skips"]] == [(19, "no make, m")]


def test_every_finding_carries_evidence_references_and_an_action() -> None:
    _, doc = scan_json(str(EXAMPLES / "inventory.csv"))
    for f in findings(doc):
        assert f["evidence"] and f["references"] and f["recommended_action"]
        assert set(f["references"]) <= set(doc["sources"])
        assert f["rule_id"] in doc["rules"]
    typo = next(f for f in findings(doc) if f["asset"]["asset_id"] == "CAM-0002")
    assert typo["evidence"][0]["explanation"].startswith(
        "'Hikvison' ≈ 'Hikvision' (score 94, 1 edit)"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param([], 0, id="no-profile-no-borrowed-severity"),
        pytest.param(["--fail-on", "medium"], 1, id="no-profile-risks-count-at-medium"),
        pytest.param(["--profile", "global"], 1, id="global-fail-on-high"),
        pytest.param(
            ["--profile", "global", "--fail-on", "critical"], 0, id="nothing-critical-under-global"
        ),
        pytest.param(["--profile", "global", "--fail-on", "none"], 0, id="never-fail"),
        pytest.param(["--profile", "us-federal", "--fail-on", "critical"], 1, id="us-federal"),
        pytest.param(["--profile", "uk-public-sector"], 1, id="uk-risk-rules-are-high"),
    ],
)
def test_exit_codes(args: list[str], code: int) -> None:
    r = run("scan", str(EXAMPLES / "inventory.csv"), "--as-of", AS_OF, "--quiet", *args)
    assert r.code == code, r.stderr


def test_fail_on_never_hides_lower_findings() -> None:
    _, everything = scan_json(str(EXAMPLES / "inventory.csv"))
    _, strict = scan_json(str(EXAMPLES / "inventory.csv"), "--fail-on", "critical")
    assert findings(everything) == findings(strict)


def test_measures_apply_only_from_their_effective_date() -> None:
    path = str(EXAMPLES / "inventory.csv")
    _, before = scan_json(path, "--profile", "tw-government", as_of="2021-12-31")
    _, from_day_one = scan_json(path, "--profile", "tw-government", as_of="2022-01-01")
    assert "TW-GOV-PRC-BRANDS" not in before["summary"]["by_rule"]
    assert from_day_one["summary"]["by_rule"]["TW-GOV-PRC-BRANDS"] == 12


def test_the_profile_sets_severity() -> None:
    _, doc = scan_json(str(EXAMPLES / "inventory.csv"), "--profile", "us-federal")
    severities = {(f["rule_id"], f["severity"]) for f in binding(doc)}
    assert ("US-NDAA-889-A", "critical") in severities
    assert ("US-DOD-1260H-805", "high") in severities
    assert {r for r, _ in severities} == {
        "US-NDAA-889-A",
        "US-FCC-COVERED-LIST",
        "US-FCC-EA-2022",
        "US-FCC-25-71",
        "US-DOD-1260H-805",
        "RISK-STATE-OWNERSHIP",
        "RISK-XINJIANG-SURVEILLANCE",
        "RISK-KNOWN-EXPLOITED",
    }
    # BOD 22-01: the catalogue's due dates are a US agency's deadlines.
    assert ("RISK-KNOWN-EXPLOITED", "critical") in severities
    assert {f["patch_by"] for f in binding(doc) if f["rule_id"] == "RISK-KNOWN-EXPLOITED"} == {
        "2022-01-24",
        "2024-09-11",
    }
    # The profile's own list decides: no Taiwan, UK or investor rules for a US agency.
    assert not {r for r, _ in severities} & {"TW-GOV-PRC-BRANDS", "UK-WMS-2022", "US-NS-CMIC"}


@pytest.mark.parametrize(
    ("args", "code", "summary"),
    [
        pytest.param(
            [],
            0,
            "18 assets read · 13 flagged · 44 findings (25 medium, 9 low, 10 info)"
            " · 3 not recognised · 1 skipped · pass: none at or above high",
            id="no-profile",
        ),
        pytest.param(
            ["--profile", "global"],
            1,
            "18 assets read · 13 flagged · 213 findings (51 high, 73 medium, 64 low, 25 info)"
            " · 3 not recognised · 1 skipped · FAIL: 51 at or above high",
            id="global",
        ),
    ],
)
def test_the_table_goes_to_stdout_and_ends_with_the_summary(
    args: list[str], code: int, summary: str
) -> None:
    r = run("scan", str(EXAMPLES / "inventory.csv"), "--as-of", AS_OF, *args)
    assert r.code == code
    assert r.stdout.rstrip().splitlines()[-1] == summary


def test_map_overrides_a_column(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Brand,Maker,Part\nAxis,Hikvision,DS-2CD2143G2-I\n")
    code, doc = scan_json(str(path), "--map", "make=Maker", "--map", "model=Part", "-p", "global")
    assert code == 1
    assert findings(doc)[0]["asset"]["make"] == "Hikvision"


def test_json_output_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    inventory = str(EXAMPLES / "inventory.csv")
    r = run("scan", inventory, "--as-of", AS_OF, "-p", "global", "-f", "json", "-o", str(out))
    assert r.code == 1
    assert r.stdout == ""
    assert json.loads(out.read_text())["summary"]["flagged"] == 13
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_custom_pack_adds_a_measure_and_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Make,Model\nUniview,IPC2124LB-SF40\nAxis,P3245-LVE\n")
    custom = str(EXAMPLES / "custom-rules")
    assert run("rules", "validate", custom).code == 0
    code, doc = scan_json(str(path), "--rules", custom, "--profile", "example-corp")
    assert code == 1
    assert [(f["rule_id"], f["severity"]) for f in binding(doc)] == [("ORG-CCTV-POLICY", "high")]
    assert doc["pack"]["layers"] == ["rules", custom]


def test_sarif_output_has_one_result_per_finding_and_the_gate_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    inventory = str(EXAMPLES / "inventory.csv")
    r = run("scan", inventory, "--as-of", AS_OF, "-p", "global", "-f", "sarif", "-o", str(out))
    assert r.code == 1
    (sarif_run,) = json.loads(out.read_text(encoding="utf-8"))["runs"]
    _, doc = scan_json(inventory, "-p", "global")
    assert len(sarif_run["results"]) == len(binding(doc))
    assert {r["partialFingerprints"]["duediligence/v1"] for r in sarif_run["results"]} == {
        f["fingerprint"] for f in binding(doc)
    }


@pytest.mark.parametrize("fmt", ["junit", "markdown"])
def test_ci_formats_go_to_stdout_with_the_gate_exit_code(fmt: str) -> None:
    inventory = str(EXAMPLES / "inventory.csv")
    r = run("scan", inventory, "--as-of", AS_OF, "-p", "global", "-f", fmt, "--quiet")
    assert r.code == 1
    assert ("<testsuites" in r.stdout) if fmt == "junit" else r.stdout.startswith("#")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize(
    ("args", "overdue", "notice", "elsewhere"),
    [
        pytest.param(
            [], False, True, "AU, CA, EU, IN, NO, TW, UK, US", id="no-profile-borrows-no-deadline"
        ),
        pytest.param(
            ["--profile", "tw-government"],
            True,
            False,
            "AU, CA, EU, IN, NO, UK, US",
            id="tw-government-is-overdue",
        ),
    ],
)
def test_a_deadline_comes_only_from_the_chosen_profile(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    args: list[str],
    overdue: bool,
    notice: bool,
    elsewhere: str,
) -> None:
    """A Hikvision camera is named by eight jurisdictions' measures; only the chosen buyer's
    give it an action and a deadline, the others fold into one line."""
    out = tmp_path / f"report.{fmt}"
    # As a user runs it, from the project: the row's path is short enough that the table's
    # rules column holds the folded line unwrapped.
    monkeypatch.chdir(EXAMPLES.parent)
    inventory = "examples/inventory.csv"
    r = run("scan", inventory, "--as-of", AS_OF, "-f", fmt, "-o", str(out), *args)
    text = out.read_text(encoding="utf-8")
    assert r.code in (0, 1), r.stderr
    if fmt != "table":  # the terminal table lists rules, not actions
        assert ("overdue" in text) is overdue
        assert ("2021-12-31" in text) is overdue  # Taiwan's deadline for its own buyers
    assert ("no profile chosen" in text) is notice
    assert "--profile NAME" in text if notice else "--profile NAME" not in text
    assert f"also restricted in: {elsewhere}" in text


@pytest.mark.parametrize(
    ("args", "named"),
    [
        pytest.param([], True, id="from-the-settings-names-file-and-line"),
        pytest.param(["--profile", "gone-too"], False, id="from-the-flag"),
    ],
)
def test_a_profile_the_pack_lacks_is_an_error_listing_the_known_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], named: bool
) -> None:
    (tmp_path / ".git").mkdir()
    settings = tmp_path / "duediligence.toml"
    settings.write_text('fail-on = "high"\n\nprofile = "uk-council"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("scan", str(EXAMPLES / "inventory.csv"), "--quiet", *args)
    assert r.code == 2
    wrong = "uk-council" if named else "gone-too"
    assert (
        f"unknown profile '{wrong}'; known profiles: au-government, ca-federal, global," in r.stderr
    )
    assert (f"{settings}:3: unknown profile" in r.stderr) is named


def test_with_no_paths_the_settings_inputs_are_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run("scan", "--quiet").code == 2
    (tmp_path / "duediligence.toml").write_text(
        f'inputs = ["{EXAMPLES / "inventory.csv"}"]\n', encoding="utf-8"
    )
    code, doc = scan_json()
    assert code == 0 and doc["summary"]["assets"] == 18


def test_the_report_is_byte_identical_from_a_cold_and_a_warm_pack_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from duediligence.pack import cache, loader

    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    args = ("scan", str(EXAMPLES / "inventory.csv"), "--format", "json", "--as-of", AS_OF)
    cold = run(*args)
    assert len(list(tmp_path.glob("pack-*.json"))) == 1

    def refuse(*args: object) -> None:
        raise AssertionError("the warm run parsed a pack file")

    monkeypatch.setattr(loader, "_read_layer", refuse)
    warm = run(*args)
    assert (warm.code, warm.stdout) == (cold.code, cold.stdout)
    assert json.loads(cold.stdout)["summary"]["flagged"] > 0


def _cached_scan(monkeypatch: pytest.MonkeyPatch, env: dict[str, str | None]) -> tuple[int, str]:
    from duediligence.pack import cache

    for name, value in {cache.ENV_DIR: None, **env}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    args = ("--format", "json", "--as-of", AS_OF, "--profile", "global")
    done = run("scan", str(EXAMPLES / "inventory.csv"), *args)
    assert done.stderr == ""
    return done.code, done.stdout


def test_a_scan_keeps_the_pack_under_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = tmp_path / "xdg"
    _cached_scan(monkeypatch, {"XDG_CACHE_HOME": str(xdg)})
    assert len(list((xdg / "duediligence").glob("pack-*.json"))) == 1


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda t: {"XDG_CACHE_HOME": str(t / "a-file")}, id="xdg-under-a-file"),
        pytest.param(lambda t: {"DUEDILIGENCE_CACHE_DIR": str(t / "a-file")}, id="own-is-a-file"),
        pytest.param(lambda t: {"DUEDILIGENCE_CACHE_DIR": ""}, id="turned-off"),
    ],
)
def test_a_scan_with_no_usable_cache_loads_the_pack_cold_and_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: Any
) -> None:
    cached = _cached_scan(monkeypatch, {"DUEDILIGENCE_CACHE_DIR": str(tmp_path / "cache")})
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    assert _cached_scan(monkeypatch, where(tmp_path)) == cached
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder"


def test_a_damaged_pack_entry_is_rebuilt_and_the_report_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: dict[str, str | None] = {"DUEDILIGENCE_CACHE_DIR": str(tmp_path)}
    cold = _cached_scan(monkeypatch, env)
    (entry,) = tmp_path.glob("pack-*.json")
    whole = entry.read_bytes()
    # Still JSON, every record in shape: a covered maker's country changed by hand.
    edited = whole.replace(b'"country":"CN"', b'"country":"US"')
    assert edited != whole
    entry.write_bytes(edited)
    assert _cached_scan(monkeypatch, env) == cold
    assert entry.read_bytes() == whole
