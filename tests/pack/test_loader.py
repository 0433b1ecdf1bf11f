import copy
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from duediligence.errors import PackError
from duediligence.pack import cache, loader
from duediligence.pack.loader import format_loc, load_layers
from tests.factory import ACME, ACME_FILE, MEASURES, SOURCES, make_pack, pack_files, write_pack


def problems_of(root: Path, **overrides: object) -> list[str]:
    write_pack(root, pack_files(**overrides))
    with pytest.raises(PackError) as caught:
        load_layers([(root, "rules")])
    return caught.value.problems


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    assert set(pack.catalog.entities) == {"acme", "acmeline", "oldbrand", "zed"}
    assert [m.id for m in pack.profile_measures("strict")] == ["XX-BAN-A"]
    assert len(pack.profile_measures("global")) == 5


def test_format_loc_reads_like_a_path() -> None:
    assert format_loc(("relationships", 2, "valid_from")) == "relationships[2].valid_from"


def test_an_invalid_date_names_file_and_path(tmp_path: Path) -> None:
    bad = copy.deepcopy(ACME_FILE)
    bad["relationships"][1]["valid_from"] = "2018-13-01"
    problems = problems_of(tmp_path, **{"entities/acme.yml": bad})
    assert problems == [
        "rules/entities/acme.yml: relationships[1].valid_from: invalid date:"
        " expected YYYY, YYYY-MM or YYYY-MM-DD"
    ]


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    entities = copy.deepcopy(ACME_FILE)
    entities["entities"][0]["colour"] = "red"  # unknown key
    entities["relationships"][0]["parent"] = "nobody"  # unknown entity
    measures = copy.deepcopy(MEASURES)
    measures["measures"][0]["sources"] = ["NOPE"]  # unknown source
    measures["measures"][1]["effective"] = "soon"  # invalid date
    problems = problems_of(tmp_path, **{"entities/acme.yml": entities, "measures/xx.yml": measures})
    assert "rules/entities/acme.yml: entities[0].colour: Extra inputs are not permitted" in problems
    assert (
        "rules/measures/xx.yml: measures[1].effective: invalid date:"
        " expected YYYY, YYYY-MM or YYYY-MM-DD"
    ) in problems
    assert len(problems) == 2


def test_references_are_checked_once_every_file_parses(tmp_path: Path) -> None:
    entities = copy.deepcopy(ACME_FILE)
    entities["relationships"][0]["parent"] = "nobody"
    measures = copy.deepcopy(MEASURES)
    measures["measures"][0]["sources"] = ["NOPE"]
    problems = problems_of(tmp_path, **{"entities/acme.yml": entities, "measures/xx.yml": measures})
    assert sorted(problems) == [
        "measure XX-BAN-A: cites unknown source 'NOPE'",
        "relationship acmeline -> nobody: unknown entity 'nobody'",
    ]


def test_a_typo_in_a_measure_fails_rather_than_switching_it_off(tmp_path: Path) -> None:
    measures = copy.deepcopy(MEASURES)
    measures["measures"][0]["cover"] = measures["measures"][0].pop("covers")
    problems = problems_of(tmp_path, **{"measures/xx.yml": measures})
    assert "rules/measures/xx.yml: measures[0].covers: Field required" in problems
    assert "rules/measures/xx.yml: measures[0].cover: Extra inputs are not permitted" in problems


def test_a_pattern_must_match_its_own_examples(tmp_path: Path) -> None:
    entities = copy.deepcopy(ACME_FILE)
    entities["models"][0]["examples"] = ["AC-1234B", "AC-2040X-I", "XY-1"]
    entities["models"][0]["counter_examples"] = ["AC-5555Q"]
    problems = problems_of(tmp_path, **{"entities/acme.yml": entities})
    assert "model pattern acme-ac: example 'XY-1' does not match the pattern" in problems
    assert "model pattern acme-ac: counter-example 'AC-5555Q' matches the pattern" in problems


