import json

from tests.cli.helpers import run


def test_identify_explains_each_signal() -> None:
    r = run("identify", "Hikvison", "ds-2cd2143g2-i", "--as-of", "2026-11-23")
    assert r.code == 0
    assert "Hangzhou Hikvision Digital Technology Co., Ltd. — confidence" in r.stdout
    assert "'Hikvison' ≈ 'Hikvision' (score 94, 1 edit)" in r.stdout
    assert "model 'DS-2CD2143G2-I' matches" in r.stdout
    assert "US-NDAA-889-A" in r.stdout


def test_identify_a_mac() -> None:
    r = run("identify", "--mac", "44-19-b6-12-34-56", "--format", "json", "--as-of", "2026-11-23")
    assert r.code == 0
    doc = json.loads(r.stdout)
    assert doc["attribution"]["entity"]["group"] == "hikvision"
    assert doc["attribution"]["evidence"][0]["explanation"] == (
        "MAC 44:19:B6 is registered with the IEEE to 'Hangzhou Hikvision Digital Technology"
        " Co.,Ltd.' (Hangzhou Hikvision Digital Technology Co., Ltd.)"
    )


def test_a_brand_shows_its_path_to_the_group() -> None:
    r = run("identify", "Lorex", "--as-of", "2020-06-01")
    assert "Lorex Technology Inc., Zhejiang Dahua Technology Co., Ltd. group" in r.stdout
    assert "subsidiary of Zhejiang Dahua Technology Co., Ltd. from 2018-02-06 to 2022-11-24" in (
        r.stdout
    )
    later = run("identify", "Lorex", "--as-of", "2024-06-01")
    assert "group" not in later.stdout.splitlines()[0]


def test_lookalikes_are_not_identified() -> None:
    for make in ("Dahlia Florists", "Hikari", "Shanghai Dahua Scale Factory", "Aztech"):
        r = run("identify", make)
        assert r.code == 0
        assert r.stdout.startswith("Not recognised"), make


def test_the_xinjiang_rule_cites_the_contract_details() -> None:
    r = run("identify", "Hikvision", "--as-of", "2026-11-23")
    text = " ".join(r.stdout.split())
    assert "(2017; RMB 335.99m; ref. TC179H2TH; ended 2024-12:" in text
    assert "21-year contractual life cycle" in text


def test_identify_shows_a_conflict_for_review() -> None:
    r = run("identify", "Axis", "IPC-HFW2431S-S-S2", "--as-of", "2026-11-23")
    text = " ".join(r.stdout.split())
    assert r.code == 0
    assert "! conflict, review: the make 'Axis' names a manufacturer in the IEEE registry" in text
    assert "RISK-CONFLICTING-ATTRIBUTION" in text


def test_identify_an_fcc_id_and_say_why_nothing_matched() -> None:
    r = run("identify", "--fcc-id", "2ADTD-5604SD", "--format", "json", "--as-of", "2026-11-23")
    doc = json.loads(r.stdout)
    assert doc["attribution"]["entity"]["group"] == "hikvision"
    assert doc["input"]["fcc_id"] == "2ADTD-5604SD"
    unknown = run("identify", "--mac", "02:00:00:00:00:01", "--format", "json")
    assert json.loads(unknown.stdout)["unknown_reason"] == (
        "no make or model; MAC is random or locally administered"
    )


def test_identify_says_why_an_accessory_is_not_flagged() -> None:
    r = run("identify", "--description", "PoE injector for Hikvision PTZ", "--as-of", "2026-11-23")
    assert r.code == 0
    assert r.stdout.startswith(
        "Not covered equipment, not flagged: 'Hikvision' is mentioned only as what the item is for"
    )
    doc = json.loads(run("identify", "Hikvision", "--description", "bracket", "-f", "json").stdout)
    assert doc["attribution"]["entity"]["group"] == "hikvision"
    assert doc["not_covered"].startswith("the row names 'Hikvision'")
    assert doc["rules"] == [] and doc["unknown_reason"] is None


def test_identify_reads_notes_and_hostnames() -> None:
    r = run("identify", "--hostname", "cam-DS2CD2143-lobby", "--as-of", "2026-11-23")
    assert "hostname 'cam-DS2CD2143-lobby': model 'DS2CD2143'" in r.stdout
    r = run("identify", "--notes", "model DS-2CD2143G2-I", "--as-of", "2026-11-23")
    assert "model 'DS-2CD2143G2-I' matches" in r.stdout
