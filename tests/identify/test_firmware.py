"""Firmware versions as camera makers number them: read, ordered, or declared unorderable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duediligence.identify.firmware import Version, compare, older_than, parse_version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("V5.5.0 build 200911", Version((5, 5, 0), 200911), id="hikvision-spaced"),
        pytest.param("V5.5.800build210628", Version((5, 5, 800), 210628), id="hikvision-run-on"),
        pytest.param("V5.4.5_build 170124", Version((5, 4, 5), 170124), id="hikvision-underscore"),
        pytest.param("5.4.5_170124", Version((5, 4, 5), 170124), id="bare-build-after-underscore"),
        pytest.param(
            "V2.800.0000000.16.R.210615", Version((2, 800, 0, 16), 210615), id="dahua-release"
        ),
        pytest.param(
            "DH_IPC-HX5X3X-Rhea_EngSpn_N_V2.800.0000000.25.R.211029",
            Version((2, 800, 0, 25), 211029),
            id="dahua-package-name",
        ),
        pytest.param(
            "V2.800.0000000.16.R.20210615",
            Version((2, 800, 0, 16), 210615),
            id="dahua-8-digit-date",
        ),
        pytest.param("2.800.0000000.x", Version((2, 800, 0, None)), id="dahua-wildcard"),
        pytest.param(
            "IPC_G5_EN_STD_5.5.800_210628", Version((5, 5, 800), 210628), id="platform-prefix"
        ),
        pytest.param(
            "1.1.4 Build 20230219 rel.72647", Version((1, 1, 4), 230219), id="tp-link-8-digit"
        ),
        pytest.param(
            "3.13.33 Build 150317 Rel.64219n", Version((3, 13, 33), 150317), id="tp-link-6-digit"
        ),
        pytest.param("Build 150317", Version((), 150317), id="tp-link-fix-given-as-a-build"),
        pytest.param("rebuild 150317", None, id="build-inside-a-word-is-not-a-build"),
        pytest.param("v3.0.0.136_20121102", Version((3, 0, 0, 136), 121102), id="reolink-release"),
        pytest.param("v1.2", Version((1, 2)), id="two-parts"),
        pytest.param("latest", None, id="a-word"),
        pytest.param("unknown", None, id="unknown"),
        pytest.param("2021-03-14", None, id="a-date-is-not-a-version"),
        pytest.param("", None, id="empty"),
        pytest.param("5", None, id="one-number"),
        pytest.param("V" + "1." * 200 + "1", None, id="too-long"),
    ],
)
def test_parse_version(text: str, expected: Version | None) -> None:
    assert parse_version(text) == expected


@pytest.mark.parametrize(
    ("have", "fixed", "older"),
    [
        pytest.param("V5.5.0 build 200911", "V5.5.800", True, id="hikvision-older"),
        pytest.param("V5.7.3 build 220112", "V5.5.800", False, id="hikvision-newer"),
        pytest.param(
            "V5.5.800 build 210628", "V5.5.800", False, id="fixed-without-build-met-by-any"
        ),
        pytest.param("V5.5.800 build 210628", "V5.5.800 build 210719", True, id="build-decides"),
        pytest.param("V5.5", "V5.5.0", False, id="missing-part-is-zero"),
        pytest.param(
            "2.800.0000000.x", "V2.840.0000000.0", True, id="wildcard-after-deciding-part"
        ),
        pytest.param("2.800.0000000.x", "V2.800.0000000.16", None, id="wildcard-decides-unordered"),
        pytest.param(
            "1.1.3 Build 20221125 rel.70413", "1.1.4 Build 20230219", True, id="tp-link-older"
        ),
        pytest.param(
            "1.1.4 Build 20230219 rel.72647", "1.1.4 Build 20230219", False, id="tp-link-fixed"
        ),
        pytest.param(
            "3.13.33 Build 150304 Rel.62715n", "Build 150317", True, id="build-only-fix-older"
        ),
        pytest.param("3.14.1 Build 150320", "Build 150317", False, id="build-only-fix-met"),
        pytest.param("3.13.33", "Build 150317", None, id="build-only-fix-against-no-build"),
        pytest.param(
            "v3.0.0.136_20121102",
            "v3.0.0.148_21102905",
            True,
            id="reolink-ordered-by-its-numbers",
        ),
        pytest.param("latest", "V5.5.800", None, id="unreadable-is-unknown"),
        pytest.param("V5.5.0", "not a version", None, id="unreadable-fix-is-unknown"),
    ],
)
def test_older_than(have: str, fixed: str, older: bool | None) -> None:
    assert older_than(have, fixed) is older


parts = st.lists(st.integers(0, 9999), min_size=2, max_size=5)
builds = st.none() | st.integers(100101, 991231)
versions = st.builds(lambda p, b: Version(tuple(p), b), parts, builds)


def _hikvision(v: Version) -> str:
    text = "V" + ".".join(str(p) for p in v.parts)
    return text + (f" build {v.build:06d}" if v.build is not None else "")


def _dahua(v: Version) -> str:
    text = "V" + ".".join(str(p) for p in v.parts)
    return text + (f".R.{v.build:06d}" if v.build is not None else "")


def _tp_link(v: Version, rel: int) -> str:
    text = ".".join(str(p) for p in v.parts)
    return text + (f" Build 20{v.build:06d} Rel.{rel}" if v.build is not None else "")


@given(versions, st.integers(0, 99999))
def test_each_vendor_writing_reads_back(v: Version, rel: int) -> None:
    assert parse_version(_hikvision(v)) == v
    assert parse_version(_dahua(v)) == v
    assert parse_version(_tp_link(v, rel)) == v


build_only = st.builds(lambda b: Version((), b), st.integers(100101, 991231))


@given(build_only, versions)
def test_a_build_only_fix_orders_by_build_alone_or_not_at_all(fix: Version, v: Version) -> None:
    """'Build 150317' against a firmware: by the builds when it gives one, else undecided."""
    assert parse_version(str(fix)) == fix and fix.build is not None
    order, back = compare(v, fix), compare(fix, v)
    if v.build is None:
        assert order is None and back is None
    else:
        assert order == (v.build > fix.build) - (v.build < fix.build)
        assert back is not None and back == -order


@given(versions, versions)
def test_order_is_antisymmetric(a: Version, b: Version) -> None:
    ab, ba = compare(a, b), compare(b, a)
    assert ab is not None and ba is not None
    assert ab == -ba


@given(versions, versions, versions)
def test_order_is_transitive_where_builds_are_all_given_or_all_absent(
    a: Version, b: Version, c: Version
) -> None:
    if len({x.build is None for x in (a, b, c)}) > 1:
        return  # a version without a build equals every build of it: not a total order
    if compare(a, b) == -1 and compare(b, c) == -1:
        assert compare(a, c) == -1


@given(versions)
def test_order_is_reflexive(a: Version) -> None:
    assert compare(a, a) == 0


@given(parts, versions)
def test_a_wildcard_orders_only_as_every_number_it_stands_for_would(
    numbers: list[int], fixed: Version
) -> None:
    """'2.800.x' against a fixed version: ordered when the numbers before the 'x' decide,
    and then as every concrete version would be; unordered (None) when the 'x' decides."""
    wild = Version((*numbers, None))
    order = compare(wild, fixed)
    concrete = {compare(Version((*numbers, n)), fixed) for n in (0, 1, 9999, 10**6)}
    if order is None:
        padded = fixed.parts + (0,) * len(numbers)
        assert tuple(numbers) == padded[: len(numbers)]
    else:
        assert concrete == {order}


@given(st.text(max_size=80))
def test_any_text_is_a_version_or_none_never_an_error(text: str) -> None:
    found = parse_version(text)
    assert found is None or len(found.parts) >= 2 or (not found.parts and found.build is not None)
