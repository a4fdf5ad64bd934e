"""Single-source-unjustified: a single source without a sole-supplier reason, an expert opinion, an approval or a
publicity — on its application or form, in a register's row, or decided in a meeting's agenda item."""
from __future__ import annotations

import re

from classifiers.text_utils import NUMBERED_ITEM_RE
from pipeline.flags.common import doc_text, fmt_yuan, make_flag, ordered_passages, trim
from pipeline.flags.decisions import MEETING_TYPES, agenda_items, deciding_sentences, decision_amounts
from pipeline.flags.limits import StatedLimit
from pipeline.flags.procurement_common import (BLANK_RE, competition_limit, fmt_purchase, pending_requirement,
                                               required_not_done)
from pipeline.flags.purchases import (SKIP_KINDS, SKIP_TYPES, Purchase, is_procurement_doc, project_key, row_cells,
                                      supplier_key, unticked)
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag, Unit

_SS_RE = re.compile(r"单一来源")
# "未经批准", "未附专家论证意见", "没有进行公示": the words are said to be missing
_APPROVAL_NEG_RE = re.compile(r"(?:未经?|没有|无|尚未|未予|不予|缺少?)(?:附|附上|附有|提供|见|组织|进行|履行|经过|做|作)?$")


def _rule_wording(text: str, pos: int) -> bool:
    """A sole-supplier reason inside a requirement is a rule's wording ("须说明供应商的唯一性"), unless the
    requirement names who alone may do the work ("须由本寨芦笙队演出，外寨队伍不能代替"): that is the reason."""
    cue = pending_requirement(text, pos)
    return cue is not None and not text.startswith("由", cue.end())


_SS_FIELDS = (
    ("理由", r"(?:单一来源)?(?:采购)?(?:的)?(?:理由|原因)(?:说明)?"),
    ("专家论证意见", r"(?:专家)?论证(?:意见)?|专家意见|论证专家"),
    # (a sign-off block headed "审批：" holds the approvals)
    ("审批意见", r"(?:审批|审核|批准|主管部门|领导)意见|审批(?=[:：])"),
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
          r"(?:均|都)(?:不能|无法)(?:提供|满足)|仅[^。；\n]{0,6}能(?:满足|提供)|"
          # ("封闭系统，只能使用原厂配套试剂，原厂…仅授权一家经销商")
          r"只能(?:使用|用|采购|购买|选用)[^。；\n]{0,4}原厂|(?:仅|只)(?:授权|指定)了?(?:一家|1家|唯一)|封闭(?:系统|式)",
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


# a line that starts the next field of the form: a short label with a colon, or one of the fields' own labels
_NEXT_FIELD_RE = re.compile(rf"^[^\n:：；;。，]{{0,10}}[:：]|^[^\n:：；;。，]{{0,12}}(?:{'|'.join(rx for _n, rx in _SS_FIELDS)})"
                            r"(?:[（(][^）)\n]*[）)])?(?:\s|$)")


def _written_below(text: str, pos: int) -> str:
    """The first line under a label whose cell ends its line ("专家意见：" / "1.该设备…需使用原厂授权密钥…"; "审批：" /
    "生产部经理陈德明9月20日"), when it is written content rather than the next field or a blank mark; else ""."""
    end = text.find("\n", pos)
    if end < 0 or text[pos:end].strip():
        return ""       # the cell goes on along its line ("理由：；专家意见：…")
    body = next((ln.strip() for ln in text[end:].splitlines() if ln.strip()), "")
    item = NUMBERED_ITEM_RE.sub("", body).strip()
    if len(item) < 6 or BLANK_RE.match(item) or _NEXT_FIELD_RE.match(item):
        return ""
    return body


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
            below = "" if m.group(2).strip() else _written_below(text, m.end())
            if below:
                return "filled", f"{m.group(0).strip()} {below}"
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


# a rule's wording about single source, not a purchase made by it: an article of rules bound into a file ("第六条 …
# 确需单一来源采购的，须书面说明唯一性理由…"), or a condition the rule attaches a procedure to ("采用单一来源的，应…")
_ARTICLE_RE = re.compile(r"^\s*第[一二三四五六七八九十百\d]{1,4}条")
_CONDITION_RE = re.compile(r"[^。；;，,：:\n]{0,12}的\s*[，,]?\s*(?:须|需|应|必须|要)")


def _rule_mention(text: str, pos: int) -> bool:
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return bool(_ARTICLE_RE.match(line) or _CONDITION_RE.match(text, pos + len("单一来源")))


def _single_source(docs: list[Document]) -> list[Flag]:
    flags = []
    for doc in docs:
        if doc.status != "ok" or doc.doc_kind in SKIP_KINDS or doc.doc_type in SKIP_TYPES | SS_REGISTER_TYPES:
            continue
        text = doc_text(doc)
        hits = [m for m in re.finditer(r"单一来源", text) if not unticked(text, m.start()) and not _rule_mention(text, m.start())
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
    limit = competition_limit(unit, th, stated)
    flags = []
    for r in (r for p in purchases for r in [p] + p.records):
        if r.kind != "ledger" or r.method != "单一来源" or r.amount < limit or _own_papers(r, docs):
            continue
        cells = dict(row_cells(r.passage.text))
        blank = [slot for slot, cols in _ss_columns(r.doc).items()
                 if cols and all(BLANK_RE.match(cells.get(c, "").strip()) for c in cols)]
        if blank:
            flags.append(make_flag(r.doc, "single-source-unjustified",
                                   f"登记表中的单一来源采购{'、'.join(blank)}栏为空：{fmt_purchase(r)}。"
                                   "单一来源须写明唯一供应商的理由、经专家论证并公示，请核对该笔采购的论证材料。",
                                   passage=r.passage))
    return flags


# the meeting makes the single source subject to the procedure still to come: "须组织院外专家论证并按规定公示",
# "要先请县卫健局组织专家论证", "同意按单一来源报区卫健局审批后签约", "论证、公示后签订合同"
_SS_DUE_RE = re.compile(r"(?:须|需|应|要|必须|按规定|按程序)[^。；;\n]{0,12}(?:论证|公示)|报[^。；;，,\n]{0,10}(?:审批|批准|核准)|报批|"
                        r"(?:论证|公示)[^。；;，,\n]{0,4}后[^。；;，,\n]{0,4}(?:签|采购|购买|实施|执行)")


def _single_source_in_minutes(unit: Unit, docs: list[Document], th: Thresholds,
                              stated: list[StatedLimit]) -> list[Flag]:
    """An agenda item that decides a single source, at or above the unit's competition limit or the single-source
    floor (``single_source_min``), with no sole-supplier reason, or with neither an expert opinion nor a publicity
    ("用了五六年…希望继续用", "同意按单一来源采购"). The meeting is the approval."""
    limit = min(competition_limit(unit, th, stated), th.single_source_min)
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


def check(unit: Unit, docs: list[Document], purchases: list[Purchase], th: Thresholds, stated: list[StatedLimit],
          handed: set[str]) -> list[Flag]:
    """The single-source rules over a unit's files; minutes whose direct award is already flagged (``handed``) are
    left out of the meeting rule."""
    return (_single_source([d for d in docs if is_procurement_doc(d) or "单一来源" in doc_text(d)[:400]])
            + _single_source_rows(unit, purchases, docs, th, stated)
            + _single_source_in_minutes(unit, [d for d in docs if d.file not in handed], th, stated))
