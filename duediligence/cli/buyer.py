"""Who the buyer is, asked once: answers mapped to a profile, and the settings file keeping it.

A scan without a profile borrows no obligation (engine.py), so a new user must be able to say
who they are without first reading the pack. `duediligence init` asks three questions (where
the buyer answers to law or policy, what kind of buyer it is, what the equipment is for),
maps the answers to a profile id through `BUYERS`, and writes the settings that config.py
reads. Only buyers whose profile the loaded pack has are offered, so a profile added to the
pack is offered once a row here names it. The questions are asked through a callback: the
CLI prompts on a terminal, tests answer from a script.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from duediligence.errors import UsageError
from duediligence.results.findings import Severity

ANY_USE = "any use"
NONE_OF_THESE = "none of these (no profile: measures are shown, none binds)"
"""The answer that leaves the profile unchosen; offered at every question."""


@dataclass(frozen=True, slots=True)
class Buyer:
    """One answer to the three questions, and the profile it means."""

    jurisdiction: str
    kind: str
    purpose: str
    profile: str


BUYERS: tuple[Buyer, ...] = (
    Buyer("United States", "federal executive agency", ANY_USE, "us-federal"),
    Buyer(
        "United States",
        "company",
        "supplying US federal agencies (a federal contractor)",
        "us-federal-contractor",
    ),
    Buyer(
        "United States",
        "company",
        "a network built or run with Universal Service Fund support",
        "us-usf",
    ),
    Buyer("United States", "company", "its own use only", "private-company"),
    Buyer(
        "United States",
        "state, local or tribal government, school, university, hospital or non-profit",
        "bought with federal grants or loans",
        "us-state-local",
    ),
    Buyer("United States", "Texas state agency", ANY_USE, "us-texas-state"),
    Buyer("United Kingdom", "central government department", ANY_USE, "uk-central-government"),
    Buyer(
        "United Kingdom",
        "other public body (local authority, NHS, police, school)",
        ANY_USE,
        "uk-public-sector",
    ),
    Buyer("United Kingdom", "company", ANY_USE, "private-company"),
    Buyer(
        "Taiwan",
        "government agency, public school or state-owned enterprise",
        ANY_USE,
        "tw-government",
    ),
    Buyer("Australia", "government department or agency", ANY_USE, "au-government"),
    Buyer("Canada", "federal department", ANY_USE, "ca-federal"),
    Buyer(
        "India", "public buyer (government, public sector undertaking)", ANY_USE, "in-government"
    ),
    Buyer("anywhere", "investor screening listed companies", ANY_USE, "investor"),
    Buyer("anywhere", "company", ANY_USE, "private-company"),
)
"""Every answer `init` understands, in the order it offers them."""

QUESTIONS = (
    ("jurisdiction", "Where does the buyer answer to law or policy?"),
    ("kind", "What kind of buyer is it?"),
    ("purpose", "What is the equipment for?"),
)

Ask = Callable[[str, Sequence[str]], str]
"""(question, options) -> the option chosen; it must return one of the options."""


def offered(profiles: Iterable[str]) -> tuple[Buyer, ...]:
    """The buyers whose profile is among `profiles` (the loaded pack's)."""
    have = set(profiles)
    return tuple(b for b in BUYERS if b.profile in have)


def choose_profile(buyers: Sequence[Buyer], ask: Ask) -> str | None:
    """Ask the questions in turn, each offering only the answers left by the ones before, and
    skipping a question with one answer; None when the buyer is none of these."""
    left = list(buyers)
    for field, question in QUESTIONS:
        options = list(dict.fromkeys(getattr(b, field) for b in left))
        if len(options) > 1 or field == "jurisdiction":
            answer = ask(question, [*options, NONE_OF_THESE])
            if answer == NONE_OF_THESE:
                return None
        else:
            answer = options[0]
        left = [b for b in left if getattr(b, field) == answer]
        if not left:
            raise ValueError(f"{answer!r} is not an answer to {question!r}")
    return left[0].profile


def settings_text(
    profile: str | None,
    profiles: Mapping[str, str],
    fail_on: Severity = Severity.HIGH,
    inputs: Sequence[str] = (),
    waivers: str | None = None,
) -> str:
    """The settings file: profile, fail-on, inputs and waivers, in the format config.py reads.

    `profiles` maps each profile id of the pack to its title, listed for whoever edits the
    file. A setting not given is written commented out with what to put there.
    """
    lines = [
        "# duediligence settings: `duediligence scan` reads them from this folder or below;",
        "# a flag on the command line overrides its setting.",
        "",
        "# Who the buyer is: its measures give actions, deadlines and what the gate counts.",
        "# Without a profile, measures are shown with where they bind, and only the",
        "# due-diligence risks count. The profiles of the pack:",
        *(f"#   {pid}: {title}" for pid, title in sorted(profiles.items())),
        f"profile = {_string(profile)}" if profile else '# profile = "uk-public-sector"',
        "",
        "# Exit 1 when a finding that binds is at or above this: info, low, medium, high,",
        "# critical, or none (never).",
        f"fail-on = {_string(fail_on.value)}",
        "",
        "# What `duediligence scan` reads when given no paths (files or folders, relative",
        "# to this file).",
        f"inputs = [{', '.join(_string(i) for i in inputs)}]"
        if inputs
        else '# inputs = ["inventory/"]',
        "",
        "# Reviewed exceptions (asset, rule, reason, approved_by, expires); see docs/ci.md.",
        f"waivers = {_string(waivers)}" if waivers else '# waivers = "waivers.yml"',
        "",
    ]
    return "\n".join(lines)


def write_settings(path: Path, text: str, force: bool = False) -> None:
    """Write the settings file atomically; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise UsageError("already exists; give --force to replace it", str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError("no such folder", str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(value, ensure_ascii=False)
