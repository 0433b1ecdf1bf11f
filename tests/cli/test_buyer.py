"""Who the buyer is: answers to init's questions mapped to a profile."""

from collections.abc import Sequence

import pytest

from duediligence import api
from duediligence.cli import buyer
from duediligence.cli.buyer import BUYERS, NONE_OF_THESE, choose_profile, offered


def scripted(*answers: str) -> tuple[buyer.Ask, list[str]]:
    """An `ask` that gives these answers in turn and records the questions asked."""
    left = list(answers)
    asked: list[str] = []

    def ask(question: str, options: Sequence[str]) -> str:
        asked.append(question)
        answer = left.pop(0)
        assert answer in options, (answer, options)
        return answer

    return ask, asked


def test_only_buyers_whose_profile_the_pack_has_are_offered() -> None:
    profiles = api.load_pack().profiles
    shown = offered(profiles)
    assert shown and {b.profile for b in shown} <= set(profiles)
    assert offered(["us-federal"]) == tuple(b for b in BUYERS if b.profile == "us-federal")


@pytest.mark.parametrize(
    ("answers", "profile", "questions"),
    [
        pytest.param(
            ["United States", "federal executive agency"], "us-federal", 2, id="us-agency"
        ),
        pytest.param(
            ["United States", "company", "supplying US federal agencies (a federal contractor)"],
            "us-federal-contractor",
            3,
            id="us-contractor-by-purpose",
        ),
        pytest.param(
            ["United Kingdom", "other public body (local authority, NHS, police, school)"],
            "uk-public-sector",
            2,
            id="uk-council",
        ),
        pytest.param(["Taiwan"], "tw-government", 1, id="one-kind-asks-no-more"),
        pytest.param([NONE_OF_THESE], None, 1, id="none-of-these"),
        pytest.param(["United Kingdom", NONE_OF_THESE], None, 2, id="none-of-these-later"),
    ],
)
def test_answers_map_to_a_profile(answers: list[str], profile: str | None, questions: int) -> None:
    have = {b.profile for b in BUYERS} - {"private-company"}
    ask, asked = scripted(*answers)
    assert choose_profile(offered(have), ask) == profile
    assert len(asked) == questions


def test_every_buyer_is_reachable_by_its_answers() -> None:
    for b in BUYERS:
        left = offered([b.profile])
        ask, _ = scripted(b.jurisdiction, b.kind, b.purpose)
        assert choose_profile(left, ask) == b.profile
