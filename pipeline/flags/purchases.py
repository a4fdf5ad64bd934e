"""Purchase records extracted from a unit's documents: ledger rows, contracts, inquiry records."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Optional

from pipeline.flags import bundle, register_lines
from pipeline.flags.common import CATEGORY_WORDS, doc_text, find_dates, first_date_after, ordered_passages, parse_amounts, parse_iso
from pipeline.models import Document, Passage

SKIP_KINDS = {"rule", "plan", "notice", "pledge"}
SKIP_TYPES = {"rules", "plan", "pledge", "training", "signin", "photo", "minutes", "collective_decision"}

METHODS = ("公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "询价", "单一来源", "直接采购", "自行采购", "网上商城",
           "电子卖场", "定点采购", "框架协议", "协议供货", "比选", "直接委托", "直接发包", "定点")
# a unit's own comparison of quotes is a method too ("采购方式：院内比价"), but the word names a method only in the
# method field: elsewhere it is a record or a remark ("比价记录不完整", "比价：三家")
COMPARED_PRICES = "比价"
# purchases under a standing agreement recur by design and are not split parts
RECURRING = {"定点采购", "定点", "框架协议", "协议供货"}
# other words for a method, read as it ("采购方式：直接购买" is 直接采购)
METHOD_ALIASES = {"直接购买": "直接采购", "直接购置": "直接采购", "自行购买": "自行采购", "自行购置": "自行采购"}
_ALIAS_RE = re.compile("|".join(METHOD_ALIASES))
NONCOMPETITIVE = {"竞争性谈判", "竞争性磋商", "询价", "单一来源", "直接采购", "自行采购", "直接委托", "直接发包", "比选"}

DATE_KEYS = ("签订日期", "采购日期", "合同日期", "采购时间", "付款日期", "支付日期", "成交日期", "日期", "时间", "日子")
# a subcontract ("劳务分包合同": 承包人 the unit itself, 分包人 the firm it pays) names its supplier 分包人
SUPPLIER_KEYS = ("成交供应商", "中标供应商", "供应商名称", "供应商", "中标单位", "中标人", "成交单位", "收款单位", "收款方",
                 "收款人", "销售方", "供货单位", "供货商", "供货方", "供应单位", "分包人", "分包方", "分包单位", "承包方",
                 "承包人", "承建单位", "承接单位", "承接方", "承接人", "承揽单位", "承揽人", "施工单位", "施工方", "乙方",
                 "卖方", "商家", "对方单位")
PROJECT_KEYS = ("项目名称", "采购项目", "工程名称", "工程项目", "采购内容", "采购事项", "采购物品", "物品名称", "货物名称",
                "建设内容", "合同名称", "项目", "品目", "品名", "事项", "摘要", "内容", "用途", "用在哪", "事由", "物资名称", "物资",
                "物料名称", "物料")
AMOUNT_KEYS = ("合同金额", "合同总价", "合同价款", "合同价", "工程价款", "成交金额", "中标金额", "采购金额", "总金额", "成交价", "总价", "价款",
               "支付金额", "金额", "报价",
               # an approval form's estimate sets the procedure the work needs ("估算金额：438,000.00元")
               "估算金额", "预算金额", "估算价", "概算")
AMOUNT_COLUMNS = ("支出", "付款额", "报账额")      # ledger columns that hold an amount only as the whole name ("支出(元)")
# a cash book without a supplier column names the shop in a remark ("备注: 零星支出，博鳌镇兴旺五金建材店")
REMARK_KEYS = ("备注", "说明", "附注")
_BUSINESS_NAME_RE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}?(?:有限(?:责任)?公司|公司|经营部|商行|门市部|合作社|超市|工程队|"
                               r"厂|店)$")
_BRACKETED_RE = re.compile(r"[（(][^）)]{0,6}[）)]")
# a column of codes ("物料编码", "项目编号") names no item: the name is in its own column
_CODE_KEY_RE = re.compile(r"编码|代码|编号")
_KV_RE = re.compile(r"([^：:；;|｜\n]{1,14}?)\s*[：:]\s*([^；;|｜\n]*)")
# (a road's "修补" or "浇筑" is works whatever the road is called: 生产路, 机耕道, 便道)
_WORKS_RE = re.compile(r"工程|施工|改造|修缮|维修|建设|装修|硬化|安装|修建|翻新|加固|道路|水渠|绿化|清淤|疏浚|护坡|砌筑|铺设|拆除|防渗|"
                       r"修补|修复|路面|生产路|机耕路|机耕道|便道|村道|浇筑|铺装|围墙|挡墙|边沟|排水沟")
# "类别: 服务" in a ledger row: "升级改造及三年运维" is a service though its name says 改造
_DECLARED_CATEGORY_RE = re.compile(r"(?:类别|类型|品目|采购类别|项目类别|项目类型)\s*[:：]\s*(工程|服务|货物)(?:类)?(?:[；;，,\s]|$)")
_SERVICES_RE = re.compile(r"服务|物业|保洁|维保|咨询|设计|监理|培训|运维|租赁|审计|印刷|宣传|测绘|评估|保安")
_CO_SUFFIX_RE = re.compile(r"(?:股份)?有限(?:责任)?公司|公司|经营部|商行|门市部|个体户|（[^）]*）|\([^)]*\)")
# "下湾—大坞段村道路面修补", "K0+000至K0+800段…": one road's sections are parts of one project
_PHASE_RE = re.compile(r"(?:[A-Za-z\d+.]+|[\u4e00-\u9fff]{2,4})[—－\-~～至到](?:[A-Za-z\d+.]+|[\u4e00-\u9fff]{2,4})段|"
                       r"[一二三四五六七八九十\d]+期|第[一二三四五六七八九十\d]+(?:批|标段|包|期|次)|[（(][一二三四五六七八九十\d]+[）)]|"
                       r"[上下]半年|\d{4}年度?|采购|项目|合同|工程|服务|的|关于|[\s“”\"'《》]")
_NEXT_LABEL_RE = re.compile(r"(?<=.{2})(?:规格型号|规格|型号|数量|单价|品牌|采购方式)$")
# ... or before the label after a supplier's name ('仁怀市鑫华彩印包装有限公司采购方式'): the name ends at its suffix
_SUPPLIER_END_RE = re.compile(r"^(.{2,}?(?:有限(?:责任)?公司|公司|经营部|商行|门市部|合作社|厂|店))[^公司部行社厂店]{2,8}$")
_NEG_RE = re.compile(r"(?:未|没有|无|不得|禁止|严禁|不宜|不适用|不属于|不采用)$")


@dataclass
class Purchase:
    doc: Document
    passage: Passage
    amount: float
    date: Optional[dt.date] = None
    supplier: str = ""
    project: str = ""
    method: str = ""
    kind: str = "other"            # ledger | contract | inquiry | award | other
    contract_no: str = ""
    records: list["Purchase"] = field(default_factory=list)   # merged duplicates (same purchase)

    @property
    def category(self) -> str:
        """works | services | goods: a ledger's own 类别 column first, else the project's name, else the file's
        ("…护岸维修工程施工合同" whose item reads "浆砌石护岸修复、坡面整理")."""
        declared = _DECLARED_CATEGORY_RE.search(self.passage.text) if self.kind == "ledger" else None
        if declared:
            return CATEGORY_WORDS[declared.group(1)]
        return category_of(self.project, self.doc.file.rsplit("/", 1)[-1] if self.kind != "ledger" else "")

    def files(self) -> list[str]:
        return list(dict.fromkeys([self.doc.file] + [r.doc.file for r in self.records]))


# what a price includes besides the item itself: "录播教室设备1套（含安装）" is goods, not works
_INCLUDES_RE = re.compile(r"[（(]\s*(?:含|包含|包括|另含)[^）)]{0,12}[）)]")


def category_of(*names: str) -> str:
    """works | services | goods by the first name that says which."""
    for name in names:
        name = _INCLUDES_RE.sub("", name)
        if _WORKS_RE.search(name):
            return "works"
        if _SERVICES_RE.search(name):
            return "services"
    return "goods"


def supplier_key(s: str) -> str:
    return _CO_SUFFIX_RE.sub("", s or "").strip()


def project_key(s: str) -> str:
    return _PHASE_RE.sub("", s or "")


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def same_supplier(a: str, b: str) -> bool:
    ka, kb = supplier_key(a), supplier_key(b)
    if len(ka) < 2 or len(kb) < 2:
        return False
    return ka == kb or (min(len(ka), len(kb)) >= 4 and (ka in kb or kb in ka))


def same_project(a: str, b: str) -> bool:
    ka, kb = project_key(a), project_key(b)
    if len(ka) < 2 or len(kb) < 2:
        return False
    if ka == kb or (min(len(ka), len(kb)) >= 3 and (ka in kb or kb in ka)):
        return True
    ba, bb = _bigrams(ka), _bigrams(kb)
    return bool(ba and bb) and len(ba & bb) / len(ba | bb) >= 0.5


# a form's check boxes ("采购方式：☑院内议价（直接采购） □询价 □公开招标"; OCR reads □ as 口): the ticked option is the
# method, the options left unticked are only printed on the form (the marks of doctypes.yaml's blank_form_marks)
_METHOD_ALT = "|".join(METHODS)
_UNTICKED_RE = re.compile(rf"[□口☐](?!\s*[xX×✓√✔])\s*(?:{_METHOD_ALT})")
_TICKED_RE = re.compile(r"(?:[☑✓√■✔☒]|[□口☐]\s*[xX×✓√✔])\s*([^□口☐☑✓√■✔☒\s；;|]{1,20})"
                        rf"|({_METHOD_ALT})\s*[（(]\s*[√✓✔]\s*[）)]")


def unticked(text: str, pos: int) -> bool:
    """The method word at ``pos`` is an option left unticked on a form ("□单一来源")."""
    return any(m.start() < pos < m.end() for m in _UNTICKED_RE.finditer(text, max(0, pos - 3), pos + 8))


def _ticked_method(text: str) -> str:
    for m in _TICKED_RE.finditer(text):
        option = m.group(1) or m.group(2)
        meth = next((x for x in METHODS if x in option), "")
        if meth:
            return meth
    return ""


_METHOD_FIELD_RE = re.compile(r"(?:采购|发包|选定)?方式\s*[:：为]?\s*([^\s:：；;。，,（(]{0,4}?)(" + _METHOD_ALT
                              + "|" + COMPARED_PRICES + ")")


def _method_in(text: str) -> str:
    text = _ALIAS_RE.sub(lambda m: METHOD_ALIASES[m.group(0)], text)
    ticked = _ticked_method(text)
    if ticked:
        return ticked
    text = _UNTICKED_RE.sub("", text)
    # the method field, the method perhaps qualified ("采购方式：院内竞争性谈判", "方式：校内询价")
    for m in _METHOD_FIELD_RE.finditer(text):
        if not re.search(r"不|未|非|无|没", m.group(1)):
            return m.group(2)
    for meth in METHODS:
        for hit in re.finditer(meth, text):
            if not _NEG_RE.search(text[max(0, hit.start() - 4): hit.start()]):
                return meth
    return ""


def _key_match(key: str, names: tuple[str, ...]) -> bool:
    """"收(付)款单位" is a 收款单位: a bracketed note inside a column name is ignored."""
    key = _BRACKETED_RE.sub("", key)
    return any(n in key for n in names)


def _amount_value(key: str, value: str) -> Optional[float]:
    hits = parse_amounts(value)
    if hits:
        return hits[0][0]
    m = re.search(r"\d[\d,，]*(?:\.\d+)?", value)
    if not m:
        return None
    v = float(m.group(0).replace(",", "").replace("，", ""))
    return v * 10000 if "万" in key or "万" in value else v


_MONTH_DAY_RE = re.compile(r"(?<![\d年])(1[0-2]|0?[1-9])\s*[月/.-]\s*(3[01]|[12]\d|0?[1-9])\s*[日号]?(?!\d)")


def _ledger_year(doc: Document) -> Optional[int]:
    """The year a ledger's "4月2日" rows belong to: the first "2024年" of its title area, else its own date."""
    y = re.search(r"((?:19|20)\d{2})\s*年", doc_text(doc)[:200])
    if y:
        return int(y.group(1))
    return int(doc.doc_date[:4]) if doc.doc_date else None


