"""Counting table 三 (and 四) of one year from the office's register of applications (依申请公开登记台账).

The reader (``gkdesk.io.ledger_reader``) hands over every sheet as raw cells; here the header row and the columns
are found by their words, each row is checked, and the rows of the year are counted:

- 本年新收: received in the year; 上年结转: received before 1 January and not answered by then;
- a result row: answered in the year (the row its 办理结果 names); 结转下年度: not answered by 31 December;
- every figure in the applicant column its type (or, without a type column, its name) names.

Each counted row adds 1 to 一 or 二 and 1 to a result row or 四 of the same column, and the totals are sums, so
R1–R3 hold by construction. A row that cannot be used is never counted silently: it is a ``RowProblem`` with its
row number and the reason, and the caller applies the counts only once the clerk has confirmed leaving them out.
Table 四 is counted the same way from the cases sheet: a case received by 31 December and not decided before
1 January counts in its group, in the column of its result when decided in the year, else as 尚未审结.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from gkdesk.domain import revisions
from gkdesk.domain.forms import APPLICANT_COLUMNS, FORM_IDS, FormId, Variant, form
from gkdesk.domain.ledger_dates import NotADate, chinese_day, parse_ledger_date
from gkdesk.domain.ledger_mapping import (
    VALUE_KIND_LABELS,
    LedgerMapping,
    SheetKind,
    ValueKind,
)
from gkdesk.domain.report import ImportLogEntry, TableData, new_table
from gkdesk.domain.totals import recompute_totals
from gkdesk.errors import GkError

HEADER_SCAN_ROWS = 30  # the header is within the first rows (a title and a blank line often come first)
EARLIEST_DAY = dt.date(2008, 1, 1)  # the 条例 took effect on 2008-05-01; an earlier date is a typo
OPEN_RESULT = "open"  # the mapping's id for "still being handled": no row of the table

ProblemKind = Literal[
    "missing_value", "not_a_date", "unmapped", "duplicate", "answer_before_received", "outside_years", "inconsistent"
]
PROBLEM_LABELS: dict[ProblemKind, str] = {
    "missing_value": "缺少内容",
    "not_a_date": "日期无法识别",
    "unmapped": "无法对应",
    "duplicate": "编号重复",
    "answer_before_received": "答复早于收到",
    "outside_years": "日期不在相关年度",
    "inconsistent": "前后矛盾",
}
REQUIRED_APPLICATION_FIELDS = ("received", "result", "answered")
REQUIRED_CASE_FIELDS = ("case_type", "received", "case_result")
FIELD_LABELS = {
    "number": "编号",
    "received": "收到日期",
    "applicant": "申请人",
    "applicant_type": "申请人类型",
    "content": "申请内容",
    "result": "办理结果",
    "answered": "答复日期",
    "note": "备注",
    "case_type": "类型",
    "case_result": "结果",
    "closed": "结案日期",
}

Cell = object  # what a spreadsheet cell holds: None, str, int, float, bool, date or datetime
Choices = Mapping[tuple[ValueKind, str], str]  # the clerk's answer for an unmapped value: (kind, value) -> id


class LedgerError(GkError):
    """The ledger cannot be counted at all (no header row, a required column missing); one Chinese sentence."""


@dataclass(frozen=True)
class RawSheet:
    """One sheet exactly as read: ``rows[i]`` is spreadsheet row ``i + 1``."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class RawLedger:
    file_name: str
    modified: dt.datetime | None
    sheets: tuple[RawSheet, ...]


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int
    kind: ProblemKind
    reason: str

    def describe(self) -> str:
        return f"“{self.sheet}”第 {self.row} 行：{self.reason}"


@dataclass(frozen=True)
class UnmappedValue:
    kind: ValueKind
    value: str
    rows: tuple[int, ...]  # the spreadsheet rows holding it (counted rows only)


@dataclass(frozen=True)
class EvidenceRow:
    """A ledger row behind a counted figure, as the dialog lists it."""

    sheet: str
    row: int
    number: str
    received: dt.date
    answered: dt.date | None
    applicant: str


