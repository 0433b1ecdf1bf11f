from datetime import date
from pathlib import Path

import pytest

from duediligence.api import scan
from duediligence.pack.loader import Pack
from duediligence.report import table
from duediligence.report.interface import Format, RenderOptions, render
from tests.report.kev import kev_report


def test_the_table_shows_each_flagged_asset_and_ends_with_a_summary(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Model\nCAM-1,Acme,AC-1234B\nCAM-2,Axis,P3245\nCAM-3,,\n")
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    text = render(Format.TABLE, report, RenderOptions(width=200))
    assert "CAM-1" in text and "XX-BAN-A" in text and "HIGH" in text
    assert f"{path}, row 4: no make, model, MAC, supplier or description in this row" in text
    assert "Not recognised (1 rows): Axis P3245 (1)" in text
    assert "why: make not recognised (1)" in text
    assert text.rstrip().splitlines()[-1] == (
        "3 assets read · 1 flagged · 4 findings (2 high, 2 medium) · 1 not recognised · 1 skipped"
        " · FAIL: 2 at or above high"
    )


def test_each_binding_rule_has_its_line_and_a_long_list_is_cut_with_a_note(
    tmp_path: Path, test_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "inv.csv"
    rows = "\n".join(f"CAM-{n},AcmeLine,AC-1234B,HQ" for n in range(3))
    path.write_text(f"Asset ID,Make,Model,Site\n{rows}\n", encoding="utf-8")
    monkeypatch.setattr(table, "SHOWN_ASSETS", 2)
    text = render(
        Format.TABLE, scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    )
    for line in ("HIGH     XX-BAN-A", "HIGH     XX-BRAND-BAN", "MEDIUM   RISK-STATE"):
        assert line in text
    assert "CAM-1" in text and "CAM-2" not in text
    assert "… and 1 more flagged assets" in text


def test_register_text_is_shown_as_it_is_never_as_markup_or_terminal_codes(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(
        "Asset ID,Make,Model,Site\n[/bold]\x1b[31m,AcmeLine,AC-1234B,HQ\n[red],Nobody,X,[b]\n",
        encoding="utf-8",
    )
    report = scan([path], pack=test_pack, profile="global", as_of=date(2026, 1, 1))
    text = render(Format.TABLE, report, RenderOptions(width=200))
    assert "[/bold]" in text and "Nobody" in text
    assert "\x1b" not in text


def test_the_table_lists_rows_that_are_not_covered_equipment(
    tmp_path: Path, test_pack: Pack
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Description\nB-1,Acme,bracket\nB-2,Acme,bracket\n")
    report = scan([path], pack=test_pack, as_of=date(2026, 1, 1))
    text = render(Format.TABLE, report, RenderOptions(width=300))
    assert "Not covered equipment, not flagged (2 rows):" in text
    assert (
        "the row names 'Acme', but the description says the item is an accessory or consumable"
        " ('bracket'): not covered equipment (2)"
    ) in text
    assert "· 2 not covered equipment ·" in text.splitlines()[-1]


@pytest.mark.parametrize(
    ("profile", "lines", "absent"),
    [
        pytest.param(
            None,
            ["MEDIUM   RISK-STATE", "MEDIUM   RISK-XJ", "also restricted in: XX"],
            ["XX-BAN-A"],
            id="no-profile-folds-the-measures",
        ),
        pytest.param(
            "strict",
            ["CRITICAL XX-BAN-A", "also restricted in: XX"],
            ["RISK-STATE", "XX-BRAND-BAN"],
            id="a-profile-shows-its-rules-one-a-line",
        ),
        pytest.param(
            "global",
            ["HIGH     XX-BAN-A", "HIGH     XX-BRAND-BAN", "MEDIUM   RISK-XJ"],
            ["also restricted"],
            id="global-binds-everything",
        ),
    ],
)
def test_a_line_per_binding_rule_and_one_for_where_else(
    tmp_path: Path, test_pack: Pack, profile: str | None, lines: list[str], absent: list[str]
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Model\nCAM-1,Acme,AC-1234B\n", encoding="utf-8")
    report = scan([path], pack=test_pack, profile=profile, as_of=date(2026, 1, 1))
    text = render(Format.TABLE, report, RenderOptions(width=200))
    for line in lines:
        assert line in text
    for rule in absent:
        assert rule not in text
    assert ("no profile chosen" in text) is (profile is None)


def test_an_asset_in_a_binding_advisory_says_by_when_to_patch(tmp_path: Path) -> None:
    text = render(Format.TABLE, kev_report(tmp_path), RenderOptions(width=200))
    assert "patch by 2022-01-24" in text
    assert text.count("patch by") == 3  # CAM-1, CAM-3, CAM-4; CAM-2 is patched
