from pathlib import Path
from typing import Any

import pytest
import yaml

from duediligence.api import load_pack
from duediligence.errors import PackError
from duediligence.pack.audit import AuditFact, ClaimKind, all_facts
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.loader import Pack
from duediligence.pack.review import (
    Action,
    Review,
    Shown,
    load_reviews,
    review_problems,
    unreviewed,
)

TIE = "relationship oldbrand -> acme"
OWNED = "entity acme: ownership[0]"
ALIAS = "entity acme: alias Acmevision"
TIES = (ClaimKind.RELATIONSHIP, ClaimKind.OWNERSHIP)


def review(facts: list[str], **fields: Any) -> dict[str, Any]:
    """One entry of reviews.yml: the tie read against SRC1 and shown, unless told otherwise."""
    entry: dict[str, Any] = {
        "facts": facts,
        "reviewed": "2026-12-01",
        "checked": ["SRC1"],
        "shown": "yes",
        "says": "the source shows it",
        "action": "kept",
    }
    return entry | fields


def reviews_dir(root: Path, *entries: dict[str, Any]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "reviews.yml").write_text(yaml.safe_dump({"reviews": list(entries)}), "utf-8")
    return root


@pytest.fixture(scope="module")
def bundled() -> tuple[list[AuditFact], dict[str, Review]]:
    return all_facts(load_pack()), load_reviews([bundled_rules_dir()])


# The bundled pack: what the 2026-12 review of every fact against its sources holds it to.


def test_every_relationship_and_ownership_fact_of_the_bundled_pack_has_a_review(
    bundled: tuple[list[AuditFact], dict[str, Review]],
) -> None:
    facts, reviews = bundled
    ties = [f for f in facts if f.kind in TIES]
    assert len(ties) >= 30
    assert [f.key for f in unreviewed(ties, reviews)] == []


def test_every_other_fact_of_the_bundled_pack_has_a_review_too(
    bundled: tuple[list[AuditFact], dict[str, Review]],
) -> None:
    facts, reviews = bundled
    assert [f.key for f in unreviewed(facts, reviews)] == []


def test_no_bundled_review_names_a_fact_that_does_not_exist_or_has_outgrown_it(
    bundled: tuple[list[AuditFact], dict[str, Review]],
) -> None:
    facts, reviews = bundled
    assert review_problems(facts, reviews) == []


def test_each_tie_was_read_against_a_source_it_cites_and_holds_the_confidence_reviewed(
    bundled: tuple[list[AuditFact], dict[str, Review]],
) -> None:
    """No relationship or ownership rests on 'shown elsewhere': a tie is checked against
    what it cites, and its confidence is the one its review left it at."""
    facts, reviews = bundled
    for fact in (f for f in facts if f.kind in TIES):
        r = reviews[fact.key]
        assert r.checked and r.shown is not Shown.ELSEWHERE, fact.key
        assert r.confidence is not None and r.confidence.value == fact.confidence, fact.key


@pytest.mark.parametrize(
    ("key", "shown", "confidence"),
    [
        pytest.param(
            "relationship pyronix -> hikvision", Shown.NOT_AT_HAND, "low", id="pyronix-not-at-hand"
        ),
        pytest.param("relationship lts -> hikvision", Shown.YES, "low", id="lts-only-threads"),
        pytest.param("relationship hiwatch -> hikvision", Shown.YES, "low", id="hiwatch-a-thread"),
        pytest.param(
            "relationship hikstorage -> hikvision", Shown.YES, "low", id="hikstorage-wiki"
        ),
        pytest.param("entity hytera: ownership[0]", Shown.NOT_AT_HAND, "low", id="hytera-owners"),
        pytest.param("entity zte: ownership[0]", Shown.NOT_AT_HAND, "low", id="zte-owners"),
    ],
)
def test_the_ties_whose_sources_could_not_be_read_or_allow_no_more_are_hints_only(
    bundled: tuple[list[AuditFact], dict[str, Review]], key: str, shown: Shown, confidence: str
) -> None:
    facts, reviews = bundled
    (fact,) = [f for f in facts if f.key == key]
    assert (reviews[key].shown, fact.confidence) == (shown, confidence)


def test_hikvisions_state_owner_is_what_its_source_shows(
    bundled: tuple[list[AuditFact], dict[str, Review]],
) -> None:
    """The report gives the 40% to the state and names CETHIK the controlling shareholder;
    it does not give CETHIK 40% of its own."""
    facts, reviews = bundled
    (fact,) = [f for f in facts if f.key == "entity hikvision: ownership[0]"]
    assert fact.claim.startswith("The Chinese state, through the controlling shareholder")
    assert reviews[fact.key].action is Action.CORRECTED


