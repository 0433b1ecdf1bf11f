"""The JSON report: the versioned public contract (docs/report-format.md).

Normalised so its size follows distinct values, not rows: rules and sources are described
once, each distinct attribution with the findings it carries once (`judgments`), and each
flagged row is one line naming its judgment. A million-row register with half its rows
flagged is written in about a second. Output is deterministic for the same inputs, pack and
as-of date.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from typing import Any, BinaryIO, TextIO

from duediligence.report.interface import RenderOptions
from duediligence.results.assets import Field, Location
from duediligence.results.block import Block
from duediligence.results.findings import (
    Attribution,
    EntityRef,
    Evidence,
    Hit,
    InputTable,
    Judgment,
    Skip,
)
from duediligence.results.fingerprints import asset_fingerprint, cells_identity
from duediligence.results.gate import Gate, Mark
from duediligence.results.report import Report

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for the whole report: json.dumps builds a new one per call with these options."""

AHEAD = 1
"""Blocks of flagged rows whose lines are joined on a worker thread ahead of the one being
written (Arrow's kernels release the GIL). Two ahead saved another ~0.1 s at a million rows
but cost ~100 MB of peak memory in per-thread allocator arenas (measured): not worth it."""
PREPARED = 2
"""Blocks whose pieces (their fingerprints first) are made on a thread of their own ahead of
the one whose lines are being joined."""
_BATCH = 2048
"""Lines joined per write: a text stream's write costs more than the line it writes."""
_HEAD = ("schema_version", "tool", "pack", "profile", "as_of", "inputs", "summary")
_TAIL = ("gate", "skips", "unknown", "not_covered", "rules", "sources", "warnings")


def write(report: Report, options: RenderOptions, out: TextIO) -> None:
    """Stream the report: the top-level keys, then the flagged rows one per line."""
    doc = to_dict(report, with_flagged=False, with_judgments=False)
    raw = _utf8_buffer(out)
    out.write("{")
    out.write(",".join(f"{_dumps(k)}:{_dumps(doc[k])}" for k in _HEAD))
    out.write(',"judgments":')
    _write_utf8(out, raw, judgments_parts(report.judgments))
    out.write(',"flagged":[')
    first = True
    for text in _flagged_text(report):
        text = text[1:] if first else text  # no comma before the first line
        first = False
        if isinstance(text, str):
            out.write(text)
        else:
            _write_utf8(out, raw, (text,))
    out.write("\n],")
    out.write(",".join(f"{_dumps(k)}:{_dumps(doc[k])}" for k in _TAIL))
    out.write("}\n")


def _write_utf8(out: TextIO, raw: BinaryIO | None, parts: Iterable[bytes | memoryview]) -> None:
    """UTF-8 text written to the bytes under the stream where there are some, else decoded."""
    if raw is not None:
        out.flush()
        for part in parts:
            raw.write(part)
    else:
        for part in parts:
            out.write(str(part, "utf-8"))


def judgments_text(judgments: Sequence[Judgment]) -> str:
    """`_dumps({j.id: judgment(j) for j in judgments})`, byte for byte."""
    return b"".join(judgments_parts(judgments)).decode("utf-8")