def _yearless(value: str, year: Optional[int]) -> Optional[dt.date]:
    m = _MONTH_DAY_RE.search(value)
    if not m or year is None:
        return None
    try:
        return dt.date(year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def row_cells(text: str) -> list[tuple[str, str]]:
    """The (column, value) cells of a register row "日期: 2025-07-14；品目: …；金额: …"."""
    return [(k.strip(" \t，,"), v.strip()) for k, v in _KV_RE.findall(text)]


# "2025-06-03", "2025.6.3", "6月3日", "6/3" — without a year a point is a decimal ("6.5" 万元), not a date
_WHOLE_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*[年\-./／]\s*\d{1,2}\s*[月\-./／]\s*\d{1,2}\s*[日号]?|"
                            r"\d{1,2}\s*(?:月\s*\d{1,2}\s*[日号]?|[\-/／]\s*\d{1,2})")


def _date_cell(cells: list[tuple[str, str]]) -> str:
    """A register's date column need not be named 日期 ("合同签订: 2025-06-03", "下单: 6月3日"): the first cell whose
    whole value is a date dates the row."""
    return next((v for _k, v in cells if _WHOLE_DATE_RE.fullmatch(v.strip())), "")


def _remark_supplier(cells: list[tuple[str, str]]) -> str:
    """The business a row's remark names as one of its comma-separated parts, or ""."""
    for k, v in cells:
        if _key_match(k, REMARK_KEYS):
            name = next((part.strip() for part in re.split(r"[，,、;；]", v) if _BUSINESS_NAME_RE.match(part.strip())), "")
            if name:
                return name
    return ""


