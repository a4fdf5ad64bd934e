"""Which documents are meeting minutes, and which minutes record a decision meeting (党委会, 办公会, 村两委,
三重一大…). The meeting rules (``meetings``: leader-speaks-first; ``quorum``: 到会人数) read only these."""
from __future__ import annotations

import re

from pipeline.models import Document

SKIP_KINDS = {"rule", "plan", "notice", "pledge"}
SKIP_TYPES = {"rules", "plan", "pledge", "training", "signin", "photo"}
# a photographed page whose heading is a minutes title ("校务会记录", "党委会议纪要（第3次）") is the minutes
_MINUTES_TITLE_RE = re.compile(r"(?:纪要|会议?记录本?)$")
# … and so is a minutes book's page headed only by the meeting ("党委会", "村两委会议")
_MEETING_HEADING_RE = re.compile(r"^[\u4e00-\u9fa5“”]{0,12}(?:会|会议)$")


# a handwritten heading runs on into the date ("党组会议记录二〇二五年二月十一日下午党组会"): the title is before it
_HEADING_DATE_RE = re.compile(r"(?:\d{4}|[〇零○O一二三四五六七八九]{4})\s*年")


def _photo_heading(doc: Document) -> str:
    title = next((ln.strip() for ln in doc.text.splitlines() if ln.strip()), "")
    title = _HEADING_DATE_RE.split(title)[0] or title
    return re.sub(r"[（(][^）)]*[）)]$", "", title)


def _minutes_photo(doc: Document) -> bool:
    """A photo of the minutes: its heading is a minutes title or the name of a decision meeting."""
    title = _photo_heading(doc)
    return bool(_MINUTES_TITLE_RE.search(title)
                or (_MEETING_HEADING_RE.match(title) and DECISION_MEETING_RE.search(title)))


def _headed_decision_minutes(doc: Document) -> bool:
    """Headed as a decision meeting's minutes ("总经理办公会记录", "党组会议纪要"), whatever the body made the document
    type (an agenda item "…分配方案" can make a short handwritten record look like a plan)."""
    title = _photo_heading(doc)
    return bool(_MINUTES_TITLE_RE.search(title) and DECISION_MEETING_RE.search(title))


def skipped(doc: Document) -> bool:
    """Not minutes by kind or type: rules, plans, pledges, sign-in sheets, photos (unless of the minutes)."""
    if doc.status != "ok":
        return True
    if _headed_decision_minutes(doc):
        return False
    if doc.doc_kind in SKIP_KINDS:
        return True
    if doc.doc_type == "photo":
        return not _minutes_photo(doc)
    if doc.doc_type == "signin":
        return not _records_decision(doc.text)
    return doc.doc_type in SKIP_TYPES


# a party committee's formal heading names no 党委会: "中共某某医院委员会会议纪要" is its minutes
PARTY_COMMITTEE_RE = re.compile(r"(?:中共|中国共产党)[\u4e00-\u9fa5]{2,30}?委员会(?:（扩大）|\(扩大\)|扩大)?(?:全体)?会议")
DECISION_MEETING_RE = re.compile(
    r"三重一大|党组(?:（扩大）|\(扩大\)|扩大)?会|党委(?:（扩大）|\(扩大\)|扩大)?会|支委会|支部委员会|党总支委员会|"
    r"班子会|班子成员会|院长办公会|校长办公会|董事会|总经理办公会|经理办公会|局务会|局长办公会|主任办公会|"
    r"行政办公会|行政会|校务会|院务会|常委会|村两委|两委会|两委联席会|会长办公会|理事会|集体决策|集体研究|民主决策|"
    r"党工委|工委会|工作委员会会议|党政联席会|" + PARTY_COMMITTEE_RE.pattern)


# words that make a text minutes, whatever its type ("管理处主任办公会记录" typed as a purchase file)
MINUTES_WORDS_RE = re.compile(r"纪要|会议记录|会议决定|会议|办公会|会记录")


def is_minutes(doc: Document) -> bool:
    return (doc.doc_type in ("minutes", "collective_decision") or bool(MINUTES_WORDS_RE.search(doc.text))
            or (doc.doc_type == "photo" and _minutes_photo(doc)))


# minutes that name no meeting (a scanned page without its heading) but record who sat, an agenda item and what was
# decided on it ("出席：… 议题：… 议定：…"): a collective decision all the same
_AGENDA_RE = re.compile(r"(?:^|\n)\s*议题[一二三四五六七八九十\d]*\s*[:：]")
_DECIDED_RE = re.compile(r"(?:^|\n)\s*(?:会议)?(?:议定|决议|决定|研究决定|表决结果)(?:事项)?\s*[:：]")
_SEATED_RE = re.compile(r"(?:出席|参加|参会|到会|与会|列席)(?:人员|同志|委员|成员)?\s*[:：]")


def _records_decision(text: str) -> bool:
    """A sign-in sheet that goes on to record the agenda and what was decided ("签到表及记录": 议题：… 决定：…) is
    the meeting's minutes."""
    return bool(_AGENDA_RE.search(text) and _DECIDED_RE.search(text))


def _decides_agenda(text: str) -> bool:
    return all(r.search(text) for r in (_AGENDA_RE, _DECIDED_RE, _SEATED_RE))


def is_decision_meeting(doc: Document) -> bool:
    if skipped(doc) or doc.doc_type == "report":
        return False
    text = doc.text
    if not is_minutes(doc):
        return False
    unquoted = re.sub(r"[“”\"'‘’「」]", "", text)      # 村“两委”联席会议
    return (bool(DECISION_MEETING_RE.search(unquoted)) or doc.doc_type == "collective_decision"
            or _decides_agenda(text))
