"""The words of the official tables' labels and headers, for the readers' line-shape heuristics.

Before the recogniser sees a text's tables, the text reader must tell a table line from a sentence, a header
from a row label, and join cells a copy broke apart; it asks here. Everything is derived from the form
definitions in ``gkdesk.domain.forms`` of every registered revision (row labels, group labels, column headers),
plus the alias tables of words real reports print that the forms do not (``vocabulary.ROW_ALIASES`` for rows,
``HEADER_ALIASES`` for headers). The derived tables are cached per registry version.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from gkdesk.domain import revisions
from gkdesk.domain.forms import FORM_IDS, FormId, application_rows, form
from gkdesk.domain.values import BLANK_MARKS, normalise
from gkdesk.io.recognise.vocabulary import ROW_ALIASES, norm

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
    variants = revisions.revision_ids()
    for variant in variants:
        for row in application_rows(variant):
            found.setdefault(core_label(row.label), _Target("applications", row.row_id))
        for cell in form("disclosure", variant).cells:
            found.setdefault(core_label(cell.row_label), _Target("disclosure", cell.row_id))
    for (form_id, row_id), aliases in ROW_ALIASES.items():
        for alias in aliases:
            found[core_label(alias)] = _Target(form_id, row_id)
    # group labels, unless a row has the same words (the 2019 single row （六）其他处理 and the 2021 group)
    for group in _group_words(variants):
        if group not in found:
            found[group] = _Target("applications", f"group:{group}")
    return found


def _group_words(variants: tuple[str, ...]) -> tuple[str, ...]:
    groups = (core_label(row.group) for variant in variants for row in application_rows(variant) if row.group)
    return tuple(dict.fromkeys(groups))


@dataclass(frozen=True)
class _Vocabulary:
    targets: dict[str, _Target]
    target_chars: dict[str, Counter[str]]
    group_words: tuple[str, ...]
    header_words: frozenset[str]
    headers_by_length: tuple[str, ...]


# printed in real reports, not in the forms: the 合计 row, the unit line, 本年收费金额 without its unit
HEADER_ALIASES = ("合计", "单位:件", "本年收费金额")


def _header_words() -> frozenset[str]:
    words = set(HEADER_ALIASES)
    for form_id in FORM_IDS:
        for variant in revisions.revision_ids():
            definition = form(form_id, variant)
            words.update(g.text for g in definition.grid if g.role == "header")
            words.update(c.col_label for c in definition.cells)
    return frozenset(core_label(w) for w in words if w)


@cache
def _vocabulary(_registry_version: int) -> _Vocabulary:
    targets = _targets()
    headers = _header_words()
    return _Vocabulary(
        targets,
        {known: Counter(known) for known in targets},
        _group_words(revisions.revision_ids()),
        headers,
        tuple(sorted(headers, key=len, reverse=True)),
    )


def vocabulary() -> _Vocabulary:
    """The label vocabulary of every registered revision."""
    return _vocabulary(revisions.registry_version())


def targets() -> dict[str, _Target]:
    """Core label → the row (or group) it names."""
    return vocabulary().targets


def group_words() -> tuple[str, ...]:
    """The core words of table 三's merged group labels (本年度办理结果, 不予公开, …)."""
    return vocabulary().group_words


def header_word_set() -> frozenset[str]:
    """The core words of every column header and column label."""
    return vocabulary().header_words


def header_words(text: str) -> list[str] | None:
    """A line of table headers whose cells ran together ("结果维持结果纠正其他结果…"), split into the headers;
    None unless the whole line is made of known header words (at least two)."""
    core = core_label(text)
    words: list[str] = []
    while core:
        word = next((w for w in vocabulary().headers_by_length if core.startswith(w)), None)
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
    version = revisions.registry_version()
    best = _match_core(core_label(text), version)
    norm = norm_label(text)
    inner = list(_INNER_NUMBER.finditer(norm))
    if best[1] < 1.0 and inner and inner[-1].start() > 0:
        tail = _match_core(core_label(norm[inner[-1].start() :]), version)
        if tail[1] > best[1]:
            best = tail
    return best


@lru_cache(maxsize=4096)
def _match_core(core: str, registry_version: int) -> tuple[_Target | None, float]:
    if not core:
        return None, 0.0
    words = _vocabulary(registry_version)
    exact = words.targets.get(core)
    if exact:
        return exact, 1.0
    best: tuple[_Target | None, float] = (None, 0.0)
    chars = Counter(core)
    for known, target in words.targets.items():
        if len(core) >= 4 and known.startswith(core) and (len(core) >= 6 or len(core) >= 0.6 * len(known)):
            ratio = 0.9  # the start of a label wrapped onto the next line
        else:
            # the lengths, then the characters both share, bound the similarity: most labels are ruled out
            # without aligning them
            floor = max(best[1], MATCH_THRESHOLD)
            total = len(core) + len(known)
            if 2 * min(len(core), len(known)) < floor * total:
                continue
            counts = words.target_chars[known]
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
