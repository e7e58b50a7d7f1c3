"""The ledger template gkdesk ships and writes (文件 → 新建登记台账…): what a clerk fills in during the year.

Sheet 1 has one row per application with drop-downs for 申请人类型 and 办理结果 (every result row of table 三 in the
official wording of the report's format, taken from ``gkdesk.domain.forms``); sheet 2 holds the review and
litigation cases of table 四. The drop-down lists live on a hidden sheet: Excel allows only 255 characters in a
list typed into the validation itself, and the official wording is longer than that.
"""

from __future__ import annotations

import datetime as dt
import io
import os

from gkdesk.domain import revisions
from gkdesk.domain.forms import APPLICANT_COLUMNS, Variant
from gkdesk.domain.ledger_mapping import (
    APPLICATION_FIELDS,
    CASE_FIELDS,
    CASE_RESULT_CHOICES,
    CASE_TYPE_CHOICES,
    result_choices,
)
from gkdesk.io.atomic import atomic_write_bytes

APPLICATIONS_SHEET = "依申请公开登记台账"
CASES_SHEET = "行政复议行政诉讼"
CHOICES_SHEET = "选项"
TEMPLATE_ROWS = 2000  # rows that carry the drop-downs and the date format
SUGGESTED_NAME = "依申请公开登记台账.xlsx"
FIXED_TIME = dt.datetime(2021, 9, 26)  # the workbook's own timestamps: a rebuilt template has the same content
_WIDTHS_APPLICATIONS = (12, 13, 24, 16, 40, 46, 13, 24)
_WIDTHS_CASES = (14, 14, 13, 12, 13, 30)
_NOTES_APPLICATIONS = {
    "received": "收到申请的日期，如 2025-03-05",
    "answered": "答复申请人的日期；空白表示尚未办结（结转下年度）",
    "result": "从下拉列表选择第三项“本年度办理结果”中的一行",
    "applicant_type": "从下拉列表选择",
}
_NOTES_CASES = {
    "received": "收到复议申请或起诉的日期",
    "closed": "作出复议决定或裁判的日期；空白表示尚未审结",
}


def choice_lists(variant: Variant) -> dict[str, tuple[str, ...]]:
    """The drop-down lists by the field they serve, in the order the template offers them."""
    return {
        "applicant_type": tuple(label for _c, label in APPLICANT_COLUMNS),
        "result": tuple(text for _r, text in result_choices(variant)),
        "case_type": tuple(label for _g, label in CASE_TYPE_CHOICES),
        "case_result": tuple(label for _c, label in CASE_RESULT_CHOICES),
    }


def template_bytes(variant: Variant | None = None) -> bytes:
    """The template workbook as .xlsx bytes, in ``variant``'s wording (the current revision by default)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.properties.creator = "gkdesk"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    applications = workbook.active
    assert applications is not None
    applications.title = APPLICATIONS_SHEET
    cases = workbook.create_sheet(CASES_SHEET)
    choices = workbook.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    lists = choice_lists(variant or revisions.current().id)
    ranges: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        choices.cell(row=1, column=col, value=name)
        for row, value in enumerate(values, start=2):
            choices.cell(row=row, column=col, value=value)
        ranges[name] = f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(values) + 1}"  # quoted: always valid

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for sheet, fields, widths, notes in (
        (applications, APPLICATION_FIELDS, _WIDTHS_APPLICATIONS, _NOTES_APPLICATIONS),
        (cases, CASE_FIELDS, _WIDTHS_CASES, _NOTES_CASES),
    ):
        for col, ((name, label), width) in enumerate(zip(fields, widths, strict=True), start=1):
            cell = sheet.cell(row=1, column=col, value=label)
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            letter = get_column_letter(col)
            sheet.column_dimensions[letter].width = width
            if name in notes:
                cell.comment = Comment(notes[name], "gkdesk")
            if name in ranges:
                validation = DataValidation(
                    type="list",
                    formula1=ranges[name],  # OOXML stores formulas without the leading "="
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="warning",
                    errorTitle="不在列表中",
                    error="请从下拉列表中选择；如确需填写其他内容，统计时 gkdesk 会请您对应到表格的行。",
                )
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                sheet.add_data_validation(validation)
            if name in ("received", "answered", "closed"):
                for row in range(2, TEMPLATE_ROWS + 2):
                    sheet.cell(row=row, column=col).number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_template(path: str | os.PathLike[str], variant: Variant | None = None) -> None:
    """Write the template through the atomic writer (an existing file is kept as ``.bak``)."""
    atomic_write_bytes(path, template_bytes(variant))
