"""`duediligence rules`: the sub-commands that browse, show, validate, date and audit the rule
pack, registered here in one place; each lives in the module named for its job."""

from __future__ import annotations

import typer

from duediligence.cli import (
    advisories,
    rules_audit,
    rules_changes,
    rules_check,
    rules_list,
    rules_show,
)

app = typer.Typer(help="Browse and check rule packs.", no_args_is_help=True)
app.command("list")(rules_list.list_rules)
app.command("show")(rules_show.show)
app.command("validate")(rules_check.validate)
app.command("status")(rules_check.status)
app.command("audit")(rules_audit.audit)
app.command("changes")(rules_changes.changes)
app.command("advisories")(advisories.advisories)
