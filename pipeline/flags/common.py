"""Helpers shared by the rule modules: text access, flag building, amounts and dates.

Amounts, dates and normalisation come from ``classifiers.text_utils`` / ``classifiers.dates``
when those modules are installed; the small local fallbacks below keep the rules usable
(and testable) without them.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional

from pipeline.models import Document, Flag, Passage

TEXT_LIMIT = 200
SEVERITY = {
    "unreadable": "high", "encrypted": "high", "leader-speaks-first": "high", "split-purchase": "high",
    "dates-out-of-order": "high", "single-source-unjustified": "high",
    "quorum": "medium", "method-vs-amount": "medium", "near-duplicate": "medium", "out-of-period": "medium",
    "other-unit": "medium",
    "empty": "low", "low-ocr-confidence": "low",
}

# procurement categories as written in ledgers and rules
CATEGORY_WORDS = {"工程": "works", "服务": "services", "货物": "goods"}

# the rule ids as reviewers read them (reports, status reasons)
RULE_NAMES = {
    "leader-speaks-first": "一把手未末位表态",
    "quorum": "到会人数不足",
    "split-purchase": "疑似拆分采购",
    "method-vs-amount": "采购方式与金额不符",
    "single-source-unjustified": "单一来源理由缺失",
    "dates-out-of-order": "日期倒置",
    "out-of-period": "超出考核期",
    "near-duplicate": "疑似雷同材料",
    "other-unit": "疑似其他单位材料",
    "unreadable": "文件无法读取",
    "encrypted": "文件加密",
    "empty": "空文件",
    "low-ocr-confidence": "识别置信度低",
}


def trim(text: str, limit: int = TEXT_LIMIT) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make_flag(doc: Document, rule: str, message: str, passage: Optional[Passage] = None,
              related: Optional[list[dict]] = None, page: Optional[int] = None,
              severity: Optional[str] = None) -> Flag:
    if passage is None and doc.passages:
        passage = doc.passages[0]
    return Flag(
        file=doc.file,
        page=page if page is not None else (passage.page if passage else None),
        rule=rule,
        severity=severity or SEVERITY[rule],  # type: ignore[arg-type]
        message=message,
        text=trim(passage.text) if passage else "",
        bbox=passage.bbox if passage else None,
        related=list(related or []),
    )


def ordered_passages(doc: Document) -> list[Passage]:
    return sorted(doc.passages, key=lambda p: (p.page, p.index))


def fmt_yuan(v: float) -> str:
    if v >= 10000:
        w = v / 10000
        return f"{w:.2f}".rstrip("0").rstrip(".") + "万元"
    return f"{v:.2f}".rstrip("0").rstrip(".") + "元"


# --------------------------------------------------------------------------- normalisation

_PUNCT_RE = re.compile(r"[\s\u3000]+")


def normalise(text: str) -> str:
    try:
        from classifiers import text_utils
    except ImportError:
        text_utils = None
    fn = getattr(text_utils, "normalise", None) or getattr(text_utils, "normalize", None)
    if fn is None:
        return _PUNCT_RE.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    return fn(text)


# --------------------------------------------------------------------------- Chinese numbers

_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
             "九": 9, "玖": 9}
_CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10000, "亿": 100000000}
CN_NUM = "零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿"


def cn_to_int(s: str) -> Optional[int]:
    """'二十三' -> 23, '伍万捌仟' -> 58000, '45' -> 45."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in _CN_DIGIT:
            num = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            section += (num or 1) * _CN_UNIT[ch]
            num = 0
        elif ch in _CN_BIG:
            total += (section + num) * _CN_BIG[ch]
            section, num = 0, 0
        else:
            return None
    return total + section + num


# --------------------------------------------------------------------------- amounts

_AMOUNT_RE = re.compile(
    r"(?:[￥¥]\s*(?P<yen>\d[\d,，]*(?:\.\d+)?)(?:\s*(?P<yenunit>万)?元?)?)"
    r"|(?:(?P<num>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>万元|万|元))"
    r"|(?:(?:人民币)?(?:大写)?[:：]?(?P<cap>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)元(?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?)"
)


def _fallback_amounts(text: str) -> list[tuple[float, tuple[int, int]]]:
    out = []
    for m in _AMOUNT_RE.finditer(text):
        if m.group("yen"):
            v = float(m.group("yen").replace(",", "").replace("，", ""))
            if m.group("yenunit"):
                v *= 10000
        elif m.group("num"):
            v = float(m.group("num").replace(",", "").replace("，", ""))
            if m.group("unit").startswith("万"):
                v *= 10000
        else:
            iv = cn_to_int(m.group("cap"))
            if iv is None:
                continue
            v = float(iv)
        out.append((v, m.span()))
    return out


def parse_amounts(text: str) -> list[tuple[float, tuple[int, int]]]:
    try:
        from classifiers.text_utils import parse_amounts as _pa
    except ImportError:
        return _fallback_amounts(text)
    return [(float(v), tuple(span)) for v, span in _pa(text)]