def ledger_rows(doc: Document) -> list[Purchase]:
    out = []
    year: Optional[int] = None
    year_known = False
    for p in ordered_passages(doc):
        kv = row_cells(p.text)
        if len(kv) < 3:
            continue
        row: dict[str, str] = {}
        for k, v in kv:
            if "amount" not in row and _BRACKETED_RE.sub("", k) in AMOUNT_COLUMNS:
                row["amount"] = f"{k}\x00{v}"
                continue
            for slot, names in (("amount", AMOUNT_KEYS), ("supplier", SUPPLIER_KEYS), ("project", PROJECT_KEYS),
                                ("date", DATE_KEYS), ("method", ("采购方式", "方式"))):
                if slot not in row and _key_match(k, names) and not (slot == "project" and _CODE_KEY_RE.search(k)):
                    row[slot] = v if slot != "amount" else f"{k}\x00{v}"
                    break
        if "amount" not in row or not ({"supplier", "project"} & set(row)):
            continue
        if "date" not in row:
            row["date"] = _date_cell(kv)
        if "supplier" not in row:
            row["supplier"] = _remark_supplier(kv)
        k, v = row["amount"].split("\x00", 1)
        amount = _amount_value(k, v)
        if not amount:
            continue
        dates = find_dates(row.get("date", ""))
        if not dates and not year_known:
            year, year_known = _ledger_year(doc), True
        date = dates[0].date if dates else _yearless(row.get("date", ""), year)
        out.append(Purchase(doc, p, amount, date, row.get("supplier", ""),
                            row.get("project", ""), _method_in(row.get("method", "")), "ledger"))
    return out


