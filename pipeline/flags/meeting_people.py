"""Who is who in a meeting's minutes: the principal (一把手 — by his title, as the chair, or as the one of two
principals whose kind of meeting it is) and the members, and where a clause names the principal."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.flags.minutes import PARTY_COMMITTEE_RE
from pipeline.flags.minutes_words import FIRST_RE, LAST_RE, NOT_SPEAKER_RE, PROC_RE, TITLE_RE, VIEW_RE

_BAD_BEFORE = ("副", "纪委", "纪检", "纪工委", "团委", "团支部", "工会", "妇联", "办公室", "室", "科", "股", "处",
               "队", "监事", "执行",
               # a department head (总务主任, 教导主任, 护理部主任) is a member of the meeting
               "总务", "教导", "教务", "政教", "德育", "后勤", "医务", "护理", "财务", "保卫", "年级", "部")
_BAD_AFTER = ("办公会", "会议", "助理", "办公室")
# a scan runs the next label on after the name ("主持：周建设记录：胡敏"): that label ends the name
# … the chair's title may come first ("主持：党委书记 谭永平"), or the titles he holds ("主持：党委书记、董事长 杨树林")
_TITLES = rf"(?:{TITLE_RE.pattern})(?:[、/和兼](?:{TITLE_RE.pattern}))*"
_NEXT_LABEL = r"(?:记录|出席|列席|参加|参会|缺席|请假|地点|时间)(?:人|人员)?[:：]"
CHAIR_RE = re.compile(rf"主持(?:人)?[:：]\s*(?:(?P<pretitle>{_TITLES})\s*"
                      rf"(?=[\u4e00-\u9fa5]{{2,4}}?(?:[\s，,；;。（(]|$|{_NEXT_LABEL})))?"
                      r"(?P<name>[\u4e00-\u9fa5]{2,4}?)(?:同志)?(?:[（(](?P<title>[^）)]{1,30})[）)]|[\s，,；;。]|$"
                      rf"|(?={_NEXT_LABEL}))")
TITLE_NAME_RE = re.compile(rf"(?:{TITLE_RE.pattern})(?P<name>[\u4e00-\u9fa5]{{2,3}}?)"
                           r"(?=在|于|主持|召集|同志|首先|先|[，,、：:（(\s])")
PAIR_RE = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,3})[（(](?P<title>[^）)]{1,30})[）)]")
# words that are no name ("主持人", "记录", "会议", the "人选" of "客运站站长人选"); a character set would also reject
# 黄志坚 (志 of 同志)
_NAME_STOP = re.compile(r"主持|记录|出席|列席|缺席|时间|地点|会议|议题|同志|人员|^人|候选")


def _valid_title(text: str, m: re.Match) -> bool:
    before = text[max(0, m.start() - 3): m.start()]
    after = text[m.end(): m.end() + 3]
    if any(before.endswith(b) for b in _BAD_BEFORE) or "副" in before[-2:]:
        return False
    return not any(after.startswith(a) for a in _BAD_AFTER)


def _is_principal_title(title: str) -> bool:
    return any(_valid_title(title, m) for m in TITLE_RE.finditer(title))


@dataclass
class People:
    leader_names: set[str]
    member_names: set[str]
    label: str
    # the principal's own titles, when the minutes give them ("党委书记"): another principal title is someone else's
    titles: frozenset[str] = frozenset()
    # others called by a surname and a principal title ("汪主任（总务）：…" under a chair 方立新)
    others: frozenset[str] = frozenset()
    # the 列席 lines ("列席：县纪委监委派驻纪检监察组龙金花；计财股韦国安"): who is named there attends without a vote
    sitting_in: str = ""


# Which of two principals chairs: a party committee's meeting is the 书记's, an administrative one the head's
# (a village's 两委会 is the 支书's: the 村主任 is a member there)
# ("马文军（书记）、张海鹏（院长）" in a 院党委会: the 院长 is a member there)
PARTY_MEETING_RE = re.compile(r"两委会|两委联席会|支两委|村两委会议|党委会|党委（扩大）会|党委扩大会|党委会议|党组会|党组会议|"
                              r"支委会|支部委员会|党总支委员会|党工委会|党工委会议|"
                              r"党(?:总支|支部)(?:（扩大）|\(扩大\)|扩大)?会|"
                              # a company's 党委 studies major matters before its board (前置研究讨论): its meeting
                              r"前置研究|"
                              + PARTY_COMMITTEE_RE.pattern)
ADMIN_MEETING_RE = re.compile(r"院长办公会|校长办公会|局务会|局长办公会|主任办公会|总经理办公会|经理办公会|行政办公会|行政会|院务会|"
                              r"校务会|会长办公会|董事会")


def _chairing(text: str, titled: dict[str, str]) -> set[str]:
    """Of several principals named with their titles, those who chair this kind of meeting (judged from its
    heading); all of them when the heading does not say or no title fits."""
    head = text[:160]
    party, admin = PARTY_MEETING_RE.search(head), ADMIN_MEETING_RE.search(head)
    if bool(party) == bool(admin) or len(set(titled.values())) < 2:
        return set(titled)
    chosen = {n for n, t in titled.items() if ("书记" in t or "支书" in t) == bool(party)}
    return chosen or set(titled)


_SITTING_IN_RE = re.compile(r"列席(?:人员)?[:：]([^\n。]*)")


def read_people(text: str) -> People:
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
        if _valid_title(text, m) and not NOT_SPEAKER_RE.search(m.group("name")) and not _NAME_STOP.search(m.group("name")):
            titled.setdefault(m.group("name"), text[m.start():m.start("name")])
    # those who sit in (列席: "财政所所长符小军") attend without a vote; none of them chairs the meeting
    sitting_in = _SITTING_IN_RE.findall(text)
    for n in {n for n in titled if any(n in seg for seg in sitting_in)}:
        del titled[n]
        members.add(n)
    cm = CHAIR_RE.search(text)
    chair_title = (cm.group("title") or cm.group("pretitle") or "") if cm else ""
    if cm and cm.group("pretitle") and not _NAME_STOP.search(cm.group("name")):
        titled.setdefault(cm.group("name"), cm.group("pretitle"))
    chairs = _chairing(text, titled)
    members |= set(titled) - chairs
    leaders |= chairs
    label = next((f"{titled[n]}{n}" for n in titled if n in chairs), "")
    if cm and not _NAME_STOP.search(cm.group("name")):
        if not chair_title or _is_principal_title(chair_title):
            leaders.add(cm.group("name"))
            label = label or (f"{chair_title}{cm.group('name')}" if chair_title else f"主持人{cm.group('name')}")
        else:
            members.add(cm.group("name"))
    leaders -= set(titled) - chairs
    if not leaders:
        leaders = _titled_speaker(text)
        label = next(iter(leaders), "")
    members -= leaders
    titles = {t for n in leaders for t in TITLE_RE.findall(titled.get(n, ""))}
    if cm and cm.group("name") in leaders:
        titles |= set(TITLE_RE.findall(chair_title))
    titles |= {TITLE_RE.search(n).group(0) for n in leaders if TITLE_RE.search(n)}
    return People(leaders, members, label, frozenset(titles - _GENERIC), _others(text, leaders),
                  "；".join(sitting_in))


_GENERIC = {"主要负责人", "一把手"}
# a turn's label: a surname and a principal title, perhaps with the office in brackets ("汪主任（总务）：", "叶主任：")
_TITLED_LABEL_RE = re.compile(rf"^\s*(?P<label>[\u4e00-\u9fa5](?P<title>{TITLE_RE.pattern}))"
                              r"(?P<office>[（(][^（()）]{1,8}[）)])?\s*[:：]", re.M)
# whose meeting it is by its name: the 主任办公会 is the 主任's, a party committee's the 书记's
_KIND_TITLE = (("书记", PARTY_MEETING_RE), ("院长", re.compile("院长办公会|院务会")),
               ("校长", re.compile("校长办公会|校务会")), ("局长", re.compile("局长办公会|局务会")),
               ("主任", re.compile("主任办公会")), ("会长", re.compile("会长办公会")),
               ("总经理", re.compile("总经理办公会")), ("董事长", re.compile("董事会")))


def _titled_speaker(text: str) -> set[str]:
    """With no principal named in the heading, the speaker called by the title whose meeting it is ("叶主任：这个事我
    先讲…" in a 主任办公会): one label only, not qualified by an office ("汪主任（总务）")."""
    head = text[:160]
    want = next((t for t, rx in _KIND_TITLE if rx.search(head)), None)
    labels = {m.group("label") for m in _TITLED_LABEL_RE.finditer(text)
              if m.group("title") == want and not m.group("office") and not NOT_SPEAKER_RE.search(m.group("label"))}
    return labels if len(labels) == 1 else set()


def _others(text: str, leaders: set[str]) -> frozenset[str]:
    """Labels of a surname and a principal title ("汪主任") whose surname is not the principal's, or that name an
    office ("汪主任（总务）"): "同意汪主任意见" agrees with that person, not with the principal."""
    if not leaders:
        return frozenset()
    surnames = {n[0] for n in leaders}
    return frozenset(m.group("label") for m in _TITLED_LABEL_RE.finditer(text)
                     if m.group("label") not in leaders and (m.group("label")[0] not in surnames or m.group("office")))


_NAME_AFTER_TITLE = re.compile(r"[\u4e00-\u9fa5]{2,3}?(?=同意|认为|建议|表示|提出|指出|说|[：:，,、（(\s])")


# a title in brackets after a name ("胡建国（镇长）：…"): it is that person's
_NAME_BEFORE_BRACKET = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,3})[（(][^（()）]{0,10}$")


def leader_spans(text: str, people: People) -> list[tuple[int, int]]:
    """Where the principal is named. Once the minutes name him ("党委书记杨文清"), another principal title held by
    someone else ("院长张明辉", "张明辉院长" or "张明辉（院长）" in a 党委会) is a member."""
    spans = []
    for m in TITLE_RE.finditer(text):
        if not _valid_title(text, m):
            continue
        holder = _NAME_BEFORE_BRACKET.search(text, 0, m.start())
        if holder and holder.group("name") in people.member_names:
            continue
        if any(text.endswith(n, 0, m.start()) for n in people.member_names):
            continue        # "那春明院长：…" in a 党总支会 its 书记 chairs: the 院长 is a member there
        if text[max(0, m.start() - 1):m.end()] in people.others:
            continue        # "同意汪主任意见" where 汪主任 is the 总务主任
        if people.titles and m.group(0) not in _GENERIC \
                and not any(m.group(0) in t or t in m.group(0) for t in people.titles):
            continue        # "同意院长意见" in a 党委会 its 党委书记 chairs
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
