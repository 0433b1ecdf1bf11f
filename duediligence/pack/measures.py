"""Schema of measures (laws, policies, recommendations, risk rules) and profiles."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from duediligence.pack.dates import FullDate, PartialDate, first_day, last_day
from duediligence.pack.entities import ADDED, EquipmentCategory, FactKind, RelationType
from duediligence.pack.sources import Strict
from duediligence.results.findings import Severity

MEASURE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


class MeasureKind(StrEnum):
    """`measure`: an instrument; `risk`: a due-diligence rule the sources argue for."""

    MEASURE = "measure"
    RISK = "risk"


class Status(StrEnum):
    IN_FORCE = "in_force"
    RECOMMENDED = "recommended"
    PROPOSED = "proposed"
    ADVISORY = "advisory"
    WITHDRAWN = "withdrawn"


class Unknown(StrEnum):
    """A fact a register does not hold but a measure turns on; a person must establish it."""

    COUNTRY_OF_PRODUCTION = "country_of_production"
    CERTIFICATION = "certification"

    @property
    def phrase(self) -> str:
        return {
            Unknown.COUNTRY_OF_PRODUCTION: "where it was produced",
            Unknown.CERTIFICATION: "whether it holds the required certification",
        }[self]


class Coverage(Strict):
    """One clause of what a measure covers; a clause matches when every field it sets matches."""

    groups: list[str] = []
    countries: list[str] = []
    facts: list[FactKind] = []
    state_owned: bool = False
    relations: list[RelationType] = Field(
        default=[], description="the asset reached its group through one of these relationships"
    )
    equipment: list[EquipmentCategory] = Field(
        default=[], description="empty: any equipment; otherwise only these categories"
    )
    conflicting: bool = Field(
        default=False, description="the asset's signals disagree about who made it"
    )
    weak: bool = Field(
        default=False,
        description=(
            "the attribution's confidence is under the floor (identify/weights.py"
            " ATTRIBUTION_FLOOR): only review clauses meet such an asset, never a ban"
        ),
    )
    establish: Unknown | None = Field(
        default=None,
        description=(
            "the clause turns on a fact the register does not hold (where a device was produced,"
            " whether it is certified): a device of the clause's equipment categories, from any"
            " maker, is a review finding asking a person to establish it, never a clearance"
        ),
    )
    known_exploited: bool = Field(
        default=False,
        description=(
            "the asset's model (and firmware, where the register gives it) falls in an advisory"
            " of rules/advisories/: a known-exploited vulnerability (evaluate/advisories.py)"
        ),
    )
    purposes: str | None = None

    @model_validator(mode="after")
    def _establish_needs_equipment(self) -> Coverage:
        if self.establish is not None and not self.equipment:
            raise ValueError("'establish' needs the 'equipment' categories it concerns")
        return self

    @field_validator("countries")
    @classmethod
    def _iso(cls, value: list[str]) -> list[str]:
        for country in value:
            if len(country) != 2 or not country.isupper():
                raise ValueError(f"country {country!r} is not an ISO 3166 alpha-2 code")
        return value


class Deadline(Strict):
    label: str
    date: FullDate


class Event(Strict):
    """A dated step in a measure's life: recommended, adopted, divested, withdrawn..."""

    date: PartialDate
    event: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class Measure(Strict):
    id: str = Field(pattern=MEASURE_ID)
    added: FullDate | None = Field(default=None, description=ADDED)
    title: str = Field(min_length=1)
    kind: MeasureKind
    jurisdiction: str | None = None
    instrument: str | None = None
    binds: str = Field(min_length=1)
    status: Status
    effective: PartialDate | None = None
    ends: PartialDate | None = None
    covers: list[Coverage] = Field(min_length=1)
    severity: dict[str, Severity]
    rationale: str = Field(min_length=1)
    recommended_action: str = Field(min_length=1)
    mitigations: list[str] = []
    deadlines: list[Deadline] = []
    history: list[Event] = []
    sources: list[str] = Field(min_length=1)
    note: str | None = None

    @field_validator("severity")
    @classmethod
    def _has_default(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        if "default" not in value:
            raise ValueError("severity must give a 'default' (and may override it per profile)")
        if Severity.NONE in value.values():
            raise ValueError("'none' is a --fail-on setting, not a severity")
        return value

    def in_effect(self, when: date) -> bool:
        """A measure applies only while in effect: withdrawn never; otherwise between its dates."""
        if self.status is Status.WITHDRAWN:
            return False
        if self.effective is not None and when < first_day(self.effective):
            return False
        return not (self.ends is not None and when > last_day(self.ends))

    def severity_for(self, profile: str) -> Severity:
        return self.severity.get(profile, self.severity["default"])


class MeasuresFile(Strict):
    measures: list[Measure] = []


class Profile(Strict):
    """Who is asking: which measures bind or concern them. `measures: ['*']` means every one."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    measures: list[str] = Field(min_length=1)
    advisory_deadlines: bool = Field(
        default=False,
        description=(
            "the catalogue's due dates are this buyer's deadlines (BOD 22-01 binds US federal"
            " agencies): findings of RISK-KNOWN-EXPLOITED say 'patch by' that date"
        ),
    )


class ProfilesFile(Strict):
    profiles: list[Profile] = []