def _label_value(text: str, keys: tuple[str, ...], max_len: int = 40) -> str:
    for k in keys:
        m = re.search(re.escape(k) + r"(?:[（(][^）)]{0,8}[）)])?\s*[:：]\s*([^\s，,。；;：:]{2," + str(max_len) + "})", text)
        if m:
            return m.group(1)
    return ""


# a document's own total, before a goods table's per-line 金额/单价 columns
TOTAL_KEYS = AMOUNT_KEYS[:AMOUNT_KEYS.index("成交价")] + ("价税合计", "合计金额", "总计金额", "合计", "总计")


# a form that lists several quotes names the one it takes ("询价：甲37.5万元 乙38.2万元 丙36.8万元 拟定：丙36.8万元"):
# that offer, within its own clause, is the purchase's amount
_CHOSEN_RE = re.compile(r"(?:拟定|拟选定?|选定|拟确定|确定|推荐)(?:供应商|单位|成交|中选)?[^\n:：；;。]{0,3}[:：]"
                        r"([^\n；;。]{0,30})")


def _doc_amount(text: str) -> Optional[float]:
    for k in TOTAL_KEYS + AMOUNT_KEYS:
        for m in re.finditer(re.escape(k), text):
            hits = parse_amounts(text[m.end(): m.end() + 40])
            if hits:
                return hits[0][0]
    values = {v for v, _ in parse_amounts(text)}
    if len(values) == 1:
        return values.pop()
    chosen = {v for m in _CHOSEN_RE.finditer(text) for v, _ in parse_amounts(m.group(1))[:1]}
    return chosen.pop() if len(chosen) == 1 else None