def judgments_parts(judgments: Sequence[Judgment]) -> Iterator[bytes]:
    """`judgments_text` in UTF-8, a judgment at a time, each distinct finding encoded once:
    a register's thousand-odd judgments repeat a hundred-odd findings (the same rule,
    message and references for every key naming one vendor), 17 MB of text spelling 40 KB
    of findings. Encoding them over again was a fifth of a second a report, and joining and
    re-encoding the whole text as one string a tenth."""
    # Keyed on the objects, not their values: the engine shares one hit, one tuple of hits,
    # one evidence and one entity among the judgments (hashing a hit's fields was ~0.5 us,
    # 25,000 times), and equal values held apart are encoded to the same text twice. The
    # judgments keep every object alive meanwhile. A register's 1,475 judgments hold 55
    # tuples of findings and 177 pieces of evidence.
    done: dict[tuple[int, bool], bytes] = {}
    lists: dict[tuple[int, int], bytes] = {}
    said: dict[int, str] = {}
    values: dict[tuple[type, Any], str] = {}

    def finding(h: Hit, binds: bool) -> bytes:
        text = done.get((id(h), binds))
        if text is None:
            text = done[(id(h), binds)] = _dumps(hit(h, binds)).encode("utf-8")
        return text

    def findings(j: Judgment) -> bytes:
        text = lists.get((id(j.hits), id(j.also)))
        if text is None:
            every = [finding(h, True) for h in j.hits] + [finding(h, False) for h in j.also]
            text = lists[(id(j.hits), id(j.also))] = b",".join(every)
        return text

    def once(value: Any, as_data: Callable[[Any], dict[str, Any]]) -> str:
        text = said.get(id(value))
        if text is None:
            text = said[id(value)] = _dumps(as_data(value))
        return text

    def value(v: Any) -> str:  # by type too: 1 and 1.0 are one key and two texts
        text = values.get((type(v), v))
        if text is None:
            text = values[(type(v), v)] = _dumps(list(v) if isinstance(v, tuple) else v)
        return text

    comma = b""
    yield b"{"
    for j in judgments:
        a = j.attribution
        # `attribution(a)` as JSON, its object left open for the findings (an attribution
        # is never empty), spelled from its parts' texts.
        opening = (
            f'{_dumps(j.id)}:{{"entity":{once(a.entity, entity)},'
            f'"confidence":{value(a.confidence)},'
            f'"evidence":[{",".join([once(e, evidence) for e in a.evidence])}],'
            f'"alternatives":[{",".join([once(x, entity) for x in a.alternatives])}],'
            f'"conflicts":{value(a.conflicts)},"findings":['
        ).encode()
        yield b"".join((comma, opening, findings(j), b"]}"))
        comma = b","
    yield b"}"


def _utf8_buffer(out: TextIO) -> BinaryIO | None:
    """The bytes under a UTF-8 text stream, where lines already in UTF-8 go straight."""
    raw = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    return raw if raw is not None and encoding == "utf8" else None


def _flagged_text(report: Report) -> Iterator[str | memoryview]:
    """The flagged rows' lines, each starting ',\n', in runs of text (never one row per
    write: a text stream's write costs more than the line it writes)."""
    ids = [_dumps(j.id) for j in report.judgments]
    heads = [f'{{"input":{i},"row":' for i in range(len(report.inputs))]
    identities = [cells_identity(t.fields) for t in report.inputs]
    columns = [t.columns for t in report.inputs]
    dumps, fingerprint = _dumps, asset_fingerprint
    marks = report.gate.marks if report.gate is not None else {}
    names = [j.id for j in report.judgments]
    marked = None
    if marks:
        import pyarrow as pa

        marked = pa.array(sorted({fp for fp, _ in marks}), pa.string())

    def line(t: int, row: int, cells: Sequence[str], j: int) -> str:
        fields = {h: v for h, c in zip(columns[t], cells, strict=False) if c and (v := c.strip())}
        asset = fingerprint(identities[t](cells))
        mark = marks.get((asset, names[j])) if marks else None
        return (
            f',\n{heads[t]}{row},"judgment":{ids[j]},'
            f'"fingerprint":"{asset}","fields":{dumps(fields)}{_marked(mark)}}}'
        )

    from duediligence.report.json_blocks import Pieces, block_pieces, joined

    def pieces(block: Block) -> Pieces:
        t = block.table
        fields = report.inputs[t].fields
        return block_pieces(block, heads[t], columns[t], fields, ids, dumps, marked)

    def lines(made: Future[Pieces]) -> list[memoryview]:
        return list(joined(made.result(), line))

    # Three steps overlap, block after block. A block's pieces are made on a thread of their
    # own, up to PREPARED blocks ahead: its fingerprints (a SHA-256 call a row, holding the
    # interpreter), then some forty short kernel calls. Its lines are joined on another, in
    # one kernel call that lets go of the interpreter; and written on this one.
    parts = report.flagged.parts()
    ready: deque[Future[Pieces]] = deque()
    ahead: deque[Future[list[memoryview]]] = deque()
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="json-pieces") as maker,
        ThreadPoolExecutor(max_workers=AHEAD, thread_name_prefix="json-lines") as joiner,
    ):

        def more() -> None:
            for part in parts:
                ready.append(maker.submit(pieces, part))
                if len(ready) > PREPARED:
                    break

        more()
        while ready:
            ahead.append(joiner.submit(lines, ready.popleft()))
            more()
            if len(ahead) > AHEAD:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()


