"""Editor of a narrative section (the preface, 一, 五, 六): a list of subsections and a plain-text editor.

The section's blocks are split into groups: the intro (paragraphs before the first （一） heading, shown as the
pseudo-entry "（引言）") and one group per level-2 heading. The selected group's body is edited as plain text,
one paragraph per line:

- Level-3/4 headings inside a subsection are lines that start with their number: "1." (level 3) or "（1）"
  (level 4). The number is for the eye only; the stored heading has none and the exporter renumbers.
  A new line typed as "2.xxx" becomes a level-3 heading; an existing paragraph stays a paragraph.
- A level-2 heading written run-in ("（一）主动公开情况。2024 年…") shows its inline text as the first line.
- Lines whose content did not change keep their block unchanged (``pending_update`` included); an edited
  paragraph loses its 待更新 mark. 待更新 lines are shaded amber.

Every change goes through ``session.set_blocks`` and is undoable; typing merges into one step.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QTextBlockFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain.report import Block
from gkdesk.ui import dialogs
from gkdesk.ui.list_model import RowsModel
from gkdesk.ui.session import ReportSession

_NUMBER_L3 = re.compile(r"^\s*\d+\s*[.．](?!\d)\s*")
_NUMBER_L4 = re.compile(r"^\s*[（(]\s*\d+\s*[)）]\s*")
PENDING_COLOUR = QColor("#fff3cd")
_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never run past 99)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _CN_DIGITS[tens]}十{_CN_DIGITS[ones] if ones else ''}"


@dataclass
class Group:
    """The intro (``heading is None``) or one （一） subsection with its body blocks."""

    heading: Block | None
    body: list[Block] = field(default_factory=list)


def split_groups(blocks: list[Block]) -> list[Group]:
    groups = [Group(None)]
    for block in blocks:
        if block.kind == "heading" and block.level == 2:
            groups.append(Group(copy.deepcopy(block)))
        else:
            groups[-1].body.append(copy.deepcopy(block))
    return groups


def join_groups(groups: list[Group]) -> list[Block]:
    blocks: list[Block] = []
    for group in groups:
        if group.heading is not None:
            blocks.append(group.heading)
        blocks.extend(group.body)
    return blocks


def group_title(groups: list[Group], index: int) -> str:
    group = groups[index]
    if group.heading is None:
        return "（引言）" if len(groups) > 1 else "（正文）"
    return f"（{chinese_number(index)}）{group.heading.text}"


def body_lines(group: Group) -> list[str]:
    """The group's body as the text editor shows it, one paragraph or numbered heading per line."""
    lines: list[str] = []
    if group.heading is not None and group.heading.inline_text:
        lines.append(group.heading.inline_text)
    level3 = level4 = 0
    for block in group.body:
        text = block.text + block.inline_text
        if block.kind == "heading" and block.level == 3:
            level3, level4 = level3 + 1, 0
            lines.append(f"{level3}.{text}")
        elif block.kind == "heading":
            level4 += 1
            lines.append(f"（{level4}）{text}")
        else:
            lines.append(text)
    return lines


def _line_key(line: str) -> tuple[bool, str]:
    """Content without its heading number, so renumbering alone is not an edit."""
    match = _NUMBER_L3.match(line) or _NUMBER_L4.match(line)
    return (True, line[match.end() :].strip()) if match else (False, line.strip())


def _parse_line(line: str, base: Block | None) -> Block:
    """An edited or new line; ``base`` is the block it replaces (its kind and run-in split are kept if possible)."""
    text = line.strip()
    m3, m4 = _NUMBER_L3.match(text), _NUMBER_L4.match(text)
    if base is not None and base.kind == "paragraph" and _line_key(base.text)[0]:
        return Block(kind="paragraph", text=text)  # a paragraph that was numbered by hand stays a paragraph
    if m3 or m4:
        level = 3 if m3 else 4
        match = m3 or m4
        assert match is not None
        rest = text[match.end() :].strip()
        if base is not None and base.kind == "heading" and base.inline_text and rest.startswith(base.text):
            return Block(kind="heading", level=level, text=base.text, inline_text=rest[len(base.text) :])
        return Block(kind="heading", level=level, text=rest)
    return Block(kind="paragraph", text=text)


