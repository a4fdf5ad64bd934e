"""out-of-period: the document's own date lies outside the unit's assessment window."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from classifiers.dates import CN_YEAR
from classifiers.text_utils import cn_number_to_int
from pipeline.flags.common import find_dates, make_flag, parse_iso
from pipeline.flags.decisions import MEETING_TYPES
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Unit


def check(unit: Unit, docs: list[Document], th: Thresholds) -> list[Flag]:
    start, end = parse_iso(unit.period_start), parse_iso(unit.period_end)
    if start is None and end is None:
        return []
    flags = []
    for doc in docs:
        if doc.status != "ok":
            continue
        d = parse_iso(doc.doc_date)
        if d is None:
            flag = _undated_photo(doc, start, end, unit) or _undated_register(doc, start, end, unit) \
                or _undated_titled(doc, start, end, unit)
            if flag is not None:
                flags.append(flag)
            continue
        if end and d > end and _reports_on_period(doc, start, end, d):
            continue
        if start and d < start and doc.doc_kind == "rule":
            continue        # a 章程 or 制度 adopted before the period is in force during it
        if doc.doc_type == "ledger" and (_titled_for_period(doc, start, end) or _has_entry_in(doc, start, end)):
            continue        # "2024年党风廉政建设工作台账" whose first row is dated 2023-12-28, or a register whose rows run
                            # on into the period: the ledger of the period (its older rows count for nothing)
        if (start and d < start) or (end and d > end):
            side = "早于" if start and d < start else "晚于"
            period = f"{unit.period_start or '…'} 至 {unit.period_end or '…'}"
            psg = _passage_with_date(doc, d)
            flags.append(make_flag(
                doc, "out-of-period",
                f"文件落款/形成日期 {d.isoformat()} {side}本次考核期（{period}），"
                f"请核对该材料是否属于考核期内的工作。", passage=psg))
    return flags


def _has_entry_in(doc: Document, start, end) -> bool:
    return any((not start or h.date >= start) and (not end or h.date <= end) for h in find_dates(doc.text))


def _titled_for_period(doc: Document, start, end) -> bool:
    """The title names years, all of them inside the period."""
    years = _years(_title(doc))
    return bool(years) and all((not start or y >= start.year) and (not end or y <= end.year) for y in years)


def _passage_with_date(doc: Document, d):
    from pipeline.flags.common import find_dates
    for p in doc.passages:
        if any(h.date == d for h in find_dates(p.text)):
            return p
    return None


_YEAR = rf"((?:19|20)\d{{2}}|{CN_YEAR})\s*年"     # 2024年, 二〇二四年
_YEAR_RE = re.compile(_YEAR)
_ANNUAL_RE = re.compile(_YEAR + "度")
REPORT_GRACE_DAYS = 92      # a year's report or self-assessment is written in the weeks after it ends
# a review of the period (a year's 工作情况汇报 to the body above too), or the commendation/appraisal of its work
# (a cadre's 年度现实表现评价意见), issued in the weeks after it; or an account the year's end calls for: an audit
# of its books (审计报告, 审计管理建议书), a cadre's annual filing of personal matters (个人有关事项报告), a firm's
# annual return (年报), its final accounts (决算) or tax settlement (汇算); a family's or person's own account of
# the year (“2023年度家庭情况自述”, “一年来情况汇报”, 回顾)
_REVIEW_RE = re.compile(r"总结|小结|自查|自评|自述|回顾|述职|考核|工作报告|年度报告|情况(?:汇报|说明)|申报|表彰|嘉奖|评选|评比|"
                        r"审计|有关事项报告|年报|决算|汇算|评价意见|鉴定|现实表现")
# a camera's date stamp: a line holding only a date and a time of day ("2023-08-01 10:12", "2023/8/1 星期二 10:12:05")
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
_STAMP_REST_RE = re.compile(rf"(?:{_WEEKDAY}\s*)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*{_WEEKDAY})?")
# a photographed text that stands once written: a family's motto or rules, a code on the wall, an inscribed board —
# not an event about one ("2019年家训诵读活动")
_STANDING_RE = re.compile(r"家训|家规|祖训|族规|公约|守则|规约|民约|制度牌|格言|座右铭|牌匾|匾额|楹联|对联")
_EVENT_RE = re.compile(r"活动|会|仪式|典礼|诵读|学习|教育|参观|评选")
# a news story or other account, not a record of its own: it tells of dated events
_ACCOUNT_KINDS = ("report", "other")


def _years(text: str, pattern: re.Pattern = _YEAR_RE) -> set[int]:
    return {cn_number_to_int(y) for y in pattern.findall(text)}


def _title(doc: Document) -> str:
    return PurePosixPath(doc.file).stem + " " + (doc.passages[0].text[:60] if doc.passages else "")


def _undated_photo(doc: Document, start, end, unit: Unit):
    """An undated photo whose camera stamp, or whose title's only years, lie outside the period ("2025年春节家庭会
    商定家训" in a 2024 folder; a watermark "2023-08-01 10:12"): a photo shows its moment, so it shows another
    period."""
    if not doc.is_image:
        return None
    def outside(d) -> bool:
        return bool((start and d < start) or (end and d > end))

    stamp = _camera_stamp(doc)
    years = _years(_title(doc))
    if stamp is not None:
        if not outside(stamp):
            return None
        shown = f"相机时间水印（{stamp.isoformat()}）"
    else:
        if not years or not all((start and y < start.year) or (end and y > end.year) for y in years):
            return None
        # "2024年度纳税信用评价结果": a year's result is published in the next one, so the title year is not the moment
        annual = _years(_title(doc), _ANNUAL_RE)
        if start and annual and all(y == start.year - 1 for y in annual):
            return None
        # "刘家家训（2019年手书）": a motto or rule written before the period stands in it, like a rule in force
        if start and all(y < start.year for y in years) and _STANDING_RE.search(_title(doc)) \
                and not _EVENT_RE.search(PurePosixPath(doc.file).stem):
            return None
        shown = f"照片标题所示年份（{'、'.join(str(y) for y in sorted(years))}年）"
    if any(not outside(h.date) for h in find_dates(doc.text)):
        return None     # a photographed page dated inside the period ("发布日期：2025年4月", "2025年4月28日翻拍")
    period = f"{unit.period_start or '…'} 至 {unit.period_end or '…'}"
    return make_flag(doc, "out-of-period", f"{shown}不在本次考核期（{period}）内，请核对该照片是否属于考核期内的工作。",
                     passage=doc.passages[0] if doc.passages else None)


def _undated_register(doc: Document, start, end, unit: Unit):
    """A register with no date of its own whose entries all lie outside the period ("桃园村矛盾纠纷调解登记（2024年）",
    entries 2024-03..11, in a 2025 folder): last year's book, not this period's work. Its title's years, if any, must
    lie outside too."""
    if doc.doc_type != "ledger":
        return None

    def inside(d) -> bool:
        return (not start or d >= start) and (not end or d <= end)

    entries = sorted({h.date for h in find_dates(doc.text)})
    years = _years(_title(doc))
    if len(entries) < 2 or any(inside(e) for e in entries) \
            or any((not start or y >= start.year) and (not end or y <= end.year) for y in years):
        return None
    period = f"{unit.period_start or '…'} 至 {unit.period_end or '…'}"
    return make_flag(doc, "out-of-period",
                     f"登记/台账未注明形成日期，所记 {len(entries)} 条记录的日期（{entries[0].isoformat()} 至 "
                     f"{entries[-1].isoformat()}）均不在本次考核期（{period}）内，请核对是否为考核期内的工作记录。",
                     passage=_passage_with_date(doc, entries[0]) or (doc.passages[0] if doc.passages else None))


def _undated_titled(doc: Document, start, end, unit: Unit):
    """A form or account with no date of its own whose title names only years outside the period and whose every
    date lies outside it on the same side ("2024年度“最美家庭”推荐表", signed off 2024-11-20 and 11-25, in a 2025
    folder): another period's document. A rule adopted before the period is in force in it; a review of the
    period written just after it is about it. A register whose entries all lie outside is caught by
    ``_undated_register``; a form typed a register holding one date only (a 年度考核登记表 for 2023, signed off in
    January 2024) is judged here."""
    if doc.is_image:
        return None
    years = _years(_title(doc))
    dates = sorted({h.date for h in find_dates(doc.text)})
    if not years or not dates:
        return None
    before = bool(start) and all(y < start.year for y in years) and dates[-1] < start
    after = bool(end) and all(y > end.year for y in years) and dates[0] > end
    if (before and doc.doc_kind == "rule") or (after and _reports_on_period(doc, start, end, dates[-1])):
        return None
    if not (before or after):
        return None
    period = f"{unit.period_start or '…'} 至 {unit.period_end or '…'}"
    shown = "、".join(str(y) for y in sorted(years))
    told = dates[0].isoformat() + (f" 至 {dates[-1].isoformat()}" if dates[-1] != dates[0] else "")
    return make_flag(doc, "out-of-period",
                     f"文件未注明形成日期，标题所示年份（{shown}年）及文中日期（{told}）均不在本次考核期（{period}）内，请核对该材料是否属于考核期内的工作。",
                     passage=_passage_with_date(doc, dates[-1]) or (doc.passages[0] if doc.passages else None))


def _camera_stamp(doc: Document):
    """The date of a line that holds only a date and a time of day — a camera's or watermark app's stamp."""
    for p in doc.passages:
        for line in p.text.splitlines():
            for h in find_dates(line):
                rest = (line[:h.span[0]] + " " + line[h.span[1]:]).strip()
                if _STAMP_REST_RE.fullmatch(rest):
                    return h.date
    return None


def _reports_on_period(doc: Document, start, end, d) -> bool:
    """A report on the period itself ("2024年度清廉家庭创建自查报告" dated 2025-01-08, a 村监委 "2024年度工作报告"
    given in January, a "2024年度清廉家庭申报表" filed then), or a story published just after it that tells only of
    events inside it (融媒 "2024年3月18日晚…退回", dated 2025-01-10): written after the period, about it."""
    if (d - end).days > REPORT_GRACE_DAYS:
        return False
    if doc.doc_kind in _ACCOUNT_KINDS:
        told = {h.date for h in find_dates(doc.text)} - {d}
        if told and all((not start or t >= start) and t <= end for t in told):
            return True
    title = _title(doc)
    if not _REVIEW_RE.search(title):
        return False        # a report on a meeting held after the period ("2024年度组织生活会情况报告") is that meeting's
    if doc.doc_type in MEETING_TYPES:
        return False        # "2024年度述职评议会议记录" dated in January records that January meeting
    years = _years(title)
    return bool(years) and all((not start or y >= start.year) and y <= end.year for y in years)
