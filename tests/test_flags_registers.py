"""Procurement registers read row by row: a sheet's own limit, its single-source columns, its meeting column."""
from pipeline.flags import load_thresholds, procurement
from pipeline.flags.limits import stated_limits
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def _doc(name, *paras, doc_type="procurement"):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind="record")


def _flags(docs, unit_type, rule):
    unit = Unit(folder="u1", path="/x/u1", name="某单位", unit_type=unit_type, type_source="manifest")
    return [f for f in procurement.check(unit, docs, TH) if f.rule == rule]


def _register(name, rows, *notes, doc_type="ledger"):
    """rows: dicts of column -> value; an empty value leaves the cell out, as an extracted sheet does."""
    cols = list(dict.fromkeys(k for r in rows for k in r))
    lines = ["；".join(f"{k}: {v}" for k, v in r.items() if v) for r in rows]
    return _doc(name, name.rsplit(".", 1)[0], "；".join(cols), *lines, *notes, doc_type=doc_type)


# ----------------------------------------------------------------- a small limit the register states itself

def _payments(dates):
    rows = [{"日期": "2024-03-02", "摘要": "办公用品", "收款人": "某文具店", "金额(元)": "860"}]
    rows += [{"日期": d, "摘要": "组道排水沟清淤（人工）", "收款人": "李某某（个体）", "金额(元)": a}
             for d, a in zip(dates, ("2,750", "2,900", "2,850"))]
    return rows


def test_split_under_the_limit_the_register_itself_states():
    """Three payments to one man for one job in ten days, each under the 3,000 line the sheet's own note sets: a split,
    though the line is below the amounts read from rules elsewhere."""
    note = "说明：单笔3000元以上的支出须经村两委集体研究"
    sheet = _register("村级开支明细账.xlsx", _payments(["2024-07-03", "2024-07-08", "2024-07-13"]), note)
    flags = _flags([sheet], "cunju", "split-purchase")
    assert [f.file for f in flags] == ["村级开支明细账.xlsx"] and "3000元" in flags[0].message


def test_split_under_a_small_limit_clean_twins():
    note = "说明：单笔3000元以上的支出须经村两委集体研究"
    apart = _register("村级开支明细账.xlsx", _payments(["2024-02-03", "2024-06-08", "2024-11-13"]), note)
    assert _flags([apart], "cunju", "split-purchase") == []
    # a small line in a rule elsewhere is not the register's own: the province's floor for stated limits holds
    rules = _doc("财务制度.docx", "村级财务管理制度", note, doc_type="rules")
    sheet = _register("村级开支明细账.xlsx", _payments(["2024-07-03", "2024-07-08", "2024-07-13"]))
    assert _flags([rules, sheet], "cunju", "split-purchase") == []


# ----------------------------------------------------------------- single source in a register with its own columns

def _ss_register(reason="", justified="", amount="42.5"):
    rows = [{"日期": "2025-02-11", "品目": "全自动生化分析仪试剂", "金额(万元)": "36.2", "方式": "单一来源",
             "供应商": "某某医疗科技有限公司", "采用单一来源的原因": "原厂封闭试剂，仪器仅兼容原厂", "专家论证及公示": "3名专家论证；公示5日无异议"},
            {"日期": "2025-06-20", "品目": "腹腔镜镜头维修", "金额(万元)": amount, "方式": "单一来源",
             "供应商": "某某光电设备有限公司", "采用单一来源的原因": reason, "专家论证及公示": justified},
            {"日期": "2025-08-01", "品目": "办公家具", "金额(万元)": "18", "方式": "询价", "供应商": "某家具厂"}]
    return _register("2025年设备采购台账.xlsx", rows)


def test_single_source_row_with_its_reason_and_opinion_cells_empty():
    """The register keeps a reason column and an expert/publicity column; one 单一来源 row leaves both empty."""
    flags = _flags([_ss_register()], "yiyuan", "single-source-unjustified")
    assert [f.file for f in flags] == ["2025年设备采购台账.xlsx"]
    assert "腹腔镜镜头维修" in flags[0].message and "42.5万元" in flags[0].message
    blank = _flags([_ss_register(reason="（空）", justified="/")], "yiyuan", "single-source-unjustified")
    assert len(blank) == 1


def test_single_source_row_clean_twins():
    filled = _ss_register(reason="原厂专有光学部件，他厂无法维修", justified="专家论证；已于6月10日公示")
    small = _ss_register(amount="0.8")
    assert _flags([filled], "yiyuan", "single-source-unjustified") == []
    assert _flags([small], "yiyuan", "single-source-unjustified") == []
    # the purchase's own application is filed: it is judged by itself, not the register's empty cells
    application = _doc("腹腔镜镜头维修单一来源论证.pdf", "腹腔镜镜头维修单一来源采购论证意见",
                       "理由：镜头为原厂专有光学部件，他厂无法维修。", "专家论证意见：经3名院外专家论证，同意。",
                       "公示情况：已于2025年6月10日至16日公示，无异议。")
    assert _flags([_ss_register(), application], "yiyuan", "single-source-unjustified") == []


# ----------------------------------------------------------------- a meeting column is not a method approved

_RULE = _doc("采购管理制度.docx", "采购管理制度", "第六条 30万元以上的工程、服务，一律公开招标。", doc_type="rules")


def _works_register(decided):
    rows = [{"日期": "2024-05-10", "项目": "停车场划线", "金额(万元)": "4.6", "方式": "直接采购", "承接单位": "某交通设施公司"},
            {"日期": "2024-06-18", "项目": "游客中心外墙翻新", "金额(万元)": "47.3", "方式": "比选",
             "承接单位": "某建筑工程有限公司", "总经理办公会": decided}]
    return _register("2024年项目登记.xlsx", rows)


