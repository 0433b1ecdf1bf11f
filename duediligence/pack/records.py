"""Pack records as plain JSON data and back: what the pack cache stores, read without pydantic.

A warm start reads the validated pack from the per-user cache. That file lies outside our
control, so reading it back checks everything the schema says (pack/schema.py): each
record's exact keys, each value's type, enum members, dates, and every field's markers and
the record's own `__post_init__` checks. Anything else is a ValueError or TypeError, and the
caller loads the pack from its files instead. The data were written from records that passed
pydantic's validation, so they are in canonical form: a value pydantic would only have
coerced (a number as text, say) is refused here, never coerced.

Readers are built per record class from its type hints, so a record added to the schema is
stored and read back with no code here; a pydantic model found among the hints is dumped and
validated by pydantic itself.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from duediligence.pack.schema import Before

T = TypeVar("T")
Reader = Callable[[Any], Any]


def to_data(value: object) -> Any:
    """A record (or a value inside one) as JSON data: every field, enums as their values,
    dates in ISO form."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    if hasattr(value, "model_dump"):  # a pydantic model: its own JSON form
        return value.model_dump(mode="json")
    return value


def to_written(value: object) -> Any:
    """A record as a pack author would write it: as `to_data`, but each field left at its
    default left out (a layer written for a person to read and load again)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_written(item)
            for f in dataclasses.fields(value)
            if not _is_default(f, item := getattr(value, f.name))
        }
    if isinstance(value, list | tuple):
        return [to_written(item) for item in value]
    if isinstance(value, dict):
        return {key: to_written(item) for key, item in value.items()}
    return to_data(value)


def _is_default(f: dataclasses.Field[Any], value: object) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False


def from_data(record: type[T], data: object) -> T:
    """`data` as written by `to_data` for a `record`; ValueError or TypeError if it is not."""
    found: T = record_reader(record)(data)
    return found


_READERS: dict[type[Any], Reader] = {}


def record_reader(record: type[Any]) -> Reader:
    """A reader for one record class, built once from its dataclass fields and type hints."""
    if (found := _READERS.get(record)) is None:
        found = _READERS[record] = _record_reader(record)
    return found


def _record_reader(record: type[Any]) -> Reader:
    if not dataclasses.is_dataclass(record):
        raise TypeError(f"{record!r} is not a record")
    hints = get_type_hints(record, include_extras=True)
    fields = [(f.name, _reader(hints[f.name])) for f in dataclasses.fields(record)]
    names = frozenset(name for name, _ in fields)
    check = getattr(record, "__post_init__", None)

    def read(data: Any) -> Any:
        """The record made as its `__init__` would make it from every field, then checked by
        its `__post_init__`; the generated `__init__` of a frozen dataclass sets each field
        through `object.__setattr__`, which a pack of thousands of values feels."""
        if type(data) is not dict or data.keys() != names:
            raise ValueError(f"not the fields of {record.__name__}")
        made = object.__new__(record)
        made.__dict__.update({name: field(data[name]) for name, field in fields})
        if check is not None:
            check(made)
        return made

    return read


def _reader(hint: Any) -> Reader:
    origin = get_origin(hint)
    if origin is Annotated:
        return _annotated(hint)
    if origin is Union or origin is types.UnionType:
        return _optional(hint)
    if origin is list:
        return _list(_reader(get_args(hint)[0]))
    if origin is dict:
        key, item = get_args(hint)
        if key is not str:
            raise TypeError(f"no cache reader for {hint!r}: keys must be text")
        return _dict(_reader(item))
    if not isinstance(hint, type):
        raise TypeError(f"no cache reader for {hint!r}")
    if issubclass(hint, Enum):
        return _enum(hint)
    if dataclasses.is_dataclass(hint):
        return lambda data: record_reader(hint)(data)
    if hasattr(hint, "model_validate"):  # a pydantic model: validated by pydantic
        validate: Reader = hint.model_validate
        return validate
    if hint is date:
        return _date
    if hint is float:
        return _float
    if hint in (str, int, bool):
        return _exactly(hint)
    raise TypeError(f"no cache reader for {hint!r}")


def _annotated(hint: Any) -> Reader:
    """Markers before the type (conversions), the type, then the rest in order."""
    base, *marks = get_args(hint)
    inner = _reader(base)
    before = [m.check for m in marks if isinstance(m, Before)]
    after = [m.check for m in marks if not isinstance(m, Before) and hasattr(m, "check")]

    def read(data: Any) -> Any:
        for run in before:
            data = run(data)
        data = inner(data)
        for run in after:
            data = run(data)
        return data

    return read


def _optional(hint: Any) -> Reader:
    others = [arg for arg in get_args(hint) if arg is not type(None)]
    if len(others) != 1:
        raise TypeError(f"no cache reader for {hint!r}: only 'X | None' unions are read")
    inner = _reader(others[0])
    return lambda data: None if data is None else inner(data)


def _list(item: Reader) -> Reader:
    def read(data: Any) -> Any:
        if type(data) is not list:
            raise ValueError("not a list")
        return [item(each) for each in data]

    return read


def _dict(item: Reader) -> Reader:
    def read(data: Any) -> Any:
        if type(data) is not dict:
            raise ValueError("not a mapping")
        return {_text(key): item(value) for key, value in data.items()}

    return read


def _enum(kind: type[Enum]) -> Reader:
    def read(data: Any) -> Any:
        if type(data) not in (str, int):
            raise ValueError(f"not a {kind.__name__}")
        return kind(data)

    return read


def _date(data: Any) -> date:
    if type(data) is date:
        return data
    if type(data) is not str:
        raise ValueError("not a date")
    return date.fromisoformat(data)


def _float(data: Any) -> float:
    if type(data) is float:
        return data
    if type(data) is int:
        return float(data)
    raise ValueError("not a number")


def _exactly(kind: type[Any]) -> Reader:
    def read(data: Any) -> Any:
        if type(data) is not kind:
            raise ValueError(f"not a {kind.__name__}")
        return data

    return read


_text = _exactly(str)
