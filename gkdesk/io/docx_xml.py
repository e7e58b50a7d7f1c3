"""WordprocessingML names and the one definition of "the text of a paragraph" that reader and fingerprint share."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def paragraph_text(paragraph: etree._Element) -> str:
    """Text of one w:p: runs, tabs and line breaks; the fallback copy of a text box repeats the choice's text."""
    out: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if any(a.tag == MC_FALLBACK for a in node.iterancestors()):
            continue
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)
