"""Amount limits a unit states in its own documents ("单项5万元以上须报教育局按政府采购程序实施").

A unit's procurement rules or the note on its ledger often set limits below the province's open-tender
limits. Each stated limit carries the procedure it requires, in tiers (``cues.stated_limit``):
``tender`` (公开招标/政府采购), ``compare`` (比选/询价) or ``collective`` (集体研究/三重一大).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.flags.common import CATEGORY_WORDS, fmt_yuan, ordered_passages, trim
from pipeline.flags.cues import alternation, cues
from pipeline.flags.purchases import METHODS
from pipeline.models import Document

TIERS = ("tender", "compare", "collective")
TIER_NAMES = {"tender": "招标/政府采购", "compare": "比选/询价", "collective": "集体决策"}
# "5,000元以上": the whole number, thousands commas and all (text is NFKC-normalised: "，" is ",")
_AMT = r"(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "超过5万元", "单笔≥50,000元", "不低于5万元": the amount is a floor without 以上 after it
_ABOVE_PREFIXES = ("超过", "达到", "高于", "大于", "≥", "≧", ">", "不低于", "不少于")
_LIMIT_RE = re.compile(
    rf"(?:{'|'.join(_ABOVE_PREFIXES)}|在)?\s*(?P<amt>{_AMT})\s*(?P<unit>万元|万|元)"
    r"(?P<above>\s*(?:\(含\))?\s*(?:及|或)?以上(?:\(含\))?)?(?=(?P<rest>[^。;\n]{0,40}))")
# the rule names what it covers right after the amount: "40万元以上的工程", "5万元以上的货物类项目"
_ROW_CELL_RE = re.compile(r";\s*[^;:\n]{1,8}:")
_SCOPE_RE = re.compile(r"\s*的?(?:工程|服务|货物)(?:\s*(?:、|和|及|与|或|,)\s*(?:工程|服务|货物))*")
_SCOPE_WORD_RE = re.compile(r"工程|服务|货物")
_NEXT_LIMIT_RE = re.compile(r"(?<!\d)[,，]\s*(?=\d+(?:\.\d+)?\s*(?:万元|万|元))")
_ZH_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


@dataclass(frozen=True)
class StatedLimit:
    amount: float
    tier: str              # tender | compare | collective
    file: str
    evidence: str
    # works | services | goods when the rule names one ("40万元以上的工程"), "works,goods" for several
    # ("50万元以上的工程、货物"), else ""
    category: str = ""
    # every file that states the same limit (a village's 财务制度 and the note on its register alike)
    files: frozenset[str] = frozenset()
    # methods the rule itself allows above the limit ("20万元以上原则上采用招标或竞争性谈判；确需单一来源的，须说明理由…")
    allows: frozenset[str] = frozenset()
    # the rule's paragraph forbids splitting a purchase ("不得将一项支出拆分报销")
    bans_split: bool = False

    def stated_in(self, files: list[str]) -> bool:
        return self.file in files or bool(self.files & set(files))

    def applies_to(self, category: str) -> bool:
        return not self.category or category in self.category.split(",")

    def label(self) -> str:
        return f"单位规定的{TIER_NAMES[self.tier]}限额（{self.file}：“{trim(self.evidence, 40)}”）"


# "5万元以下项目可直接委托": the rule sets the limit from below
_BELOW_RE = re.compile(rf"(?P<amt>{_AMT})\s*(?P<unit>万元|万|元)\s*(?:\(不含\))?\s*(?:以下|以内)(?P<rest>[^。;\n]{{0,16}})")


@lru_cache(maxsize=1)
def _below_re() -> re.Pattern:
    return re.compile(r"(?:可|可以|允许|由).{0,10}(?:" + alternation(cues()["stated_limit"]["below_direct"]) + ")")   # 可由分管领导审批直接采购


@lru_cache(maxsize=1)
def _cited_below_re() -> re.Pattern:
    """A form's method field that cites the rule it relies on: "采购方式：直接采购（单项5万元以下，按《…办法》第七条）" —
    direct buying is allowed below the amount, so above it a comparison is required."""
    return re.compile(r"(?:" + alternation(cues()["stated_limit"]["below_direct"]) + r")\s*[(（][^()（）。;\n]{0,8}?"
                      rf"(?P<amt>{_AMT})\s*(?P<unit>万元|万|元)\s*(?:\(不含\))?\s*(?:以下|以内)")


# a method named in a rule's clause is allowed unless the clause forbids it ("不得采用单一来源")
_METHOD_NEG_RE = re.compile(r"(?:不得|不能|不应|不宜|严禁|禁止|不允许|不采用|不可)[^，,。;]{0,4}$")
# an amount with its unit opens the next tier of the rule ("…；20万元以下的可询价")
_AMOUNT_AHEAD_RE = re.compile(rf"{_AMT}\s*(?:万元|万|元)")


def _allowed_methods(text: str, start: int) -> frozenset[str]:
    """The purchase methods a rule's sentence names from ``start`` (its amount) up to its end or its next amount."""
    end = min([i for i in (text.find("。", start), text.find("\n", start)) if i >= 0] or [len(text)])
    nxt = _AMOUNT_AHEAD_RE.search(text, start + 1, end)
    clause = text[start: nxt.start() if nxt else end]
    named = {meth for meth in METHODS for m in re.finditer(meth, clause)
             if not _METHOD_NEG_RE.search(clause[: m.start()])}
    return frozenset(named)


