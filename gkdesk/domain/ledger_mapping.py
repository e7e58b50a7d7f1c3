"""Words to ids: which ledger column a header names, and which column or row of table 三/四 a value names.

The words live in one data file (``resources/ledger/mapping.json``, loaded by ``gkdesk.io.ledger_reader``); the
official labels of table 三 and 四 are added here from ``gkdesk.domain.forms`` so the template's own drop-down
values always map. Matching never guesses between two rows: an ambiguous value is unmapped and the clerk is asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from gkdesk.domain import revisions
from gkdesk.domain.forms import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    RESULTS_GROUP_LABEL,
    REVIEW_COLUMNS,
    ApplicationRow,
    Variant,
)
from gkdesk.errors import GkError

SheetKind = Literal["applications", "review_litigation"]
ValueKind = Literal["applicant_type", "applicant_name", "result", "case_type", "case_result"]
VALUE_KINDS: tuple[ValueKind, ...] = ("applicant_type", "applicant_name", "result", "case_type", "case_result")
VALUE_KIND_LABELS: dict[ValueKind, str] = {
    "applicant_type": "申请人类型",
    "applicant_name": "申请人（按名称判断类型）",
    "result": "办理结果",
    "case_type": "案件类型",
    "case_result": "案件结果",
}

# The template's columns, in order, with the header text it prints (the first synonym of each is the same word).
APPLICATION_FIELDS: tuple[tuple[str, str], ...] = (
    ("number", "编号"),
    ("received", "收到日期"),
    ("applicant", "申请人"),
    ("applicant_type", "申请人类型"),
    ("content", "申请内容"),
    ("result", "办理结果"),
    ("answered", "答复日期"),
    ("note", "备注"),
)
CASE_FIELDS: tuple[tuple[str, str], ...] = (
    ("number", "编号"),
    ("case_type", "类型"),
    ("received", "收到日期"),
    ("case_result", "结果"),
    ("closed", "结案日期"),
    ("note", "备注"),
)
# What the template's second sheet offers, and the review/litigation group or column each word stands for.
CASE_TYPE_CHOICES: tuple[tuple[str, str], ...] = (
    ("review", "复议"),
    ("lit_direct", "直接起诉"),
    ("lit_after_review", "复议后起诉"),
)
CASE_RESULT_CHOICES: tuple[tuple[str, str], ...] = (
    ("upheld", "维持"),
    ("corrected", "纠正"),
    ("other", "其他"),
    ("pending", "尚未审结"),
)

_ENUMERATOR = re.compile(r"[（(][一二三四五六七八九十\d]+[)）]|(?<![\d])\d{1,2}[.．、]|[一二三四五六七八九十]+、")
_NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)


def normalise(text: str) -> str:
    """The comparable form of a header or a value: NFKC, no enumerators, spaces or punctuation; lower case."""
    value = unicodedata.normalize("NFKC", text)
    value = _ENUMERATOR.sub("", value)
    return _NOT_WORD.sub("", value).lower()


def result_choice_text(row: ApplicationRow) -> str:
    """A result row in the official wording, as the template's drop-down and the dialog offer it."""
    if row.group and row.group != RESULTS_GROUP_LABEL:
        return f"{row.group}—{row.label}"
    return row.label


def result_rows(variant: Variant) -> tuple[ApplicationRow, ...]:
    """The rows of 三、本年度办理结果 that a ledger row lands in (every item row; never （七）总计)."""
    return tuple(row for row in APPLICATION_ROWS[variant] if row.is_item)


def result_choices(variant: Variant) -> tuple[tuple[str, str], ...]:
    """``(row id, official text)`` for every result row of the variant."""
    return tuple((row.row_id, result_choice_text(row)) for row in result_rows(variant))


def value_choices(kind: ValueKind, variant: Variant) -> tuple[tuple[str, str], ...]:
    """What the clerk may pick for an unmapped value of ``kind``."""
    if kind in ("applicant_type", "applicant_name"):
        return APPLICANT_COLUMNS
    if kind == "result":
        return result_choices(variant)
    if kind == "case_type":
        return CASE_TYPE_CHOICES
    return CASE_RESULT_CHOICES


@dataclass(frozen=True)
class _Words:
    exact: dict[str, str] = field(default_factory=dict)  # normalised word -> id
    contains: tuple[tuple[str, str], ...] = ()  # (normalised word, id), longest first

    def match(self, value: str) -> str | None:
        key = normalise(value)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        best_len, found = 0, set[str]()
        for word, target in self.contains:
            if len(word) < best_len:
                break
            if word in key:
                best_len = len(word)
                found.add(target)
        return found.pop() if len(found) == 1 else None


