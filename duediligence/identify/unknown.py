"""Why a row could not be attributed, in a few fixed reasons a register owner can act on."""

from __future__ import annotations

from duediligence.identify.fcc_ids import grantee_code
from duediligence.identify.interface import Signals
from duediligence.identify.oui import is_locally_administered, oui_key, parse_mac

MAKE_UNKNOWN = "make not recognised"
MODEL_UNKNOWN = "no make; model not recognised"
MAC_MALFORMED = "no make or model; MAC is not a MAC address"
MAC_RANDOM = "no make or model; MAC is random or locally administered"
MAC_UNKNOWN = "no make or model; MAC registrant not in the pack"
FCC_UNKNOWN = "only an FCC ID, grantee not in the pack"
OTHER_UNKNOWN = "only supplier or description text, not recognised"


def unknown_reason(signals: Signals) -> str:
    """The strongest signal the row had, and why it named no one.

    One reason per row, the most telling first, so the counts add up to the unknown rows.
    """
    if signals.make:
        return MAKE_UNKNOWN
    if signals.model:
        return MODEL_UNKNOWN
    if signals.mac:
        return mac_problem(signals.mac) or MAC_UNKNOWN
    if signals.fcc_id and grantee_code(signals.fcc_id):
        return FCC_UNKNOWN
    return OTHER_UNKNOWN


def mac_problem(text: str) -> str | None:
    """What is wrong with a MAC as evidence, or None if its OUI can name a maker."""
    if oui_key(text) is not None:
        return None
    mac = parse_mac(text)
    if mac is not None and is_locally_administered(mac):
        return MAC_RANDOM
    return MAC_MALFORMED
