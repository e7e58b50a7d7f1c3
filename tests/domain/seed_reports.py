"""The seed reports (shared/seeds/*.txt) for the rollover, merge and batch tests.

``seed_report`` reads the real seed file through ``gkdesk.io.files.load_report`` when the text importer exists;
until then it builds the same report from the figures printed in the seed, so the tests of rollover and merge do
not wait for the importer. ``PRINTED`` holds the figures as printed, for assertions either way.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

from gkdesk.domain.report import Block, Part, Report, Signature, new_report, new_table

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED_NAMES = (
    "hequ-county-2020.txt",
    "jiaocheng-county-2024.txt",
    "jiaokou-county-2021.txt",
    "xijiaokou-township-2021.txt",
    "zezhou-county-office-2021.txt",
)
HAVE_TXT_IMPORTER = importlib.util.find_spec("gkdesk.io.txt_reader") is not None

# year, agency, table 二/三 variants, and the non-zero cells as printed (all other cells are 0 or blank).
PRINTED: dict[str, dict[str, object]] = {
    "hequ-county-2020.txt": {
        "year": 2020,
        "agency": "河曲县人民政府办公室",
        "title": "关于河曲县2020年政府信息公开工作报告",
        "variants": ("2019-trial", "2019-trial"),
        "disclosure": {
            "art20_1.normative_documents.made": 27,
            "art20_1.normative_documents.published": 32,
            "art20_1.normative_documents.total_published": 32,
            "art20_5.licensing.prev_items": 1837,
            "art20_5.licensing.change": -825,
            "art20_5.licensing.decisions": 4323,
            "art20_5.other_services.prev_items": 3414,
            "art20_5.other_services.change": 49,
            "art20_5.other_services.decisions": 3469,
            "art20_6.penalty.prev_items": 215,
            "art20_6.penalty.change": 52,
            "art20_6.penalty.decisions": 123,
            "art20_6.coercion.prev_items": 16,
            "art20_8.fees.prev_items": 35,
            "art20_9.procurement.items": 111,
            "art20_9.procurement.amount": "62423198.43元",
        },
        "applications": {"new.natural": 3, "new.total": 3, "other.natural": 3, "total.natural": 3, "total.total": 3},
        "review_litigation": {"review.other": 1, "review.total": 1},
        "signed": dt.date(2021, 2, 5),
    },
    "jiaocheng-county-2024.txt": {
        "year": 2024,
        "agency": "交城县",
        "title": "交城县 2024 年政府信息公开年度报告",
        "variants": ("2021", "2021"),
        "disclosure": None,  # truncated: the table is missing
        "applications": {
            "new.natural": 8,
            "new.biz": 2,
            "new.total": 10,
            "granted.natural": 7,
            "granted.biz": 2,
            "granted.total": 9,
            "unable.not_held.natural": 1,
            "unable.not_held.total": 1,
            "total.natural": 8,
            "total.biz": 2,
            "total.total": 10,
        },
        "review_litigation": {"review.upheld": 4, "review.total": 4},
        "signed": dt.date(2024, 1, 17),
    },
    "jiaokou-county-2021.txt": {
        "year": 2021,
        "agency": "交口县",
        "title": "交口县 2021 年政府信息公开工作年度报告",
        "variants": ("2021", "2021"),
        "disclosure": {
            "art20_1.normative_documents.issued": 2,
            "art20_1.normative_documents.repealed": 2,
            "art20_1.normative_documents.in_force": 2,
            "art20_5.licensing.decisions": 3388,
            "art20_6.penalty.decisions": 404,
            "art20_6.coercion.decisions": 13,
            "art20_8.fees.amount_wan": Decimal("53.6836"),
        },
        "applications": {
            "new.natural": 1,
            "new.total": 1,
            "unable.not_held.natural": 1,
            "unable.not_held.total": 1,
            "total.natural": 1,
            "total.total": 1,
        },
        "review_litigation": {"review.corrected": 1, "review.total": 1},
        "signed": dt.date(2022, 1, 24),
    },
    "xijiaokou-township-2021.txt": {
        "year": 2021,
        "agency": "西交口乡人民政府",
        "title": "西交口乡人民政府2021年政府信息公开工作年度报告",
        "variants": ("2021", "2021"),
        "disclosure": {},
        "applications": {},
        "review_litigation": {},
        "signed": None,
    },
    "zezhou-county-office-2021.txt": {
        "year": 2021,
        "agency": "泽州县人民政府办公室",
        "title": "泽州县人民政府办公室2021 年政府信息公开工作年度报告",
        "variants": ("2021", "2019-trial"),
        "disclosure": {
            "art20_1.normative_documents.issued": 10,
            "art20_1.normative_documents.repealed": 10,
            "art20_1.normative_documents.in_force": 22,
        },
        "applications": {
            "new.natural": 6,
            "new.total": 6,
            "partial.natural": 4,
            "partial.total": 4,
            "unable.not_held.natural": 2,
            "unable.not_held.total": 2,
            "total.natural": 6,
            "total.total": 6,
        },
        "review_litigation": {"review.other": 2, "review.total": 2},
        "signed": dt.date(2022, 1, 13),
    },
}

# A few sentences of each seed's text, enough for the rollover and copied-text tests without the importer.
_PREFACE = {
    "hequ-county-2020.txt": [
        "为认真贯彻落实《中华人民共和国政府信息公开条例》（国令第711号）和省市有关部署，不断提升全县政务公开工作的"
        "整体水平，扎实做好政务信息公开工作。现将我县2020年度政府信息公开工作报告如下："
    ],
    "jiaokou-county-2021.txt": [
        "本报告根据新修订的《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）以及《吕梁市人民政府"
        "办公室关于报送政府信息公开工作年度报告有关事项的通知》，由交口县人民政府办公室编制。",
        "本年报所列数据的统计期限自 2021 年 1 月 1 日起至 12 月 31 日止，年报电子版可以从交口县人民政府网站"
        "（www.jiaokou.gov.cn）上下载。",
    ],
    "jiaocheng-county-2024.txt": [
        "本年度报告根据《中华人民共和国政府信息公开条例》有关规定编制。报告中所列数据的时间期限为 2024 年 1 月 1 日至"
        " 2024 年 12 月 31 日。"
    ],
}
_PART_ONE = {
    "hequ-county-2020.txt": [
        Block(kind="heading", text="基本情况"),
        Block(text="2020年，我县严格按照政府信息公开的规章制度，结合工作职能，完善了河曲县人民政府信息公开目录。"),
    ],
    "jiaokou-county-2021.txt": [
        Block(kind="heading", text="政务公开标准化规范化建设方面"),
        Block(
            text="2021 年交口县深入贯彻党的十九大、十九届六中全会精神，印发了《交口县人民政府办公室关于做好 2021 年"
            "政务公开工作的通知》（交政办发〔2021〕45 号），督促乡镇及县直部门开展政务公开工作。"
        ),
    ],
    "jiaocheng-county-2024.txt": [
        Block(text="2024 年，我县以习近平新时代中国特色社会主义思想为指导，持续深化政务公开。"),
        Block(
            kind="heading",
            text="主动公开情况。",
            inline_text="2024 年，我县严格按照上级要求，持续加强网站建设和管理工作。",
        ),
    ],
}
_PART_FIVE = [
    Block(text="一是信息公开时间节点把握不准。部分信息公开不及时，未能全部按照时间节点公开。"),
    Block(text="二是信息公开队伍建设需进一步加强。信息公开队伍工作人员业务能力和水平参差不齐。"),
]


def _set_all(report: Report, form_id: str, values: object) -> None:
    table = report.tables[form_id]  # type: ignore[index]
    if values is None:
        table.present = False
        return
    assert isinstance(values, dict)
    for cell_id, value in values.items():
        table.set(cell_id, value)


def built_seed_report(name: str) -> Report:
    """The seed as the importer should read it, built from the printed figures and a few of its sentences."""
    printed = PRINTED[name]
    disclosure_variant, applications_variant = printed["variants"]  # type: ignore[misc]
    report = new_report(str(printed["agency"]), int(printed["year"]), disclosure_variant)  # type: ignore[call-overload]
    if applications_variant != disclosure_variant:
        report.tables["applications"] = new_table("applications", applications_variant)
    report.title = str(printed["title"])
    for form_id in ("disclosure", "applications", "review_litigation"):
        _set_all(report, form_id, printed[form_id])
    report.preface = [Block(text=t) for t in _PREFACE.get(name, [])]
    report.parts["一"] = Part(key="一", title="总体情况", blocks=list(_PART_ONE.get(name, [Block(text="无。")])))
    report.parts["五"] = Part(key="五", title="存在的主要问题及改进情况", blocks=list(_PART_FIVE))
    report.parts["六"] = Part(key="六", title="其他需要报告的事项", blocks=[Block(text="无。")])
    signed = printed["signed"]
    report.signature = Signature(agency=report.agency, date=signed)  # type: ignore[arg-type]
    return report


def seed_report(name: str) -> Report:
    if HAVE_TXT_IMPORTER:
        from gkdesk.io.files import load_report

        return load_report(SEEDS / name)
    return built_seed_report(name)
