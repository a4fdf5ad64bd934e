"""Meeting-minutes rules: leader-speaks-first (一把手末位表态) here; quorum (到会人数) is in ``quorum``.

Which documents are minutes of a decision meeting is ``minutes``; who is the principal, ``meeting_people``; the minutes
read as clauses and turns, ``minutes_turns``; who spoke when, ``speaking_order``. ``leader_spoke_last`` is the
converse, for matching: 末位表态 shown.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.flags import quorum
from pipeline.flags.common import make_flag, trim
from pipeline.flags.meeting_people import People, leader_spans, read_people
from pipeline.flags.minutes import is_decision_meeting, is_minutes, skipped
from pipeline.flags.minutes_turns import Clause, inline_turns, member_turn, split_clauses, utterances
from pipeline.flags.minutes_words import CRITICISM_RE
from pipeline.flags.speaking_order import (Event, clause_events, closing_turns, dictated_opening, order_list_violation,
                                           speech_violation, states_leader_last)
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Passage


def leader_spoke_last(doc: Document) -> list[Passage]:
    """In a decision meeting's minutes written as speeches (or a speaking-order table), the first member's
    turn and the principal's closing turn after the members: 末位表态 carried out, however the minutes word
    it. [] when not shown; breaches are the leader-speaks-first flag's business."""
    if not is_decision_meeting(doc):
        return []
    people = read_people(doc.text)
    turns = utterances(doc)
    if not people.leader_names:
        return []
    if turns:
        breach, judged = speech_violation(turns, people)
        if judged:
            return closing_turns(turns, people) if breach is None else []
    # prose, or turns in which the principal's own word is embedded ("…有问题直接找我。韩立新书记最后讲：…")
    return _stated_closing(doc, people)


# the members speaking in turn ("依次发言"), unnamed
ROUND_RE = re.compile(r"(?:依次|逐一|分别|先后|轮流)(?:发言|发表|表态)")


def _stated_closing(doc: Document, people: People) -> list[Passage]:
    """Prose minutes: the members' views, then the principal's last word in the same item ("张铁军、王秀丽和各部门
    负责人依次发言同意。刘晓光最后表态：同意…"), with no breach anywhere in the minutes."""
    if _leader_first(doc) is not None:
        return []
    member: Optional[Clause] = None
    for c in split_clauses(doc):
        if c.item_start:
            member = None
        if member is None and (ROUND_RE.search(c.text) or member_turn(c.text, people)) \
                and not leader_spans(c.text, people):
            member = c          # "张铁军、王秀丽和各部门负责人依次发言同意", "陈家荣：初加工中心改造要走公开招标"
        for ev in clause_events(c, people):
            if ev.kind == "M" and member is None:
                member = c
            elif ev.kind == "L" and ev.last and member is not None:
                return [member.passage] if member.passage is c.passage else [member.passage, c.passage]
    return []


