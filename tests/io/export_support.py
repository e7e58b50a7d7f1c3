"""Reports built from printed figures and one content comparison, shared by the export tests.

The seeds are real published reports; building them here from their printed figures keeps the export tests
independent of the importers, which are tested on their own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gkdesk.domain.report import PART_TITLES, Block, Report, SignOff, new_report
from gkdesk.io.export_layout import printed_levels, without_cjk_digit_spaces

JIAOKOU_AGENCY = "交口县人民政府办公室"  # the signature; the title names the county, which is what importers take
JIAOKOU_TITLE = "交口县 2021 年政府信息公开工作年度报告"  # as printed, spaces included
JIAOKOU_PRINTED_TITLE = "交口县2021年政府信息公开工作年度报告"  # as the exports print it: no web-copy spaces


def _h(text: str, level: int = 2, inline: str = "") -> Block:
    return Block(kind="heading", text=text, level=level, inline_text=inline)


def _p(text: str) -> Block:
    return Block(kind="paragraph", text=text)


def jiaokou_2021() -> Report:
    """交口县 2021 (seeds/jiaokou-county-2021.txt) in full: every paragraph and every printed figure."""
    report = new_report("交口县", 2021)
    report.title = JIAOKOU_TITLE
    report.preface = [
        _p(
            "本报告根据新修订的《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）以及《吕梁市人民"
            "政府办公室关于报送政府信息公开工作年度报告有关事项的通知》，由交口县人民政府办公室编制。"
        ),
        _p(
            "本年报所列数据的统计期限自 2021 年 1 月 1 日起至 12 月 31 日止，年报电子版可以从交口县人民政府网站"
            "（www.jiaokou.gov.cn）上下载。如对报告有任何疑问，请联系交口县人民政府办公室（联系电话：0358-5422520 "
            "传真：0358-5427520 邮编：032400 地址：交口县龙泉街 16 号）。"
        ),
    ]
    report.parts["一"].blocks = [
        _h("政务公开标准化规范化建设方面"),
        _p(
            "2021 年交口县深入贯彻党的十九大、十九届六中全会精神，按照“应公开、尽公开”的要求，扎实有序推进政务公开"
            "工作落实，积极落实省市相关政策，印发了《交口县人民政府办公室关于做好 2021 年政务公开工作的通知》（交政办发"
            "〔2021〕45 号），督促乡镇及县直部门开展政务公开工作，以政务公开推动政府职能转变，坚持围绕政府中心工作、服务"
            "大局，以提升规范化、标准化、信息化水平为重点，以加快建设法治政府、服务政府、责任政府为目标，努力打造人民满意"
            "的服务型政府，取得显著成效。"
        ),
        _p(
            "政府办公室牵头严格发文流程，进一步规范文件公开属性认定、科学分类和政策性文件解读工作，2021 年全年共印发文件"
            "81份，公开发布43份，依申请公开28份，不公开11份（其中，交政发共印发文件18份，公开发布4份，依申请公开9份，"
            "不公开5份；交政办发共印发文件63份，公开发布39份，依申请公开19份，不公开6份）。"
        ),
        _h("政务公开平台建设方面"),
        _p(
            "线下为进一步推进交口县政务公开，方便广大群众进行政府信息查询、政策咨询、信息公开申请等办理，协调县行政审批局"
            "在政务大厅开设了“政务公开专区”，配备一名专职人员，工作时段接受群众线下申请，同时回复群众咨询答复，对于办事"
            "咨询，告知政务服务大厅相应受理窗口；对于政策咨询，引导群众利用“12345”政务服务热线或政府门户网站“县长信箱”"
            "栏目进行留言办理。"
        ),
        _p(
            "线上推进政府网站规范化运行，全年更新各类信息4933条。新增疫情常态化防控专栏1个，共发布相关信息46条；重点领域"
            "信息15个子栏目，共公开信息606条；县长信箱收到反映问题共76条，有效信息31条，办理完成31条，办结率100%。加强"
            "政务新媒体管理，对未达到开办资格、确属无力维护的，全部予以关停，新媒体开设与运营坚决落实审批备案制度，杜绝私开"
            "私设违规运行。"
        ),
    ]
    report.parts["五"].blocks = [
        _p(
            "一是网站信息公开不够全面，时间节点把握不够准确，部分信息公开不及时，未能全部按照时间节点公开；二是公开目录和"
            "公开事项还不够明确具体；三是文件解读方面，绝大部分为图片解读，形式单一，质量不高。"
        )
    ]
    report.parts["六"].blocks = [_p("无。")]
    disclosure = report.disclosure
    for cell_id in ("normative_documents.issued", "normative_documents.repealed", "normative_documents.in_force"):
        disclosure.set(f"art20_1.{cell_id}", 2)
    disclosure.set("art20_5.licensing.decisions", 3388)
    disclosure.set("art20_6.penalty.decisions", 404)
    disclosure.set("art20_6.coercion.decisions", 13)
    disclosure.set("art20_8.fees.amount_wan", Decimal("53.6836"))
    applications = report.applications
    for cell_id in ("new.natural", "new.total", "unable.not_held.natural", "unable.not_held.total"):
        applications.set(cell_id, 1)
    applications.set("total.natural", 1)
    applications.set("total.total", 1)
    report.review_litigation.set("review.corrected", 1)
    report.review_litigation.set("review.total", 1)
    report.signature.agency = JIAOKOU_AGENCY
    report.signature.date = dt.date(2022, 1, 24)
    return report


def signed(report: Report) -> Report:
    """The same report, signed off (a final export needs it)."""
    copy = report.model_copy(deep=True)
    copy.sign_off = SignOff(approver="王主任", date=dt.date(2022, 1, 24))
    return copy


def as_embedded(report: Report) -> Report:
    """What reopening our .docx gives back: the report, its approver's name (a user name the page does not show)
    replaced by the placeholder (gkdesk.io.docx_embed.APPROVER_NOT_KEPT), in last year's report too."""
    from gkdesk.io.docx_embed import APPROVER_NOT_KEPT

    copy = report.model_copy(deep=True)
    for one in (copy, copy.previous):
        if one is not None and one.sign_off.approver:
            one.sign_off = one.sign_off.model_copy(update={"approver": APPROVER_NOT_KEPT})
    return copy


