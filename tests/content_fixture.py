"""Text that covers every required element (resources/elements) at a length no content check finds short.

The checker's "clean report" fixtures add it so that "no findings" still means clean once the content checks run:
a preface with the legal basis, period, download place and contacts; 一 with its five subjects and the
government's 考核/评议/责任追究 results; 五 with concrete problems and measures; 六 with the 信息处理费 and the three
common-practice subjects. It states no figure (R7 compares figures with the tables).
"""

from __future__ import annotations

from gkdesk.domain.report import Block, Report

PREFACE = (
    "本报告根据《中华人民共和国政府信息公开条例》编制。本报告电子版可在本机关门户网站下载，"
    "如对本报告有疑问，请与本机关办公室联系（联系电话见门户网站）。"
)
OVERVIEW = (
    (
        "主动公开情况",
        "严格落实主动公开基本目录，及时公开机构职能、政策文件、财政预决算和重点领域信息，"
        "围绕群众关注的教育、医疗、就业、社会保障等事项持续做好政策发布和解读，解读材料同步在网站和新媒体发布。",
    ),
    (
        "依申请公开情况",
        "规范依申请公开的登记、审核、办理、答复和归档各环节，统一答复文书格式，"
        "对复杂申请建立会商机制，答复均在法定期限内完成，申请人对答复内容无异议。",
    ),
    (
        "政府信息管理情况",
        "落实公开属性源头认定和保密审查制度，严格执行信息发布三审三校程序，"
        "对行政规范性文件实行动态管理并及时公开清理结果，确保公开内容准确、规范、安全。",
    ),
    (
        "政府信息公开平台建设情况",
        "优化门户网站政府信息公开专栏设置，完善政策文件库和智能检索功能，"
        "加强政务新媒体备案和日常巡查，关停运维不到位的账号，提升平台服务能力，方便公众获取政府信息。",
    ),
    (
        "监督保障情况",
        "将政务公开纳入年度绩效考核，组织业务培训和季度检查，通报发现的问题并督促限期整改，"
        "开展社会评议并向社会公开评议结果，本年度未发生需要责任追究的情况。",
    ),
)
PROBLEMS = (
    "存在的主要问题：一是政策解读形式较为单一，图解和视频解读偏少；二是部分单位信息发布时效性不强，个别栏目更新滞后。",
    "下一步，一是丰富政策解读形式，增加图表图解和音视频解读；二是建立栏目更新提醒机制，按月通报更新情况。",
)
OTHER = (
    "本年度未收取信息处理费。落实上年度政务公开工作要点情况良好，人大代表建议和政协委员提案办理结果已按规定公开，"
    "年度工作创新情况：推出政策文件智能问答服务。"
)


def with_complete_content(report: Report) -> Report:
    """``report`` with the complete text appended to its preface and parts 一, 五 and 六 (existing text kept)."""
    report.preface = [*report.preface, Block(text=PREFACE)]
    overview: list[Block] = []
    for heading, text in OVERVIEW:
        overview += [Block(kind="heading", text=heading), Block(text=text)]
    report.parts["一"].blocks = [*report.parts["一"].blocks, *overview]
    report.parts["五"].blocks = [*report.parts["五"].blocks, *(Block(text=t) for t in PROBLEMS)]
    report.parts["六"].blocks = [*report.parts["六"].blocks, Block(text=OTHER)]
    return report
