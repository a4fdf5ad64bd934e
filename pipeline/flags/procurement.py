"""Procurement rules: split-purchase, method-vs-amount, a meeting's direct award (single-source-unjustified; the
other single-source rules: ``single_source``; dates-out-of-order: ``dates_order``)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.flags import dates_order, recurring, single_source
from pipeline.flags.common import doc_text, fmt_yuan, make_flag, ordered_passages, parse_amounts, trim
from pipeline.flags.cues import alternation, cues
from pipeline.flags.decisions import MEETING_TYPES, agenda_items, deciding_sentences, decision_amounts
from pipeline.flags.limits import StatedLimit, stated_limits
from pipeline.flags.procurement_common import (BLANK_RE, approval_res, competition_limit, direct_awards, fmt_purchase,
                                               required_not_done)
from pipeline.flags.purchases import (METHODS, RECURRING, Purchase, category_of, collect, doc_kind, project_key,
                                      same_project, same_supplier, supplier_key)
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Unit

_CATEGORY = {"goods": "货物", "services": "服务", "works": "工程"}


# --------------------------------------------------------------------------- split purchase

def _split_limits(unit: Unit, th: Thresholds, p: Purchase,
                  stated: list[StatedLimit]) -> list[tuple[float, str, str]]:
    """(amount, label, tier) of each limit a split may avoid. A small stated limit counts only when the register
    that lists the purchase states it ("注：单笔5000元以上支出须经两委集体研究"): the sheet's own line for its rows; or
    when the rule stating it forbids splitting in the same paragraph ("……须经会长办公会集体研究。不得将一项支出拆分报销")."""
    lim = th.split_limit(unit.unit_type)
    label = "村级项目“四议两公开”/集体决策限额" if unit.unit_type == "cunju" else "集体决策限额"
    out = [(lim, label, "collective"), (th.open_tender[p.category], f"{_CATEGORY[p.category]}类公开招标限额", "tender")]
    out += [(s.amount, s.label(), s.tier) for s in stated
            if (s.amount >= th.stated_limit_min or s.stated_in(p.files()) or s.bans_split) and s.applies_to(p.category)]
    return sorted(out)


_ZH_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=1)
def _quoted_re() -> re.Pattern:
    words = alternation(cues()["split_purchase"]["compared"])
    n = r"(\d{1,2}(?![\d.,万元])|[两二三四五六七八九十])"
    return re.compile(rf"(?:{words})[^；;。\n:：\d]{{0,6}}[:：]?\s*{n}|{n}\s*家(?:以上)?(?:供应商|单位|商家)?(?:{words})")


def _compared(p: Purchase) -> bool:
    """The purchase shows its own comparison: a comparison method, or a record of its quotes ("询价情况: 3",
    "三家比价") that is not a rule's requirement ("3万元以上须三家询价")."""
    if p.method in cues()["stated_limit"]["compare"]:
        return True
    least = cues()["split_purchase"]["min_quotes"]
    for r in [p] + p.records:
        text = _record_text(r)
        for m in _quoted_re().finditer(text):
            n = m.group(1) or m.group(2)
            if (int(n) if n.isdigit() else _ZH_COUNT[n]) >= least and not required_not_done(text, m.start()):
                return True
    return False


def _pair_band(a: Purchase, b: Purchase, th: Thresholds) -> float:
    """Parts of one item from one supplier may be smaller shares of the limit than unrelated purchases."""
    same_item = same_supplier(a.supplier, b.supplier) and same_project(a.project, b.project)
    return th.split_band_same_item if same_item else th.split_band


def _split_group(p0: Purchase, purchases: list[Purchase], limit: float, th: Thresholds) -> list[Purchase]:
    return [p0] + [q for q in purchases if q is not p0 and q.date and q.amount < limit
                   and abs((q.date - p0.date).days) <= th.split_window_days
                   and (same_supplier(q.supplier, p0.supplier) or same_project(q.project, p0.project))
                   and min(q.amount, p0.amount) >= _pair_band(p0, q, th) * limit]


