"""Meeting-minutes rules: leader-speaks-first (一把手末位表态); quorum (到会人数) is in ``quorum``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.flags import quorum
from pipeline.flags.common import make_flag, ordered_passages, trim
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Passage

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


def _skipped(doc: Document) -> bool:
    """Not minutes by kind or type: rules, plans, pledges, sign-in sheets, photos (unless of the minutes)."""
    if doc.status != "ok" or doc.doc_kind in SKIP_KINDS:
        return True
    if doc.doc_type == "photo":
        return not _minutes_photo(doc)
    return doc.doc_type in SKIP_TYPES

# a party committee's formal heading names no 党委会: "中共某某医院委员会会议纪要" is its minutes
_PARTY_COMMITTEE_RE = re.compile(r"(?:中共|中国共产党)[\u4e00-\u9fa5]{2,30}?委员会(?:（扩大）|\(扩大\)|扩大)?(?:全体)?会议")
DECISION_MEETING_RE = re.compile(
    r"三重一大|党组(?:（扩大）|\(扩大\)|扩大)?会|党委(?:（扩大）|\(扩大\)|扩大)?会|支委会|支部委员会|党总支委员会|"
    r"班子会|班子成员会|院长办公会|校长办公会|董事会|总经理办公会|经理办公会|局务会|局长办公会|主任办公会|"
    r"行政办公会|行政会|校务会|院务会|常委会|村两委|两委会|两委联席会|会长办公会|理事会|集体决策|集体研究|民主决策|"
    r"党工委|工委会|工作委员会会议|" + _PARTY_COMMITTEE_RE.pattern)

PRINCIPAL = ("党组书记", "党委书记", "党总支书记", "支部书记", "第一书记", "主要负责人", "一把手", "董事长", "总经理",
             "理事长", "书记", "局长", "院长", "校长", "主任", "会长", "县长", "区长", "乡长", "镇长", "所长",
             "站长", "行长", "厂长", "馆长", "园长", "社长", "村支书")
_TITLE_RE = re.compile("|".join(sorted(PRINCIPAL, key=len, reverse=True)))
_BAD_BEFORE = ("副", "纪委", "纪检", "纪工委", "团委", "团支部", "工会", "妇联", "办公室", "室", "科", "股", "处",
               "队", "监事", "执行",
               # a department head (总务主任, 教导主任, 护理部主任) is a member of the meeting
               "总务", "教导", "教务", "政教", "德育", "后勤", "医务", "护理", "财务", "保卫", "年级", "部")
_BAD_AFTER = ("办公会", "会议", "助理", "办公室")

MEMBER_RE = re.compile(
    r"班子其他成员|其他班子成员|班子成员|其他成员|其他委员|其他同志|其他领导|其他董事|与会成员|与会人员|与会同志|与会委员|"
    r"参会人员|参会成员|参会同志|参会委员|各委员|委员们|董事们|各位委员|两委成员|支委成员|党组成员|党委委员|"
    r"副[\u4e00-\u9fa5]{0,2}(?:局长|书记|主任|院长|校长|总经理|董事长|会长|县长|区长|乡长|镇长|所长|站长|行长)|"
    r"纪检组长|纪委书记|总会计师|委员|与会")
VIEW_RE = re.compile(r"表态|态度|表明|亮明|发表意见|发表了意见|发表看法|发言|表示|认为|同意|赞同|赞成|不同意|决定|拍板|定调|明确|指出|"
                     r"强调|提出|建议|要求|意见|观点|看法|附议|无异议|讨论")
PROC_RE = re.compile(r"主持(?:会议|召开)?|介绍(?:了)?[^，。；]{0,12}?(?:议题|情况|背景)|(?:提出|说明|通报)(?:了)?[^，。；]{0,8}?议题|"
                     r"宣布|通报|传达|宣读|汇报|作说明|进行说明|讲话|出席|参加|列席|记录")
FIRST_RE = re.compile(r"首先|率先|开宗明义|先行|第一个|带头表态|先定个?调|定个?调子|一开始|开门见山|抢先|先表态|先表个态|先发言|"
                      r"先说我的意见|我先说|我先讲|我先谈")
LAST_RE = re.compile(r"最后|末位|最终表态|总结表态|作总结|作了总结|总结讲话|总结发言|充分发表意见后|充分讨论后|"
                     r"听取[^，。；]{0,20}意见后|(?:发表|发言|表态)[^，。；]{0,12}后")
DEFER_RE = re.compile(r"(?:同意|赞同|赞成|支持|拥护|附议|按照|服从|遵照)[^，。；]{0,10}?(?P<who>{L})[^，。；]{0,8}?"
                      r"(?:的)?(?:意见|提议|表态|观点|决定|看法|建议|方案|定调)")
# words that make a text minutes, whatever its type ("管理处主任办公会记录" typed as a purchase file)
MINUTES_WORDS_RE = re.compile(r"纪要|会议记录|会议决定|会议|办公会|会记录")
ROUND_RE = re.compile(r"(?:依次|逐一|分别|先后|轮流)(?:发言|发表|表态)")
INVITE_RE = re.compile(r"请(?:各位|大家|同志们|其他同志)|(?:各位|大家)先(?:谈|说|讲|发言)|先听听")
ITEM_RE = re.compile(r"^\s*(?:议题[一二三四五六七八九十\d]+|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|"
                     r"\d+[、.．]|第[一二三四五六七八九十]+项|审议[^，。]{0,30}(?:议题|事项))")
ORDER_RE = re.compile(r"(?:发言顺序|表态顺序|发言依次为|发言先后为|表态依次为|依次发言(?:人)?)[:：为]?\s*(?P<list>[^。；\n]+)")
# a scan runs the next label on after the name ("主持：周建设记录：胡敏"): that label ends the name
CHAIR_RE = re.compile(r"主持(?:人)?[:：]\s*(?P<name>[\u4e00-\u9fa5]{2,4}?)(?:同志)?(?:[（(](?P<title>[^）)]{1,30})[）)]|[\s，,；;。]|$"
                      r"|(?=(?:记录|出席|列席|参加|参会|缺席|请假|地点|时间)(?:人|人员)?[:：]))")
TITLE_NAME_RE = re.compile(rf"(?:{_TITLE_RE.pattern})(?P<name>[\u4e00-\u9fa5]{{2,3}}?)"
                           r"(?=在|于|主持|召集|同志|首先|先|[，,、：:（(\s])")
SPEAKER_RE = re.compile(r"^\s*(?P<name>[\u4e00-\u9fa5]{2,3}?)(?:同志)?(?:书记|院长|校长|局长|主任|会长|总经理|董事长)?"
                        r"(?:首先|最后|补充|总结)?(?:[（(][^）)]{1,6}[）)])?"
                        r"(?:发言|表态|讲话|说|指出|强调)?\s*[:：]\s*\S")
_NOT_SPEAKER = re.compile(r"时间|地点|主持|记录|出席|列席|缺席|请假|议题|内容|会议|决定|议定|决议|参会|人员|主题|地址|备注|附件|"
                          r"日期|单位|事由|金额|结果|意见|签名|审批|分送|抄送|印发|发言|表决|同志|班子|成员|大家|各位|首先|讲话|表态|同意|"
                          r"最后|办公")
# a question-and-answer record: "答（沈建国）：我先表个态…", "问（食品安全协调科 汪立群）：…"
QA_SPEAKER_RE = re.compile(r"^\s*[问答]\s*[（(](?:[^）)]*?[\s·、])?(?P<name>[\u4e00-\u9fa5]{2,3})[）)]\s*[:：]\s*\S")
# "在其他委员发言后最后表明意见": the principal (the clause's subject) spoke last
STATED_LAST_RE = re.compile(r"(?:其他|其余|各位|与会|参会)[^，。；]{0,6}(?:委员|成员|同志|领导|董事|理事)[^，。；]{0,8}"
                            r"(?:发言|表态|发表意见|发表了意见)[^，。；]{0,4}后[^，。；]{0,8}(?:表明|发表|表态|总结|发言|讲话|拍板)")
_PROC_AFTER_FIRST = re.compile(r"[^，。；]{0,2}(?:说明|介绍|通报|汇报|主持|宣读|传达)")
# a speaking-order table row: "发言顺序: 5；发言人: 王振东；意见: …"
TABLE_SPEAKER_RE = re.compile(r"(?:发言人|发言者|表态人)\s*[:：]\s*(?P<name>[\u4e00-\u9fa5]{2,3})(?![\u4e00-\u9fa5])")
PAIR_RE = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,3})[（(](?P<title>[^）)]{1,30})[）)]")
# words that are no name ("主持人", "记录", "会议"); a character set would also reject 黄志坚 (志 of 同志)
_NAME_STOP = re.compile(r"主持|记录|出席|列席|缺席|时间|地点|会议|议题|同志|人员|^人")


@dataclass
class Clause:
    text: str
    passage: Passage
    item_start: bool
    sentence: str = ""


def _clauses(doc: Document) -> list[Clause]:
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
                    if len(c.strip("，, ")) <= 4 and not _TITLE_RE.search(c):
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


def _valid_title(text: str, m: re.Match) -> bool:
    before = text[max(0, m.start() - 3): m.start()]
    after = text[m.end(): m.end() + 3]
    if any(before.endswith(b) for b in _BAD_BEFORE) or "副" in before[-2:]:
        return False
    return not any(after.startswith(a) for a in _BAD_AFTER)


def _is_principal_title(title: str) -> bool:
    return any(_valid_title(title, m) for m in _TITLE_RE.finditer(title))


@dataclass
class People:
    leader_names: set[str]
    member_names: set[str]
    label: str


# Which of two principals chairs: a party committee's meeting is the 书记's, an administrative one the head's
# ("马文军（书记）、张海鹏（院长）" in a 院党委会: the 院长 is a member there)
PARTY_MEETING_RE = re.compile(r"党委会|党委（扩大）会|党委扩大会|党委会议|党组会|党组会议|支委会|支部委员会|党总支委员会|党工委会|党工委会议|"
                              + _PARTY_COMMITTEE_RE.pattern)
ADMIN_MEETING_RE = re.compile(r"院长办公会|校长办公会|局务会|局长办公会|主任办公会|总经理办公会|经理办公会|行政办公会|行政会|院务会|"
                              r"校务会|会长办公会|董事会")


def _chairing(text: str, titled: dict[str, str]) -> set[str]:
    """Of several principals named with their titles, those who chair this kind of meeting (judged from its
    heading); all of them when the heading does not say or no title fits."""
    head = text[:160]
    party, admin = PARTY_MEETING_RE.search(head), ADMIN_MEETING_RE.search(head)
    if bool(party) == bool(admin) or len(set(titled.values())) < 2:
        return set(titled)
    chosen = {n for n, t in titled.items() if ("书记" in t) == bool(party)}
    return chosen or set(titled)


def _people(text: str) -> People:
    leaders: set[str] = set()
    members: set[str] = set()
    titled: dict[str, str] = {}
    label = ""
    for m in PAIR_RE.finditer(text):
        name, title = m.group("name"), m.group("title")
        if _NAME_STOP.search(name):
            continue
        if _is_principal_title(title):
            titled.setdefault(name, title)
        elif re.search(r"副|委员|组长|成员|书记|主任|长", title):
            members.add(name)
    for m in TITLE_NAME_RE.finditer(text):     # 局长肖志雄在四楼会议室主持召开局务会议
        if _valid_title(text, m) and not _NOT_SPEAKER.search(m.group("name")):
            titled.setdefault(m.group("name"), text[m.start():m.start("name")])
    chairs = _chairing(text, titled)
    members |= set(titled) - chairs
    leaders |= chairs
    label = next((f"{titled[n]}{n}" for n in titled if n in chairs), "")
    cm = CHAIR_RE.search(text)
    if cm and not _NAME_STOP.search(cm.group("name")):
        title = cm.group("title") or ""
        if not title or _is_principal_title(title):
            leaders.add(cm.group("name"))
            label = label or (f"{title}{cm.group('name')}" if title else f"主持人{cm.group('name')}")
        else:
            members.add(cm.group("name"))
    leaders -= set(titled) - chairs
    members -= leaders
    return People(leaders, members, label)


@dataclass
class Event:
    kind: str          # "L" leader view, "M" member view, "D" member defers to leader
    clause: Clause
    first: bool = False
    last: bool = False


_NAME_AFTER_TITLE = re.compile(r"[\u4e00-\u9fa5]{2,3}?(?=同意|认为|建议|表示|提出|指出|说|[：:，,、（(\s])")


# a title in brackets after a name ("胡建国（镇长）：…"): it is that person's
_NAME_BEFORE_BRACKET = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,3})[（(][^（()）]{0,10}$")


def _leader_spans(text: str, people: People) -> list[tuple[int, int]]:
    """Where the principal is named. Once the minutes name him ("党委书记杨文清"), another principal title held by
    someone else ("院长张明辉" or "张明辉（院长）" in a 党委会) is a member."""
    spans = []
    for m in _TITLE_RE.finditer(text):
        if not _valid_title(text, m):
            continue
        holder = _NAME_BEFORE_BRACKET.search(text, 0, m.start())
        if holder and holder.group("name") in people.member_names:
            continue
        named = _NAME_AFTER_TITLE.match(text, m.end())
        if named and (FIRST_RE.search(named.group(0)) or LAST_RE.search(named.group(0))
                      or VIEW_RE.search(named.group(0)) or PROC_RE.search(named.group(0))):
            named = None        # "院长首先提出": no name follows
        if people.leader_names and named and named.group(0) not in people.leader_names \
                and not any(n.startswith(named.group(0)) for n in people.leader_names):
            continue
        spans.append(m.span())
    for n in people.leader_names:
        spans += [m.span() for m in re.finditer(re.escape(n), text)]
    return sorted(spans)


def _events(clause: Clause, people: People) -> list[Event]:
    text = clause.text
    lead = _leader_spans(text, people)
    defer_spans = []
    if lead:
        alias = "|".join(re.escape(text[a:b]) for a, b in lead)
        for m in re.finditer(DEFER_RE.pattern.replace("{L}", alias), text):
            defer_spans.append(m.span())
    actors: list[tuple[int, int, str]] = []
    for a, b in lead:
        if not any(s <= a < e for s, e in defer_spans):
            actors.append((a, b, "L"))
    mem = [m.span() for m in MEMBER_RE.finditer(text)]
    for n in people.member_names:
        mem += [m.span() for m in re.finditer(re.escape(n), text)]
    for a, b in mem:
        if not any(x <= a < y for x, y, _ in actors):
            actors.append((a, b, "M"))
    actors.sort()
    events: list[Event] = []
    pending: list[tuple[int, int, str]] = []
    for i, (a, b, kind) in enumerate(actors):
        end = actors[i + 1][0] if i + 1 < len(actors) else len(text)
        seg = text[b:end]
        pending.append((a, b, kind))
        core = PROC_RE.sub("", seg)
        if not VIEW_RE.search(core) and i + 1 < len(actors):
            # "局长、副局长张三依次发言": the verb after the last actor applies to all listed
            if end - b <= 2:
                continue
        if not VIEW_RE.search(core):
            pending = []
            continue
        for pa, pb, pk in pending:
            ctx = text[max(0, pa - 6): end]
            events.append(Event(pk, clause, first=bool(FIRST_RE.search(ctx)) and pk == "L",
                                last=bool(LAST_RE.search(text[:end])) and pk == "L"))
        pending = []
    if defer_spans and not any(e.kind == "L" for e in events):
        events.append(Event("D", clause))
    elif defer_spans:
        events.insert(0, Event("D", clause)) if actors and actors[0][2] == "M" else events.append(Event("D", clause))
    return events


def _order_list_violation(clauses: list[Clause], people: People) -> Optional[tuple[Clause, str]]:
    for c in clauses:
        m = ORDER_RE.search(c.text)
        if not m:
            continue
        items = [x for x in re.split(r"[、，,→\->＞>]+", m.group("list")) if x.strip()]
        if len(items) < 2:
            continue
        is_leader = [bool(_leader_spans(x, people)) and not MEMBER_RE.search(x) for x in items]
        if is_leader[0] and not is_leader[-1]:
            return c, items[0].strip()
    return None


def _utterances(doc: Document) -> list[tuple[str, Passage]]:
    """Verbatim minutes ("王建国：……" / "徐卫东：……", or a speaking-order table's rows): (speaker, passage)
    per turn, or [] when the minutes are not written as speeches. An item heading is returned with speaker ""."""
    turns: list[tuple[str, Passage]] = []
    for p in doc.passages:
        text = p.text.strip()
        m = SPEAKER_RE.match(text) or QA_SPEAKER_RE.match(text) or TABLE_SPEAKER_RE.search(text)
        if m and not _NOT_SPEAKER.search(m.group("name")):
            turns.append((m.group("name"), p))
        elif ITEM_RE.match(text) or text.startswith("议题"):
            turns.append(("", p))
    speakers = {s for s, _ in turns if s}
    return turns if len(speakers) >= 3 and sum(1 for s, _ in turns if s) >= 4 else []


def _speech_violation(turns: list[tuple[str, Passage]], people: People) -> tuple[Optional[tuple[Passage, Passage]], bool]:
    """Per item, the principal's first view before the members' turns, and the last word not his: a breach.
    His own closing turn after the others ("其他同志都发表了意见，我最后表个态") is 末位表态 kept; an opening
    that only invites the others ("请各位先谈，我最后讲") is procedure, not a view. Returns (breach, judged):
    judged is False when no item has turns of both the principal and the members."""
    items: list[list[tuple[str, Passage]]] = [[]]
    for speaker, p in turns:
        if not speaker:
            items.append([])
        else:
            items[-1].append((speaker, p))
    judged = False
    for item in items:
        lead = [i for i, (s, _) in enumerate(item) if s in people.leader_names]
        members = [i for i, (s, p) in enumerate(item) if s not in people.leader_names and VIEW_RE.search(p.text)]
        if not lead or not members:
            continue
        judged = True
        first = item[lead[0]][1]
        opener = INVITE_RE.search(first.text) or LAST_RE.search(first.text)
        if lead[0] < members[0] and not opener and (lead[-1] < members[-1] or FIRST_RE.search(first.text)):
            return (first, item[members[0]][1]), True
    return None, judged


def _closing_turns(turns: list[tuple[str, Passage]], people: People) -> list[Passage]:
    """The first member's turn and the principal's closing turn of the first item where the members all
    spoke before him; [] when there is none."""
    items: list[list[tuple[str, Passage]]] = [[]]
    for speaker, p in turns:
        if speaker:
            items[-1].append((speaker, p))
        else:
            items.append([])
    for item in items:
        lead = [i for i, (s, _) in enumerate(item) if s in people.leader_names]
        members = [i for i, (s, _) in enumerate(item) if s not in people.leader_names]
        if lead and members and lead[-1] > members[-1]:
            return [item[members[0]][1], item[lead[-1]][1]]
    return []


def leader_spoke_last(doc: Document) -> list[Passage]:
    """In a decision meeting's minutes written as speeches (or a speaking-order table), the first member's
    turn and the principal's closing turn after the members: 末位表态 carried out, however the minutes word
    it. [] when not shown; breaches are the leader-speaks-first flag's business."""
    if not _is_decision_meeting(doc):
        return []
    people = _people(doc.text)
    turns = _utterances(doc)
    if not people.leader_names:
        return []
    if turns:
        breach, judged = _speech_violation(turns, people)
        if judged:
            return _closing_turns(turns, people) if breach is None else []
    # prose, or turns in which the principal's own word is embedded ("…有问题直接找我。韩立新书记最后讲：…")
    return _stated_closing(doc, people)


# a turn quoted inside a cell or running on after a scan's line break ("发言意见: 陈家荣：…", "…（约4.6万元）罗正勇：…")
_INLINE_TURN_RE = re.compile(r"(?:^|(?<=[\s；;。）)]))(?P<name>[\u4e00-\u9fa5]{2,3})[:：](?=\s*\S)")


def _member_turn(text: str, people: People) -> bool:
    """A member's turn quoted inside a table cell or a paragraph ("发言意见: 陈家荣：…")."""
    return any(m.group("name") not in people.leader_names and not _NOT_SPEAKER.search(m.group("name"))
               for m in _INLINE_TURN_RE.finditer(text))


def _stated_closing(doc: Document, people: People) -> list[Passage]:
    """Prose minutes: the members' views, then the principal's last word in the same item ("张铁军、王秀丽和各部门
    负责人依次发言同意。刘晓光最后表态：同意…"), with no breach anywhere in the minutes."""
    if _leader_first(doc) is not None:
        return []
    member: Optional[Clause] = None
    for c in _clauses(doc):
        if c.item_start:
            member = None
        if member is None and (ROUND_RE.search(c.text) or _member_turn(c.text, people)) \
                and not _leader_spans(c.text, people):
            member = c          # "张铁军、王秀丽和各部门负责人依次发言同意", "陈家荣：初加工中心改造要走公开招标"
        for ev in _events(c, people):
            if ev.kind == "M" and member is None:
                member = c
            elif ev.kind == "L" and ev.last and member is not None:
                return [member.passage] if member.passage is c.passage else [member.passage, c.passage]
    return []


def _is_minutes(doc: Document) -> bool:
    return (doc.doc_type in ("minutes", "collective_decision") or bool(MINUTES_WORDS_RE.search(doc.text))
            or (doc.doc_type == "photo" and _minutes_photo(doc)))


# minutes that name no meeting (a scanned page without its heading) but record who sat, an agenda item and what was
# decided on it ("出席：… 议题：… 议定：…"): a collective decision all the same
_AGENDA_RE = re.compile(r"(?:^|\n)\s*议题[一二三四五六七八九十\d]*\s*[:：]")
_DECIDED_RE = re.compile(r"(?:^|\n)\s*(?:会议)?(?:议定|决议|决定|研究决定|表决结果)(?:事项)?\s*[:：]")
_SEATED_RE = re.compile(r"(?:出席|参加|参会|到会|与会|列席)(?:人员|同志|委员|成员)?\s*[:：]")


def _decides_agenda(text: str) -> bool:
    return all(r.search(text) for r in (_AGENDA_RE, _DECIDED_RE, _SEATED_RE))


def _is_decision_meeting(doc: Document) -> bool:
    if _skipped(doc) or doc.doc_type == "report":
        return False
    text = doc.text
    if not _is_minutes(doc):
        return False
    unquoted = re.sub(r"[“”\"'‘’「」]", "", text)      # 村“两委”联席会议
    return (bool(DECISION_MEETING_RE.search(unquoted)) or doc.doc_type == "collective_decision"
            or _decides_agenda(text))


def _leader_first(doc: Document) -> Optional[Flag]:
    text = doc.text
    people = _people(text)
    turns = _utterances(doc)
    hit, judged = _speech_violation(turns, people) if turns and people.leader_names else (None, False)
    if judged and hit is None:
        return None
    dictated = _dictated_opening(_inline_turns(doc), people)
    if dictated is not None:
        return _dictated_flag(doc, *dictated, people)
    if hit is not None:
        lead, member = hit
        who = people.label or "主要负责人"
        return make_flag(doc, "leader-speaks-first",
                         f"会议纪要显示主要负责人（{who}）先于其他班子成员发表意见：“{trim(lead.text, 90)}”，"
                         f"其后其他成员：“{trim(member.text, 60)}”，且最后未由其本人表态。"
                         f"不符合“一把手”末位表态要求，请核对会议记录原件中的发言顺序。", passage=lead)
    clauses = _clauses(doc)
    hit = _order_list_violation(clauses, people)
    if hit:
        c, who = hit
        return make_flag(doc, "leader-speaks-first",
                         f"会议发言顺序中主要负责人（{who}）排在首位：“{trim(c.text, 80)}”。"
                         f"不符合“一把手”末位表态要求，请核对会议记录原件。", passage=c.passage)
    pending: Optional[Event] = None
    last_seen = False
    prev = ""
    for c in clauses:
        if c.item_start:
            pending, last_seen = None, False
        # the subject may sit in the clause before ("杨文清书记首先说明了议题背景，在其他委员发言后最后表明意见")
        joined, prev = (prev if prev.endswith(("，", ",")) else "") + c.text, c.text
        if _states_leader_last(joined, people):
            pending, last_seen = None, True
            continue
        for ev in _events(c, people):
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


# the opener settles the matter or closes the question ("就这么定了", "不用再换了", "不用再搞比选了")
_DECIDES_RE = re.compile(r"就这么定|就这样定|定了|拍板|就按[^，。；]{0,10}(办|定)|就这么办|就这样办|"
                         r"(?:不用|不必|无需|无须|用不着)再|不再另行|"
                         # naming who gets the work ("就交给县城鑫鼎建筑", "就定某某围栏队"): the choice made
                         r"就(?:交给|让|定|用|请)[^，。；]{1,12}(?:干|做|施工|承包|来|建筑|公司|厂|店|家|队|社|站|中心|商行)|"
                         r"就(?:定|选定?)(?!期|时|点|调)[^，。；]{2,14}|"
                         # … or the way it is done ("就用邀请招标", "就采用单一来源")
                         r"就(?:用|采用)(?!于)[^，。；]{2,14}")
# the opener's own view first ("我先表个态", "我先讲个意见"), not a chair's "首先介绍一下情况"
_OWN_VIEW_FIRST_RE = re.compile(r"我先|先表个?态|先定个?调|先说我的意见")
_ASSENT_RE = re.compile(r"^\s*[\u4e00-\u9fa5]{2,8}\s*[:：]\s*(同意|赞同|赞成|没意见|没有意见|无意见|无异议|没有异议|附议)"
                        r"[^，。；]{0,4}"
                        # … and at most a word to get on with it ("同意，抓紧签合同。"), not a view of its own
                        r"(?:[，,](?![^。]*(?:但|不过|建议|还是|应当|应该|要求|招标|比选|比价|询价|程序))[^，。；]{1,10})?"
                        r"[。]?\s*$")


def _speaker(name: str) -> bool:
    return not (_NOT_SPEAKER.search(name) or "参加" in name)


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


def _inline_turns(doc: Document) -> list[tuple[str, Passage]]:
    """Turns read across line breaks ("…议题：4台观光车大修罗正勇：我先说，…" / "…不用再比价了。袁小平：同意。"): a
    handwritten scan's lines do not start where the speakers do. A turn cut mid-sentence by a line break ("车就买昆明" /
    "滇驰那家的，…不用再搞比选了。") goes on with the next line's unlabelled text; a label ("决定：") ends it."""
    out: list[tuple[str, Passage]] = []
    open_turn = False
    attendees = "".join(m.group("names") for m in _ATTEND_RE.finditer(doc.text))
    for p in ordered_passages(doc):
        marks = _turn_marks(p.text, attendees)
        head = p.text[:marks[0][0]] if marks else p.text
        if open_turn and head.strip() and not ITEM_RE.match(head):
            name, q = out[-1]
            out[-1] = (name, Passage(q.file, q.page, q.text + head.strip(), q.source, q.bbox, q.confidence, q.sheet,
                                     q.index))
        open_turn = open_turn and not marks and not ITEM_RE.match(head)
        for i, (start, name) in enumerate(marks):
            if not _speaker(name):
                open_turn = False
                continue
            end = marks[i + 1][0] if i + 1 < len(marks) else len(p.text)
            text = p.text[start:end]
            out.append((name, Passage(p.file, p.page, text, p.source, p.bbox, p.confidence, p.sheet,
                                                 p.index)))
            open_turn = i + 1 == len(marks)
        if out and open_turn and re.search(r"[。！？!?]\s*$", out[-1][1].text):
            open_turn = False
    return out


def _dictated_opening(turns: list[tuple[str, Passage]], people: People) -> Optional[tuple[str, Passage, Passage]]:
    """The first speaker opens by settling the matter ("我先说，这个事就这么定了") and every other turn only assents
    ("袁小平：同意。"): he spoke first and the others fell in behind. With no titles named, whoever he is; when the
    principal is named, or the members call him by his title ("同意苏局意见"), only he (his "我先表个态" is his view,
    settling words or not)."""
    spoken = [(s, p) for s, p in turns if s]
    if len(spoken) < 3:
        return None
    (first, opening), rest = spoken[0], spoken[1:]
    if people.leader_names and first not in people.leader_names:
        return None
    principal = bool(people.leader_names) or _called_principal(first, rest)
    if not (FIRST_RE.search(opening.text) and (_DECIDES_RE.search(opening.text)
                                               or (principal and _OWN_VIEW_FIRST_RE.search(opening.text)))):
        return None
    if any(s == first for s, _ in rest) or not all(_ASSENT_RE.match(p.text) for _, p in rest):
        return None
    return first, opening, rest[0][1]


# a principal called by surname and a short title after 同意 ("苏局", "李总", "王书记"), as members address him
_CALLED = (r"(?:局长?|书记|总|董|院长?|校长?|主任|镇长|乡长|县长|区长|村长|所长|站长|行长|厂长|会长|理事长)"
           r"(?:的)?(?:意见|提议|意思|说的|讲的)")


def _called_principal(name: str, turns: list[tuple[str, Passage]]) -> bool:
    """A member agrees with the speaker by his surname and a principal's short title ("同意苏局意见" after 苏建明's
    turn): with no titles in the heading, that is who the principal is."""
    called = re.compile(rf"(?:同意|赞同|赞成|支持|按){re.escape(name[0])}{_CALLED}")
    return len(name) <= 3 and any(called.search(p.text) for _, p in turns)


def _dictated_flag(doc: Document, who: str, opening: Passage, after: Passage, people: People) -> Flag:
    who = people.label if who in people.leader_names and people.label else who
    return make_flag(doc, "leader-speaks-first",
                     f"会议纪要显示首位发言人（{who}）开场即定调：“{trim(opening.text, 90)}”，其后其他成员仅表示同意："
                     f"“{trim(after.text, 40)}”。不符合“一把手”末位表态要求，请核对会议记录原件中的发言顺序及主持人身份。",
                     passage=opening)


def _states_leader_last(text: str, people: People) -> bool:
    """"杨文清书记首先说明了议题背景，在其他委员发言后最后表明意见": the principal gives his view after the
    others (his "首先" only opened the item)."""
    lead = _leader_spans(text, people)
    m = STATED_LAST_RE.search(text)
    if not lead or not m or m.start() < lead[0][0]:
        return False
    return not any(not _PROC_AFTER_FIRST.match(text, f.end()) for f in FIRST_RE.finditer(text, 0, m.start()))


_NOT_NAME_CHARS = "同意按照遵从附赞成支持由请向对和与及的是在为将把被让经"


def _alias(text: str, people: People) -> str:
    spans = _leader_spans(text, people)
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
        if _skipped(doc):
            continue
        if not _is_minutes(doc):
            continue
        if _is_decision_meeting(doc):
            f = _leader_first(doc)
            if f:
                flags.append(f)
        q = quorum.check_doc(doc, th, stated)
        if q:
            flags.append(q)
    return flags
