"""Required content (要素): what each part of the report must cover, read from ``resources/elements/<format>.json``.

The 30号 notice says the content "不能遗漏，也不宜泛化"; reviewers grade whether every required element is there.
The elements, the words that recognise them, their sources and the skeleton sentences live in data, one file per
format revision; this module only applies them. Decisions:
- Recognition is by words (regular expressions written next to each element in the data file), searched in the
  part's text after NFKC with whitespace removed (so "主 动 公 开" and a pdftotext line break still count). Text
  marked 待更新 counts too: PENDING already asks for it to be rewritten, and an inserted skeleton must make the
  finding go away at once.
- The preface's elements are also looked for in the paragraphs of 一 before its first subheading (many reports
  open 一 with the legal basis instead of a preface), and the contact element also counts the cover's contact
  fields (structure, not words).
- A missing or empty part lacks all its elements (``missing_elements``, what the self-check counts), but the
  findings name only the elements of parts the clerk has started: for an empty part R10 already says so.
- Conditions: ``government`` (the agency is a 人民政府, not one of its departments: see ``agency_kind``) and
  ``has_previous`` (last year's report is inside, so how last year's problems were addressed can be asked for).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from gkdesk.domain import revisions
from gkdesk.domain.findings import Finding
from gkdesk.domain.report import PART_KEYS, Block, Report
from gkdesk.resources import resources_dir

Certainty = Literal["notice", "template", "practice"]
AgencyKind = Literal["government", "township_government", "department"]
CODE_PREFIX = "ELEMENT:"
CERTAINTY_TEXT: dict[str, str] = {"notice": "规定要求", "template": "格式要求", "practice": "各地常见要求"}
PART_NAMES: dict[str, str] = {"封面": "前言", **{key: f"第{key}部分" for key in PART_KEYS}}

_SPACE = re.compile(r"\s+")
# A name ending in one of these is a department or office of a government (河曲县人民政府办公室, 河北省教育厅),
# except the 人民政府 itself; 街道办事处 is a township-level government's own office and counts as one.
_DEPARTMENT_END = re.compile(r"(?:办公室|办公厅|厅|局|委员会|委|中心|院|所|站|队|处|办|署|部|会|社|馆)$")
_REGION_END = re.compile(r"(?:人民政府|省|自治区|市|县|区|旗|州|盟|乡|镇|街道|街道办事处|管委会)$")
_TOWNSHIP = re.compile(r"(?:乡|镇|街道|街道办事处)(?:人民政府)?$")


@dataclass(frozen=True)
class Skeleton:
    """The sentence inserted for a missing element (``{year}`` filled in); a heading when the part has subsections."""

    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Element:
    id: str
    part: str  # "封面" (the preface) or a part key; where the finding and the skeleton go
    label: str
    pattern: re.Pattern[str]  # the data file's words, as one alternation
    source: str
    certainty: Certainty
    skeleton: Skeleton
    when: tuple[str, ...] = ()
    search: tuple[str, ...] = ()  # the parts searched; the element's own part when empty
    contacts: bool = False

    @property
    def code(self) -> str:
        """The finding's stable code: ``ELEMENT:overview.active``."""
        return CODE_PREFIX + self.id

    @property
    def section(self) -> str:
        """The narrative section the skeleton goes into (``ReportSession.blocks``)."""
        return "preface" if self.part == "封面" else self.part


@dataclass(frozen=True)
class ElementCatalogue:
    format: str
    sources: dict[str, str]
    elements: tuple[Element, ...]

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)


def _element(raw: dict[str, object]) -> Element:
    skeleton = raw["skeleton"]
    assert isinstance(skeleton, dict)
    patterns = raw["recognise"]
    assert isinstance(patterns, list)
    return Element(
        id=str(raw["id"]),
        part=str(raw["part"]),
        label=str(raw["label"]),
        pattern=re.compile("|".join(f"(?:{unicodedata.normalize('NFKC', str(p))})" for p in patterns)),
        source=str(raw["source"]),
        certainty=raw["certainty"],  # type: ignore[arg-type]
        skeleton=Skeleton(str(skeleton["text"]), skeleton.get("heading")),
        when=tuple(raw.get("when", ())),  # type: ignore[arg-type]
        search=tuple(raw.get("search", ())),  # type: ignore[arg-type]
        contacts=bool(raw.get("contacts", False)),
    )


@cache
def catalogue(variant: str) -> ElementCatalogue:
    """The elements of one format revision, read once from ``resources/elements/<revision id>.json``.

    A revision without a file of its own (a new table layout, the narrative unchanged) uses the file of the newest
    revision before it that has one: the elements are about the text, which a new table revision leaves alone."""
    folder = resources_dir() / "elements"
    file = folder / f"{variant}.json"
    if not file.is_file():
        older = [r for r in revisions.revisions() if (folder / f"{r.id}.json").is_file()]
        first = revisions.revision(variant).first_year
        file = folder / f"{max((r for r in older if r.first_year <= first), key=lambda r: r.first_year).id}.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    return ElementCatalogue(
        format=str(data["format"]),
        sources=dict(data["sources"]),
        elements=tuple(_element(raw) for raw in data["elements"]),
    )


def catalogue_of(report: Report) -> ElementCatalogue:
    return catalogue(report.format)


