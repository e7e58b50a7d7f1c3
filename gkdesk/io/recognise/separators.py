"""Cells from runs of bare carriage returns: the text a scraper keeps of a Word table (one CSV cell, no line
feed anywhere), where each cell ends with the same run of CRs and each row with a longer one.

The two run lengths are measured, not assumed: the commonest run of two or more CRs is the cell end, the commonest
longer run that is not a multiple of it is the row end. A run is then read as the cell and row ends it is made of,
so a run longer than a row end holds the empty cells it stands for ("商业\r企业" keeps its inner single CR as part
of the cell's text). Part headings and other paragraphs keep their own lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

_RUN = re.compile(r"\r+")
MIN_RUNS = 20
_FIGURE = re.compile(r"[-−]?\d[\d,.]*")  # fewer cell ends than this is no table laid out this way


def cell_and_row_runs(text: str) -> tuple[int, int] | None:
    """(cell end, row end) run lengths, when the text is laid out so."""
    if "\n" in text:
        return None
    runs = Counter(len(m.group()) for m in _RUN.finditer(text))
    candidates = [(n, length) for length, n in runs.items() if length >= 2]
    if not candidates:
        return None
    count, cell = max(candidates)
    if count < MIN_RUNS:
        return None
    longer = [(n, length) for length, n in runs.items() if length > cell and length % cell]
    if not longer:
        return None
    row = max(longer)[1]
    # the cell end must be what stands between figures; where single CRs do, each line is a cell already
    pieces = _RUN.split(text)
    between = Counter(
        len(m.group())
        for k, m in enumerate(_RUN.finditer(text))
        if _FIGURE.fullmatch(pieces[k].strip()) and k + 1 < len(pieces) and _FIGURE.fullmatch(pieces[k + 1].strip())
    )
    if between[cell] <= between[1]:
        return None
    return cell, row


def tab_rows(text: str, is_heading: Callable[[str], bool]) -> str | None:
    """The text as lines of TAB-separated cells (empty cells kept), or None when it is not laid out this way."""
    runs = cell_and_row_runs(text)
    if runs is None:
        return None
    cell, row = runs
    pieces = _RUN.split(text)
    gaps = [len(m.group()) for m in _RUN.finditer(text)]
    out: list[str] = []
    for index, piece in enumerate(pieces):
        out.append(piece.replace("\t", " "))
        if index >= len(gaps):
            break
        gap = gaps[index]
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if gap == 1 or is_heading(piece.strip()) or is_heading(following.strip()):
            out.append("\n")  # a paragraph end (or the cut around a part heading)
        elif gap % cell == 0:
            out.append("\t" * (gap // cell))  # cell ends; each one more than the first is an empty cell
        elif gap >= row and (gap - row) % cell == 0:
            # the row's end and empty cells; put at the start of the next row, where a row of figures needs them
            # (a label row's leading empty cells are read as merged label cells)
            out.append("\n" + "\t" * ((gap - row) // cell))
        else:
            out.append("\n")
    return "".join(out)
