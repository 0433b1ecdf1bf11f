"""Run the real CLI in-process and see what a user sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner

from duediligence.cli.app import app
from duediligence.results.fingerprints import finding_fingerprint


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run(*args: str, stdin: bytes | None = None) -> Run:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return Run(result.exit_code, result.stdout, result.stderr)


def findings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A JSON report's findings one per (asset, rule), as a consumer would expand them.

    Each flagged row names its input table and judgment; the judgment holds the attribution
    and the findings every such row carries; a finding's fingerprint is computed from the
    row's asset fingerprint and the rule id.
    """
    out: list[dict[str, Any]] = []
    for row in doc["flagged"]:
        table = doc["inputs"][row["input"]]
        named = {field: row["fields"].get(column) for field, column in table["fields"].items()}
        judgment = doc["judgments"][row["judgment"]]
        asset = {"source": table["source"], "sheet": table["sheet"], "row": row["row"], **named}
        out.extend(
            {
                **hit,
                "asset": asset,
                "entity": judgment["entity"],
                "evidence": judgment["evidence"],
                "confidence": judgment["confidence"],
                "fingerprint": finding_fingerprint(hit["rule_id"], row["fingerprint"]),
            }
            for hit in judgment["findings"]
        )
    return out


def binding(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings that bind the report's buyer (`binds: true`)."""
    return [f for f in findings(doc) if f["binds"]]