def test_patterns_must_be_anchored_and_compile(tmp_path: Path) -> None:
    entities = copy.deepcopy(ACME_FILE)
    entities["models"][0]["pattern"] = r"AC-\d"
    problems = problems_of(tmp_path, **{"entities/acme.yml": entities})
    assert problems == [
        "rules/entities/acme.yml: models[0].pattern: pattern must be anchored with '^'"
    ]
    entities["models"][0]["pattern"] = r"^AC-(\d"
    problems = problems_of(tmp_path, **{"entities/acme.yml": entities})
    assert problems == [
        "rules/entities/acme.yml: models[0].pattern: pattern does not compile:"
        " missing ), unterminated subpattern at position 4"
    ]


def test_profiles_must_name_existing_measures_and_global_must_exist(tmp_path: Path) -> None:
    profiles = {
        "profiles": [{"id": "strict", "title": "S", "description": "d", "measures": ["NO-SUCH"]}]
    }
    problems = problems_of(tmp_path, **{"profiles.yml": profiles})
    assert "profile strict: names unknown measure 'NO-SUCH'" in problems
    assert "profiles: the default profile 'global' is missing" in problems


def test_duplicate_ids_in_one_layer_are_errors(tmp_path: Path) -> None:
    measures = copy.deepcopy(MEASURES)
    measures["measures"].append(copy.deepcopy(measures["measures"][0]))
    problems = problems_of(tmp_path, **{"measures/xx.yml": measures})
    assert problems == ["rules: duplicate measure id 'XX-BAN-A'"]


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, **{"measures/xx.yml": "measures:\n  - id: [unclosed\n"})
    assert len(problems) == 1
    assert problems[0].startswith("rules/measures/xx.yml: not valid YAML (line 3")


def test_a_user_layer_adds_and_overrides_by_id(tmp_path: Path) -> None:
    base = write_pack(tmp_path / "base", pack_files())
    override = copy.deepcopy(MEASURES["measures"][0])
    override["severity"] = {"default": "low"}
    user = write_pack(
        tmp_path / "mine",
        {
            "measures/mine.yml": {"measures": [override]},
            "entities/extra.yml": {
                "entities": [{"id": "newco", "name": "NewCo", "country": "CN", "sources": ["SRC1"]}]
            },
        },
    )
    pack = load_layers([(base, "rules"), (user, "mine")])
    assert pack.measures["XX-BAN-A"].severity_for("global").value == "low"
    assert "newco" in pack.catalog.entities
    assert pack.layers == ("rules", "mine")
    assert pack.meta.id == "test"


def test_a_missing_layer_directory_is_an_error(tmp_path: Path) -> None:
    base = write_pack(tmp_path / "base", pack_files())
    with pytest.raises(PackError) as caught:
        load_layers([(base, "rules"), (tmp_path / "absent", "absent")])
    assert caught.value.problems == ["absent: not a directory"]


def test_a_registrant_must_be_spelt_as_the_ieee_registry_has_it(tmp_path: Path) -> None:
    entities = copy.deepcopy(ACME_FILE)
    entities["entities"][0]["registrants"] = ["Hangzhou Hikvision Digital Technology Co., Ltd."]
    problems = problems_of(tmp_path, **{"entities/acme.yml": entities})
    assert problems == [
        "entity acme: registrant 'Hangzhou Hikvision Digital Technology Co., Ltd.' is not an"
        " organisation in the IEEE registry (exact spelling, as netaddr ships it)"
    ]


def test_yaml_that_asks_for_python_objects_is_refused_and_never_run(tmp_path: Path) -> None:
    """Packs are data: a tag that would build a Python object or call a function is an error
    naming the file, and the call never happens."""
    marker = tmp_path / "ran"
    hostile = f"entities:\n  - !!python/object/apply:os.mkdir [{str(marker)!r}]\n"
    problems = problems_of(tmp_path / "pack", **{"entities/evil.yml": hostile})
    assert len(problems) == 1
    assert problems[0].startswith("rules/entities/evil.yml: not valid YAML (line 2, column 5):")
    assert "could not determine a constructor" in problems[0]
    assert "python/object/apply:os.mkdir" in problems[0]
    assert not marker.exists()