def _leader_first(doc: Document) -> Optional[Flag]:
    text = doc.text
    people = read_people(text)
    turns = utterances(doc)
    # the opener settling the matter before the members only assent is a breach even when he speaks again at the end
    # (a scan's run-on lines may hide his opening from the line-by-line turns)
    dictated = dictated_opening(inline_turns(doc), people)
    if dictated is not None:
        return _dictated_flag(doc, *dictated, people)
    hit, judged = speech_violation(turns, people) if turns and people.leader_names else (None, False)
    if judged and hit is None:
        return None
    if hit is not None:
        lead, member = hit
        who = people.label or "主要负责人"
        return make_flag(doc, "leader-speaks-first",
                         f"会议纪要显示主要负责人（{who}）先于其他班子成员发表意见：“{trim(lead.text, 90)}”，"
                         f"其后其他成员：“{trim(member.text, 60)}”，且最后未由其本人表态。"
                         f"不符合“一把手”末位表态要求，请核对会议记录原件中的发言顺序。", passage=lead)
    clauses = split_clauses(doc)
    hit = order_list_violation(clauses, people)
    if hit:
        c, who = hit
        return make_flag(doc, "leader-speaks-first",
                         f"会议发言顺序中主要负责人（{who}）排在首位：“{trim(c.text, 80)}”。"
                         f"不符合“一把手”末位表态要求，请核对会议记录原件。", passage=c.passage)
    pending: Optional[Event] = None
    last_seen = False
    prev = ""
    criticism = False
    for c in clauses:
        if c.item_start:
            pending, last_seen = None, False
        # a criticism round runs to the end of its sentence (its "；"-separated examples included)
        criticism = (criticism and not c.item_start and not prev.rstrip().endswith(("。", "！", "？"))) \
            or bool(CRITICISM_RE.search(c.text))
        if criticism:
            prev = c.text
            continue
        # the subject may sit in the clause before ("杨文清书记首先说明了议题背景，在其他委员发言后最后表明意见")
        joined, prev = (prev if prev.endswith(("，", ",")) else "") + c.text, c.text
        if states_leader_last(joined, people):
            pending, last_seen = None, True
            continue
        for ev in clause_events(c, people):
            if ev.kind == "L":
                if ev.last:
                    pending, last_seen = None, True
                    continue
                if ev.first and pending is None:
                    return _leader_flag(doc, ev, None, people)
                if pending is None:
                    pending = ev
                last_seen = False
            elif ev.kind == "M":
                if pending is not None:
                    return _leader_flag(doc, pending, ev, people)
            elif ev.kind == "D" and not last_seen:
                return _leader_flag(doc, pending or ev, ev if pending else None, people, defer=True)
    return None


def _dictated_flag(doc: Document, who: str, opening: Passage, after: Passage, people: People) -> Flag:
    who = people.label if who in people.leader_names and people.label else who
    return make_flag(doc, "leader-speaks-first",
                     f"会议纪要显示首位发言人（{who}）开场即定调：“{trim(opening.text, 90)}”，其后其他成员仅表示同意："
                     f"“{trim(after.text, 40)}”。不符合“一把手”末位表态要求，请核对会议记录原件中的发言顺序及主持人身份。",
                     passage=opening)


_NOT_NAME_CHARS = "同意按照遵从附赞成支持由请向对和与及的是在为将把被让经"


def _alias(text: str, people: People) -> str:
    spans = leader_spans(text, people)
    if not spans:
        return ""
    a, b = spans[0]
    # the name before a bare title ("覃局长", "建华局长"), without the verb it follows ("同意覃局长意见")
    head = re.sub(r"^.*[^\u4e00-\u9fa5]", "", text[max(0, a - 2): a]).lstrip(_NOT_NAME_CHARS)
    return head + text[a:b] if len(text[a:b]) <= 3 else text[a:b]


def _leader_flag(doc: Document, lead: Event, after: Optional[Event], people: People, defer: bool = False) -> Flag:
    who = people.label or _alias(lead.clause.text, people) or "主要负责人"
    words = f"“{trim(lead.clause.sentence or lead.clause.text, 90)}”"
    if after is not None and after.clause.sentence != lead.clause.sentence:
        words += f"，其后其他成员：“{trim(after.clause.sentence or after.clause.text, 90)}”"
    elif defer:
        words = f"其他成员附和主要负责人意见：{words}"
    msg = (f"会议纪要显示主要负责人（{who}）先于其他班子成员发表意见/表态：{words}。"
           f"不符合“一把手”末位表态要求，请核对会议记录原件中的发言顺序。")
    return make_flag(doc, "leader-speaks-first", msg, passage=lead.clause.passage)


def check(docs: list[Document], th: Thresholds) -> list[Flag]:
    flags: list[Flag] = []
    stated = quorum.stated_rules(docs)
    for doc in docs:
        if skipped(doc):
            continue
        if not is_minutes(doc):
            continue
        if is_decision_meeting(doc):
            f = _leader_first(doc)
            if f:
                flags.append(f)
        q = quorum.check_doc(doc, th, stated)
        if q:
            flags.append(q)
    return flags
