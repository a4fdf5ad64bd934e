"""quorum: minutes whose stated attendance (应到/实到, 缺席, 全体…共N人) is below the required share.

The text is normalised first (full-width digits, OCR blanks between characters), so '应 到 ９ 人' reads as
'应到9人'. Label words live in ``checklists/thresholds.yaml`` (``cues.attendance``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from classifiers.text_utils import normalize
from pipeline.flags.common import cn_to_int, make_flag, trim, unrolled
from pipeline.flags.cues import alternation, cues
from pipeline.flags.thresholds import QuorumRule, Thresholds
from pipeline.models import Document, Flag, Passage

_CN = "零〇一二两三四五六七八九十百"
# a head-count: digits (unit optional unless a date/amount follows) or Chinese numerals (unit required)
_COUNT = (rf"(?:(?P<d>\d{{1,4}})\s*(?:人|名|位)?(?![\d.年月日天周号%元万岁次期届时点分项条个户亩米])"
          rf"|(?P<c>[{_CN}]{{1,4}})(?:人|名|位))")
_FILL = r"[^\d,，;；。:：\n]{0,14}?"      # who is counted: '会长、副会长', '村民代表', '人数'
_SEP = r"[:：为是共有]{0,3}"


@dataclass(frozen=True)
class Attendance:
    expected: int
    present: int
    evidence: str


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = cues()["attendance"]
    exp, act, absent = alternation(c["expected"]), alternation(c["present"]), alternation(c["absent"])
    total = alternation(c["total_members"])
    return {
        # '应到/实到：7人/6人'
        "slash": re.compile(rf"(?:{exp})\s*[/／]\s*(?:{act})\s*[:：]?\s*(?P<e>\d{{1,4}})\s*(?:人|名)?\s*[/／]\s*(?P<a>\d{{1,4}})"),
        # '理事21人，出席9人'
        "pair": re.compile(rf"(?:{total})\s*(?P<e>\d{{1,4}})\s*(?:人|名|家)\s*[，,、]\s*(?:{act})\s*(?P<a>\d{{1,4}})\s*(?:人|名|家)"),
        "exp": re.compile(rf"(?:{exp}){_FILL}{_SEP}{_FILL}{_COUNT}"),
        "act": re.compile(rf"(?:{act}){_FILL}{_SEP}{_FILL}{_COUNT}"),   # '到会：村民代表十九名'
        "act_after": re.compile(rf"{_COUNT}(?:{act}|参加会议|参加)"),
        # '出席人员：张三、李四……共4人' (a list of names may run long: fifteen names are some sixty characters)
        "act_list": re.compile(rf"(?:{act})[^\d。;；\n]{{0,200}}?(?:共|计|合计)[有为:：]?{_COUNT}"),
        "abs": re.compile(rf"(?:{absent}){_FILL}{_SEP}{_COUNT}"),
        # '请假：赵国庆、钱文斌……褚明共9人'
        "abs_list": re.compile(rf"(?:{absent})[^\d。;；\n]{{0,60}}?(?:共|计|合计)[有为:：]?{_COUNT}"),
        "abs_after": re.compile(rf"{_COUNT}[^\d,，;；。\n]{{0,10}}?(?:{absent})"),
        # a village's or urban community's representative meeting (村/居民代表会议, 四议两公开)
        "village": re.compile(alternation(c["representatives"])),
        # '全体委员共9人', '本会共有理事27名'
        "total": re.compile(rf"(?:(?:全体|{total})[^\d,，;；。:：\n]{{0,10}}?(?:共|总数|总计|合计)[有计为:：]?|共有(?={total}))"
                            rf"(?:{total})?{_COUNT}"),
        # '出席：李红军、王建新、熊丽、宋艳；缺席：朱国平（长沙学习）、覃小梅（外出营销）' — lists of names, no counts
        "act_names": re.compile(rf"(?<![未缺不没])(?:{act})(?:人员|同志|成员)?\s*:\s*(?P<names>[^;。\n]+)"),
        "abs_names": re.compile(rf"(?:{absent})(?:人员|同志|成员)?\s*:\s*(?P<names>[^;。\n]+)"),
        "body": re.compile(alternation(c["bodies"])),
        "personnel": re.compile(alternation(c["personnel"])),
    }


# the minutes quote their own rule: "理事会须有三分之二以上理事出席方能召开"
STATED_TWO_THIRDS_RE = re.compile(r"(?:三分之二|2/3)以上[^。；;\n]{0,8}(?:出席|到会|参加|参会)[^。；;\n]{0,6}(?:方能|方可|才能)"
                                  r"|(?:出席|到会|参会)[^。；;\n]{0,6}(?:不得少于|须达到|应达到|须超过)[^。；;\n]{0,6}(?:三分之二|2/3)"
                                  r"|(?:须|应|需)有?(?:三分之二|2/3)以上[^。；;\n]{0,8}(?:出席|到会|参会)")
# … or their rule is a majority ("经清点人数超过半数，会议有效"): the model charter's two thirds yields to it
STATED_MAJORITY_RE = re.compile(r"(?:(?<![未不没])超过|(?<![未不没超])过)半数[^。；;\n]{0,8}(?:会议有效|有效|方能|方可|才能|符合)"
                                r"|半数以上[^。；;\n]{0,8}(?:出席|到会|参会)[^。；;\n]{0,6}(?:方能|方可|才能|有效)")
_ZH_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def stated_rules(docs: list[Document]) -> dict[str, str]:
    """Bodies whose two-thirds rule the unit's own papers state ("第二十三条 理事会须有三分之二以上理事出席方能
    召开" in a 章程, a wall panel's 议事规则) → the file that states it. The body is the one named before the rule
    in its sentence; a rule naming no body is left to the minutes that quote it. Rules papers are cited first."""
    body_re = _patterns()["body"]
    out: dict[str, str] = {}
    for doc in sorted(docs, key=lambda d: d.doc_kind != "rule" and d.doc_type != "rules"):
        if doc.status != "ok":
            continue
        text = normalize(doc.text)
        for m in STATED_TWO_THIRDS_RE.finditer(text):
            start = max(text.rfind(ch, 0, m.start()) for ch in "。；;\n") + 1
            bodies = body_re.findall(text, start, m.start())
            if bodies:
                out.setdefault(bodies[-1], doc.file)
    return out


def _titled_body(doc: Document) -> Optional[str]:
    title = next((ln for ln in normalize(doc.text).splitlines() if ln.strip()), "")
    m = _patterns()["body"].search(title)
    return m.group(0) if m else None


def _counted_body(evidence: str) -> Optional[str]:
    """The body whose members the attendance counts ("应到理事21人，实到理事11人" → 理事会): minutes whose heading
    is lost or names no body are still that body's."""
    members = cues()["attendance"]["member_bodies"]
    return next((members[w] for w in sorted(members, key=len, reverse=True) if w in evidence), None)


