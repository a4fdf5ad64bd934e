"""Dates in Chinese documents, and the document's own date.

``find_dates`` finds every date mention (2022年8月9日, 2022.8.9, 2022-08-09,
2022/8/9, 二〇二二年八月九日, 2022年8月 …). ``document_date`` picks the date the
document itself carries — a labelled meeting/signing date, the 落款 date of the
signature block, or the date under the title — and never a date it merely cites
(文号, 根据…的通知, "2019年修订", birth dates, deadlines).
The label/context cue lists live in ``checklists/dates.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional, Sequence

from checklists import load_yaml_data
from classifiers.text_utils import cn_number_to_int, to_halfwidth
from pipeline.models import Passage

__all__ = ["CN_YEAR", "DateMention", "DocDate", "find_dates", "document_date", "date_range", "in_range"]

DateKind = Literal["day", "month"]

_CN = "〇○零一二三四五六七八九十"
# a year written in Chinese numerals ("二〇二四", "一九九五"), for quick tests of "is there a year" elsewhere
CN_YEAR = "[一二][〇○零九][〇○零一二三四五六七八九]{2}"
_SP = r"[ \t]*"
_YEAR = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN}]{{4}})"
_MONTH = rf"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = rf"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"

_PATTERNS: tuple[tuple[re.Pattern, DateKind], ...] = (
    (re.compile(rf"{_YEAR}{_SP}年{_SP}{_MONTH}{_SP}月{_SP}{_DAY}{_SP}[日号]"), "day"),
    (re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d])"), "day"),
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"), "day"),
    (re.compile(rf"{_YEAR}{_SP}年{_SP}{_MONTH}{_SP}月(?!{_SP}[\d{_CN}]{{1,3}}{_SP}[日号])"), "month"),
    # a year written short in a hand-typed note ("24年4月4号"): only with its month and day
    (re.compile(rf"(?<![\d.])(?P<y>[12]\d){_SP}年{_SP}{_MONTH}{_SP}月{_SP}{_DAY}{_SP}[日号]"), "day"),
)


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    span: tuple[int, int]
    kind: DateKind          # "day" | "month" (month precision: date = 1st of the month)

    @property
    def iso(self) -> str:
        return self.date.isoformat()


@dataclass(frozen=True)
class DocDate:
    date: dt.date
    source_text: str        # the line the date was read from
    page: Optional[int]
    reason: str             # Chinese, for the reviewer
    # read next to an activity word in the body (no label, sign-off or heading date): when something the text tells
    # of happened ("于2025年3月4日出现故障"), which may be well before the text was written
    from_body: bool = False

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def _to_int(s: str) -> Optional[int]:
    return cn_number_to_int(s)


# OCR reads the 〇 of a year in Chinese numerals as a Latin O or a digit 0 ("二O二四年"): one character for one,
# so spans stay those of the text
_OCR_ZERO = re.compile(r"(?<=[一二三四五六七八九〇○零])[Oo0](?=[一二三四五六七八九〇○零]{1,2}年)|"
                       r"(?<=[一二])[Oo0](?=[Oo0〇○零一二三四五六七八九]{2}年)")


def find_dates(text: str) -> list[DateMention]:
    """Every date mention, in text order; overlapping weaker matches dropped."""
    half = to_halfwidth(text)
    for _ in range(2):      # "二OO五年": the second O follows the first, once that is read
        half = _OCR_ZERO.sub("〇", half)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(half):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            y, mo = _to_int(m.group("y")), _to_int(m.group("m"))
            if y is not None and y < 100:
                y += 2000       # "24年" is 2024
            d = _to_int(m.group("d")) if kind == "day" else 1
            if y is None or mo is None or d is None:
                continue
            try:
                date = dt.date(y, mo, d)
            except ValueError:
                continue
            found.append(DateMention(date, m.span(), kind))
            taken.append(m.span())
    found.sort(key=lambda x: x.span[0])
    return found


# --------------------------------------------------------------------------- own date

@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    data = load_yaml_data("dates.yaml")
    return {key: re.compile("|".join(f"(?:{p})" for p in data[key]))
            for key in ("label_before", "cited_before", "cited_after", "signature_line_extra", "activity_near",
                        "adopted_note", "person_signature", "signer_before")}


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_cited(text: str, m: DateMention) -> bool:
    cues = _cues()
    line_start, line_end = _line_bounds(text, m.span[0])
    before = text[max(line_start, m.span[0] - 40):m.span[0]]
    after = text[m.span[1]:min(line_end, m.span[1] + 12)]
    # inside 《…》 (a regulation or document title)
    if before.count("《") > before.count("》"):
        return True
    return bool(cues["cited_before"].search(before) or cues["cited_after"].match(after))


def _on_own_line(text: str, m: DateMention) -> bool:
    line_start, line_end = _line_bounds(text, m.span[0])
    rest = (text[line_start:m.span[0]] + text[m.span[1]:line_end]).strip(" \t（）()")
    return not rest or bool(_cues()["signature_line_extra"].fullmatch(rest))


def _signed_by_person(text: str, m: DateMention) -> bool:
    """"赖志鸿2023年10月30日" as the document's last line: a person's signature with the date after his name."""
    line_start, line_end = _line_bounds(text, m.span[0])
    if text[line_end:].strip():
        return False
    return not text[m.span[1]:line_end].strip() and bool(
        _cues()["person_signature"].fullmatch(text[line_start:m.span[0]].strip()))


def _byline(text: str, m: DateMention) -> bool:
    """A post's dateline under its title: "2023-10-09 临平市场监管" (the date and a short source name)."""
    line_start, line_end = _line_bounds(text, m.span[0])
    rest = (text[line_start:m.span[0]] + text[m.span[1]:line_end]).strip()
    return len(rest) <= 10 and not re.search(r"[，。；,;：:、（）()]", rest)


