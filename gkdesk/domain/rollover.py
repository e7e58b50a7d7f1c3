"""This year's draft from last year's report (新建下一年度报告), and the table conversion between revisions it needs
(the migrations themselves are data in ``gkdesk.domain.revisions``).

Decisions:
- Carried: agency, addressee, contacts, part titles and subsection structure, narrative text, signature agency.
  Cleared: signature date, sign-off, history (one "rolled_over" entry is added), import_log, source_file.
- The new year is ``last.year + 1``; every table is in the current revision (2021), all figures 0 except 第三项 ``carry_in`` =
  last year's ``carry_out`` per column (copied verbatim, so R6 holds; R1 then flags the carried cases until the
  clerk records how they were handled). A ``carry_out`` cell last year's importer could not read
  (``unread_cells``) is no figure to carry: its ``carry_in`` is unread too (placeholder 0, UNREAD until typed) and
  the import log says so.
- ``previous`` = last year's report as it was (its own ``previous`` dropped: depth 1), so R5/R6 and the copied-text
  check run; R5 compares only when both table 二 are 2021 (the checker guards it). ``previous_values`` gives the
  grids last year's value per 2021 cell, through the 2019 mapping when needed (none for a cell not read).
- Years advance only where they name the report year: "YYYY年"/"YYYY 年" with YYYY = last.year in the title and
  the preface (counting period, "我县2020年度…"), but never inside 《…》 document titles or document numbers
  (〔2021〕45号 has no 年; "2021年第3号" is excluded explicitly). Narrative paragraphs keep last year's text
  untouched (its figures are last year's) and are marked 待更新 (``pending_update``), so PENDING warns until edited.
  Plain headings are structure and are not marked; a run-in heading with text after it is.
- 2019 trial → 2021: table 三 maps row by row, the single （六）其他处理 going to （六）3.其他 with a note; table 四 is
  identical; table 二 maps 本年新制作数量 → 本年制发件数 (assumed) and the 处理决定数量 of （五）（六）, and lists
  every 2019 block or column without a 2021 counterpart (（五）其他对外管理服务事项, the 上一年项目数量 and 本年增/减
  columns, 本年新公开数量, 对外公开总数量, （八）的收费项目, （九）政府集中采购) in the new report's import_log
  with last year's values, never silently dropped. An unread 2019 cell makes its 2021 cell unread (never a 0 taken
  for a figure), and a dropped unread cell is listed as 未读.
"""

from __future__ import annotations

import datetime as dt
import re

from gkdesk.domain import revisions
from gkdesk.domain.forms import FORM_IDS, FORM_PART, FormId, form
from gkdesk.domain.refs import cell_id, format_ref, split_cell_id
from gkdesk.domain.report import (
    PART_KEYS,
    Block,
    CellValue,
    HistoryEntry,
    ImportLogEntry,
    Part,
    Report,
    Signature,
    TableData,
    new_table,
)
from gkdesk.domain.revisions import Migration

UNREAD_TEXT = "未读"  # how notes name the value of a cell not read from the source (its placeholder is no figure)


def _format_value(value: CellValue) -> str:
    return value if isinstance(value, str) else str(value)


def _listed_value(table: TableData, cell: str) -> str:
    """A cell's value as a note lists it: 未读 for a cell not read, 空 for an empty text."""
    if cell in table.unread_cells:
        return UNREAD_TEXT
    return _format_value(table.get(cell)) or "空"