def _words(exact: Iterable[tuple[str, str]], contains: Iterable[tuple[str, str]]) -> _Words:
    exact_map: dict[str, str] = {}
    ambiguous: set[str] = set()
    for word, target in exact:
        key = normalise(word)
        if key in exact_map and exact_map[key] != target:
            ambiguous.add(key)
        exact_map[key] = target
    for key in ambiguous:
        del exact_map[key]
    pairs = sorted({(normalise(w), t) for w, t in contains if normalise(w)}, key=lambda p: -len(p[0]))
    return _Words(exact_map, tuple(pairs))


def _official_words(kind: ValueKind, variant: Variant) -> list[tuple[str, str]]:
    """The printed labels of the form: always recognised, whatever the mapping file says."""
    if kind == "applicant_type":
        return [(label, col) for col, label in APPLICANT_COLUMNS]
    if kind == "result":
        words: list[tuple[str, str]] = []
        for row in result_rows(revisions.current().id):
            for text in (row.label, row.short, result_choice_text(row)):
                words.append((text, row.row_id))
        for row in result_rows(variant):  # the 2019 single （六）其他处理: in 2021 terms, ``match_value`` folds it back
            words.append((result_choice_text(row), "other.other" if row.row_id == "other" else row.row_id))
        return words
    if kind == "case_type":
        return [(label, gid) for gid, label in CASE_TYPE_CHOICES]
    if kind == "case_result":
        return [(label, cid) for cid, label in REVIEW_COLUMNS if cid != "total"] + [
            (label, cid) for cid, label in CASE_RESULT_CHOICES
        ]
    return []


_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]+[·•][\u4e00-\u9fff]+$")


class LedgerMapping:
    """The mapping file's words plus the official labels, for one report variant."""

    def __init__(self, data: Mapping[str, Any], variant: Variant | None = None) -> None:
        try:
            columns = data["columns"]
            values = data["values"]
            self.variant: Variant = variant or revisions.current().id
            self._columns: dict[SheetKind, dict[str, tuple[str, ...]]] = {
                sheet: {name: tuple(words) for name, words in columns[sheet].items()}
                for sheet in ("applications", "review_litigation")
            }
            self._values: dict[ValueKind, _Words] = {}
            for kind in VALUE_KINDS:
                entries = {k: v for k, v in values.get(kind, {}).items() if not k.startswith("_")}
                exact = [(w, target) for target, e in entries.items() for w in e.get("exact", [])]
                contains = [(w, target) for target, e in entries.items() for w in e.get("contains", [])]
                self._values[kind] = _words([*_official_words(kind, self.variant), *exact], contains)
        except (KeyError, TypeError, AttributeError) as exc:
            raise GkError(f"台账对照表（mapping.json）格式不对：缺少或无法读取“{exc}”") from exc

    def column_words(self, sheet: SheetKind) -> dict[str, tuple[str, ...]]:
        return self._columns[sheet]

    def match_value(self, kind: ValueKind, value: str) -> str | None:
        """The column/row id ``value`` names, or None when no word or more than one row fits."""
        target = self._values[kind].match(value)
        if target is None and kind == "applicant_name" and _PERSON_NAME.match(value.strip()):
            return "natural"
        if target is not None and kind == "result" and target.startswith("other."):
            rows = {row.row_id for row in result_rows(self.variant)}
            if target not in rows and "other" in rows:
                return "other"  # a revision with one （六）其他处理 row (the 2019 trial format)
        return target

    def find_columns(self, sheet: SheetKind, header: Sequence[object]) -> dict[str, int]:
        """Which cell of a header row holds which field: the exact word first, else the longest word inside."""
        best: dict[str, tuple[int, int]] = {}  # field -> (score, column index)
        for index, cell in enumerate(header):
            if cell is None:
                continue
            key = normalise(str(cell))
            if not key:
                continue
            cell_best: tuple[int, str] | None = None
            for name, words in self._columns[sheet].items():
                for word in words:
                    w = normalise(word)
                    score = 1000 if w == key else (len(w) if w and w in key else 0)
                    if score and (cell_best is None or score > cell_best[0]):
                        cell_best = (score, name)
            if cell_best is None:
                continue
            score, name = cell_best
            if name not in best or score > best[name][0]:
                best[name] = (score, index)
        return {name: index for name, (_score, index) in best.items()}
