"""Minutes as the speaking-order rules read them: clause by clause (``split_clauses``), or turn by turn — a
speaker's label and what he says, in verbatim minutes or a speaking-order table (``utterances``), or in a handwritten
scan whose lines run the speakers together (``inline_turns``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.flags.common import ordered_passages
from pipeline.flags.meeting_people import People
from pipeline.flags.minutes_words import NOT_SPEAKER_RE, TITLE_RE
from pipeline.models import Document, Passage

ITEM_RE = re.compile(r"^\s*(?:议题[一二三四五六七八九十\d]+|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|"
                     r"\d+[、.．]|第[一二三四五六七八九十]+项|审议[^，。]{0,30}(?:议题|事项))")
SPEAKER_RE = re.compile(r"^\s*(?P<name>[\u4e00-\u9fa5]{2,3}?)(?:同志)?(?:书记|院长|校长|局长|主任|会长|总经理|董事长)?"
                        r"(?:首先|最后|补充|总结)?(?:[（(][^）)]{1,6}[）)])?"
                        r"(?:发言|表态|讲话|说|指出|强调)?\s*[:：]\s*\S")
# a question-and-answer record: "答（沈建国）：我先表个态…", "问（食品安全协调科 汪立群）：…"
QA_SPEAKER_RE = re.compile(r"^\s*[问答]\s*[（(](?:[^）)]*?[\s·、])?(?P<name>[\u4e00-\u9fa5]{2,3})[）)]\s*[:：]\s*\S")
# a speaking-order table row: "发言顺序: 5；发言人: 王振东；意见: …"
TABLE_SPEAKER_RE = re.compile(r"(?:发言人|发言者|表态人)\s*[:：]\s*(?P<name>[\u4e00-\u9fa5]{2,3})(?![\u4e00-\u9fa5])")


@dataclass
class Clause:
    text: str
    passage: Passage
    item_start: bool
    sentence: str = ""


def split_clauses(doc: Document) -> list[Clause]:
    out: list[Clause] = []
    for p in ordered_passages(doc):
        for line in re.split(r"[\n]+", p.text):
            sentences = [s for s in re.split(r"(?<=[。！？；;!?])", line) if s.strip()]
            first_in_line = True
            for s in sentences:
                parts = [c for c in re.split(r"(?<=[，,])", s) if c.strip()]
                merged: list[str] = []
                carry = ""
                for c in parts:
                    if len(c.strip("，, ")) <= 4 and not TITLE_RE.search(c):
                        carry += c
                        continue
                    merged.append(carry + c)
                    carry = ""
                if carry:
                    merged.append(carry)
                for c in merged:
                    out.append(Clause(c, p, first_in_line and bool(ITEM_RE.match(c)), s))
                    first_in_line = False
    return out


def utterances(doc: Document) -> list[tuple[str, Passage]]:
    """Verbatim minutes ("王建国：……" / "徐卫东：……", or a speaking-order table's rows): (speaker, passage)
    per turn, or [] when the minutes are not written as speeches. An item heading is returned with speaker ""."""
    turns: list[tuple[str, Passage]] = []
    for p in doc.passages:
        text = p.text.strip()
        m = SPEAKER_RE.match(text) or QA_SPEAKER_RE.match(text) or TABLE_SPEAKER_RE.search(text)
        if m and not NOT_SPEAKER_RE.search(m.group("name")):
            turns.append((m.group("name"), p))
        elif ITEM_RE.match(text) or text.startswith("议题"):
            turns.append(("", p))
    speakers = {s for s, _ in turns if s}
    return turns if len(speakers) >= 3 and sum(1 for s, _ in turns if s) >= 4 else []


# a turn quoted inside a cell or running on after a scan's line break ("发言意见: 陈家荣：…", "…（约4.6万元）罗正勇：…")
_INLINE_TURN_RE = re.compile(r"(?:^|(?<=[\s；;。）)]))(?P<name>[\u4e00-\u9fa5]{2,3})[:：](?=\s*\S)")


def member_turn(text: str, people: People) -> bool:
    """A member's turn quoted inside a table cell or a paragraph ("发言意见: 陈家荣：…")."""
    return any(m.group("name") not in people.leader_names and not NOT_SPEAKER_RE.search(m.group("name"))
               for m in _INLINE_TURN_RE.finditer(text))


def _speaker(name: str) -> bool:
    return not (NOT_SPEAKER_RE.search(name) or "参加" in name)


# the attendance list ("参加：孟和巴雅尔其木格王振军"): names of any length, often run together by a scan
_ATTEND_RE = re.compile(r"(?:参加|出席|参会|到会|与会)(?:人员|同志|委员|成员)?\s*[:：](?P<names>[^:：]{2,80})")
_LABEL_RUN_RE = re.compile(r"[\u4e00-\u9fa5]{2,}(?=[:：]\s*\S)")


def _turn_marks(text: str, attendees: str) -> list[tuple[int, str]]:
    """(start, speaker) of each "name：" in a line: a 2–3-character label after a break, or the longest tail (up to eight
    characters) of the run before the colon that the attendance list names ("…施工队孟和巴雅尔：" — a Mongolian,
    Tibetan or Uyghur name is longer, and a scan runs it on from the line before)."""
    marks = {m.end("name"): (m.start("name"), m.group("name")) for m in _INLINE_TURN_RE.finditer(text)}
    for run in _LABEL_RUN_RE.finditer(text):
        for size in range(min(8, len(run.group(0))), 1, -1):
            name = run.group(0)[-size:]
            if name in attendees and _speaker(name):
                marks[run.end()] = (run.end() - size, name)
                break
    return [marks[k] for k in sorted(marks)]


# an agenda item's heading ("议题二：", "二、关于…"), not a date or a numbered point ("2025.5.19", "1、…")
_ITEM_HEAD_RE = re.compile(r"^\s*(?:议题|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+项|[（(][一二三四五六七八九十]+[）)])")


def inline_turns(doc: Document) -> list[tuple[str, Passage]]:
    """Turns read across line breaks ("…议题：4台观光车大修罗正勇：我先说，…" / "…不用再比价了。袁小平：同意。"): a
    handwritten scan's lines do not start where the speakers do. A turn cut mid-sentence by a line break ("车就买昆明" /
    "滇驰那家的，…不用再搞比选了。") goes on with the next line's unlabelled text; a label ("决定：") ends it. An agenda
    item's heading ("…。议题二：…") is returned with speaker "", as ``utterances`` does."""
    out: list[tuple[str, Passage]] = []
    open_turn = False
    attendees = "".join(m.group("names") for m in _ATTEND_RE.finditer(doc.text))
    for p in ordered_passages(doc):
        marks = _turn_marks(p.text, attendees)
        head = p.text[:marks[0][0]] if marks else p.text
        if open_turn and head.strip() and not ITEM_RE.match(head):
            name, q = out[-1]
            out[-1] = (name, replace(q, text=q.text + head.strip()))
        open_turn = open_turn and not marks and not ITEM_RE.match(head)
        if _ITEM_HEAD_RE.match(head):
            out.append(("", replace(p, text=head)))
        for i, (start, name) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(p.text)
            text = p.text[start:end]
            if not _speaker(name):
                if _ITEM_HEAD_RE.match(text):
                    out.append(("", replace(p, text=text)))
                open_turn = False
                continue
            out.append((name, replace(p, text=text)))
            open_turn = i + 1 == len(marks)
        if out and open_turn and re.search(r"[。！？!?]\s*$", out[-1][1].text):
            open_turn = False
    return out
