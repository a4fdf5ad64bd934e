"""dates-out-of-order inside one form: a sign-off dated before the step it signs off (总经理审批 6-18 on a form
applied for on 6-20), a payment made before the form approving it was signed off, a payment form whose project
history has the contract signed before the project was approved or its supplier chosen, a contract or purchase approval
form whose contract was signed (or goods accepted) before the form was applied for or approved, an
acceptance dated before the contract it accepts was signed, or a report that is due before its event dated after
it (婚丧喜庆事宜 reported a week after the wedding), a result notice put up before the bidding it announces, or a
"四议两公开" record whose steps are out of order (also one kept as a dated log under any title: ``deliberation``),
or a register of collective decisions (三重一大) one of whose matters was contracted before the meeting that decided
it, or a purchase's log of its steps signed before it compared, or an approval-flow log whose nodes are out of
order (``flow_order``), or a meeting record whose outcome was put up before the meeting (``outcome_order``), or a
reply dated before the request it answers (``reply_order``). The step labels and form titles are data
(``cues.dates`` in checklists/thresholds.yaml)."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Optional

from classifiers.dates import document_date
from pipeline.flags import deliberation, flow_order, outcome_order, reply_order
from pipeline.flags.common import doc_text, find_dates, first_date_after, make_flag, ordered_passages, parse_iso
from pipeline.flags.common import signoff_date, trim
from pipeline.flags.cues import alternation, cues
from pipeline.flags.dates_order import title_line
from pipeline.models import Document, Flag


# a scan often runs numbered items into one line ("三、党员大会审议2025年5月14日…四、村民代表会议决议2025年5月12日…")
_ITEM_SPLIT_RE = re.compile(r"[；;]|(?<=\S)(?=[一二三四五六七八九十]{1,2}、)")
# a cell that only dates the row's step ("程序: 两委会商议；时间: 2025年5月14日"): its label is at most a date label
_DATE_CELL_RE = re.compile(r"^\s*(?:[\u4e00-\u9fa5]{0,4}(?:时间|日期))?\s*[:：]?\s*$")

Step = tuple[list[str], list[str]]      # the step's words; phrases that do not name it ("付款申请" is no payment)


def _names(label: str, step: Step) -> bool:
    words, unless = step
    for phrase in unless:
        label = label.replace(phrase, "")
    return any(w in label for w in words)


def _step_of(label: str, steps: list[Step]) -> list[int]:
    return [i for i, step in enumerate(steps) if _names(label, step)]


# what comes just before a compact date that is part of a form's number ("CG-20240203", "编号：20240203")
_SERIAL_RE = re.compile(r"(?:[A-Za-z]{1,8}[-_—]?|(?:编号|单号|文号|流水号|No\.?)\s*[:：]?\s*)$")


def _dated_cells(part: str) -> list[tuple[str, str, dt.date]]:
    """(label, quoted text, date) per date of a cell; a scan runs several "label：date" cells into one
    ("申请日期：2025年4月22日询价日期：2025年4月24日合同签订日期：2025年4月9日"): each date's label is the text since
    the date before it."""
    out, start = [], 0
    for h in find_dates(part):
        if _SERIAL_RE.search(part, 0, h.span[0]):
            continue        # "编号：CG-20240203": a serial number, no step's date
        out.append((part[start:h.span[0]], part[start:h.span[1]], h.date))
        start = h.span[1]
    return out


def _step_dates(text: str, steps: list[Step], by_row: bool) -> list[tuple[int, dt.date, str, int]]:
    """(step index, date, text) for each date labelled by one step: in its own label, at the end of the line before,
    or (``by_row``) in an earlier dateless cell of the same row ("程序: 党支部提议；时间: 2025年5月20日"). Rows are
    read only where steps are events: a form's steps are signers' titles, and in a workflow table the village's
    书记 signs before the town's 分管领导 ("节点: 村党组织书记；…处理时间: 2025-05-14")."""
    out = []
    carried: Optional[tuple[int, str]] = None     # a step named at the end of the previous line, its date on this one
    for line_no, line in enumerate(text.splitlines()):
        at_start = len(out)
        parts = _ITEM_SPLIT_RE.split(line)
        row: Optional[tuple[int, str]] = None      # a step named in a dateless cell of this row
        for n, part in enumerate(parts):
            cells = _dated_cells(part)
            if not cells and by_row:
                named = _step_of(part, steps)
                row = (max(named), part.strip()) if named else row
            for k, (label, quoted, date) in enumerate(cells):
                found = _step_of(label, steps)
                if found:
                    # quote from the step's own label on ("…合同金额：约36万元 合同签订日期：2024年3月5日")
                    at = min(label.rfind(w) for w in steps[max(found)][0] if w in label)
                    out.append((max(found), date, quoted[max(at, 0):].strip()))
                elif row is not None and _DATE_CELL_RE.match(label):
                    out.append((row[0], date, f"{row[1]}…{(part if len(cells) == 1 else quoted).strip()}"))
                elif n == 0 and k == 0 and carried is not None and len(label.strip()) <= 4:
                    # "…局长批示：同意，抓紧实施。" / "黄志坚2025年7月9日": a scan breaks the line before the signer's date
                    out.append((carried[0], date, f"{carried[1]}…{(part if len(cells) == 1 else quoted).strip()}"))
        last = parts[-1]
        hits = find_dates(last)
        tail = last[hits[-1].span[1]:] if hits else last
        named = _step_of(tail, steps)
        carried = (max(named), tail.strip()) if named and not find_dates(tail) else None
        out[at_start:] = [(*hit, line_no) for hit in out[at_start:]]
    return out


