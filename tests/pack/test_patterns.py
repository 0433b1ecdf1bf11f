"""Pack patterns are held to shapes that cannot backtrack for long, and see short values only.

The proof is structural, not timed: the classic catastrophic shapes are refused by name, and
every pattern the bundled pack ships is accepted.
"""

import copy
import re
from pathlib import Path

import pytest
import yaml

from duediligence.errors import PackError
from duediligence.pack.bundled import bundled_rules_dir
from duediligence.pack.catalog import CompiledPattern
from duediligence.pack.entities import ModelPattern
from duediligence.pack.loader import load_layers
from duediligence.pack.patterns import (
    BACKREFERENCE,
    MAX_PATTERN,
    MAX_SUBJECT,
    MAX_WAYS,
    NESTED,
    case_free,
    pattern_problems,
)
from duediligence.pack.schema import validate
from tests.factory import ACME_FILE, pack_files, write_pack


def _bundled_patterns() -> list[object]:
    return [
        pytest.param(model["pattern"], id=model["id"])
        for path in sorted((bundled_rules_dir() / "entities").glob("*.yml"))
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", [])
    ]


BUNDLED = _bundled_patterns()


def test_the_bundled_pack_has_patterns_to_check() -> None:
    assert len(BUNDLED) >= 20


@pytest.mark.parametrize("pattern", BUNDLED)
def test_every_bundled_pattern_is_accepted(pattern: str) -> None:
    assert pattern_problems(pattern) == []


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(r"^(?:[A-Z]\d)+-", id="repeated-fixed-sequence"),
        pytest.param(r"^(?:AB|CD)-\d+", id="choice-outside-the-repeat"),
        pytest.param(r"^(?:DS-)?\d{4}[A-Z]*", id="optional-group"),
        pytest.param(r"^(?:X-\d+)?Y", id="repeat-inside-an-optional-group"),
        pytest.param(r"^P\d{4}$", id="end-anchored"),
        pytest.param(r"^\w*\w*\w*X", id="three-open-repeats-the-most-allowed"),
        pytest.param(r"^(?:A|B)+", id="single-letter-choice-is-a-class"),
        pytest.param(r"^(?=DS)[A-Z]{2}-\d", id="lookahead"),
        pytest.param("^" + "A" * (MAX_PATTERN - 1), id="longest-allowed"),
    ],
)
def test_safe_shapes_are_accepted(pattern: str) -> None:
    assert pattern_problems(pattern) == []


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        pytest.param(r"^(A+)+$", NESTED, id="nested-plus"),
        pytest.param(r"^(A*)*$", NESTED, id="nested-star"),
        pytest.param(r"^([A-Z]+)*$", NESTED, id="class-under-star"),
        pytest.param(r"^(A|AA)+$", NESTED, id="overlapping-choice"),
        pytest.param(r"^(A|A)+$", NESTED, id="identical-choice"),
        pytest.param(r"^(A|A?)+$", NESTED, id="choice-with-optional"),
        pytest.param(r"^(A?){20}A{20}$", NESTED, id="optional-repeated-n-times"),
        pytest.param(r"^(A{1,3}){1,20}$", NESTED, id="bounded-in-bounded"),
        pytest.param(r"^(.*A){12}", NESTED, id="dot-star-repeated"),
        pytest.param(r"^(\w+\s?)+$", NESTED, id="words-and-spaces"),
        pytest.param(r"^(?:\d+-)+X", NESTED, id="separated-groups"),
        pytest.param(r"^(?=(A+)+)B", NESTED, id="nested-inside-lookahead"),
        pytest.param(r"^(?>(A+)+)B", NESTED, id="nested-inside-atomic-group"),
        pytest.param(
            r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}"
            r"(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
            NESTED,
            id="the-well-known-email-pattern",
        ),
        pytest.param(r"^(A)\1", BACKREFERENCE, id="numbered-back-reference"),
        pytest.param(r"^(?P<x>A)(?P=x)", BACKREFERENCE, id="named-back-reference"),
        pytest.param(r"^(A)?(?(1)B|C)", BACKREFERENCE, id="conditional-group"),
    ],
)
def test_catastrophic_shapes_are_refused(pattern: str, problem: str) -> None:
    assert pattern_problems(pattern) == [problem]


def test_too_many_open_repeats_in_a_row_are_refused() -> None:
    (problem,) = pattern_problems(r"^\w*\w*\w*\w*X")
    assert problem.startswith(f"can try {65**4:,} ways to split one value (at most {MAX_WAYS:,})")


def test_a_long_pattern_is_refused_before_it_is_parsed() -> None:
    assert pattern_problems("^" + "(" * MAX_PATTERN) == [
        f"is {MAX_PATTERN + 1} characters long; at most {MAX_PATTERN} are accepted"
    ]


def test_a_pattern_that_does_not_compile_says_why() -> None:
    assert pattern_problems(r"^AC-(\d") == [
        "does not compile: missing ), unterminated subpattern at position 4"
    ]


def test_every_problem_with_one_pattern_is_listed() -> None:
    assert pattern_problems(r"^(A)\1(B+)+") == [BACKREFERENCE, NESTED]


