"""帮助: the short Chinese user guide (resources/help/guide.html) and the About box."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gkdesk import __version__
from gkdesk.resources import resources_dir
from gkdesk.ui import dialogs


def guide_path() -> str:
    return str(resources_dir() / "help" / "guide.html")


def show_guide(parent: QWidget | None) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("使用指南 — gkdesk")
    dialog.resize(760, 640)
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser(dialog)
    browser.setObjectName("guide")
    browser.setOpenExternalLinks(True)
    browser.setSource(QUrl.fromLocalFile(guide_path()))
    layout.addWidget(browser)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialogs.run_modal(dialog)


def about_html() -> str:
    return (
        f"<h2>gkdesk {__version__}</h2>"
        "<p>政府信息公开工作年度报告编辑器</p>"
        "<p>按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）填写三张统计表、"
        "自动检查勾稽关系、签发并导出 Word 与文本文件。也能打开和转换 2019 试行格式的报告。</p>"
        "<p>报告保存为 .gkreport 文件；自动保存副本位于用户数据文件夹。</p>"
    )


def show_about(parent: QWidget | None) -> None:
    dialogs.show_text(parent, "关于 gkdesk", about_html())
