"""The waivers file: reviewed exceptions, each with a reason, an approver and an expiry date.

```yaml
waivers:
  - asset: CAM-0042          # an asset id, or `fingerprint: <fingerprint>`
    rule: US-NDAA-889-*      # a rule id or glob; "*" for all
    reason: Scheduled for replacement in Q1; camera VLAN has no route out
    approved_by: Head of Security
    expires: 2027-03-31
```

Every problem in the file is reported at once, each with its line, so a reviewer fixes the
file in one pass; a waiver without a reason, an approver or an expiry date is refused rather
than applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from duediligence.errors import InputError
from duediligence.pack.loader import format_loc, safe_loader

if TYPE_CHECKING:
    import yaml


@cache
def _loader() -> type[yaml.SafeLoader]:
    """The safe loader, but dates stay text for pydantic to check: a bad date becomes one
    named problem among the others, not a crash of the YAML reader. Built on first use, so
    a scan without a waiver file never imports PyYAML for it."""
    base = safe_loader()
    resolvers = {
        first: [(tag, rx) for tag, rx in found if tag != "tag:yaml.org,2002:timestamp"]
        for first, found in base.yaml_implicit_resolvers.items()
    }
    loader: type[yaml.SafeLoader] = type("_Loader", (base,), {"yaml_implicit_resolvers": resolvers})
    return loader


def _text(value: Any) -> Any:
    """YAML reads `asset: 1042` as a number; an asset id is text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_not_blank)]


class Waiver(BaseModel):
    # Validators built on first use: most scans have no waiver file.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    asset: Text | None = None
    fingerprint: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{32}$",
        description="an asset's fingerprint, or a finding's (32 hex digits, from the report)",
    )
    rule: Text
    reason: Text
    approved_by: Text
    expires: date

    @model_validator(mode="after")
    def _one_target(self) -> Waiver:
        if (self.asset is None) == (self.fingerprint is None):
            raise ValueError("give exactly one of 'asset' (an asset id) or 'fingerprint'")
        return self


class WaiversFile(BaseModel):
    # Validators built on first use: most scans have no waiver file.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    waivers: list[Waiver] = []


@dataclass(frozen=True, slots=True)
class Entry:
    """A valid waiver and where a person finds it: 'waivers.yml:12 (waivers[3])'."""

    waiver: Waiver
    where: str


def load_waivers(path: Path) -> list[Entry]:
    """The waivers in `path`; InputError naming the file and listing every problem."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("waivers file not found", where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the waivers file: {exc}", where) from None
    import yaml

    try:
        node = yaml.compose(text, Loader=_loader())
        data: Any = yaml.load(text, Loader=_loader())  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", where) from None
    if data is None:
        data = {}
    lines = _entry_lines(node)
    try:
        parsed = WaiversFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            loc = e["loc"]
            item = loc[1] if len(loc) > 1 else None
            at = f"line {lines[item]}: " if isinstance(item, int) and item < len(lines) else ""
            message = "required" if e["type"] == "missing" else e["msg"]
            problems.append(f"{at}{format_loc(loc)}: {message.removeprefix('Value error, ')}")
        count = len(problems)
        raise InputError(
            f"invalid waivers file ({count} problem{'s' if count != 1 else ''}):\n  "
            + "\n  ".join(problems),
            where,
        ) from None
    return [
        Entry(
            w, f"{where}:{lines[i]} (waivers[{i}])" if i < len(lines) else f"{where} (waivers[{i}])"
        )
        for i, w in enumerate(parsed.waivers)
    ]


def _entry_lines(node: Any) -> list[int]:
    """The 1-based line of each entry under `waivers:`, where the file has that shape."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "waivers" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