def rebuild_group(group: Group, lines: list[str]) -> Group:
    """The group after its body text became ``lines``; unchanged lines keep their blocks exactly."""
    heading = copy.deepcopy(group.heading)
    if heading is not None and heading.inline_text:
        first = lines[0].strip() if lines else ""
        if heading.inline_text != first:
            heading.inline_text = first
            heading.pending_update = False
        lines = lines[1:]
    old = group.body
    old_keys = [_line_key(line) for line in body_lines(Group(None, old))]
    new_keys = [_line_key(line) for line in lines]
    body: list[Block] = []
    from difflib import SequenceMatcher  # only once the clerk edits: off the start path

    matcher = SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            body.extend(copy.deepcopy(old[i1:i2]))
        elif tag in ("replace", "insert"):
            for k, line in enumerate(lines[j1:j2]):
                base = old[i1 + k] if tag == "replace" and i1 + k < i2 else None
                if line.strip():
                    body.append(_parse_line(line, base))
    return Group(heading, [b for b in body if (b.text + b.inline_text).strip() or b.kind == "heading"])


def is_undo_shortcut(e: QEvent) -> bool:
    """Ctrl+Z/Ctrl+Y (and Ctrl+Shift+Z) asked of a text widget: they belong to the report's undo stack."""
    return (
        e.type() == QEvent.Type.ShortcutOverride
        and isinstance(e, QKeyEvent)
        and (e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo))
    )


