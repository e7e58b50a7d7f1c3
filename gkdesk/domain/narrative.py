"""The narrative as one text, the way the text rules (R7, R8, the content checks) search it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gkdesk.domain.report import PART_KEYS, Block, Report


def block_text(block: Block) -> str:
    return f"{block.text}{block.inline_text}"


def narrative_text(report: Report, keys: tuple[str, ...] = PART_KEYS, *, include_pending: bool = True) -> str:
    """The preface and the given parts as one text; ``include_pending=False`` leaves out last year's 待更新 text."""
    blocks = [*report.preface]
    for key in keys:
        blocks.extend(report.parts[key].blocks)  # type: ignore[index]
    return "\n".join(block_text(b) for b in blocks if include_pending or not b.pending_update)


def stated_otherwise(text: str, pattern: re.Pattern[str], value: int) -> Iterator[re.Match[str]]:
    """The places where the text states a figure (``pattern``'s first group) other than the table's ``value``
    (R7 and its extension to tables 二 and 四 ask this the same way)."""
    for match in pattern.finditer(text):
        if int(match.group(1)) != value:
            yield match