def _dropped_notes(table: TableData, step: Migration) -> list[ImportLogEntry]:
    """One entry per row whose cells (some or all) have no counterpart in the target revision."""
    definition = table.form
    by_row: dict[str, list[str]] = {}
    for cell in definition.cells:
        if step.target_cell(table.form_id, cell.cell_id) is None:
            by_row.setdefault(cell.row_id, []).append(cell.cell_id)
    source, target = revisions.revision(step.source), revisions.revision(step.target)
    part = FORM_PART[table.form_id]
    notes: list[ImportLogEntry] = []
    for row_id, cell_ids in by_row.items():
        first = definition.cell(cell_ids[0])
        values = "、".join(f"{definition.cell(c).col_label} {_listed_value(table, c)}" for c in cell_ids)
        whole_row = len(cell_ids) == sum(1 for c in definition.cells if c.row_id == row_id)
        what = "整行" if whole_row else "的部分栏目"
        notes.append(
            ImportLogEntry(
                level="warning",
                message=f"{source.name}第{part}项“{first.row_label}”{what}在 {target.format_name}中没有对应栏目，未转入"
                f"（{values}），如需说明请写入正文",
                cells=[format_ref(table.form_id, c) for c in cell_ids],
            )
        )
    return notes


def _migrate_step(table: TableData, step: Migration) -> tuple[TableData, list[ImportLogEntry]]:
    """One migration: every target cell takes the value of (at most) one source cell, so its blank and unread
    marks come with it."""
    form_id = table.form_id
    result = new_table(form_id, step.target)
    result.present = table.present
    for cell in table.form.cells:
        target = step.target_cell(form_id, cell.cell_id)
        if target is None:
            continue
        result.set(target, table.get(cell.cell_id))
        if cell.cell_id in table.blank_cells:
            result.blank_cells.append(target)
        if cell.cell_id in table.unread_cells:
            result.mark_unread([target])
    notes = [
        ImportLogEntry(level=note.level, message=note.message, cells=[format_ref(form_id, c) for c in note.cells])
        for note in step.notes
        if note.form_id == form_id
    ]
    notes.extend(_dropped_notes(table, step))
    return result, notes


def migrate_table(table: TableData, target: str | None = None) -> tuple[TableData, list[ImportLogEntry]]:
    """A copy of a table in another revision (the current one by default), and what the conversion assumed or left
    out (nothing when it is already in that revision). Without a migration path the table stays as it is."""
    goal = target or revisions.current().id
    path = revisions.migration_path(table.variant, goal) or ()
    result, notes = table.model_copy(deep=True), []
    for step in path:
        result, step_notes = _migrate_step(result, step)
        notes.extend(step_notes)
    return result, notes


def table_to_2021(table: TableData) -> tuple[TableData, list[ImportLogEntry]]:
    """The old name of ``migrate_table`` to the current revision (the window's 转换为 2021 版格式, the merge)."""
    return migrate_table(table)


def previous_values(report: Report, form_id: FormId) -> dict[str, CellValue]:
    """Last year's value of every cell of a table that has one (empty without a previous report), for the grids.

    A 2019 table of last year is mapped onto this year's 2021 table; cells without a counterpart are left out, and
    so are cells last year's importer could not read (their placeholder is no value).
    """
    prev = report.previous
    if prev is None or not prev.tables[form_id].present:
        return {}
    table, current = prev.tables[form_id], report.tables[form_id].form
    if revisions.migration_path(table.variant, current.variant):
        table, _notes = migrate_table(table, current.variant)
    unread = set(table.unread_cells)
    return {c: table.get(c) for c in table.form.cell_ids() if current.has_cell(c) and c not in unread}


# --------------------------------------------------------------------------- years in text

_BOOK_TITLE = re.compile(r"《[^《》]*》")


def advance_years(text: str, year: int) -> str:
    """Replace "YYYY年" meaning the report year by the next year, outside 《…》 titles and document numbers."""
    pattern = re.compile(rf"(?<!\d){year}(?=\s*年)(?!\s*年\s*第\s*\d+\s*号)")
    pieces: list[str] = []
    start = 0
    for title in _BOOK_TITLE.finditer(text):
        pieces.append(pattern.sub(str(year + 1), text[start : title.start()]))
        pieces.append(title.group(0))
        start = title.end()
    pieces.append(pattern.sub(str(year + 1), text[start:]))
    return "".join(pieces)