@dataclass
class LedgerCount:
    """The counted tables of one year, the rows behind every figure and every row that could not be used."""

    year: int
    variant: Variant
    file_name: str
    modified: dt.datetime | None
    applications: dict[str, int]
    review_litigation: dict[str, int] | None
    problems: list[RowProblem] = field(default_factory=list)
    unmapped: list[UnmappedValue] = field(default_factory=list)
    rows_read: int = 0
    rows_counted: int = 0
    rows_other_years: int = 0
    cases_counted: int = 0
    sheet_names: dict[SheetKind, str] = field(default_factory=dict)
    _evidence: dict[tuple[FormId, str], list[EvidenceRow]] = field(default_factory=dict, repr=False)

    def tables(self) -> dict[FormId, dict[str, int]]:
        counted: dict[FormId, dict[str, int]] = {"applications": self.applications}
        if self.review_litigation is not None:
            counted["review_litigation"] = self.review_litigation
        return counted

    def rows_behind(self, form_id: FormId, cell_id: str) -> list[EvidenceRow]:
        """The ledger rows a figure counts (a total: the rows of its parts), in ledger order."""
        variant = self.variant if form_id == "applications" else revisions.current().id
        definition = form(form_id, variant)
        found: dict[tuple[str, int], EvidenceRow] = {}
        pending = [cell_id]
        while pending:
            current = pending.pop()
            cell = definition.cell(current)
            if cell.total_of:
                pending.extend(cell.total_of)
            else:
                for entry in self._evidence.get((form_id, current), ()):
                    found[(entry.sheet, entry.row)] = entry
        return sorted(found.values(), key=lambda e: (e.sheet, e.row))

    def add_evidence(self, form_id: FormId, cell_id: str, entry: EvidenceRow) -> None:
        self._evidence.setdefault((form_id, cell_id), []).append(entry)

    def source_text(self) -> str:
        when = f"（文件修改于{chinese_day(self.modified.date())}）" if self.modified else ""
        return f"登记台账“{self.file_name}”{when}"

    def log_entries(self, skipped_confirmed: bool) -> list[ImportLogEntry]:
        """What goes into the report's import log when the counts are applied."""
        parts = "第三项" + ("、第四项" if self.review_litigation is not None else "")
        entries = [
            ImportLogEntry(
                level="recognised",
                message=f"{parts}由{self.source_text()}统计{self.year}年度：计入 {self.rows_counted} 件申请"
                + (f"、{self.cases_counted} 件复议诉讼案件" if self.review_litigation is not None else ""),
                cells=[f"applications:{c}" for c in ("new.total", "carry_in.total", "total.total", "carry_out.total")],
            )
        ]
        if self.problems and skipped_confirmed:
            rows = "、".join(f"{p.sheet}第{p.row}行" for p in self.problems[:20])
            more = f"等 {len(self.problems)} 行" if len(self.problems) > 20 else ""
            entries.append(ImportLogEntry(level="warning", message=f"经核对，台账中 {rows}{more}无法使用，未计入统计"))
        return entries


# --------------------------------------------------------------------------- header and columns


@dataclass(frozen=True)
class _Header:
    row_index: int  # 0-based index into the sheet's rows
    columns: dict[str, int]


def _find_header(sheet: RawSheet, mapping: LedgerMapping, kind: SheetKind) -> _Header | None:
    best: _Header | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        columns = mapping.find_columns(kind, row)
        if "received" not in columns or len(columns) < 2:
            continue
        if kind == "review_litigation" and "case_type" not in columns:
            continue
        other: SheetKind = "review_litigation" if kind == "applications" else "applications"
        if len(mapping.find_columns(other, row)) > len(columns):
            continue  # the words fit the other sheet better: the cases sheet is no register of applications
        if best is None or len(columns) > len(best.columns):
            best = _Header(index, columns)
    return best


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return chinese_day(value.date())
    return str(value).strip()


def _missing(header: _Header, required: Sequence[str]) -> list[str]:
    return [name for name in required if name not in header.columns]


# --------------------------------------------------------------------------- rows


