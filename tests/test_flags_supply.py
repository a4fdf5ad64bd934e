"""split-purchase spares a standing supplier's deliveries and reads a road's repair as works; method-vs-amount reads
a qualified method field ("院内竞争性谈判")."""
from pipeline.flags import load_thresholds, procurement
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def doc(name, *paras, doc_type="procurement", doc_kind="record"):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind=doc_kind)


def unit(unit_type):
    return Unit(folder="u1", path="/x/u1", name="某单位", unit_type=unit_type, type_source="manifest")


def splits(docs, unit_type="xuexiao"):
    return [f for f in procurement.check(unit(unit_type), docs, TH) if f.rule == "split-purchase"]


RULE = doc("物资采购管理办法.docx", "某校物资采购管理办法", "第五条 单项1万元以上的采购须三家询价并经校务会研究。",
           doc_type="rules", doc_kind="rule")


def _ledger(days, note=None, extra=()):
    rows = [f"配送日期: {d}；品名: 大米、面粉；供货单位: 某某粮油配送有限公司；金额（元）: 8600；验收: 甲某、乙某" for d in days]
    return doc("食堂食材验收台账.xlsx", "某校食堂食材验收台账", "配送日期；品名；供货单位；金额（元）；验收", *rows, *extra,
               *([note] if note else []), doc_type="ledger")


WEEKLY = ["2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"]
MONTHLY = ["2024-01-08", "2024-02-07", "2024-03-08", "2024-04-08", "2024-05-08"]


def test_weekly_deliveries_of_one_supplier_without_a_note_look_split():
    assert splits([RULE, _ledger(WEEKLY)])


def test_a_ledger_noting_its_supplier_delivers_under_a_tendered_term_is_no_split():
    note = "说明：供货单位为县教育局集中招标中标企业，按周配送、按月结算"
    assert splits([RULE, _ledger(WEEKLY, note)]) == []


def test_a_note_about_another_supplier_spares_only_that_suppliers_rows():
    veg = ["配送日期: 2024-03-05；品名: 蔬菜；供货单位: 某某蔬菜配送中心；金额（元）: 2100；验收: 甲某、乙某"]
    note = "说明：某某蔬菜配送中心为定点配送单位"
    flags = splits([RULE, _ledger(WEEKLY, note, veg)])
    assert flags and all("粮油" in f.message and "蔬菜" not in f.message for f in flags)


def test_a_suppliers_monthly_series_through_the_year_is_no_split():
    assert splits([RULE, _ledger(MONTHLY)]) == []
    assert splits([RULE, _ledger(MONTHLY[:3])])      # three a month apart: not yet a series


def test_a_roads_repair_in_parts_is_split_below_the_villages_works_limit():
    rule = doc("村集体财务管理制度.docx", "某村集体财务管理制度", "第八条 3万元以上工程，须履行“四议两公开”程序。",
               doc_type="rules", doc_kind="rule")
    rows = [f"日期: 2025-07-{d}；项目: 北山机耕道修补（{n}段）；施工方: 某某施工队；金额（元）: {a}；审批: 村主任"
            for d, n, a in (("03", "一", "27500"), ("10", "二", "28600"), ("17", "三", "26900"))]
    ledger = doc("村级支出明细.xlsx", "某村2025年支出明细", "日期；项目；施工方；金额（元）；审批", *rows, doc_type="ledger")
    assert splits([rule, ledger], "cunju")


def _flow(method):
    return doc("设备采购审批流程（OA打印）.pdf", "医疗设备采购申请——全自动生化分析仪", "预算金额：860,000.00元",
               f"采购方式：{method}（邀请3家）", "拟成交供应商：某某医疗器械有限公司", "成交金额：842,000.00元",
               "采购依据：《某医院采购管理办法》第十条：单项50万元以上设备须进入市公共资源交易平台公开招标",
               "序号: 1；节点名称: 申请；操作者: 甲某；操作时间: 2024-05-06 09:40")


def test_a_qualified_method_field_is_the_method_not_the_rule_it_quotes():
    flags = [f for f in procurement.check(unit("yiyuan"), [_flow("院内竞争性谈判")], TH) if f.rule == "method-vs-amount"]
    assert len(flags) == 1 and "竞争性谈判" in flags[0].message


def test_a_flow_that_tendered_on_the_platform_is_clean():
    assert [f for f in procurement.check(unit("yiyuan"), [_flow("市公共资源交易平台公开招标")], TH)
            if f.rule == "method-vs-amount"] == []