def _as_step(s) -> Step:
    if isinstance(s, tuple):
        return s
    return (s["words"], s.get("unless", [])) if isinstance(s, dict) else (s, [])


def _chain_flag(doc: Document, text: str, steps: list, what: str = "审批", by_row: bool = False) -> Optional[Flag]:
    """``steps``: word lists, or (words, phrases that do not name the step) pairs or {words, unless} mappings."""
    dated = _step_dates(text, [_as_step(s) for s in steps], by_row)
    # a register of several matters, one per row with its own dated steps (a system export of 四议两公开 flows):
    # each row is its own chain — one matter's 商议 is not compared with the next matter's 提议
    per_row = Counter(hit[3] for hit in dated)
    register = sum(1 for n in per_row.values() if n >= 2) >= 2
    for later in dated:
        for earlier in dated:
            if register and earlier[3] != later[3]:
                continue
            if earlier[0] < later[0] and later[1] < earlier[1]:
                psg = next((p for p in ordered_passages(doc) if later[2][:8] in p.text), None)
                return make_flag(doc, "dates-out-of-order",
                                 f"{what}环节日期倒置：“{trim(later[2], 30)}”早于前一环节“{trim(earlier[2], 30)}”。"
                                 "后一环节不应早于前一环节，可能系事后补签或倒签，请核对原件。", passage=psg)
    return None


def _prior_report_flag(doc: Document, text: str, spec: dict) -> Optional[Flag]:
    event = first_date_after(text, spec["event"])
    report = first_date_after(text, spec["report"])
    if not (event and report) or report[0] <= event[0]:
        return None
    psg = next((p for p in ordered_passages(doc) if report[1][:6] in p.text), None)
    return make_flag(doc, "dates-out-of-order",
                     f"应事前报告的事项事后才报告：“{trim(report[1], 30)}”晚于“{trim(event[1], 30)}”。请核对是否按规定事前报告。",
                     passage=psg)


def _payment_flag(doc: Document, text: str, spec: dict) -> Optional[Flag]:
    """A payment form paid before the contract it pays was signed, or (a full or final payment) before the work was
    accepted: 付款 8-16, 验收 8-20, 合同 8-26 on one 工程款支付审批单 — paid first, papers made to fit."""
    paid = first_date_after(text, spec["paid"])
    if paid is None:
        return None
    advance = any(w in text for w in spec["advance"])
    for labels, what in ((spec["signing"], "合同签订"), ([] if advance else spec["acceptance"], "验收")):
        before = first_date_after(text, labels)
        if before is not None and paid[0] < before[0]:
            psg = next((p for p in ordered_passages(doc) if paid[1][:6] in p.text), None)
            return make_flag(doc, "dates-out-of-order",
                             f"付款早于{what}：“{trim(paid[1], 30)}”早于“{trim(before[1], 30)}”。先付款、后{what}，"
                             "可能系倒签或事后补办手续，请核对原件。", passage=psg)
    return None


def _issued_on(doc: Document) -> Optional[dt.date]:
    """The date a notice was put up: its sign-off ("江津区花椒商会秘书处2024年7月24日") when it ends with one, else its
    document date — unless that was only read from the body next to an activity ("CT球管于2025年3月4日出现打火报警"): a
    thing the text tells of, not when the text was written."""
    own = signoff_date(doc)
    if own is not None:
        return own
    found = document_date(doc.text, doc.passages, doc.doc_type)   # as the document date was read
    return None if found is not None and found.from_body and found.iso == doc.doc_date else parse_iso(doc.doc_date)


def _approved_after_flag(doc: Document, text: str, spec: dict) -> Optional[Flag]:
    """A notice dated 7-24 that says it was "经2024年8月2日…理事会…审议通过": the approval it cites came after it."""
    clause = re.compile(rf"{spec['lead']}([^，,。；;\n]{{0,40}}?)(?:{alternation(spec['bodies'])})"
                        rf"[^，,。；;\n]{{0,12}}?(?:{alternation(spec['verbs'])})")
    cited = [(m, hits) for m in clause.finditer(text) for hits in [find_dates(m.group(1))] if hits]
    own = _issued_on(doc) if cited else None     # read only for a notice that cites a dated approval
    for m, hits in cited:
        if own is not None and hits[0].date > own:
            psg = next((p for p in ordered_passages(doc) if m.group(0)[:8] in p.text), None)
            return make_flag(doc, "dates-out-of-order",
                             f"文件落款日期 {own.isoformat()} 早于其所称的审批/审议日期：“{trim(m.group(0), 40)}”。"
                             "先公布、后审议，可能系事后补办或倒签，请核对原件。", passage=psg)
    return None


