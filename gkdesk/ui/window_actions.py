"""The window's commands as data: each action once (text, method, shortcut, icon, tip, when it is enabled), then
the menus and the toolbar as lists of action names. ``gkdesk.ui.main_window`` builds them from here.

A new command is one ``ActionSpec`` here, an entry in a menu (or the toolbar) below, and the window method it
names; the window's ``<name>_action`` attribute is made from the spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

from gkdesk.ui.commands import conversion_label, conversion_tip

if TYPE_CHECKING:
    from gkdesk.ui.session import ReportSession

Shortcut = QKeySequence.StandardKey | str
EnabledWhen = Callable[["ReportSession"], bool]

SEPARATOR = "-"
RECENT_MENU = "@recent"  # the 最近打开 submenu, filled each time it opens
TOOLBAR_TOGGLE = "@toolbar"  # the toolbar's own show/hide action


def has_document(_session: ReportSession) -> bool:
    return True


def writable(session: ReportSession) -> bool:
    return not session.read_only


def signed_off(session: ReportSession) -> bool:
    return session.read_only


def can_undo(session: ReportSession) -> bool:
    return not session.read_only and session.undo_stack.canUndo()


def can_redo(session: ReportSession) -> bool:
    return not session.read_only and session.undo_stack.canRedo()


def converts(session: ReportSession) -> bool:
    return session.can_convert_to_2021


def has_import_log(session: ReportSession) -> bool:
    return bool(session.report.import_log)


def has_previous_year(session: ReportSession) -> bool:
    return session.report.previous is not None


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window. ``slot`` names the window method ``args`` are passed to; ``enabled`` says when
    it may run with a report open (None: always, with or without one; any other: never without a report)."""

    name: str
    text: str
    slot: str
    args: tuple[object, ...] = ()
    shortcuts: tuple[Shortcut, ...] = ()
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    icon_text: str = ""  # the toolbar's short label where the menu's text changes (撤销 …)
    checkable: bool = False
    checked: bool = False
    enabled: EnabledWhen | None = None


