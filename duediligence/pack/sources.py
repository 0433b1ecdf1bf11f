"""The bibliography: every fact and rule in a pack cites one of these ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from duediligence.pack.dates import PartialDate
from duediligence.pack.schema import Check, Record, Text

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


def _web_address(value: str | None) -> str | None:
    """Reports link the address, so it must lead to a web page: no javascript: or file:."""
    if value is not None and not _WEB_ADDRESS.fullmatch(value):
        raise ValueError("must be an http:// or https:// address, without spaces")
    return value


Ident = Annotated[str, Text(pattern=ID_PATTERN)]
"""An id other entries cite: letters, digits and `_.-`."""

Words = Annotated[str, Text(min_length=1)]
"""Text that must say something."""


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    id: Ident
    title: Words
    kind: SourceKind | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    url: Annotated[str | None, Check(_web_address)] = None
    document: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class SourcesFile(Record):
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class PackMeta(Record):
    """pack.yml: what the pack is and when its facts were last reviewed against sources."""

    id: Ident
    version: Words
    reviewed: PartialDate
    title: str | None = None
    description: str | None = None