def test_an_alias_bomb_is_refused_without_being_expanded(tmp_path: Path) -> None:
    """Ten levels of nine would be 9**10 (3.5 billion) strings if anything expanded them."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = "\n".join(levels) + "\nentities: *a9\n"
    problems = problems_of(tmp_path, **{"entities/bomb.yml": bomb})
    assert "rules/entities/bomb.yml: a0: Extra inputs are not permitted" in problems
    assert (
        "rules/entities/bomb.yml: entities[0]: Input should be a valid dictionary or instance"
        " of Entity"
    ) in problems
    assert len(problems) == 10 + 9


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "https://a b", "https://", "ftp://x"]
)
def test_a_source_address_must_be_a_web_address(tmp_path: Path, url: str) -> None:
    """Every report links a source's address; only a web page may be behind the link."""
    sources = {"sources": [SOURCES[0] | {"url": url}]}
    assert problems_of(tmp_path, **{"sources.yml": sources}) == [
        "rules/sources.yml: sources[0].url: must be an http:// or https:// address, without spaces"
    ]


def test_a_clause_that_must_establish_a_fact_names_the_equipment_it_concerns(
    tmp_path: Path,
) -> None:
    measures = copy.deepcopy(MEASURES)
    measures["measures"][0]["covers"] = [{"establish": "country_of_production"}]
    problems = problems_of(tmp_path, **{"measures/xx.yml": measures})
    assert problems == [
        "rules/measures/xx.yml: measures[0].covers[0]: 'establish' needs the"
        " 'equipment' categories it concerns"
    ]


