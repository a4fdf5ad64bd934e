"""One file holding several documents: "合同及比价审批资料" = the contract, then 二、比价记录, then 三、采购审批单.

A part starts at a title line (short, no colon, no date) that names a kind of document; the kinds and their title
words are data (``cues.dates.sections`` in checklists/thresholds.yaml). Lines before the first title belong to a
part of kind None. Within one file a date may leave out the year ("3月25日两委会商议"): it is the file's year.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.flags.common import DateHit, find_dates
from pipeline.flags.cues import cues

TITLE_MAX = 30   # characters of a title line
KINDS = ("exclude", "award", "minutes", "approval", "selection", "procedure", "contract")   # first matching kind wins
_NO_YEAR_RE = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def dates_in(text: str, year: int) -> list[DateHit]:
    """Dates in a line, those without a year ("3月25日") taken to be in ``year``; in order."""
    full = find_dates(text)
    out = list(full)
    for m in _NO_YEAR_RE.finditer(text):
        if any(h.span[0] <= m.start() < h.span[1] for h in full):
            continue
        try:
            out.append(DateHit(dt.date(year, int(m.group(1)), int(m.group(2))), m.span()))
        except ValueError:
            continue
    return sorted(out, key=lambda h: h.span)


def is_title_line(line: str) -> bool:
    """Short, with no colon, comma or full stop, and no date: a title or letterhead, not a field or a sentence."""
    s = line.strip()
    return bool(s) and len(s) <= TITLE_MAX and not re.search(r"[:：，,。；;]", s) and not find_dates(s) \
        and not _NO_YEAR_RE.search(s)


def title_kind(line: str) -> Optional[str]:
    if not is_title_line(line):
        return None
    s = line.strip()
    spec = cues()["dates"]["sections"]
    return next((k for k in KINDS if any(w in s for w in spec[k])), None)


def parts(text: str) -> list[tuple[Optional[str], str]]:
    """(kind, text) of each part, in order."""
    out: list[tuple[Optional[str], list[str]]] = [(None, [])]
    for line in text.splitlines():
        kind = title_kind(line)
        if kind is not None:
            out.append((kind, []))
        out[-1][1].append(line)
    return [(k, "\n".join(lines)) for k, lines in out if lines]