def _blocks(blocks: list[Block], *, printed: bool = False) -> list[tuple[str, str, int, str]]:
    """Blocks as comparable tuples; ``printed``: as the exports print them (levels of the source's hierarchy,
    no spaces between Chinese and digits)."""
    if not printed:
        return [(b.kind, b.text, b.level if b.kind == "heading" else 0, b.inline_text) for b in blocks]
    return [
        (kind, text, level if kind == "heading" else 0, inline) for kind, level, text, inline in printed_blocks(blocks)
    ]


def printed(text: str | None) -> str | None:
    """``text`` as every export prints it: no spaces between Chinese and numbers (``gkdesk.io.export_layout``)."""
    return without_cjk_digit_spaces(text)[0] if text else text


def printed_blocks(blocks: list[Block]) -> list[tuple[str, int, str, str]]:
    """(kind, level, text, inline text) of each block as the exports print it: the source's hierarchy kept, no
    spaces between Chinese and numbers; what an import of an export gives back."""
    return [
        (b.kind, level, printed(b.text) or "", printed(b.inline_text) or "")
        for b, level in zip(blocks, printed_levels(blocks), strict=True)
    ]


def content(report: Report, *, visible_only: bool = False) -> dict[str, object]:
    """What a report says, for comparing an import with the report that was exported.

    ``visible_only`` is for formats that carry only the printed text (.txt, a .docx edited in Word): sign-off is
    not printed, a missing part or table is exported in full (so it comes back present), the exported tables
    hold 0 where the source had blanks, and the text is as ``gkdesk.io.export_layout`` prints it (official part
    headings, no spaces between Chinese and digits, the source's subsection hierarchy).
    """
    as_printed = visible_only
    tables: dict[str, object] = {}
    for form_id, table in report.tables.items():
        texts = {k: (v if v.strip() or not visible_only else "0") for k, v in table.texts.items()}
        entry: dict[str, object] = {
            "variant": table.variant,
            "counts": dict(table.counts) if table.present or not visible_only else dict.fromkeys(table.counts, 0),
            "amounts": {k: str(v) for k, v in table.amounts.items()},
            "texts": texts,
        }
        if not visible_only:
            entry["present"] = table.present
            entry["blank_cells"] = sorted(table.blank_cells)
        tables[form_id] = entry
    data: dict[str, object] = {
        "title": printed(report.title) if as_printed else report.title,
        "agency": report.agency,
        "year": report.year,
        "addressee": printed(report.addressee) if as_printed else report.addressee,
        "preface": _blocks(report.preface, printed=as_printed),
        "parts": {
            key: (
                PART_TITLES[key] if as_printed else part.title or PART_TITLES[key],
                _blocks(part.blocks, printed=as_printed),
                True if visible_only else part.present,
            )
            for key, part in report.parts.items()
        },
        "tables": tables,
        "signature": (
            printed(report.signature.agency) if as_printed else report.signature.agency,
            report.signature.date,
        ),
    }
    if not visible_only:
        data["sign_off"] = (report.sign_off.approver, report.sign_off.date)
    return data


def assert_same_content(got: Report, expected: Report, *, visible_only: bool = False) -> None:
    mine, theirs = content(got, visible_only=visible_only), content(expected, visible_only=visible_only)
    differences = {key: (mine[key], theirs[key]) for key in theirs if mine.get(key) != theirs[key]}
    assert not differences, "\n".join(f"{key}:\n  got      {a}\n  expected {b}" for key, (a, b) in differences.items())
