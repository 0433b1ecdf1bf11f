"""Schema of entity files: vendors, how they relate, the signals that reveal them, risk facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from duediligence.pack.dates import FullDate, PartialDate
from duediligence.pack.patterns import pattern_problems
from duediligence.pack.schema import Check, Items, Number, Record, Text
from duediligence.pack.sources import Confidence, Ident, Words

SourceIds = Annotated[list[str], Items(min_length=1)]
"""The sources an entry cites: at least one."""

Added = FullDate | None
"""The day an entry entered the pack: `rules changes` lists what is new since a date, and a
baseline tells a pack change from a register change by it."""


class EquipmentCategory(StrEnum):
    VIDEO_SURVEILLANCE = "video_surveillance"
    ACCESS_CONTROL = "access_control"
    INTRUSION_ALARM = "intrusion_alarm"
    RADIO = "radio"
    TELECOMMUNICATIONS = "telecommunications"
    NETWORK = "network"
    CONSUMER = "consumer"
    COMPONENT = "component"
    ROUTER = "router"  # consumer-grade (small office / home office) router, as NIST IR 8425A
    UAS = "uas"  # uncrewed aircraft system (drone), its ground control and data links
    OTHER = "other"


class RelationType(StrEnum):
    """How an entity belongs to a group. `oem_relabel`: another brand sells the group's hardware."""

    SUBSIDIARY = "subsidiary"
    BRAND = "brand"
    AFFILIATE = "affiliate"
    OEM_RELABEL = "oem_relabel"


class FactKind(StrEnum):
    XINJIANG_SURVEILLANCE = "xinjiang_surveillance"
    STATE_CONTROL = "state_control"
    HUMAN_RIGHTS = "human_rights"


def safe_pattern(value: str) -> str:
    """Anchored, and in a shape that cannot backtrack for long on a hostile value."""
    problems = [] if value.startswith("^") else ["must be anchored with '^'"]
    problems += pattern_problems(value)
    if problems:
        raise ValueError("pattern " + "; ".join(problems))
    return value


@dataclass(frozen=True, kw_only=True)
class Name(Record):
    name: Words
    lang: Annotated[str, Text(min_length=2)]  # a BCP 47 tag, e.g. en, zh-Hans, zh-Hant
    legal: bool = False


@dataclass(frozen=True, kw_only=True)
class Ownership(Record):
    owner: Words
    owner_entity: str | None = None
    share_percent: Annotated[float, Number(ge=0, le=100)] | None = None
    share_text: str | None = None
    state: bool = False
    as_of: PartialDate
    confidence: Confidence
    sources: SourceIds
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Entity(Record):
    id: Ident
    added: Added = None
    name: Words
    names: list[Name] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # names that resemble this entity's but belong to someone else
    lookalikes: list[str] = field(default_factory=list)
    country: Annotated[str, Text(pattern=r"^[A-Z]{2}$")]
    categories: list[EquipmentCategory] = field(default_factory=list)
    # exact IEEE registry organisation strings of this entity
    registrants: list[str] = field(default_factory=list)
    ownership: list[Ownership] = field(default_factory=list)
    # Set when `country` is shown for the brand but no source settles that the company
    # producing the brand's devices is of that country (a brand split between companies of
    # several countries): why, in one sentence. A measure that turns on the producer's
    # country then asks a person to establish it (a `producer_unsettled` clause) instead of
    # applying; a measure that judges by brand (`brands: true`) applies as for any entity.
    producer_unsettled: str | None = None
    sources: SourceIds
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Relationship(Record):
    entity: str
    type: RelationType
    parent: str
    added: Added = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    confidence: Confidence
    sources: SourceIds
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class ModelPattern(Record):
    id: Ident
    added: Added = None
    entity: str
    pattern: Annotated[str, Text(min_length=2), Check(safe_pattern)]
    category: EquipmentCategory
    description: Words
    examples: Annotated[list[str], Items(min_length=3)]
    counter_examples: list[str] = field(default_factory=list)
    confidence: Confidence
    sources: SourceIds
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class OuiPrefix(Record):
    prefix: Annotated[str, Text(pattern=r"^[0-9A-F]{2}(:[0-9A-F]{2}){2}$")]
    entity: str
    registrant: str
    sources: SourceIds


@dataclass(frozen=True, kw_only=True)
class FccGrantee(Record):
    """An FCC grantee code: the first 3 characters of an FCC ID, or 5 (starting '2') since 2013.

    The code names the applicant that certified the radio, so it is as good as the applicant's
    name on the grant.
    """

    code: Annotated[str, Text(pattern=r"^(?:[A-Z0-9]{3}|2[A-Z0-9]{4})$")]
    entity: str
    grantee: Words  # the applicant's name as the grants give it
    sources: SourceIds


@dataclass(frozen=True, kw_only=True)
class SupplierName(Record):
    name: Words
    entity: str
    role: Words  # e.g. distributor, reseller, OEM
    confidence: Confidence
    sources: SourceIds


@dataclass(frozen=True, kw_only=True)
class RiskFact(Record):
    id: Ident
    entity: str  # the group-level entity the fact is held against
    party: str | None = None  # the legal person named, if not entity
    kind: FactKind
    summary: Words
    date: PartialDate
    ended: PartialDate | None = None
    ended_note: str | None = None
    value: str | None = None
    reference: str | None = None
    confidence: Confidence
    sources: SourceIds


@dataclass(frozen=True, kw_only=True)
class EntityFile(Record):
    """One file under rules/entities/, usually one group."""

    entities: list[Entity] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    models: list[ModelPattern] = field(default_factory=list)
    ouis: list[OuiPrefix] = field(default_factory=list)
    fcc_grantees: list[FccGrantee] = field(default_factory=list)
    suppliers: list[SupplierName] = field(default_factory=list)
    facts: list[RiskFact] = field(default_factory=list)
