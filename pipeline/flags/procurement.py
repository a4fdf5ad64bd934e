"""Procurement rules: split-purchase, method-vs-amount, single-source-unjustified (dates-out-of-order: ``dates_order``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from classifiers.text_utils import NUMBERED_ITEM_RE
from pipeline.flags import dates_order
from pipeline.flags.common import doc_text, fmt_yuan, make_flag, ordered_passages, parse_amounts, trim
from pipeline.flags.cues import alternation, cues
from pipeline.flags.decisions import MEETING_TYPES, agenda_items, deciding_sentences, decision_amounts
from pipeline.flags.limits import StatedLimit, stated_limits
from pipeline.flags.purchases import (METHODS, RECURRING, SKIP_KINDS, SKIP_TYPES, Purchase, category_of, collect,
                                      doc_kind, is_procurement_doc, project_key, row_cells, same_project, same_supplier,
                                      supplier_key, unticked)
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Unit

_CATEGORY = {"goods": "货物", "services": "服务", "works": "工程"}
# an empty cell, also as written into it: "（空白）", "(无)"
BLANK_RE = re.compile(r"^[（(【\[]?(?:|无|暂无|空|空白|/|／|—+|-+|——|略|未填写|未填|待定|\s+)[）)】\]]?$")
_SS_RE = re.compile(r"单一来源")
# "未经批准", "未附专家论证意见", "没有进行公示": the words are said to be missing
_APPROVAL_NEG_RE = re.compile(r"(?:未经?|没有|无|尚未|未予|不予|缺少?)(?:附|附上|附有|提供|见|组织|进行|履行|经过|做|作)?$")


def _fmt_purchase(p: Purchase) -> str:
    d = p.date.isoformat() if p.date else "日期不详"
    who = f"，{p.supplier}" if p.supplier else ""
    what = f"，{p.project}" if p.project else ""
    return f"{d} {fmt_yuan(p.amount)}{who}{what}（{'、'.join(p.files())}）"


# --------------------------------------------------------------------------- split purchase

def _split_limits(unit: Unit, th: Thresholds, p: Purchase,
                  stated: list[StatedLimit]) -> list[tuple[float, str, str]]:
    """(amount, label, tier) of each limit a split may avoid. A small stated limit counts only when the register
    that lists the purchase states it ("注：单笔5000元以上支出须经两委集体研究"): the sheet's own line for its rows."""
    lim = th.split_limit(unit.unit_type)
    label = "村级项目“四议两公开”/集体决策限额" if unit.unit_type == "cunju" else "集体决策限额"
    out = [(lim, label, "collective"), (th.open_tender[p.category], f"{_CATEGORY[p.category]}类公开招标限额", "tender")]
    out += [(s.amount, s.label(), s.tier) for s in stated
            if (s.amount >= th.stated_limit_min or s.file in p.files()) and s.applies_to(p.category)]
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
    purchases = [p for p in purchases if p.method not in RECURRING]
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
                   f"{'；'.join(_fmt_purchase(p) for p in group)}。每笔均低于{label}{fmt_yuan(limit)}，"
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

@lru_cache(maxsize=1)
def _approval_res() -> dict[str, re.Pattern]:
    c = cues()["method_approval"]
    approve = alternation(c["approve"])
    return {
        "authority": re.compile(rf"(?:{alternation(c['authority'])})[^。；;\n]{{0,20}}?(?:{approve})"),
        "change": re.compile(rf"(?:{alternation(c['change'])})[^。；;\n]{{0,20}}?(?:{approve})"
                             rf"|(?:{approve})[^。；;\n]{{0,10}}?(?:{alternation(c['change'])})"),
        "collective": re.compile(alternation(c["collective"])),
        "negation": re.compile(rf"(?:{alternation(c['negation'])})$"),
        "platform": re.compile(alternation(c["via_platform"])),
        "requirement": re.compile(alternation(c["requirement"])),
        "done": re.compile(rf"{alternation(c['done'])}|\d\s*[年月日]"),
    }


# a sentence ends at 。；!? or at a line break that does not follow a comma (an OCR line broken mid-sentence)
_SENTENCE_START_RE = re.compile(r"[。；;!?！？]|(?<![，,、])\n")


