"""How pack records are declared and checked: plain frozen dataclasses, constraints as markers.

A pack's records are read on every run, but validated against their schema only when their
files change: a warm start reads them back from the cache (pack/records.py) and must not pay
for importing pydantic and building its validators. So the records are stdlib dataclasses,
and each constraint is a marker in the field's `Annotated` type that serves both readers:

- pydantic, on a cold load: a marker tells it what schema the field has
  (`__get_pydantic_core_schema__`), so pack authors get pydantic's error for each field,
  every problem at once;
- the cache reader, on a warm load: the same marker checks the stored value (`check`),
  without pydantic, so a cache entry is never trusted beyond what the schema allows.

A record's own checks across fields live in its `__post_init__`, which both readers run.
pydantic is imported only by `validate`, the boundary where YAML becomes records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, TypeVar

T = TypeVar("T")


class Record:
    """Base of every pack record: unknown keys are rejected, as a typo must fail validation,
    never switch a rule off. Subclasses are `@dataclass(frozen=True, kw_only=True)`."""

    __pydantic_config__: ClassVar[Mapping[str, Any]] = {"extra": "forbid"}


@dataclass(frozen=True)
class Text:
    """A string constraint: a regular expression it must contain a match of, a least length."""

    pattern: str | None = None
    min_length: int = 0

    def check(self, value: object) -> object:
        if not isinstance(value, str) or len(value) < self.min_length:
            raise ValueError("text out of its schema")
        if self.pattern is not None and _compiled(self.pattern).search(value) is None:
            raise ValueError("text does not match its pattern")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        limits: dict[str, Any] = {"min_length": self.min_length} if self.min_length else {}
        if self.pattern is not None:
            limits["pattern"] = self.pattern
        return {**handler(source), **limits}


@dataclass(frozen=True)
class Items:
    """A list that must hold at least `min_length` items."""

    min_length: int

    def check(self, value: object) -> object:
        if not isinstance(value, list) or len(value) < self.min_length:
            raise ValueError("list out of its schema")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "min_length": self.min_length}


@dataclass(frozen=True)
class Number:
    """A number within [ge, le]."""

    ge: float
    le: float

    def check(self, value: object) -> object:
        if not isinstance(value, float) or not self.ge <= value <= self.le:
            raise ValueError("number out of its schema")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "ge": self.ge, "le": self.le}


@dataclass(frozen=True)
class Check:
    """A check run on the value once it has its type; it raises ValueError saying what is
    wrong, or returns the value."""

    run: Callable[[Any], Any]

    def check(self, value: object) -> object:
        return self.run(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.run, handler(source))


@dataclass(frozen=True)
class Before:
    """A conversion run on the raw value before its type is checked (dates as YAML gives
    them); it raises ValueError saying what is wrong."""

    run: Callable[[Any], Any]

    def check(self, value: object) -> object:
        return self.run(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.run, handler(source))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class Invalid(Exception):
    """Data that does not fit its record: each problem is (location, message)."""

    def __init__(self, problems: Sequence[tuple[tuple[int | str, ...], str]]) -> None:
        super().__init__(problems)
        self.problems = list(problems)


# pydantic words a few errors differently for dataclasses than for models; pack authors
# (and their scripts) read the model wording, which these keep.
_WORDING: dict[str, str] = {
    "unexpected_keyword_argument": "Extra inputs are not permitted",
    "dataclass_type": "Input should be a valid dictionary or instance of {name}",
    "dataclass_exact_type": "Input should be a valid dictionary or instance of {name}",
}


def validate(record: type[T], data: object) -> T:
    """`data` (as YAML gives it) as a `record`, or Invalid listing every problem in it."""
    from pydantic import ValidationError

    try:
        return _adapter(record).validate_python(data)  # type: ignore[no-any-return]
    except ValidationError as exc:
        problems: list[tuple[tuple[int | str, ...], str]] = []
        for error in exc.errors():
            message = error["msg"]
            if (wording := _WORDING.get(error["type"])) is not None:
                message = wording.format(name=error.get("ctx", {}).get("class_name", ""))
            problems.append((tuple(error["loc"]), message))
        raise Invalid(problems) from None


_ADAPTERS: dict[type[Any], Any] = {}


def _adapter(record: type[Any]) -> Any:
    """pydantic's validator for a record, built on its first use and kept."""
    if (found := _ADAPTERS.get(record)) is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[record] = TypeAdapter(record)
    return found
