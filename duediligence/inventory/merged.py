"""Merged cells, as a person reads them: a range's text in every cell it covers, in the
header (a title over the columns it names) and down the rows (a site merged over its rooms)."""

from __future__ import annotations

from collections.abc import Generator

Rows = Generator[tuple[int, list[str]], None, None]
# A merged range as (top row, left column, bottom row, right column), inclusive: rows as Excel
# numbers them, columns as indexes into the cells of a row (which may not start at column A).
Span = tuple[int, int, int, int]


def spans_of(
    ranges: list[tuple[tuple[int, int], tuple[int, int]]] | None, column: int
) -> list[Span]:
    return [(r0 + 1, c0 - column, r1 + 1, c1 - column) for (r0, c0), (r1, c1) in ranges or []]


def merged_header(
    cells: list[str], number: int, spans: list[Span], above: list[list[str]]
) -> list[str]:
    """A header cell inside a merged range shows the range's text, so each column it covers
    is named by it (columns.unique_headers later tells repeated names apart)."""
    header = list(cells)
    for top, left, bottom, right in spans:
        if top <= number <= bottom and left >= 0:
            source = cells if top == number else above[top - 1]
            text = source[left] if left < len(source) else ""
            for column in range(left, min(right + 1, len(header))):
                header[column] = text
    return header


def has_group_title(number: int, spans: list[Span]) -> bool:
    return any(top == bottom == number and right > left for top, left, bottom, right in spans)


def filled(rows: Rows, spans: list[Span]) -> Rows:
    """Rows below the header, with each merged range's text in every cell it covers.

    Registers merge a site or a room down the many rows it applies to; Excel keeps the text
    only in the top-left cell, but a person reads it on every row.
    """
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    open_spans: list[tuple[int, int, int, str]] = []  # bottom, left, right, text
    try:
        for number, cells in rows:
            for _, left, bottom, right in starting.get(number, ()):
                if 0 <= left < len(cells):
                    open_spans.append((bottom, left, right, cells[left]))
            if open_spans:
                open_spans = [s for s in open_spans if s[0] >= number]
                for _, left, right, text in open_spans:
                    for column in range(left, min(right + 1, len(cells))):
                        cells[column] = text
            yield number, cells
    finally:
        rows.close()  # closing the body closes the sheet's rows