def _pending_requirement(text: str, pos: int) -> Optional[re.Match]:
    """The requirement cue before ``pos`` in its sentence with no date or 已 in between, if any."""
    res = _approval_res()
    start = max((m.end() for m in _SENTENCE_START_RE.finditer(text, 0, pos)), default=0)
    cue = None
    for cue in res["requirement"].finditer(text, start, pos):
        pass
    return cue if cue is not None and not res["done"].search(text, cue.end(), pos) else None


def required_not_done(text: str, pos: int) -> bool:
    """The words at ``pos`` are what a rule requires ("…须公开招标，并经总经理办公会研究"), not a record that it was done:
    a requirement cue comes before them in their sentence with no date or 已 in between."""
    return _pending_requirement(text, pos) is not None


def _rule_wording(text: str, pos: int) -> bool:
    """A sole-supplier reason inside a requirement is a rule's wording ("须说明供应商的唯一性"), unless the
    requirement names who alone may do the work ("须由本寨芦笙队演出，外寨队伍不能代替"): that is the reason."""
    cue = _pending_requirement(text, pos)
    return cue is not None and not text.startswith("由", cue.end())


def _approval_in(text: str, kinds: tuple[str, ...] = ("authority", "change", "collective")) -> bool:
    """An outside authority approved (the method), or a collective body decided — not merely a signature."""
    res = _approval_res()
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
    return any(not required_not_done(text, m.start()) for m in _approval_res()["platform"].finditer(text))


def _required_limit(method: str, amount: float, category: str, on_platform: bool, th: Thresholds,
                    stated: list[StatedLimit]) -> tuple[float, str] | None:
    c = cues()["method_approval"]
    if method not in c["not_tender"]:
        return None
    out = []
    if amount >= th.open_tender[category]:
        out.append((th.open_tender[category], f"{_CATEGORY[category]}类公开招标限额"))
    if not on_platform:
        out += [(s.amount, s.label()) for s in stated
                if s.tier == "tender" and amount >= s.amount and s.applies_to(category)]
        # the unit's own comparison limit ("5万元以上…须三家以上询价比价") and a purchase made directly
        out += [(s.amount, s.label()) for s in stated
                if s.tier == "compare" and method in c["not_compare"] and amount >= s.amount
                and s.applies_to(category)]
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
                      and _approval_res()["platform"].search(s.evidence) for s in stated)
        if _approved(p, approvals, authority_only=statutory or imposed):
            continue
        limit, label = hit
        missing = ("未见政府采购监督管理部门的批准（单位自身的集体决策不能替代）" if statutory
                   else "未见主管部门批准变更采购方式（单位自身的会议决议不能替代规定的招标或公开交易程序）" if imposed
                   else "未见主管部门批准或集体决策记录")
        msg = (f"采购金额 {fmt_yuan(p.amount)} 达到 {fmt_yuan(limit)}（{label}），却采用“{p.method}”方式，"
               f"{missing}：{_fmt_purchase(p)}。请核对采购方式变更审批材料。")
        for rec in [p] + p.records:
            flags.append(make_flag(rec.doc, "method-vs-amount", msg, passage=rec.passage,
                                   related=[{"file": f} for f in p.files() if f != rec.doc.file]))
    return flags


# --------------------------------------------------------------------------- single source

_SS_FIELDS = (
    ("理由", r"(?:单一来源)?(?:采购)?(?:的)?(?:理由|原因)(?:说明)?"),
    ("专家论证意见", r"(?:专家)?论证(?:意见)?|专家意见|论证专家"),
    ("审批意见", r"(?:审批|审核|批准|主管部门|领导)意见"),
    ("公示", r"公示(?:情况|结果|期|时间)?"),
)
_SS_PROSE = {
    # the reason written in the opinion itself ("该型号球管为原厂专用件…市场无第三方兼容产品")
    # ("本区唯一具有该资质的机构", "只能找有资质的")
    # ("须原厂授权…均不能提供", "专利产品，市场上无通用替代件")
    # ("乙方为唯一提供者", "外寨队伍不能代替": a supplier no other can stand in for)
    "理由": r"原厂专用|专用件|专有|唯一(?:授权|供应|供货|生产|厂家|具有|具备|一家|的?(?:提供|服务|承接)(?:者|方|商|单位))|"
          r"独家|无第三方|不可替代|(?:不能|无法|不可|难以)(?:代替|替代|取代)|只能(?:由|从|向|找)|"
          r"无法由其他|兼容|(?:须|需|仅|只有)(?:由)?原厂|原厂授权|专利|无(?:通用|其他|同类)?(?:替代|可替代)|"
          r"(?:均|都)(?:不能|无法)(?:提供|满足)|仅[^。；\n]{0,6}能(?:满足|提供)",
    "专家论证意见": r"专家[^。；\n]{0,12}论证|论证[^。；\n]{0,6}(?:通过|认为)",
    "审批意见": r"(?:经|已|报)[^。；\n]{0,12}(?:批准|审批|同意)",
    "公示": r"(?:已|于|经)[^。；\n]{0,20}公示|公示[^。；\n]{0,10}(?:期满|无异议|结束)",
}




