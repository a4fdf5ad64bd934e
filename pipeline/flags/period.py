"""out-of-period: the document's own date lies outside the unit's assessment window."""
from __future__ import annotations

from pipeline.flags.common import make_flag, parse_iso
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
