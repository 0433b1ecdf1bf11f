"""Load, validate and layer rule packs; every problem in every file is reported at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import EntityFile
from duediligence.pack.measures import Measure, MeasuresFile, Profile, ProfilesFile
from duediligence.pack.sources import PackMeta, Source, SourcesFile

FileModel = TypeVar("FileModel", bound=BaseModel)
# libyaml's safe loader when PyYAML was built with it (about 10x faster), else the pure one;
# both construct only plain data.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Pack:
    """A validated pack (bundled, possibly with user layers): knowledge plus rules."""

    meta: PackMeta
    layers: tuple[str, ...]
    sources: dict[str, Source]
    catalog: Catalog
    measures: dict[str, Measure]
    profiles: dict[str, Profile]

    def require_profile(self, profile_id: str, where: str | None = None) -> str:
        """The profile id if the pack has it; else a usage error listing the known ones
        (`where`: the settings file and line that named it)."""
        from duediligence.errors import UsageError

        if profile_id not in self.profiles:
            raise UsageError(
                f"unknown profile {profile_id!r}; known profiles: "
                + ", ".join(sorted(self.profiles)),
                where,
            )
        return profile_id

    def profile_measures(self, profile_id: str) -> list[Measure]:
        """The measures a profile evaluates, in pack order."""
        wanted = self.profiles[profile_id].measures
        if "*" in wanted:
            return list(self.measures.values())
        return [self.measures[m] for m in wanted]


@dataclass
class _Layer:
    root: Path
    label: str
    meta: PackMeta | None = None
    sources: list[Source] | None = None
    entity_files: list[EntityFile] | None = None
    measures: list[Measure] | None = None
    profiles: list[Profile] | None = None


def format_loc(loc: Sequence[int | str]) -> str:
    """('relationships', 2, 'valid_from') -> 'relationships[2].valid_from'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _read(path: Path, label: str, model: type[FileModel], problems: list[str]) -> FileModel | None:
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{label}: cannot read: {exc}")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problems.append(f"{label}: not valid YAML{where}: {getattr(exc, 'problem', exc)}")
        return None
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(
            f"{label}: {format_loc(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        return None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def _one(root: Path, stem: str) -> Path | None:
    for suffix in YAML_SUFFIXES:
        if (root / f"{stem}{suffix}").is_file():
            return root / f"{stem}{suffix}"
    return None


def _read_layer(root: Path, label: str, problems: list[str]) -> _Layer:
    layer = _Layer(root=root, label=label)

    def rel(path: Path) -> str:
        return f"{label}/{path.relative_to(root).as_posix()}"

    if (meta_path := _one(root, "pack")) is not None:
        layer.meta = _read(meta_path, rel(meta_path), PackMeta, problems)
    if (src_path := _one(root, "sources")) is not None:
        sources = _read(src_path, rel(src_path), SourcesFile, problems)
        layer.sources = sources.sources if sources else []
    layer.entity_files = [
        f
        for p in _yaml_files(root / "entities")
        if (f := _read(p, rel(p), EntityFile, problems)) is not None
    ]
    layer.measures = [
        m
        for p in _yaml_files(root / "measures")
        if (mf := _read(p, rel(p), MeasuresFile, problems)) is not None
        for m in mf.measures
    ]
    if (prof_path := _one(root, "profiles")) is not None:
        profiles = _read(prof_path, rel(prof_path), ProfilesFile, problems)
        layer.profiles = profiles.profiles if profiles else []
    return layer


T = TypeVar("T")


def _by_id(
    items: Iterable[T], key: str, kind: str, label: str, problems: list[str]
) -> dict[str, T]:
    """Index one layer's items by id; a duplicate inside one layer is an error."""
    out: dict[str, T] = {}
    for item in items:
        ident = getattr(item, key)
        if ident in out:
            problems.append(f"{label}: duplicate {kind} id {ident!r}")
        out[ident] = item
    return out


def load_layers(roots: Sequence[tuple[Path, str]]) -> Pack:
    """Load pack directories in order; later layers add entries or override them by id.

    Raises PackError listing every problem in every file (schema, references, patterns).
    """
    from duediligence.errors import PackError

    problems: list[str] = []
    meta: PackMeta | None = None
    sources: dict[str, Source] = {}
    entity_files: list[EntityFile] = []
    measures: dict[str, Measure] = {}
    profiles: dict[str, Profile] = {}
    labels: list[str] = []
    for root, label in roots:
        if not root.is_dir():
            problems.append(f"{label}: not a directory")
            continue
        labels.append(label)
        layer = _read_layer(root, label, problems)
        if layer.meta is not None and meta is None:
            meta = layer.meta
        sources.update(_by_id(layer.sources or [], "id", "source", label, problems))
        entity_files.extend(layer.entity_files or [])
        measures.update(_by_id(layer.measures or [], "id", "measure", label, problems))
        profiles.update(_by_id(layer.profiles or [], "id", "profile", label, problems))
    if meta is None and not problems:
        problems.append(f"{roots[0][1] if roots else 'rules'}: pack.yml is missing")

    if problems:
        # References are checked only once every file parsed: a file that failed would
        # otherwise make everything it defines look missing.
        raise PackError(problems)
    catalog = Catalog.build(entity_files, problems)
    _check_references(sources, catalog, measures, profiles, problems)
    if problems:
        raise PackError(problems)
    assert meta is not None
    return Pack(meta, tuple(labels), sources, catalog, measures, profiles)


def _check_references(
    sources: dict[str, Source],
    catalog: Catalog,
    measures: dict[str, Measure],
    profiles: dict[str, Profile],
    problems: list[str],
) -> None:
    """Every cited source, named entity, listed measure and IEEE registrant must exist."""
    from duediligence.identify.oui import registry_organisations

    registry = registry_organisations()
    problems.extend(
        f"entity {e.id}: registrant {org!r} is not an organisation in the IEEE registry"
        " (exact spelling, as netaddr ships it)"
        for e in catalog.entities.values()
        for org in e.registrants
        if org not in registry
    )
    for where, cited in catalog.citations():
        problems.extend(f"{where}: cites unknown source {s!r}" for s in cited if s not in sources)
    for measure in measures.values():
        where = f"measure {measure.id}"
        cited = [*measure.sources, *(s for event in measure.history for s in event.sources)]
        problems.extend(f"{where}: cites unknown source {s!r}" for s in cited if s not in sources)
        for i, clause in enumerate(measure.covers):
            problems.extend(
                f"{where}: covers[{i}].groups names unknown entity {g!r}"
                for g in clause.groups
                if g not in catalog.entities
            )
        problems.extend(
            f"{where}: severity names unknown profile {name!r}"
            for name in measure.severity
            if name != "default" and name not in profiles
        )
    for profile in profiles.values():
        problems.extend(
            f"profile {profile.id}: names unknown measure {m!r}"
            for m in profile.measures
            if m != "*" and m not in measures
        )
    if "global" not in profiles:
        problems.append("profiles: the default profile 'global' is missing")