_FIELD_START_RE = re.compile(rf"^(?:注|说明|备注|[^\n]{{0,6}}(?:{'|'.join(rx for _n, rx in _SS_FIELDS)}))")


def _heading_with_body(text: str, line: re.Match) -> bool:
    """'二、专家意见' followed by a paragraph is the heading of a written section, not an empty cell of a form; so is
    an unnumbered heading ('单一来源理由') over a written sentence that is not the next field or a note."""
    body = next((ln.strip() for ln in text[line.end():].splitlines() if ln.strip()), "")
    if NUMBERED_ITEM_RE.match(body) or re.search(r"[:：]", body[:10]):     # the next field
        return False
    if NUMBERED_ITEM_RE.match(line.group(0)):
        return len(body) >= 8
    return len(body) >= 15 and "。" in body and not _FIELD_START_RE.match(body)


def _blank_under_seal(value: str) -> bool:
    """"（空白） 医" / "（空白） 永 院": an empty cell with a seal stamped across it, whose characters OCR reads one at
    a time after the blank mark ("无 异议" is a word, not a seal's stray characters)."""
    tokens = value.split()
    return len(tokens) > 1 and BLANK_RE.match(tokens[0]) is not None and all(len(t) == 1 for t in tokens[1:])


def _field_status(text: str, label_re: str, name: str) -> tuple[str, str]:
    """('filled'|'blank'|'absent', evidence). An OCR'd form has no colons: '分管院领导意见 同意黄志明' is a
    label and its value, and a line that is only the label ('采用单一来源方式的理由') is an empty cell."""
    status = "absent"
    ev = ""
    for m in re.finditer(rf"({label_re})[ \t]*(?:[:：]|[ \t](?=\S))[ \t]*([^\n；;]*)", text):
        value = re.split(r"\s{2,}|[|｜]", m.group(2).strip())[0]
        value = re.split(r"(?:专家|论证|审批|审核|批准|公示|理由|原因)[^：:]{0,6}[:：]", value)[0].strip(" 。，,")
        if BLANK_RE.match(value) or _blank_under_seal(value):
            status, ev = "blank", m.group(0).strip()
        else:
            return "filled", m.group(0)
    if status == "absent":
        cell = re.search(rf"^[ \t]*[^\n:：；;。，]{{0,12}}(?:{label_re})(?:[（(][^）)\n]*[）)]?)?[ \t]*$", text, re.M)
        if cell and _heading_with_body(text, cell):
            return "filled", cell.group(0).strip()
        if cell:
            status, ev = "blank", cell.group(0).strip()
    if status == "absent" and name in _SS_PROSE:
        for pm in re.finditer(_SS_PROSE[name], text):
            pending = _rule_wording if name == "理由" else required_not_done
            if not _APPROVAL_NEG_RE.search(text[max(0, pm.start() - 5): pm.start()]) and not pending(text, pm.start()):
                return "filled", pm.group(0)
    return status, ev


def _weak_reason(text: str, status: dict[str, tuple[str, str]]) -> bool:
    """A reason that names no sole supplier ("该公司近年服务及时"), with neither an expert opinion nor a publicity
    to show the supplier is the only one: an approval signature alone does not justify a single source."""
    if status["专家论证意见"][0] == "filled" or status["公示"][0] == "filled":
        return False
    return not re.search(_SS_PROSE["理由"], text)


# a register or a report lists single-source purchases among others; the reasons, the expert opinion and the
# publicity belong to each purchase's own application or approval, which is what this rule reads
SS_REGISTER_TYPES = {"ledger", "report"}


