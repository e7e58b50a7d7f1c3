"""Recognising the parts of a report in a stream of paragraphs and table rows, shared by every importer.

The .txt, pasted-text, .pdf and .docx readers each turn their source into a list of ``Para`` (a line or paragraph
of text) and ``Row`` (the cells of one table row) in reading order; ``build_report`` finds the title, addressee,
preface, the six parts (by their words, whatever their numbering), subsection headings, the signature and the
date, hands the table parts to ``gkdesk.io.recognise.tables`` and records in the import log what it assumed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from gkdesk.domain.forms import FormId
from gkdesk.domain.report import (
    MISSING_TABLE_NOTE,
    PART_KEYS,
    PART_TITLES,
    TABLE_OF_PART,
    Block,
    Contacts,
    Part,
    PartKey,
    Report,
    Signature,
    TableData,
)
from gkdesk.io.errors import ReportReadError
from gkdesk.io.recognise.labels import norm_label
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.tables import read_tables
from gkdesk.io.recognise.traditional import is_traditional, simplified_note, to_simplified, traditional_count


@dataclass
class Para:
    """One paragraph (a line of a text file, a paragraph of Word)."""

    text: str
    numbered: bool = False  # Word auto-numbering: the number is not in the text
    level_hint: int | None = None
    after_table: bool = False  # a table row came before it: never joined to the paragraph before the table


@dataclass
class Row:
    """The cell texts of one table row, left to right."""

    cells: list[str]


Item = Para | Row


def paragraph_items(text: str, *, numbered: bool, level: int) -> list[Item]:
    """One word-processor paragraph as items: its line breaks split it, a line of TAB-separated cells (two or more
    filled) is a table row, and a list item keeps its numbering level as a hint (``level`` 0 for the first)."""
    items: list[Item] = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1 and sum(1 for c in cells if c.strip()) >= 2:
            items.append(Row([c.strip() for c in cells]))
        else:
            is_item = numbered and bool(line.strip())
            hint = min(2 + level, 4) if is_item else None
            items.append(Para(line.replace("\t", " "), numbered=is_item, level_hint=hint))
    return items


MAX_ITEMS = 40_000  # paragraphs and table rows; a long report has well under a thousand
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_NUM = "一二三四五六七八九十"
_PART_PREFIX = re.compile(rf"^(?:第([{_CN_NUM}])部分|([{_CN_NUM}]{{1,2}})|(\d{{1,2}}))\s*[、.,．，:：]?\s*")
_PAREN_START = re.compile(r"^\s*[（(]")
_PART_VARIANTS: dict[PartKey, tuple[str, ...]] = {
    "一": ("总体情况", "总体工作情况", "概述", "工作概述"),
    "二": ("主动公开政府信息情况", "主动公开政府信息的情况", "主动公开政府信息"),
    "三": ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "依申请公开政府信息情况"),
    "四": (
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议、行政诉讼的情况",
    ),
    "五": (
        "存在的主要问题及改进情况",
        "存在的主要问题及整改措施",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
    ),
    "六": ("其他需要报告的事项", "其他需要报告事项"),
}
_PART_NORMS = {key: tuple(norm_label(v) for v in variants) for key, variants in _PART_VARIANTS.items()}
_HEADING_RULES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(rf"^[（(]\s*[{_CN_NUM}]{{1,3}}\s*[）)]\s*")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
    (3, re.compile(r"^\d{1,2}\s*[.．、]\s*(?!\d)")),
)
_ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]|\{#[^}]*\}")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)
_TEMPLATE = ("格式模板", "(文字描述", "文字描述,收取信息处理费情况")
# the draft mark our .txt/.html export puts above the title ("草稿（未签发）"): a line of only that is not the report
_DRAFT_LINE = re.compile(r"[（(]?草稿[)）]?(?:[（(]?未签发[)）]?)?")
_AGENCY_END = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|委|办|中心|院|处|所|站|队|部|署|会|公司|街道办事处|街道|乡|镇|县|区|市|州|盟|旗)$"
)
_SENTENCE_END = "。！？!?；;：:…」』”）)】"
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE = re.compile(rf"^([{_CN_DIGITS}]{{4}})年([{_CN_NUM}]{{1,3}})月([{_CN_NUM}]{{1,3}})日$")
_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日")


# --------------------------------------------------------------------------- small recognisers


def clean_text(text: str) -> str:
    """A paragraph without conversion artifacts ([bookmark: _GoBack]) and surrounding spaces."""
    return _ARTIFACT.sub("", text).strip(" \t\u3000\u00a0\ufeff\u200b\r\n")


_ASCII_DIGITS = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "\u3000": " "})


def ascii_digits(text: str) -> str:
    """Full-width digits and spaces as ASCII, for the title, agency and date lines (narrative stays as typed)."""
    return text.translate(_ASCII_DIGITS)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(unicodedata.normalize("NFKC", text).strip()))


_LEAST_LIKE = 0.78  # the lowest likeness ``match_part`` accepts for a heading


@lru_cache(maxsize=4096)
def _closest_part(core: str) -> tuple[PartKey | None, float]:
    """The part whose title (or a known variant) is most like ``core``, and how alike (0..1); (None, a value
    below ``_LEAST_LIKE``) when none is as alike as a heading must be (most lines are not headings: comparing them
    closely with every title was a good part of a report's import time)."""
    best: tuple[PartKey | None, float] = (None, _LEAST_LIKE - 1e-9)
    for key, variants in _PART_NORMS.items():
        for variant in variants:
            if core == variant:
                return key, 1.0
            matcher = difflib.SequenceMatcher(None, core, variant)
            if matcher.real_quick_ratio() > best[1] and matcher.quick_ratio() > best[1]:
                ratio = matcher.ratio()
                if ratio > best[1]:
                    best = (key, ratio)
    return best


def _part_by_containment(core: str, number: str) -> PartKey | None:
    """ "一、2021年政府信息公开工作总体情况": a title with words added, accepted only under its own number."""
    key = number.rstrip("、.,．，:： ")
    if key not in _PART_NORMS:
        return None
    for variant in _PART_NORMS[key]:
        if variant in core and len(core) <= len(variant) + 14:
            return key
    return None


def match_part(para: Para) -> tuple[PartKey, str, str] | None:
    """(part key, printed title without number, printed number) when the paragraph is a part heading."""
    text = clean_text(para.text)
    if not text or len(text) > 60 or _PAREN_START.match(text):
        return None
    norm = norm_label(text).rstrip(":：。")
    prefix = _PART_PREFIX.match(norm)
    number = prefix.group(0) if prefix else ""
    core = norm[len(number) :] if prefix else norm
    if not core or len(core) > 40 or "。" in core:
        return None
    threshold = _LEAST_LIKE if (prefix or para.numbered) else 0.9
    if para.numbered and not prefix and (para.level_hint or 2) > 2:
        threshold = 0.95  # Word numbering below the first level ("1." under "（一）") is a subsection's
    found, score = _closest_part(core)
    arabic = prefix.group(3) if prefix else None
    if arabic is not None:
        # "2、主动公开政府信息情况" is part 二 written with the wrong kind of number; "1.主动公开情况" in part 一 is
        # a subsection: an arabic number must be the part's own and the whole title close, or the title exact
        own = found is not None and int(arabic) == PART_KEYS.index(found) + 1
        return _printed_part(found, text) if found is not None and score >= (0.8 if own else 0.95) else None
    if found is None or score < threshold:
        found = _part_by_containment(core, number) if threshold < 0.95 else None
        if found is None:
            return None
    return _printed_part(found, text)


def _printed_part(found: PartKey, text: str) -> tuple[PartKey, str, str]:
    """The part key, the printed title without its number and the printed number."""
    printed = re.sub(
        r"^(?:第[一二三四五六七八九十]部分|[一二三四五六七八九十]{1,2}|[\d０-９]{1,2})\s*[、.,．，:：]?\s*", "", text
    )
    return found, printed.strip().rstrip(":："), text[: len(text) - len(printed)].strip()


def split_heading(para: Para) -> tuple[int, str, str] | None:
    """(level, heading text, inline text) for a numbered subsection heading, numbering removed."""
    text = clean_text(para.text)
    for level, pattern in _HEADING_RULES:
        match = pattern.match(text)
        if match:
            rest = text[match.end() :].strip()
            if not rest:
                return None
            return (level, *_split_inline(rest))
    if para.numbered and len(text) <= 40 and not text.endswith("。"):
        return (para.level_hint or 2, text, "")
    return None


def _split_inline(rest: str) -> tuple[str, str]:
    """A run-in heading ends at its first full stop: "主动公开情况。2024 年…" → heading, inline text."""
    stop = rest.find("。")
    if 0 <= stop < len(rest) - 1:
        return rest[: stop + 1], rest[stop + 1 :].strip()
    return rest, ""


def _cn_small(text: str) -> int:
    """一 .. 三十一 as an int."""
    values = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
    values["〇"] = 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (values.get(tens, 1) if tens else 1) * 10 + (values.get(ones, 0) if ones else 0)
    return values.get(text, 0)


def arabic_years(text: str) -> str:
    """ "二〇二一年" as "2021年", so a title in Chinese numerals still gives its year."""
    return re.sub(
        rf"([{_CN_DIGITS}]{{4}})(?=\s*年)",
        lambda m: "".join(str("〇一二三四五六七八九".find(c) if c != "零" else 0) for c in m.group(1)),
        text,
    )


def parse_date(text: str) -> dt.date | None:
    """ "2022年1月24日", "２０２２ 年 1 月 24 日" or "二〇二二年一月二十四日"; None when not a date line."""
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    match = _DATE.match(norm)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        cn = _CN_DATE.match(norm)
        if not cn:
            return None
        year = int(arabic_years(cn.group(1) + "年")[:-1])
        month, day = _cn_small(cn.group(2)), _cn_small(cn.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def looks_like_date(text: str) -> bool:
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return bool(_DATE.match(norm) or _CN_DATE.match(norm))


def is_agency_line(text: str) -> bool:
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not 2 <= len(norm) <= 40 or any(ch in norm for ch in '。,，;；:：!?！？、“”"') or re.search(r"\d", norm):
        return False
    return bool(_AGENCY_END.search(norm))


def is_title_line(text: str) -> bool:
    norm = norm_label(text)
    return (
        ("报告" in norm or "年报" in norm)
        and len(norm) <= 80
        and not norm.endswith("。")
        and ("年" in norm or "政府信息公开" in norm)
        and not any(t in norm for t in _TEMPLATE)
    )


# --------------------------------------------------------------------------- paragraphs to blocks


def _mid_sentence(text: str) -> bool:
    return len(text) >= 30 and text[-1] not in _SENTENCE_END


def paragraphs_to_blocks(paras: list[Para], log: ImportLog | None = None) -> tuple[list[Block], int]:
    """Headings and paragraphs; a paragraph broken by a page break mid-sentence is joined again."""
    blocks: list[Block] = []
    joined = 0
    for para in paras:
        text = clean_text(para.text)
        if not text:
            continue
        if norm_label(text).startswith("(文字描述"):
            if log is not None:
                log.assumed(f"忽略了模板说明文字“{text}”")
            continue
        heading = split_heading(para)
        if blocks and heading is None and not para.after_table:
            last = blocks[-1]
            tail = last.inline_text if last.kind == "heading" else last.text
            if (last.kind == "paragraph" or last.inline_text) and _mid_sentence(tail):
                if last.kind == "heading":
                    last.inline_text += text
                else:
                    last.text += text
                joined += 1
                continue
        if heading:
            level, head, inline = heading
            blocks.append(Block(kind="heading", text=head, level=level, inline_text=inline))
        else:
            blocks.append(Block(kind="paragraph", text=text))
    return blocks, joined


# --------------------------------------------------------------------------- the report


@dataclass
class _Heading:
    index: int
    key: PartKey
    printed: str
    number: str


def _find_parts(items: list[Item]) -> list[_Heading]:
    found: list[_Heading] = []
    last = -1
    for index, item in enumerate(items):
        if not isinstance(item, Para):
            continue
        hit = match_part(item)
        if hit is None:
            continue
        key, printed, number = hit
        order = PART_KEYS.index(key)
        if order <= last:
            continue
        found.append(_Heading(index, key, printed, number))
        last = order
    return found


def _numbering_note(head: _Heading, log: ImportLog) -> None:
    expected = head.key
    number = unicodedata.normalize("NFKC", head.number).rstrip("、.,，:：").strip()
    if number == expected:
        return
    printed = f"{head.number}{head.printed}" if head.number else head.printed
    if not number:
        log.assumed(f"第{expected}部分标题“{printed}”没有编号，已按“{expected}、{head.printed}”识别")
    else:
        log.assumed(f"第{expected}部分标题写作“{printed}”，编号有误，已按“{expected}、”识别")


@dataclass
class _Front:
    title: str = ""
    agency: str | None = None
    addressee: str | None = None
    preface: list[Para] | None = None
    year: int | None = None


def _title_continues(previous: str, title: str) -> bool:
    """ "交口县2021年政府信息公开工作" / "年度报告": the line before a title without its year is its first half."""
    prev = norm_label(previous)
    if not prev or len(prev) > 30 or any(ch in prev for ch in "。,;:!?"):
        return False
    has_year = bool(_YEAR.search(arabic_years(norm_label(title))))
    return not has_year and bool(_YEAR.search(arabic_years(prev)) or "政府信息公开" in prev)


# what a web page or a crawler puts around an article: metadata lines, a separator, the breadcrumb trail
_META_LINE = re.compile(
    r"^(?:发布时间|发布日期|成文日期|文号|发文字号|发布机构|发文机关|栏目|所属栏目|原文链接|本地目录|页面链接|来源|信息来源|"
    r"索引号|主题分类|分类|浏览次数|访问次数|字号)\s*[:：]"
)
_TITLE_KEY = re.compile(r"^(?:标题|题目|文章标题|名称)\s*[:：]\s*")
_SEPARATOR = re.compile(r"^[=\-_*#~·.\s]{6,}(?:正文|全文)?[=\-_*#~·.\s]*$")
_BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|您的位置|当前所在位置)\s*[:：]")
_PREFACE_OPENERS = ("根据《", "依据《", "按照《", "本报告", "本年度报告", "遵照《")
_CHROME_WORD = re.compile(
    r"来源\s*[:：]|时间\s*[:：]|发布时间|微信|微博|QQ空间|字号|打印|分享|浏览|文件下载|相关链接|-->"
)


def without_page_chrome(text: str) -> str:
    """A front-matter line without the web page around the article: "" for a metadata line or a separator,
    the title without its "标题:" key, a breadcrumb trail cut where the preface begins."""
    if _SEPARATOR.match(text):
        return ""
    key = _TITLE_KEY.match(text)
    if key:
        return text[key.end() :].strip()
    starts = [i for i in (text.find(opener) for opener in _PREFACE_OPENERS) if i > 0]
    if _BREADCRUMB.match(text) or _META_LINE.match(text):
        return text[min(starts) :].strip() if starts else ""
    if (
        starts and len(_CHROME_WORD.findall(text[: min(starts)])) >= 2
    ):  # "…年度报告 来源：… 时间：… 微信 微博 --> 根据《"
        return text[min(starts) :].strip()
    return text


# what a web page puts after the article: the site's footer, print and share buttons, links to other articles
_PAGE_FOOTER = re.compile(
    r"主办单位|(?:主办|承办|协办)\s*[:：]|版权所有|网站标识码|ICP\s*[备证]|公网安备|技术支持|网站地图|联系我们|"
    r"关于我们|扫一扫|打印本页|关闭窗口|【\s*(?:打印|关闭|字体)|返回顶部|上一篇|下一篇|责任编辑|分享到|Copyright|©",
    re.IGNORECASE,
)
_FOOTER_MAX_CHARS = 150


def without_page_footer(tail: list[Item], log: ImportLog) -> list[Item]:
    """The end of the article without the web page's footer lines after it (so the signature is found)."""
    end = len(tail)
    while end:
        last = tail[end - 1]
        if not isinstance(last, Para):
            break
        text = clean_text(last.text)
        # a footer line is short and no sentence ("……由某公司提供技术支持。" is the report's)
        if text and not (len(text) <= _FOOTER_MAX_CHARS and "。" not in text and _PAGE_FOOTER.search(text)):
            break
        end -= 1
    dropped = [it for it in tail[end:] if isinstance(it, Para) and clean_text(it.text)]
    if dropped:
        log.assumed(f"忽略了正文后的 {len(dropped)} 行网页页脚文字（“{clean_text(dropped[0].text)[:20]}”等）")
    return tail[:end]


def _read_front(paras: list[Para], log: ImportLog) -> _Front:
    front = _Front(preface=[])
    lines: list[Para] = []
    chrome = 0
    for para in paras:
        text = clean_text(para.text)
        if not text:
            continue
        if any(t in norm_label(text) for t in _TEMPLATE):
            log.assumed(f"忽略了模板说明文字“{text}”")
            continue
        if _DRAFT_LINE.fullmatch(re.sub(r"\s+", "", text)):
            log.recognised(f"忽略了草稿标记“{text}”（导出的草稿，不是报告正文）")
            continue
        kept = without_page_chrome(text)
        if kept != text:
            chrome += 1
            if not kept:
                continue
        lines.append(Para(kept, para.numbered, para.level_hint))
    if chrome:
        log.assumed(f"忽略了 {chrome} 处网页栏目、发布信息等网页上的文字（标题行的“标题：”、“当前位置：”导航等）")
    title_at = next((i for i, p in enumerate(lines[:6]) if is_title_line(p.text)), None)
    if title_at is None:
        log.missing("未找到报告标题")
        front.preface = lines
        return front
    title = lines[title_at].text
    start = title_at
    if title_at > 0 and is_agency_line(lines[title_at - 1].text):
        agency_line = lines[title_at - 1].text
        front.agency = re.sub(r"\s+", "", ascii_digits(agency_line))
        start = title_at - 1
        plain = arabic_years(title)
        before_year = _YEAR.split(plain, maxsplit=1)[0] if _YEAR.search(plain) else plain
        if not norm_label(title).startswith("关于") and not norm_label(before_year):
            title = agency_line + title
            log.recognised(f"标题分两行：“{agency_line}”“{lines[title_at].text}”")
        else:
            log.recognised(f"标题前的发文机关行：“{agency_line}”")
    elif title_at > 0 and _title_continues(lines[title_at - 1].text, title):
        start = title_at - 1
        title = lines[start].text + title
        log.recognised(f"标题分两行：“{lines[start].text}”“{lines[title_at].text}”")
    front.title = re.sub(r" {2,}", "", ascii_digits(title))  # a PDF's justified title: no gaps
    plain_title = arabic_years(norm_label(title))
    year = _YEAR.search(plain_title)
    if year:
        front.year = int(year.group(1))
    if front.agency is None:
        prefix = _YEAR.split(plain_title, maxsplit=1)[0] if year else ""
        prefix = re.sub(r"^关于", "", prefix)
        front.agency = ascii_digits(prefix) or None
    rest = lines[:start] + [p for p in lines[title_at + 1 :] if norm_label(p.text) != norm_label(title)]
    after = start  # index in ``rest`` of the line after the title
    if after < len(rest):
        candidate = rest[after].text
        norm = norm_label(candidate)
        if norm.endswith((":", "：")) and len(norm) <= 40 and not any(ch in norm[:-1] for ch in "。,，;；:："):
            front.addressee = candidate.rstrip(":： ").strip()
            rest = rest[:after] + rest[after + 1 :]
            log.recognised(f"主送机关：“{front.addressee}”")
    front.preface = rest
    return front


def _signature(paras: list[Para], log: ImportLog) -> tuple[Signature, list[Para]]:
    """The signature agency and date at the end of the last part, and the paragraphs that hold them."""
    texts = [(i, clean_text(p.text)) for i, p in enumerate(paras)]
    texts = [(i, t) for i, t in texts if t]
    signature = Signature()
    used_from = len(paras)
    if not texts:
        log.missing("未找到落款机关")
        log.missing("未找到落款日期")
        return signature, []
    last_i, last = texts[-1]
    date_text = ""
    combined = re.match(
        r"^(.*?)\s*((?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.*日)$", unicodedata.normalize("NFKC", last)
    )
    if looks_like_date(last):
        date_text = last
        used_from = last_i
        if len(texts) >= 2 and is_agency_line(texts[-2][1]):
            signature.agency = re.sub(r"\s+", "", ascii_digits(texts[-2][1]))
            used_from = texts[-2][0]
    elif combined and combined.group(1) and is_agency_line(combined.group(1)) and looks_like_date(combined.group(2)):
        signature.agency = re.sub(r"\s+", "", ascii_digits(combined.group(1)))
        date_text = combined.group(2)
        used_from = last_i
    elif is_agency_line(last):
        signature.agency = re.sub(r"\s+", "", ascii_digits(last))
        used_from = last_i
    if date_text:
        signature.date = parse_date(date_text)
        if signature.date is None:
            log.warning(f"落款日期“{date_text}”不是有效日期，未导入")
    if signature.agency:
        log.recognised(f"落款机关：{signature.agency}")
    else:
        log.missing("未找到落款机关")
    if signature.date:
        log.recognised(f"落款日期：{signature.date.year}年{signature.date.month}月{signature.date.day}日")
    elif not date_text:
        log.missing("未找到落款日期")
    return signature, paras[used_from:]


_PHONE = re.compile(r"(?:联系)?电话[：:\s]*([0-9０-９][0-9０-９\-－—\s]{5,}[0-9０-９])")
_FAX = re.compile(r"传真[：:\s]*([0-9０-９][0-9０-９\-－—]{5,})")
_POSTCODE = re.compile(r"邮(?:政)?编(?:码)?[：:\s]*([0-9０-９]{6})")
_ADDRESS = re.compile(r"地址[：:]\s*(.+?)(?=\s*(?:[）)，,；;。]|电话|传真|邮编|$))")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_WEBSITE = re.compile(r"(https?://[^\s）)>，,；;。]+|www\.[A-Za-z0-9.\-/]+[A-Za-z0-9/])")


def find_contacts(text: str) -> Contacts:
    def first(pattern: re.Pattern[str]) -> str:
        match = pattern.search(text)
        return (
            re.sub(r"\s+", "", unicodedata.normalize("NFKC", match.group(1 if pattern.groups else 0))) if match else ""
        )

    address = _ADDRESS.search(text)
    return Contacts(
        address=address.group(1).strip() if address else "",
        phone=first(_PHONE),
        fax=first(_FAX),
        postcode=first(_POSTCODE),
        email=first(_EMAIL),
        website=first(_WEBSITE),
    )


def _plausible(year: int) -> bool:
    return 1990 <= year <= 2200


def _guess_year(front: _Front, narrative: str, signature: Signature, log: ImportLog) -> int:
    if front.year is not None and _plausible(front.year):
        return front.year
    period = _PERIOD.search(narrative)
    if period and _plausible(int(period.group(1))):
        log.assumed(f"标题中没有年份，按统计期限定为 {period.group(1)} 年度")
        return int(period.group(1))
    if signature.date is not None and _plausible(signature.date.year - 1):
        log.assumed(f"标题中没有年份，按落款日期定为 {signature.date.year - 1} 年度")
        return signature.date.year - 1
    year = next((int(m.group(1)) for m in _YEAR.finditer(narrative) if _plausible(int(m.group(1)))), None)
    if year is not None:
        log.assumed(f"标题中没有年份，按正文中最早出现的年份定为 {year} 年度")
        return year
    fallback = dt.date.today().year - 1
    log.assumed(f"未找到报告年度，已按 {fallback} 年度处理，请核对")
    return fallback


def _layout_row_as_para(row: Row) -> Item:
    """A table used for layout (one filled cell holding a heading, a title, a sentence or the date) is text."""
    filled = [c for c in row.cells if c.strip()]
    if len(filled) != 1:
        return row
    text = filled[0]
    para = Para(text)
    if (
        match_part(para)
        or is_title_line(text)
        or looks_like_date(text)
        or is_agency_line(text)
        or (len(text) > 25 and "。" in text and "勾稽关系" not in text)
    ):
        return para
    return row


_RUN_IN_PART = re.compile(rf"^\s*([{_CN_NUM}]{{1,2}}\s*[、.．])(.{{2,40}}?)[。：:]\s*(\S.*)$", re.DOTALL)


def _split_run_in_part(para: Para) -> list[Item]:
    """ "一、总体情况：2021年，我县…" is the part heading and its first paragraph."""
    match = _RUN_IN_PART.match(para.text)
    if not match or match_part(Para(match.group(1) + match.group(2))) is None:
        return [para]
    return [Para(match.group(1) + match.group(2)), Para(match.group(3))]


_TABLE_PARTS: tuple[PartKey, ...] = ("二", "三", "四")
_SIGNED = re.compile(r"[-−]?\d+")
_FIGURE = re.compile(r"[\d０-９][\d０-９,.]*")


def _is_prose(item: Item) -> bool:
    return isinstance(item, Para) and "。" in item.text and "勾稽关系" not in item.text


def _spaced(word: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in word)


_INLINE_PART = re.compile(
    r"(?P<head>(?P<num>[一二三四五六])\s*[、.．]\s*(?P<title>"
    + "|".join(sorted({_spaced(v) for vs in _PART_VARIANTS.values() for v in vs}, key=len, reverse=True))
    + r"))"
)
_INLINE_SUBSECTION = re.compile(r"(?<=[。；;！？])\s*(?=[（(][一二三四五六七八九十]{1,2}[）)])")
_LONG_LINE = 160
# "…政务公开水平。河北省教育厅2024年1月26日": the signature run into the last sentence
_SIGNATURE_AT_END = re.compile(
    r"(?<=[。！？!?])\s*(?P<agency>[^\s。，,；;：:]{2,40}?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)
_TITLE_AT_START = re.compile(r"^\s*(\S.{3,80}?(?:年度报告|工作报告|年报))(?=\s|本报告|本年度报告|根据|依据|按照)")


def _whole_text_in_a_row(row: Row) -> bool:
    """A "row" that holds the report's text (a copy that lost its line breaks): a cell as long as a page, or
    part headings inside it."""
    if len(row.cells) == 1 and len(row.cells[0]) >= _LONG_LINE:
        return True
    return sum(1 for _m in _INLINE_PART.finditer("".join(row.cells))) >= 2


def split_inline_parts(para: Para) -> list[Para]:
    """Text that lost its line breaks (a web page copied or crawled as one line): cut it before and after every
    part heading under its own number ("…有任何疑问…。一、总体情况2021年，我区…"), and before each "（一）"
    subsection that follows a full stop, so the parts are found wherever they stand."""
    text = para.text
    signature = _SIGNATURE_AT_END.search(text) if len(text) >= 30 else None
    if signature and is_agency_line(signature.group("agency")) and looks_like_date(signature.group("date")):
        head = Para(text[: signature.start()].rstrip())
        return [*split_inline_parts(head), Para(signature.group("agency")), Para(signature.group("date"))]
    if len(text) < _LONG_LINE:
        return [para]
    pieces: list[str] = []
    pos = 0
    at_start = _TITLE_AT_START.match(text)
    if at_start and is_title_line(at_start.group(1)):
        pieces.append(at_start.group(1))
        pos = at_start.end()
    for match in _INLINE_PART.finditer(text):
        key = match.group("num")
        title = re.sub(r"\s+", "", match.group("title"))
        if norm_label(title) not in _PART_NORMS[key]:  # type: ignore[index]
            continue
        if match.start() > pos:
            pieces.append(text[pos : match.start()])
        pieces.append(match.group("head"))
        pos = match.end()
    pieces.append(text[pos:])
    out: list[Para] = []
    for piece in pieces:
        for sub in _INLINE_SUBSECTION.split(piece) if len(piece) >= _LONG_LINE else [piece]:
            if sub.strip():
                out.append(Para(sub.strip()))
    if len(out) <= 1:
        return [para]
    return out


def _drop_page_numbers(items: list[Item], heads: list[_Heading]) -> tuple[list[Item], list[_Heading], int, list[str]]:
    """Page numbers standing alone on a line are dropped, except among the figures of a table whose source does
    not mark its cells (every cell a line of its own): there a number on its own line is a figure."""
    table_at: set[int] = set()
    for n, head in enumerate(heads):
        if head.key in _TABLE_PARTS:
            end = heads[n + 1].index if n + 1 < len(heads) else len(items)
            table_at.update(range(head.index + 1, end))
    rows_with_figures = 0
    for i in table_at:
        item = items[i]
        if isinstance(item, Row) and any(_FIGURE.fullmatch(c.strip()) for c in item.cells):
            rows_with_figures += 1
    marked_cells = rows_with_figures >= 3
    keep: list[Item] = []
    new_index: dict[int, int] = {}
    dropped = 0
    in_tables: list[str] = []  # dropped between the rows of a table: said so, with what was dropped

    def bare_figure(i: int) -> bool:
        item = items[i] if 0 <= i < len(items) else None
        return isinstance(item, Para) and bool(_SIGNED.fullmatch(clean_text(item.text)))

    for i, item in enumerate(items):
        text = clean_text(item.text) if isinstance(item, Para) else ""
        # a figure among figures, each on its own line (a table copied one cell per line), is no page number
        among_figures = bare_figure(i) and (bare_figure(i - 1) or bare_figure(i + 1))
        figure_in_table = i in table_at and (among_figures or (not marked_cells and bare_figure(i)))
        if text and is_page_number(text) and not figure_in_table:
            dropped += 1
            if i in table_at:
                in_tables.append(text)
            continue
        new_index[i] = len(keep)
        keep.append(item)
    moved = [_Heading(new_index[h.index], h.key, h.printed, h.number) for h in heads]
    return keep, moved, dropped, in_tables


def _parts_printed_blank(part_items: dict[PartKey, list[Item]]) -> set[PartKey]:
    """The table parts whose table is printed as the blank official form under ``MISSING_TABLE_NOTE`` (gkdesk's own
    export of a table the report lacks); the note is taken out of the part's text."""
    blank: set[PartKey] = set()
    for key in _TABLE_PARTS:
        section = part_items.get(key, [])
        notes = [it for it in section if isinstance(it, Para) and clean_text(it.text) == MISSING_TABLE_NOTE]
        if notes:
            blank.add(key)
            section[:] = [it for it in section if not any(it is note for note in notes)]
    return blank


def _read_table_region(
    items: list[Item],
    heads: list[_Heading],
    part_of: dict[int, PartKey],
    year: int,
    log: ImportLog,
    *,
    blank_parts: set[PartKey] | None = None,
) -> tuple[dict[FormId, TableData], set[int]]:
    """The tables, read from the parts that hold them and from table rows anywhere else (a table whose part
    heading was lost), or from the whole text when no heading of theirs was found; and the ids of the items
    they took. Prose sentences stay text, and so do rows elsewhere that belong to no official table. The rows
    of a part in ``blank_parts`` (a blank form printed for a table the report lacks) are taken and not read."""
    in_parts = bool({h.key for h in heads} & set(_TABLE_PARTS))
    blank_parts = blank_parts or set()

    def in_table_part(i: int) -> bool:
        return part_of.get(i) in _TABLE_PARTS

    region = [
        i
        for i, it in enumerate(items)
        if not _is_prose(it)
        and (not in_parts or in_table_part(i) or isinstance(it, Row))
        and part_of.get(i) not in blank_parts
    ]
    sources: list[str | list[str]] = [
        items[i].text if isinstance(items[i], Para) else list(items[i].cells)  # type: ignore[union-attr]
        for i in region
    ]
    blank_forms = {TABLE_OF_PART[key] for key in blank_parts}
    tables, used = read_tables(sources, year, log, [part_of.get(i) for i in region], blank_forms)
    taken = {id(items[region[k]]) for k in used}
    taken |= {id(items[i]) for i in region if in_parts and in_table_part(i)}
    taken |= {id(it) for i, it in enumerate(items) if part_of.get(i) in blank_parts and not _is_prose(it)}
    return tables, taken


def _simplified(items: list[Item], log: ImportLog) -> list[Item]:
    """A document in traditional characters (a Word copy of a site's 繁體 page) as the simplified report."""
    text = "\n".join(it.text if isinstance(it, Para) else "\t".join(it.cells) for it in items)
    if not is_traditional(text):
        return items
    log.recognised(simplified_note(traditional_count(text)[0]))
    return [
        replace(it, text=to_simplified(it.text)) if isinstance(it, Para) else Row([to_simplified(c) for c in it.cells])
        for it in items
    ]


def build_report(items: list[Item], source_name: str = "", log: ImportLog | None = None) -> Report:
    """The report in ``items``; raises ReportReadError when nothing in them looks like an annual report."""
    log = log or ImportLog()
    if len(items) > MAX_ITEMS:
        raise ReportReadError(
            f"“{source_name or '文本'}”有 {len(items)} 个段落和表格行，远超一份年度报告的篇幅，不像年度报告，已拒绝导入"
        )
    items = _simplified(items, log)
    kept: list[Item] = []
    for item in items:
        if isinstance(item, Row):
            item = _layout_row_as_para(item)  # noqa: PLW2901 - a layout table's cell is a paragraph
        if isinstance(item, Row) and _whole_text_in_a_row(item):
            item = Para("\t".join(item.cells))  # noqa: PLW2901 - a whole text run into one line, not a table row
        if isinstance(item, Para):
            kept.extend(piece for part in split_inline_parts(item) for piece in _split_run_in_part(part))
        else:
            kept.append(item)
    heads = _find_parts(kept)
    items, heads, dropped_pages, dropped_in_tables = _drop_page_numbers(kept, heads)
    for previous, item in itertools.pairwise(items):
        if isinstance(item, Para) and isinstance(previous, Row):
            item.after_table = True
    first_head = heads[0].index if heads else len(items)
    if not heads:  # no part found: the text before the first table row is the front matter
        first_head = next((i for i, it in enumerate(items) if isinstance(it, Row)), len(items))
    front = _read_front([it for it in items[:first_head] if isinstance(it, Para)], log)

    part_items: dict[PartKey, list[Item]] = {}
    part_of: dict[int, PartKey] = {}
    for n, head in enumerate(heads):
        end = heads[n + 1].index if n + 1 < len(heads) else len(items)
        part_items[head.key] = items[head.index + 1 : end]
        part_of.update(dict.fromkeys(range(head.index + 1, end), head.key))
        _numbering_note(head, log)
    orphan = [] if heads else items[first_head:]

    # the signature sits after the last part (or after everything, when no part was found)
    tail = part_items[heads[-1].key] if heads else orphan
    tail[:] = without_page_footer(tail, log)
    signature, used = _signature([it for it in tail if isinstance(it, Para)], log)
    used_ids = {id(p) for p in used}
    tail[:] = [it for it in tail if id(it) not in used_ids]

    narrative = "\n".join(
        clean_text(it.text) for it in (front.preface or []) + part_items.get("一", []) if isinstance(it, Para)
    )
    year = _guess_year(front, narrative, signature, log)
    blank_parts = _parts_printed_blank(part_items)
    tables, table_items = _read_table_region(items, heads, part_of, year, log, blank_parts=blank_parts)

    def paragraphs(section: list[Item]) -> list[Para]:
        out: list[Para] = []
        for it in section:
            if id(it) in table_items:
                continue
            if isinstance(it, Para):
                out.append(it)
            else:  # a table of the clerk's own stays as text
                out.append(Para("  ".join(c.strip() for c in it.cells if c.strip()), after_table=True))
        return out

    part_paras = {key: paragraphs(section) for key, section in part_items.items()}
    if not heads and not any(t.present for t in tables.values()):
        raise ReportReadError(
            f"“{source_name or '文本'}”看起来不是政府信息公开工作年度报告：没有找到“一、总体情况”等部分，也没有找到统计表"
        )

    parts: dict[PartKey, Part] = {}
    joined_total = 0
    titles = {h.key: h.printed for h in heads}
    for key in PART_KEYS:
        paras = part_paras.get(key, [])
        if key == "一" and orphan:
            paras = paragraphs(orphan)
        blocks, joined = paragraphs_to_blocks(paras, log)
        joined_total += joined
        present = key in part_paras
        if not present and key in TABLE_OF_PART and tables[TABLE_OF_PART[key]].present:
            present = True
            log.assumed(f"未找到第{key}部分标题“{PART_TITLES[key]}”，已根据表格内容识别")
        elif not present:
            log.missing(f"未找到第{key}部分“{PART_TITLES[key]}”（文件可能不完整）")
        parts[key] = Part(key=key, title=titles.get(key) or PART_TITLES[key], present=present, blocks=blocks)
    preface, joined = paragraphs_to_blocks(front.preface or [], log)
    joined_total += joined
    if joined_total:
        log.assumed(f"有 {joined_total} 处段落在句中被分页或换行断开，已接回原段落")
    if dropped_pages:
        log.assumed(f"忽略了 {dropped_pages} 处单独成行的页码")
    if dropped_in_tables:
        shown = "”“".join(dropped_in_tables[:5])
        log.warning(
            f"表格的行之间有 {len(dropped_in_tables)} 处单独成行、不在任何单元格中的数字（“{shown}”），"
            "已按页码忽略，请核对表格"
        )
    contacts = find_contacts(narrative)
    report = Report(
        title=front.title,
        agency=front.agency or signature.agency,
        year=year,
        addressee=front.addressee,
        preface=preface,
        contacts=contacts,
        parts=parts,
        tables=tables,
        signature=signature,
        source_file=source_name or None,
    )
    if not report.title:
        report.title = report.default_title()
        log.assumed(f"标题按机关和年度补为“{report.title}”")
    elif front.agency is None and signature.agency:
        log.assumed(f"标题中没有机关名称，机关按落款定为“{signature.agency}”")
    report.import_log = log.entries
    return report
