"""out-of-period: the document's own date lies outside the unit's assessment window."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

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
            flag = _titled_year_photo(doc, start, end, unit)
            if flag is not None:
                flags.append(flag)
            continue
        if end and d > end and _reports_on_period(doc, start, end, d):
            continue
        if (start and d < start) or (end and d > end):
            side = "早于" if start and d < start else "晚于"
            period = f"{unit.period_start or '…'} 至 {unit.period_end or '…'}"
            psg = _passage_with_date(doc, d)
            flags.append(make_flag(
                doc, "out-of-period",
                f"文件落款/形成日期 {d.isoformat()} {side}本次考核期（{period}），"
                f"请核对该材料是否属于考核期内的工作。", passage=psg))
    return flags


def _passage_with_date(doc: Document, d):
    from pipeline.flags.common import find_dates
    for p in doc.passages:
        if any(h.date == d for h in find_dates(p.text)):
            return p
    return None


_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_ANNUAL_RE = re.compile(r"((?:19|20)\d{2})\s*年度")
REPORT_GRACE_DAYS = 92      # a year's report or self-assessment is written in the weeks after it ends
_REVIEW_RE = re.compile(r"总结|小结|自查|自评|述职|考核|工作报告|年度报告|申报")
# a news story or other account, not a record of its own: it tells of dated events
_ACCOUNT_KINDS = ("report", "other")


def _title(doc: Document) -> str:
    return PurePosixPath(doc.file).stem + " " + (doc.passages[0].text[:60] if doc.passages else "")


def _titled_year_photo(doc: Document, start, end, unit: Unit):
    """An undated photo whose title names only years outside the period ("2025年春节家庭会商定家训" in a 2024
    folder): a photo shows its moment, so it shows another period."""
    if not doc.is_image:
        return None
    years = {int(y) for y in _YEAR_RE.findall(_title(doc))}
    if not years or not all((start and y < start.year) or (end and y > end.year) for y in years):
        return None
    # "2024年度纳税信用评价结果": a year's result is published in the next one, so the title year is not the moment
    annual = {int(y) for y in _ANNUAL_RE.findall(_title(doc))}
    if start and annual and all(y == start.year - 1 for y in annual):
        return None
    if any((not start or h.date >= start) and (not end or h.date <= end) for h in find_dates(doc.text)):
        return None     # a photographed page dated inside the period ("发布日期：2025年4月", "2025年4月28日翻拍")
    period = f"{unit.period_start or '…'} 至 {unit.period_end or '…'}"
    return make_flag(doc, "out-of-period",
                     f"照片标题所示年份（{'、'.join(str(y) for y in sorted(years))}年）不在本次考核期（{period}）内，"
                     f"请核对该照片是否属于考核期内的工作。", passage=doc.passages[0] if doc.passages else None)


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
    years = {int(y) for y in _YEAR_RE.findall(title)}
    return bool(years) and all((not start or y >= start.year) and y <= end.year for y in years)