def _single_source(docs: list[Document]) -> list[Flag]:
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_kind in SKIP_KINDS or doc.doc_type in SKIP_TYPES | SS_REGISTER_TYPES:
            continue
        text = doc_text(doc)
        hits = [m for m in re.finditer(r"单一来源", text) if not unticked(text, m.start())
                and not re.search(r"(?:不得|禁止|严禁|不宜|不适用|不采用|不属于|除)[^。；\n]{0,6}$", text[max(0, m.start() - 8): m.start()])]
        if not hits or re.search(r"(?:制度|办法|规定|细则)$", text[:60].strip().splitlines()[0] if text.strip() else ""):
            continue
        status = {name: _field_status(text, rx, name) for name, rx in _SS_FIELDS}
        problems = [f"{n}{'栏为空' if s == 'blank' else '未见'}" for n, (s, _) in status.items() if s != "filled"]
        others = [status[n][0] for n in ("专家论证意见", "审批意见", "公示")]
        bad = status["理由"][0] != "filled" or "blank" in others or all(s == "absent" for s in others)
        if not bad and _weak_reason(text, status):
            bad = True
            problems.insert(0, "理由未说明供应商的唯一性")
        if not bad:
            continue
        psg = next((p for p in ordered_passages(doc) for n, (s, ev) in status.items()
                    if s == "blank" and ev and ev[:6] in p.text), None) \
            or next((p for p in ordered_passages(doc) if "单一来源" in p.text), None)
        flags.append(make_flag(doc, "single-source-unjustified",
                               f"采用单一来源采购，但缺少论证依据：{'；'.join(problems)}。"
                               f"单一来源须有充分理由、专家论证、审批并公示，请核对。", passage=psg))
    return flags


def _ss_columns(doc: Document) -> dict[str, list[str]]:
    """The register's columns for a single source's reason and for its expert opinion or publicity ("单一来源理由",
    "论证/公示"), gathered over all its rows (a row leaves its empty cells out)."""
    cols = {k for p in ordered_passages(doc) for k, _v in row_cells(p.text)}
    out: dict[str, list[str]] = {"理由": [], "论证/公示": []}
    for name, rx in _SS_FIELDS:
        slot = "理由" if name == "理由" else "论证/公示" if name in ("专家论证意见", "公示") else None
        if slot:
            out[slot] += [c for c in cols if re.search(rx, c) and c not in out[slot]]
    return out


def _own_papers(p: Purchase, docs: list[Document]) -> bool:
    """Another file names this purchase and speaks of its single source: its application, judged by itself."""
    keys = [k for k in (supplier_key(p.supplier), project_key(p.project)) if len(k) >= 3]
    return any(d.file != p.doc.file and d.status == "ok" and "单一来源" in (t := doc_text(d)) and any(k in t for k in keys)
               for d in docs)


def _single_source_rows(unit: Unit, purchases: list[Purchase], docs: list[Document], th: Thresholds,
                        stated: list[StatedLimit]) -> list[Flag]:
    """A register that keeps columns for a single source's reason and its expert opinion or publicity, with those
    cells empty in a 单一来源 row at or above the unit's competition limit: the register itself shows the purchase
    unjustified (a register without such columns leaves them to the purchase's own application)."""
    limit = _competition_limit(unit, th, stated)
    flags = []
    for r in (r for p in purchases for r in [p] + p.records):
        if r.kind != "ledger" or r.method != "单一来源" or r.amount < limit or _own_papers(r, docs):
            continue
        cells = dict(row_cells(r.passage.text))
        blank = [slot for slot, cols in _ss_columns(r.doc).items()
                 if cols and all(BLANK_RE.match(cells.get(c, "").strip()) for c in cols)]
        if blank:
            flags.append(make_flag(r.doc, "single-source-unjustified",
                                   f"登记表中的单一来源采购{'、'.join(blank)}栏为空：{_fmt_purchase(r)}。"
                                   "单一来源须写明唯一供应商的理由、经专家论证并公示，请核对该笔采购的论证材料。",
                                   passage=r.passage))
    return flags


_COMPETED_RE = re.compile(r"经[^。；;]{0,10}(?:比选|比价|询价|招标|磋商|谈判)")


