from tests.cli.helpers import run


def test_rules_list_names_every_measure() -> None:
    r = run("rules", "list")
    assert r.code == 0
    for rule in (
        "US-NDAA-889-A",
        "US-NDAA-889-B",
        "TW-GOV-PRC-BRANDS",
        "UK-FAC-2021",
        "RISK-STATE-OWNERSHIP",
        "RISK-XINJIANG-SURVEILLANCE",
    ):
        assert rule in r.stdout


def test_rules_list_for_a_profile() -> None:
    r = run("rules", "list", "--profile", "tw-government")
    assert "TW-GOV-PRC-BRANDS" in r.stdout and "US-NDAA-889-A" not in r.stdout


def test_rules_show_a_measure_and_an_entity() -> None:
    r = run("rules", "show", "US-NDAA-889-A")
    assert r.code == 0
    assert "effective: '2019-08-13'" in r.stdout
    r = run("rules", "show", "lorex")
    assert "name: Lorex Technology Inc." in r.stdout
    assert run("rules", "show", "NOPE").code == 2


def test_rules_status_dates_the_pack() -> None:
    r = run("rules", "status")
    assert r.code == 0
    assert "pack duediligence-core" in r.stdout and "facts last reviewed 2026-11-23" in r.stdout


def test_rules_validate_the_bundled_pack() -> None:
    r = run("rules", "validate", "rules")
    assert r.code == 0
    assert r.stdout.startswith("ok: rules")
