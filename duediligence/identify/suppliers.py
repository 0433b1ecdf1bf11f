"""Supplier, installer and maintainer names: who sold or serviced an item. Weak evidence.

Two kinds of supplier name the pack can tie to a group: one of the group's own companies (a
national subsidiary such as 'Hikvision USA', found with the make's name matcher, so its
normalisation and guards hold here too) and a third party the pack lists with its role and
sources (a distributor). Either is attributed at supplier weight; how the company stood to
its group on the day judged is the combine step's question (`Catalog.group_path` is dated).
"""

from __future__ import annotations

from duediligence.identify import weights
from duediligence.identify.names import NameMatcher
from duediligence.identify.normalize import name_key
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import Relationship
from duediligence.results.findings import Evidence, Signal


class SupplierMatcher:
    """Matches supplier text against the pack's suppliers and every entity's names."""

    def __init__(self, catalog: Catalog, names: NameMatcher | None = None) -> None:
        self._catalog = catalog
        self._names = names or NameMatcher(catalog)
        self._by_key = {key: s for s in catalog.suppliers if (key := name_key(s.name)) is not None}

    def match(self, text: str) -> tuple[Evidence, ...]:
        """Evidence for each entity the supplier text names, best first; empty when none."""
        key = name_key(text)
        listed = self._by_key.get(key) if key else None
        if listed is not None:
            score = round(100 * weights.CONFIDENCE_WEIGHT[listed.confidence])
            said = (
                f"supplier '{text}' is {listed.name}, a {listed.role} of"
                f" {self._catalog.entities[listed.entity].name}"
                f" (sources {', '.join(listed.sources)})"
            )
            return (Evidence(Signal.SUPPLIER, text, listed.entity, score, said, listed.name),)
        return tuple(
            Evidence(Signal.SUPPLIER, text, ev.entity, ev.score, self._said(ev), ev.matched)
            for ev in self._names.match(text, typos=weights.SUPPLIER_TYPOS)
        )

    def _said(self, ev: Evidence) -> str:
        """'supplier 'Hikvision USA Inc' ... a subsidiary of Hangzhou Hikvision ..., per
        source S12': the entity's ties as the pack records them, each with its span, since
        the evidence is shared by every date (the date decides only which tie is walked)."""
        ties = self._catalog.parents_by_entity.get(ev.entity, ())
        if not ties:
            return f"supplier {ev.explanation}"
        return f"supplier {ev.explanation}, " + "; ".join(_tie(r, self._catalog) for r in ties)


def _tie(rel: Relationship, catalog: Catalog) -> str:
    kind = rel.type.value.replace("_", " ")
    article = "an" if kind[0] in "aeiou" else "a"
    span = ""
    if rel.valid_from or rel.valid_to:
        span = f" from {rel.valid_from or 'its start'} to {rel.valid_to or 'date'}"
    cited = "source" if len(rel.sources) == 1 else "sources"
    parent = catalog.entities[rel.parent].name
    top = not catalog.parents_by_entity.get(rel.parent)
    return (
        f"{article} {kind} of {f'the {parent} group' if top else parent}{span},"
        f" per {cited} {', '.join(rel.sources)}"
    )
