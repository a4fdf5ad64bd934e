"""A report's sections: bare headings ("二、阵地建设"), the passages under 存在不足 / 下一步打算, and the heading each
passage stands under — read by matching (pipeline/matching.py)."""
from __future__ import annotations

import re

from classifiers.text_utils import normalize
from pipeline.models import Document

_INLINE_HEADING = re.compile(r"[。：:]")
_TOP_LEVEL = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")
_LONE_CELL_RE = re.compile(r"^[^；;:：]{1,8}[:：]\s*([^；;]+)$")      # a merged row of a ledger: "序号: 三、选人用人"


def section_states(doc: Document, heading: re.Pattern, section_cues: dict[str, re.Pattern]):
    """(passage, state) in reading order: "heading" for a bare section heading ("二、阵地建设" is not
    evidence), "shortcomings" / "future" for passages under "存在不足" / "下一步打算" headings, else None."""
    state = None
    for p in doc.passages:
        text = normalize(p.text).strip()
        cell = _LONE_CELL_RE.match(text)
        if cell and heading.match(cell.group(1)):
            text = cell.group(1)
        if heading.match(text):
            state = next((k for k, cue in section_cues.items() if cue.search(text)), None)
            yield p, "heading"
            continue
        head = _INLINE_HEADING.split(text, 1)[0]
        if head != text and heading.match(head):     # "四、下步打算。严格执行…" in one passage
            inline = next((k for k, cue in section_cues.items() if cue.search(head)), None)
            if inline or _TOP_LEVEL.match(head):     # a new top-level section ends the previous one
                state = inline
        yield p, state


def section_headings(doc: Document, sections: dict) -> dict[int, str]:
    """id(passage) → the bare section heading it stands under ("一、节假日作风检查"): the classifier reads a
    passage with its heading, as a table row is read with its table's title — "元旦、春节期间检查组对机关食堂、
    公务用车停放点开展检查5次" is about 作风 only under its heading. ``sections``: ``report_sections`` of
    checklists/matching.yaml."""
    heading = re.compile(sections["heading"])
    cues = {state: re.compile("|".join(sections[state])) for state in ("shortcomings", "future")}
    out, last = {}, None
    for p, state in section_states(doc, heading, cues):
        if state == "heading":
            last = normalize(p.text).strip()
        elif last:
            out[id(p)] = last
    return out
