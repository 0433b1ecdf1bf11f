import copy
from pathlib import Path

import pytest

from duediligence.errors import PackError
from duediligence.pack.loader import load_layers
from duediligence.pack.schema import validate
from duediligence.pack.sources import Confidence, Source, SourceKind
from duediligence.pack.sourcing import allowed
from tests.factory import ACME_FILE, SOURCES, pack_files, write_pack


def source(ident: str, kind: str | None, publisher: str = "P") -> Source:
    return validate(Source, {"id": ident, "title": "t", "kind": kind, "publisher": publisher})


@pytest.mark.parametrize(
    ("cited", "most"),
    [
        pytest.param([source("A", "official")], Confidence.HIGH, id="a-statute"),
        pytest.param([source("A", "filing")], Confidence.HIGH, id="a-filing"),
        pytest.param([source("A", "maker")], Confidence.HIGH, id="the-maker's-manual"),
        pytest.param([source("A", "press")], Confidence.MEDIUM, id="one-news-report"),
        pytest.param([source("A", "dataset")], Confidence.MEDIUM, id="a-curated-dataset"),
        pytest.param([source("A", "forum")], Confidence.LOW, id="a-forum-comment"),
        pytest.param([source("A", "wiki")], Confidence.LOW, id="a-wiki-copy"),
        pytest.param([source("A", "blog")], Confidence.LOW, id="a-blog"),
        pytest.param([source("A", "reseller")], Confidence.LOW, id="a-reseller-page"),
        pytest.param(
            [source("A", "forum"), source("B", "press")], Confidence.MEDIUM, id="the-best-counts"
        ),
        pytest.param(
            [source("A", "press", "Reuters"), source("B", "analysis", "Akin Gump")],
            Confidence.HIGH,
            id="two-independent-secondary-agree",
        ),
        pytest.param(
            [source("A", "press", "IPVM"), source("B", "press", "ipvm")],
            Confidence.MEDIUM,
            id="two-reports-of-one-publisher-are-one-voice",
        ),
        pytest.param(
            [source("A", "forum", "X"), source("B", "forum", "Y")],
            Confidence.LOW,
            id="weak-sources-never-add-up",
        ),
        pytest.param(
            [source("A", "dataset", "X"), source("B", "repository", "Y")],
            Confidence.MEDIUM,
            id="datasets-do-not-corroborate",
        ),
        pytest.param([source("A", None)], None, id="no-kind-bounds-nothing"),
        pytest.param([source("A", "registry")], Confidence.HIGH, id="the-ieee-registry"),
    ],
)
def test_a_source_kind_bounds_the_confidence(cited: list[Source], most: Confidence) -> None:
    assert allowed(cited) == most


@pytest.mark.parametrize(
    ("cited", "most"),
    [
        pytest.param([source("A", "registry")], Confidence.LOW, id="a-registration-alone"),
        pytest.param(
            [source("A", "registry"), source("B", "wiki")], Confidence.LOW, id="with-a-wiki-copy"
        ),
        pytest.param(
            [source("A", "registry"), source("B", "press")], Confidence.MEDIUM, id="with-a-report"
        ),
    ],
)
def test_a_register_shows_no_tie_between_companies(cited: list[Source], most: Confidence) -> None:
    assert allowed(cited, tie=True) == most


def _problems(root: Path, kind: str, confidence: str | None = None) -> list[str]:
    """Load the test pack with its one source given `kind`; with `confidence`, only the first
    relationship cites that source (the rest cite a source without a kind) at that level."""
    entities = copy.deepcopy(ACME_FILE)
    sources = [dict(SOURCES[0], kind=kind)]
    if confidence is not None:
        sources = [SOURCES[0], {"id": "ONE", "title": "One source", "kind": kind}]
        entities["relationships"][0] |= {"confidence": confidence, "sources": ["ONE"]}
    files = {"entities/acme.yml": entities, "sources.yml": {"sources": sources}}
    write_pack(root, pack_files(**files))
    try:
        load_layers([(root, "rules")])
    except PackError as exc:
        return exc.problems
    return []


def test_a_fact_surer_than_its_source_is_refused_naming_file_and_path(tmp_path: Path) -> None:
    assert _problems(tmp_path, "forum", "medium") == [
        "rules/entities/acme.yml: relationships[0].confidence: 'medium' exceeds what its"
        " sources allow ('low': ONE forum)"
    ]


@pytest.mark.parametrize(
    ("kind", "confidence"),
    [
        pytest.param("forum", "low", id="a-hint-from-a-forum"),
        pytest.param("press", "medium", id="a-report"),
        pytest.param("official", "high", id="a-primary-text"),
    ],
)
def test_a_fact_within_its_sources_loads(tmp_path: Path, kind: str, confidence: str) -> None:
    assert _problems(tmp_path, kind, confidence) == []


def test_every_kind_of_rated_entry_is_checked(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "forum")
    assert [p.split(": ")[1] for p in problems] == [
        "entities[0].ownership[0].confidence",
        "relationships[0].confidence",
        "relationships[1].confidence",
        "models[0].confidence",
        "suppliers[0].confidence",
        "facts[0].confidence",
    ]


def test_the_bundled_pack_gives_every_source_a_kind() -> None:
    from duediligence.api import load_pack

    missing = [s.id for s in load_pack().sources.values() if s.kind is None]
    assert missing == []
    assert {s.kind for s in load_pack().sources.values()} <= set(SourceKind)
