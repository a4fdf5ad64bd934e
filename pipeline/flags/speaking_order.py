"""Who spoke when, in minutes read by ``minutes_turns``: per clause, the principal's and the members' views
(``clause_events``); per agenda item of verbatim turns, the principal's view before the members' (a breach) or his
closing word after them (末位表态 kept); a stated speaking order; an opener who settles the matter before the others
only assent. The leader-speaks-first rule (``meetings``) decides from these."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.flags.meeting_people import People, leader_spans
from pipeline.flags.minutes_turns import Clause
from pipeline.flags.minutes_words import FIRST_RE, LAST_RE, PROC_RE, VIEW_RE
from pipeline.models import Passage

MEMBER_RE = re.compile(
    r"班子其他成员|其他班子成员|班子成员|其他成员|其他委员|其他同志|其他领导|其他董事|与会成员|与会人员|与会同志|与会委员|"
    r"参会人员|参会成员|参会同志|参会委员|各委员|委员们|董事们|各位委员|两委成员|支委成员|党组成员|党委委员|"
    r"副[\u4e00-\u9fa5]{0,2}(?:局长|书记|主任|院长|校长|总经理|董事长|会长|县长|区长|乡长|镇长|所长|站长|行长)|"
    r"纪检组长|纪委书记|总会计师|委员|与会")
DEFER_RE = re.compile(r"(?:同意|赞同|赞成|支持|拥护|附议|按照|服从|遵照)[^，。；]{0,10}?(?P<who>{L})[^，。；]{0,8}?"
                      r"(?:的)?(?:意见|提议|表态|观点|决定|看法|建议|方案|定调)")
INVITE_RE = re.compile(r"请(?:各位|大家|同志们|其他同志)|(?:各位|大家)先(?:谈|说|讲|发言)|先听听")
ORDER_RE = re.compile(r"(?:发言顺序|表态顺序|发言依次为|发言先后为|表态依次为|依次发言(?:人)?)[:：为]?\s*(?P<list>[^。；\n]+)")
# "在其他委员发言后最后表明意见": the principal (the clause's subject) spoke last
STATED_LAST_RE = re.compile(r"(?:其他|其余|各位|与会|参会)[^，。；]{0,6}(?:委员|成员|同志|领导|董事|理事)[^，。；]{0,8}"
                            r"(?:发言|表态|发表意见|发表了意见)[^，。；]{0,4}后[^，。；]{0,8}(?:表明|发表|表态|总结|发言|讲话|拍板)")
_PROC_AFTER_FIRST = re.compile(r"[^，。；]{0,2}(?:说明|介绍|通报|汇报|主持|宣读|传达)")


@dataclass
class Event:
    kind: str          # "L" leader view, "M" member view, "D" member defers to leader
    clause: Clause
    first: bool = False
    last: bool = False


def clause_events(clause: Clause, people: People) -> list[Event]:
    text = clause.text
    lead = leader_spans(text, people)
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


def order_list_violation(clauses: list[Clause], people: People) -> Optional[tuple[Clause, str]]:
    for c in clauses:
        m = ORDER_RE.search(c.text)
        if not m:
            continue
        items = [x for x in re.split(r"[、，,→\->＞>]+", m.group("list")) if x.strip()]
        if len(items) < 2:
            continue
        is_leader = [bool(leader_spans(x, people)) and not MEMBER_RE.search(x) for x in items]
        if is_leader[0] and not is_leader[-1]:
            return c, items[0].strip()
    return None


def _agenda_items(turns: list[tuple[str, Passage]]) -> list[list[tuple[str, Passage]]]:
    """The speakers' turns item by item: an item heading (speaker "") starts the next item."""
    items: list[list[tuple[str, Passage]]] = [[]]
    for speaker, p in turns:
        if speaker:
            items[-1].append((speaker, p))
        else:
            items.append([])
    return items


def speech_violation(turns: list[tuple[str, Passage]], people: People) -> tuple[Optional[tuple[Passage, Passage]], bool]:
    """Per item, the principal's first view before the members' turns, and the last word not his: a breach.
    His own closing turn after the others ("其他同志都发表了意见，我最后表个态") is 末位表态 kept; an opening
    that only invites the others ("请各位先谈，我最后讲") is procedure, not a view. Returns (breach, judged):
    judged is False when no item has turns of both the principal and the members."""
    judged = False
    for item in _agenda_items(turns):
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


