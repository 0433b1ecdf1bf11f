"""Load, validate and layer rule packs; every problem in every file is reported at once."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from duediligence.pack import cache
from duediligence.pack.advisories import AdvisoriesFile, Advisory, Catalogue
from duediligence.pack.catalog import Catalog
from duediligence.pack.entities import EntityFile
from duediligence.pack.measures import Measure, MeasuresFile, Profile, ProfilesFile
from duediligence.pack.records import from_data, to_data
from duediligence.pack.schema import Invalid, Record, validate
from duediligence.pack.sources import PackMeta, Source, SourcesFile
from duediligence.pack.sourcing import confidence_problems

if TYPE_CHECKING:
    import yaml

FileModel = TypeVar("FileModel", bound=Record)
YAML_SUFFIXES = (".yml", ".yaml")
CACHE_KIND = "pack"


@dataclass(frozen=True)
class Pack:
    """A validated pack (bundled, possibly with user layers): knowledge plus rules."""

    meta: PackMeta
    layers: tuple[str, ...]
    sources: dict[str, Source]
    catalog: Catalog
    measures: dict[str, Measure]
    profiles: dict[str, Profile]
    advisories: dict[str, Advisory] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    """The catalogue release the advisories were checked against (the last layer's)."""

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


@dataclass(frozen=True, kw_only=True)
class Layer(Record):
    """One pack directory's files, validated: what the cache keeps between runs."""

    label: str
    meta: PackMeta | None = None
    sources: list[Source] = field(default_factory=list)
    entity_files: list[EntityFile] = field(default_factory=list)
    entity_labels: list[str] = field(default_factory=list)  # each entity file's name
    measures: list[Measure] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    advisories: list[Advisory] = field(default_factory=list)
    catalogue: Catalogue | None = None


@dataclass(frozen=True, kw_only=True)
class CachedPack(Record):
    """A cache entry: every layer of a pack that loaded without a problem, in order."""

    layers: list[Layer]


def format_loc(loc: Sequence[int | str]) -> str:
    """('relationships', 2, 'valid_from') -> 'relationships[2].valid_from'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


@lru_cache(maxsize=1)
def safe_loader() -> type[yaml.SafeLoader]:
    """libyaml's safe loader when PyYAML was built with it (about 10x faster), else the pure
    one; both construct only plain data. PyYAML is imported on first use: a pack read back
    from the cache, and a scan without a waiver file, read no YAML at all."""
    import yaml

    found: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return found


def _read(path: Path, label: str, model: type[FileModel], problems: list[str]) -> FileModel | None:
    import yaml

    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=safe_loader())  # noqa: S506
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
        return validate(model, data)
    except Invalid as exc:
        problems.extend(
            f"{label}: {format_loc(loc)}: {msg.removeprefix('Value error, ')}"
            for loc, msg in exc.problems
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


def _read_layer(root: Path, label: str, problems: list[str]) -> Layer:
    def rel(path: Path) -> str:
        return f"{label}/{path.relative_to(root).as_posix()}"

    meta = sources = profiles = None
    if (meta_path := _one(root, "pack")) is not None:
        meta = _read(meta_path, rel(meta_path), PackMeta, problems)
    if (src_path := _one(root, "sources")) is not None:
        sources = _read(src_path, rel(src_path), SourcesFile, problems)
    entity_paths = [
        (rel(p), f)
        for p in _yaml_files(root / "entities")
        if (f := _read(p, rel(p), EntityFile, problems)) is not None
    ]
    measures = [
        m
        for p in _yaml_files(root / "measures")
        if (mf := _read(p, rel(p), MeasuresFile, problems)) is not None
        for m in mf.measures
    ]
    if (prof_path := _one(root, "profiles")) is not None:
        profiles = _read(prof_path, rel(prof_path), ProfilesFile, problems)
    advisory_files = [
        af
        for p in _yaml_files(root / "advisories")
        if (af := _read(p, rel(p), AdvisoriesFile, problems)) is not None
    ]
    catalogues = [af.catalogue for af in advisory_files if af.catalogue is not None]
    return Layer(
        label=label,
        meta=meta,
        sources=sources.sources if sources else [],
        entity_files=[f for _, f in entity_paths],
        entity_labels=[name for name, _ in entity_paths],
        measures=measures,
        profiles=profiles.profiles if profiles else [],
        advisories=[a for af in advisory_files for a in af.advisories],
        catalogue=max(catalogues, key=lambda c: c.released, default=None),
    )


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


def load_layers(roots: Sequence[tuple[Path, str]], cache_dir: Path | None = None) -> Pack:
    """Load pack directories in order; later layers add entries or override them by id.

    Raises PackError listing every problem in every file (schema, references, patterns).
    Given `cache_dir`, a pack whose files (every file of every layer, byte for byte) loaded
    before with this version of duediligence is read back from there, validated by the same
    schema, without parsing YAML or checking it against the IEEE registry again; a pack that
    loads is stored there for the next run (see pack/cache.py).
    """
    key = _cache_key(roots) if cache_dir is not None else None
    if key is not None and (cached := _from_cache(cache_dir, key)) is not None:
        return cached
    problems: list[str] = []
    layers: list[Layer] = []
    for root, label in roots:
        if not root.is_dir():
            problems.append(f"{label}: not a directory")
            continue
        layers.append(_read_layer(root, label, problems))
    pack = _assemble(layers, problems, roots[0][1] if roots else "rules", check_registry=True)
    if key is not None:
        data = to_data(CachedPack(layers=layers))
        entry = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        cache.write_entry(cache_dir, CACHE_KIND, key, entry)
    return pack


def _cache_key(roots: Sequence[tuple[Path, str]]) -> str | None:
    """What a loaded pack depends on: its files, this code, Python, and the IEEE registry it is
    checked against. The code is this stage's source files, not only the version: a check
    added to the loader must not be skipped by an entry it never saw. pydantic's version is
    not part of it: an entry is read back by this stage's own reader, whatever wrote it."""
    from duediligence.pack.registry import registry_stamp
    from duediligence.results.findings import VERSION

    code = cache.tree_digest([(Path(__file__).parent, "pack")], files="*.py")
    if code is None:
        return None
    salt = (VERSION, code, sys.version, registry_stamp())
    return cache.tree_digest(roots, *salt)


def _from_cache(cache_dir: Path | None, key: str) -> Pack | None:
    """The pack stored under `key`, or None if there is none or it does not read back whole.

    The entry passed every check when it was written, and the key covers the IEEE registry
    it was checked against, so only that costly check is not run again. The file is not
    trusted: it is read back through the schema's every check (pack/records.py) and merged
    with every check of the pack as a whole, and anything off makes the caller load the
    pack from its files.
    """
    from duediligence.errors import PackError

    raw = cache.read_entry(cache_dir, CACHE_KIND, key)
    if raw is None:
        return None
    try:
        layers = from_data(CachedPack, json.loads(raw)).layers
        return _assemble(layers, [], "rules", check_registry=False)
    except (ValueError, TypeError, PackError, RecursionError):
        return None


def _assemble(
    layers: Sequence[Layer], problems: list[str], first_label: str, *, check_registry: bool
) -> Pack:
    """Merge validated layers into a Pack, or raise PackError with `problems` and more."""
    from duediligence.errors import PackError

    meta: PackMeta | None = None
    sources: dict[str, Source] = {}
    entity_files: list[EntityFile] = []
    measures: dict[str, Measure] = {}
    profiles: dict[str, Profile] = {}
    advisories: dict[str, Advisory] = {}
    catalogue: Catalogue | None = None
    for layer in layers:
        label = layer.label
        if layer.meta is not None and meta is None:
            meta = layer.meta
        sources.update(_by_id(layer.sources, "id", "source", label, problems))
        entity_files.extend(layer.entity_files)
        measures.update(_by_id(layer.measures, "id", "measure", label, problems))
        profiles.update(_by_id(layer.profiles, "id", "profile", label, problems))
        advisories.update(_by_id(layer.advisories, "id", "advisory", label, problems))
        catalogue = layer.catalogue or catalogue
    if meta is None and not problems:
        problems.append(f"{first_label}: pack.yml is missing")

    if problems:
        # References are checked only once every file parsed: a file that failed would
        # otherwise make everything it defines look missing.
        raise PackError(problems)
    catalog = Catalog.build(entity_files, problems)
    if check_registry:
        _check_registrants(catalog, problems)
    _check_references(sources, catalog, measures, profiles, problems)
    problems.extend(advisory_problems(advisories, sources, catalog))
    named = [
        (name, f)
        for layer in layers
        for name, f in zip(layer.entity_labels, layer.entity_files, strict=False)
    ]
    problems.extend(confidence_problems(named, sources))
    if problems:
        raise PackError(problems)
    assert meta is not None
    labels = tuple(layer.label for layer in layers)
    return Pack(meta, labels, sources, catalog, measures, profiles, advisories, catalogue)


def advisory_problems(
    advisories: dict[str, Advisory], sources: dict[str, Source], catalog: Catalog
) -> list[str]:
    """Every advisory names an entity of the pack and cites sources it holds; no CVE is
    given twice, and no pattern id is used twice."""
    problems: list[str] = []
    seen_cves: dict[str, str] = {}
    seen_patterns: set[str] = set()
    for advisory in advisories.values():
        where = f"advisory {advisory.id}"
        if advisory.group not in catalog.entities:
            problems.append(f"{where}: group names unknown entity {advisory.group!r}")
        cited = [*advisory.sources, *(s for m in advisory.models for s in m.sources)]
        problems.extend(f"{where}: cites unknown source {s!r}" for s in cited if s not in sources)
        for cve in advisory.cves:
            if cve in seen_cves:
                problems.append(f"{where}: {cve} is also given by advisory {seen_cves[cve]}")
            seen_cves[cve] = advisory.id
        for models in advisory.models:
            if models.id in seen_patterns:
                problems.append(f"{where}: duplicate model pattern id {models.id!r}")
            seen_patterns.add(models.id)
    return problems


def _check_registrants(catalog: Catalog, problems: list[str]) -> None:
    """Every IEEE registrant an entity names must be an organisation in the registry."""
    from duediligence.pack.registry import registry_organisations

    registry = registry_organisations()
    problems.extend(
        f"entity {e.id}: registrant {org!r} is not an organisation in the IEEE registry"
        " (exact spelling, as netaddr ships it)"
        for e in catalog.entities.values()
        for org in e.registrants
        if org not in registry
    )


def _check_references(
    sources: dict[str, Source],
    catalog: Catalog,
    measures: dict[str, Measure],
    profiles: dict[str, Profile],
    problems: list[str],
) -> None:
    """Every cited source, named entity and listed measure must exist."""
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