def _value(m: re.Match) -> Optional[int]:
    return int(m.group("d")) if m.group("d") else cn_to_int(m.group("c"))


def _find(text: str, start: int, end: int, *names: str) -> Optional[re.Match]:
    pats = _patterns()
    hits = [m for n in names for m in [pats[n].search(text, start, end)] if m]
    return min(hits, key=lambda m: m.start()) if hits else None


def attendance(raw: str) -> Optional[Attendance]:
    """Expected and present head-counts stated in ``raw``, or None."""
    text = normalize(raw or "")
    pats = _patterns()
    slash = pats["slash"].search(text)
    if slash:
        return Attendance(int(slash.group("e")), int(slash.group("a")), slash.group(0))
    for m in pats["exp"].finditer(text):
        exp = _value(m)
        if not exp:
            continue
        a = _find(text, m.end(), m.end() + 80, "act", "act_after", "act_list") \
            or _find(text, m.end(), m.end() + 250, "act_list")
        if a and _value(a) is not None:
            return Attendance(exp, _value(a), text[m.start(): a.end()])
        b = _find(text, m.end(), m.end() + 60, "abs", "abs_after") or _find(text, m.end(), m.end() + 200, "abs_list")
        if b and _value(b) is not None:
            return Attendance(exp, exp - _value(b), text[m.start(): b.end()])
        a = _find(text, max(0, m.start() - 40), m.start(), "act")   # '实到4人（应到9人）'
        if a and _value(a) is not None:
            return Attendance(exp, _value(a), text[a.start(): m.end()])
    for t in pats["total"].finditer(text):
        exp = _value(t)
        lo, hi = max(0, t.start() - 60), t.end() + 60
        a = _find(text, lo, hi, "act_after", "act") or _find(text, t.end(), t.end() + 250, "act_list")
        if exp and a and a.start() != t.start() and _value(a) is not None and _value(a) != exp:
            return Attendance(exp, _value(a), text[min(a.start(), t.start()): max(a.end(), t.end())])
        b = _find(text, lo, hi, "abs", "abs_after")
        if exp and b and _value(b) is not None:
            return Attendance(exp, exp - _value(b), text[min(b.start(), t.start()): max(b.end(), t.end())])
    pair = pats["pair"].search(text)
    if pair:
        return Attendance(int(pair.group("e")), int(pair.group("a")), pair.group(0))
    return named_attendance(text)