_NOT_PROCUREMENT_TITLE = re.compile(r"纪要|会议|记录|报告|总结|方案|制度|办法|规定|细则|计划|简报|台账")
_SELECTION_TITLE = re.compile(r"比选|评标|评审|开标|竞价|遴选|竞争性谈判|竞争性磋商")
_SELECTED_RE = re.compile(r"确定[^。；;\n]{0,40}?为[^。；;\n]{0,6}?(?:中标|成交|中选|施工|供货|供应|承包|服务)(?:单位|人|商|供应商)")
_AWARD_RE = re.compile(r"(?:中标|成交|中选)(?:[（(](?:中标|成交)[）)])?(?:结果)?通知书?")


def _kind_of(text: str, whole: str) -> str:
    if _AWARD_RE.search(text):
        return "award"
    if re.search(r"询价记录|询价单|询价表|比价记录|询价采购", text):
        return "inquiry"
    if re.search(r"审批表|请示|批复|申请表", text):
        return "approval"
    if re.search(r"合同|协议书", text) and re.search(r"甲方|乙方|发包人|承包人|签订", whole):
        return "contract"
    return "other"


def doc_kind(text: str) -> str:
    """award | inquiry | approval | contract | other — from the title line first, then the opening text."""
    head = text[:200]
    title = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    if _SELECTION_TITLE.search(title) and _SELECTED_RE.search(text):
        return "award"   # a 比选/评标 record that names the winner is the award, though its title says 记录
    if _NOT_PROCUREMENT_TITLE.search(title) and not re.search(r"合同|协议|通知书|审批表|询价", title):
        return "other"   # minutes or a report that mentions a contract is not the contract
    kind = _kind_of(title, text)
    return kind if kind != "other" else _kind_of(head, text)


SIGNING_LABELS = ("签订日期", "签订时间", "签约日期", "签署日期", "合同签订日期", "签订于")


def sign_date(doc: Document) -> Optional[tuple[dt.date, str]]:
    text = doc_text(doc)
    found = first_date_after(text, SIGNING_LABELS)
    if found:
        return found
    m = re.search(r"于\s*([^，。；\n]{6,16}?)\s*(?:正式)?签(?:订|署)", text)
    if m:
        hits = find_dates(m.group(1))
        if hits:
            return hits[0].date, m.group(0)
    d = parse_iso(doc.doc_date)
    return (d, f"文件日期 {doc.doc_date}") if d else None


