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

    @property
    def _cells(self) -> list[str] | None:
        return self.rows[-1] if self.rows else None

    def _as_layout(self) -> None:
        """The open row's cells hold a table: they are blocks of the page, not cells."""
        cells = self.rows[-1]
        self.rows[-1] = None
        for cell in cells or ():
            self.out.append("\n" + cell + "\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        if self.skipping:
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