@lru_cache(maxsize=1)
def _tier_res() -> tuple[dict[str, re.Pattern], re.Pattern]:
    c = cues()["stated_limit"]
    return {t: re.compile(alternation(c[t])) for t in TIERS}, re.compile(alternation(c["negation"]))


@lru_cache(maxsize=1)
def _split_ban_re() -> re.Pattern:
    c = cues()["stated_limit"]
    return re.compile(rf"(?:{alternation(c['split_ban'])})[^。;\n]{{0,12}}?(?:{alternation(c['split_words'])})")


def _bans_split(text: str, pos: int) -> bool:
    """The paragraph holding ``pos`` forbids splitting a purchase or a payment."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return bool(_split_ban_re().search(text, start, end if end >= 0 else len(text)))


@lru_cache(maxsize=1)
def _venue_re() -> re.Pattern:
    return re.compile(alternation(cues()["stated_limit"]["venues"]))


def _procedure_hits(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, tier) of the procedures a clause names, in order. A venue followed in its part of the clause by a
    procedure is where that procedure is run ("由镇公共资源交易站组织比选")."""
    tiers, _neg = _tier_res()
    venue = _venue_re()
    hits = sorted((m.start(), m.end(), t) for t, rx in tiers.items() for m in rx.finditer(clause))
    out: list[tuple[int, int, str]] = []
    for i, (start, end, tier) in enumerate(hits):
        rest = [h for h in hits[i + 1:] if not re.search(r"[,，;；。]", clause[end:h[0]])]
        if tier == "tender" and venue.fullmatch(clause[start:end]) and rest:
            continue
        out.append((start, end, tier))
    return out


def _requirements(rest: str) -> list[str]:
    """The tiers required in the clause after 'X万元以上': the first one named, and a stricter one named after it
    ("10万元以上的，提交校务会集体研究，并委托县公共资源交易中心…采购": collective and tender), or []."""
    _tiers, neg = _tier_res()
    clause = _NEXT_LIMIT_RE.split(rest)[0]   # stop at the next limit
    hits = []
    for pos, _end, tier in _procedure_hits(clause):
        if tier not in (t for _p, t in hits):
            hits.append((pos, tier))
    if not hits:
        return []
    pos, tier = hits[0]
    if neg.search(clause[:pos]):
        return []
    out = [tier]
    for pos, t in hits[1:]:
        # negated in its own part of the clause: "…集体研究，不得自行询价确定"
        if TIERS.index(t) < TIERS.index(out[-1]) and not neg.search(re.split(r"[，,、；;]", clause[:pos])[-1]):
            out.append(t)
    return out


_SENTENCE_END_RE = re.compile(r"[。！？!?；;：:]\s*$")


def _unbroken_text(doc: Document) -> str:
    """The document's text with a scan's mid-sentence line breaks joined ("…单项50万元以上" / "服务须公开招标。"): an
    OCR line is not a paragraph. Typed text keeps its lines."""
    parts: list[str] = []
    for p in ordered_passages(doc):
        if parts and p.source == "ocr" and not _SENTENCE_END_RE.search(parts[-1]):
            parts[-1] += p.text
        else:
            parts.append(p.text)
    return "\n".join(parts)


def stated_limits(docs: list[Document]) -> list[StatedLimit]:
    out: dict[tuple[float, str], StatedLimit] = {}
    for doc in docs:
        if doc.status != "ok":
            continue
        text = unicodedata.normalize("NFKC", _unbroken_text(doc))
        for m in _LIMIT_RE.finditer(text):
            if not (m.group("above") or m.group(0).startswith(_ABOVE_PREFIXES)):
                continue
            tiers = _requirements(m.group("rest"))
            if not tiers and _ROW_CELL_RE.search(text, m.end(), m.end() + 60):
                # a table row: the procedure is in another cell ("事项: 5万元以上工程；运行要求: …公开比选")
                line_end = text.find("\n", m.end())
                tiers = _requirements(text[m.end(): line_end if line_end >= 0 else len(text)][:100])
            amount = float(m.group("amt").replace(",", "")) * (10000 if m.group("unit").startswith("万") else 1)
            scope = _SCOPE_RE.match(m.group("rest"))
            named = _SCOPE_WORD_RE.findall(scope.group(0)) if scope else []
            category = ",".join(dict.fromkeys(CATEGORY_WORDS[w] for w in named))
            for tier in tiers:
                key = (amount, tier, category)
                if key not in out:
                    evidence = m.group(0) + _NEXT_LIMIT_RE.split(m.group("rest"))[0]
                    out[key] = StatedLimit(amount, tier, doc.file, evidence.strip().translate(_ZH_PUNCT), category,
                                           allows=_allowed_methods(text, m.start("amt")))
                out[key] = replace(out[key], files=out[key].files | {doc.file},
                                   bans_split=out[key].bans_split or _bans_split(text, m.start()))
        below = [m for m in _BELOW_RE.finditer(text) if _below_re().search(m.group("rest"))]
        for m in below + list(_cited_below_re().finditer(text)):
            amount = float(m.group("amt").replace(",", "")) * (10000 if m.group("unit").startswith("万") else 1)
            key = (amount, "compare", "")
            if key not in out:
                out[key] = StatedLimit(amount, "compare", doc.file, m.group(0).strip().translate(_ZH_PUNCT))
    return sorted(out.values(), key=lambda s: (s.amount, s.tier))


def describe(limits: list[StatedLimit]) -> str:
    return "；".join(f"{fmt_yuan(s.amount)}以上须{TIER_NAMES[s.tier]}" for s in limits)
