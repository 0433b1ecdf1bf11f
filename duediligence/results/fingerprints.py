"""What makes an asset the same asset across runs and row reorderings, and the fingerprints
waivers and baselines key on.

Asset id, then serial, then MAC; otherwise the normalised make, model and site. Never the
row number, so moving a row does not churn waivers or baselines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence

from duediligence.results.assets import Field

IDENTITY_KEYS = (("id", Field.ASSET_ID), ("serial", Field.SERIAL), ("mac", Field.MAC))
"""What names an asset, first found first: its label in the identity."""
IDENTITY_REST = (Field.MAKE, Field.MODEL, Field.SITE)
"""What names it when none of those is given."""


def cells_identity(fields: Mapping[Field, int]) -> Callable[[Sequence[str]], str]:
    """A row's identity read straight from its cells, for rows laid out by `fields`.

    Built once per table: writers call it on every flagged row without building an Asset.
    """
    keys = [(kind, fields[f]) for kind, f in IDENTITY_KEYS if f in fields]
    rest = [fields.get(f, -1) for f in IDENTITY_REST]

    def of(cells: Sequence[str]) -> str:
        n = len(cells)
        for kind, i in keys:
            if i < n:
                value = cells[i].strip()
                if value:
                    return f"{kind}:{value.casefold()}"
        return "mms:" + "|".join(
            " ".join(cells[i].casefold().split()) if 0 <= i < n else "" for i in rest
        )

    return of


def asset_fingerprint(identity: str) -> str:
    """Stable id of an asset (32 hex digits of SHA-256 of its identity)."""
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def finding_fingerprint(rule_id: str, asset_fingerprint: str) -> str:
    """Stable id of a finding, for waivers and baselines: rule id + the asset's fingerprint.

    Derived from the asset fingerprint the JSON report carries, so a reader of the report can
    compute it without the row.
    """
    return hashlib.sha256(f"{rule_id}\x1f{asset_fingerprint}".encode()).hexdigest()[:32]
