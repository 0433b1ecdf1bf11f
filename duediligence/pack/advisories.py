"""Schema of advisory files (rules/advisories/): known-exploited vulnerabilities, as data.

Each advisory joins entries of CISA's Known Exploited Vulnerabilities catalogue (a CVE, the
day CISA added it, the day federal agencies must act by, CISA's required action) to the
models they concern, written as anchored patterns with real examples and counter-examples
like the entities' patterns, and to the first fixed firmware where the vendor's advisory or
a source citing it gives one. The rule RISK-KNOWN-EXPLOITED reads them (evaluate/advisories.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from duediligence.pack.dates import FullDate
from duediligence.pack.entities import Added, EquipmentCategory, SourceIds, safe_pattern
from duediligence.pack.schema import Check, Items, Record, Text
from duediligence.pack.sources import Confidence, Ident, Words

CVE_PATTERN = r"^CVE-\d{4}-\d{4,19}$"
"""The catalogue's own shape for a CVE id (its JSON schema)."""

Examples = Annotated[list[str], Items(min_length=3)]
"""Real model numbers, at least three."""


@dataclass(frozen=True, kw_only=True)
class KevEntry(Record):
    """One entry of the catalogue, as the catalogue gives it."""

    cve: Annotated[str, Text(pattern=CVE_PATTERN)]
    added: FullDate  # the catalogue's dateAdded
    due: FullDate  # the catalogue's dueDate (BOD 22-01's deadline)
    required_action: Words  # the catalogue's requiredAction
    vendor: Words  # the catalogue's vendorProject
    product: Words  # the catalogue's product


@dataclass(frozen=True, kw_only=True)
class AffectedModels(Record):
    """Models an advisory concerns, as a pattern over the model number (matched upper-cased)."""

    id: Ident
    pattern: Annotated[str, Text(min_length=2), Check(safe_pattern)]
    category: EquipmentCategory
    description: Words
    examples: Examples
    counter_examples: Examples
    # the first firmware version that is not affected, in the vendor's numbering; none when
    # no source gives one, and then every firmware reads 'may be affected'
    fixed: str | None = None
    confidence: Confidence
    sources: SourceIds
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Advisory(Record):
    id: Ident
    added: Added = None
    title: Words
    group: str  # the pack entity whose group makes the models
    kev: Annotated[list[KevEntry], Items(min_length=1)]
    models: Annotated[list[AffectedModels], Items(min_length=1)]
    mitigations: Annotated[list[str], Items(min_length=1)]
    sources: SourceIds
    # the catalogue no longer lists any of its entries (`rules advisories --import` sets it
    # in a layer): a withdrawn advisory flags nothing
    withdrawn: bool = False
    note: str | None = None

    @property
    def cves(self) -> tuple[str, ...]:
        return tuple(entry.cve for entry in self.kev)

    @property
    def due(self) -> FullDate:
        """The earliest due date of its catalogue entries."""
        return min(entry.due for entry in self.kev)


@dataclass(frozen=True, kw_only=True)
class Catalogue(Record):
    """The release of the catalogue the bundled advisories were checked against."""

    version: Words  # the catalogue's catalogVersion
    released: FullDate  # the day of its dateReleased
    source: str


@dataclass(frozen=True, kw_only=True)
class AdvisoriesFile(Record):
    catalogue: Catalogue | None = None
    advisories: list[Advisory] = field(default_factory=list)