def test_method_vs_amount_in_a_register_with_a_meeting_date_column():
    """47.3万 of works by 比选 against the unit's own "30万元以上…一律公开招标": the row's meeting column ("总经理办公会:
    6月12日") records the meeting that took the purchase up, not an approval of a method below the rule."""
    flags = _flags([_RULE, _works_register("6月12日")], "qiye", "method-vs-amount")
    assert [f.file for f in flags] == ["2024年项目登记.xlsx"] and "47.3万元" in flags[0].message
    assert len(_flags([_RULE, _works_register("已研究")], "qiye", "method-vs-amount")) == 1


def test_method_vs_amount_register_clean_twin():
    """The meeting's cell says it approved the method: the unit's own collective decision, as on a form."""
    approved = _works_register("6月12日研究同意采用比选方式")
    assert _flags([_RULE, approved], "qiye", "method-vs-amount") == []


def test_a_rule_naming_several_categories_covers_each():
    """"30万元以上的工程、服务" covers works and services, not goods."""
    assert [s.category for s in stated_limits([_RULE])] == ["works,services"]
    limit = stated_limits([_RULE])[0]
    assert limit.applies_to("works") and limit.applies_to("services") and not limit.applies_to("goods")


# ----------------------------------------------------------------- a works register in its own words

def _road_register(dates, contractors=("某某道路养护队",) * 3, note="注：工程合同金额10万元（含）以上须进入镇公共资源交易平台交易"):
    """Columns named 承接单位 and 合同签订 (no 日期, no 供应商); the road sections are one road's."""
    rows = [{"序号": "1", "项目名称": "垃圾收集房", "合同金额（元）": "23600", "承接单位": "某建材经营部",
             "发包方式": "三家比价", "合同签订": "2025-03-14", "验收": "2025-04-02"}]
    rows += [{"序号": str(i + 2), "项目名称": f"{a}—{b}段村道路面修补", "合同金额（元）": amt, "承接单位": who,
              "发包方式": "村两委研究后直接发包", "合同签订": d, "验收": "2025-07-20"}
             for i, (a, b, amt, who, d) in enumerate(zip(("东湾", "大坞", "水口"), ("大坞", "水口", "村部"),
                                                         ("96800", "98500", "94200"), contractors, dates))]
    return _register("村级小型工程项目台账.xlsx", rows, note)


def test_split_in_a_works_register_whose_columns_have_other_names():
    flags = _flags([_road_register(["2025-06-03", "2025-06-10", "2025-06-17"])], "cunju", "split-purchase")
    assert {f.file for f in flags} == {"村级小型工程项目台账.xlsx"} and "28.95万元" in flags[0].message
    assert "同一供应商“某某道路养护队”" in flags[0].message


def test_split_of_one_roads_sections_among_several_contractors():
    """Each section to another contractor: the sections are still one road's repair."""
    others = ("甲道路养护队", "乙建筑工程队", "丙土石方工程队")
    flags = _flags([_road_register(["2025-06-03", "2025-06-10", "2025-06-17"], others)], "cunju", "split-purchase")
    assert flags and "村道路面修补" in flags[0].message


def test_works_register_clean_twin_months_apart():
    sheet = _road_register(["2025-02-03", "2025-06-10", "2025-10-17"])
    assert _flags([sheet], "cunju", "split-purchase") == []


# ----------------------------------------------------------------- a photographed expense book without separators

_BOOK_RULE = "第二条　同一批次物资采购金额1万元以上的，须三家以上询价比价，经校务会研究后采购。不得将同一批次物资拆分采购。"


def _book(rows, header="日期 内容 供货 金额经手"):
    """OCR lines of a handwritten book: no colons, no separators, the year only in the period."""
    return _doc("经费支出登记本（拍照）.jpg", "经费支出登记", header, *rows, doc_type="ledger")


def _school_flags(docs):
    unit = Unit(folder="u1", path="/x/u1", name="某小学", unit_type="xuexiao", type_source="manifest",
                period_start="2024-01-01", period_end="2024-12-31")
    return [f for f in procurement.check(unit, docs, TH) if f.rule == "split-purchase"]


_DESKS = ["10.09课桌椅20套华兴家具厂9.600刘某", "10.12粉笔、作业本镇新华书店 486刘某", "10.16课桌椅20套 华兴家具厂9.600刘某",
          "10.23课桌椅20套华兴家具厂9.600刘某", "11.04课桌椅15套华兴家具厂7,200刘某", "11.11水电费（10月） 2,316 刘某"]


def test_split_in_a_photographed_expense_book():
    rules = _doc("物资采购管理规定.docx", "物资采购管理规定", _BOOK_RULE, doc_type="rules")
    flags = _school_flags([rules, _book(_DESKS)])
    assert {f.file for f in flags} == {"经费支出登记本（拍照）.jpg"}
    assert "3.6万元" in flags[0].message and "2024-10-09" in flags[0].message and "华兴家具厂" in flags[0].message


def test_photographed_expense_book_clean_twins():
    rules = _doc("物资采购管理规定.docx", "物资采购管理规定", _BOOK_RULE, doc_type="rules")
    spaced = ["3.09课桌椅20套华兴家具厂9.600刘某", "6.16课桌椅20套华兴家具厂9.600刘某", "11.23课桌椅20套华兴家具厂9.600刘某"]
    assert _school_flags([rules, _book(spaced)]) == []
    small = ["10.09办公用品文华文具店1,280刘某", "10.16试卷印刷文华文具店2,450刘某", "10.23打印机硒鼓文华文具店960刘某"]
    assert _school_flags([rules, _book(small)]) == []
    # a cash book with a balance column: its last number is the balance, not the payment
    assert _school_flags([rules, _book(_DESKS, header="日期 摘要 收入 支出 余额")]) == []
