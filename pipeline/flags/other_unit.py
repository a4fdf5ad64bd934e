"""other-unit: a record that belongs to another unit of the same kind.

Folders sometimes carry a neighbouring village's register or another scenic area's sign-in sheet. Such a
record is not this unit's work. A document counts as another unit's when its heading or sign-off names an
organisation of this unit's kind ("火马冲镇马鞍村群众来访接待登记簿" in 桥头村's folder) and the document never
names this unit. A training run by a superior still counts for the unit: its sign-in sheet names the unit
among the attendees, and the organiser (县纪委, 管理局) is not of the unit's kind. A study visit to another
unit ("赴…村考察学习") is the unit's own record, and so is a form that names another hospital only as an
expert's or signer's organisation ("论证专家：乐都区人民医院检验科张某（签字）", "县人民医院设备科等3名专家论证同意").
Cue words: ``cues.other_unit`` in checklists/thresholds.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.flags.common import make_flag, ordered_passages
from pipeline.flags.cues import alternation, cues
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Passage, Unit

# the numbered/generic middle of many school and hospital names: "崀山镇中心小学", "会同县第二人民医院"
_GENERIC_MIDDLE = re.compile(r"^(中心|第[一二三四五六七八九十\d]+|实验|人民|中医|妇幼|城关|[一二三四五六七八九十\d]+)")


@dataclass(frozen=True)
class OrgName:
    text: str     # as written: "火马冲镇马鞍村"
    key: str      # what tells it apart: "马鞍" ("崀山镇中心" for a numbered/generic name)


class OrgNames:
    """Finds names of organisations of one unit type in text."""

    def __init__(self, suffixes: list[str], spec: dict) -> None:
        markers = alternation(spec["admin_markers"])
        self._re = re.compile(
            rf"([\u4e00-\u9fff]{{0,4}}?)({markers})([\u4e00-\u9fff]{{1,{int(spec['stem_max'])}}}?)"
            rf"({alternation(suffixes)})")
        # a township's own health centre or school: "冯官屯镇卫生院", the place itself is the name
        bare = [b for b in spec.get("bare_suffixes", []) if b.endswith(tuple(suffixes))] or ["(?!)"]
        self._bare = re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)({markers})({alternation(bare)})")
        self._generic = tuple(spec["generic_stems"])
        self._not_markers = tuple(spec["not_markers"])
        self._marker = re.compile(markers)
        self._stop = re.compile(spec["stem_stop"])

    def find(self, text: str) -> list[OrgName]:
        names = []
        for m in self._re.finditer(text):
            split = self._last_marker(m.group(1) + m.group(2) + m.group(3))
            if split is None:
                continue
            before, marker, stem = split
            if len(stem) < 2 and not _GENERIC_MIDDLE.match(stem):
                continue
            if self._stop.search(stem):
                continue
            key = f"{before[-2:]}{marker}{stem}" if _GENERIC_MIDDLE.match(stem) else stem
            if key.startswith(self._generic):
                continue
            names.append(OrgName(m.group(0), key))
        for m in self._bare.finditer(text):
            if not any(n.text.endswith(m.group(0)) or m.group(0) in n.text for n in names):
                names.append(OrgName(m.group(0), m.group(1) + m.group(2)))
        return names

    def _last_marker(self, head: str) -> Optional[tuple[str, str, str]]:
        """(before, marker, stem) split at the last administrative marker ("辰溪县火马冲镇桥头" → 桥头)."""
        for m in reversed(list(self._marker.finditer(head))):
            if not head[: m.end()].endswith(self._not_markers) and m.end() < len(head):
                return head[: m.start()], m.group(0), head[m.end():]
        return None

def own_key(unit_name: str, names: OrgNames, suffixes: list[str]) -> Optional[str]:
    found = names.find(unit_name)
    if found:
        return found[-1].key
    for s in sorted(suffixes, key=len, reverse=True):
        if unit_name.endswith(s) and len(unit_name) > len(s) + 1:
            return unit_name[: -len(s)]
    return None


def _generic_tail(key: str) -> bool:
    """A surname village's "家庄", "家湾" ("杨家庄", "王家庄") is shared by many places: only the surname tells them apart."""
    return len(key) >= 3 and key[1] == "家"


