"""Supplier and reseller names: who sold an item, tied to a vendor by a source. Weak evidence."""

from __future__ import annotations

from duediligence.findings import Evidence, Signal
from duediligence.identify import weights
from duediligence.identify.normalize import name_key
from duediligence.pack.catalog import Catalog


class SupplierMatcher:
    """Exact (normalised) supplier names only: a distributor's name is no place for typos."""

    def __init__(self, catalog: Catalog) -> None:
        self._names = {e.id: e.name for e in catalog.entities.values()}
        self._by_key = {key: s for s in catalog.suppliers if (key := name_key(s.name)) is not None}

    def match(self, text: str) -> tuple[Evidence, ...]:
        key = name_key(text)
        found = self._by_key.get(key) if key else None
        if found is None:
            return ()
        score = round(100 * weights.CONFIDENCE_WEIGHT[found.confidence])
        said = (
            f"supplier '{text}' is {found.name}, a {found.role} of {self._names[found.entity]}"
            f" (sources {', '.join(found.sources)})"
        )
        return (Evidence(Signal.SUPPLIER, text, found.entity, score, said, found.name),)
