"""What a piece of a sheet's XML says about its cells: whether python-calamine alone may load
the part, or fastexcel too, as text (`usual_text`) or as typed columns (`usual_typed`).

Each test is a search over bytes, so extent.py's one pass over a part settles the reader and
the extent together; what fastexcel would read otherwise than python-calamine (a formula's
text, an error, an ISO date, a NUL in a name, an East Asian built-in date format, a column of
two kinds) is a reason here to leave the part to python-calamine.
"""

from __future__ import annotations

import re

USUAL_REF = (
    rb' r="(?:[A-Z]|A[A-Z]|B[A-L])'  # a column from A to BL
    rb"(?:[0-9]{1,6}|10[0-3][0-9]{4}|104[0-7][0-9]{3}|1048[0-4][0-9]{2}|10485[0-6][0-9]"
    rb'|104857[0-6])"'  # a row number of at most 7 digits, at most 1,048,576
)
UNUSUAL = re.compile(rb"<c(?!" + USUAL_REF + rb")[\s/>]")
"""A cell tag that does not begin with r="<a column to BL><a row to 1,048,576>": no r, r not
first, another spelling, or a cell out of the usual range. (`<col`, `<cfRule` are not cells.)"""
TEXT_CELL = (
    # A style, as Excel and every usual writer put it after r. Possessive (`?+`): what
    # follows a style cannot begin ' s', so giving it back never helps, and not offering to
    # takes a seventh off the search (0.194 s to 0.167 s for 83 MB of XML).
    rb'(?: s="[0-9]{1,5}")?+'
    rb'(?: t="(?:s|inlineStr)">| t="[a-zA-Z]{1,9}" ?/>| ?/>)'  # text, or no value at all
)
"""Shared and inline strings only: a formula's text (t="str") is unescaped ('_x000D_' to a
carriage return) by python-calamine's calamine (0.37) and not by fastexcel's (0.36)."""
NOT_TEXT = re.compile(rb"<c(?!" + USUAL_REF + TEXT_CELL + rb")[\s/>]")
"""A cell tag that is not both usual (as `UNUSUAL` sees it) and text or empty: a number, a
date, a truth value, an error, or a tag written some other way. It matches wherever
`UNUSUAL` does, so a part it never matches needs no other search for its cells."""
NOT_TYPED = re.compile(
    rb"<c(?!"
    + USUAL_REF
    + rb"(?:"
    + TEXT_CELL
    + rb'|(?<![A-Z]1")'  # below row 1, whose text is fastexcel's header (typed_sheet.py)
    + rb'(?: s="[0-9]{1,5}")?+(?: t="[nb]")?+>'
    + rb"))[\s/>]"
)
"""A cell tag that is neither usual text or empty (`NOT_TEXT`) nor, below row 1, a usual
number (a date is a number with a date style) or truth value: an error, a formula's text,
an ISO date (t="d"), a number in the first row, or a tag written some other way. It matches
wherever `UNUSUAL` does (0.204 s for 80 MB of a dated register's XML against 0.110 s), so
it stands in for it while it has not matched."""
PREFIXED = re.compile(rb":c[\s/>]")
"""A prefixed cell (<x:c>): calamine matches the local name. A search of its own, since two
searches that each start from a literal are quicker than one for either."""
NUL = b"_x0000_"
"""A NUL as Excel escapes it in a string (XML cannot hold one otherwise; calamine unescapes
this spelling alone). fastexcel drops a NUL from a column's name (Arrow's C interface cannot
carry one), so a header cell 'Mo_x0000_del' would be 'Model' to the typed load, as a text
cell it is not. Rare enough that any part holding one is python-calamine's to read."""
EAST_ASIAN_DATES = re.compile(rb"""numFmtId\s*=\s*["'](?:2[7-9]|3[0-6]|5[0-8])["']""")
"""A style naming a built-in format that only Excel in Chinese, Japanese or Korean defines,
all dates ('yyyy"年"m"月"d"日"', 'ge.m.d'): python-calamine's calamine reads a number so
styled as a date, fastexcel's (0.36) as a number, so in a styles part it leaves the workbook
to python-calamine. A register kept in Excel in those languages dates its rows so."""


def usual_text(piece: bytes) -> bool:
    """Whether every cell in the piece is usual and text or empty, and none is merged:
    calamine matches merged ranges (and cells) by local name, so <x:mergeCell> merges too."""
    return not (NOT_TEXT.search(piece) or piece.find(b"mergeCell") >= 0 or PREFIXED.search(piece))


def usual_typed(piece: bytes) -> bool:
    """`usual_text`, numbers and truth values allowed."""
    return not (NOT_TYPED.search(piece) or piece.find(b"mergeCell") >= 0 or PREFIXED.search(piece))


def holds_nul(piece: bytes) -> bool:
    """Whether the piece holds `NUL`. An underscore is found first (memchr, 0.01 s for 80 MB
    of XML, where the search for `NUL` itself takes 0.06 s): a sheet as Excel writes it,
    its strings shared, holds none."""
    at = piece.find(b"_")
    return at >= 0 and piece.find(NUL, at) >= 0


_KIND = re.compile(rb'<c r="([A-Z]{1,2})([0-9]{1,7})"(?: s="[0-9]{1,5}")?+(?: t="(\w+)")?+ ?(/?)>')
_KINDS = {None: b"n", b"n": b"n", b"s": b"s", b"inlineStr": b"s", b"b": b"b"}


def mixes_kinds(piece: bytes) -> bool:
    """Whether a column below row 1 holds two kinds of cell (text, number, truth value) in
    the part's first piece, its first few thousand rows: fastexcel's typed load would refuse
    it after loading it all (typed_sheet.py), a load python-calamine's would follow. A
    register's mixed column (dates with an 'n/a', serials some of them numbers) shows in its
    first rows; one that mixes only further down pays for both loads."""
    kinds: dict[bytes, bytes] = {}
    for column, row, kind, empty in _KIND.findall(piece):
        if empty or row == b"1":
            continue
        seen = kinds.setdefault(column, _KINDS.get(kind or None, b"?"))
        if seen != _KINDS.get(kind or None, b"?"):
            return True
    return False