def _split(unit: Unit, purchases: list[Purchase], th: Thresholds, stated: list[StatedLimit]) -> list[Flag]:
    flags: list[Flag] = []
    done: set[frozenset[int]] = set()
    standing = recurring.recurring(purchases)
    purchases = [p for p in purchases if p.method not in RECURRING and id(p) not in standing]
    for p0 in purchases:
        if not p0.date:
            continue
        for limit, label, tier in _split_limits(unit, th, p0, stated):
            if p0.amount >= limit:
                continue
            group = _split_group(p0, purchases, limit, th)
            key = frozenset(id(p) for p in group)
            if len(group) < 2 or key in done or sum(p.amount for p in group) < limit:
                continue
            if tier == "compare" and all(_compared(p) for p in group):
                continue     # each part was compared itself: the split avoided no comparison
            done.add(key)
            group.sort(key=lambda p: p.date)
            by = (f"同一供应商“{supplier_key(p0.supplier)}”" if all(same_supplier(p.supplier, p0.supplier) for p in group)
                  else f"同一项目“{project_key(p0.project) or p0.project}”")
            span = (group[-1].date - group[0].date).days
            msg = (f"疑似拆分采购规避限额：{by}在 {span} 天内（窗口 {th.split_window_days} 天）有 {len(group)} 笔采购："
                   f"{'；'.join(fmt_purchase(p) for p in group)}。每笔均低于{label}{fmt_yuan(limit)}，"
                   f"合计 {fmt_yuan(sum(p.amount for p in group))} 达到或超过限额，请核对是否拆分项目以规避集体决策或招标程序。")
            flags += _split_flags(group, msg)
    return flags


def _split_flags(group: list[Purchase], msg: str) -> list[Flag]:
    flags = []
    seen: set[tuple[str, int]] = set()
    for p in group:
        for rec in [p] + p.records:
            k = (rec.doc.file, rec.passage.page)
            if k in seen:
                continue
            seen.add(k)
            related = [{"file": r.doc.file, "page": r.passage.page, "amount": r.amount,
                        "date": r.date.isoformat() if r.date else None}
                       for q in group for r in [q] + q.records if r.doc.file != rec.doc.file]
            flags.append(make_flag(rec.doc, "split-purchase", msg, passage=rec.passage, related=related))
    return flags


# --------------------------------------------------------------------------- method vs amount


def _approval_in(text: str, kinds: tuple[str, ...] = ("authority", "change", "collective")) -> bool:
    """An outside authority approved (the method), or a collective body decided — not merely a signature."""
    res = approval_res()
    for name in kinds:
        for m in res[name].finditer(text):
            if res["negation"].search(text[max(0, m.start() - 3): m.start()]) or required_not_done(text, m.start()):
                continue
            after = text[m.end(): m.end() + 12]
            lab = re.match(r"(?:意见|情况|结果)?\s*[:：]\s*([^；;。\n]*)", after)
            if lab and BLANK_RE.match(lab.group(1).strip()):
                continue
            return True
    return False


def _record_text(r: Purchase) -> str:
    """A ledger row speaks only for itself; a contract or form for its whole document."""
    return r.passage.text if r.kind == "ledger" else doc_text(r.doc)


def _approval_texts(docs: list[Document]) -> list[str]:
    """The texts of the unit's minutes and approval forms (read once per unit, not once per purchase)."""
    texts = []
    for d in docs:
        t = doc_text(d)
        if d.doc_type in ("minutes", "collective_decision") or doc_kind(t) == "approval":
            texts.append(t)
    return texts


_METHOD_WORD_RE = re.compile("方式|" + "|".join(METHODS))


def _row_approved(row: str, kinds: tuple[str, ...]) -> bool:
    """A register's cell under a meeting column ("主任办公会: 4月18日", "集体研究: 是") records the meeting that took
    up the purchase, not an approval of a method below the rule: in a row, a collective approval names the method
    ("决策: 办公会研究同意采用询价")."""
    for cell in re.split(r"[；;|｜]", row):
        own = kinds if _METHOD_WORD_RE.search(cell) else tuple(k for k in kinds if k != "collective")
        if own and _approval_in(cell, own):
            return True
    return False