def _result_before_event_flag(doc: Document, text: str, spec: dict) -> Optional[Flag]:
    """A result notice dated 5-14 that says the bidding was held "于2025年5月20日…公开竞价": it announces a result
    before the event that decides it. A date followed by 前/截止 is a deadline, not the event."""
    own = _issued_on(doc)
    if own is None:
        return None
    deadline = re.compile(alternation(cues()["dates"]["deadline"]))
    event = re.compile(alternation(spec["events"]))
    for clause in re.split(r"[，,。；;\n]", text):
        if not event.search(clause):
            continue
        for h in find_dates(clause):
            if h.date > own and not deadline.match(clause[h.span[1]:].strip()):
                psg = next((p for p in ordered_passages(doc) if clause[:8] in p.text), None)
                return make_flag(doc, "dates-out-of-order",
                                 f"结果公示日期 {own.isoformat()} 早于其所公布结果的竞价/评审日期：“{trim(clause, 40)}”。"
                                 "先公布结果、后组织竞价/评审，程序可能系走过场或事后补记，请核对原件。", passage=psg)
    return None


def _titled_log(title: str, subjects: list[str], logs: list[str]) -> bool:
    """A register or log of one subject ("三重一大事项决策登记表", "…项目采购资料汇总")."""
    return any(w in title for w in subjects) and any(w in title for w in logs)


def _request_form(title: str, c: dict) -> bool:
    return any(w in title for w in c["purchase_request"]["titles"])


def _form_steps(title: str, c: dict) -> list:
    """The sign-off chain, then what the approval allows: a contract or purchase approval form is followed by the
    signing and the acceptance (it is signed once every step has approved it); any form by the payment. A purchase
    request form that carries its own acceptance ("采购申请及验收单") is no acceptance form: whatever names its
    acceptance (验收人, 入库日期) comes after the approval. The event a form approves (接待日期 on a 公务接待审批单)
    comes after the approval too."""
    cf, paid = c["contract_form"], c["paid_step"]
    steps = list(c["steps"])
    carried = c["purchase_request"]["carries"] if _request_form(title, c) else []
    if (carried or any(w in title for w in cf["titles"])) and \
            not any(w in title for w in cf["exclude"] if w not in carried):
        steps += [cf["signing"], cf["acceptance"] + carried]
    event = c["prior_event"]
    if not any(w in title for w in event["exclude"]):
        steps.append(event["labels"])
    return steps + [(paid["words"], paid["unless"])]


def check(docs: list[Document]) -> list[Flag]:
    c = cues()["dates"]
    flags = []
    for doc in docs:
        if doc.status != "ok":
            continue
        title = title_line(doc)
        if any(w in title for w in c["deliberation"]["titles"]):
            f = _chain_flag(doc, doc_text(doc), c["deliberation"]["steps"], "“四议两公开”", by_row=True) \
                or deliberation.check(doc, titled=True)
        elif _titled_log(title, c["decision_register"]["subjects"], c["decision_register"]["registers"]):
            f = _chain_flag(doc, doc_text(doc), c["decision_register"]["steps"], "集体决策事项", by_row=True)
        elif _titled_log(title, c["procurement_log"]["subjects"], c["procurement_log"]["logs"]):
            f = _chain_flag(doc, doc_text(doc), c["procurement_log"]["steps"], "采购", by_row=True)
        elif any(w in title for w in c["prior_report"]["titles"]):
            f = _prior_report_flag(doc, doc_text(doc), c["prior_report"])
        elif any(w in title for w in c["forms"]) or _request_form(title, c):
            paying = any(w in title for w in c["payment_form"]["titles"])
            f = (paying and _payment_flag(doc, doc_text(doc), c["payment_form"])) or \
                _chain_flag(doc, doc_text(doc), _form_steps(title, c)) or \
                (paying and _chain_flag(doc, doc_text(doc), c["payment_form"]["history"], "采购/工程")) or None
        elif any(w in title for w in c["acceptance"]["titles"]):
            f = _chain_flag(doc, doc_text(doc), c["acceptance"]["steps"], "采购/工程", by_row=True)
        elif any(w in title for w in c["result_notice"]["titles"]):
            f = _result_before_event_flag(doc, doc_text(doc), c["result_notice"])
        else:
            f = None
        if f is None:
            f = flow_order.check(doc) or outcome_order.check(doc) or deliberation.check(doc, titled=False)
        if f is None and doc.doc_type not in ("minutes", "collective_decision"):
            f = _approved_after_flag(doc, doc_text(doc), c["approved_after"])
        if f is not None:
            flags.append(f)
    flagged = {f.file for f in flags}
    return flags + [f for f in reply_order.check(docs) if f.file not in flagged]