def _carried_block(block: Block) -> Block:
    """Narrative carried as a draft: text untouched, marked 待更新 when it holds prose."""
    has_prose = block.kind == "paragraph" or bool(block.inline_text.strip())
    return block.model_copy(update={"pending_update": has_prose and bool(f"{block.text}{block.inline_text}".strip())})


def _advanced_block(block: Block, year: int) -> Block:
    return block.model_copy(
        update={"text": advance_years(block.text, year), "inline_text": advance_years(block.inline_text, year)}
    )


# --------------------------------------------------------------------------- the rollover


def rollover_notes(last: Report, target: str | None = None) -> list[ImportLogEntry]:
    """What the clerk must know about last year's tables when starting this year's report in ``target`` (the
    current revision by default); empty when they are in it already."""
    goal = revisions.revision(target or revisions.current().id)
    notes: list[ImportLogEntry] = []
    steps = {f: revisions.migration_path(last.tables[f].variant, goal.id) or () for f in FORM_IDS}
    # only the tables whose form changes (table 四 is the same in 2019 and 2021)
    old = [f for f in FORM_IDS if last.tables[f].present and not last.tables[f].form.same_layout(form(f, goal.id))]
    if old:
        parts = "、".join(f"第{FORM_PART[f]}项" for f in old)
        source = revisions.revision(last.tables[old[0]].variant)
        notes.append(
            ImportLogEntry(
                level="assumed",
                message=f"上年报告的{parts}表格为 {source.format_name}，本年度报告已改用 {goal.format_name}（{goal.document}）",
            )
        )
    for form_id in FORM_IDS:
        table = last.tables[form_id]
        if table.present and steps[form_id]:
            notes.extend(_dropped_notes(table, steps[form_id][0]))
    return notes


def _carry_in(last: TableData, carried: TableData) -> list[ImportLogEntry]:
    """This year's 上年结转 from last year's 结转下年度, column by column; unread where last year's cell was."""
    unread: list[str] = []
    for col in last.form.col_ids():
        source, target = cell_id("carry_out", col), cell_id("carry_in", col)
        if source in last.unread_cells:
            carried.set(target, 0)
            carried.mark_unread([target])
            unread.append(source)
        else:
            carried.set(target, last.count(source))
    if not unread:
        return []
    more = f"等 {len(unread)} 个单元格" if len(unread) > 1 else ""
    return [
        ImportLogEntry(
            level="warning",
            message=f"上年报告{last.form.describe(unread[0])}{more}未能从原文读取，本年“上年结转”的对应单元格"
            "未结转、标为未读，请按上年报告原文填写",
            cells=[format_ref("applications", cell_id("carry_in", split_cell_id(c)[1])) for c in unread],
        )
    ]


def roll_over(last: Report, now: dt.datetime | None = None) -> Report:
    """This year's draft: last year's structure and text (marked 待更新), zero figures but the carried-over cases."""
    year = last.year + 1
    previous = last.model_copy(update={"previous": None}, deep=True)
    target = revisions.current().id
    tables: dict[FormId, TableData] = {form_id: new_table(form_id, target) for form_id in FORM_IDS}
    log = rollover_notes(last, target)
    if last.applications.present:
        log.extend(_carry_in(last.applications, tables["applications"]))
    parts = {
        key: Part(
            key=key,
            title=last.parts[key].title,
            present=True,
            blocks=[_carried_block(b) for b in last.parts[key].blocks],
        )
        for key in PART_KEYS
    }
    report = Report(
        title=advance_years(last.title, last.year) if last.title.strip() else "",
        agency=last.agency,
        year=year,
        addressee=last.addressee,
        preface=[_advanced_block(b, last.year) for b in last.preface],
        contacts=last.contacts.model_copy(deep=True),
        parts=parts,
        tables=tables,
        signature=Signature(agency=last.signature.agency or last.agency),
        history=[
            HistoryEntry(
                action="rolled_over",
                when=now or dt.datetime.now(),
                note=f"由 {last.year} 年度报告生成",
            )
        ],
        import_log=log,
        previous=previous,
    )
    if not report.title:
        report.title = report.default_title()
    return report
