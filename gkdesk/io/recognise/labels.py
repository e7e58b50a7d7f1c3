"""The words of the official tables' labels and headers, for the readers' line-shape heuristics.

Before the recogniser sees a text's tables, the text reader must tell a table line from a sentence, a header
from a row label, and join cells a copy broke apart; it asks here. Everything is derived from the form
definitions in ``gkdesk.domain.forms`` (row labels, column headers, block captions), plus a short alias table of
words real reports print that the forms do not.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from gkdesk.domain.forms import APPLICATION_ROWS, FORM_IDS, VARIANTS, FormId, form
from gkdesk.domain.values import BLANK_MARKS, normalise
from gkdesk.io.recognise.vocabulary import norm

MATCH_THRESHOLD = 0.75
_CN_NUM = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"^(?:[{_CN_NUM}]+[、.,]|\(\s*[{_CN_NUM}\d]+\s*\)|\d+[.、,](?!\d))")
_VALUE = re.compile(r"^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(万元|元|件|个|项|条|次|宗)?$")


norm_label = norm  # one normalisation of label text for readers and recogniser


def core_label(text: str) -> str:
    """A normalised label without its leading numbering ("一、", "(三)", "1.")."""
    text = norm_label(text)
    for _ in range(2):
        stripped = _NUMBERING.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text


def is_value_text(text: str) -> bool:
    """A cell that holds a number, a blank mark or nothing, as opposed to a label."""
    raw = normalise(text)
    return raw in BLANK_MARKS or bool(_VALUE.match(raw))


def is_blank_text(text: str) -> bool:
    return normalise(text) in BLANK_MARKS


@dataclass(frozen=True)
class _Target:
    form_id: FormId
    row_id: str  # applications: row id; disclosure: "block.row"; "group:..." for group labels


def _targets() -> dict[str, _Target]:
    found: dict[str, _Target] = {}
    for variant in VARIANTS:
        for row in APPLICATION_ROWS[variant]:
            found.setdefault(core_label(row.label), _Target("applications", row.row_id))
        for cell in form("disclosure", variant).cells:
            found.setdefault(core_label(cell.row_label), _Target("disclosure", cell.row_id))
    found[core_label("部分公开")] = _Target("applications", "partial")
    found["合计"] = _Target("applications", "total")
    found[core_label("规范性文件")] = _Target("disclosure", "art20_1.normative_documents")
    # group labels: the 2019 single row （六）其他处理 shares its words with the 2021 group
    for group in ("本年度办理结果", "不予公开", "无法提供", "不予处理"):
        found[group] = _Target("applications", f"group:{group}")
    return found


TARGETS = _targets()
_TARGET_CHARS = {known: Counter(known) for known in TARGETS}
GROUP_WORDS = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理")
# printed in real reports, not in the forms: the 合计 row, the unit line, 本年收费金额 without its unit
_HEADER_ALIASES = ("合计", "单位:件", "本年收费金额")


def _header_words() -> frozenset[str]:
    words = set(_HEADER_ALIASES)
    for form_id in FORM_IDS:
        for variant in VARIANTS:
            definition = form(form_id, variant)
            words.update(g.text for g in definition.grid if g.role == "header")
            words.update(c.col_label for c in definition.cells)
    return frozenset(core_label(w) for w in words if w)


HEADER_WORDS = _header_words()
_HEADER_BY_LENGTH = sorted(HEADER_WORDS, key=len, reverse=True)


def header_words(text: str) -> list[str] | None:
    """A line of table headers whose cells ran together ("结果维持结果纠正其他结果…"), split into the headers;
    None unless the whole line is made of known header words (at least two)."""
    core = core_label(text)
    words: list[str] = []
    while core:
        word = next((w for w in _HEADER_BY_LENGTH if core.startswith(w)), None)
        if word is None:
            return None
        words.append(word)
        core = core[len(word) :]
    return words if len(words) >= 2 else None


_INNER_NUMBER = re.compile(rf"\(\s*[{_CN_NUM}\d]+\s*\)|(?<![\d.])\d+\.(?!\d)")


def match_label(text: str) -> tuple[_Target | None, float]:
    """The official row a label means, and how sure we are (1.0 exact).

    Tried as written and, when a PDF line carries a piece of a neighbouring merged cell before it
    ("三 （一）予以公开"), from its last numbering on.
    """
    if len(text) > 300 or "。" in text:  # a paragraph, not a label
        return None, 0.0
    best = _match_core(core_label(text))
    norm = norm_label(text)
    inner = list(_INNER_NUMBER.finditer(norm))
    if best[1] < 1.0 and inner and inner[-1].start() > 0:
        tail = _match_core(core_label(norm[inner[-1].start() :]))
        if tail[1] > best[1]:
            best = tail
    return best


@lru_cache(maxsize=4096)
def _match_core(core: str) -> tuple[_Target | None, float]:
    if not core:
        return None, 0.0
    exact = TARGETS.get(core)
    if exact:
        return exact, 1.0
    best: tuple[_Target | None, float] = (None, 0.0)
    chars = Counter(core)
    for known, target in TARGETS.items():
        if len(core) >= 4 and known.startswith(core) and (len(core) >= 6 or len(core) >= 0.6 * len(known)):
            ratio = 0.9  # the start of a label wrapped onto the next line
        else:
            # the lengths, then the characters both share, bound the similarity: most labels are ruled out
            # without aligning them
            floor = max(best[1], MATCH_THRESHOLD)
            total = len(core) + len(known)
            if 2 * min(len(core), len(known)) < floor * total:
                continue
            counts = _TARGET_CHARS[known]
            if 2 * sum(min(n, counts.get(ch, 0)) for ch, n in chars.items()) < floor * total:
                continue
            ratio = 0.0
        ratio = max(ratio, difflib.SequenceMatcher(None, core, known, autojunk=False).ratio())
        if ratio > best[1]:
            best = (target, ratio)
    return best if best[1] >= MATCH_THRESHOLD else (None, best[1])


_RUN = re.compile(r"^(?P<label>.*?[^\d\s,.])\s*(?P<digits>\d[\d\s]*(?:\.\d+)?)$")


def digit_groups(text: str) -> list[str] | None:
    """The digit groups of a cell holding only digits and spaces, when it may be several numbers."""
    norm = unicodedata.normalize("NFKC", text).strip()
    if not norm or not re.fullmatch(r"[\d\s]+", norm):
        return None
    groups = norm.split()
    return groups if len(groups) > 1 or len(groups[0]) >= 5 else None


def split_label_digits(text: str) -> tuple[str, list[str]] | None:
    """ "一、本年新收政府信息公开申请数量8 2 0 0 0 0 10" → the label and its digit groups."""
    norm = unicodedata.normalize("NFKC", text).strip()
    if len(norm) > 300:
        return None
    match = _RUN.match(norm)
    if not match or not re.search(r"[\u4e00-\u9fff]", match.group("label")):
        return None
    return match.group("label").strip(), match.group("digits").split()