@dataclass
class _RowReader:
    """One sheet's rows by field name, with the checks every sheet shares."""

    sheet: RawSheet
    header: _Header
    year: int
    number_rows: dict[str, int] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, dict[str, Cell]]]:
        for index in range(self.header.row_index + 1, len(self.sheet.rows)):
            raw = self.sheet.rows[index]
            values = {name: raw[col] if col < len(raw) else None for name, col in self.header.columns.items()}
            if all(_text(v) == "" for name, v in values.items() if name not in ("number", "note")):
                continue  # an empty (or only pre-numbered) row
            yield index + 1, values

    def problem(self, row: int, kind: ProblemKind, reason: str) -> RowProblem:
        return RowProblem(self.sheet.name, row, kind, reason)

    def date(self, row: int, values: dict[str, Cell], name: str) -> dt.date | None:
        """The day in a date field; raises the row's problem when it is not a date or not a plausible one."""
        try:
            day = parse_ledger_date(values.get(name))
        except NotADate as exc:
            raise _Unusable(self.problem(row, "not_a_date", f"{FIELD_LABELS[name]}{exc}")) from None
        if day is not None and not EARLIEST_DAY <= day <= dt.date(self.year + 1, 12, 31):
            raise _Unusable(
                self.problem(
                    row,
                    "outside_years",
                    f"{FIELD_LABELS[name]}{chinese_day(day)}不在任何相关年度（应在 2008 年至 {self.year + 1} 年之间）",
                )
            )
        return day

    def duplicate(self, row: int, values: dict[str, Cell]) -> RowProblem | None:
        number = _text(values.get("number"))
        if not number:
            return None
        first = self.number_rows.setdefault(number, row)
        if first != row:
            return self.problem(row, "duplicate", f"编号“{number}”与第 {first} 行重复")
        return None


