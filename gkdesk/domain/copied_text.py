"""The copied-text check (内容雷同): each part compared sentence by sentence with last year's report.

国办公开办函〔2021〕30号 criticises annual reports copied from year to year. Decisions:
- Compared per part (一 to 六), each against the same part of ``report.previous``; the preface is boilerplate by
  nature (legal basis, where to download) and is not compared.
- A sentence ends at 。！？； or a line break. Sentences are compared after removing spaces and punctuation and
  masking digits, so a sentence where only the figures or the year changed still counts as repeated.
  Sentences shorter than ``MIN_SENTENCE_CHARS`` ("无。", "一是…") are ignored.
- Subsection headings are left out (standard wording such as 政务公开平台建设方面 stays the same every year).
- Paragraphs still marked 待更新 are left out: PENDING already warns about them; the copied-text check catches
  text that was "edited" without being rewritten.
- A part warns when at least ``WARN_SHARE`` of its sentences (and at least ``MIN_REPEATED`` of them) are repeated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from gkdesk.domain.findings import Finding
from gkdesk.domain.report import PART_KEYS, Block, Part, Report

MIN_SENTENCE_CHARS = 8
WARN_SHARE = 0.3
MIN_REPEATED = 2

_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_NOISE = re.compile(r"[\s\u3000\W_]+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PartOverlap:
    """How many of a part's sentences also appear in last year's same part."""

    part: str
    repeated: int
    total: int

    @property
    def share(self) -> float:
        return self.repeated / self.total if self.total else 0.0


@lru_cache(maxsize=4096)
def _sentence_keys(text: str) -> tuple[str, ...]:
    """Comparable forms of the sentences of a text; cached because last year's text is the same at every check."""
    keys: list[str] = []
    for raw in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)):
        key = _DIGITS.sub("#", _NOISE.sub("", raw))
        if len(key) >= MIN_SENTENCE_CHARS:
            keys.append(key)
    return tuple(keys)


def _part_text(part: Part, *, skip_pending: bool) -> str:
    """The part's prose: subsection headings are the standard structure of the report, the same every year by design,
    so only the text run in after a heading counts, never the heading itself."""
    blocks: list[Block] = [b for b in part.blocks if not (skip_pending and b.pending_update)]
    return "\n".join(b.inline_text if b.kind == "heading" else b.text for b in blocks)


def part_overlaps(report: Report) -> list[PartOverlap]:
    """The repeated-sentence count of every part that has sentences to compare (empty without last year's report)."""
    prev = report.previous
    if prev is None:
        return []
    overlaps: list[PartOverlap] = []
    for key in PART_KEYS:
        part = report.parts[key]
        if not part.present:
            continue
        current = _sentence_keys(_part_text(part, skip_pending=True))
        if not current:
            continue
        before = frozenset(_sentence_keys(_part_text(prev.parts[key], skip_pending=False)))
        repeated = sum(1 for s in current if s in before)
        overlaps.append(PartOverlap(key, repeated, len(current)))
    return overlaps


def copied_text_rule(report: Report) -> Iterator[Finding]:
    """Warn for each part whose sentences largely repeat last year's report."""
    for overlap in part_overlaps(report):
        if overlap.repeated < MIN_REPEATED or overlap.share < WARN_SHARE:
            continue
        percent = round(overlap.share * 100)
        yield Finding(
            "COPIED",
            "warning",
            f"第{overlap.part}部分有 {percent}% 的句子（{overlap.repeated}/{overlap.total} 句）与上年报告相同，"
            "可能被认为内容雷同，请结合本年度工作改写",
            part=overlap.part,
        )
