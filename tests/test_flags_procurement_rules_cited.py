"""split-purchase and method-vs-amount where the rule or the supplier is written somewhere unusual: a method field
citing the limit it relies on, a cash book naming the shop in its remark, a quote table under an inquiry heading,
a rule that allows another method above its limit."""
from pipeline.flags import load_thresholds, procurement
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def unit(unit_type):
    return Unit(folder="u1", path="/x/u1", name="某单位", unit_type=unit_type, type_source="manifest")


def doc(name, *paras, doc_type="procurement", doc_date=None):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind="record", doc_date=doc_date)


def by_rule(docs, unit_type, rule):
    return [f for f in procurement.check(unit(unit_type), docs, TH) if f.rule == rule]


# ----------------------------------------------------------------- a method field citing its limit

def _oa_form(name, date, amount, item="会议室LED显示屏", supplier="杭州某光电科技有限公司"):
    return doc(name, "OA · 采购审批单", f"采购事项：{item}", f"金额：{amount}元", f"供应商：{supplier}",
               "采购方式：自行采购（单笔3万元以内，依《采购内控制度》第九条）", f"申请日期：{date}", doc_date=date)


def test_split_under_the_limit_a_method_field_cites():
    """Direct buying is allowed below the amount the form cites, so two parts under it from one supplier that add up
    to more avoided the comparison above it."""
    docs = [_oa_form("单1.pdf", "2024-03-04", "28,900.00"), _oa_form("单2.pdf", "2024-03-15", "27,600.00")]
    flags = by_rule(docs, "yiyuan", "split-purchase")
    assert {f.file for f in flags} == {"单1.pdf", "单2.pdf"} and "3万元" in flags[0].message


def test_split_under_a_cited_limit_clean_twins():
    # one small buy beside a large part is no split; parts months apart are none either
    small = [_oa_form("单1.pdf", "2024-03-04", "28,900.00"), _oa_form("单2.pdf", "2024-03-15", "2,600.00")]
    apart = [_oa_form("单1.pdf", "2024-03-04", "28,900.00"), _oa_form("单2.pdf", "2024-09-15", "27,600.00")]
    assert by_rule(small, "yiyuan", "split-purchase") == [] and by_rule(apart, "yiyuan", "split-purchase") == []


# ----------------------------------------------------------------- a cash book naming the shop in its remark

def _cash_book(*rows):
    return doc("村集体资金日记账.xlsx", "某村2024年集体资金日记账", "日期；摘要；支出(元)；备注",
               *[f"日期: {d}；摘要: {what}；支出(元): {amt}；备注: {note}" for d, what, amt, note in rows],
               "说明：单笔支出3,000元（含）以上须经村两委会集体研究。", doc_type="ledger")


def test_split_parts_from_the_shop_a_remark_names():
    book = _cash_book(("2024-06-03", "购监控摄像头", "2,850.00", "小额支出，某镇联达电器商行"),
                      ("2024-06-05", "购硬盘录像机及线材", "2,900.00", "某镇联达电器商行，现金"),
                      ("2024-07-20", "支电费", "800.00", "小额支出"))
    flags = by_rule([book], "cunju", "split-purchase")
    assert len(flags) == 1 and "联达电器商行" in flags[0].message


def test_split_remark_clean_twins():
    # the remark names no business ("承包人王某" is a person), or the two shops differ
    person = _cash_book(("2024-06-03", "购监控摄像头", "2,850.00", "经手人王某"),
                        ("2024-06-05", "购硬盘录像机及线材", "2,900.00", "经手人王某"))
    shops = _cash_book(("2024-06-03", "购监控摄像头", "2,850.00", "某镇联达电器商行"),
                       ("2024-06-05", "购办公桌椅", "2,900.00", "某县福顺家具厂"))
    assert by_rule([person], "cunju", "split-purchase") == [] and by_rule([shops], "cunju", "split-purchase") == []


# ----------------------------------------------------------------- a quote table under an inquiry heading

def _binder(total):
    offers = [int(total * r) for r in (1, 1.02, 1.05)]
    return doc("食堂设备购置资料.pdf", "食堂设备购置资料", "一、申请", "申请日期：2023年4月3日。事由：更换食堂蒸饭柜。",
               "二、比价情况（2023年4月10日）", "供应商；单价（元）；数量；总价（元）",
               *[f"供应商: {s}；单价（元）: {v // 4}；数量: 4；总价（元）: {v:,}"
                 for s, v in zip(("某厨具有限公司", "某商贸有限公司", "某机电设备厂"), offers)],
               "经比较，确定最低价的某厨具有限公司为供货单位，采购方式：询价。", "三、合同",
               f"2023年4月14日签订购销合同，合同金额{total:,}元。")


def test_method_vs_amount_quote_table_under_an_inquiry_heading_is_the_offers():
    rules = doc("学校采购管理办法.docx", "学校采购管理办法", "第六条 单项15万元以上的，由县公共资源交易中心组织采购。",
                doc_type="rules")
    flags = by_rule([rules, _binder(228000)], "xuexiao", "method-vs-amount")
    assert len(flags) == 1 and "22.8万元" in flags[0].message
    assert by_rule([rules, _binder(98000)], "xuexiao", "method-vs-amount") == []


# ----------------------------------------------------------------- a method the rule itself allows

def _rules(text):
    return doc("采购管理制度.pdf", "采购管理制度", text, doc_type="rules")


def _single_source_form(amount):
    return doc("审批-专用软件升级.pdf", "采购审批", "采购项目：专用检测软件升级", f"金额：{amount}元",
               "供应商：某软件技术有限公司", "采购方式：单一来源", "单一来源理由：软件著作权人唯一，论证3人，公示5天无异议",
               "审批日期：2024-05-06")


def test_method_vs_amount_a_method_the_rule_allows_above_its_limit_is_clean():
    allowed = _rules("第八条 单笔30万元以上采购一般采用公开招标；特殊情况确需单一来源采购的，须论证并公示后报董事长批准。")
    assert by_rule([allowed, _single_source_form("456,000.00")], "qiye", "method-vs-amount") == []


def test_method_vs_amount_a_method_the_rule_forbids_or_leaves_out_is_flagged():
    forbidden = _rules("第八条 单笔30万元以上采购须公开招标，不得采用单一来源方式。")
    silent = _rules("第八条 单笔30万元以上采购须公开招标。")
    for rules in (forbidden, silent):
        assert len(by_rule([rules, _single_source_form("456,000.00")], "qiye", "method-vs-amount")) == 1
