"""Negated and deferred activities, which never count as evidence.

``negation_status("本年度尚未开展警示教育")`` is negated; ``"拟于2023年开展"`` is
deferred; ``"未发生违纪违法行为"`` is an *outcome* statement (positive evidence for
outcome clauses), so it is not negated but sets ``outcome_negation``.
A cue only affects the clause it is in: ``"已组织学习，未发现问题"`` is not negated.
Cues live in ``checklists/negation.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from checklists import load_yaml_data
from classifiers.text_utils import normalize

__all__ = ["ClauseNegation", "NegationResult", "clause_split", "negation_status", "affirmed_text"]

# clause boundaries: sentence ends and semicolons always; commas only when the next part is
# long enough to be a clause of its own (so "未开展、组织学习" is not cut at 、).
_HARD = re.compile(r"[。；;！!？?\n]+")
_SOFT = re.compile(r"[，,]")


@dataclass(frozen=True)
class ClauseNegation:
    text: str
    span: tuple[int, int]
    negated: bool = False
    deferred: bool = False
    outcome: bool = False
    framing: bool = False
    cue: Optional[str] = None


@dataclass(frozen=True)
class NegationResult:
    negated: bool
    deferred: bool
    cue: Optional[str]
    outcome_negation: bool = False
    clauses: tuple[ClauseNegation, ...] = field(default=(), compare=False)


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    data = load_yaml_data("negation.yaml")
    return {key: re.compile("|".join(f"(?:{p})" for p in data[key]))
            for key in ("outcome", "negation", "deferral", "framing", "instruction")}


def clause_split(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Clauses with their spans in ``text``: split on 。；;！？ and newlines, then on commas."""
    out: list[tuple[str, tuple[int, int]]] = []
    pos = 0
    pieces: list[tuple[int, int]] = []
    for m in _HARD.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    for start, end in pieces:
        sub = start
        for m in _SOFT.finditer(text, start, end):
            out.append((sub, m.start()))
            sub = m.end()
        out.append((sub, end))
    result = []
    for a, b in out:
        raw = text[a:b]
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        result.append((stripped, (a + lead, a + lead + len(stripped))))
    return result


def _classify_clause(clause: str, span: tuple[int, int]) -> ClauseNegation:
    cues = _cues()
    norm = normalize(clause)
    deferred = cues["deferral"].search(norm)
    if deferred:
        return ClauseNegation(clause, span, deferred=True, cue=deferred.group(0))
    outcome = cues["outcome"].search(norm)
    negated = cues["negation"].search(norm)
    # an outcome cue wins when it starts at or before the negation cue ("未发现未落实的问题" stays an outcome)
    if outcome and (not negated or outcome.start() <= negated.start()):
        return ClauseNegation(clause, span, outcome=True, cue=outcome.group(0))
    if negated:
        return ClauseNegation(clause, span, negated=True, cue=negated.group(0))
    return ClauseNegation(clause, span, framing=bool(cues["framing"].search(norm)))


_DONE = re.compile(r"已(经)?|均已|业已")


def _carry_deferral(text: str, clauses: list[ClauseNegation]) -> list[ClauseNegation]:
    """A deferral governs the rest of its sentence: "定于12月举办讲座，邀请…授课，并组织…宣誓"
    defers all three clauses. A later clause saying it is already done ("已…") stops it."""
    out: list[ClauseNegation] = []
    carrying: Optional[str] = None
    for c in clauses:
        if out:
            gap = text[out[-1].span[1]:c.span[0]]
            if _HARD.search(gap):
                carrying = None
        if c.deferred:
            carrying = c.cue
        elif carrying and not (c.negated or c.outcome) and not _DONE.search(c.text):
            c = ClauseNegation(c.text, c.span, deferred=True, cue=carrying)
        elif _DONE.search(c.text):
            carrying = None
        out.append(c)
    return out


# a clause that says something was done (a date, a count, 已/完成) keeps its own status
_DONE_MARK = re.compile(r"已|完成|\d+\s*(月|日|人|名|次|场|期|户)")
_DONE_WORD = re.compile(r"已|完成")
# only a step towards the thing is done: a plan or design submitted or drafted, a request filed
_PREPARED = re.compile(r"(方案|设计稿|设计|初稿|草案|申请|请示|计划|预算|图纸|清单|报告)[^，,。；;]{0,8}已(经)?(报|上报|报送|提交|完成|拟定|起草|编制|形成|报批)"
                       r"|已(经)?(上报|报送|报批|报)[^，,。；;]{0,10}(审批|批复|审核|审定|总务处|教育局|卫健局|文旅局|局|镇|县|区|市|上级)")