def to_dict(
    report: Report, with_flagged: bool = True, with_judgments: bool = True
) -> dict[str, Any]:
    """The report as plain data (the same content `write` streams)."""
    doc: dict[str, Any] = {
        "schema_version": report.schema_version,
        "tool": asdict(report.tool),
        "pack": {**asdict(report.pack), "layers": list(report.pack.layers)},
        "profile": report.profile,
        "as_of": report.as_of,
        "inputs": [input_table(t) for t in report.inputs],
        "summary": asdict(report.summary),
        "judgments": {j.id: judgment(j) for j in report.judgments} if with_judgments else {},
        "flagged": [],
        "skips": [skip(s) for s in report.skips],
        "unknown": [asdict(u) for u in report.unknown],
        "not_covered": [asdict(n) for n in report.not_covered],
        "rules": {k: _listy(asdict(v)) for k, v in report.rules.items()},
        "sources": {k: asdict(v) for k, v in report.sources.items()},
        "warnings": list(report.warnings),
        "gate": gate(report.gate),
    }
    if with_flagged:
        text = "".join(t if isinstance(t, str) else str(t, "utf-8") for t in _flagged_text(report))
        doc["flagged"] = json.loads(f"[{text[1:]}]")
    return doc


def input_table(t: InputTable) -> dict[str, Any]:
    return {
        "source": t.source,
        "sheet": t.sheet,
        "header_row": t.header_row,
        "columns": list(t.columns),
        "fields": {f.value: t.columns[i] for f, i in sorted(t.fields.items(), key=_by_column)},
        "assets": t.assets,
    }


def _by_column(item: tuple[Field, int]) -> int:
    return item[1]


def judgment(j: Judgment) -> dict[str, Any]:
    """Every finding, those that bind the buyer first (`binds: true`), then the measures that
    name the vendor but bind someone else."""
    findings = [hit(h, True) for h in j.hits] + [hit(h, False) for h in j.also]
    return {**attribution(j.attribution), "findings": findings}


def hit(h: Hit, binds: bool = True) -> dict[str, Any]:
    return {
        "rule_id": h.rule_id,
        "severity": h.severity.value,
        "binds": binds,
        "jurisdiction": h.jurisdiction,
        "message": h.message,
        "recommended_action": h.recommended_action,
        "references": list(h.references),
        "patch_by": h.patch_by,
        "cves": list(h.cves),
    }


def where(loc: Location) -> dict[str, Any]:
    """Where a person finds the row: file, sheet, row as the spreadsheet shows it."""
    return {"source": loc.path, "sheet": loc.sheet, "row": loc.row}


def entity(e: EntityRef) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "group": e.group, "group_name": e.group_name}


def evidence(e: Evidence) -> dict[str, Any]:
    return {
        "signal": e.signal.value,
        "value": e.value,
        "entity": e.entity,
        "score": e.score,
        "matched": e.matched,
        "explanation": e.explanation,
    }


def attribution(a: Attribution) -> dict[str, Any]:
    return {
        "entity": entity(a.entity),
        "confidence": a.confidence,
        "evidence": [evidence(e) for e in a.evidence],
        "alternatives": [entity(x) for x in a.alternatives],
        "conflicts": list(a.conflicts),
    }


def skip(s: Skip) -> dict[str, Any]:
    return {**where(s.location), "reason": s.reason}


def gate(g: Gate | None) -> dict[str, Any] | None:
    if g is None:
        return None
    return {
        "fail_on": g.fail_on.value,
        "failing": g.failing,
        "waived": g.waived,
        "waivers": [asdict(w) for w in g.waivers],
        "baseline": None if g.baseline is None else asdict(g.baseline),
    }


def _marked(mark: Mark | None) -> str:
    """What the gate concluded about a row, after its fields: the findings waived (rule id ->
    index into gate.waivers), those new against the baseline, and where each new one comes
    from (rule id -> register | pack)."""
    if mark is None:
        return ""
    text = f',"waived":{_dumps(mark.waived)}' if mark.waived else ""
    if not mark.new:
        return text
    origin = {r: mark.origin[r].value for r in sorted(mark.new) if r in mark.origin}
    return (
        text
        + f',"new":{_dumps(sorted(mark.new))}'
        + (f',"origin":{_dumps(origin)}' if origin else "")
    )


def _listy(d: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}
