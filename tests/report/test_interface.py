from datetime import date
from pathlib import Path

import pytest

from duediligence.api import scan
from duediligence.pack.loader import Pack
from duediligence.report.interface import Format, RenderOptions, formats, render


def test_every_format_has_a_renderer() -> None:
    assert set(formats()) == set(Format)


NOTE = (
    "the row names 'Acme', but the description says the item is an accessory or consumable"
    " ('bracket'): not covered equipment"
)


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        pytest.param(Format.JSON, NOTE, id="json"),
        pytest.param(Format.TABLE, NOTE, id="table"),
        pytest.param(Format.MARKDOWN, NOTE, id="markdown"),
        pytest.param(Format.HTML, NOTE.replace("'", "&#x27;"), id="html"),
    ],
)
def test_rows_not_covered_are_shown_with_why(
    tmp_path: Path, test_pack: Pack, fmt: Format, shown: str
) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Tag,Make,Description\nB-1,Acme,bracket\nC-1,Acme,AC-1234B camera\n")
    report = scan([path], pack=test_pack, as_of=date(2026, 1, 1))
    assert (report.summary.not_covered, report.summary.flagged) == (1, 1)
    text = render(fmt, report, RenderOptions(width=400))
    assert shown in text
    assert "1 not covered equipment" in text or fmt is Format.JSON