def _adopted_note(text: str, m: DateMention) -> bool:
    """"（2023年1月24日正月初三全家商定）" under a title: when the text was agreed, even when OCR runs the note into
    the first clause after it."""
    line_start, _ = _line_bounds(text, m.span[0])
    return bool(re.fullmatch(r"\s*[（(]\s*", text[line_start:m.span[0]])
                and _cues()["adopted_note"].match(text, m.span[1]))


def _page_of(passages: Optional[Sequence[Passage]], snippet: str) -> Optional[int]:
    if not passages:
        return None
    for p in passages:
        if snippet and snippet in to_halfwidth(p.text):
            return p.page
    return None


def document_date(doc_text: Optional[str], passages: Optional[Sequence[Passage]] = None,
                  doc_type: Optional[str] = None) -> Optional[DocDate]:
    """The document's own date (meeting/signing/issue/落款 date), or None."""
    if doc_text is None:
        doc_text = "\n".join(p.text for p in passages or ())
    text = to_halfwidth(doc_text)
    mentions = [m for m in find_dates(text) if m.kind == "day"]
    own = [m for m in mentions if not _is_cited(text, m)]
    lines_before: dict[int, int] = {}
    total_lines = text.count("\n") + 1

    def line_no(m: DateMention) -> int:
        if m.span[0] not in lines_before:
            lines_before[m.span[0]] = text.count("\n", 0, m.span[0])
        return lines_before[m.span[0]]

    def result(m: DateMention, reason: str, from_body: bool = False) -> DocDate:
        a, b = _line_bounds(text, m.span[0])
        line = doc_text[a:b].strip()
        return DocDate(m.date, line, _page_of(passages, text[m.span[0]:m.span[1]]), reason, from_body)

    label = _cues()["label_before"]
    for m in own:                                   # 1. labelled: 会议时间：/ 日期：/ 签订日期：
        a, _ = _line_bounds(text, m.span[0])
        if label.search(text[max(a, m.span[0] - 12):m.span[0]]):
            return result(m, "标注的时间/日期")
    yearless = _labelled_yearless(text, own)
    if yearless is not None:                        # 1b. 时间：9月5日 (year from the document's other dates)
        date, a, b = yearless
        return DocDate(date, doc_text[_line_bounds(text, a)[0]:_line_bounds(text, a)[1]].strip(),
                       _page_of(passages, text[a:b]), "标注的时间/日期（年份取自文中其他日期）")
    tail = [m for m in own if (_on_own_line(text, m) and line_no(m) >= total_lines - 12) or _signed_by_person(text, m)]
    if tail:                                        # 2. signature block at the end
        return result(tail[-1], "文末落款日期")
    head = [m for m in own if (line_no(m) < 6 and _on_own_line(text, m))
            or (line_no(m) < 3 and (_byline(text, m) or _adopted_note(text, m)))]
    if head:                                        # 3. date under the title / issue date
        return result(head[0], "标题下方或发文日期")
    signed = [m for m in own if _on_own_line(text, m)]
    if signed:                                      # 4. any date on its own line (落款 of an inner page)
        return result(signed[-1], "单独成行的落款日期")
    for m in own:                                   # 4b. after a signer named by role, wherever OCR put it
        if _cues()["signer_before"].search(text[max(0, m.span[0] - 14):m.span[0]]):
            return result(m, "署名后的日期")
    activity = _cues()["activity_near"]
    for m in own:                                   # 5. a body date next to an activity word
        a, b = _line_bounds(text, m.span[0])
        if activity.search(text[max(a, m.span[0] - 20):min(b, m.span[1] + 20)]):
            return result(m, "正文中活动日期（未找到会议时间或落款）", from_body=True)
    months = [m for m in find_dates(text) if m.kind == "month" and not _is_cited(text, m) and _on_own_line(text, m)
              and (line_no(m) < 6 or line_no(m) >= total_lines - 12)]
    if months:                                      # 6. only a month: a periodical's masthead "…公司 主办 2024年12月"
        return result(months[0], "标题下方或文末的年月（精确到月，按当月1日计）")
    return None


_YEARLESS = re.compile(rf"(?<![年\d{_CN}])(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]")


def _labelled_yearless(text: str, own: list[DateMention]) -> Optional[tuple[dt.date, int, int]]:
    """A labelled 'M月D日' without a year; the year is the one most own dates carry."""
    years = [m.date.year for m in own]
    if not years:
        return None
    year = max(set(years), key=years.count)
    label = _cues()["label_before"]
    for m in _YEARLESS.finditer(text):
        a, _ = _line_bounds(text, m.start())
        if label.search(text[max(a, m.start() - 12):m.start()]):
            try:
                return dt.date(year, int(m.group("m")), int(m.group("d"))), m.start(), m.end()
            except ValueError:
                continue
    return None


# --------------------------------------------------------------------------- ranges

def date_range(text: str) -> Optional[tuple[dt.date, dt.date]]:
    """Earliest and latest day-precision date mentioned in text."""
    days = [m.date for m in find_dates(text) if m.kind == "day"]
    return (min(days), max(days)) if days else None


def in_range(date: dt.date, start: Optional[dt.date], end: Optional[dt.date]) -> bool:
    return (start is None or date >= start) and (end is None or date <= end)