# What a review that no longer fits its fact looks like (the factory pack: Acme, Oldbrand).


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        pytest.param(
            [review([TIE], confidence="high"), review(["relationship gone -> acme"])],
            "relationship gone -> acme: reviewed on 2026-12-01, no longer in the pack",
            id="a-fact-that-does-not-exist",
        ),
        pytest.param(
            [review([TIE], confidence="high", action="removed")],
            f"{TIE}: removed on 2026-12-01, but in the pack again",
            id="a-removed-fact-that-is-back",
        ),
        pytest.param(
            [review([TIE], confidence="medium")],
            f"{TIE}: reviewed at 'medium' on 2026-12-01, now 'high'",
            id="a-confidence-changed-since",
        ),
        pytest.param(
            [review([TIE], confidence="high", checked=["SRC1", "SRC9"])],
            f"{TIE}: reviewed against SRC9, which it no longer cites",
            id="a-source-read-that-it-no-longer-cites",
        ),
        pytest.param(
            [review([TIE], shown="not_at_hand")],
            f"{TIE}: its sources were not at hand to read (2026-12-01), yet it is 'high'",
            id="held-high-on-a-source-nobody-could-read",
        ),
        pytest.param(
            [review([OWNED], shown="no")],
            f"{OWNED}: its sources were found not to show it (2026-12-01), yet it is 'high'",
            id="held-high-on-a-source-that-does-not-show-it",
        ),
        pytest.param(
            [review([ALIAS], shown="no")],
            f"{ALIAS}: its sources were found not to show it (2026-12-01)",
            id="an-alias-its-source-does-not-show",
        ),
    ],
)
def test_a_review_that_no_longer_fits_its_fact_is_a_problem(
    test_pack: Pack, tmp_path: Path, entries: list[dict[str, Any]], problem: str
) -> None:
    reviews = load_reviews([reviews_dir(tmp_path, *entries)])
    assert problem in review_problems(all_facts(test_pack), reviews)


def test_a_review_that_fits_is_no_problem_and_the_rest_are_left_to_review(
    test_pack: Pack, tmp_path: Path
) -> None:
    entries = [review([TIE], confidence="high"), review([ALIAS], shown="in_part")]
    reviews = load_reviews([reviews_dir(tmp_path, *entries)])
    facts = all_facts(test_pack)
    assert review_problems(facts, reviews) == []
    left = {f.key for f in unreviewed(facts, reviews)}
    assert TIE not in left and ALIAS not in left and OWNED in left


def test_an_alias_keeps_its_key_when_another_is_added_beside_it(test_pack: Pack) -> None:
    keys = {f.key for f in all_facts(test_pack) if f.kind is ClaimKind.ALIAS}
    assert ALIAS in keys  # named by its text, not by its place in the list


# Loading: the latest review counts; a bad file is an error naming it.


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        pytest.param(
            [review([TIE], says="second", reviewed="2026-12-02"), review([TIE], says="first")],
            "second",
            id="the-later-date",
        ),
        pytest.param(
            [review([TIE], says="first"), review([TIE], says="second")],
            "second",
            id="of-one-day-the-later-entry",
        ),
    ],
)
def test_the_latest_review_of_a_fact_counts(
    tmp_path: Path, entries: list[dict[str, Any]], says: str
) -> None:
    assert load_reviews([reviews_dir(tmp_path, *entries)])[TIE].says == says


def test_a_later_pack_directory_wins_a_tie_of_dates(tmp_path: Path) -> None:
    first = reviews_dir(tmp_path / "a", review([TIE], says="bundled"))
    second = reviews_dir(tmp_path / "b", review([TIE], says="ours"))
    assert load_reviews([first, second])[TIE].says == "ours"
    assert load_reviews([tmp_path / "none"]) == {}  # a directory without reviews.yml


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param("reviews: [\n", "reviews.yml", id="not-yaml"),
        pytest.param(
            yaml.safe_dump({"reviews": [review([TIE], verdict="fine")]}),
            "verdict",
            id="an-unknown-field",
        ),
        pytest.param(
            yaml.safe_dump({"reviews": [review([TIE], checked=[])]}),
            "checked",
            id="nothing-read-yet-not-elsewhere",
        ),
        pytest.param(
            yaml.safe_dump({"reviews": [review([TIE], shown="maybe")]}),
            "shown",
            id="an-unknown-finding",
        ),
    ],
)
def test_a_bad_reviews_file_is_an_error_naming_the_file(
    tmp_path: Path, text: str, names: str
) -> None:
    (tmp_path / "reviews.yml").write_text(text, "utf-8")
    with pytest.raises(PackError) as caught:
        load_reviews([tmp_path])
    (problem,) = caught.value.problems
    assert str(tmp_path / "reviews.yml") in problem
    assert names in problem or names == "reviews.yml"


def test_a_finding_from_other_material_needs_no_cited_source_read() -> None:
    r = Review.model_validate(review([TIE], checked=[], shown="elsewhere"))
    assert r.shown is Shown.ELSEWHERE and r.checked == []
