"""Schema of advisory files (rules/advisories/): known-exploited vulnerabilities, as data.

Each advisory joins entries of CISA's Known Exploited Vulnerabilities catalogue (a CVE, the
day CISA added it, the day federal agencies must act by, CISA's required action) to the
models they concern, written as anchored patterns with real examples and counter-examples
like the entities' patterns, and to the first fixed firmware where the vendor's advisory or
a source citing it gives one. The rule RISK-KNOWN-EXPLOITED reads them (evaluate/advisories.py).
"""

from __future__ import annotations

from pydantic import Field, field_validator

from duediligence.pack.dates import FullDate
from duediligence.pack.entities import ADDED, EquipmentCategory
from duediligence.pack.patterns import pattern_problems
from duediligence.pack.sources import ID_PATTERN, Confidence, Strict

CVE_PATTERN = r"^CVE-\d{4}-\d{4,19}$"
"""The catalogue's own shape for a CVE id (its JSON schema)."""


class KevEntry(Strict):
    """One entry of the catalogue, as the catalogue gives it."""

    cve: str = Field(pattern=CVE_PATTERN)
    added: FullDate = Field(description="the catalogue's dateAdded")
    due: FullDate = Field(description="the catalogue's dueDate (BOD 22-01's deadline)")
    required_action: str = Field(min_length=1, description="the catalogue's requiredAction")
    vendor: str = Field(min_length=1, description="the catalogue's vendorProject")
    product: str = Field(min_length=1, description="the catalogue's product")


class AffectedModels(Strict):
    """Models an advisory concerns, as a pattern over the model number (matched upper-cased)."""

    id: str = Field(pattern=ID_PATTERN)
    pattern: str = Field(min_length=2)
    category: EquipmentCategory
    description: str = Field(min_length=1)
    examples: list[str] = Field(min_length=3)
    counter_examples: list[str] = Field(min_length=3)
    fixed: str | None = Field(
        default=None,
        description=(
            "the first firmware version that is not affected, in the vendor's numbering; none"
            " when no source gives one, and then every firmware reads 'may be affected'"
        ),
    )
    confidence: Confidence
    sources: list[str] = Field(min_length=1)
    note: str | None = None

    @field_validator("pattern")
    @classmethod
    def _safe(cls, value: str) -> str:
        """Anchored, and in a shape that cannot backtrack for long on a hostile value."""
        problems = [] if value.startswith("^") else ["must be anchored with '^'"]
        problems += pattern_problems(value)
        if problems:
            raise ValueError("pattern " + "; ".join(problems))
        return value


class Advisory(Strict):
    id: str = Field(pattern=ID_PATTERN)
    added: FullDate | None = Field(default=None, description=ADDED)
    title: str = Field(min_length=1)
    group: str = Field(description="the pack entity whose group makes the models")
    kev: list[KevEntry] = Field(min_length=1)
    models: list[AffectedModels] = Field(min_length=1)
    mitigations: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    withdrawn: bool = Field(
        default=False,
        description=(
            "the catalogue no longer lists any of its entries (`rules advisories --import` sets"
            " it in a layer): a withdrawn advisory flags nothing"
        ),
    )
    note: str | None = None

    @property
    def cves(self) -> tuple[str, ...]:
        return tuple(entry.cve for entry in self.kev)

    @property
    def due(self) -> FullDate:
        """The earliest due date of its catalogue entries."""
        return min(entry.due for entry in self.kev)


class Catalogue(Strict):
    """The release of the catalogue the bundled advisories were checked against."""

    version: str = Field(min_length=1, description="the catalogue's catalogVersion")
    released: FullDate = Field(description="the day of its dateReleased")
    source: str


class AdvisoriesFile(Strict):
    catalogue: Catalogue | None = None
    advisories: list[Advisory] = []