def test_a_clause_judged_by_brand_names_the_countries_it_judges(tmp_path: Path) -> None:
    measures = copy.deepcopy(MEASURES)
    measures["measures"][0]["covers"] = [{"brands": True}]
    problems = problems_of(tmp_path, **{"measures/xx.yml": measures})
    assert problems == [
        "rules/measures/xx.yml: measures[0].covers[0]: 'brands' says how 'countries' is"
        " judged: it needs 'countries'"
    ]


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading any pack file fails the test: the pack must come from the cache."""

    def refuse(*args: object) -> None:
        raise AssertionError("a pack file was parsed")

    monkeypatch.setattr(loader, "_read_layer", refuse)


def test_a_pack_loaded_once_is_read_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    cold = load_layers([(root, "rules")], tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("pack-*.json"))) == 1
    _no_yaml(monkeypatch)
    warm = load_layers([(root, "rules")], tmp_path / "cache")
    assert warm == cold
    assert warm.catalog.patterns == cold.catalog.patterns


def test_a_changed_pack_file_is_read_again(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    load_layers([(root, "rules")], tmp_path / "cache")
    changed = copy.deepcopy(MEASURES)
    changed["measures"][0]["severity"] = {"default": "low"}
    write_pack(root, pack_files(**{"measures/xx.yml": changed}))
    pack = load_layers([(root, "rules")], tmp_path / "cache")
    assert pack.measures["XX-BAN-A"].severity_for("global").value == "low"


def test_a_pack_broken_since_it_was_cached_is_an_error(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    load_layers([(root, "rules")], tmp_path / "cache")
    bad = copy.deepcopy(ACME_FILE)
    bad["relationships"][1]["valid_from"] = "2018-13-01"
    write_pack(root, pack_files(**{"entities/acme.yml": bad}))
    with pytest.raises(PackError) as caught:
        load_layers([(root, "rules")], tmp_path / "cache")
    assert caught.value.problems == [
        "rules/entities/acme.yml: relationships[1].valid_from: invalid date:"
        " expected YYYY, YYYY-MM or YYYY-MM-DD"
    ]


def test_a_user_layer_is_part_of_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = write_pack(tmp_path / "base", pack_files())
    newco = {"id": "newco", "name": "NewCo", "country": "CN", "sources": ["SRC1"]}
    user = write_pack(tmp_path / "mine", {"entities/extra.yml": {"entities": [newco]}})
    folder = tmp_path / "cache"
    assert "newco" not in load_layers([(base, "rules")], folder).catalog.entities
    assert "newco" in load_layers([(base, "rules"), (user, "mine")], folder).catalog.entities
    renamed = {**newco, "name": "NewCo Renamed"}
    write_pack(user, {"entities/extra.yml": {"entities": [renamed]}})
    layered = load_layers([(base, "rules"), (user, "mine")], folder)
    assert layered.catalog.entities["newco"].name == "NewCo Renamed"
    assert len(list(folder.glob("pack-*.json"))) == 3
    _no_yaml(monkeypatch)
    assert load_layers([(base, "rules"), (user, "mine")], folder) == layered
    assert "newco" not in load_layers([(base, "rules")], folder).catalog.entities


def _truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _tamper(raw: bytes) -> bytes:
    # Still JSON, but a value the schema refuses: a pattern that is not anchored.
    return raw.replace(b'"pattern":"^', b'"pattern":"', 1)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_truncate, id="partial"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"\x80\x00garbage", id="not-json"),
        pytest.param(lambda raw: b'{"layers": 3}', id="wrong-shape"),
        pytest.param(lambda raw: b'{"layers": []}', id="no-layers"),
        pytest.param(_tamper, id="fails-the-schema"),
    ],
)
def test_a_damaged_cache_entry_means_a_full_load_and_a_new_entry(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    folder = tmp_path / "cache"
    cold = load_layers([(root, "rules")], folder)
    (entry,) = folder.glob("pack-*.json")
    whole = entry.read_bytes()
    assert _tamper(whole) != whole
    entry.write_bytes(damage(whole))
    assert load_layers([(root, "rules")], folder) == cold
    assert entry.read_bytes() == whole


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"entities/acme.yml": {**ACME_FILE, "suppliers": []}}, id="a-changed-file"),
        pytest.param({"entities/more.yml": {"entities": []}}, id="an-added-file"),
        pytest.param({"advisories/kev.yml": {"advisories": []}}, id="a-file-in-a-new-folder"),
        pytest.param({"notes.txt": "not read by the loader"}, id="a-file-the-loader-skips"),
        pytest.param({"sources.yml": None}, id="a-removed-file"),
    ],
)
def test_any_change_under_the_pack_is_a_new_cache_entry(
    tmp_path: Path, change: dict[str, object]
) -> None:
    """The key covers every file under the pack, read or not: a folder another stage reads
    tomorrow must not be served from an entry written before it existed."""
    root = write_pack(tmp_path / "pack", pack_files())
    folder = tmp_path / "cache"
    load_layers([(root, "rules")], folder)
    for rel, data in change.items():
        if data is None:
            (root / rel).unlink()
        else:
            write_pack(root, {rel: data})
    try:
        load_layers([(root, "rules")], folder)
    except PackError:
        pass  # a removed sources file breaks the pack: what matters is it was read again
    assert len(list(folder.glob("pack-*.json"))) == 1 + ("sources.yml" not in change)
    assert loader._cache_key([(root, "rules")]) is not None


def test_removing_a_file_reads_the_pack_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = {"entities": [{"id": "newco", "name": "NewCo", "country": "CN", "sources": ["SRC1"]}]}
    root = write_pack(tmp_path / "pack", pack_files(**{"entities/extra.yml": extra}))
    folder = tmp_path / "cache"
    assert "newco" in load_layers([(root, "rules")], folder).catalog.entities
    (root / "entities" / "extra.yml").unlink()
    assert "newco" not in load_layers([(root, "rules")], folder).catalog.entities
    _no_yaml(monkeypatch)
    assert "newco" not in load_layers([(root, "rules")], folder).catalog.entities


def test_the_bundled_pack_from_the_cache_equals_the_validated_one(tmp_path: Path) -> None:
    """Every part of the pack, compared: the knowledge, the compiled patterns, the indexes."""
    from dataclasses import fields

    from duediligence.pack.bundled import bundled_rules_dir

    roots = [(bundled_rules_dir(), "rules")]
    validated = load_layers(roots)
    load_layers(roots, tmp_path)
    cached = load_layers(roots, tmp_path)
    assert len(list(tmp_path.glob("pack-*.json"))) == 1
    for part in ("meta", "layers", "sources", "measures", "profiles", "advisories", "catalogue"):
        assert getattr(cached, part) == getattr(validated, part), part
    for each in fields(validated.catalog):
        assert getattr(cached.catalog, each.name) == getattr(validated.catalog, each.name), each
    assert cached == validated


def _retype(raw: bytes) -> bytes:
    # Still JSON, every key in place, but a number where the schema says text.
    return raw.replace(b'"country":"CN"', b'"country":86', 1)


def _unknown_key(raw: bytes) -> bytes:
    return raw.replace(b'"country":"CN"', b'"country":"CN","colour":"red"', 1)


def _dangling(raw: bytes) -> bytes:
    # Every record fits its schema, but a relationship names an entity no layer holds.
    return raw.replace(b'"parent":"acme"', b'"parent":"nobody"', 1)


def _deep(raw: bytes) -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_retype, id="a-value-of-another-type"),
        pytest.param(_unknown_key, id="an-unknown-key"),
        pytest.param(_dangling, id="a-reference-to-nothing"),
        pytest.param(_deep, id="nested-past-the-recursion-limit"),
    ],
)
def test_a_tampered_cache_entry_is_never_trusted(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    """Sealed again after the change, as someone who knows the format would: the schema,
    not only the seal, is what refuses it."""
    root = write_pack(tmp_path / "pack", pack_files())
    folder = tmp_path / "cache"
    cold = load_layers([(root, "rules")], folder)
    (entry,) = folder.glob("pack-*.json")
    whole = entry.read_bytes()
    key = entry.stem.removeprefix("pack-")
    body = cache.read_entry(folder, "pack", key)
    assert body is not None and damage(body) != body
    entry.write_bytes(cache.sealed("pack", key, damage(body)))
    assert cache.read_entry(folder, "pack", key) == damage(body)
    assert load_layers([(root, "rules")], folder) == cold
    assert entry.read_bytes() == whole


def _rename_acme(raw: bytes) -> bytes:
    # Every record still fits the schema and every reference holds: only the seal tells.
    return raw.replace(b'"name":"Acme Vision', b'"name":"Acme Renamed Vision')


def _swap_keys(folder: Path, entry: Path, whole: bytes) -> None:
    # A whole, well-sealed entry of another pack, put under this pack's key.
    other = folder / "pack-0000.json"
    other.write_bytes(cache.sealed("pack", "0000", whole.partition(b"\n")[2]))
    entry.write_bytes(other.read_bytes())


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda f, e, w: e.write_bytes(_rename_acme(w)), id="edited-in-place"),
        pytest.param(_swap_keys, id="an-entry-for-another-key"),
        pytest.param(
            lambda f, e, w: e.write_bytes(w.replace(b" 2 pack ", b" 1 pack ", 1)),
            id="an-older-format",
        ),
    ],
)
def test_an_entry_that_does_not_match_its_seal_is_rebuilt(
    tmp_path: Path, tamper: Callable[[Path, Path, bytes], None]
) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    folder = tmp_path / "cache"
    cold = load_layers([(root, "rules")], folder)
    (entry,) = folder.glob("pack-*.json")
    whole = entry.read_bytes()
    assert _rename_acme(whole) != whole
    tamper(folder, entry, whole)
    assert entry.read_bytes() != whole
    warm = load_layers([(root, "rules")], folder)
    assert warm == cold and warm.catalog.entities["acme"].name == ACME["name"]
    assert entry.read_bytes() == whole


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
@pytest.mark.parametrize(
    "mode", [pytest.param(0o620, id="group"), pytest.param(0o602, id="others")]
)
def test_an_entry_others_could_write_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    folder = tmp_path / "cache"
    load_layers([(root, "rules")], folder)
    (entry,) = folder.glob("pack-*.json")
    entry.chmod(mode)
    parsed: list[str] = []
    read_layer = loader._read_layer

    def counting(root: Path, label: str, problems: list[str]) -> loader.Layer:
        parsed.append(label)
        return read_layer(root, label, problems)

    monkeypatch.setattr(loader, "_read_layer", counting)
    load_layers([(root, "rules")], folder)
    assert parsed == ["rules"]
    assert entry.stat().st_mode & 0o777 == 0o600  # written anew, the user's own


def test_an_unwritable_cache_dir_still_loads(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", pack_files())
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("", encoding="utf-8")
    assert load_layers([(root, "rules")], blocked) == load_layers([(root, "rules")])