def _direct_award(unit: Unit, docs: list[Document], th: Thresholds, stated: list[StatedLimit]) -> list[Flag]:
    """Minutes that give a purchase at or above the unit's competition limit straight to one supplier, saying the
    competition is skipped: an unjustified single source (no reason, no expert opinion, no publicity)."""
    cue = re.compile(alternation(cues()["method_approval"]["direct_award"]))
    limit = _competition_limit(unit, th, stated)
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_type not in MEETING_TYPES:
            continue
        for p in ordered_passages(doc):
            m = cue.search(p.text)
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
    direct = re.compile(alternation(c["direct_award"]))
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_type not in MEETING_TYPES:
            continue
        for item in agenda_items(doc):
            hits = deciding_sentences(item, method_re)
            text = item.text
            if not hits or direct.search(text) or _approval_in(text, ("authority",)):
                continue
            found = next(((sent, m, psg, amts) for sent, m, psg in hits
                          for amts in [decision_amounts(item, sent, psg)] if amts), None)
            if not found:
                continue
            sentence, m, psg, amounts = found
            amount, method = max(amounts), m.group(0)
            hit = _required_limit(method, amount, category_of(item.passages[0].text), bool(
                _approval_res()["platform"].search(text)), th, stated)
            if not hit:
                continue
            limit, label = hit
            flags.append(make_flag(doc, "method-vs-amount",
                                   f"会议决定以“{method}”方式采购（“{trim(sentence, 60)}”），金额 {fmt_yuan(amount)} "
                                   f"达到 {fmt_yuan(limit)}（{label}），未见主管部门批准变更采购方式。"
                                   "请核对是否应公开招标或履行采购方式变更审批。", passage=psg))
    return flags


# the meeting makes the single source subject to the procedure still to come: "须组织院外专家论证并按规定公示",
# "同意按单一来源报区卫健局审批后签约"
_SS_DUE_RE = re.compile(r"(?:须|需|应|必须|按规定|按程序)[^。；;\n]{0,12}(?:论证|公示)|报[^。；;，,\n]{0,10}(?:审批|批准|核准)|报批")


def _competition_limit(unit: Unit, th: Thresholds, stated: list[StatedLimit]) -> float:
    """The lowest amount from which the unit must compete or decide collectively (below it, direct buying is fine)."""
    return min([s.amount for s in stated] + [th.split_limit(unit.unit_type)])


def _single_source_in_minutes(unit: Unit, docs: list[Document], th: Thresholds,
                              stated: list[StatedLimit]) -> list[Flag]:
    """An agenda item that decides a single source, at or above the unit's competition limit, with no sole-supplier
    reason, or with neither an expert opinion nor a publicity ("用了五六年…希望继续用", "同意按单一来源采购").
    The meeting is the approval."""
    limit = _competition_limit(unit, th, stated)
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_type not in MEETING_TYPES:
            continue
        for item in agenda_items(doc):
            hits = deciding_sentences(item, _SS_RE)
            amount = max((a for sent, _m, psg in hits for a in decision_amounts(item, sent, psg)), default=0)
            if not hits or amount < limit:
                continue
            status = {n: _field_status(item.text, rx, n)[0] for n, rx in _SS_FIELDS if n != "审批意见"}
            if (status["理由"] == "filled" and "filled" in (status["专家论证意见"], status["公示"])) \
                    or _SS_DUE_RE.search(item.text):
                continue
            missing = [n for n, st in status.items() if st != "filled"]
            flags.append(make_flag(doc, "single-source-unjustified",
                                   f"会议决定单一来源采购（“{trim(hits[0][0], 60)}”，金额 {fmt_yuan(amount)}），"
                                   f"但未见{'、'.join(missing)}。单一来源须有唯一供应商的理由、专家论证并公示，请核对。",
                                   passage=hits[0][2]))
    return flags


def check(unit: Unit, docs: list[Document], th: Thresholds) -> list[Flag]:
    purchases = collect(docs, (unit.period_start, unit.period_end))
    stated = stated_limits(docs)
    direct = _direct_award(unit, docs, th, stated)
    handed = {f.file for f in direct}
    return (_split(unit, purchases, th, stated) + _method_vs_amount(unit, purchases, docs, th, stated)
            + _method_in_minutes(docs, th, stated)
            + _single_source([d for d in docs if is_procurement_doc(d) or "单一来源" in doc_text(d)[:400]])
            + _single_source_rows(unit, purchases, docs, th, stated)
            + _single_source_in_minutes(unit, [d for d in docs if d.file not in handed], th, stated)
            + direct + dates_order.check(purchases, docs))