class _Unusable(Exception):
    def __init__(self, problem: RowProblem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


@dataclass
class _Unmapped:
    """Values no word maps, gathered for the clerk; rows carrying one stay out until it is chosen."""

    rows: dict[tuple[ValueKind, str], list[int]] = field(default_factory=dict)

    def add(self, kind: ValueKind, value: str, row: int) -> None:
        self.rows.setdefault((kind, value), []).append(row)

    def values(self) -> list[UnmappedValue]:
        return [UnmappedValue(kind, value, tuple(rows)) for (kind, value), rows in self.rows.items()]


def _map(mapping: LedgerMapping, choices: Choices, kind: ValueKind, value: str, allowed: Sequence[str]) -> str | None:
    chosen = choices.get((kind, value))
    if chosen is not None and chosen in allowed:
        return chosen
    target = mapping.match_value(kind, value)
    return target if target in allowed or target == OPEN_RESULT else None


def _unmapped_problem(reader: _RowReader, row: int, kind: ValueKind, value: str) -> _Unusable:
    return _Unusable(reader.problem(row, "unmapped", f"{VALUE_KIND_LABELS[kind]}“{value}”无法对应到表格的行或列"))


def _count_applications(
    sheet: RawSheet, header: _Header, mapping: LedgerMapping, choices: Choices, count: LedgerCount
) -> None:
    reader = _RowReader(sheet, header, count.year)
    variant = count.variant
    definition = form("applications", variant)
    applicant_ids = [c for c, _l in APPLICANT_COLUMNS]
    result_ids = [r for r in definition.row_ids() if r not in ("new", "carry_in", "total", "carry_out")]
    start, end = dt.date(count.year, 1, 1), dt.date(count.year, 12, 31)
    unmapped = _Unmapped()
    has_type = "applicant_type" in header.columns
    for row, values in reader.rows():
        count.rows_read += 1
        try:
            duplicate = reader.duplicate(row, values)
            if duplicate is not None:
                raise _Unusable(duplicate)
            received = reader.date(row, values, "received")
            answered = reader.date(row, values, "answered")
            if received is None:
                raise _Unusable(reader.problem(row, "missing_value", "收到日期为空"))
            if answered is not None and answered < received:
                raise _Unusable(
                    reader.problem(
                        row,
                        "answer_before_received",
                        f"答复日期{chinese_day(answered)}早于收到日期{chinese_day(received)}",
                    )
                )
            if received > end or (answered is not None and answered < start):
                count.rows_other_years += 1
                continue
            applicant = _text(values.get("applicant"))
            kind: ValueKind = "applicant_type" if has_type else "applicant_name"
            word = _text(values.get("applicant_type")) if has_type else applicant
            if not word:
                raise _Unusable(
                    reader.problem(
                        row, "missing_value", f"{FIELD_LABELS['applicant_type' if has_type else 'applicant']}为空"
                    )
                )
            column = _map(mapping, choices, kind, word, applicant_ids)
            result_word = _text(values.get("result"))
            result = _map(mapping, choices, "result", result_word, result_ids) if result_word else OPEN_RESULT
            answered_in_year = answered is not None and answered <= end
            if answered is None and result != OPEN_RESULT and result is not None:
                raise _Unusable(
                    reader.problem(
                        row, "inconsistent", f"办理结果为“{result_word}”，但答复日期为空（空白表示尚未办结）"
                    )
                )
            if answered_in_year and result == OPEN_RESULT:
                reason = (
                    "答复日期已填，但办理结果为空" if not result_word else f"答复日期已填，但办理结果为“{result_word}”"
                )
                raise _Unusable(reader.problem(row, "inconsistent" if result_word else "missing_value", reason))
            if column is None:
                unmapped.add(kind, word, row)
                raise _unmapped_problem(reader, row, kind, word)
            if answered_in_year and result is None:
                unmapped.add("result", result_word, row)
                raise _unmapped_problem(reader, row, "result", result_word)
        except _Unusable as exc:
            count.problems.append(exc.problem)
            continue
        first = "new" if received >= start else "carry_in"
        last = result if answered_in_year and result is not None else "carry_out"
        entry = EvidenceRow(sheet.name, row, _text(values.get("number")), received, answered, applicant)
        for row_id in (first, last):
            count.applications[f"{row_id}.{column}"] += 1
            count.add_evidence("applications", f"{row_id}.{column}", entry)
        count.rows_counted += 1
    count.unmapped.extend(unmapped.values())


def _count_cases(
    sheet: RawSheet, header: _Header, mapping: LedgerMapping, choices: Choices, count: LedgerCount
) -> dict[str, int]:
    reader = _RowReader(sheet, header, count.year)
    counts = dict.fromkeys(form("review_litigation").cell_ids(), 0)
    start, end = dt.date(count.year, 1, 1), dt.date(count.year, 12, 31)
    groups = ("review", "lit_direct", "lit_after_review")
    results = ("upheld", "corrected", "other", "pending")
    has_closed = "closed" in header.columns
    unmapped = _Unmapped()
    for row, values in reader.rows():
        try:
            duplicate = reader.duplicate(row, values)
            if duplicate is not None:
                raise _Unusable(duplicate)
            received = reader.date(row, values, "received")
            closed = reader.date(row, values, "closed") if has_closed else None
            if received is None:
                raise _Unusable(reader.problem(row, "missing_value", "收到日期为空"))
            if closed is not None and closed < received:
                raise _Unusable(
                    reader.problem(
                        row,
                        "answer_before_received",
                        f"结案日期{chinese_day(closed)}早于收到日期{chinese_day(received)}",
                    )
                )
            if received > end or (closed is not None and closed < start):
                continue
            type_word = _text(values.get("case_type"))
            if not type_word:
                raise _Unusable(reader.problem(row, "missing_value", "类型为空"))
            group = _map(mapping, choices, "case_type", type_word, groups)
            result_word = _text(values.get("case_result"))
            result = _map(mapping, choices, "case_result", result_word, results) if result_word else "pending"
            decided = result not in (None, "pending")
            if has_closed and closed is None and decided:
                raise _Unusable(reader.problem(row, "inconsistent", f"结果为“{result_word}”，但结案日期为空"))
            if closed is not None and closed <= end and result == "pending":
                raise _Unusable(reader.problem(row, "inconsistent", f"结案日期已填，但结果为“{result_word or '空'}”"))
            if group is None:
                unmapped.add("case_type", type_word, row)
                raise _unmapped_problem(reader, row, "case_type", type_word)
            if result is None:
                unmapped.add("case_result", result_word, row)
                raise _unmapped_problem(reader, row, "case_result", result_word)
        except _Unusable as exc:
            count.problems.append(exc.problem)
            continue
        column = result if closed is None or closed <= end else "pending"
        counts[f"{group}.{column}"] += 1
        counts[f"{group}.total"] += 1
        count.add_evidence(
            "review_litigation",
            f"{group}.{column}",
            EvidenceRow(sheet.name, row, _text(values.get("number")), received, closed, ""),
        )
        count.cases_counted += 1
    count.unmapped.extend(unmapped.values())
    return counts


def _complete_totals(counts: dict[str, int], variant: Variant) -> None:
    table = new_table("applications", variant)
    table.counts.update(counts)
    recompute_totals(table)
    counts.update(table.counts)


def _pick_sheet(
    ledger: RawLedger, mapping: LedgerMapping, kind: SheetKind, skip: str | None = None
) -> tuple[RawSheet, _Header] | None:
    best: tuple[RawSheet, _Header] | None = None
    for sheet in ledger.sheets:
        if sheet.name == skip:
            continue
        header = _find_header(sheet, mapping, kind)
        if header is not None and (best is None or len(header.columns) > len(best[1].columns)):
            best = (sheet, header)
    return best


def count_ledger(ledger: RawLedger, mapping: LedgerMapping, year: int, choices: Choices | None = None) -> LedgerCount:
    """Table 三 (and 四 when the ledger has a cases sheet) of ``year`` in the mapping's variant."""
    choices = choices or {}
    variant = mapping.variant
    count = LedgerCount(
        year,
        variant,
        ledger.file_name,
        ledger.modified,
        dict.fromkeys(form("applications", variant).cell_ids(), 0),
        None,
    )
    found = _pick_sheet(ledger, mapping, "applications")
    if found is None:
        raise LedgerError(
            f"在“{ledger.file_name}”中找不到登记台账的表头（应有“收到日期”“申请人”“办理结果”“答复日期”等列）"
        )
    sheet, header = found
    missing = _missing(header, REQUIRED_APPLICATION_FIELDS)
    if "applicant" not in header.columns and "applicant_type" not in header.columns:
        missing.append("applicant")
    if missing:
        names = "”“".join(FIELD_LABELS[m] for m in missing)
        raise LedgerError(
            f"“{ledger.file_name}”的“{sheet.name}”第 {header.row_index + 1} 行表头缺少“{names}”列，无法统计"
        )
    count.sheet_names["applications"] = sheet.name
    _count_applications(sheet, header, mapping, choices, count)
    _complete_totals(count.applications, variant)
    cases = _pick_sheet(ledger, mapping, "review_litigation", skip=sheet.name)
    if cases is not None:
        case_sheet, case_header = cases
        count.sheet_names["review_litigation"] = case_sheet.name
        missing = _missing(case_header, REQUIRED_CASE_FIELDS)
        if missing:
            names = "”“".join(FIELD_LABELS[m] for m in missing)
            count.problems.append(
                RowProblem(
                    case_sheet.name,
                    case_header.row_index + 1,
                    "missing_value",
                    f"表头缺少“{names}”列，第四项无法统计",
                )
            )
        else:
            count.review_litigation = _count_cases(case_sheet, case_header, mapping, choices, count)
    count.problems.sort(key=lambda p: (p.sheet != sheet.name, p.sheet, p.row))
    return count


def counted_tables(current: Mapping[FormId, TableData], count: LedgerCount) -> dict[FormId, TableData]:
    """Copies of the report's tables 三 (and 四) holding the counted figures: what applying the counts sets."""
    tables: dict[FormId, TableData] = {}
    for form_id, figures in count.tables().items():
        table = current[form_id].model_copy(deep=True) if form_id in current else new_table(form_id)
        if form_id == "applications" and table.variant != count.variant:
            table = new_table(form_id, count.variant)
        for cell_id, value in figures.items():
            table.set(cell_id, value)
        table.present = True
        tables[form_id] = table
    return tables


def differences(current: Mapping[FormId, TableData], count: LedgerCount) -> dict[FormId, list[str]]:
    """The cells whose counted figure is not what the report holds (an unread cell always differs)."""
    found: dict[FormId, list[str]] = {}
    for form_id in FORM_IDS:
        figures = count.tables().get(form_id)
        if figures is None or form_id not in current:
            continue
        table = current[form_id]
        found[form_id] = [
            c
            for c, v in figures.items()
            if not table.form.has_cell(c) or c in table.unread_cells or table.counts.get(c) != v
        ]
    return found