def document_purchase(doc: Document) -> Optional[Purchase]:
    text = doc_text(doc)
    amount = _doc_amount(text)
    if not amount:
        return None
    kind = doc_kind(text)
    if kind != "contract" and _holds_signed_contract(text):
        kind = "contract"       # "采购资料": 一、比选记录 / 二、合同（摘要）…签订日期 / 三、验收单 — the contract is in it
    supplier = _SUPPLIER_END_RE.sub(r"\1", _label_value(text, SUPPLIER_KEYS))
    # OCR may drop the separator before the next table label ('课桌椅（升降）规格：…')
    project = _NEXT_LABEL_RE.sub("", _label_value(text, PROJECT_KEYS))
    if not project:
        first = ordered_passages(doc)[0].text.strip().splitlines()[0] if doc.passages else ""
        project = re.sub(r"(?:采购)?(?:合同书?|协议书?|询价记录|询价单|成交通知书|中标通知书)$", "", first)[:40]
    if kind == "contract":
        sd = sign_date(doc)
        date = sd[0] if sd else None
    else:
        date = parse_iso(doc.doc_date)
        if date is None:
            hits = find_dates(text)
            date = hits[-1].date if hits else None
    passage = _passage_with(doc, str(int(amount))) or _passage_with(doc, supplier) or ordered_passages(doc)[0]
    no = _label_value(text, ("合同编号", "编号"), 30)
    return Purchase(doc, passage, amount, date, supplier, project, _method_in(text), kind, no)


def _holds_signed_contract(text: str) -> bool:
    """A file of several parts, one of them a contract with its signing date."""
    return any(kind == "contract" and any(w in part for w in SIGNING_LABELS) for kind, part in bundle.parts(text))


def _passage_with(doc: Document, needle: str) -> Optional[Passage]:
    if not needle:
        return None
    for p in ordered_passages(doc):
        if needle in p.text.replace(",", ""):
            return p
    return None


def is_procurement_doc(doc: Document) -> bool:
    if doc.status != "ok" or doc.doc_kind in SKIP_KINDS or doc.doc_type in SKIP_TYPES:
        return False
    if doc.doc_type in ("procurement", "ledger"):
        return True
    # … or a payment form for goods bought ("阳坡村报销单 事由：购太阳能路灯10盏 金额：9,600元 收款单位：…"), or a form
    # whose method field names how the work was given out ("工程维修委托审批单 … 委托方式：直接委托")
    return bool(re.search(r"合同|询价|采购|成交通知书|中标通知书|供应商|(报销|付款|支付)(单|审批)[\s\S]{0,200}收款(单位|人|方)|"
                          r"方式\s*[:：]\s*(?:" + "|".join(METHODS) + ")", doc_text(doc)[:400]))


# the serial number a printed form carries after its title ("采购入库单No.0915", "付款审批单 编号：2024-031")
_FORM_NO_RE = re.compile(r"\s*(?:(?:No|NO|№|编号|单号)\s*[.:：]?\s*[\dA-Za-z][\dA-Za-z\-]*|\d{3,}[\d\-]*)$")


def form_copies(doc: Document) -> list[Document]:
    """A scan of one form filled in several times, a copy a page under the same title ("付款审批单" ×3): each copy
    is a purchase of its own. A contract's running header repeats too, but its pages are one purchase."""
    pages = sorted({p.page for p in doc.passages})
    if len(pages) < 2:
        return []
    parts = [[p for p in ordered_passages(doc) if p.page == pg] for pg in pages]
    titles = {_FORM_NO_RE.sub("", part[0].text.strip().splitlines()[0].strip()) if part[0].text.strip() else ""
              for part in parts}
    title = titles.pop() if len(titles) == 1 else ""
    if not title or len(title) > 20 or doc_kind(title) == "contract" or re.search(r"合同|协议", title):
        return []
    return [replace(doc, passages=part, doc_date=None) for part in parts]


_SUM_KEYS = ("价税合计", "合计金额", "总计金额", "合计", "总计")


def _line_items(doc: Document, rows: list[Purchase]) -> bool:
    """Rows of a contract's goods table (品名/数量/金额, no date or supplier of their own) are the items of
    one purchase, not separate purchases; so are the rows of any one form that add up to its total
    ("物资采购审批单 … 合计金额：…（¥9,860.00）")."""
    if doc.doc_type == "ledger" or any(r.date or r.supplier for r in rows):
        return False
    text = doc_text(doc)
    if doc_kind(text) in ("contract", "award"):
        return True
    totals = {hits[0][0] for k in _SUM_KEYS for m in re.finditer(re.escape(k), text)
              for hits in [parse_amounts(text[m.end(): m.end() + 40])] if hits}
    return any(abs(sum(r.amount for r in rows) - t) <= 1 for t in totals)


