import pytest

from duediligence.identify.interface import Signals
from duediligence.identify.unknown import (
    FCC_UNKNOWN,
    MAC_MALFORMED,
    MAC_RANDOM,
    MAC_UNKNOWN,
    MAKE_UNKNOWN,
    MODEL_UNKNOWN,
    OTHER_UNKNOWN,
    unknown_reason,
)


@pytest.mark.parametrize(
    ("signals", "reason"),
    [
        (Signals(make="Axis", model="P3245-LVE", mac="00:40:8C:11:22:33"), MAKE_UNKNOWN),
        (Signals(model="P3245-LVE", mac="zz"), MODEL_UNKNOWN),
        (Signals(mac="00:40:8C:11:22"), MAC_MALFORMED),
        (Signals(mac="not recorded"), MAC_MALFORMED),
        (Signals(mac="DA:A1:19:00:11:22"), MAC_RANDOM),
        (Signals(mac="00:40:8C:11:22:33"), MAC_UNKNOWN),
        (Signals(fcc_id="BCG-E2430A"), FCC_UNKNOWN),
        (Signals(supplier="Northgate Security Ltd"), OTHER_UNKNOWN),
    ],
)
def test_each_unknown_row_gets_its_strongest_signal_as_the_reason(
    signals: Signals, reason: str
) -> None:
    assert unknown_reason(signals) == reason
