"""What the procurement and single-source rules share: a blank cell, a rule's requirement told from a record
that it was done, a purchase as a message names it, and the unit's competition limit."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from pipeline.flags.common import fmt_yuan
from pipeline.flags.cues import alternation, cues
from pipeline.flags.limits import StatedLimit
from pipeline.flags.purchases import Purchase
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Unit

# an empty cell, also as written into it: "（空白）", "(无)"
BLANK_RE = re.compile(r"^[（(【\[]?(?:|无|暂无|空|空白|/|／|—+|-+|——|略|未填写|未填|待定|\s+)[）)】\]]?$")


def fmt_purchase(p: Purchase) -> str:
    d = p.date.isoformat() if p.date else "日期不详"
    who = f"，{p.supplier}" if p.supplier else ""
    what = f"，{p.project}" if p.project else ""
    return f"{d} {fmt_yuan(p.amount)}{who}{what}（{'、'.join(p.files())}）"


# a rule's tier opens with its floor ("20万元以上公开招标，并经院党委会研究"): what follows in the sentence is the
# procedure the rule sets for that amount, required, not done, though no 须 is written
_FLOOR = r"(?<![\d.,，])\d[\d,，]*(?:\.\d+)?\s*万?元\s*(?:[（(]含[）)])?\s*(?:及|或)?以上"


@lru_cache(maxsize=1)
def approval_res() -> dict[str, re.Pattern]:
    c = cues()["method_approval"]
    approve = alternation(c["approve"])
    return {
        "authority": re.compile(rf"(?:{alternation(c['authority'])})[^。；;\n]{{0,20}}?(?:{approve})"),
        "change": re.compile(rf"(?:{alternation(c['change'])})[^。；;\n]{{0,20}}?(?:{approve})"
                             rf"|(?:{approve})[^。；;\n]{{0,10}}?(?:{alternation(c['change'])})"),
        "collective": re.compile(alternation(c["collective"])),
        "negation": re.compile(rf"(?:{alternation(c['negation'])})$"),
        "platform": re.compile(alternation(c["via_platform"])),
        "requirement": re.compile(rf"{alternation(c['requirement'])}|{_FLOOR}"),
        "done": re.compile(rf"{alternation(c['done'])}|\d\s*[年月日]"),
    }


@lru_cache(maxsize=1)
def _direct_award_res() -> tuple[re.Pattern, re.Pattern]:
    c = cues()["method_approval"]
    return re.compile(alternation(c["direct_award"])), re.compile(alternation(c["direct_award_refused"]))


def direct_awards(text: str) -> Iterator[re.Match]:
    """Words that hand a purchase to one supplier and skip the competition ("直接交给", "不用再比选"), except where
    their own clause forbids it ("不能因为工期紧就直接委托" is a refusal)."""
    cue, refused = _direct_award_res()
    for m in cue.finditer(text):
        start = max(text.rfind(ch, 0, m.start()) for ch in "，,。；;！!？?\n") + 1
        if not refused.search(text, start, m.start()):
            yield m


# a sentence ends at 。；!? or at a line break that does not follow a comma (an OCR line broken mid-sentence)
_SENTENCE_START_RE = re.compile(r"[。；;!?！？]|(?<![，,、])\n")


def pending_requirement(text: str, pos: int) -> Optional[re.Match]:
    """The requirement cue before ``pos`` in its sentence with no date or 已 in between, if any."""
    res = approval_res()
    start = max((m.end() for m in _SENTENCE_START_RE.finditer(text, 0, pos)), default=0)
    cue = None
    for cue in res["requirement"].finditer(text, start, pos):
        pass
    return cue if cue is not None and not res["done"].search(text, cue.end(), pos) else None


def required_not_done(text: str, pos: int) -> bool:
    """The words at ``pos`` are what a rule requires ("…须公开招标，并经总经理办公会研究"), not a record that it was done:
    a requirement cue comes before them in their sentence with no date or 已 in between."""
    return pending_requirement(text, pos) is not None


def competition_limit(unit: Unit, th: Thresholds, stated: list[StatedLimit]) -> float:
    """The lowest amount from which the unit must compete or decide collectively (below it, direct buying is fine)."""
    return min([s.amount for s in stated] + [th.split_limit(unit.unit_type)])
