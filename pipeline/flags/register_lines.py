"""Rows of a register written without column separators, as OCR reads a photographed handwritten book:
"10.09课桌椅20套华兴家具厂9.600刘文斌" under the header "日期 内容 供货 金额经手" — date, item, supplier, amount, who."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Optional

from pipeline.models import Passage

# the header names the columns; the amount is read as the row's last number only when the money column is the last
# numeric one (a 收入/余额 column or a 单价 after it would take that place)
_MONEY_COLUMN_RE = re.compile(r"金额|支出|付款|报账|价款|开支")
_OTHER_NUMBER_COLUMN_RE = re.compile(r"收入|余额|结余|结存|单价|数量|件数")
_DATE_COLUMN_RE = re.compile(r"日期|时间|月日|日子")
_ROW_RE = re.compile(r"^\s*(?:(?P<y>(?:19|20)\d{2})\s*[年./\-])?\s*(?P<m>1[0-2]|0?[1-9])\s*[月./\-]\s*"
                     r"(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]?(?!\d)\s*(?P<rest>\S.*)$")
# a yuan amount: "9,600", "1,150.00", OCR's "9.600" for "9,600" (three digits after a point are thousands), "486"
_NUMBER_RE = re.compile(r"(?<![\d.,，])(?:\d{1,3}(?:[,，.]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?![\d.,，])")
# a number followed by one of these is a count, a month or a share, not money: "20套", "（10月）"
_UNITS = "套|个|件|台|张|把|箱|包|本|支|盒|桶|瓶|袋|吨|斤|公斤|千克|米|平方|方|批|块|组|辆"
_COUNT_AFTER_RE = re.compile(rf"\s*(?:{_UNITS}|次|人|份|月|日|号|年|%|％|度)")
_QUANTITY_RE = re.compile(rf"\d+(?:\.\d+)?\s*(?:{_UNITS})")
_SUPPLIER_RE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:有限公司|公司|经营部|商行|门市部|合作社|超市|商店|书店|工程队|施工队|厂|店)")


def _amount(text: str) -> Optional[tuple[float, int]]:
    """(value, start) of the row's last money number."""
    last = None
    for m in _NUMBER_RE.finditer(text):
        if _COUNT_AFTER_RE.match(text, m.end()) or text[max(0, m.start() - 1):m.start()] in ("（", "("):
            continue
        raw = m.group(0).replace("，", ",")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            raw = raw.replace(".", "")
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        last = (value, m.start())
    return last


def _money_header(passages: list[Passage]) -> bool:
    """A header line without digits naming a date and a money column, the money column the last numeric one."""
    for p in passages[:4]:
        t = p.text
        if re.search(r"\d", t) or not (_DATE_COLUMN_RE.search(t) and _MONEY_COLUMN_RE.search(t)):
            continue
        money = max(m.start() for m in _MONEY_COLUMN_RE.finditer(t))
        return not any(m.start() > money or m.group(0) in ("收入", "余额", "结余", "结存")
                       for m in _OTHER_NUMBER_COLUMN_RE.finditer(t))
    return False


Dater = Callable[[Optional[int], int, int], Optional[dt.date]]


def line_rows(passages: list[Passage], dated: Dater) -> list[tuple[Passage, float, dt.date, str, str]]:
    """(passage, amount, date, supplier, item) of each dated row; `dated(year, month, day)` places a yearless date."""
    if not _money_header(passages):
        return []
    out = []
    for p in passages:
        m = _ROW_RE.match(p.text.strip())
        if not m:
            continue
        rest = m.group("rest")
        found = _amount(rest)
        if not found or found[0] <= 0:
            continue
        value, at = found
        before = rest[:at].strip()
        date = dated(int(m.group("y")) if m.group("y") else None, int(m.group("m")), int(m.group("d")))
        if date is None:
            continue
        supplier, item = _split_item(before)
        if item or supplier:
            out.append((p, value, date, supplier, item))
    return out


def _split_item(text: str) -> tuple[str, str]:
    """(supplier, item) of "课桌椅20套华兴家具厂": a quantity ends the item, else a name ending like a shop's begins the
    supplier; the quantity itself is no part of the item's name."""
    q = _QUANTITY_RE.search(text)
    if q:
        item, tail = text[:q.start()], text[q.end():]
        s = _SUPPLIER_RE.search(tail)
        return (s.group(0) if s else tail.strip()), item.strip()
    parts = text.split()
    if len(parts) >= 2:
        return parts[-1], " ".join(parts[:-1])
    s = _SUPPLIER_RE.search(text)
    if s and s.start() > 0:
        return s.group(0), text[:s.start()].strip()
    return "", text.strip()
