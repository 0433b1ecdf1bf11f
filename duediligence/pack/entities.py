"""Schema of entity files: vendors, how they relate, the signals that reveal them, risk facts."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator

from duediligence.pack.dates import FullDate, PartialDate
from duediligence.pack.patterns import pattern_problems
from duediligence.pack.sources import ID_PATTERN, Confidence, Strict

SourceIds = list[str]

ADDED = (
    "the day the entry entered the pack (`rules changes` lists what is new since a date, and a"
    " baseline tells a pack change from a register change by it)"
)


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


class Name(Strict):
    name: str = Field(min_length=1)
    lang: str = Field(min_length=2, description="BCP 47 tag, e.g. en, zh-Hans, zh-Hant")
    legal: bool = False


class Ownership(Strict):
    owner: str = Field(min_length=1)
    owner_entity: str | None = None
    share_percent: float | None = Field(default=None, ge=0, le=100)
    share_text: str | None = None
    state: bool = False
    as_of: PartialDate
    confidence: Confidence
    sources: SourceIds = Field(min_length=1)
    note: str | None = None


class Entity(Strict):
    id: str = Field(pattern=ID_PATTERN)
    added: FullDate | None = Field(default=None, description=ADDED)
    name: str = Field(min_length=1)
    names: list[Name] = []
    aliases: list[str] = []
    lookalikes: list[str] = Field(
        default=[], description="names that resemble this entity's but belong to someone else"
    )
    country: str = Field(pattern=r"^[A-Z]{2}$")
    categories: list[EquipmentCategory] = []
    registrants: list[str] = Field(
        default=[], description="exact IEEE registry organisation strings of this entity"
    )
    ownership: list[Ownership] = []
    sources: SourceIds = Field(min_length=1)
    note: str | None = None


class Relationship(Strict):
    entity: str
    type: RelationType
    parent: str
    added: FullDate | None = Field(default=None, description=ADDED)
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    confidence: Confidence
    sources: SourceIds = Field(min_length=1)
    note: str | None = None


class ModelPattern(Strict):
    id: str = Field(pattern=ID_PATTERN)
    added: FullDate | None = Field(default=None, description=ADDED)
    entity: str
    pattern: str = Field(min_length=2)
    category: EquipmentCategory
    description: str = Field(min_length=1)
    examples: list[str] = Field(min_length=3)
    counter_examples: list[str] = []
    confidence: Confidence
    sources: SourceIds = Field(min_length=1)
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


class OuiPrefix(Strict):
    prefix: str = Field(pattern=r"^[0-9A-F]{2}(:[0-9A-F]{2}){2}$")
    entity: str
    registrant: str
    sources: SourceIds = Field(min_length=1)


class FccGrantee(Strict):
    """An FCC grantee code: the first 3 characters of an FCC ID, or 5 (starting '2') since 2013.

    The code names the applicant that certified the radio, so it is as good as the applicant's
    name on the grant.
    """

    code: str = Field(pattern=r"^(?:[A-Z0-9]{3}|2[A-Z0-9]{4})$")
    entity: str
    grantee: str = Field(min_length=1, description="the applicant's name as the grants give it")
    sources: SourceIds = Field(min_length=1)


class SupplierName(Strict):
    name: str = Field(min_length=1)
    entity: str
    role: str = Field(min_length=1, description="e.g. distributor, reseller, OEM")
    confidence: Confidence
    sources: SourceIds = Field(min_length=1)


class RiskFact(Strict):
    id: str = Field(pattern=ID_PATTERN)
    entity: str = Field(description="the group-level entity the fact is held against")
    party: str | None = Field(default=None, description="the legal person named, if not entity")
    kind: FactKind
    summary: str = Field(min_length=1)
    date: PartialDate
    ended: PartialDate | None = None
    ended_note: str | None = None
    value: str | None = None
    reference: str | None = None
    confidence: Confidence
    sources: SourceIds = Field(min_length=1)


class EntityFile(Strict):
    """One file under rules/entities/, usually one group."""

    entities: list[Entity] = []
    relationships: list[Relationship] = []
    models: list[ModelPattern] = []
    ouis: list[OuiPrefix] = []
    fcc_grantees: list[FccGrantee] = []
    suppliers: list[SupplierName] = []
    facts: list[RiskFact] = []
