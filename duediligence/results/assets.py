"""The neutral shape of an inventory row, shared by every stage of the pipeline."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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


class DateOrder(StrEnum):
    """Which comes first in a date written with numbers alone, '03/04/2021': decided once per
    column from its values (inventory/dates.py), never row by row."""

    DAY_FIRST = "DD/MM/YYYY"
    MONTH_FIRST = "MM/DD/YYYY"


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
    NOTES = "notes"
    HOSTNAME = "hostname"
    PURCHASED = "purchased"
    INSTALLED = "installed"
    FIRMWARE = "firmware"


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
    notes: str | None = None
    hostname: str | None = None
    firmware: str | None = None

    @property
    def acquired(self) -> date | None:
        """The date the organisation got the item, when the register says."""
        return self.purchased or self.installed

    @classmethod
    def from_cells(
        cls,
        location: Location,
        columns: Sequence[str],
        fields: Mapping[Field, int],
        cells: Sequence[str],
        orders: Mapping[Field, DateOrder] | None = None,
    ) -> Asset:
        """An Asset from one row: understood fields plus every non-empty cell under its header.

        Cells past the header keep their place as '(unnamed column N)': nothing is dropped.
        `orders` says how each date column writes its dates ('03/04/2021'), as decided for
        the whole column.
        """
        orders = orders or {}
        values = {}
        for i, raw in enumerate(cells):
            text = raw.strip()
            if text:
                values[columns[i] if i < len(columns) else unnamed_column(i)] = text

        def get(f: Field) -> str | None:
            i = fields.get(f)
            if i is None or i >= len(cells):
                return None
            return cells[i].strip() or None

        purchased, installed = get(Field.PURCHASED), get(Field.INSTALLED)
        return cls(
            location=location,
            fields=values,
            make=get(Field.MAKE),
            model=get(Field.MODEL),
            mac=get(Field.MAC),
            fcc_id=get(Field.FCC_ID),
            asset_id=get(Field.ASSET_ID),
            serial=get(Field.SERIAL),
            supplier=get(Field.SUPPLIER),
            site=get(Field.SITE),
            description=get(Field.DESCRIPTION),
            purchased=parse_date(purchased, orders.get(Field.PURCHASED)) if purchased else None,
            installed=parse_date(installed, orders.get(Field.INSTALLED)) if installed else None,
            notes=get(Field.NOTES),
            hostname=get(Field.HOSTNAME),
            firmware=get(Field.FIRMWARE),
        )


def unnamed_column(index: int) -> str:
    """The name a cell past the last header gets (index counts from 0)."""
    return f"(unnamed column {index + 1})"


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y%m%d")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIALS = range(20_000, 80_000)
"""Excel day numbers read as dates: 1954-10-03 to 2119-01-09. A date column exported without
its number format arrives as '43952'; five digits cannot be mistaken for 'YYYYMMDD'."""


NUMERIC_DATE = re.compile(
    r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})"  # day and month either way, then the year
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"  # and a time of day, as Excel may add
)
"""'25.03.2021', '03/25/21', '25-03-2021 14:30': day and month in an order the text does not
say, then the year."""


def _full_year(year: str) -> int:
    """'21' is 2021 and '98' 1998, as Python's %y reads them (69 and above: 1900s)."""
    if len(year) == 4:
        return int(year)
    return int(year) + (1900 if int(year) >= 69 else 2000)


def parse_date(text: str, order: DateOrder | None = None) -> date | None:
    """ISO-style dates, Excel day numbers, and, given the column's `order`, dates of numbers
    alone. '03/04/2020' is March or April depending on who typed it: without an order decided
    for its whole column it is not read."""
    text = text.strip()
    if order is not None and (numeric := NUMERIC_DATE.fullmatch(text)):
        first, _, second, year = numeric.groups()
        day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
        try:
            return date(_full_year(year), int(month), int(day))
        except ValueError:
            return None
    if text.isdigit():
        if len(text) == 5 and int(text) in _SERIALS:
            return _EXCEL_EPOCH + timedelta(days=int(text))
        if len(text) != 8:
            return None
    if len(text) == 10 and text.isascii() and text[4] == text[7] == "-":
        # YYYY-MM-DD, what most registers hold: read as strptime's first format reads it
        # (ten times quicker), a date that does not exist refused as it refuses one
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdigit() and month.isdigit() and day.isdigit():
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