def element_of_code(report: Report, code: str) -> Element | None:
    """The element a finding names (for the one-click skeleton), or None for any other finding."""
    if not code.startswith(CODE_PREFIX):
        return None
    try:
        return catalogue_of(report).element(code[len(CODE_PREFIX) :])
    except KeyError:
        return None


# --------------------------------------------------------------------------- who the report is by


def agency_name(report: Report) -> str:
    """The reporting agency as printed: the agency, else the signature, else the title before the year."""
    name = report.agency or report.signature.agency
    if not name:
        match = re.match(r"(?:关于)?(.+?)\s*\d{4}\s*年", report.title)
        name = match.group(1) if match else ""
    return _SPACE.sub("", name)


def agency_kind(report: Report) -> AgencyKind:
    """A 人民政府 (a region's own report: 交口县, 淮安市人民政府, 平潭综合实验区) or a department of one.

    Township governments are told apart because their deadline is the departments' 31 January (article 49)."""
    name = agency_name(report)
    if not name.endswith("人民政府") and _DEPARTMENT_END.search(name) and not name.endswith("街道办事处"):
        return "department"
    if _REGION_END.search(name) or "人民政府" in name:
        return "township_government" if _TOWNSHIP.search(name) else "government"
    return "department"


def is_government(report: Report) -> bool:
    return agency_kind(report) != "department"


# --------------------------------------------------------------------------- recognition


@lru_cache(maxsize=4096)
def comparable(text: str) -> str:
    """The text as elements are searched in: NFKC, no whitespace (cached: most parts do not change per edit)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=4096)
def _found(pattern: re.Pattern[str], text: str) -> bool:
    """Cached: the window re-checks on every keystroke, and all but one section's text is unchanged."""
    return pattern.search(text) is not None


def _blocks_text(blocks: list[Block]) -> str:
    return "".join(f"{b.text}{b.inline_text}" for b in blocks)


def _intro_of(blocks: list[Block]) -> list[Block]:
    intro: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            break
        intro.append(block)
    return intro


def section_text(report: Report, key: str) -> str:
    """The comparable text an element of ``key`` is looked for in ("封面": the preface and 一's opening)."""
    if key == "封面":
        return comparable(_blocks_text(report.preface) + _blocks_text(_intro_of(report.parts["一"].blocks)))
    part = report.parts[key]  # type: ignore[index]
    return comparable(_blocks_text(part.blocks)) if part.present else ""


def applies(element: Element, report: Report) -> bool:
    for condition in element.when:
        if condition == "government" and not is_government(report):
            return False
        if condition == "has_previous" and report.previous is None:
            return False
    return True


def is_covered(element: Element, report: Report, texts: dict[str, str] | None = None) -> bool:
    texts = texts if texts is not None else {}
    for key in element.search or (element.part,):
        if key not in texts:
            texts[key] = section_text(report, key)
        if _found(element.pattern, texts[key]):
            return True
    if element.contacts:
        contacts = report.contacts
        return bool(contacts.phone or contacts.address or contacts.email)
    return False


def missing_elements(report: Report, texts: dict[str, str] | None = None) -> list[Element]:
    """The applicable elements the report does not cover, in the data file's order (``texts``: a cache of
    ``section_text`` by key, filled as needed)."""
    texts = {} if texts is None else texts
    return [e for e in catalogue_of(report).elements if applies(e, report) and not is_covered(e, report, texts)]


def applicable_elements(report: Report) -> list[Element]:
    return [e for e in catalogue_of(report).elements if applies(e, report)]


def element_message(element: Element) -> str:
    where = PART_NAMES.get(element.part, element.part)
    if element.certainty == "practice":
        return f"{where}未写“{element.label}”（各地常见要求，本地无此要求可不写），可插入参考句式后改写"
    return f"{where}缺少要素“{element.label}”（{CERTAINTY_TEXT[element.certainty]}），可插入参考句式后按实际情况改写"


def elements_rule(report: Report) -> Iterator[Finding]:
    """One warning per missing element, on the element's part."""

    texts: dict[str, str] = {}
    for element in missing_elements(report, texts):
        if _has_text(report, element.part, texts):
            yield Finding(element.code, "warning", element_message(element), part=element.part)


def _has_text(report: Report, key: str, texts: dict[str, str]) -> bool:
    """Whether the clerk has started a section: a part not yet written is R10's (缺少/没有内容), and listing all of
    its elements then would only repeat that. The preface counts as started once it or part 一 has text."""
    for section in ("封面", "一") if key == "封面" else (key,):
        if section not in texts:
            texts[section] = section_text(report, section)
        if texts[section]:
            return True
    return False


# --------------------------------------------------------------------------- the skeleton sentence


def skeleton_blocks(element: Element, report: Report, blocks: list[Block]) -> list[Block]:
    """``blocks`` with the element's skeleton appended, marked 待更新 until the clerk edits it.

    Under a subheading of its own when the part is written in subsections (or empty); a paragraph otherwise."""
    skeleton = element.skeleton
    text = skeleton.text.replace("{year}", str(report.year))
    result = [b.model_copy() for b in blocks]
    with_heading = skeleton.heading is not None and (
        not blocks or any(b.kind == "heading" and b.level == 2 for b in blocks)
    )
    if with_heading and element.part != "封面":
        # the heading is the standard wording, right as it is: only the sentence waits for the clerk's figures
        result.append(Block(kind="heading", level=2, text=str(skeleton.heading)))
    result.append(Block(kind="paragraph", text=text, pending_update=True))
    return result
