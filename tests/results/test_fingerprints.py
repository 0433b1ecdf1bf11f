from duediligence.results.assets import Field
from duediligence.results.fingerprints import asset_fingerprint, cells_identity, finding_fingerprint

FIELDS = {Field.ASSET_ID: 0, Field.SERIAL: 1, Field.MAC: 2, Field.MAKE: 3, Field.MODEL: 4}


def test_identity_is_asset_id_then_serial_then_mac_then_make_model_site() -> None:
    identity = cells_identity({**FIELDS, Field.SITE: 5})
    assert identity([" CAM-1 ", "SN1", "44:19:B6:00:00:01", "Acme", "X", "HQ"]) == "id:cam-1"
    assert identity(["", "SN1", "44:19:B6:00:00:01", "Acme", "X", "HQ"]) == "serial:sn1"
    assert identity(["", " ", "44:19:B6:00:00:01", "Acme", "X", "HQ"]) == "mac:44:19:b6:00:00:01"
    assert identity(["", "", "", " Acme  Vision", "X", "HQ"]) == "mms:acme vision|x|hq"


def test_a_short_row_or_a_missing_column_reads_as_empty() -> None:
    assert cells_identity({Field.MAKE: 0, Field.MODEL: 3})(["Acme"]) == "mms:acme||"


def test_a_finding_fingerprint_follows_rule_and_asset() -> None:
    asset = asset_fingerprint("id:cam-1")
    assert len(asset) == 32
    assert finding_fingerprint("R1", asset) != finding_fingerprint("R2", asset)
    assert finding_fingerprint("R1", asset) == finding_fingerprint(
        "R1", asset_fingerprint("id:cam-1")
    )
