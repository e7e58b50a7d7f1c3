"""SHORT: a narrative part far shorter than the same part of its peers, the sign of a report that says too little.

The numbers are data (``resources/elements/part_lengths.json``): the median length of 一 and 五 over the 13 reports
of the reference corpus, and the ratio under which a part warns (one third). A part's length is its text
(headings and paragraphs) after NFKC with whitespace removed, 待更新 text included (PENDING asks for it to be
rewritten; it is not missing). A missing or empty part is R10's, not this rule's. 六 is not measured: "无。" is
accepted practice there, and what it must say is the 信息处理费 element.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from gkdesk.domain.elements import comparable
from gkdesk.domain.findings import Finding
from gkdesk.domain.report import Report
from gkdesk.resources import resources_dir


@dataclass(frozen=True)
class LengthNorms:
    ratio: float
    median_chars: dict[str, int]

    def minimum(self, key: str) -> int:
        """Fewer characters than this warns (ratio x median, rounded down)."""
        return int(self.median_chars[key] * self.ratio)


@cache
def length_norms() -> LengthNorms:
    data = json.loads((resources_dir() / "elements" / "part_lengths.json").read_text(encoding="utf-8"))
    return LengthNorms(float(data["ratio"]), {k: int(v) for k, v in data["median_chars"].items()})


def part_length(report: Report, key: str) -> int:
    """Characters of a part as the rule counts them."""
    part = report.parts[key]  # type: ignore[index]
    return len(comparable("".join(f"{b.text}{b.inline_text}" for b in part.blocks)))


def short_parts_rule(report: Report) -> Iterator[Finding]:

    norms = length_norms()
    for key, median in norms.median_chars.items():
        part = report.parts[key]  # type: ignore[index]
        length = part_length(report, key)
        if not part.present or length == 0 or length >= norms.minimum(key):
            continue
        yield Finding(
            "SHORT",
            "warning",
            f"第{key}部分只有 {length} 字，不到同类报告中位数（{median} 字）的三分之一，内容可能过于简略",
            part=key,
        )
