"""Small shared text helpers: normalisation, Chinese numerals, money amounts.

``to_halfwidth`` is length-preserving (one character in, one out), so spans
found on its output are valid on the original text; ``normalize`` is not
(it removes the spaces OCR inserts between CJK characters).
"""
from __future__ import annotations

import re
from typing import Optional

__all__ = ["to_halfwidth", "normalize", "cn_number_to_int", "parse_amounts", "CN_DIGITS", "CJK"]

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’", "＂": '"', "〝": "“", "〞": "”"})

# Chinese digits, lower and capital (financial) forms
CN_DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0, "０": 0, "O": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (ＡＢ１２．：) -> half-width; ideographic space -> space. Length-preserving."""
    return text.translate(_HALFWIDTH)


# a numbered item or section heading at the start of a line: "（三）", "二、", "二．", "3、", "3." (not "3.5万")
NUMBERED_ITEM_RE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))")
_CJK_SPACE = re.compile(rf"(?<=[{CJK}，。；：、！？“”（）《》])[ \t\u00a0]+(?=[{CJK}，。；：、！？“”（）《》])")
_DIGIT_CJK_SPACE = re.compile(rf"(?<=[0-9])[ \t\u00a0]+(?=[{CJK}])|(?<=[{CJK}])[ \t\u00a0]+(?=[0-9])")


def normalize(text: str, strip_cjk_spaces: bool = True) -> str:
    """Half-width ASCII, unified quotes, no spaces between CJK chars (OCR artefact)."""
    text = to_halfwidth(text).translate(_QUOTES)
    if strip_cjk_spaces:
        text = _CJK_SPACE.sub("", text)
        text = _DIGIT_CJK_SPACE.sub("", text)
    return text


def cn_number_to_int(s: str) -> Optional[int]:
    """'二〇二二' -> 2022, '十一' -> 11, '三十一' -> 31, '伍万捌仟' -> 58000, '12' -> 12; else None."""
    s = to_halfwidth(s.strip())
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(ch in CN_DIGITS for ch in s):      # digit by digit: 二〇二二
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch] if _BIG_UNITS[ch] > 10_000 else total + section * _BIG_UNITS[ch]
            section, digit = 0, None
        elif ch.isdigit():
            digit = int(ch)
        else:
            return None
    return total + section + (digit or 0)


# --------------------------------------------------------------------------- amounts

# OCR of a form often reads the thousands comma as a point ("人民币128.000元", "1.280.000元"), or one comma of two
# ("1.838，000元", "1，852.000元")
_NUM = r"\d{1,3}(?:[.,]\d{3}){2,}(?=\s*元)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a yuan amount has at most two decimals (角, 分): three after a point are thousands, except in a unit price (元/吨)
_POINT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
_CAP = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正"
_ARABIC_AMOUNT = re.compile(
    rf"(?P<cur>[￥¥]|人民币|RMB)?\s*(?P<num>{_NUM})\s*(?P<unit>亿元|万元|千元|元|亿|万)?"
)
_CAPITAL_AMOUNT = re.compile(rf"(?:人民币|大写[:：]?)?\s*(?P<cap>[壹贰叁肆伍陆柒捌玖拾][零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*[圆元](?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?[整正]?)")
_AMOUNT_LABEL = re.compile(r"(金额|价款|总价|合同价|中标价|成交价|报价|预算|单价|费用|合计|共计|总计|价格)[^\d\n。；]{0,6}$")
# a bare "9.6万" followed by these is a count, not money
_NOT_MONEY_AFTER = re.compile(r"^\s*(人|次|字|户|名|册|平方|亩|公里|千米|米|件|份|个|余人|多人|吨|株|台|辆|元/|套|头|只|步|册)")
_UNIT_FACTOR = {"亿元": 1e8, "亿": 1e8, "万元": 1e4, "万": 1e4, "千元": 1e3, "元": 1.0}


def _capital_to_yuan(cap: str) -> Optional[float]:
    m = re.match(r"(?P<int>[^圆元]*)[圆元](?:(?P<jiao>[零壹贰叁肆伍陆柒捌玖])角)?(?:(?P<fen>[零壹贰叁肆伍陆柒捌玖])分)?", cap)
    if not m:
        return None
    whole = cn_number_to_int(m.group("int")) if m.group("int") else 0
    if whole is None:
        return None
    jiao = CN_DIGITS.get(m.group("jiao") or "零", 0)
    fen = CN_DIGITS.get(m.group("fen") or "零", 0)
    return whole + jiao / 10 + fen / 100


def parse_amounts(text: str) -> list[tuple[float, tuple[int, int]]]:
    """Money amounts in yuan with their (start, end) span, in text order.

    Recognises 5.8万元, 58000元, ￥58,000.00, 人民币伍万捌仟元整, 9.6万 (not 9.6万人次),
    and a bare number after a money label (金额：58000).
    """
    half = to_halfwidth(text)
    found: list[tuple[float, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for m in _CAPITAL_AMOUNT.finditer(half):
        value = _capital_to_yuan(m.group("cap"))
        if value is not None:
            found.append((value, (m.start(), m.end())))
            taken.append((m.start(), m.end()))
    for m in _ARABIC_AMOUNT.finditer(half):
        start, end = m.span()
        if any(a <= start < b for a, b in taken):
            continue
        num_start = m.start("num")
        if num_start > 0 and (half[num_start - 1].isdigit() or half[num_start - 1] in ".-/〔[（("):
            continue
        unit, cur = m.group("unit"), m.group("cur")
        after = half[end:end + 4]
        if unit in ("万", "亿") and _NOT_MONEY_AFTER.match(after):
            continue
        if not unit and not cur:
            if not _AMOUNT_LABEL.search(half[max(0, start - 14):start]):
                continue
            if re.match(r"^\s*(年|月|日|号|%|个|人|次|天|项|条|份|件|页|岁|·|\.)", after):
                continue
        num = m.group("num")
        if unit == "元" and "." in num and _POINT_THOUSANDS.fullmatch(num) and not after.lstrip().startswith("/"):
            num = num.replace(".", "")
        num = num.replace(",", "")
        value = float(num) * _UNIT_FACTOR.get(unit or "元", 1.0)
        found.append((round(value, 2), (start if cur else num_start, end)))
    found.sort(key=lambda x: x[1][0])
    return found


HEADER_CELL_MAX = 16        # a column name is short; prose with semicolons is no header row
TABLE_TITLE_MAX = 40        # a table's or a sheet's title line ("医疗服务投诉登记台账（2025年）")


def is_header_row(text: str) -> bool:
    """A spreadsheet header row ('日期；摘要；收入；…'): column names, not entries — nor a report's sentence that
    lists what was done with semicolons ("…修订村规民约；…全年播放40期；…评出清廉家庭5户")."""
    cells = text.split("；")
    return (len(cells) >= 4 and ":" not in text and "：" not in text
            and all(len(c.strip()) <= HEADER_CELL_MAX for c in cells))