class _BodyEdit(QTextEdit):
    """Plain text, one paragraph per line, laid out like the printed report (first-line indent, paragraph gaps).

    Ctrl+Z/Ctrl+Y go to the report's undo stack, not the widget's own.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)

    def set_paragraphs(self, text: str) -> None:
        self.setPlainText(text)
        block_format = QTextBlockFormat()
        block_format.setTextIndent(2 * self.fontMetrics().horizontalAdvance("中"))
        block_format.setBottomMargin(6)
        block_format.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block_format)

    def event(self, e: QEvent) -> bool:
        if is_undo_shortcut(e):
            e.ignore()  # not ours: the window's 撤销/重做 shortcut fires
            return True
        return super().event(e)


class NarrativeEditor(QWidget):
    """Subsections (add, rename, move, remove) and the paragraphs of the selected one."""

    groupChanged = Signal(int)

    def __init__(self, session: ReportSession, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section = section
        self._current = 0
        self._loading = False
        self._pushing = False
        self._structural = False
        self._shown: list[Group] = []  # the groups as last shown, to find what an undo changed

        self.subsections_model = RowsModel(self)
        self.subsections = QListView(self)
        self.subsections.setObjectName("subsections")
        self.subsections.setModel(self.subsections_model)
        self.subsections.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.subsections.setWordWrap(True)  # long headings wrap instead of scrolling sideways
        self.subsections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.subsections.setResizeMode(QListView.ResizeMode.Adjust)
        self.subsections.selectionModel().currentRowChanged.connect(
            lambda current, _old: self._on_row_changed(current.row())
        )
        self.add_button = QPushButton("添加", self)
        self.rename_button = QPushButton("重命名", self)
        self.up_button = QPushButton("上移", self)
        self.down_button = QPushButton("下移", self)
        self.remove_button = QPushButton("删除", self)
        for button, slot, tip in (
            (self.add_button, self.add_subsection, "在当前小标题后添加一个小标题"),
            (self.rename_button, self.rename_subsection, "修改当前小标题的文字"),
            (self.up_button, lambda: self.move_subsection(-1), "把当前小标题上移一位"),
            (self.down_button, lambda: self.move_subsection(1), "把当前小标题下移一位"),
            (self.remove_button, self.remove_subsection, "删除当前小标题及其段落"),
        ):
            button.clicked.connect(lambda _checked=False, run=slot: run())
            button.setToolTip(tip)

        left = self.left_pane = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("小标题", left)
        caption.setObjectName("paneCaption")
        left_layout.addWidget(caption)
        left_layout.addWidget(self.subsections, 1)
        row1 = QHBoxLayout()
        row1.addWidget(self.add_button)
        row1.addWidget(self.rename_button)
        row1.addWidget(self.remove_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.up_button)
        row2.addWidget(self.down_button)
        left_layout.addLayout(row1)
        left_layout.addLayout(row2)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.heading_label = QLabel(right)
        self.heading_label.setObjectName("paneCaption")
        self.hint_label = QLabel(right)
        self.hint_label.setObjectName("hint")
        self.hint_label.setWordWrap(True)
        self.body = _BodyEdit(right)
        self.body.setObjectName("body")
        self.body.setPlaceholderText("在此输入段落，每段一行。以“1.”或“（1）”开头的新行是下一级小标题。")
        self.body.textChanged.connect(self._on_text_changed)
        right_layout.addWidget(self.heading_label)
        right_layout.addWidget(self.body, 1)
        right_layout.addWidget(self.hint_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        session.blocksChanged.connect(self._on_blocks_changed)
        session.readOnlyChanged.connect(self._apply_read_only)
        groups = self.groups()
        if len(groups) > 1 and not groups[0].body:
            self._current = 1  # no intro: start at the first subsection
        self.reload()
        self._apply_read_only(session.read_only)

    # ------------------------------------------------------------------ state

    def groups(self) -> list[Group]:
        return split_groups(self.session.blocks(self.section))

    @property
    def current_group(self) -> int:
        return self._current

    @staticmethod
    def _row(groups: list[Group], index: int) -> dict[int, object]:
        """The list entry of one group; 待更新 groups are marked in words and colour."""
        group = groups[index]
        title = group_title(groups, index)
        pending = any(b.pending_update for b in group.body) or bool(group.heading and group.heading.pending_update)
        row: dict[int, object] = {Qt.ItemDataRole.DisplayRole: f"{title}  · 待更新" if pending else title}
        if pending:
            row[Qt.ItemDataRole.ForegroundRole] = QColor("#8a5a00")
            row[Qt.ItemDataRole.ToolTipRole] = "本小标题下有待更新的段落（沿用上年或插入的参考句式）"
        return row

    def group_titles(self) -> list[str]:
        groups = self.groups()
        return [group_title(groups, i) for i in range(len(groups))]

    def reload(self) -> None:
        """Show the model again (after undo/redo or a structural change), keeping the cursor where it was."""
        groups = self.groups()
        self._current = max(0, min(self._current, len(groups) - 1))
        self._loading = True
        try:
            self.subsections_model.set_rows([self._row(groups, i) for i in range(len(groups))])
            # The preface rarely has subsections: then the list would only say "（正文）".
            with_list = self.section != "preface" or len(groups) > 1
            self.left_pane.setVisible(with_list)
            self.heading_label.setVisible(with_list)
            self.select_group(self._current)
            self._show_group(groups)
        finally:
            self._loading = False
        self._shown = groups
        self._update_buttons()

    def _show_group(self, groups: list[Group]) -> None:
        group = groups[self._current]
        position = self.body.textCursor().position()
        text = "\n".join(body_lines(group))
        if text != self.body.toPlainText():
            self.body.set_paragraphs(text)
            cursor = self.body.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.body.setTextCursor(cursor)
        self.heading_label.setText(group_title(groups, self._current))
        hints = []
        if group.heading is not None and group.heading.inline_text:
            hints.append("第一行与小标题同段（并列写在小标题之后）。")
        if self._pending_keys(group):
            hints.append("黄色底纹的段落待更新（沿用上年的文字或插入的参考句式），修改后标记自动消除。")
        self.hint_label.setText(" ".join(hints))
        self.hint_label.setVisible(bool(hints))
        self._highlight_pending(group)

    @staticmethod
    def _pending_keys(group: Group) -> set[tuple[bool, str]]:
        lines = body_lines(Group(None, group.body))
        return {_line_key(line) for line, b in zip(lines, group.body, strict=True) if b.pending_update}

    def _highlight_pending(self, group: Group) -> None:
        pending = self._pending_keys(group)
        offset = 1 if group.heading is not None and group.heading.inline_text else 0
        selections: list[QTextEdit.ExtraSelection] = []
        document = self.body.document()
        for number in range(document.blockCount()):
            text_block = document.findBlockByNumber(number)
            is_inline = offset and number == 0
            pending_inline = is_inline and group.heading is not None and group.heading.pending_update
            if pending_inline or (not is_inline and _line_key(text_block.text()) in pending):
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(PENDING_COLOUR)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                cursor = QTextCursor(text_block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # the whole paragraph, every wrapped line of it
                selections.append(selection)
        self.body.setExtraSelections(selections)

    def pending_lines(self) -> list[int]:
        """Line numbers of the current body shaded as 待更新 (for tests and the problems jump)."""
        result = []
        for selection in self.body.extraSelections():
            result.append(selection.cursor.blockNumber())
        return result

    def _update_buttons(self) -> None:
        editable = not self.session.read_only
        count = self.subsections_model.rowCount()
        is_heading = self._current > 0
        self.add_button.setEnabled(editable)
        self.rename_button.setEnabled(editable and is_heading)
        self.remove_button.setEnabled(editable and is_heading)
        self.up_button.setEnabled(editable and self._current > 1)
        self.down_button.setEnabled(editable and is_heading and self._current < count - 1)

    def _apply_read_only(self, read_only: bool) -> None:
        self.body.setReadOnly(read_only)
        self._update_buttons()

    # ------------------------------------------------------------------ navigation

    def select_group(self, index: int) -> None:
        self.subsections.setCurrentIndex(self.subsections_model.index(index, 0))

    def _on_row_changed(self, row: int) -> None:
        if self._loading or row < 0:
            return
        self._current = row
        self._loading = True
        try:
            self._show_group(self.groups())
        finally:
            self._loading = False
        self._update_buttons()
        self.groupChanged.emit(row)

    def focus_first_pending(self) -> bool:
        """Jump to the first 待更新 paragraph (from the problems panel)."""
        for i, group in enumerate(self.groups()):
            if any(b.pending_update for b in group.body) or (group.heading and group.heading.pending_update):
                self.select_group(i)
                lines = self.pending_lines()
                if lines:
                    cursor = QTextCursor(self.body.document().findBlockByNumber(lines[0]))
                    self.body.setTextCursor(cursor)
                self.body.setFocus()
                return True
        return False

    def find_text(self, text: str) -> bool:
        """Select the first occurrence of ``text`` (a sentence a finding quotes), in whichever subsection it is."""
        for i, group in enumerate(self.groups()):
            if any(text in line for line in body_lines(group)):
                self.select_group(i)
                found = self.body.document().find(text)
                if not found.isNull():
                    self.body.setTextCursor(found)
                self.body.setFocus()
                return True
        return False

    # ------------------------------------------------------------------ edits

    def _push(self, groups: list[Group], text: str) -> None:
        blocks = join_groups(groups)
        if blocks == self.session.blocks(self.section):
            return
        self._structural = True
        try:
            self.session.set_blocks(self.section, blocks, text)
        finally:
            self._structural = False
        self._shown = self.groups()

    def _on_text_changed(self) -> None:
        if self._loading or self.session.read_only:
            return
        groups = self.groups()
        if self._current >= len(groups):
            return
        groups[self._current] = rebuild_group(groups[self._current], self.body.toPlainText().split("\n"))
        self._pushing = True
        try:
            self._push(groups, "编辑正文")
        finally:
            self._pushing = False
        group = self.groups()[self._current]
        self._highlight_pending(group)
        groups = self.groups()
        if self.subsections_model.row(self._current) != self._row(groups, self._current):
            self.subsections_model.update_row(self._current, self._row(groups, self._current))

    def _on_blocks_changed(self, section: str) -> None:
        if section != self.section or self._pushing:
            return
        if not self._structural:
            # An undo/redo: show the subsection it changed, which need not be the one on screen.
            groups = self.groups()
            changed = next(
                (i for i in range(len(groups)) if i >= len(self._shown) or groups[i] != self._shown[i]),
                None,
            )
            if changed is not None:
                self._current = changed
        self.reload()

    def add_subsection(self, name: str | None = None) -> None:
        if name is None:
            name = dialogs.ask_text(self, "添加小标题", "小标题：")
        if not name:
            return
        groups = self.groups()
        at = self._current + 1
        groups.insert(at, Group(Block(kind="heading", level=2, text=name)))
        self._current = at
        self._push(groups, "添加小标题")

    def rename_subsection(self, name: str | None = None) -> None:
        groups = self.groups()
        heading = groups[self._current].heading
        if heading is None:
            return
        if name is None:
            name = dialogs.ask_text(self, "重命名小标题", "小标题：", heading.text)
        if not name or name == heading.text:
            return
        heading.text = name
        heading.pending_update = False
        self._push(groups, "重命名小标题")

    def move_subsection(self, step: int) -> None:
        groups = self.groups()
        i, j = self._current, self._current + step
        if i < 1 or j < 1 or j >= len(groups):
            return
        groups[i], groups[j] = groups[j], groups[i]
        self._current = j
        self._push(groups, "移动小标题")

    def remove_subsection(self) -> None:
        groups = self.groups()
        group = groups[self._current]
        if group.heading is None:
            return
        title = group_title(groups, self._current)
        if group.body and not dialogs.confirm(self, f"删除“{title}”及其下的 {len(group.body)} 段文字？", yes="删除"):
            return
        del groups[self._current]
        self._current -= 1
        self._push(groups, "删除小标题")