def closing_turns(turns: list[tuple[str, Passage]], people: People) -> list[Passage]:
    """The first member's turn and the principal's closing turn of the first item where the members all
    spoke before him; [] when there is none."""
    for item in _agenda_items(turns):
        lead = [i for i, (s, _) in enumerate(item) if s in people.leader_names]
        members = [i for i, (s, _) in enumerate(item) if s not in people.leader_names]
        if lead and members and lead[-1] > members[-1]:
            return [item[members[0]][1], item[lead[-1]][1]]
    return []


def states_leader_last(text: str, people: People) -> bool:
    """"杨文清书记首先说明了议题背景，在其他委员发言后最后表明意见": the principal gives his view after the
    others (his "首先" only opened the item)."""
    lead = leader_spans(text, people)
    m = STATED_LAST_RE.search(text)
    if not lead or not m or m.start() < lead[0][0]:
        return False
    return not any(not _PROC_AFTER_FIRST.match(text, f.end()) for f in FIRST_RE.finditer(text, 0, m.start()))


# the opener settles the matter or closes the question ("就这么定了", "不用再换了", "不用再搞比选了")
_DECIDES_RE = re.compile(r"就这么定|就这样定|定了|定下来|拍板|就按[^，。；]{0,10}(办|定)|就这么办|就这样办|"
                         # "就按我跟财务商量的来": his own scheme, as he puts it
                         r"就按[^，。；]{0,12}来(?=[，。；,;]|$)|"
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
                        # … and a word or two to get on with it ("同意，抓紧签合同。", "同意，抓紧，9月要开工。"), not a
                        # view of its own
                        r"(?:[，,](?![^。]*(?:但|不过|建议|还是|应当|应该|要求|招标|比选|比价|询价|程序))[^，。；]{1,10}){0,2}"
                        r"[。]?\s*$")


def dictated_opening(turns: list[tuple[str, Passage]], people: People) -> Optional[tuple[str, Passage, Passage]]:
    """In some agenda item, the first speaker opens by settling the matter ("我先说，这个事就这么定了") and every other
    turn of the item only assents ("袁小平：同意。"): he spoke first and the others fell in behind. With no titles named,
    whoever he is; when the principal is named, or the members call him by his title ("同意苏局意见", "同意书记意见"),
    only he (his "我先表个态" is his view, settling words or not)."""
    for item in _agenda_items(turns):
        hit = _dictated_item(item, people)
        if hit is not None:
            return hit
    return None


def _dictated_item(spoken: list[tuple[str, Passage]], people: People) -> Optional[tuple[str, Passage, Passage]]:
    if len(spoken) < 3:
        return None
    (first, opening), rest = spoken[0], spoken[1:]
    if people.leader_names and first not in people.leader_names:
        return None
    principal = bool(people.leader_names) or _called_principal(first, rest)
    if not (FIRST_RE.search(opening.text) and (_DECIDES_RE.search(opening.text)
                                               or (principal and _OWN_VIEW_FIRST_RE.search(opening.text)))):
        return None
    # those sitting in (列席) have no vote: their remarks neither make nor unmake the members' assent; and his own
    # word again, when the members have only assented, restates what he settled — it is no 末位表态
    members = [(s, p) for s, p in rest if s != first and s not in people.sitting_in]
    if len(members) < 2 or not all(_ASSENT_RE.match(p.text) for _, p in members):
        return None
    return first, opening, members[0][1]


# a principal called by surname and a short title after 同意 ("苏局", "李总", "王书记"), as members address him
_CALLED = (r"(?:局长?|书记|总|董|院长?|校长?|主任|镇长|乡长|县长|区长|村长|所长|站长|行长|厂长|会长|理事长)"
           r"(?:的)?(?:意见|提议|意思|说的|讲的)")
# … or by the full title alone ("同意书记意见", "按局长说的")
_BARE_CALLED = re.compile(r"(?:同意|赞同|赞成|支持|按)(?:书记|局长|院长|校长|主任|镇长|乡长|县长|区长|村长|所长|站长|行长|"
                          r"厂长|会长|理事长|董事长|总经理)(?:的)?(?:意见|提议|意思|说的|讲的)")


def _called_principal(name: str, turns: list[tuple[str, Passage]]) -> bool:
    """A member agrees with the speaker by his surname and a principal's short title ("同意苏局意见" after 苏建明's
    turn), or by the title alone ("同意书记意见" when his is the only view given): with no titles in the heading,
    that is who the principal is."""
    called = re.compile(rf"(?:同意|赞同|赞成|支持|按){re.escape(name[0])}{_CALLED}")
    return len(name) <= 3 and any(called.search(p.text) or _BARE_CALLED.search(p.text) for _, p in turns)
