"""Every reading of one row's figures that the source and the row's sums allow.

A row's value tokens are cut into exactly as many cells as the row has. A token that filled a cell of its own, a
decimal and a blank are one cell each; digits that ran together ("640020470") may be cut anywhere a number can
start (no leading zeros), but a total cell must equal the sum of its parts, so a cut is only ever chosen by the
rules. The search is depth-first with the totals forced, pruned by how many digits are left, and bounded: past
``budget`` steps it gives up (the row stays unread) instead of running away on hostile input.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from gkdesk.io.recognise.tokens import Tok
from gkdesk.io.recognise.vocabulary import RowSpec

MAX_DIGITS = 9  # a cell of these tables never holds a billion cases
MAX_READINGS = 64
BUDGET = 200_000  # steps for one row
DOCUMENT_BUDGET = 400_000  # steps for all rows of one document


@dataclass
class Readings:
    """The readings found (each a tuple of cell texts, "" for blank), and why there may be others."""

    found: list[tuple[str, ...]]
    how: str  # "exact" | "split" | "placed" | "none"
    exhausted: bool = False  # the budget ran out or more than MAX_READINGS fit


class _Stop(Exception):
    pass


@dataclass
class Budget:
    """Steps the whole search of one row may still take, shared by its tries."""

    left: int


def _value(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def splittable(tokens: list[Tok], index: int) -> bool:
    """Digits may be cut unless the source set them in a cell of their own (a cell "230" is 230)."""
    tok = tokens[index]
    body = tok.text.lstrip("-")
    if tok.kind != "num" or not body.replace(".", "", 1).isdigit() or len(body.replace(".", "")) < 2:
        return False
    if "." in body and body.index(".") < 2:
        return False  # "3.5": nothing to cut before the decimal point
    if not tok.cell:
        return True
    alone_before = tok.gap >= 2
    alone_after = index + 1 >= len(tokens) or tokens[index + 1].gap >= 2
    return not (alone_before and alone_after)


def _leading_zero(tok: Tok) -> bool:
    """A number token with a leading zero ("01", "007"): not a figure as any cell prints it."""
    whole = tok.text.lstrip("-").split(".")[0]
    return tok.kind == "num" and len(whole) > 1 and whole[0] == "0"


def _valid_part(part: str, kind: str, *, first: bool) -> bool:
    """A number as a cell of ``kind`` prints it: no leading zeros, a sign only on the signed 本年增/减 and only at
    the start of what the source printed, a decimal point only in an amount."""
    body = part
    if part.startswith("-"):
        if not first or kind != "signed":
            return False
        body = part[1:]
    if not body or not body[0].isdigit():
        return False
    whole = body.split(".")[0]
    if len(whole) > 1 and whole[0] == "0":
        return False
    if "." in body:
        return kind in ("decimal", "text") and body[-1].isdigit()
    return len(body) <= MAX_DIGITS


def split_row(tokens: list[Tok], spec: RowSpec, *, budget: int = BUDGET, shared: Budget | None = None) -> Readings:
    """The cell texts ``tokens`` can stand for in ``spec``'s row; ``shared`` caps the steps of all rows of one
    document together (a hostile text of many rows stops as fast as one)."""
    n = spec.size
    given = list(tokens)
    toks = list(given)
    while len(toks) > n and toks[0].kind == "blank":
        toks.pop(0)
    if n >= 3 and len(given) - len(toks) >= n and any(t.kind == "num" for t in toks):
        # a whole row of blank cells before the figures: this row printed blank and the next row's figures after
        # it (that row's label lost), not label cells before this row's figures; which are this row's is open
        return Readings([], "none")
    while len(toks) > n and toks[-1].kind == "blank":
        toks.pop()
    if len(toks) == n:
        if any(_leading_zero(t) for t in toks):
            # "0 0 01": no cell prints a figure so; digits ran into it from elsewhere (a page number glued to the
            # row's last figure by a crawler), and with one token a cell there is nothing to cut: no reading
            return Readings([], "none")
        reading = tuple(t.raw or t.text for t in toks)
        if len(given) > n and spec.sums and len({t.item for t in given}) > 1:
            # blanks cut off at the ends of a row gathered from several lines (a cell per line) are not surely
            # label cells: any of its blanks may be the surplus one (a blank line joined into the row). The
            # readings the row's sums allow decide; none (a publisher's sum error) leaves the row as printed.
            others = _without_extra_blanks(given, spec)
            if others:
                return Readings(others, "exact" if others == [reading] else "placed")
        return Readings([reading], "exact")
    if not toks:
        return Readings([("",) * n], "exact")  # a row printed with no figures at all: blank in the source
    if len(toks) > n:
        return Readings([], "none")
    cuttable = [splittable(toks, i) for i in range(len(toks))]
    if any(cuttable):
        row_budget = Budget(min(budget, shared.left) if shared is not None else budget)
        found, exhausted = _search_with_total(toks, cuttable, spec, row_budget)
        if shared is not None:
            shared.left -= min(budget, shared.left) - max(row_budget.left, 0)
        if found or exhausted:
            return Readings(found, "split", exhausted)
        if spec.sums:
            return Readings([], "none")
    return _place(toks, spec)


def _sums_hold(cells: tuple[str, ...], spec: RowSpec) -> bool:
    return all(sum(_value(cells[i]) for i in parts) == _value(cells[total]) for parts, total in spec.sums)


def _without_extra_blanks(toks: list[Tok], spec: RowSpec) -> list[tuple[str, ...]]:
    """The readings left when the surplus blank tokens, wherever they stand, are dropped, that obey the sums."""
    blanks = [i for i, t in enumerate(toks) if t.kind == "blank"]
    extra = len(toks) - spec.size
    if extra > len(blanks) or math.comb(len(blanks), extra) > MAX_PLACEMENTS:
        return []
    found: dict[tuple[str, ...], None] = {}
    for dropped in itertools.combinations(blanks, extra):
        gone = set(dropped)
        cells = tuple(t.raw or t.text for i, t in enumerate(toks) if i not in gone)
        if _sums_hold(cells, spec):
            found[cells] = None
    return list(found)


def _search_with_total(
    toks: list[Tok], cuttable: list[bool], spec: RowSpec, budget: Budget
) -> tuple[list[tuple[str, ...]], bool]:
    """When the row ends in a total printed at the end of run-together digits, try each way its last digits can be
    that total first: the other cells then search towards a known sum, which prunes almost everything."""
    last = toks[-1]
    ends_in_total = bool(spec.sums) and spec.sums[-1][1] == spec.size - 1 and cuttable[-1] and "." not in last.text
    if not ends_in_total:
        return _search(toks, cuttable, spec, budget)
    found: list[tuple[str, ...]] = []
    exhausted = False
    for length in range(1, min(len(last.text), MAX_DIGITS) + 1):
        suffix = last.text[-length:]
        if not _valid_part(suffix, spec.kinds[-1], first=length == len(last.text)):
            continue
        if length == len(last.text):  # the whole token is the total: the cells before it come from the others
            rest, cut = toks[:-1], cuttable[:-1]
            if not rest:
                continue
        else:
            head = Tok(last.kind, last.text[:-length], last.gap, last.item, raw=last.text[:-length], cell=last.cell)
            rest = [*toks[:-1], head]
            cut = [*cuttable[:-1], splittable(rest, len(rest) - 1)]
        more, out_of_budget = _search(rest, cut, spec, budget, last_total=int(suffix))
        found.extend((*reading, suffix + last.unit) for reading in more)
        exhausted = exhausted or out_of_budget
        if len(found) > MAX_READINGS or budget.left <= 0:
            return found, True
    return found, exhausted


def _search(
    toks: list[Tok], cuttable: list[bool], spec: RowSpec, budget: Budget, *, last_total: int | None = None
) -> tuple[list[tuple[str, ...]], bool]:
    """Depth-first over the cuts. With ``last_total`` the row's last cell (a total) is already known and not
    searched: the parts of its sum must add up to it, and a partial sum above it ends that branch at once."""
    n = spec.size - (1 if last_total is not None else 0)
    totals = {total: parts for parts, total in spec.sums if total < n}
    target = next((parts for parts, total in spec.sums if total == n), ()) if last_total is not None else ()
    group_total = {part: total for parts, total in spec.sums if total < n for part in parts}  # the total it adds to
    # the most cells, and the characters, the tokens from index i on hold
    room = [0] * (len(toks) + 1)
    chars = [0] * (len(toks) + 1)
    for i in range(len(toks) - 1, -1, -1):
        room[i] = room[i + 1] + (len(toks[i].text) if cuttable[i] else 1)
        chars[i] = chars[i + 1] + (len(toks[i].text) if cuttable[i] else 1)
    found: dict[tuple[str, ...], None] = {}
    cells: list[str] = []
    values: list[int] = []

    def go(ti: int, off: int, p: int) -> None:
        budget.left -= 1
        if budget.left < 0:
            raise _Stop
        if p == n:
            if ti == len(toks) and (not target or sum(values[k] for k in target) == last_total):
                found[tuple(cells)] = None
                if len(found) > MAX_READINGS:
                    raise _Stop
            return
        if ti == len(toks):
            return
        left_here = len(toks[ti].text) - off if cuttable[ti] else 1
        if not (len(toks) - ti <= n - p <= left_here + room[ti + 1]):
            return
        if (
            target
            and last_total is not None
            and p - 1 in target
            and sum(values[k] for k in target if k < p) > last_total
        ):
            return
        total_at = group_total.get(p - 1) if p else None
        if total_at is not None and total_at >= p:
            # the total still to come is at least the sum so far: it needs that many digits of what is left
            partial = sum(values[k] for k in totals[total_at] if k < p)
            if partial and len(str(partial)) + (total_at - p) > left_here + chars[ti + 1]:
                return
        tok = toks[ti]
        required = sum(values[k] for k in totals[p]) if p in totals else None
        if not cuttable[ti]:
            text = tok.raw or tok.text
            value = _value(tok.text)
            if required is not None and value != required:
                return
            cells.append(text if tok.kind == "num" else "")
            values.append(value)
            go(ti + 1, 0, p + 1)
            cells.pop()
            values.pop()
            return
        text = tok.text
        point = text.find(".")
        end_int = point if point >= 0 else len(text)  # cuts only before the decimal point
        kind = spec.kinds[p]
        if required is not None:
            want = str(required)
            lengths: range | list[int] = [len(want)] if text.startswith(want, off) else []
        else:
            lengths = range(1, min(len(text) - off, MAX_DIGITS + 2) + 1)
        for length in lengths:
            stop = off + length
            part = text[off:stop]
            if stop < len(text) and stop >= end_int:
                continue  # no cut at or after the decimal point
            if not _valid_part(part, kind, first=off == 0):
                continue
            cells.append(part + tok.unit if stop == len(text) else part)
            values.append(_value(part))
            if stop == len(text):
                go(ti + 1, 0, p + 1)
            else:
                go(ti, stop, p + 1)
            cells.pop()
            values.pop()

    try:
        go(0, 0, 0)
    except _Stop:
        return list(found), True
    return list(found), False


MAX_PLACEMENTS = 20_000


def _place(toks: list[Tok], spec: RowSpec) -> Readings:
    """Fewer cells than the row has (blank cells lost in copying): each placement keeping their order that the
    row's sums allow; without sums nothing says which cells they are, so there is no reading."""
    n, k = spec.size, len(toks)
    texts = [t.raw or t.text if t.kind == "num" else "" for t in toks]
    if not spec.sums:
        return Readings([], "none")  # which cells the figures belong to cannot be known: the row stays unread
    if math.comb(n, k) > MAX_PLACEMENTS:
        return Readings([], "none", exhausted=True)
    found: dict[tuple[str, ...], None] = {}
    for positions in itertools.combinations(range(n), k):
        cells = [""] * n
        for pos, text in zip(positions, texts, strict=True):
            cells[pos] = text
        if all(sum(_value(cells[i]) for i in parts) == _value(cells[total]) for parts, total in spec.sums):
            found[tuple(cells)] = None
    return Readings(list(found), "placed")


def agreed(readings: list[tuple[str, ...]]) -> list[str | None]:
    """Per cell: the text every reading agrees on, or None where they differ."""
    if not readings:
        return []
    out: list[str | None] = []
    for column in zip(*readings, strict=True):
        first = column[0]
        out.append(first if all(c == first for c in column) else None)
    return out
