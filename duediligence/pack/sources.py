"""The bibliography: every fact and rule in a pack cites one of these ids."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from duediligence.pack.dates import PartialDate

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


class Confidence(StrEnum):
    """How well a fact is sourced: high = primary text or several reputable sources agree;
    medium = one reputable secondary source; low = a weak source, used only as a hint."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SourceKind(StrEnum):
    """What a source is, which bounds the confidence a fact resting on it can have
    (`pack/sourcing.py` holds the ceilings and the reasons)."""

    OFFICIAL = "official"  # a statute, regulator, court, government or parliament text
    FILING = "filing"  # a company's filing or stock-exchange announcement
    REGISTRY = "registry"  # an official register (IEEE MA-L): shows who registered what
    MAKER = "maker"  # the company's own document: manual, datasheet, report, SDK
    PRESS = "press"  # a news or trade-press report
    ANALYSIS = "analysis"  # a law-firm alert, think-tank or academic analysis
    DATASET = "dataset"  # a curated public dataset listing devices by maker
    REPOSITORY = "repository"  # a public project that works with the devices (code, README)
    RESELLER = "reseller"  # a dealer's, reseller's or consultant's page
    WIKI = "wiki"  # an encyclopaedia copy
    FORUM = "forum"  # a comment, issue or pull-request thread
    BLOG = "blog"  # a personal, company or advocacy blog post


class Strict(BaseModel):
    """Pack models reject unknown keys: a typo must fail validation, never switch a rule off.

    Validators are built on first use, not on import: a pack read back from the cache is
    validated by one model only, so building every other's at import is wasted start-up.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    kind: SourceKind | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    document: str | None = None
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        """Reports link the address, so it must lead to a web page: no javascript: or file:."""
        if value is not None and not _WEB_ADDRESS.fullmatch(value):
            raise ValueError("must be an http:// or https:// address, without spaces")
        return value


class SourcesFile(Strict):
    sources: list[Source] = []


class PackMeta(Strict):
    """pack.yml: what the pack is and when its facts were last reviewed against sources."""

    id: str = Field(pattern=ID_PATTERN)
    version: str = Field(min_length=1)
    reviewed: PartialDate
    title: str | None = None
    description: str | None = None
