"""`scan`'s option values coerced as typer coerces them, without pydantic where none is needed.

typer (from 0.29) coerces each parameter's value through a pydantic `TypeAdapter` it builds
on the parameter's first value, given or not: a CLI scan imported pydantic and built an
adapter for each of `scan`'s 15 options, ~75 ms of its start-up (docs/performance.md). Here
the values typer's adapters return unquestioned (nothing given, text for a text option, a
choice spelt as one, a path with nothing to refuse) are coerced by typer's own functions
without them; any other value (a choice not offered, a path typer refuses, a value that is
not text) is handed to typer's own coercion, built then, so what a bad value is told is
typer's own message. A typer without that machinery (before 0.29, click's types) is left as
it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

try:
    from typer._click import Context
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path, routes_to_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - a typer whose options are click types
    RuntimeParam = None  # type: ignore[assignment,misc]

_TYPERS = object()
"""A value typer's own coercion must decide."""


def _coerced(params: list[Any]) -> list[Any]:
    """`params`, each of typer's coercing its values with `Coercion` from now on.

    The machinery is typer's private one, so a typer whose parameters are shaped otherwise
    (no `_runtime_param` slot, no `type_descriptor`, another `RuntimeParam`) keeps its own
    coercion: the CLI then pays pydantic's start-up again, and never fails for it."""
    if RuntimeParam is not None:
        for param in params:
            if (
                isinstance(param, _TyperParameter)
                and getattr(param, "_runtime_param", _TYPERS) is None
            ):
                try:
                    param._runtime_param = Coercion.of(param.type_descriptor)
                except (AttributeError, TypeError):  # pragma: no cover - another typer
                    continue
    return params


class Command(TyperCommand):
    """A typer command whose parameters, `--help` with them, coerce with `Coercion`."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _coerced(super().get_params(ctx))


class Group(TyperGroup):
    """The typer group of the commands, its own options coerced with `Coercion`."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _coerced(super().get_params(ctx))


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class Coercion(RuntimeParam):
        """One parameter's coercion: typer's result for every value, typer's adapter only for
        a value the cases here do not settle (`_TYPERS`)."""

        descriptor: TypeDescriptor
        item: Any
        """A list's item type, or None."""
        typers: list[RuntimeParam] = field(default_factory=list)
        """typer's own coercion, once a value needed it."""

        @classmethod
        def of(cls, descriptor: TypeDescriptor) -> Coercion:
            annotation: Any = descriptor.annotation
            listed = get_origin(annotation) is list
            item = get_args(annotation)[0] if listed else None
            return cls(descriptor.parameter_info, annotation, descriptor, item)

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            if self.item is None:
                found = self._one(self.annotation, value, param, ctx)
            elif isinstance(value, list | tuple):
                items = [self._one(self.item, item, param, ctx) for item in value]
                found = _TYPERS if any(item is _TYPERS for item in items) else items
            else:
                found = _TYPERS
            if found is _TYPERS:
                if not self.typers:
                    self.typers.append(build_runtime_param(self.descriptor))
                return self.typers[0]._coerce_value(value, param, ctx)
            return found

        def _one(self, annotation: Any, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            """What typer's adapter gives for one value of `annotation`, or `_TYPERS`."""
            info = self.parameter_info
            if annotation is str:
                return value if type(value) is str else _TYPERS
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                try:
                    return coerce_cli_choice(
                        value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx
                    )
                except ValueError:  # typer's adapter says it, in pydantic's words
                    return _TYPERS
            if (
                annotation is Path
                and type(value) is str
                and value
                and info.path_type is None
                and routes_to_path(annotation, info)
            ):
                # typer's adapter makes the text a Path (pydantic's `Path(value)`), then checks it
                try:
                    return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
                except (BadParameter, ValueError):  # refused: typer says why, of the text given
                    return _TYPERS
            return _TYPERS
