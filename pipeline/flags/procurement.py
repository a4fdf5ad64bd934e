"""Procurement rules: split-purchase, method-vs-amount, single-source-unjustified, dates-out-of-order."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.flags.common import find_dates, first_date_after, fmt_yuan, make_flag, ordered_passages, parse_amounts, parse_iso, trim
from pipeline.flags.purchases import (NONCOMPETITIVE, SKIP_KINDS, SKIP_TYPES, Purchase, collect, doc_kind,
                                      is_procurement_doc, project_key, same_project, same_supplier,
                                      sign_date, supplier_key)
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Unit

_CATEGORY = {"goods": "货物", "services": "服务", "works": "工程"}
BLANK_RE = re.compile(r"^(?:|无|暂无|空|/|／|—+|-+|——|略|未填写|未填|待定|\s+)$")
APPROVAL_RE = re.compile(r"批准|审批|批复|集体决策|集体研究|会议研究|研究决定|党组会|党委会|三重一大|班子会|办公会|村民代表会议")
_APPROVAL_NEG_RE = re.compile(r"(?:未经?|没有|无|尚未|未予|不予)$")


def _fmt_purchase(p: Purchase) -> str:
    d = p.date.isoformat() if p.date else "日期不详"
    who = f"，{p.supplier}" if p.supplier else ""
    what = f"，{p.project}" if p.project else ""
    return f"{d} {fmt_yuan(p.amount)}{who}{what}（{'、'.join(p.files())}）"


def _limits(unit: Unit, th: Thresholds, p: Purchase) -> list[tuple[float, str]]:
    lim = th.split_limit(unit.unit_type)
    label = "村级项目“四议两公开”/集体决策限额" if unit.unit_type == "cunju" else "集体决策限额"
    return [(lim, label), (th.open_tender[p.category], f"{_CATEGORY[p.category]}类公开招标限额")]


def _split(unit: Unit, purchases: list[Purchase], th: Thresholds) -> list[Flag]:
    flags: list[Flag] = []
    done: set[frozenset[int]] = set()
    for p0 in purchases:
        for limit, label in _limits(unit, th, p0):
            cand = [p for p in purchases if p.date and th.split_band * limit <= p.amount < limit]
            if p0 not in cand:
                continue
            group = [p for p in cand if p is p0 or (
                abs((p.date - p0.date).days) <= th.split_window_days
                and (same_supplier(p.supplier, p0.supplier) or same_project(p.project, p0.project)))]
            key = frozenset(id(p) for p in group)
            if len(group) < 2 or key in done or sum(p.amount for p in group) < limit:
                continue
            done.add(key)
            group.sort(key=lambda p: p.date)
            by = (f"同一供应商“{supplier_key(p0.supplier)}”" if all(same_supplier(p.supplier, p0.supplier) for p in group)
                  else f"同一项目“{project_key(p0.project) or p0.project}”")
            span = (group[-1].date - group[0].date).days
            msg = (f"疑似拆分采购规避限额：{by}在 {span} 天内（窗口 {th.split_window_days} 天）有 {len(group)} 笔采购："
                   f"{'；'.join(_fmt_purchase(p) for p in group)}。每笔均略低于{label}{fmt_yuan(limit)}，"
                   f"合计 {fmt_yuan(sum(p.amount for p in group))} 超过限额，请核对是否拆分项目以规避集体决策或招标程序。")
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


def _approved(p: Purchase, docs: list[Document]) -> bool:
    texts = [r.doc.text for r in [p] + p.records]
    for d in docs:
        if d.doc_type in ("minutes", "collective_decision") or doc_kind(d.text) == "approval":
            t = d.text
            if (p.supplier and supplier_key(p.supplier) and supplier_key(p.supplier) in t) or (
                    project_key(p.project) and len(project_key(p.project)) >= 3 and project_key(p.project) in t):
                texts.append(t)
    for t in texts:
        for m in APPROVAL_RE.finditer(t):
            if _APPROVAL_NEG_RE.search(t[max(0, m.start() - 3): m.start()]):
                continue
            after = t[m.end(): m.end() + 12]
            lab = re.match(r"(?:意见|情况|结果)?\s*[:：]\s*([^；;。\n]*)", after)
            if lab and BLANK_RE.match(lab.group(1).strip()):
                continue
            return True
    return False


def _method_vs_amount(purchases: list[Purchase], docs: list[Document], th: Thresholds) -> list[Flag]:
    flags = []
    for p in purchases:
        limit = th.open_tender[p.category]
        if p.method in NONCOMPETITIVE and p.amount >= limit and not _approved(p, docs):
            msg = (f"采购金额 {fmt_yuan(p.amount)} 达到{_CATEGORY[p.category]}类公开招标限额 {fmt_yuan(limit)}，"
                   f"却采用“{p.method}”方式，未见批准/审批或集体决策记录：{_fmt_purchase(p)}。请核对采购方式变更审批材料。")
            for rec in [p] + p.records:
                flags.append(make_flag(rec.doc, "method-vs-amount", msg, passage=rec.passage,
                                       related=[{"file": f} for f in p.files() if f != rec.doc.file]))
    return flags


# --------------------------------------------------------------------------- single source

_SS_FIELDS = (
    ("理由", r"(?:单一来源)?(?:采购)?(?:的)?(?:理由|原因)(?:说明)?"),
    ("专家论证意见", r"(?:专家)?论证(?:意见)?|专家意见"),
    ("审批意见", r"(?:审批|审核|批准|主管部门|领导)意见"),
    ("公示", r"公示(?:情况|结果|期|时间)?"),
)
_SS_PROSE = {
    "专家论证意见": r"专家[^。；\n]{0,12}论证|论证[^。；\n]{0,6}(?:通过|认为)",
    "审批意见": r"(?:经|已|报)[^。；\n]{0,12}(?:批准|审批|同意)",
    "公示": r"(?:已|于|经)[^。；\n]{0,20}公示|公示[^。；\n]{0,10}(?:期满|无异议|结束)",
}


def _field_status(text: str, label_re: str, name: str) -> tuple[str, str]:
    """('filled'|'blank'|'absent', evidence)."""
    status = "absent"
    ev = ""
    for m in re.finditer(rf"({label_re})\s*[:：]\s*([^\n；;]*)", text):
        value = re.split(r"\s{2,}|[|｜]", m.group(2).strip())[0]
        value = re.split(r"(?:专家|论证|审批|审核|批准|公示|理由|原因)[^：:]{0,6}[:：]", value)[0].strip(" 。，,")
        if BLANK_RE.match(value):
            status, ev = "blank", m.group(0).strip()
        else:
            return "filled", m.group(0)
    if status == "absent" and name in _SS_PROSE:
        pm = re.search(_SS_PROSE[name], text)
        if pm and not _APPROVAL_NEG_RE.search(text[max(0, pm.start() - 3): pm.start()]):
            return "filled", pm.group(0)
    return status, ev


def _single_source(docs: list[Document]) -> list[Flag]:
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_kind in SKIP_KINDS or doc.doc_type in SKIP_TYPES:
            continue
        text = doc.text
        hits = [m for m in re.finditer(r"单一来源", text)
                if not re.search(r"(?:不得|禁止|严禁|不宜|不适用|不采用|不属于|除)[^。；\n]{0,6}$", text[max(0, m.start() - 8): m.start()])]
        if not hits or re.search(r"(?:制度|办法|规定|细则)$", text[:60].strip().splitlines()[0] if text.strip() else ""):
            continue
        status = {name: _field_status(text, rx, name) for name, rx in _SS_FIELDS}
        problems = [f"{n}{'栏为空' if s == 'blank' else '未见'}" for n, (s, _) in status.items() if s != "filled"]
        others = [status[n][0] for n in ("专家论证意见", "审批意见", "公示")]
        bad = status["理由"][0] != "filled" or "blank" in others or all(s == "absent" for s in others)
        if not bad:
            continue
        psg = next((p for p in ordered_passages(doc) for n, (s, ev) in status.items()
                    if s == "blank" and ev and ev[:6] in p.text), None) \
            or next((p for p in ordered_passages(doc) if "单一来源" in p.text), None)
        flags.append(make_flag(doc, "single-source-unjustified",
                               f"采用单一来源采购，但缺少论证依据：{'；'.join(problems)}。"
                               f"单一来源须有充分理由、专家论证、审批并公示，请核对。", passage=psg))
    return flags


# --------------------------------------------------------------------------- dates out of order

_EXCLUDE_PREREQ = re.compile(r"验收|付款|支付|报销|结算|审计|决算|履约")


def _prereq_date(doc: Document, kind: str) -> Optional[tuple[dt.date, str]]:
    labels = {"award": ("通知日期", "发出日期", "成交日期", "中标日期", "日期"),
              "approval": ("审批日期", "批准日期", "批复日期", "日期"),
              "minutes": ("会议时间", "时间", "日期")}[kind]
    found = first_date_after(doc.text, labels)
    if found:
        return found
    d = parse_iso(doc.doc_date)
    return (d, f"文件日期 {doc.doc_date}") if d else None


def _about(doc: Document, p: Purchase) -> bool:
    t = doc.text
    sk, pk = supplier_key(p.supplier), project_key(p.project)
    if sk and len(sk) >= 2 and sk in t:
        return True
    if pk and len(pk) >= 3 and pk in re.sub(r"\s", "", t):
        return True
    return any(abs(v - p.amount) < 1 for v, _ in parse_amounts(t))


def _dates_order(purchases: list[Purchase], docs: list[Document]) -> list[Flag]:
    flags = []
    contracts = [r for p in purchases for r in [p] + p.records if r.kind == "contract"]
    for c in contracts:
        sd = sign_date(c.doc)
        if not sd:
            continue
        sign, sign_text = sd
        for d in docs:
            if d is c.doc or d.status != "ok":
                continue
            kind = doc_kind(d.text)
            if d.doc_type in ("minutes", "collective_decision"):
                kind = "minutes"
            if kind not in ("award", "approval", "minutes") or _EXCLUDE_PREREQ.search(d.text[:300]):
                continue
            if not _about(d, c):
                continue
            pre = _prereq_date(d, kind)
            if not pre or pre[0] <= sign:
                continue
            what = {"award": "成交/中标通知书", "approval": "审批", "minutes": "集体决策会议"}[kind]
            msg = (f"合同签订日期 {sign.isoformat()}（“{trim(sign_text, 40)}”）早于{what}日期 {pre[0].isoformat()}"
                   f"（{d.file}：“{trim(pre[1], 40)}”），项目：{c.project or '—'}，供应商：{c.supplier or '—'}，"
                   f"金额：{fmt_yuan(c.amount)}。先签合同后走程序，请核对。")
            psg = next((p for p in ordered_passages(c.doc) if sign_text[:6] in p.text), c.passage)
            flags.append(make_flag(c.doc, "dates-out-of-order", msg, passage=psg,
                                   related=[{"file": d.file, "date": pre[0].isoformat()}]))
            break
    return flags


def check(unit: Unit, docs: list[Document], th: Thresholds) -> list[Flag]:
    purchases = collect(docs)
    return (_split(unit, purchases, th) + _method_vs_amount(purchases, docs, th)
            + _single_source([d for d in docs if is_procurement_doc(d) or "单一来源" in d.text[:400]])
            + _dates_order(purchases, docs))
