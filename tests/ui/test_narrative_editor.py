"""Narrative parts: subsections and paragraphs as plain text, with the block structure kept for export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from gkdesk.domain.report import Block, new_report
from gkdesk.io.native import read_native
from gkdesk.ui.main_window import NarrativePage
from gkdesk.ui.narrative_editor import (
    Group,
    NarrativeEditor,
    body_lines,
    chinese_number,
    join_groups,
    rebuild_group,
    split_groups,
)
from gkdesk.ui.session import ReportSession

CTRL = Qt.KeyboardModifier.ControlModifier


def H(text: str, level: int = 2, inline: str = "", pending: bool = False) -> Block:
    return Block(kind="heading", text=text, level=level, inline_text=inline, pending_update=pending)


def P(text: str, pending: bool = False) -> Block:
    return Block(kind="paragraph", text=text, pending_update=pending)


SECTION = [
    P("2024 年，我县认真贯彻条例。", pending=True),
    H("主动公开情况。", inline="全年主动公开信息 512 条。"),
    P("一是加强政策解读。"),
    H("政策解读", level=3),
    P("发布解读 12 篇。", pending=True),
    H("图解", level=4),
    H("视频", level=4),
    H("公开平台", level=3),
    P("1.手工编号的段落。"),
    H("依申请公开情况"),
    P("共收到申请 3 件。"),
]


def test_chinese_numbers_for_headings() -> None:
    assert [chinese_number(n) for n in (1, 5, 10, 11, 20, 21, 99)] == [
        "一",
        "五",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]


def test_groups_split_and_join_without_loss() -> None:
    groups = split_groups(SECTION)
    assert [g.heading.text if g.heading else None for g in groups] == [None, "主动公开情况。", "依申请公开情况"]
    assert join_groups(groups) == SECTION
    assert split_groups([])[0] == Group(None, [])


def test_body_lines_number_the_lower_headings_and_show_run_in_text_first() -> None:
    groups = split_groups(SECTION)
    assert body_lines(groups[1]) == [
        "全年主动公开信息 512 条。",
        "一是加强政策解读。",
        "1.政策解读",
        "发布解读 12 篇。",
        "（1）图解",
        "（2）视频",
        "2.公开平台",
        "1.手工编号的段落。",
    ]


def test_unchanged_lines_keep_their_blocks_exactly() -> None:
    group = split_groups(SECTION)[1]
    assert rebuild_group(group, body_lines(group)) == group
    intro = split_groups(SECTION)[0]
    assert rebuild_group(intro, body_lines(intro)).body[0].pending_update


def test_editing_a_pending_paragraph_clears_only_its_mark() -> None:
    group = split_groups(SECTION)[1]
    lines = body_lines(group)
    lines[3] = "发布解读 15 篇。"
    rebuilt = rebuild_group(group, lines)
    assert rebuilt.body[2] == P("发布解读 15 篇。")
    assert [b for i, b in enumerate(rebuilt.body) if i != 2] == [b for i, b in enumerate(group.body) if i != 2]


def test_new_numbered_lines_become_headings_and_old_numbered_paragraphs_stay_paragraphs() -> None:
    group = split_groups(SECTION)[1]
    lines = body_lines(group)
    lines[7] = "1.手工编号的段落，改过。"
    lines += ["3.新的小标题", "（1）更细的一级", "2.5 万元用于平台建设。", "", "   "]
    body = rebuild_group(group, lines).body
    assert body[6] == P("1.手工编号的段落，改过。")
    assert body[7:] == [H("新的小标题", level=3), H("更细的一级", level=4), P("2.5 万元用于平台建设。")]


def test_renumbering_alone_is_not_an_edit_and_run_in_text_is_edited_in_the_first_line() -> None:
    group = split_groups(SECTION)[1]
    lines = body_lines(group)
    del lines[2:6]  # the first level-3 heading with its paragraph and subheadings
    lines[0] = "全年主动公开信息 600 条。"
    rebuilt = rebuild_group(group, lines)
    assert rebuilt.heading == H("主动公开情况。", inline="全年主动公开信息 600 条。")
    assert rebuilt.body == [P("一是加强政策解读。"), H("公开平台", level=3), P("1.手工编号的段落。")]
    assert body_lines(rebuilt)[2] == "1.公开平台"  # the exporter and the next view renumber


def test_retyping_a_run_in_heading_line_keeps_the_split() -> None:
    group = Group(None, [H("加强组织领导。", level=3, inline="成立领导小组。")])
    assert body_lines(group) == ["1.加强组织领导。成立领导小组。"]
    rebuilt = rebuild_group(group, ["1.加强组织领导。成立了工作专班。"])
    assert rebuilt.body == [H("加强组织领导。", level=3, inline="成立了工作专班。")]


def _editor(qtbot, blocks: list[Block]) -> NarrativeEditor:
    report = new_report("交口县", 2024)
    report.parts["一"].blocks = list(blocks)
    session = ReportSession(report)
    editor = NarrativeEditor(session, "一")
    qtbot.addWidget(editor)
    editor.resize(900, 600)
    editor.show()
    return editor


def test_typing_updates_the_section_as_one_undo_step(qtbot) -> None:
    editor = _editor(qtbot, SECTION)
    session = editor.session
    editor.select_group(2)
    assert editor.body.toPlainText() == "共收到申请 3 件。"
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body, " OK")
    assert session.report.parts["一"].blocks[-1] == P("共收到申请 3 件。 OK")
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body, "2.new")
    assert session.report.parts["一"].blocks[-2:] == [P("共收到申请 3 件。 OK"), H("new", level=3)]
    assert [session.undo_stack.text(i) for i in range(session.undo_stack.count())] == ["编辑正文", "编辑正文"]
    session.undo_stack.undo()
    assert session.report.parts["一"].blocks[-1] == P("共收到申请 3 件。 OK")
    assert editor.body.toPlainText() == "共收到申请 3 件。 OK"
    session.undo_stack.undo()
    assert session.report.parts["一"].blocks == SECTION
    assert editor.body.toPlainText() == "共收到申请 3 件。"


def test_undo_shows_the_subsection_it_changes(qtbot) -> None:
    editor = _editor(qtbot, SECTION)
    editor.select_group(2)
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body, "!")
    editor.select_group(1)
    editor.session.undo_stack.undo()
    assert editor.current_group == 2
    assert editor.body.toPlainText() == "共收到申请 3 件。"
    assert editor.session.report.parts["一"].blocks == SECTION


def test_pending_paragraphs_are_shaded_and_lose_the_mark_when_edited(qtbot) -> None:
    editor = _editor(qtbot, SECTION)
    assert editor.group_titles()[0] == "（引言）"
    assert editor.subsections_model.row(0)[Qt.ItemDataRole.DisplayRole] == "（引言）  · 待更新"
    assert editor.pending_lines() == [0]
    editor.select_group(1)
    assert editor.pending_lines() == [3]
    assert "待更新" in editor.hint_label.text()
    cursor = QTextCursor(editor.body.document().findBlockByNumber(3))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.body.setTextCursor(cursor)
    qtbot.keyClicks(editor.body, "!")
    assert editor.pending_lines() == []
    assert editor.session.report.parts["一"].blocks[4] == P("发布解读 12 篇。!")
    assert editor.subsections_model.row(1)[Qt.ItemDataRole.DisplayRole] == "（一）主动公开情况。"
    assert editor.focus_first_pending()
    assert editor.current_group == 0


def test_add_rename_move_remove_subsections_each_undoable(qtbot, prompts) -> None:
    editor = _editor(qtbot, SECTION)
    session = editor.session
    editor.select_group(1)
    prompts.answers["ask_text"] = "监督保障方面"
    editor.add_button.click()
    assert editor.group_titles() == ["（引言）", "（一）主动公开情况。", "（二）监督保障方面", "（三）依申请公开情况"]
    assert editor.current_group == 2
    prompts.answers["ask_text"] = "监督保障情况"
    editor.rename_button.click()
    assert editor.group_titles()[2] == "（二）监督保障情况"
    editor.up_button.click()
    assert editor.group_titles()[1:] == ["（一）监督保障情况", "（二）主动公开情况。", "（三）依申请公开情况"]
    assert editor.current_group == 1
    assert not editor.up_button.isEnabled()  # the intro stays first
    editor.select_group(3)
    prompts.answers["confirm"] = False
    editor.remove_button.click()
    assert len(editor.group_titles()) == 4
    prompts.answers["confirm"] = True
    editor.remove_button.click()
    assert editor.group_titles() == ["（引言）", "（一）监督保障情况", "（二）主动公开情况。"]
    assert "删除“（三）依申请公开情况”及其下的 1 段文字？" in prompts.texts("confirm")[0]
    texts = [session.undo_stack.text(i) for i in range(session.undo_stack.count())]
    assert texts == ["添加小标题", "重命名小标题", "移动小标题", "删除小标题"]
    for _ in texts:
        session.undo_stack.undo()
    assert session.report.parts["一"].blocks == SECTION
    assert editor.group_titles() == ["（引言）", "（一）主动公开情况。", "（二）依申请公开情况"]


def test_read_only_report_cannot_be_edited(qtbot) -> None:
    editor = _editor(qtbot, SECTION)
    editor.session.sign_off("张三", __import__("datetime").date(2025, 1, 20))
    assert editor.body.isReadOnly()
    assert not any(b.isEnabled() for b in (editor.add_button, editor.rename_button, editor.remove_button))
    qtbot.keyClicks(editor.body, "x")
    assert editor.session.report.parts["一"].blocks == SECTION


def test_subsection_model_passes_the_model_tester(qtbot, qtmodeltester) -> None:
    editor = _editor(qtbot, SECTION)
    qtmodeltester.check(editor.subsections_model)


def test_ctrl_z_in_the_text_goes_to_the_report_undo_stack(qtbot, main_window, jiaokou_file) -> None:
    assert main_window.open_path(jiaokou_file)
    document = main_window.document
    document.show_part("六")
    page = document.pages["六"]
    assert isinstance(page, NarrativePage)
    body = page.editor.body
    assert body.toPlainText() == "无。"
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, "abc")
    assert main_window.session.report.parts["六"].blocks == [P("无。abc")]
    qtbot.keyClick(body, Qt.Key.Key_Z, CTRL)
    assert main_window.session.report.parts["六"].blocks == [P("无。")]
    assert body.toPlainText() == "无。"
    qtbot.keyClick(body, Qt.Key.Key_Y, CTRL)
    assert body.toPlainText() == "无。abc"
    main_window.save_action.trigger()
    assert read_native(jiaokou_file).parts["六"].blocks == [P("无。abc")]
