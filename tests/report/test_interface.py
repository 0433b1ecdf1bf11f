from duediligence.report.interface import Format, formats


def test_every_format_has_a_renderer() -> None:
    assert set(formats()) == set(Format)