def _bigrams(key: str) -> set[str]:
    grams = {key[i:i + 2] for i in range(len(key) - 1)}
    return grams - {key[1:3]} if _generic_tail(key) else grams


def _mentions(text: str, key: str, unit_name: str) -> bool:
    """The unit is named: in full, by its distinctive part, or by that part's first or last two characters
    ("罗溪国家森林公园" → 罗溪; "工商联餐饮" → 餐饮; not "家庄" of "杨家庄", nor "中医" of "茌平区中医医院")."""
    short = {key[:2]} if _generic_tail(key) or _GENERIC_MIDDLE.match(key[-2:]) else {key[:2], key[-2:]}
    return unit_name in text or key in text or (len(key) >= 2 and any(s in text for s in short))


def check(unit: Unit, docs: list[Document], th: Thresholds) -> list[Flag]:
    spec = cues().get("other_unit")
    suffixes = (spec or {}).get("kinds", {}).get(unit.unit_type or "")
    if not spec or not suffixes or not unit.name:
        return []
    names = OrgNames(suffixes, spec)
    own = own_key(unit.name, names, suffixes)
    if not own:
        return []
    visit = re.compile(spec["visit"])
    flags = []
    for doc in docs:
        if doc.status != "ok" or not doc.passages:
            continue
        passages = ordered_passages(doc)
        text = "\n".join(p.text for p in passages)
        if _mentions(text, own, unit.name):
            continue
        head = passages[: int(spec["heading_passages"])]
        if visit.search(doc.file) or any(visit.search(p.text) for p in head):
            continue
        owner = _owner(head + passages[-int(spec["signoff_passages"]):], names, own, spec.get("affiliation"))
        if owner is None:
            continue
        name, psg = owner
        flags.append(make_flag(
            doc, "other-unit",
            f"材料抬头或落款为“{name}”，全文未出现本单位名称（{unit.name}），疑似其他单位的材料，"
            f"未计为本单位的佐证，请核实。", passage=psg))
    return flags


# a table row ("日期: 2025-02-14；收款单位: 保康县楚源矿业有限公司；…") names payees, suppliers, villages served —
# the entries of the unit's own register, not its heading or sign-off
_TABLE_ROW = re.compile(r"^[^；:：。]{1,16}[:：]\s*\S.*；")


_CLAUSE_END = re.compile(r"[；;，,。、\n]")
_SENTENCE_END = re.compile(r"[；;。！？!?\n]")


def _affiliation(text: str, name: str, spec: dict) -> bool:
    """Every mention of ``name`` names a person's organisation: a person signs after it in the same clause
    ("乐都区人民医院检验科张某（签字）"), or the line lists people by role before it ("论证专家：…")."""
    signed = re.compile(alternation(spec["signed"]))
    people = re.compile(alternation(spec["people"]))
    counted = re.compile(rf"[\d一二三四五六七八九十两]+\s*(?:名|位)\s*(?:{alternation(spec.get('counted', []) or ['(?!)'])})")
    at = [m.start() for m in re.finditer(re.escape(name), text)]
    for i in at:
        clause = _CLAUSE_END.split(text[i + len(name):], 1)[0]
        sentence = _SENTENCE_END.split(text[i + len(name):], 1)[0]
        line = text[text.rfind("\n", 0, i) + 1: i]
        if not (signed.search(clause) or people.search(line) or counted.search(sentence)):
            return False
    return bool(at)


def _owner(passages: list[Passage], names: OrgNames, own: str,
           spec: Optional[dict] = None) -> Optional[tuple[str, Passage]]:
    for p in passages:
        if _TABLE_ROW.match(p.text.strip()):
            continue
        for n in names.find(p.text):
            if spec and _affiliation(p.text, n.text, spec):
                continue
            if not _bigrams(n.key) & _bigrams(own):
                return n.text, p
    return None
