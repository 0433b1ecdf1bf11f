"""Firmware versions read the way camera and recorder makers number them, and ordered.

An advisory says "fixed in V5.5.800 build 210628" (Hikvision) or "V2.800.0000000.16.R.210615"
(Dahua); a register says "V5.5.0 build 200911", "5.4.5_170124" or "2.800.0000000.x". Both
sides are read into a `Version`: the dotted numbers (leading zeros dropped, "0000000" is 0)
and, where given, the build (a date as YYMMDD; Dahua's 8-digit 20210615 becomes 210615).

Some advisories give a fix only as a build: NVD's CVE-2015-3035 record says TP-Link Archer C5
"with firmware before 150317", TP-Link's build date (its firmware reads "3.13.33 Build 150317
Rel.64219n"). Such a version is written "Build 150317" and read as a build without numbers;
it orders against any version by its build alone.

A comparison that cannot be decided is None, never a guess: text holding no dotted number
(nor a "build" word and its date), a wildcard ('x') in a place that decides the order, or a
build-only version against a version without a build.
The advisory join treats None as "firmware unknown", which reads "may be affected".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MAX_TEXT = 120
"""Longer text is not a firmware version (a note pasted into the column): it is not read."""

_DOTTED = re.compile(r"(?<![0-9A-Za-z])[Vv]?(\d{1,9}(?:\.(?:\d{1,9}|[xX*])){1,6})(?![0-9])")
"""The first dotted number, with an optional 'V': '5.5.0', 'V2.800.0000000.16', '2.800.x'."""
_BUILD = re.compile(r"(?i)(?:build|bld|\.R\.|_R_|[ _.-])\s*_?(\d{6}|20\d{6})(?![0-9])")
"""A build after the numbers: ' build 200911', '_build200911', '.R.210615', '_170124'."""
_BUILD_ONLY = re.compile(r"(?i)(?<![0-9A-Za-z])build\s*_?(\d{6}|20\d{6})(?![0-9])")
"""A build named as such, with no numbers before it: 'Build 150317' (a fix given as a build)."""


@dataclass(frozen=True, slots=True)
class Version:
    """A firmware version: its dotted parts (None for a part written 'x' or '*', which
    orders against nothing; empty for a build-only version) and its build, if given."""

    parts: tuple[int | None, ...]
    build: int | None = None

    def __str__(self) -> str:
        if not self.parts:
            return f"Build {self.build:06d}"
        dotted = ".".join("x" if p is None else str(p) for p in self.parts)
        return f"V{dotted}" + (f" build {self.build:06d}" if self.build is not None else "")


def parse_version(text: str) -> Version | None:
    """The version a firmware cell or an advisory gives, or None when it gives none.

    Never raises: any text is either a version or not one.
    """
    text = text.strip()
    if not text or len(text) > _MAX_TEXT:
        return None
    dotted = _DOTTED.search(text)
    if dotted is None:
        only = _BUILD_ONLY.search(text)
        return None if only is None else Version((), _build(only.group(1)))
    parts = tuple(None if p in ("x", "X", "*") else int(p) for p in dotted.group(1).split("."))
    build = None
    if (found := _BUILD.search(text, dotted.end())) is not None:
        build = _build(found.group(1))
    return Version(parts, build)


def _build(digits: str) -> int:
    """A build date as YYMMDD: Dahua's and TP-Link's 8-digit 20210615 becomes 210615."""
    return int(digits[2:] if len(digits) == 8 else digits)


def compare(a: Version, b: Version) -> int | None:
    """-1, 0 or 1 as `a` is older than, the same as, or newer than `b`; None if undecidable.

    Missing trailing parts count as 0 (V5.5 is V5.5.0). Builds decide only between equal
    numbers that both give one: a fixed version named without a build is met by any build.
    A build-only version ('Build 150317') orders by builds alone, so against a version
    without a build it is undecidable.
    """
    if not a.parts or not b.parts:
        if a.build is None or b.build is None:
            return None
        return (a.build > b.build) - (a.build < b.build)
    width = max(len(a.parts), len(b.parts))
    left = a.parts + (0,) * (width - len(a.parts))
    right = b.parts + (0,) * (width - len(b.parts))
    for x, y in zip(left, right, strict=True):
        if x is None or y is None:
            return None
        if x != y:
            return -1 if x < y else 1
    if a.build is None or b.build is None or a.build == b.build:
        return 0
    return -1 if a.build < b.build else 1


def older_than(text: str, fixed: str) -> bool | None:
    """Whether firmware `text` is older than the `fixed` version; None when it cannot say."""
    have, want = parse_version(text), parse_version(fixed)
    if have is None or want is None:
        return None
    order = compare(have, want)
    return None if order is None else order < 0