_std = QKeySequence.StandardKey
_sp = QStyle.StandardPixmap

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "新建", "new_report", shortcuts=(_std.New,), icon=_sp.SP_FileIcon, tip="新建空白报告"),
    ActionSpec(
        "open", "打开", "open_dialog", shortcuts=(_std.Open,), icon=_sp.SP_DialogOpenButton,
        tip="打开报告（.gkreport/.docx/.txt）",
    ),
    ActionSpec("import_text", "从粘贴文本导入…", "import_pasted_text"),
    ActionSpec(
        "save", "保存", "save", shortcuts=(_std.Save,), icon=_sp.SP_DialogSaveButton, tip="保存报告",
        enabled=has_document,
    ),
    ActionSpec("save_as", "另存为…", "save_as", shortcuts=("Ctrl+Shift+S",), enabled=has_document),
    ActionSpec(
        "export_docx", "导出 Word", "export", (".docx",), icon=_sp.SP_ArrowRight, tip="导出 .docx", enabled=has_document
    ),
    ActionSpec(
        "export_txt", "导出文本", "export", (".txt",), icon=_sp.SP_FileDialogDetailedView, tip="导出 .txt（纯文本）",
        enabled=has_document,
    ),
    ActionSpec(
        "export_html", "导出网页", "export", (".html",), icon=_sp.SP_DriveNetIcon,
        tip="导出 .html（网站发布用，含表格）", enabled=has_document,
    ),
    ActionSpec(
        "export_pdf", "导出 PDF", "export", (".pdf",), icon=_sp.SP_FileIcon, tip="导出 .pdf（公文版式，字体嵌入）",
        enabled=has_document,
    ),
    ActionSpec(
        "preview", "打印预览", "print_preview", shortcuts=("Ctrl+P",), icon=_sp.SP_FileDialogContentsView,
        tip="按公文格式预览", enabled=has_document,
    ),
    ActionSpec(
        "next_year", "新建下一年度报告", "new_next_year", tip="以本报告为上年报告生成下一年度草稿", enabled=has_document
    ),
    ActionSpec("merge", "汇总多个报告…", "merge_reports"),
    ActionSpec(
        "export_graphic", "导出图解…", "export_graphic", tip="导出一页图解（.png/.pdf，网站发布用）", enabled=has_document
    ),
    ActionSpec(
        "keep_source_titles", "导出时保留原文的部分标题", "toggle_source_titles", checkable=True,
        tip="默认按官方格式写各部分标题；勾选后导出保留原文措辞（导出说明中注明）",
    ),
    ActionSpec("batch_check", "批量检查…", "open_batch_check", tip="检查一个文件夹中的全部报告"),
    ActionSpec("new_ledger", "新建登记台账…", "new_ledger", tip="写出依申请公开登记台账模板（.xlsx）"),
    ActionSpec("ledger", "从登记台账统计…", "count_from_ledger", tip="由登记台账统计第三项、第四项", enabled=writable),
    ActionSpec("import_log", "导入说明", "show_import_log", enabled=has_import_log),
    ActionSpec("quit", "退出", "close", shortcuts=(_std.Quit,)),
    ActionSpec(
        "undo", "撤销", "undo", shortcuts=(_std.Undo,), icon=_sp.SP_ArrowBack, icon_text="撤销", enabled=can_undo
    ),
    ActionSpec(
        "redo", "重做", "redo", shortcuts=("Ctrl+Y", "Ctrl+Shift+Z"), icon=_sp.SP_ArrowForward, icon_text="重做",
        enabled=can_redo,
    ),
    ActionSpec("fix_all", "全部修正合计错误", "fix_all", enabled=writable),
    ActionSpec(
        "auto_total", "自动合计", "toggle_auto_total", tip="合计单元格随各项自动计算", checkable=True, checked=True,
        enabled=writable,
    ),
    ActionSpec("convert", conversion_label(), "convert_to_2021", tip=conversion_tip(), enabled=converts),
    ActionSpec(
        "check", "检查", "run_check", shortcuts=("F5",), icon=_sp.SP_DialogApplyButton, tip="检查勾稽关系和格式",
        enabled=has_document,
    ),
    ActionSpec(
        "sign", "签发", "sign_off", icon=_sp.SP_DialogYesButton, tip="签发报告（之后只读）", enabled=writable
    ),
    ActionSpec("revoke", "撤销签发", "revoke_sign_off", enabled=signed_off),
    ActionSpec("guide", "使用指南", "show_guide", shortcuts=(_std.HelpContents,)),
    ActionSpec("about", "关于 gkdesk", "show_about"),
    ActionSpec("show_navigator", "导航栏", "_toggle_pane", (0,), checkable=True, checked=True),
    ActionSpec("show_problems", "问题面板", "_toggle_pane", (2,), checkable=True, checked=True),
    ActionSpec(
        "show_previous", "显示上年数值", "_toggle_previous", tip="在统计表每个单元格中显示上年报告的数值",
        checkable=True, enabled=has_previous_year,
    ),
)  # fmt: skip

_EXPORTS = ("export_docx", "export_txt", "export_html", "export_pdf", "preview")

# (the window attribute holding the menu, its title, its entries)
MENUS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("file_menu", "文件(&F)", (
        "new", "open", RECENT_MENU, "import_text", SEPARATOR, "save", "save_as", SEPARATOR, *_EXPORTS,
        "export_graphic", "keep_source_titles", SEPARATOR, "next_year", "merge", "batch_check", "new_ledger", SEPARATOR, "quit",
    )),
    ("edit_menu", "编辑(&E)", ("undo", "redo", SEPARATOR, "fix_all")),
    ("report_menu", "报告(&R)", (
        "auto_total", "check", "convert", "ledger", SEPARATOR, "sign", "revoke", SEPARATOR, "import_log",
    )),
    ("view_menu", "视图(&V)", (TOOLBAR_TOGGLE, "show_navigator", "show_problems", SEPARATOR, "show_previous")),
    ("help_menu", "帮助(&H)", ("guide", "about")),
)  # fmt: skip

TOOLBAR: tuple[str, ...] = (
    "new", "open", "save", SEPARATOR, "undo", "redo", SEPARATOR, "auto_total", SEPARATOR, "check", "sign",
    SEPARATOR, *_EXPORTS,
)  # fmt: skip
