"""The report as a table: one row per finding (a flagged asset and one rule that names its
maker), with the asset's original cells beside the judgment, for `Report.to_arrow` and the
frames built from it.

Every measure that names the maker is a row: those that bind the buyer (`dd_binds` true)
first, then those that bind someone else, as the JSON report lists them. The added columns
start with `dd_`, as `attribute` names its own; an original column of the same name keeps
its cells under the name with ' (cell)' after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from duediligence.results.findings import InputTable
from duediligence.results.fingerprints import finding_fingerprint
from duediligence.results.flagged import FlaggedAsset

if TYPE_CHECKING:
    import pyarrow as pa

BEFORE = ("dd_source", "dd_sheet", "dd_row")
"""Where a person finds the asset, before its cells."""
AFTER = (
    "dd_judgment",
    "dd_entity",
    "dd_entity_name",
    "dd_group",
    "dd_confidence",
    "dd_rule",
    "dd_severity",
    "dd_binds",
    "dd_jurisdiction",
    "dd_message",
    "dd_recommended_action",
    "dd_sources",
    "dd_fingerprint",
    "dd_waived",
)
"""What was concluded, after the asset's cells."""


def cell_columns(inputs: Sequence[InputTable]) -> list[str]:
    """Every input table's columns, each name once, in the order first met."""
    return list(dict.fromkeys(c for t in inputs for c in t.columns))


def finding_table(inputs: Sequence[InputTable], flagged: Iterable[FlaggedAsset]) -> pa.Table:
    """One row per finding of each flagged asset, in inventory order."""
    import pyarrow as pa

    cells = cell_columns(inputs)
    taken = set(BEFORE) | set(AFTER)
    names = [f"{c} (cell)" if c in taken else c for c in cells]
    rows: dict[str, list[Any]] = {n: [] for n in (*BEFORE, *names, *AFTER)}
    for asset in flagged:
        judgment, a = asset.judgment, asset.judgment.attribution
        found = [(h, True) for h in judgment.hits] + [(h, False) for h in judgment.also]
        for hit, binds in found:
            rows["dd_source"].append(asset.asset.location.path)
            rows["dd_sheet"].append(asset.asset.location.sheet)
            rows["dd_row"].append(asset.asset.location.row)
            for cell, name in zip(cells, names, strict=True):
                rows[name].append(asset.asset.fields.get(cell))
            waiver = asset.gate.waiver(asset.mark, hit.rule_id) if asset.gate else None
            rows["dd_judgment"].append(judgment.id)
            rows["dd_entity"].append(a.entity.id)
            rows["dd_entity_name"].append(a.entity.name)
            rows["dd_group"].append(a.entity.group)
            rows["dd_confidence"].append(a.confidence)
            rows["dd_rule"].append(hit.rule_id)
            rows["dd_severity"].append(hit.severity.value)
            rows["dd_binds"].append(binds)
            rows["dd_jurisdiction"].append(hit.jurisdiction)
            rows["dd_message"].append(hit.message)
            rows["dd_recommended_action"].append(hit.recommended_action)
            rows["dd_sources"].append(list(hit.references))
            rows["dd_fingerprint"].append(finding_fingerprint(hit.rule_id, asset.fingerprint))
            rows["dd_waived"].append(
                None if asset.gate is None else waiver is not None and waiver.applied
            )
    types = {
        "dd_row": pa.int64(),
        "dd_confidence": pa.float64(),
        "dd_binds": pa.bool_(),
        "dd_sources": pa.list_(pa.string()),
        "dd_waived": pa.bool_(),
    }
    return pa.table({n: pa.array(v, types.get(n, pa.string())) for n, v in rows.items()})