def test_refused_patterns_name_their_file_and_yaml_path(tmp_path: Path) -> None:
    entities = copy.deepcopy(ACME_FILE)
    second = copy.deepcopy(entities["models"][0]) | {"id": "acme-ac-2"}
    entities["models"][0]["pattern"] = r"^(AC-\d+)+"
    second["pattern"] = r"(AC)\1"
    entities["models"].append(second)
    write_pack(tmp_path, pack_files(**{"entities/acme.yml": entities}))
    with pytest.raises(PackError) as caught:
        load_layers([(tmp_path, "rules")])
    assert caught.value.problems == [
        f"rules/entities/acme.yml: models[0].pattern: pattern {NESTED}",
        "rules/entities/acme.yml: models[1].pattern: pattern must be anchored with '^';"
        f" {BACKREFERENCE}",
    ]


def _compiled(pattern: str, plain: bool = False) -> CompiledPattern:
    spec = validate(
        ModelPattern,
        copy.deepcopy(ACME_FILE["models"][0]) | {"pattern": pattern, "examples": ["A", "B", "C"]},
    )
    return CompiledPattern(spec, re.compile(pattern, 0 if plain else re.IGNORECASE))


def test_a_pattern_reads_only_the_start_of_a_value() -> None:
    """A cell of a million characters costs a pattern no more than one of MAX_SUBJECT."""
    assert _compiled(f"^X{{{MAX_SUBJECT}}}").match("X" * MAX_SUBJECT + "Y" * 1_000_000)
    assert not _compiled(f"^X{{{MAX_SUBJECT + 1}}}").match("X" * 1_000_000)


def test_an_end_anchor_sees_the_value_end_within_the_limit() -> None:
    assert _compiled(r"^P\d{4}$").match("P3245")
    assert not _compiled(r"^P\d{4}$").match("P32456")


@pytest.mark.parametrize(
    ("pattern", "free"),
    [
        pytest.param(r"^DS-2CD\d{4}[A-Z0-9]*(-I)?", True, id="upper-literals-classes-digits"),
        pytest.param(r"^(?=\S*\d)[A-Z][\w./-]{3,}\b", True, id="lookahead-categories-boundary"),
        pytest.param(r"^[^A-Z]X.$", True, id="negated-class-any-end"),
        pytest.param(r"^[!-@]+[\[-`]", True, id="ranges-below-and-between-the-letters"),
        pytest.param(r"^ds-2cd", False, id="a-lower-case-literal"),
        pytest.param(r"^[a-z]\d", False, id="a-lower-case-range"),
        pytest.param(r"^X[`-~]", False, id="a-range-spanning-the-lower-case"),
        pytest.param(r"^X[A-\x7e]", False, id="a-range-ending-past-the-lower-case"),
        pytest.param(r"^\u0130X", False, id="a-literal-outside-ascii"),
        pytest.param(r"^[\u212a]", False, id="a-class-member-outside-ascii"),
        pytest.param(r"^\x61", False, id="an-escaped-lower-case-letter"),
        pytest.param(r"(?i)^X", True, id="a-global-flag-that-ignores-case-anyway"),
        pytest.param(r"(?x)^X", False, id="a-global-flag"),
        pytest.param(r"^(?-i:X)", False, id="a-flag-cleared-in-a-group"),
        pytest.param(r"^(A)\1", False, id="a-back-reference"),
        pytest.param(r"^(", False, id="does-not-parse"),
    ],
)
def test_a_pattern_is_case_free_when_upper_case_ascii_cannot_tell_the_flag(
    pattern: str, free: bool
) -> None:
    assert case_free(pattern) is free


def _subjects(examples: list[str]) -> list[str]:
    """Each example as written, in either case, and with each letter that folds to ASCII
    from outside it ('İ' to 'i', the Kelvin sign to 'k', 'ſ' to 's', 'ı' to 'i') put in."""
    out = []
    for ex in examples:
        out += [ex, ex.upper(), ex.lower()]
        for ascii_letter, other in (
            ("I", "\u0130"),
            ("K", "\u212a"),
            ("S", "\u017f"),
            ("I", "\u0131"),
        ):
            up = ex.upper()
            out += [up.replace(ascii_letter, other), up.replace(ascii_letter, other, 1)]
    return out


@pytest.mark.parametrize("pattern", BUNDLED)
def test_a_compiled_pattern_matches_what_it_matched_with_case_ignored(pattern: str) -> None:
    """The bundled patterns are compiled without IGNORECASE where `case_free` allows: every
    example and counter-example, in either case and with non-ASCII letters that fold to
    ASCII put in, matches exactly where the pattern with case ignored does."""
    model = next(
        m
        for path in sorted((bundled_rules_dir() / "entities").glob("*.yml"))
        for m in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", [])
        if m["pattern"] == pattern
    )
    compiled = _compiled(pattern, case_free(pattern))
    ignoring = re.compile(pattern, re.IGNORECASE)
    assert case_free(pattern)
    for text in _subjects([*model["examples"], *model.get("counter_examples", [])]):
        assert compiled.match(text) is (ignoring.match(text, 0, MAX_SUBJECT) is not None), text
