"""WordprocessingML names and the one definition of "the text of a paragraph" that reader and fingerprint share."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# text that is not shown: a text box's fallback copy, tracked deletions and the old place of moved text (revision
# marks left on by a reviewer), and the tab stops a paragraph's properties define (w:tabs/w:tab)
_NOT_SHOWN = frozenset({MC_FALLBACK, W + "del", W + "moveFrom", W + "pPr", W + "rPr"})


_OFF = frozenset({"0", "false", "off"})


def _is_hidden_run(run: etree._Element) -> bool:
    """A run formatted as hidden text (字体 → 隐藏, w:vanish): Word neither shows nor prints it."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "1").lower() not in _OFF


def paragraph_text(paragraph: etree._Element) -> str:
    """Text of one w:p as Word shows it: runs, tabs and line breaks, tracked insertions in, deletions and hidden
    text out."""
    out: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        ancestors = list(node.iterancestors())
        if any(a.tag in _NOT_SHOWN for a in ancestors):
            continue
        if any(a.tag == W + "r" and _is_hidden_run(a) for a in ancestors):
            continue
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)