def _sentence_scope(text: str, clauses: list[ClauseNegation]) -> list[ClauseNegation]:
    """In a sentence that says something was not done, the clauses around the cue that do not
    themselves report something done share its negation: "全院廉洁从医专题培训，因搬迁，推迟至明年"
    and "一是干部担当作为方面，擂台赛尚未启动" are negated as a whole."""
    out = list(clauses)
    for idx in _sentences(text, out):
        cues = [out[i] for i in idx if out[i].negated or out[i].deferred]
        if not cues:
            continue
        first = cues[0]
        last_cue = max(i for i in idx if out[i].negated or out[i].deferred)
        for i in idx:
            c = out[i]
            # a step towards it done ("方案已报总务处", "设计稿已完成") is no deed when the sentence goes on "尚未实施"
            prepared = i < last_cue and _PREPARED.search(c.text)
            if c.negated or c.deferred or c.outcome or (_DONE_MARK.search(c.text) and not prepared):
                continue
            out[i] = ClauseNegation(c.text, c.span, negated=first.negated, deferred=first.deferred and not first.negated,
                                    cue=first.cue)
    return out


def _sentences(text: str, clauses: list[ClauseNegation]) -> list[list[int]]:
    """Clause indexes grouped by sentence (split on 。；！？ and newlines)."""
    sentences: list[list[int]] = [[]]
    for i, c in enumerate(clauses):
        if i and _HARD.search(text[clauses[i - 1].span[1]:c.span[0]]):
            sentences.append([])
        sentences[-1].append(i)
    return sentences


def _answered_instruction(text: str, clauses: list[ClauseNegation]) -> list[ClauseNegation]:
    """A relayed request answered in the next sentence as not done or put off: "镇纪委要求各村开展…自查。钟建平讲：
    等春耕忙完再搞" — the request is no record of the work; it shares the answer's negation."""
    out = list(clauses)
    sentences = _sentences(text, out)
    for k, here in enumerate(sentences):
        asks = [i for i in here if _cues()["instruction"].search(normalize(out[i].text))]
        if not asks:
            continue
        # the sentence may answer the request itself ("党委通知报送“三会一课”台账，本支部记录未成册，待补")
        rest = [i for i in here if i > asks[-1]]
        # (a diary's date "5月16日" dates the request, it does not mark it done)
        if any(out[i].negated or out[i].deferred for i in rest) and not any(
                out[i].negated or out[i].deferred or out[i].outcome or _DONE_WORD.search(out[i].text) for i in asks):
            nxt, here = rest, [i for i in here if i <= asks[-1]]
        elif any(out[i].negated or out[i].deferred or out[i].outcome or _DONE_MARK.search(out[i].text) for i in here):
            continue
        else:
            nxt = sentences[k + 1] if k + 1 < len(sentences) else []
        answer = [out[i] for i in nxt if out[i].negated or out[i].deferred]
        if not answer or any(_DONE.search(out[i].text) for i in nxt):
            continue
        for i in here:
            c = out[i]
            out[i] = ClauseNegation(c.text, c.span, negated=answer[0].negated,
                                    deferred=answer[0].deferred and not answer[0].negated, cue=answer[0].cue)
    return out


@lru_cache(maxsize=8192)     # results are immutable; matching asks for the same passage up to three times
def negation_status(passage_text: str) -> NegationResult:
    """Passage-level status: negated/deferred when every substantive clause is negated/deferred."""
    clauses = [_classify_clause(c, s) for c, s in clause_split(passage_text)]
    clauses = tuple(_answered_instruction(passage_text, _sentence_scope(passage_text, _carry_deferral(passage_text, clauses))))
    hits = [c for c in clauses if c.negated or c.deferred]
    outcome = any(c.outcome for c in clauses)
    substantive = [c for c in clauses if not c.framing]
    if hits and all(c.negated or c.deferred for c in substantive):
        first = hits[0]
        return NegationResult(
            negated=any(c.negated for c in hits),
            deferred=any(c.deferred for c in hits) and not any(c.negated for c in hits),
            cue=first.cue, outcome_negation=outcome, clauses=clauses)
    return NegationResult(False, False, None, outcome_negation=outcome, clauses=clauses)


def affirmed_text(passage_text: str) -> str:
    """The passage without its negated/deferred clauses (what may count as evidence)."""
    parts = [c.text for c in negation_status(passage_text).clauses if not (c.negated or c.deferred)]
    return "，".join(parts)
