"""dates-out-of-order in a meeting record: the meeting's outcome put up before the meeting that reached it
("决议公示：2024年3月5日至3月11日" in the record of a 村民代表会议 held on 3-12) — the record, or the notice, was
written to fit. Cue words are data (``cues.dates.outcome_notice`` in checklists/thresholds.yaml)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.flags import bundle
from pipeline.flags.common import doc_text, first_date_after, make_flag, ordered_passages, parse_iso, trim
from pipeline.flags.cues import alternation, cues
from pipeline.models import Document, Flag

MEETING_TYPES = ("minutes", "collective_decision")


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern]:
    c = cues()["dates"]
    spec = c["outcome_notice"]
    outcome, publish = alternation(spec["outcome"]), alternation(spec["publish"])
    return {"notice": re.compile(rf"(?:{outcome})[^，,。；;\n]{{0,20}}?(?:{publish})"
                                 rf"|(?:{publish})[^，,。；;\n]{{0,6}}?(?:{outcome})"),
            "not_publish": re.compile(alternation(spec["not_publish"])),
            "unless": re.compile(alternation(spec["unless"])),
            "deadline": re.compile(alternation(c["deadline"]))}


def _notice(clause: str) -> Optional[re.Match]:
    """Where the clause names the publication of this meeting's outcome."""
    res = _res()
    return res["notice"].search(res["not_publish"].sub(lambda x: "＿" * len(x.group(0)), clause))


def check(doc: Document) -> Optional[Flag]:
    if doc.doc_type not in MEETING_TYPES:
        return None
    text = doc_text(doc)
    res = _res()
    # the meeting's own date, not the publication's ("公示时间：…")
    rest = "\n".join(ln for ln in text.splitlines() if not _notice(ln))
    held = first_date_after(rest, cues()["dates"]["outcome_notice"]["meeting"])
    meeting = held[0] if held else parse_iso(doc.doc_date)
    if meeting is None:
        return None
    for clause in re.split(r"[。；;\n]", text):
        m = _notice(clause)
        if not m or res["unless"].search(clause):
            continue
        # the publication's first date after its cue; a date without a year is in the meeting's year
        for h in bundle.dates_in(clause[m.start():], meeting.year)[:1]:
            after = clause[m.start() + h.span[1]:].strip()
            if h.date < meeting and not res["deadline"].match(after):
                psg = next((p for p in ordered_passages(doc) if clause.strip()[:8] in p.text), None)
                return make_flag(doc, "dates-out-of-order",
                                 f"会议于 {meeting.isoformat()} 召开，其决议/结果却在会前公示：“{trim(clause.strip(), 40)}”。"
                                 "先公示、后开会表决，记录或公示可能系事后补写，请核对原件。", passage=psg)
    return None