_NOTE_RE = re.compile(r"\([^()]*\)")
# a person's name: two to four characters (a minority name may carry a middle dot), not a group ("全体委员")
_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,4}[·•][\u4e00-\u9fff]{1,6}")
_GROUP_RE = re.compile(r"全体|委员|成员|代表|人员|同志|领导|干部|党员|等|无|其他|其余|各")
# a name with the post before it ("副总经理胡立军", "工程部经理兼班子成员俞新民"): the name is what follows the post
_POST_BEFORE_NAME_RE = re.compile(r"^[\u4e00-\u9fff]*?(?:经理|总监|书记|主任|主席|会长|委员|成员|董事|监事|会计|"
                                  r"[局院校所站科处股部厂馆社行组队]长)(?P<name>[\u4e00-\u9fff]{2,3})$")


def _bare_name(item: str) -> str:
    m = _POST_BEFORE_NAME_RE.match(item)
    return m.group("name") if m and len(item) > 4 else item


def _name_count(names: str) -> Optional[int]:
    """How many people a list of names counts ("朱国平（长沙学习）、覃小梅"), or None if it is not all names."""
    items = [_bare_name(x.strip()) for x in re.split(r"[、,，]", _NOTE_RE.sub("", names))]
    if not items or not all(_NAME_RE.fullmatch(x) and not _GROUP_RE.search(x) for x in items):
        return None
    return len(items)


def named_attendance(text: str) -> Optional[Attendance]:
    """Minutes that list who attended and who was absent by name, with no head-count: the members are both lists."""
    pats = _patterns()
    act = pats["act_names"].search(text)
    absent = pats["abs_names"].search(text)
    if not act or not absent:
        return None
    present, away = _name_count(act.group("names")), _name_count(absent.group("names"))
    if not present or not away:
        return None
    lo, hi = min(act.start(), absent.start()), max(act.end(), absent.end())
    return Attendance(present + away, present, text[lo:hi])


def _windows(doc: Document) -> list[tuple[Passage, str]]:
    """Each passage alone, then with the next one (a table may put 应到 and 实到 in separate rows)."""
    items = unrolled(doc)
    out = list(items)
    out += [(p, f"{t}；{items[i + 1][1]}") for i, (p, t) in enumerate(items[:-1])]
    return out


def check_doc(doc: Document, th: Thresholds, unit_rules: Optional[dict[str, str]] = None) -> Optional[Flag]:
    """``unit_rules``: :func:`stated_rules` of the unit's documents."""
    text = doc.text
    rules: list[tuple[QuorumRule, str]] = [(th.quorum_default, "议事规则要求到会人数")]
    if _patterns()["personnel"].search(text):
        rules.append((th.quorum_personnel, "讨论干部任免等人事事项"))
    if _patterns()["village"].search(normalize(text)):
        rules.append((th.quorum_village, "村（居）民代表会议（四议两公开）"))
    if STATED_TWO_THIRDS_RE.search(normalize(text)):
        rules.append((QuorumRule(2 / 3, True), "会议纪要所载章程/议事规则规定"))
    titled = _titled_body(doc)
    own_majority = bool(STATED_MAJORITY_RE.search(normalize(text)))
    for p, window in _windows(doc):
        found = attendance(window)
        if not found:
            continue
        exp, act = found.expected, found.present
        if exp <= 0 or act < 0 or act > exp:
            continue
        body = titled or _counted_body(found.evidence)
        stated = [(QuorumRule(2 / 3, True), f"本单位材料“{unit_rules[body]}”规定{body}")] \
            if body and body in (unit_rules or {}) else []
        if not stated and body in cues()["attendance"]["association_bodies"] and not own_majority:
            stated = [(th.quorum_association, f"社会团体章程（示范文本）规定{body}")]
        failed = [(r, why) for r, why in rules + stated if not r.passes(act, exp)]
        if failed:
            r, why = max(failed, key=lambda x: x[0].min_ratio)
            return make_flag(doc, "quorum",
                             f"会议应到 {exp} 人、实到 {act} 人（到会率 {act / exp:.0%}），{why}须{r.label()}到会，"
                             f"会议人数不足，所作决定可能无效。依据：“{trim(found.evidence.translate(_ZH_PUNCT), 80)}”", passage=p)
    return None