# --------------------------------------------------------------------------- dates

_DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年\-./／]\s*(?P<m>\d{1,2})\s*[月\-./／]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<cy>[二〇○零一三四五六七八九Ｏ]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日"
)


@dataclass(frozen=True)
class DateHit:
    date: dt.date
    span: tuple[int, int]


def _fallback_dates(text: str) -> list[DateHit]:
    out = []
    for m in _DATE_RE.finditer(text):
        try:
            if m.group("y"):
                d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            else:
                y = int("".join(str(_CN_DIGIT[c]) for c in m.group("cy")))
                d = dt.date(y, cn_to_int(m.group("cm")) or 0, cn_to_int(m.group("cd")) or 0)
        except ValueError:
            continue
        out.append(DateHit(d, m.span()))
    return out


def find_dates(text: str) -> list[DateHit]:
    try:
        from classifiers.dates import find_dates as _fd
    except ImportError:
        return _fallback_dates(text)
    out = []
    for m in _fd(text):
        d = m.date
        if isinstance(d, str):
            try:
                d = dt.date.fromisoformat(d[:10])
            except ValueError:
                continue
        if isinstance(d, dt.datetime):
            d = d.date()
        if isinstance(d, dt.date):
            out.append(DateHit(d, tuple(m.span)))
    return out


def parse_iso(s: Optional[str]) -> Optional[dt.date]:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def signoff_date(doc: Document) -> Optional[dt.date]:
    """The date a short last line ends with: the signer and the day it was signed."""
    passages = ordered_passages(doc)
    last = passages[-1].text.strip() if passages else ""
    hits = find_dates(last)
    if len(last) <= 40 and hits and hits[-1].span[1] >= len(last) - 1:
        return hits[-1].date
    return None


def first_date_after(text: str, labels: Iterable[str], window: int = 40) -> Optional[tuple[dt.date, str]]:
    """The first date within ``window`` chars after one of ``labels`` (e.g. '签订日期')."""
    for lab in labels:
        for m in re.finditer(re.escape(lab), text):
            seg = text[m.end(): m.end() + window]
            hits = find_dates(seg)
            if hits:
                h = hits[0]
                return h.date, text[m.start(): m.end() + h.span[1]]
    return None


# --------------------------------------------------------------------------- forms

# a number is a value, never a form's label: a row whose label cells hold one ("…；报价（万元）: 126.8；…") is a row of
# a data table (a quote table of four columns), not of a label/value form
_NUMBER_CELL_RE = re.compile(r"[￥¥]?\s*[\d.,，]+\s*(?:万元|元|万|%)?")


def _form_row(text: str, header: list[str]) -> Optional[str]:
    """'h0: 标签；h1: 值[；h2: 标签；h3: 值]' → '标签：值[；标签：值]' when every cell is present, else None."""
    pattern = "；".join(f"{re.escape(h)}: (.*?)" for h in header)
    m = re.fullmatch(pattern, text.strip(), re.S)
    if not m:
        return None
    cells = list(m.groups())
    if any(not k or len(k) > 20 or re.search(r"[:：；]", k) or _NUMBER_CELL_RE.fullmatch(k.strip()) for k in cells[::2]):
        return None
    return "；".join(f"{k}：{v}" for k, v in zip(cells[::2], cells[1::2]))


_LABEL_COLON = re.compile(r"(?<!\d)[:：]|[:：](?!\d)")


def unrolled(doc: Document) -> list[tuple[Passage, str]]:
    """Passages, with label/value form tables read back as '标签：值'.

    Extractors write a table row as '表头1: 值1；表头2: 值2' with the first row as header. In a label/value
    form (审批表、论证表; two or four columns) that first row is itself a label and its value, so
    '项目名称: 预算金额；食堂设备: 128万元' really says '预算金额：128万元'.
    """
    ps = ordered_passages(doc)
    rows: dict[int, str] = {}
    headers: dict[int, str] = {}
    header: Optional[tuple[int, list[str]]] = None
    for i, p in enumerate(ps):
        cells = p.text.strip().split("；")
        # a header row has no 'label: value' colon; a clock time in a value ("下午3:00") is no label
        if len(cells) in (2, 4) and not _LABEL_COLON.search(p.text) and all(cells) and len(cells[0]) <= 20:
            header = (i, cells)
            continue
        row = _form_row(p.text, header[1]) if header else None
        if row is not None:
            rows[i] = row
            headers[header[0]] = "；".join(f"{k}：{v}" for k, v in zip(header[1][::2], header[1][1::2]))
    if len(rows) < 2:
        return [(p, p.text) for p in ps]
    return [(p, rows.get(i) or headers.get(i) or p.text) for i, p in enumerate(ps)]


def doc_text(doc: Document) -> str:
    """The document's text with form tables unrolled (see :func:`unrolled`)."""
    return "\n".join(t for _, t in unrolled(doc))