def _approved(p: Purchase, approvals: list[str], authority_only: bool = False) -> bool:
    records = [p] + p.records
    texts = [_record_text(r) for r in records if r.kind != "ledger"]
    for t in approvals:
        if (p.supplier and supplier_key(p.supplier) and supplier_key(p.supplier) in t) or (
                project_key(p.project) and len(project_key(p.project)) >= 3 and project_key(p.project) in t):
            texts.append(t)
    kinds = ("authority",) if authority_only else ("authority", "change", "collective")
    return any(_approval_in(t, kinds) for t in texts) or any(
        _row_approved(_record_text(r), kinds) for r in records if r.kind == "ledger")


def _tender_limit(p: Purchase, th: Thresholds, stated: list[StatedLimit]) -> tuple[float, str] | None:
    """The highest tender limit the amount reaches and the method does not meet, or None."""
    on_platform = any(_via_platform(_record_text(r)) for r in [p] + p.records)
    return _required_limit(p.method, p.amount, p.category, on_platform, th, stated)


def _via_platform(text: str) -> bool:
    """The purchase went through the platform ("在区公共资源交易中心公开招标") — not a form's note of the rule that it
    must ("估算价20万元以上的村级工程须进入镇公共资源交易分中心公开交易")."""
    return any(not required_not_done(text, m.start()) for m in approval_res()["platform"].finditer(text))


def _required_limit(method: str, amount: float, category: str, on_platform: bool, th: Thresholds,
                    stated: list[StatedLimit]) -> tuple[float, str] | None:
    c = cues()["method_approval"]
    if method not in c["not_tender"]:
        return None
    out = []
    if amount >= th.open_tender[category]:
        out.append((th.open_tender[category], f"{_CATEGORY[category]}类公开招标限额"))
    if not on_platform:
        # (a method the rule itself allows above its limit meets it: "…采用招标或竞争性谈判；确需单一来源的，须…")
        binding = [s for s in stated if amount >= s.amount and s.applies_to(category) and method not in s.allows]
        out += [(s.amount, s.label()) for s in binding if s.tier == "tender"]
        # the unit's own comparison limit ("5万元以上…须三家以上询价比价") and a purchase made directly
        out += [(s.amount, s.label()) for s in binding if s.tier == "compare" and method in c["not_compare"]]
    return max(out) if out else None


def _method_vs_amount(unit: Unit, purchases: list[Purchase], docs: list[Document], th: Thresholds,
                      stated: list[StatedLimit]) -> list[Flag]:
    flags = []
    approvals: list[str] | None = None
    public_body = unit.unit_type in cues()["method_approval"]["authority_only_types"]
    for p in purchases:
        hit = _tender_limit(p, th, stated)
        if not hit:
            continue
        if approvals is None:
            approvals = _approval_texts(docs)
        statutory = public_body and p.amount >= th.open_tender[p.category]
        # a rule that sends the work to the public trading platform ("20万元以上的村级工程须进入镇公共资源交易分中心公开
        #交易", "…须进镇公共资源交易站比选") fixes the route: the unit's own meeting cannot waive it, only an outside
        # authority can approve another
        imposed = any(s.tier in ("tender", "compare") and p.amount >= s.amount and s.applies_to(p.category)
                      and approval_res()["platform"].search(s.evidence) for s in stated)
        if _approved(p, approvals, authority_only=statutory or imposed):
            continue
        limit, label = hit
        missing = ("未见政府采购监督管理部门的批准（单位自身的集体决策不能替代）" if statutory
                   else "未见主管部门批准变更采购方式（单位自身的会议决议不能替代规定的招标或公开交易程序）" if imposed
                   else "未见主管部门批准或集体决策记录")
        msg = (f"采购金额 {fmt_yuan(p.amount)} 达到 {fmt_yuan(limit)}（{label}），却采用“{p.method}”方式，"
               f"{missing}：{fmt_purchase(p)}。请核对采购方式变更审批材料。")
        for rec in [p] + p.records:
            flags.append(make_flag(rec.doc, "method-vs-amount", msg, passage=rec.passage,
                                   related=[{"file": f} for f in p.files() if f != rec.doc.file]))
    return flags


