"""Purchases decided in meeting minutes, read one agenda item at a time.

Minutes carry no form fields: an item ("议题：游客中心改造工程（预算95万元）") names the purchase and its amount,
and a sentence of the item decides the method ("同意采用询价方式确定施工单位", "拟按单一来源采购"). The
procurement rules read the item's own text — not the whole minutes, whose other items have other amounts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.flags.common import ordered_passages, parse_amounts
from pipeline.flags.cues import alternation, cues
from pipeline.models import Document, Passage

MEETING_TYPES = {"minutes", "collective_decision"}
# the head of an agenda item: "议题：", "议题二", "序号: 1；议题: …", "一、", "（二）", "2、", "第三项"
_ITEM_RE = re.compile(r"^\s*(?:议题|序号|第[一二三四五六七八九十\d]+项|[一二三四五六七八九十]+、|"
                      r"[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))")
_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+")
# "50万元以上" states a limit, not the amount of a purchase
_LIMIT_AFTER_RE = re.compile(r"^\s*(?:\(含\)|（含）)?\s*(?:及|或)?(?:以上|以下|以内)")


@dataclass
class Item:
    doc: Document
    passages: list[Passage]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.passages)


def purchase_amounts(text: str) -> list[float]:
    """Amounts in the text, in order, limits it quotes left out."""
    return [v for v, (_a, b) in parse_amounts(text) if not _LIMIT_AFTER_RE.match(text[b:b + 6])]


def agenda_items(doc: Document) -> list[Item]:
    """The agenda items of minutes (the header before the first item is none of them); minutes written without
    item heads are one item under their title."""
    items: list[Item] = []
    passages = ordered_passages(doc)
    for p in passages:
        if _ITEM_RE.match(p.text):
            items.append(Item(doc, [p]))
        elif items:
            items[-1].passages.append(p)
    return items or ([Item(doc, passages)] if passages else [])


def decision_amounts(item: Item, sentence: str, passage: Passage) -> list[float]:
    """The amounts a decision is about: in its sentence, else its paragraph, else the item's title, else the report
    that opens the item before the decision ("经测算维修费用约28.6万元" … "同意采取三家询价方式")."""
    before = "\n".join(p.text for p in item.passages[:item.passages.index(passage) + 1])
    return (purchase_amounts(sentence) or purchase_amounts(passage.text) or purchase_amounts(item.passages[0].text)
            or purchase_amounts(before))


@lru_cache(maxsize=1)
def _decision_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = cues()["meeting_decision"]
    return (re.compile(alternation(c["decide"])), re.compile(alternation(cues()["dates"]["recalled"])),
            re.compile(rf"(?:{alternation(c['negation'])})[^，,。；;]{{0,4}}$"))


def deciding_sentences(item: Item, method_re: re.Pattern) -> list[tuple[str, re.Match, Passage]]:
    """(sentence, method match, passage) for each sentence of the item that decides or proposes a method — not one
    that negates it ("不得采用单一来源") or recalls an earlier decision ("上次会议已确定…")."""
    decide, recalled, neg = _decision_res()
    out = []
    for p in item.passages:
        for s in _SENTENCE_RE.finditer(p.text):
            sent = s.group(0)
            m = method_re.search(sent)
            if not m or neg.search(sent[:m.start()]) or recalled.search(sent):
                continue
            if decide.search(sent):
                out.append((sent, m, p))
    return out
