import pytest

from duediligence.inventory import arrow_sheet


@pytest.fixture(params=["python-calamine", "fastexcel"])
def either_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A workbook whose cells all hold text goes to fastexcel when large; with the size
    threshold at 0 or out of reach, every workbook test holds for both readers."""
    monkeypatch.setattr(arrow_sheet, "MIN_BYTES", 0 if request.param == "fastexcel" else 1 << 60)
    return str(request.param)
