"""The neutral shape of an inventory row, shared by every stage of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Location:
    """Where a person finds the row: header is row 1, as the spreadsheet shows it."""

    path: str
    row: int | None = None
    sheet: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


class Field(StrEnum):
    """The columns duediligence understands; every other column is carried through untouched."""

    MAKE = "make"
    MODEL = "model"
    MAC = "mac"
    FCC_ID = "fcc_id"
    ASSET_ID = "asset_id"
    SERIAL = "serial"
    SUPPLIER = "supplier"
    SITE = "site"
    DESCRIPTION = "description"
    PURCHASED = "purchased"
    INSTALLED = "installed"


@dataclass(frozen=True, slots=True)
class Asset:
    """One inventory row: the understood fields plus every original cell, by header."""

    location: Location
    fields: dict[str, str]
    make: str | None = None
    model: str | None = None
    mac: str | None = None
    fcc_id: str | None = None
    asset_id: str | None = None
    serial: str | None = None
    supplier: str | None = None
    site: str | None = None
    description: str | None = None
    purchased: date | None = None
    installed: date | None = None

    @property
    def acquired(self) -> date | None:
        """The date the organisation got the item, when the register says."""
        return self.purchased or self.installed

    def has_signal(self) -> bool:
        return bool(
            self.make or self.model or self.mac or self.fcc_id or self.supplier or self.description
        )
