"""Telling a line of text that is part of a printed table from a sentence: the readers of text and PDF text ask
here before the recogniser sees the table (a header, a caption, a row label, columns aligned with spaces)."""

from __future__ import annotations

import re

from gkdesk.io.recognise.labels import (
    core_label,
    group_words,
    header_word_set,
    is_blank_text,
    is_value_text,
    match_label,
    norm_label,
)
from gkdesk.io.recognise.vocabulary import CAPTION

MAX_ROW_CHARS = 2_000
SPACE_SPLIT = re.compile(r"(?:[ \u00a0\u2007\u202f]{2,}|\u3000+)")
SPACES = " \u3000\u00a0\u2007\u202f"  # what aligns columns in text: ASCII, ideographic and no-break spaces


def is_table_word(text: str) -> bool:
    core = core_label(text)
    return core in header_word_set() or bool(CAPTION.search(norm_label(text))) or "勾稽关系" in core


def space_fields(line: str) -> list[str]:
    """Fields of a space-aligned line; figures of narrow columns set one space apart ("4 0") are separate."""
    fields: list[str] = []
    for field in SPACE_SPLIT.split(line.strip(SPACES)):
        if re.fullmatch(r"\d+(?:[ \u00a0\u2007\u202f]\d+)+", field):
            fields.extend(re.split(r"[ \u00a0\u2007\u202f]", field))
        elif field:
            fields.append(field)
    return fields


def space_row(line: str) -> list[str] | None:
    """Cells of a space-aligned table line (pdftotext -layout), or None for ordinary text."""
    if len(line) > MAX_ROW_CHARS:
        return None
    fields = space_fields(line)
    if len(fields) == 1:
        return fields if is_table_word(fields[0]) or cell_kind(fields[0]) == "label" else None
    if not fields:
        return None
    values = [f for f in fields if is_value_text(f) and not is_blank_text(f)]
    labels = [f for f in fields if not is_value_text(f)]
    if any(ch in "".join(labels) for ch in "。；"):
        return None
    if all(is_table_word(f) for f in labels) or (values and len("".join(labels)) <= 60):
        return fields
    if not values and len(labels) <= 3 and cell_kind(labels[-1]) == "label":
        return fields  # a row label whose figures the layout put on a neighbouring line
    return None


def cell_kind(line: str) -> str | None:
    """ "value", "label" (a table label, header or caption) or None for a line that is no table cell."""
    text = line.strip(SPACES)
    if not text or len(text) > 60:
        return None
    if is_value_text(text) and not is_blank_text(text):
        return "value"
    if is_table_word(text) or core_label(text) in group_words():
        return "label"
    target, score = match_label(text)
    return "label" if target is not None and score >= 0.85 else None
