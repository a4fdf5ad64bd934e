"""dates-out-of-order in a village's "四议两公开" record kept as a log: each line opens with its date and names its step
("8月9日两委会商议：同意…", "8月2日村民代表会议表决：到会18人…"), the year often left out. Such a log is read by its content
whatever its title (两委会记录本, 项目记录): it dates at least `min_steps` of the four steps this way. A step named again
starts the next matter: each matter is its own chain. Steps are data (``cues.dates.deliberation``)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.flags import bundle
from pipeline.flags.common import doc_text, find_dates, make_flag, ordered_passages, parse_iso, trim
from pipeline.flags.cues import cues
from pipeline.models import Document, Flag

# a numbered item's mark before the date ("1.", "（二）", "三、")
_ITEM_MARK_RE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}\s*[、.．)）]\s*)?")
_HEAD_END_RE = re.compile(r"[：:，,。；;]")
_ANY_YEAR = 2000        # a leap year: yearless dates of one record are compared among themselves


def _year(doc: Document, text: str) -> int:
    own = parse_iso(doc.doc_date)
    if own:
        return own.year
    hits = find_dates(text)
    return hits[0].date.year if hits else _ANY_YEAR


def led_steps(text: str, steps: list[list[str]], year: int) -> list[tuple[int, dt.date, str]]:
    """(step, date, line) for each line that opens with a date and names a step before its first colon or comma;
    the step named first there ("党员大会审议表决" is the 审议)."""
    out = []
    for line in text.splitlines():
        rest = line[_ITEM_MARK_RE.match(line).end():]
        hits = bundle.dates_in(rest, year)
        if not hits or hits[0].span[0] != 0:
            continue
        head = _HEAD_END_RE.split(rest[hits[0].span[1]:], 1)[0][:20]
        named = [(head.find(w), i) for i, words in enumerate(steps) for w in words if w in head]
        if named:
            out.append((min(named)[1], hits[0].date, line.strip()))
    return out


def _matters(dated: list[tuple[int, dt.date, str]]) -> list[list[tuple[int, dt.date, str]]]:
    out: list[list[tuple[int, dt.date, str]]] = [[]]
    for hit in dated:
        if any(h[0] == hit[0] for h in out[-1]):
            out.append([])
        out[-1].append(hit)
    return out


def check(doc: Document, titled: bool) -> Optional[Flag]:
    """``titled``: the record is titled as a 四议两公开 record, so two dated steps are enough."""
    spec = cues()["dates"]["deliberation"]
    text = doc_text(doc)
    dated = led_steps(text, spec["steps"], _year(doc, text))
    for matter in _matters(dated):
        if not titled and len({h[0] for h in matter}) < spec["min_steps"]:
            continue
        for later in matter:
            for earlier in matter:
                if earlier[0] < later[0] and later[1] < earlier[1]:
                    psg = next((p for p in ordered_passages(doc) if later[2][:8] in p.text), None)
                    return make_flag(doc, "dates-out-of-order",
                                     f"“四议两公开”环节日期倒置：“{trim(later[2], 30)}”早于前一环节“{trim(earlier[2], 30)}”。"
                                     "后一环节不应早于前一环节，可能系事后补记，请核对原件。", passage=psg)
    return None