# a table of the offers compared for one purchase names each bidder's quote ("供应商: …；报价（元）: 865000") …
QUOTE_COLUMNS = ("报价",)
# … or stands under a heading that says so ("二、询价记录（2022年8月22日）" above "供应商；单价；数量；总价")
_QUOTE_HEADING_RE = re.compile(r"询价|比价|比选|报价|竞价")
_HEADING_MAX_CHARS = 40


def _quote_rows(doc: Document, rows: list[Purchase]) -> bool:
    """The undated rows of a form's or a procurement file's quote table (three bidders' offers for one item) are the
    quotes compared, not purchases: the purchase is the document's own (its contract or chosen amount), bought by
    comparing the quotes unless the file names another method."""
    if not rows or doc.doc_type == "ledger" or any(r.date for r in rows):
        return False
    return all(any(_key_match(k, QUOTE_COLUMNS) for k, _v in row_cells(r.passage.text)) for r in rows) or \
        _under_quote_heading(doc, rows[0].passage)


def _under_quote_heading(doc: Document, first_row: Passage) -> bool:
    """The table's heading (one of the two short lines above its first row, the column names and the title) names
    a comparison of quotes."""
    ps = ordered_passages(doc)
    i = next((n for n, p in enumerate(ps) if p is first_row), 0)
    return any(len(p.text.strip()) <= _HEADING_MAX_CHARS and _QUOTE_HEADING_RE.search(p.text) for p in ps[max(0, i - 2): i])


def book_rows(doc: Document, period: tuple[Optional[str], Optional[str]] = (None, None)) -> list[Purchase]:
    """Rows of a photographed register without column separators (``register_lines``); a "10.09" row takes the
    year of the book's title, else the year that puts it inside the reviewed period."""
    year = _ledger_year(doc)
    start, end = parse_iso(period[0]), parse_iso(period[1])

    def dated(y: Optional[int], m: int, d: int) -> Optional[dt.date]:
        years = [y] if y else [year] if year else list(range(start.year, end.year + 1)) if start and end else []
        days = []
        for cand in years:
            try:
                days.append(dt.date(cand, m, d))
            except ValueError:
                continue
        inside = [x for x in days if start and end and start <= x <= end]
        return (inside or days or [None])[0]

    return [Purchase(doc, p, amount, date, supplier, item, "", "ledger")
            for p, amount, date, supplier, item in register_lines.line_rows(ordered_passages(doc), dated)]


def collect(docs: list[Document], period: tuple[Optional[str], Optional[str]] = (None, None)) -> list[Purchase]:
    """All purchases of a unit, the same purchase seen in several records merged into one."""
    records: list[Purchase] = []
    for doc in docs:
        if not is_procurement_doc(doc):
            continue
        rows = ledger_rows(doc) or book_rows(doc, period)
        quotes = _quote_rows(doc, rows)
        if (len(rows) >= 2 or (rows and doc.doc_type == "ledger")) and not _line_items(doc, rows) and not quotes:
            records += rows
            continue
        copies = [q for q in map(document_purchase, form_copies(doc)) if q and q.date]
        if len(copies) >= 2 and len(copies) == len(form_copies(doc)):
            records += copies
            continue
        p = document_purchase(doc)
        if p:
            p.method = p.method or (COMPARED_PRICES if quotes else "")
            records.append(p)
    merged: list[Purchase] = []
    for r in records:
        for m in merged:
            if _same_purchase(m, r):
                m.records.append(r)
                m.date = min(d for d in (m.date, r.date) if d) if (m.date or r.date) else None
                m.supplier = m.supplier or r.supplier
                m.method = m.method or r.method
                break
        else:
            merged.append(r)
    return merged


def _same_purchase(a: Purchase, b: Purchase) -> bool:
    if abs(a.amount - b.amount) > 1:
        return False
    if not (same_supplier(a.supplier, b.supplier) or same_project(a.project, b.project)):
        return False
    if a.date and b.date and abs((a.date - b.date).days) > 45:
        return False
    if a.doc.file == b.doc.file:
        return False
    if a.kind == b.kind:
        return bool(a.contract_no) and a.contract_no == b.contract_no
    return True
