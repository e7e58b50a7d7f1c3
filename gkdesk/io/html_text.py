"""A web page's visible text in the shape the text reader knows: paragraphs as lines, a table row per line with its
cells separated by TAB. What a browser would not show (scripts, styles, elements hidden with ``hidden`` or
``display:none``) is left out; a table that only lays the page out gives paragraphs, not rows.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_HEAD = re.compile(r"<(?:!doctype\s+html|html|head|meta|body|table|div|p)[\s>/]", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_HEAD.search(head)) and head.count("<") >= 3 and "</" in text[:20000]


# elements without an end tag: they never open a hidden element's subtree
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """What a browser does not show: ``hidden``, ``aria-hidden``-free ``display:none`` / ``visibility:hidden``
    (a mobile copy of the article, a print-only header, letters a site hides to spoil copying)."""
    return any(name == "hidden" or (name == "style" and value and _HIDDEN_STYLE.search(value)) for name, value in attrs)


class _HtmlText(HTMLParser):
    """Web page → text in the shape the text reader knows: a table row per line, cells separated by TAB.

    Many government sites lay the page out with tables: the article, report tables and all, sits in a cell of an
    outer table. A table met inside a cell makes the outer one a layout: its cells become paragraphs and only the
    innermost tables give TAB rows, so no text before the report's first table is lost in a merged "cell".
    """

    _BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "tr"})
    _SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        # per open table, the cells of its open row; None between rows and for a table found to be a layout
        self.rows: list[list[str] | None] = []
        # the open elements of a hidden subtree, its root first; empty when what is read is shown
        self.hidden: list[str] = []

    @property
    def _cells(self) -> list[str] | None:
        return self.rows[-1] if self.rows else None

    def _as_layout(self) -> None:
        """The open row's cells hold a table: they are blocks of the page, not cells."""
        cells = self.rows[-1]
        self.rows[-1] = None
        for cell in cells or ():
            self.out.append("\n" + cell + "\n")

    def _hidden_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """True while inside a hidden element (this tag included), tracking its subtree."""
        if tag in _VOID:
            return bool(self.hidden)
        if self.hidden or _is_hidden(attrs):
            self.hidden.append(tag)
            return True
        return False

    def _hidden_end(self, tag: str) -> bool:
        """True when this end tag belongs to a hidden subtree. An end tag closes what it closes in a browser: the
        elements left open inside it (an unclosed <p> cannot hide the rest of the page), and the hidden element
        itself when the tag closes an element around it ("<td><span hidden>x</td>")."""
        if not self.hidden:
            return False
        if tag not in self.hidden:
            self.hidden.clear()
            return False
        while self.hidden.pop() != tag:
            pass
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden_start(tag, attrs):
            return
        cells = self._cells
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "table":
            if cells is not None:
                self._as_layout()
            self.rows.append(None)
        elif tag == "tr":
            if self.rows:
                self.rows[-1] = []
            else:
                self.rows.append([])  # a row outside any <table>: broken markup, read as a table
        elif tag in ("td", "th"):
            if cells is not None:
                cells.append("")
            else:
                self.out.append("\n")  # a layout table's cell: a block of the page
        elif tag in self._BLOCKS:
            if cells:
                cells[-1] += "\n"  # a paragraph inside a cell: one cell, unless the row turns out a layout
            elif cells is None:
                self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_end(tag):
            return
        cells = self._cells
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table":
            if self.rows:
                self.rows.pop()
            self.out.append("\n")
        elif tag == "tr" and cells is not None:
            self.out.append("\n" + "\t".join(c.replace("\n", "").strip() for c in cells) + "\n")
            self.rows[-1] = None
        elif tag in ("td", "th") and cells is None:
            self.out.append("\n")
        elif tag in self._BLOCKS:
            if cells:
                cells[-1] += "\n"
            elif cells is None:
                self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping or self.hidden:
            return
        text = re.sub(r"\s+", " ", data.replace("\u00a0", " "))
        cells = self._cells
        if cells is not None:
            if cells:
                cells[-1] += text.strip()
        else:
            self.out.append(text)


def html_to_text(html: str) -> str:
    """The visible text of a web page, tables as TAB rows; never raises on broken markup."""
    parser = _HtmlText()
    try:
        parser.feed(html)
        parser.close()
    except (ValueError, AssertionError):  # html.parser gives up on some broken markup: keep what it read
        pass
    lines = (line.strip(" ") for line in "".join(parser.out).split("\n"))
    return "\n".join(line for line in lines if line)
