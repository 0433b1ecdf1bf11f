"""Schema of measures (laws, policies, recommendations, risk rules) and profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated

from duediligence.pack.dates import FullDate, PartialDate, first_day, last_day
from duediligence.pack.entities import Added, EquipmentCategory, FactKind, RelationType
from duediligence.pack.schema import Check, Items, Record, Text
from duediligence.pack.sources import Words
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


def _iso_countries(value: list[str]) -> list[str]:
    for country in value:
        if len(country) != 2 or not country.isupper():
            raise ValueError(f"country {country!r} is not an ISO 3166 alpha-2 code")
    return value


@dataclass(frozen=True, kw_only=True)
class Coverage(Record):
    """One clause of what a measure covers; a clause matches when every field it sets matches."""

    groups: list[str] = field(default_factory=list)
    countries: Annotated[list[str], Check(_iso_countries)] = field(default_factory=list)
    facts: list[FactKind] = field(default_factory=list)
    state_owned: bool = False
    # the asset reached its group through one of these relationships
    relations: list[RelationType] = field(default_factory=list)
    # empty: any equipment; otherwise only these categories
    equipment: list[EquipmentCategory] = field(default_factory=list)
    # the asset's signals disagree about who made it
    conflicting: bool = False
    # the attribution's confidence is under the floor (identify/weights.py ATTRIBUTION_FLOOR):
    # only review clauses meet such an asset, never a ban
    weak: bool = False
    # the clause turns on a fact the register does not hold (where a device was produced,
    # whether it is certified): a device of the clause's equipment categories, from any
    # maker, is a review finding asking a person to establish it, never a clearance
    establish: Unknown | None = None
    # `countries` is judged by the brand's country, whoever produced the device (Taiwan's
    # ban on Mainland-China brands); otherwise it is the producing company's, and a maker
    # whose producer is unsettled (Entity.producer_unsettled) does not meet it
    brands: bool = False
    # the maker's brand is of a country a measure names but the company that produced the
    # device is not settled by any source: a review asking a person to establish it, given
    # only when one of the buyer's measures would apply once it is (evaluate/engine.py)
    producer_unsettled: bool = False
    # the asset's model (and firmware, where the register gives it) falls in an advisory of
    # rules/advisories/: a known-exploited vulnerability (evaluate/advisories.py)
    known_exploited: bool = False
    purposes: str | None = None

    def __post_init__(self) -> None:
        if self.establish is not None and not self.equipment:
            raise ValueError("'establish' needs the 'equipment' categories it concerns")
        if self.brands and not self.countries:
            raise ValueError("'brands' says how 'countries' is judged: it needs 'countries'")


@dataclass(frozen=True, kw_only=True)
class Deadline(Record):
    label: str
    date: FullDate


@dataclass(frozen=True, kw_only=True)
class Event(Record):
    """A dated step in a measure's life: recommended, adopted, divested, withdrawn..."""

    date: PartialDate
    event: Words
    sources: Annotated[list[str], Items(min_length=1)]


def _has_default(value: dict[str, Severity]) -> dict[str, Severity]:
    if "default" not in value:
        raise ValueError("severity must give a 'default' (and may override it per profile)")
    if Severity.NONE in value.values():
        raise ValueError("'none' is a --fail-on setting, not a severity")
    return value


@dataclass(frozen=True, kw_only=True)
class Measure(Record):
    id: Annotated[str, Text(pattern=MEASURE_ID)]
    added: Added = None
    title: Words
    kind: MeasureKind
    jurisdiction: str | None = None
    instrument: str | None = None
    binds: Words
    status: Status
    effective: PartialDate | None = None
    ends: PartialDate | None = None
    covers: Annotated[list[Coverage], Items(min_length=1)]
    severity: Annotated[dict[str, Severity], Check(_has_default)]
    rationale: Words
    recommended_action: Words
    mitigations: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    history: list[Event] = field(default_factory=list)
    sources: Annotated[list[str], Items(min_length=1)]
    note: str | None = None

    def in_effect(self, when: date) -> bool:
        """A measure applies only while in effect: withdrawn never; otherwise between its dates."""
        if self.status is Status.WITHDRAWN:
            return False
        if self.effective is not None and when < first_day(self.effective):
            return False
        return not (self.ends is not None and when > last_day(self.ends))

    def severity_for(self, profile: str) -> Severity:
        return self.severity.get(profile, self.severity["default"])


@dataclass(frozen=True, kw_only=True)
class MeasuresFile(Record):
    measures: list[Measure] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Profile(Record):
    """Who is asking: which measures bind or concern them. `measures: ['*']` means every one."""

    id: Annotated[str, Text(pattern=r"^[a-z][a-z0-9-]*$")]
    title: Words
    description: Words
    measures: Annotated[list[str], Items(min_length=1)]
    # the catalogue's due dates are this buyer's deadlines (BOD 22-01 binds US federal
    # agencies): findings of RISK-KNOWN-EXPLOITED say 'patch by' that date
    advisory_deadlines: bool = False


@dataclass(frozen=True, kw_only=True)
class ProfilesFile(Record):
    profiles: list[Profile] = field(default_factory=list)
