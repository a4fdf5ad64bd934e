"""Chat exports (WeChat / DingTalk work groups) read as day threads, not single messages.

A message alone ("退了，跟人家说心意领了") says little; the day's exchange ("节日期间公车封存点检了两次…
商户要送月饼，中队给退回去了") is the record a reviewer reads. So when most lines of a text are chat
messages, the messages of one day are joined (one per line, headers kept: when and who) into passages
of bounded length. Other text is left as it is.
"""
from __future__ import annotations

import re
from typing import Optional

_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
# "2025-10-02 21:36 纪检组张淑芳：…", "[2025-10-02 21:36] 张淑芳: …", "21:36 张淑芳：…"
_MESSAGE_RE = re.compile(rf"^\[?\s*(?P<date>{_DATE})?\s*{_TIME}\s*\]?\s*[^\s：:]{{1,16}}\s*[：:]")
# "张淑芳 2025-10-02 21:36" / "宁国港口竹木制品 叶总 2024-10-22 20:11:02" on its own line, the message on the next
# (PC export)
_META_RE = re.compile(rf"^[^：:]{{1,24}}?\s+\(?(?P<date>{_DATE})\s*{_TIME}\)?$")
# "—— 2025年10月2日 ——" between days
_DAY_RE = re.compile(rf"^[—\-=\s·]*(?P<date>{_DATE})[—\-=\s·]*(星期.|周.)?[—\-=\s·]*$")

# what the classifier never saw in training: a message's time and sender, at the start of each line of a thread —
# "2025-10-08 10:20 纪检组张淑芳：" or, joined from a PC export, "胡建平（秘书长） 2024-10-24 18:32:10 "
HEADER_RE = re.compile(rf"^[ \t]*(?:\[?[ \t]*(?:{_DATE}[ \t]*)?{_TIME}[ \t]*\]?[ \t]*[^\s：:]{{1,16}}[ \t]*[：:]"
                       rf"|[^：:\n]{{1,24}}?[ \t]+\(?{_DATE}[ \t]*{_TIME}\)?)[ \t]*", re.M)

# a chat screenshot's time line ("5月30日晚上21:12", "08:40 4G76%" in the status bar): OCR reads it as a line of its own
SCREEN_TIME_RE = re.compile(r"^\s*(\d{1,2}月\d{1,2}日)?\s*(上午|下午|晚上|凌晨|中午|早上|昨天)?\s*\d{1,2}:\d{2}"
                            r"(\s*(4G|5G|WiFi)\S*)?\s*$")

MIN_MESSAGES = 3
MIN_SHARE = 0.6
MAX_CHARS = 400


def _kind(line: str) -> tuple[Optional[str], Optional[tuple[int, ...]]]:
    """The line's kind (message / meta / day / None) and the day it names, as (y, m, d)."""
    for kind, rx in (("message", _MESSAGE_RE), ("meta", _META_RE), ("day", _DAY_RE)):
        m = rx.match(line)
        if m:
            date = m.group("date")
            return kind, tuple(int(x) for x in re.findall(r"\d+", date)) if date else None
    return None, None


def chat_threads(paragraphs: list[str]) -> Optional[list[str]]:
    """The paragraphs regrouped as day threads when they are a chat export, else None."""
    kinds = [_kind(p) for p in paragraphs]
    n_msg = sum(k in ("message", "meta") for k, _ in kinds)
    # a meta line's message is the next line; day separators belong to the chat too
    n_chat = sum({"message": 1, "meta": 2, "day": 1}.get(k, 0) for k, _ in kinds)
    if n_msg < MIN_MESSAGES or n_chat < MIN_SHARE * len(paragraphs):
        return None
    threads: list[list[str]] = []
    day: Optional[tuple[int, ...]] = None
    size = 0
    attach = False          # the line after a meta line is its message
    for p, (kind, date) in zip(paragraphs, kinds):
        new_day = date is not None and date != day
        if (kind is not None and new_day) or not threads \
                or (kind in ("message", "meta") and size + len(p) > MAX_CHARS):
            threads.append([])
            size = 0
        if date is not None:
            day = date
        if attach and kind is None:
            threads[-1][-1] += " " + p
        else:
            threads[-1].append(p)
        size += len(p)
        attach = kind == "meta"
    return ["\n".join(t) for t in threads if t]


def without_headers(text: str) -> str:
    """The messages of a thread without their time-and-sender headers."""
    return HEADER_RE.sub("", text)