_COMPETED_RE = re.compile(r"经[^。；;]{0,10}(?:比选|比价|询价|招标|磋商|谈判)")


def _direct_award(unit: Unit, docs: list[Document], th: Thresholds, stated: list[StatedLimit]) -> list[Flag]:
    """Minutes that give a purchase at or above the unit's competition limit straight to one supplier, saying the
    competition is skipped: an unjustified single source (no reason, no expert opinion, no publicity)."""
    limit = competition_limit(unit, th, stated)
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_type not in MEETING_TYPES:
            continue
        for p in ordered_passages(doc):
            m = next(direct_awards(p.text), None)
            if not m or _COMPETED_RE.search(p.text):
                continue        # "经三家比选确定，不用再招标": a competition was held
            # the amount of the item the meeting hands out: stated in this passage or in the item's title above it
            scope = "\n".join(q.text for q in ordered_passages(doc) if q.index <= p.index)[-300:]
            amounts = [a for a, _span in parse_amounts(scope)]
            if not amounts or max(amounts) < limit:
                continue
            flags.append(make_flag(doc, "single-source-unjustified",
                                   f"会议决定不经竞争直接交由一家供应商承接（“{trim(m.string[max(0, m.start() - 20): m.end()], 40)}”），"
                                   f"金额 {fmt_yuan(max(amounts))} 达到 {fmt_yuan(limit)}，实为单一来源采购，但未见理由、论证和公示。"
                                   "请核对是否履行比选、招标或单一来源论证程序。", passage=p))
            break
    return flags


def _method_in_minutes(docs: list[Document], th: Thresholds, stated: list[StatedLimit]) -> list[Flag]:
    """An agenda item that decides a purchase by a method its amount does not allow ("预算95万元…同意采用询价方式",
    own rule "50万元以上公开招标"), with no outside authority's approval: the meeting cannot waive the rule it
    is bound by. Direct awards and single sources are the single-source rules' business."""
    c = cues()["method_approval"]
    method_re = re.compile(alternation(m for m in c["not_tender"] if m != "单一来源"))
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_type not in MEETING_TYPES:
            continue
        for item in agenda_items(doc):
            hits = deciding_sentences(item, method_re)
            text = item.text
            if not hits or next(direct_awards(text), None) or _approval_in(text, ("authority",)):
                continue
            found = next(((sent, m, psg, amts) for sent, m, psg in hits
                          for amts in [decision_amounts(item, sent, psg)] if amts), None)
            if not found:
                continue
            sentence, m, psg, amounts = found
            amount, method = max(amounts), m.group(0)
            hit = _required_limit(method, amount, category_of(item.passages[0].text), bool(
                approval_res()["platform"].search(text)), th, stated)
            if not hit:
                continue
            limit, label = hit
            flags.append(make_flag(doc, "method-vs-amount",
                                   f"会议决定以“{method}”方式采购（“{trim(sentence, 60)}”），金额 {fmt_yuan(amount)} "
                                   f"达到 {fmt_yuan(limit)}（{label}），未见主管部门批准变更采购方式。"
                                   "请核对是否应公开招标或履行采购方式变更审批。", passage=psg))
    return flags


def check(unit: Unit, docs: list[Document], th: Thresholds) -> list[Flag]:
    purchases = collect(docs, (unit.period_start, unit.period_end))
    stated = stated_limits(docs)
    direct = _direct_award(unit, docs, th, stated)
    handed = {f.file for f in direct}
    return (_split(unit, purchases, th, stated) + _method_vs_amount(unit, purchases, docs, th, stated)
            + _method_in_minutes(docs, th, stated)
            + single_source.check(unit, docs, purchases, th, stated, handed)
            + direct + dates_order.check(purchases, docs))
