"""split-purchase, method-vs-amount, single-source-unjustified, dates-out-of-order."""
from pipeline.flags import load_thresholds, procurement
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def unit(unit_type="cunju"):
    return Unit(folder="u1", path="/x/u1", name="某村", unit_type=unit_type, type_source="manifest")


def doc(name, *paras, doc_type="procurement", doc_date=None, page=1):
    ps = [Passage(name, page, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=page, doc_type=doc_type, doc_kind="record", doc_date=doc_date)


def run(docs, unit_type="cunju", th=TH):
    return procurement.check(unit(unit_type), docs, th)


def by_rule(flags, rule):
    return [f for f in flags if f.rule == rule]


def contract(name, supplier, project, amount, signed, method="询价", extra=()):
    return doc(name, f"{project}采购合同", f"甲方：某某村民委员会", f"乙方：{supplier}",
               f"项目名称：{project}", f"合同金额：{amount}", f"采购方式：{method}", *extra,
               f"签订日期：{signed}")


# ----------------------------------------------------------------- split purchase

def test_split_contracts_same_supplier():
    docs = [contract("合同1.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月2日"),
            contract("合同2.pdf", "张家界鑫盛建材有限公司", "村部围墙修缮", "￥96,000.00", "2023年3月28日")]
    flags = by_rule(run(docs), "split-purchase")
    assert {f.file for f in flags} == {"合同1.pdf", "合同2.pdf"}
    m = flags[0].message
    assert "鑫盛建材" in m and "9.8万元" in m and "9.6万元" in m and "2023-03-02" in m and "合同2.pdf" in m
    assert flags[0].severity == "high" and flags[0].related


def test_split_ledger_rows_same_project():
    ledger = doc("采购台账.xlsx",
                 "日期: 2023-05-06；供应商: 慈利县宏达路桥工程队；项目: 村道硬化一期；金额: 85000",
                 "日期: 2023-05-20；供应商: 永定区顺通建筑公司；项目: 村道硬化二期；金额: 92000元",
                 "日期: 2023-09-01；供应商: 某文具店；项目: 办公用品；金额: 1200",
                 doc_type="ledger")
    flags = by_rule(run([ledger]), "split-purchase")
    assert [f.file for f in flags] == ["采购台账.xlsx"]
    assert "村道硬化" in flags[0].message and "17.7万元" in flags[0].message


def test_split_clean_months_apart():
    docs = [contract("合同1.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月2日"),
            contract("合同2.pdf", "张家界鑫盛建材有限公司", "文化广场维修", "9.5万元", "2023年9月15日")]
    assert by_rule(run(docs), "split-purchase") == []


def test_split_clean_small_total():
    ledger = doc("台账.xlsx",
                 "采购日期：2023年4月1日；商家：城关镇办公用品店；采购内容：打印纸；金额（元）：3,500",
                 "采购日期：2023年4月9日；商家：城关镇办公用品店；采购内容：墨盒；金额（元）：4,200",
                 doc_type="ledger")
    assert by_rule(run([ledger]), "split-purchase") == []


def test_same_purchase_in_contract_and_ledger_not_double_counted():
    docs = [contract("合同1.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月2日"),
            doc("台账.xlsx", "日期: 2023-03-02；供应商: 张家界鑫盛建材有限公司；项目: 村部修缮；金额: 98000",
                "日期: 2023-11-02；供应商: 某文具店；项目: 办公用品；金额: 800", doc_type="ledger")]
    assert by_rule(run(docs), "split-purchase") == []


# ----------------------------------------------------------------- method vs amount

def test_method_vs_amount_flagged():
    d = contract("设备合同.pdf", "湖南某医疗器械有限公司", "彩色超声诊断仪", "人民币贰佰叁拾万元整", "2024年6月3日",
                 method="竞争性谈判")
    flags = by_rule(run([d], "yiyuan"), "method-vs-amount")
    assert len(flags) == 1 and "竞争性谈判" in flags[0].message and "230万元" in flags[0].message


def test_method_vs_amount_clean_with_approval_or_open_tender():
    approved = contract("设备合同.pdf", "湖南某医疗器械有限公司", "彩色超声诊断仪", "230万元", "2024年6月3日",
                        method="竞争性谈判", extra=("变更采购方式已经市财政局批准（批复文号：某财采〔2024〕12号）。",))
    tender = contract("设备合同2.pdf", "湖南某医疗器械有限公司", "CT设备", "260万元", "2024年6月3日", method="公开招标")
    small = contract("设备合同3.pdf", "某公司", "办公家具", "18万元", "2024年6月3日", method="询价")
    assert by_rule(run([approved, tender, small], "yiyuan"), "method-vs-amount") == []


def test_a_public_bodys_own_meeting_cannot_waive_public_tender():
    """Above the statutory public-tender limit a public body needs the procurement supervisor's approval for another
    method (政府采购法第二十七条); its 党组会 deciding on 竞争性磋商 is no such approval. A village's own
    collective decision is how its procedure works."""
    ledger = contract("2024年政府采购执行台账.xlsx", "杭州某检测技术有限公司", "食品快检车运维及第三方检测服务", "486万元",
                      "2024年5月27日", method="竞争性磋商")
    minutes = doc("党组会议纪要（2024年第5次）.pdf", "党组会议纪要", "议题：食品快检车运维及第三方检测服务项目采购方式",
                  "经党组会集体研究，决定采用竞争性磋商方式采购。", doc_type="minutes")
    assert [f.file for f in by_rule(run([ledger, minutes], "jiguan"), "method-vs-amount")] == ["2024年政府采购执行台账.xlsx"]
    approved = doc("关于变更采购方式的批复.pdf", "关于变更采购方式的批复",
                   "食品快检车运维及第三方检测服务项目变更采购方式为竞争性磋商，经区财政局审批同意。", doc_type="minutes")
    assert by_rule(run([ledger, approved], "jiguan"), "method-vs-amount") == []
    village = contract("机耕道施工合同.pdf", "某建筑队", "组级机耕道硬化工程", "460万元", "2024年5月27日", method="比选")
    decided = doc("村民代表会议记录.pdf", "村民代表会议记录", "议题：组级机耕道硬化工程",
                  "经四议两公开程序，村民代表会议研究决定采用比选方式确定施工单位。", doc_type="minutes")
    assert by_rule(run([village, decided], "cunju"), "method-vs-amount") == []


def test_minutes_handing_a_purchase_over_without_competition_are_a_single_source():
    """"交给湘南园林公司做，不用再比选了" for a 12.8万 job where the unit's own rule asks 5万以上 to be competed: a single
    source without reasons. Below the limit, or after a competition was held, nothing is flagged."""
    rules = doc("景区内部管理制度汇编.pdf", "景区内部管理制度汇编",
                "5万元以上的采购和工程项目须经经理办公会集体研究，采取比选或招标方式。", doc_type="rules")

    def minutes(budget: str, said: str):
        return doc("经理办公会纪要_2023-08.pdf", "经理办公会纪要", "时间：2023年8月21日", f"议题：核心区游步道维修（预算{budget}）。",
                   said, "决定：由湘南园林公司承接游步道维修，9月开工。", doc_type="minutes")

    handed = minutes("12.8万元", "何振华首先发言：游步道维修我看就交给县里的湘南园林公司做，他们熟悉情况，不用再比选了。")
    flags = by_rule(run([rules, handed], "jingqu"), "single-source-unjustified")
    assert [f.file for f in flags] == ["经理办公会纪要_2023-08.pdf"] and "12.8万元" in flags[0].message
    small = minutes("3.2万元", "何振华：小修小补，交给湘南园林公司做，不用再比选了。")
    competed = minutes("12.8万元", "经三家比选，湘南园林公司报价最低，不用再招标。")
    assert by_rule(run([rules, small], "jingqu"), "single-source-unjustified") == []
    assert by_rule(run([rules, competed], "jingqu"), "single-source-unjustified") == []
    # "理由是合作多年…不再另行比价": the same hand-over in other words
    familiar = minutes("12.8万元", "会议研究决定：由湘南园林公司承接，理由是该公司和景区合作多年、比较熟悉，不再另行比价。")
    assert len(by_rule(run([rules, familiar], "jingqu"), "single-source-unjustified")) == 1


def test_method_vs_amount_threshold_from_province():
    works = contract("施工合同.pdf", "某建筑公司", "教学楼维修改造工程", "350万元", "2025年3月1日", method="竞争性磋商")
    assert by_rule(run([works], "xuexiao"), "method-vs-amount") == []   # works limit 400万
    goods = contract("采购合同.pdf", "某公司", "课桌椅", "350万元", "2025年3月1日", method="竞争性磋商")
    assert len(by_rule(run([goods], "xuexiao"), "method-vs-amount")) == 1  # goods limit 200万


# ----------------------------------------------------------------- single source

def test_single_source_blank_fields():
    d = doc("单一来源审批表.pdf", "单一来源采购审批表", "项目名称：信息系统运维服务", "采购方式：单一来源",
            "单一来源理由：", "专家论证意见：无", "审批意见：/", "公示情况：——")
    flags = by_rule(run([d], "jiguan"), "single-source-unjustified")
    assert len(flags) == 1 and "理由栏为空" in flags[0].message and flags[0].severity == "high"


def test_single_source_reason_absent():
    d = doc("采购记录.pdf", "关于购买档案密集架的采购记录", "经办公室研究，采用单一来源方式向某某公司采购，金额4.5万元。")
    assert len(by_rule(run([d], "jiguan"), "single-source-unjustified")) == 1


def test_single_source_justified_clean():
    d = doc("单一来源审批表.pdf", "单一来源采购审批表", "项目名称：原有监控系统扩容", "采购方式：单一来源",
            "理由：为保证与原有系统兼容，只能从原供应商处添购，添购金额未超过原合同金额10%。",
            "专家论证意见：经3名专家论证，认为符合单一来源采购条件。", "审批意见：同意。 局长 王明 2023年4月2日",
            "公示情况：已于2023年3月20日至3月26日在政府采购网公示，期满无异议。")
    prose = doc("采购说明.pdf", "关于档案系统维保的采购说明",
                "因该系统为某公司独家开发，采用单一来源方式采购，理由：软件著作权及源代码归其独有。",
                "经三名专家论证同意，报局党组审批同意，并已在单位网站公示五个工作日。")
    rules_doc = doc("采购管理办法.pdf", "政府采购内部管理办法", "不得以化整为零方式规避公开招标，不得违规采用单一来源方式。",
                    doc_type="rules")
    assert by_rule(run([d, prose, rules_doc], "jiguan"), "single-source-unjustified") == []
    # the reason written into the expert opinion itself
    opinion = doc("CT球管更换单一来源采购论证意见.pdf", "关于CT球管更换采用单一来源方式采购的论证意见",
                  "项目: 拟采购方式；64排CT球管更换（1支）: 单一来源（原厂）",
                  "论证意见：该型号球管为原厂专用件，与设备高压发生器和软件锁定匹配，市场无第三方兼容产品。经3名院外专家论证，"
                  "同意采用单一来源方式采购。", "单一来源信息已于2025年7月8日在中国政府采购网公示5个工作日，无异议。")
    assert by_rule(run([opinion], "yiyuan"), "single-source-unjustified") == []


def test_single_source_note_saying_the_opinion_is_missing():
    """"（未附专家论证意见）": a note that names the opinion as missing is no opinion; a preference ("用惯了") is no
    reason that the supplier is the only one."""
    def form(note):
        return doc("耗材采购审批单.pdf", "某医院医用耗材采购审批单", "品名：一次性穿刺器", "预算金额：18万元",
                   "采购方式：单一来源", "单一来源理由：医生用惯了这个品牌。", "分管院长：同意 5月6日", note)
    assert len(by_rule(run([form("（没有提供专家论证意见）")], "yiyuan"), "single-source-unjustified")) == 1
    assert len(by_rule(run([form("备注：未附专家论证意见，未公示。")], "yiyuan"), "single-source-unjustified")) == 1
    # the clean twin: the opinion is there
    clean = form("备注：已附专家论证意见，经三名院外专家论证通过，已于5月8日公示，无异议。")
    assert by_rule(run([clean], "yiyuan"), "single-source-unjustified") == []


def test_single_source_in_a_register_is_the_applications_business():
    """A purchase register lists a 单一来源 row among others: the reasons, the expert opinion and the publicity are
    not columns of a register but of the purchase's own application — the register is not flagged, a blank
    application filed with it is."""
    register = doc("2024年设备及服务采购登记表.xlsx", "2024年设备及服务采购登记表",
                   "日期；采购事项；金额(元)；采购方式；审批人",
                   "日期: 2024-03-12；采购事项: 彩色多普勒超声诊断仪；金额(元): 1860000；采购方式: 公开招标；审批人: 院党委会",
                   "日期: 2024-06-03；采购事项: 彩超维保服务；金额(元): 286000；采购方式: 单一来源；审批人: 院长办公会",
                   doc_type="ledger")
    application = doc("采购方式变更申请（彩超维保）.docx", "采购方式变更申请", "项目名称：彩超维保服务",
                      "拟采用方式：单一来源", "理由：长期合作、响应及时", "专家论证意见：", "公示情况：")
    flags = by_rule(run([register, application], "yiyuan"), "single-source-unjustified")
    assert [f.file for f in flags] == ["采购方式变更申请（彩超维保）.docx"]


# ----------------------------------------------------------------- dates out of order

def _notice(date_text, project="村部修缮", supplier="张家界鑫盛建材有限公司", iso=None):
    return doc("成交通知书.pdf", "成交通知书", f"{supplier}：", f"你单位参与的{project}项目已确定为成交供应商，成交金额9.8万元。",
               f"通知日期：{date_text}", doc_date=iso)


def test_contract_signed_before_award():
    c = contract("合同1.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月2日")
    flags = by_rule(run([c, _notice("2023年3月10日", iso="2023-03-10")]), "dates-out-of-order")
    assert len(flags) == 1 and flags[0].file == "合同1.pdf"
    assert "2023-03-02" in flags[0].message and "2023-03-10" in flags[0].message and "成交通知书.pdf" in flags[0].message


def test_contract_signed_before_minutes():
    c = contract("合同.pdf", "某建筑工程有限公司", "村民活动中心建设", "36万元", "2022年9月1日")
    minutes = doc("村民代表会议记录.docx", "村民代表会议记录", "会议时间：2022年9月20日",
                  "会议审议村民活动中心建设项目，同意由某建筑工程有限公司承建，投资36万元。", doc_type="minutes",
                  doc_date="2022-09-20")
    assert len(by_rule(run([c, minutes]), "dates-out-of-order")) == 1


def test_dates_in_order_clean():
    c = contract("合同1.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月20日")
    acceptance = doc("验收记录.pdf", "村部修缮项目验收记录", "验收日期：2023年6月1日，供应商张家界鑫盛建材有限公司",
                     doc_date="2023-06-01")
    other = doc("成交通知书2.pdf", "成交通知书", "某某公司：", "你单位参与的路灯安装项目已确定为成交供应商，成交金额5万元。",
                "通知日期：2023年8月1日", doc_date="2023-08-01")
    flags = run([c, _notice("2023年3月10日", iso="2023-03-10"), acceptance, other])
    assert by_rule(flags, "dates-out-of-order") == []


# ----------------------------------------------------------------- ledger rows, stated limits, forms

def _ledger(name, note, rows, doc_type="procurement"):
    header = "日期；品名；金额（元）；供应商；采购方式"
    lines = [f"日期: {d}；品名: {item}；金额（元）: {amt}；供应商: {sup}；采购方式: {meth}" for d, item, amt, sup, meth in rows]
    return doc(name, *([note] if note else []), header, *lines, doc_type=doc_type)


_NOTE = "说明：单项5万元以上须报教育局按政府采购程序实施"


def test_split_ledger_rows_under_stated_limit():
    rows = [("2024-03-04", "学生电脑", 46800, "湖南某科技有限公司", "询价"),
            ("2024-03-08", "学生电脑", 46800, "湖南某科技有限公司", "询价"),
            ("2024-03-15", "学生电脑", 46800, "湖南某科技有限公司", "询价"),
            ("2024-04-02", "粉笔", 900, "某文具店", "定点")]
    flags = by_rule(run([_ledger("物资采购台账.xlsx", _NOTE, rows)], "xuexiao"), "split-purchase")
    assert [f.file for f in flags] == ["物资采购台账.xlsx"]
    assert "5万元" in flags[0].message and "14.04万元" in flags[0].message and "政府采购" in flags[0].message


def test_split_ledger_rows_clean_spaced_out_and_small():
    rows = [("2024-03-04", "学生电脑", 46800, "湖南某科技有限公司", "询价"),
            ("2024-07-20", "学生电脑", 46800, "湖南某科技有限公司", "询价"),
            ("2024-04-02", "打印纸", 1860, "某文具店", "定点"),
            ("2024-04-20", "打印纸", 2240, "某文具店", "定点")]
    assert by_rule(run([_ledger("物资采购台账.xlsx", _NOTE, rows)], "xuexiao"), "split-purchase") == []


def _voucher(name, day, amount, road):
    return doc(name, "某某乡村级财务报账单", "单位：某某村 编号：HG-2023-07", f"报账日期：{day}",
               f"摘要：购买LED太阳能路灯12盏（{road}路段）", f"金额：{amount}元", "收款单位：某某灯饰商行",
               "经手人：张三 证明人：李四", "乡农经站联审意见：",
               "备注：村级单笔支出5000元以上（含5000元）须经乡农村经济经营管理站联审联批后方可报账。")


def test_split_vouchers_under_the_townships_joint_review_line():
    """Two vouchers from one shop three days apart, each just under the 5,000元 line above which the township must
    review a village's spending with it (联审联批), together over it; 2,000元 in all is under the line."""
    docs = [_voucher("报账单1.jpg", "2023年7月3日", "4,860.00", "三屯"), _voucher("报账单2.jpg", "2023年7月6日", "4,920.00", "五屯")]
    flags = by_rule(run(docs), "split-purchase")
    assert {f.file for f in flags} == {"报账单1.jpg", "报账单2.jpg"} and "联审联批" in flags[0].message
    small = [_voucher("报账单1.jpg", "2023年7月3日", "1,000.00", "三屯"), _voucher("报账单2.jpg", "2023年7月6日", "1,000.00", "五屯")]
    assert by_rule(run(small), "split-purchase") == []


def test_split_village_ledger_same_project_parts():
    ledger = doc("村级工程项目台账.xlsx", "序号；工程项目；承建单位；金额（万元）；付款日期",
                 "工程项目: 组道硬化（一组）；承建单位: 某某建筑队；金额（万元）: 6.5；付款日期: 2023/6/2",
                 "工程项目: 组道硬化（二组）；承建单位: 某某建筑队；金额（万元）: 5.8；付款日期: 2023/6/21",
                 doc_type="ledger")
    flags = by_rule(run([ledger], "cunju"), "split-purchase")
    assert len(flags) == 1 and "12.3万元" in flags[0].message and "10万元" in flags[0].message
    clean = doc("村级工程项目台账.xlsx", "序号；工程项目；承建单位；金额（万元）；付款日期",
                "工程项目: 组道硬化（一组）；承建单位: 某某建筑队；金额（万元）: 6.5；付款日期: 2023/6/2",
                "工程项目: 水渠清淤；承建单位: 某某建筑队；金额（万元）: 1.8；付款日期: 2023/6/21",
                doc_type="ledger")
    assert by_rule(run([clean], "cunju"), "split-purchase") == []


def _form(name, project, rows):
    """A two-column approval form as the DOCX extractor writes it (first row taken as header)."""
    ps = [f"项目名称；{project}"] + [f"项目名称: {k}；{project}: {v}" for k, v in rows]
    return doc(name, f"{project}采购审批表", *ps)


def test_method_vs_amount_form_under_stated_limit():
    form = _form("设备采购审批表.docx", "食堂设备更新", [
        ("预算金额", "1,286,000元"), ("采购方式", "询价（邀请3家供应商报价）"),
        ("拟成交供应商", "湖南某厨房设备有限公司，报价1,268,000元"), ("校长意见", "同意。王某 2024年10月9日")])
    flags = by_rule(run([form, _ledger("台账.xlsx", _NOTE, [])], "xuexiao"), "method-vs-amount")
    assert len(flags) == 1 and flags[0].file == "设备采购审批表.docx"
    assert "128.6万元" in flags[0].message and "询价" in flags[0].message and "台账.xlsx" in flags[0].message


def test_method_vs_amount_internal_signature_is_not_approval():
    form = _form("设备采购审批表.docx", "录播教室设备", [
        ("预算金额", "2,360,000元"), ("采购方式", "竞争性谈判"), ("分管领导意见", "同意"), ("校长意见", "同意")])
    assert len(by_rule(run([form], "xuexiao"), "method-vs-amount")) == 1


def test_method_vs_amount_form_clean_twins():
    approved = _form("审批表1.docx", "食堂设备更新", [
        ("预算金额", "1,286,000元"), ("采购方式", "询价"),
        ("审批意见", "经县教育局批准，同意变更采购方式。")])
    # below the statutory public-tender limit the school's own rule lets its collective decision approve the method
    collective = _form("审批表2.docx", "录播教室设备", [
        ("预算金额", "1,360,000元"), ("采购方式", "竞争性谈判"), ("决策情况", "经校党委会集体研究同意")])
    platform = _form("审批表3.docx", "学生床具", [
        ("预算金额", "86,000元"), ("采购方式", "询价（政府采购网电子卖场）")])
    small = _form("审批表4.docx", "办公桌椅", [("预算金额", "38,000元"), ("采购方式", "询价")])
    docs = [approved, collective, platform, small, _ledger("台账.xlsx", _NOTE, [])]
    assert by_rule(run(docs, "xuexiao"), "method-vs-amount") == []


def test_a_designated_suppliers_purchase_needs_no_comparison_of_its_own_but_still_a_tender():
    """定点采购 buys from a supplier chosen beforehand: a row above the unit's "1万元以上须三家比价" is not a purchase
    made without comparison (a 直接采购 row is); above the tender limit the designation does not replace a tender."""
    note = "公司采购规定：单笔1万元以上须三家比价；50万元以上须招标"
    rows = [("2024-04-15", "食品级原料盐", 42000, "某盐业分公司", "定点采购")]
    assert by_rule(run([_ledger("采购台账.xlsx", note, rows, doc_type="ledger")], "qiye"), "method-vs-amount") == []
    direct = [("2024-04-15", "食品级原料盐", 42000, "某盐业分公司", "直接采购")]
    assert len(by_rule(run([_ledger("采购台账.xlsx", note, direct, doc_type="ledger")], "qiye"),
                       "method-vs-amount")) == 1
    large = [("2024-04-15", "包装生产线", 680000, "某机械有限公司", "定点采购")]
    assert len(by_rule(run([_ledger("采购台账.xlsx", note, large, doc_type="ledger")], "qiye"),
                       "method-vs-amount")) == 1


def test_single_source_form_table():
    filled = _form("单一来源论证表.pdf", "票务系统运维", [
        ("预算金额", "12.80万元"), ("采用单一来源方式的理由", "系统由该公司开发，源代码归其所有；更换需重建系统。"),
        ("专家论证意见", "经审阅合同及著作权证书，同意采用单一来源方式。"), ("负责人意见", "同意")])
    assert by_rule(run([filled], "jingqu"), "single-source-unjustified") == []
    blank = _form("单一来源审批表.pdf", "DR设备", [
        ("预算金额", "98万元"), ("采购方式", "单一来源"), ("单一来源理由", "操作人员熟悉该品牌"), ("专家论证意见", "无")])
    assert len(by_rule(run([blank], "yiyuan"), "single-source-unjustified")) == 1


# ----------------------------------------------------------------- dates across files

def _award(signed_by="2023年4月10日", issued="2023年3月10日"):
    return doc("招标/中标通知书.pdf", "中标通知书", "张家界鑫盛建材有限公司：",
               "我方于2023年3月1日开标的村部修缮项目，经评标委员会评审，你单位为中标人，中标价9.8万元。",
               f"请你单位在接到本通知书后于{signed_by}前与招标人签订合同。", "某某村民委员会", issued)


def test_contract_before_award_notice_in_other_file():
    c = contract("合同/村部修缮合同.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月5日")
    flags = by_rule(run([c, _award()]), "dates-out-of-order")
    assert [f.file for f in flags] == ["合同/村部修缮合同.pdf"]
    assert "2023-03-10" in flags[0].message and "中标通知书.pdf" in flags[0].message
    assert not any(r["file"] == "招标/中标通知书.pdf" for r in flags[0].related)


def test_award_notice_with_deadline_clean():
    c = contract("合同/村部修缮合同.pdf", "张家界鑫盛建材有限公司", "村部修缮", "9.8万元", "2023年3月20日")
    assert by_rule(run([c, _award()]), "dates-out-of-order") == []


def test_minutes_recalling_earlier_decision_clean():
    c = contract("合同.pdf", "某建筑工程有限公司", "教学楼维修", "36万元", "2023年9月5日")
    recall = doc("校长办公会纪要.pdf", "校长办公会议纪要", "时间：2023年9月20日",
                 "会议回顾了教学楼维修项目进展：该项目经2023年9月1日校长办公会研究决定，由某建筑工程有限公司承建，"
                 "合同已于9月5日签订，目前已开工。", doc_type="minutes", doc_date="2023-09-20")
    assert by_rule(run([c, recall], "xuexiao"), "dates-out-of-order") == []


def test_minutes_citing_regulation_date_still_flagged():
    c = contract("合同.pdf", "某建筑工程有限公司", "教学楼维修", "36万元", "2023年9月5日")
    late = doc("校长办公会纪要.pdf", "校长办公会议纪要", "时间：2023年9月20日",
               "根据《学校采购管理办法》（2019年1月1日起施行），会议研究同意教学楼维修项目由某建筑工程有限公司承建。",
               doc_type="minutes", doc_date="2023-09-20")
    flags = by_rule(run([c, late], "xuexiao"), "dates-out-of-order")
    assert len(flags) == 1 and flags[0].related[0]["file"] == "校长办公会纪要.pdf"


def test_award_matched_by_reworded_project():
    c = contract("合同/施工合同.docx", "湖南锦程建设工程有限公司", "游客中心装修改造施工", "186.2万元", "2022年9月5日",
                 method="公开招标")
    notice = doc("中标通知书.pdf", "中标通知书", "锦程公司：",
                 "我方于2022年9月14日开标的游客中心装修改造工程，经评标委员会评审，你单位为中标人。",
                 "请你单位在接到本通知书后30日内签订施工合同。", "2022年9月20日")
    flags = by_rule(run([c, notice], "qiye"), "dates-out-of-order")
    assert len(flags) == 1 and "2022-09-20" in flags[0].message and flags[0].related == []


def test_four_column_form_unrolled():
    form = doc("设备采购审批表.docx", "设备采购审批表", "项目名称；彩色超声诊断仪；申请科室；超声科",
               "项目名称: 预算金额；彩色超声诊断仪: 230万元；申请科室: 采购方式；超声科: 竞争性谈判",
               "项目名称: 拟定供应商；彩色超声诊断仪: 湖南某医疗器械有限公司；申请科室: 院长意见；超声科: 同意")
    flags = by_rule(run([form], "yiyuan"), "method-vs-amount")
    assert len(flags) == 1 and "230万元" in flags[0].message and "竞争性谈判" in flags[0].message


def test_minutes_deciding_after_signed_contract_flagged():
    c = contract("合同.pdf", "某建筑工程有限公司", "村部修缮", "26.3万元", "2024年8月2日")
    late = doc("两委会议纪要.pdf", "两委联席会议纪要", "时间：2024年8月20日",
               "会议研究村部修缮项目，施工合同已于2024年8月2日签订，会议同意由某建筑工程有限公司施工。",
               doc_type="collective_decision", doc_date="2024-08-20")
    assert len(by_rule(run([c, late]), "dates-out-of-order")) == 1


def _itemised_contract(name, grade, qty, price, total, signed):
    """A contract whose goods table (品名/数量/单价/金额 rows) the extractor renders as key: value rows."""
    return doc(name, "课桌椅采购合同", "甲方（采购人）：某某中学", "乙方（供应商）：某某教学设备有限公司",
               f"经双方协商，甲方向乙方购买{grade}学生课桌椅，双方订立本合同。", "品名；规格；数量；单价(元)；金额(元)",
               f"品名: 学生课桌椅；规格: 4号；数量: {qty}套；单价(元): {price}；金额(元): {qty * price:,.2f}",
               f"品名: 运输安装；规格: —；数量: 1项；单价(元): 50.00；金额(元): 50.00",
               f"品名: 合计；金额(元): {total:,.2f}", f"签订日期：{signed}")


_RULES = doc("物资采购管理办法.pdf", "某某中学物资采购管理办法",
             "第三条 单次采购金额5万元以上的，须经校长办公会集体研究，并采取询价方式确定供应商。",
             doc_type="rules")


def _ocr_contract(name, total, signed):
    """The same contract scanned: OCR runs the 品名 value into the next label."""
    return doc(name, "课桌椅采购合同", "甲方（采购人）：某某中学", "乙方（供应商）：某某教学设备有限公司",
               "品名：学生课桌椅规格：5号", "数量：152套单价：324.00元",
               f"合同金额：人民币（￥{total:,.2f}）".replace(",", "，"), f"签订日期：{signed}")


def test_split_itemised_contract_and_scanned_contract():
    # the goods-table rows of one contract are its items, not separate undated purchases
    _RULES.doc_kind = "rule"
    docs = [_RULES, _itemised_contract("合同（七年级）.docx", "七年级", 150, 323, 48500, "2023年8月21日"),
            _ocr_contract("合同（八年级）.pdf", 49400, "2023年9月4日")]
    flags = by_rule(run(docs, "xuexiao"), "split-purchase")
    assert {f.file for f in flags} == {"合同（七年级）.docx", "合同（八年级）.pdf"}
    assert "4.85万元" in flags[0].message and "5万元" in flags[0].message


def _itemised_form(name, day, items):
    """An approval form (审批单, not a contract) with a goods table whose rows add up to its 合计金额."""
    total = sum(q * price for _i, q, price in items)
    return doc(name, "某某中学物资采购审批单", f"申请部门：教务处；申请日期：2025-10-{day:02d}",
               "供应商：九江市鑫达文化用品商行；采购方式：直接采购（1万元以下）", "品名；规格；数量；单价（元）；金额（元）",
               *[f"品名: {i}；规格: 标准；数量: {q}；单价（元）: {price:.2f}；金额（元）: {q * price:,.2f}"
                 for i, q, price in items],
               f"合计金额：人民币（¥{total:,.2f}）", f"总务主任：熊国庆 2025-10-{day:02d}",
               doc_date=f"2025-10-{day:02d}")


def test_split_itemised_approval_forms():
    # each form's rows are its items (they add up to its total): two forms of 9,860 and 9,722 four days apart
    rules = doc("物资采购管理办法.pdf", "某某中学物资采购管理办法", "第三条 单次采购1万元及以上须三家比价。",
                doc_type="rules")
    rules.doc_kind = "rule"
    docs = [rules, _itemised_form("审批单1.pdf", 9, [("打印机硒鼓", 42, 128), ("A4复印纸", 38, 118)]),
            _itemised_form("审批单2.pdf", 13, [("打印机硒鼓", 40, 128), ("A4复印纸", 39, 118)])]
    flags = by_rule(run(docs, "xuexiao"), "split-purchase")
    assert {f.file for f in flags} == {"审批单1.pdf", "审批单2.pdf"}
    assert "9860元" in flags[0].message


def test_split_itemised_contract_clean_twin():
    # the same two contracts five months apart: outside the split window
    _RULES.doc_kind = "rule"
    docs = [_RULES, _itemised_contract("合同（七年级）.docx", "七年级", 150, 323, 48500, "2023年3月1日"),
            _ocr_contract("合同（八年级）.pdf", 49400, "2023年9月4日")]
    assert by_rule(run(docs, "xuexiao"), "split-purchase") == []


def test_minutes_deciding_payment_terms_are_still_the_decision():
    """Minutes that approve a contract and set its payment terms are not a 付款 document."""
    c = contract("外墙改造施工合同.pdf", "新化县永固建筑劳务有限公司", "办公楼外墙改造劳务分包", "43.2万元", "2023年6月2日")
    late = doc("总经理办公会纪要（2023-06-09）.docx", "总经理办公会纪要", "时间：2023年6月9日上午",
               "议题：公司办公楼外墙改造劳务分包",
               "各位依次发表意见，均同意，提出按进度分3次付款。总经理最后表态：同意比选结果，授权工程部与永固公司签订分包合同。",
               doc_type="minutes", doc_date="2023-06-09")
    flags = by_rule(run([c, late], "qiye"), "dates-out-of-order")
    assert len(flags) == 1 and flags[0].file == "外墙改造施工合同.pdf"
    pay = doc("工程款付款审批单.pdf", "工程款付款审批单", "时间：2023年6月20日",
              "申请支付新化县永固建筑劳务有限公司办公楼外墙改造劳务分包首期款12.96万元。", doc_type="procurement")
    assert by_rule(run([c, pay], "qiye"), "dates-out-of-order") == []


def test_village_ledger_with_bracketed_column_names():
    """收(付)款单位 / 支出(元) columns: two road sections to one builder in 18 days, each under 10万."""
    head = "报账日期；摘要；收(付)款单位；支出(元)；经手人"
    rows = ["报账日期: 2023-04-06；摘要: 一组通组道路硬化；收(付)款单位: 辰溪县宏远土石方工程部；支出(元): 92800；经手人: 舒卫东",
            "报账日期: 2023-04-24；摘要: 二组通组道路硬化；收(付)款单位: 辰溪县宏远土石方工程部；支出(元): 89500；经手人: 舒卫东",
            "报账日期: 2023-06-30；支出事项: 党员活动经费；收款方: 村党支部；金额(元): 2000；经手人: 米华"]
    ledger = doc("村级报账登记_2023.xlsx", "桥头村2023年村级报账登记", head, *rows, doc_type="ledger")
    flags = by_rule(run([ledger]), "split-purchase")
    assert flags and "宏远土石方" in flags[0].message and "9.28万元" in flags[0].message


def test_single_source_message_reads_an_ocr_form_without_colons():
    """OCR'd form cells have no colons: an empty 理由 cell is blank, '分管院领导意见 同意…' is an approval."""
    form = doc("单一来源采购审批表.pdf", "武陵源区人民医院单一来源采购审批表", "项目名称 血液透析器及配套管路",
               "采购预算 人民币28.60万元", "采用单一来源方式的理由", "专家论证意见（不少于3", "名专家）", "专家签名",
               "分管院领导意见 同意黄志明2022年10月11日")
    flags = by_rule(run([form], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1
    m = flags[0].message
    assert "理由栏为空" in m and "专家论证意见栏为空" in m and "审批意见" not in m and "公示未见" in m


def test_a_ledgers_category_column_and_a_rules_scope_decide_the_limit():
    """"类别: 服务" makes an 升级改造及运维 a service (200万 limit, not works' 400万); the unit's own
    "40万元以上的工程" tender rule does not reach a 68万 service bought by 磋商."""
    ledger = doc("2024年采购项目执行登记表.xlsx", "2024年采购项目执行登记表",
                 "序号；项目名称；类别；采购方式；成交金额(元)；成交供应商；合同日期",
                 "序号: 1；项目名称: 医院信息系统升级改造及三年运维；类别: 服务；采购方式: 竞争性磋商；成交金额(元): 2680000；成交供应商: 某数智科技有限公司；合同日期: 2024-08-05",
                 "序号: 2；项目名称: 水土保持监测服务；类别: 服务；采购方式: 竞争性磋商；成交金额(元): 652000；成交供应商: 某环境科技有限公司；合同日期: 2024-06-18",
                 "说明: 本单位规定单项合同估算价40万元以上的工程，须公开招标。", doc_type="ledger")
    flags = by_rule(run([ledger], "yiyuan"), "method-vs-amount")
    assert len(flags) == 1 and "268万元" in flags[0].message and "服务类" in flags[0].message


def test_a_works_contract_is_works_by_its_file_name():
    a = contract("北沙河护岸维修工程施工合同（一标段）.pdf", "某建设有限公司", "浆砌石护岸修复、坡面整理", "389600元", "2024年7月2日")
    b = contract("北沙河护岸维修工程施工合同（二标段）.pdf", "某建设有限公司", "浆砌石护岸修复、防护栏", "396800元", "2024年7月18日")
    rule = doc("水利工程建设管理办法.pdf", "单项合同估算价40万元以上的工程，须进入公共资源交易中心公开招标。", doc_type="rules")
    assert {f.file for f in by_rule(run([a, b, rule], "jiguan"), "split-purchase")} == {a.file, b.file}


def test_contract_signed_before_the_selection_record_that_names_its_winner():
    selection = doc("2_比选记录.pdf", "村道硬底化工程施工单位比选记录", "比选时间：2024年6月3日上午10:00",
                    "序号: 1；报价单位: 清远市粤顺建筑工程有限公司；报价(元): 271,800",
                    "按最低报价确定清远市粤顺建筑工程有限公司为施工单位。", "2024年6月3日", doc_date="2024-06-03")
    signed = doc("3_施工合同.docx", "村道硬底化工程施工合同", "发包人（甲方）：某村股份经济联合社",
                 "承包人（乙方）：清远市粤顺建筑工程有限公司", "合同价款：人民币271,800元", "签订日期：2024年5月28日",
                 doc_date="2024-05-28")
    flags = by_rule(run([selection, signed]), "dates-out-of-order")
    assert [f.file for f in flags] == ["3_施工合同.docx"]
    later = doc("3_施工合同.docx", "村道硬底化工程施工合同", "承包人（乙方）：清远市粤顺建筑工程有限公司",
                "合同价款：人民币271,800元", "签订日期：2024年6月10日", doc_date="2024-06-10")
    assert by_rule(run([selection, later]), "dates-out-of-order") == []


def _works_contract(name, phase, amount, signed):
    return doc(name, f"石门沟游步道护栏维修工程合同（{phase}）", "甲方（发包人）：某景区管理办公室",
               "乙方（承包人）：西安秦宇园林工程有限公司",
               f"经双方协商，甲方将游步道护栏维修工程（{phase}）委托乙方施工。依据景区《采购管理办法》，5万元以下项目可直接委托。",
               f"合同价：{amount}", f"签订日期：{signed}")


def test_split_under_a_limit_stated_from_below():
    """"5万元以下项目可直接委托": two phases of one job at 4.8万 and 4.75万, two weeks apart, are one job split."""
    docs = [_works_contract("护栏合同一期.pdf", "一期", "48,000元（肆万捌仟元整）", "2024年5月6日"),
            _works_contract("护栏合同二期.docx", "二期", "47,500元（肆万柒仟伍佰元整）", "2024年5月20日")]
    flags = by_rule(run(docs, "jingqu"), "split-purchase")
    assert {f.file for f in flags} == {"护栏合同一期.pdf", "护栏合同二期.docx"}


def test_a_small_phase_far_below_the_stated_limit_is_clean():
    docs = [_works_contract("护栏合同一期.pdf", "一期", "48,000元", "2024年5月6日"),
            _works_contract("护栏合同二期.docx", "二期", "8,500元", "2024年5月20日")]
    assert not by_rule(run(docs, "jingqu"), "split-purchase")


def _quoted_ledger(note, quotes):
    """A canteen's ledger: one supplier's rice and oil, three weeks apart, each with its own count of quotes."""
    rows = [("2024-03-04", 23600), ("2024-03-25", 21800)]
    return doc("食堂物资采购登记表.xlsx", "某某小学食堂物资采购登记表", note, "日期；品名；供应商；金额（元）；比价家数",
               *[f"日期: {d}；品名: 大米、食用油；供应商: 某某粮油店；金额（元）: {amt}；比价家数: {quotes}" for d, amt in rows],
               doc_type="ledger")


def test_split_below_a_comparison_limit_whose_parts_were_each_compared_is_clean():
    """Splitting to avoid "三家比价" avoids nothing when every part was compared with three quotes itself."""
    note = "说明：单次采购3万元以上须三家比价"
    assert not by_rule(run([_quoted_ledger(note, "3家")], "xuexiao"), "split-purchase")
    # one quote per part, and the note's own "三家" is a requirement, not a record of quotes
    flags = by_rule(run([_quoted_ledger(note, "1家")], "xuexiao"), "split-purchase")
    assert [f.file for f in flags] == ["食堂物资采购登记表.xlsx"] and "3万元" in flags[0].message


def test_split_forms_whose_only_quotes_are_the_rule_they_cite():
    """A form's note "3万元以上须三家比价" states the rule: it records no quotes of the purchase."""
    note = ("注：3万元以上须三家比价",)
    docs = [contract("合同1.pdf", "某某粮油店", "食堂大米", "2.4万元", "2024年3月4日", method="直接采购", extra=note),
            contract("合同2.pdf", "某某粮油店", "食堂大米", "2.2万元", "2024年3月25日", method="直接采购", extra=note)]
    flags = by_rule(run(docs, "xuexiao"), "split-purchase")
    assert {f.file for f in flags} == {"合同1.pdf", "合同2.pdf"} and "3万元" in flags[0].message

def test_split_below_a_collective_limit_is_flagged_though_each_part_was_compared():
    note = "说明：单次采购4万元以上须经校务会集体研究"
    flags = by_rule(run([_quoted_ledger(note, "3家")], "xuexiao"), "split-purchase")
    assert [f.file for f in flags] == ["食堂物资采购登记表.xlsx"] and "4万元" in flags[0].message


# ----------------------------------------------------------------- one form's own dates

def test_sign_off_before_the_application_is_out_of_order():
    from pipeline.flags import form_order

    form = doc("工程款支付审批单.pdf", "重庆渝丰建工集团工程款支付审批单", "申请日期：2025年6月20日",
               "商务部审核：何小兰 2025.6.21", "财务部复核：彭丽 2025.6.23", "总经理审批：邓永红 2025.6.18")
    flags = form_order.check([form])
    assert len(flags) == 1 and flags[0].rule == "dates-out-of-order" and "总经理审批" in flags[0].message
    fine = doc("工程款支付审批单.pdf", "工程款支付审批单", "申请日期：2025年6月20日", "商务部审核：何小兰 2025.6.21",
               "总经理审批：邓永红 2025.6.24")
    assert not form_order.check([fine])


def test_an_acceptance_dated_before_the_contract_it_accepts():
    """A 竣工验收单 (OCR'd: 峻工, a date in Chinese numerals) accepting the work ten days before the contract was
    signed was written to fit; one dated after completion is the normal order."""
    from pipeline.flags import form_order

    early = doc("游步道维修工程竣工验收单.pdf", "工程竣工验收单", "合同签订日期：2024年5月20日", "开工日期：2024年5月25日",
                "峻工日期：2024年6月28日", "验收意见：按合同完成，同意验收。", "验收日期：二〇二四年五月十日")
    flags = form_order.check([early])
    assert len(flags) == 1 and "工程环节日期倒置" in flags[0].message and "验收日期" in flags[0].message
    on_time = doc("游步道维修工程竣工验收单.pdf", "工程竣工验收单", "合同签订日期：2024年5月20日",
                  "竣工日期：2024年6月28日", "验收日期：2024年7月3日")
    assert not form_order.check([on_time])


def test_a_report_due_before_the_wedding_filed_after_it():
    from pipeline.flags import form_order

    late = doc("婚丧喜庆事宜报告表.pdf", "领导干部操办婚丧喜庆事宜报告表", "事由：女儿结婚", "举办日期：2024年10月2日",
               "报告日期：2024年10月9日")
    assert [f.rule for f in form_order.check([late])] == ["dates-out-of-order"]
    on_time = doc("婚丧喜庆事宜报告表.pdf", "领导干部操办婚丧喜庆事宜报告表", "举办日期：2024年10月2日",
                  "报告日期：2024年9月20日")
    assert not form_order.check([on_time])


def test_split_in_a_village_ledger_with_plain_headers_and_a_limit_in_a_table_row():
    """"日子: 4月2日；款子用在哪: …" with the year in the title; the limit is a row of the 微权力清单 whose
    procedure sits in the next cell."""
    rules_doc = doc("村级微权力清单.pdf", "村级“微权力”清单及运行流程图",
                    "类别: 工程项目；事项: 5万元以上工程；运行要求: 村民代表会议决定，在镇公共资源交易平台公开比选；不得化整为零",
                    doc_type="rules")
    rules_doc.doc_kind = "rule"
    ledger = doc("村级资金支出登记簿（2024）.xlsx", "青龙村村级资金支出登记簿（2024年）",
                 "日子: 4月2日；款子用在哪: 四组堰塘清淤（第一段）；收款人: 三台县顺利土石方工程队；金额（元）: 48000",
                 "日子: 4月11日；款子用在哪: 四组堰塘清淤（第二段）；收款人: 三台县顺利土石方工程队；金额（元）: 49000",
                 "日子: 4月19日；款子用在哪: 六组堰塘清淤；收款人: 三台县顺利土石方工程队；金额（元）: 47000",
                 doc_type="ledger")
    flags = by_rule(run([rules_doc, ledger]), "split-purchase")
    assert {f.file for f in flags} == {"村级资金支出登记簿（2024）.xlsx"}


def test_minutes_noting_the_work_done_are_not_its_decision():
    contract = _works_contract("护栏合同一期.pdf", "一期", "48,000元", "2024年5月6日")
    minutes = doc("经理办公会纪要.docx", "景区经理办公会纪要", "时间：2024年6月14日上午9:00",
                  "议题三：游步道护栏维修", "工程部汇报：5月已完成石门沟游步道护栏维修（两期）。会议要求工程部尽快组织验收。",
                  doc_type="minutes", doc_date="2024-06-14")
    assert not by_rule(run([contract, minutes], "jingqu"), "dates-out-of-order")


def test_a_scanned_submission_sheet_whose_signers_date_is_on_the_next_line():
    """呈批件 scan: "…局长批示：同意，抓紧实施。" then "黄志坚2025年7月9日" — the director signed before it was drafted.
    An acceptance slip after the approval is no step of the approval chain."""
    from pipeline.flags import form_order
    sheet = doc("关于橘红产业园道路维修的呈批件.pdf", "呈批件化州市农业农村局呈批件", "拟稿：产业发展股邓国强2025年7月15日",
                "内容：生产便道塌方约260米，预算18.6万元。会签：计财股何丽萍2025年7月16日",
                "分管领导意见：陈家荣拟同意2025年7月16日局长批示：同意，抓紧实施，雨季前修好。", "黄志坚2025年7月9日")
    flags = form_order.check([sheet])
    assert len(flags) == 1 and "局长批示" in flags[0].message, flags
    fine = doc("办公设备询价采购呈批件.pdf", "化州市农业农村局呈批件", "拟稿：办公室 罗振东 2025年4月8日",
               "会签: 局长批示；计财股 何丽萍：同意。 2025年4月9日: 黄志坚：同意。 2025年4月10日", "附：验收单",
               "到货日期: 验收人；2025年4月17日: 罗振东、何丽萍、资产管理员 苏文静")
    assert form_order.check([fine]) == []


def test_a_direct_purchase_above_the_units_own_comparison_limit():
    """"单项5万元以上的物资、设备采购，须三家以上询价比价" and an approval form for 86,400元 "直接采购": method-vs-amount.
    Below the limit nothing is flagged."""
    rules = doc("学校采购管理办法.docx", "学校“三重一大”决策制度及采购管理办法",
                "第二条　单项5万元以上的物资、设备采购，须三家以上询价比价，经校务会集体研究。", doc_type="rules")

    def form(amount: str):
        return doc("多媒体教室设备采购审批表.pdf", "古宜镇第二小学物资采购审批表", "申请日期：2024年8月26日",
                   f"申请部门：总务处经办人：石乃军采购内容：交互式智能黑板6套（含安装）采购金额：人民币{amount}元",
                   "采购方式：直接采购", "校长审批：同意。杨光明", "2024年8月27日")
    assert [f.file for f in by_rule(run([rules, form("86，400")], "xuexiao"), "method-vs-amount")] == ["多媒体教室设备采购审批表.pdf"]
    assert by_rule(run([rules, form("36，400")], "xuexiao"), "method-vs-amount") == []


def test_an_ocr_point_read_for_the_thousands_comma():
    """OCR reads "128,000元" as "128.000元": a yuan amount has at most two decimals, so three after the point are
    thousands (a unit price "0.588元/度" keeps its decimals). Below the limit the same slip is clean."""
    from classifiers.text_utils import parse_amounts
    assert [v for v, _ in parse_amounts("人民币128.000元；1.280.000元；电价0.588元/度；单价6.00元")] == [128000, 1280000, 0.59, 6]
    rules = doc("采购管理办法.docx", "学校采购管理办法", "单项5万元以上的物资采购，须三家以上询价比价。", doc_type="rules")

    def form(amount: str):
        return doc("设备采购审批表.jpg", "物资采购审批表", "申请日期：2025年8月18日", "采购内容：录播教室设备1套",
                   f"采购金额：人民币{amount}元", "采购方式：直接采购", "校长审批：同意。")
    assert len(by_rule(run([rules, form("128.000")], "xuexiao"), "method-vs-amount")) == 1
    assert by_rule(run([rules, form("32.000")], "xuexiao"), "method-vs-amount") == []


def test_split_across_two_photographed_forms_with_ocr_amounts():
    """Two 呈批表 a week apart, same item and supplier, each just under the own 5万 comparison limit; OCR wrote the
    amounts with points and ran the supplier into the next label."""
    rules = doc("采购管理制度.docx", "采购管理制度", "第六条 单笔5万元以上的，须三家以上比价，报总经理办公会研究。", doc_type="rules")

    def form(name, day, amount):
        return doc(name, "公司采购呈批表", f"申请日期：2025年6月{day}日", "申请部门：包装车间 物资：礼盒纸盒",
                   f"数量：8.100个单价6.00元金额：{amount}元",
                   "供应商：某某彩印包装有限公司采购方式：直接采购（5万元以下）车间主任：同意")
    a, b = form("呈批表1.pdf", 3, "48.600"), form("呈批表2.jpg", 10, "49.200")
    flags = by_rule(run([rules, a, b], "qiye"), "split-purchase")
    assert {f.file for f in flags} == {"呈批表1.pdf", "呈批表2.jpg"}
    assert "某某彩印包装有限公司，礼盒纸盒" in flags[0].message and "采购方式" not in flags[0].message.split("每笔")[0]
    far = form("呈批表2.jpg", 10, "9.200")
    assert by_rule(run([rules, a, far], "qiye"), "split-purchase") == []


def test_a_limit_clause_naming_a_collective_study_and_a_tender():
    """"10万元以上的，提交校务会集体研究，并委托县公共资源交易中心…采购，不得自行询价": the clause requires a tender
    as well as a collective study, so 24.6万 by 询价 is method-vs-amount; 8万 by 询价 (the 1-10万 tier) is clean."""
    rules = doc("学校物资采购管理办法.pdf", "学校物资采购管理办法",
                "第五条 1万元以上、10万元以下的，向三家以上供应商询价，报行政会研究确定。",
                "第六条 10万元以上的，提交校务会集体研究，并委托县公共资源交易中心或按政府采购程序采用竞争性磋商、"
                "公开招标等方式采购，不得自行询价确定。", doc_type="rules")

    def form(amount):
        return doc("课桌椅采购呈批表.jpg", "物资采购呈批表", "申请日期：2025年7月28日", "项目：初一新生单人课桌椅620套",
                   f"金额：{amount}元", "采购方式：询价（三家报价，选最低）", "理由：开学急用", "校长：同意。")
    flags = by_rule(run([rules, form("246,000")], "xuexiao"), "method-vs-amount")
    assert len(flags) == 1 and "10万元" in flags[0].message
    assert by_rule(run([rules, form("80,000")], "xuexiao"), "method-vs-amount") == []
    # a negated stricter tier adds nothing: "10万元以上的，集体研究，不得公开招标" is no tender rule
    from pipeline.flags.limits import stated_limits
    neg = doc("办法.pdf", "办法", "10万元以上的，提交校务会集体研究，不得公开招标。", doc_type="rules")
    assert [s.tier for s in stated_limits([neg])] == ["collective"]


def test_single_source_form_with_blank_written_into_the_cells():
    """"专家论证意见：（空白）" is an empty cell, not an opinion."""
    form = doc("单一来源采购审批表.pdf", "设备采购审批表", "设备名称：全自动煎药包装一体机2台", "预算金额：468,000元",
               "采购方式：单一来源", "单一来源理由：科室使用习惯", "专家论证意见：（空白）", "公示情况：（空白）",
               "院长意见：同意。")
    flags = by_rule(run([form], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "专家论证意见栏为空" in flags[0].message and "公示栏为空" in flags[0].message


def test_single_source_form_with_a_seal_stamped_across_its_blank_cells():
    """OCR reads a seal over an empty cell as stray single characters after the blank mark ("（空白） 医"): still
    blank. A filled cell with a spaced word ("无 异议") is not."""
    def form(opinion, notice):
        return doc("单一来源采购审批表（试剂）.pdf", "单一来源采购审批表", "申请日期：2024年3月4日",
                   "采购内容：血球分析仪配套试剂", "年预算金额：52万元", "单一来源理由：厂家专用试剂，仪器只识别原厂试剂",
                   f"专家论证意见：{opinion}", f"公示情况：{notice}", "院长审批：同意")
    flags = by_rule(run([form("（空白） 卫", "（空白） 县 院")], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "专家论证意见栏为空" in flags[0].message
    twin = form("经院外3名专家论证，同意", "已在院网站公示5个工作日，无 异议")
    assert by_rule(run([twin], "yiyuan"), "single-source-unjustified") == []


def test_single_source_justification_written_in_numbered_sections_is_clean():
    """A written opinion with headings '二、专家意见' / '三、公示情况' and the text below them is filled, not a form's
    empty cells; the same headings with nothing below them are blank."""
    def opinion(expert, notice):
        return doc("CT球管更换单一来源采购论证意见及公示.pdf", "CT球管更换项目单一来源采购专家论证意见",
                   "项目名称；64排CT球管更换；预算金额；86万元",
                   "一、论证情况", "球管与主机软件加密识别，第三方球管无法装机；原厂在本地区仅授权一家服务商。",
                   "二、专家意见", *expert, "三、公示情况", *notice, "设备科 2025年4月28日")
    good = opinion(["符合只能从唯一供应商处采购的情形，同意采用单一来源方式。论证专家：院外专家三名。"],
                   ["2025年4月21日至4月27日在政府采购网公示，公示期内未收到异议。"])
    assert by_rule(run([good], "yiyuan"), "single-source-unjustified") == []
    empty = opinion([], [])
    assert len(by_rule(run([empty], "yiyuan"), "single-source-unjustified")) == 1


def _minutes(name, *items, doc_type="minutes"):
    return doc(name, "管理处主任办公会纪要", "时间：2024年12月18日上午；地点：会议室", "主持：黄某（主任）；记录：郑某",
               *items, "综合办 2024年12月19日", doc_type=doc_type)


_TENDER_RULES = doc("内部管理制度汇编.pdf", "景区内部管理制度汇编",
                    "第八条 1万元以上货物和服务三家询价；50万元以上公开招标。", doc_type="rules")


def test_minutes_deciding_a_method_below_the_units_tender_limit():
    """An agenda item "游客中心改造工程（预算95万元）" decided "同意采用询价方式" against the unit's own "50万元以上
    公开招标": method-vs-amount on the minutes, though no contract or form is filed."""
    item = ["议题：游客中心改造工程（预算95万元）",
            "朱某汇报：拟改造售票厅和新建卫生间，预算95万元。为赶工期，建议采用询价方式，邀请3家施工单位报价。",
            "舒某：同意。汪某：同意。", "最后，黄某表态：同意采用询价方式确定施工单位。"]
    flags = by_rule(run([_TENDER_RULES, _minutes("主任办公会纪要.pdf", *item)], "jingqu"), "method-vs-amount")
    assert len(flags) == 1 and "95万元" in flags[0].message and "50万元" in flags[0].message and "询价" in flags[0].message


def test_minutes_deciding_a_method_clean_twins():
    small = ["议题：售票厅改造（预算32万元）", "最后，黄某表态：同意采用询价方式确定施工单位。"]
    approved = ["议题：游客中心改造工程（预算95万元）",
                "因工期紧，已报县财政局批准变更采购方式，同意采用竞争性谈判方式确定施工单位。"]
    recalled = ["议题：游客中心改造工程（预算95万元）进展", "上次会议已确定采用询价方式，本次通报施工进度。"]
    rules = ["议题：修订采购管理制度", "会议同意：50万元以上公开招标，50万元以下的可采用询价方式。"]
    refused = ["议题：游客中心改造工程（预算95万元）", "黄某：不得采用询价方式，同意委托代理机构公开招标。"]
    # a member's suggestion about financing is no purchase decided
    suggested = ["议题：前置研究年度投资计划及融资方案", "计划财务部汇报了年度投资计划（总投资5.6亿元）。杜某提出融资成本偏高，"
                 "建议比选三家以上金融机构；其余同志分别发表意见，同意提交董事会审议。"]
    for item in (small, approved, recalled, rules, refused, suggested):
        flags = by_rule(run([_TENDER_RULES, _minutes("主任办公会纪要.pdf", *item)], "jingqu"), "method-vs-amount")
        assert flags == [], item


def test_minutes_deciding_a_single_source_without_justification():
    """"拟按单一来源采购…医生用习惯了" decided at a meeting: no sole-supplier reason, no expert, no publicity."""
    item = ["议题：骨科关节置换耗材采购",
            "设备科汇报：骨科提出继续使用原品牌，年采购额约128万元，拟按单一来源采购。",
            "骨科主任：医生用这个牌子用了五六年，换品牌要重新适应。", "院长（最后）：同意按单一来源采购，由设备科直接洽谈价格。"]
    flags = by_rule(run([_minutes("院长办公会议纪要.docx", *item)], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "128万元" in flags[0].message and "理由" in flags[0].message


def test_minutes_deciding_a_single_source_clean_twins():
    justified = ["序号: 1；议题: 64排CT球管更换（单一来源，48.6万元）；讨论意见: 球管为原厂专用件，与机架序列号绑定，"
                 "其他厂家无法供货。6月3日邀请3名院外专家论证，意见一致；6月4日—10日在市政府采购网公示5个工作日，无异议。"
                 "委员依次同意，书记最后：同意按单一来源采购。"]
    planned = ["议题二：2025年医疗设备购置计划（总额1,280万元）",
               "设备科汇报：其中CT球管更换拟采用单一来源方式，须组织院外专家论证并按规定公示。委员逐一发表意见，同意计划。"]
    refused = ["议题：骨科耗材采购（约128万元）", "会议决定：不得采用单一来源方式，由设备科组织公开招标。"]
    # a statutory inspection by the only qualified body: small, or above the limit and published
    inspection = ["议题一：观光车年度定期检验", "工程部汇报：拟委托省特种设备检验研究院（本区唯一具有该资质的机构），"
                  "检验费约1.2万元，采用单一来源方式。", "经理（最后）：同意单一来源委托。"]
    published = ["议题一：锅炉及电梯年度定期检验", "工程部汇报：拟委托省特种设备检验研究院（本区唯一具有该资质的机构），"
                 "检验费约15万元，采用单一来源方式，已于6月3日至7日在官网公示无异议。", "经理（最后）：同意单一来源委托。"]
    supervised = ["议题：骨科耗材采购", "设备科汇报：年采购额约128万元，拟按单一来源采购。", "院长（最后）：同意按单一来源报区卫健局审批后签约。"]
    for item in (justified, planned, refused, inspection, published, supervised):
        assert by_rule(run([_minutes("院党委会议纪要.pdf", *item, doc_type="collective_decision")], "yiyuan"),
                       "single-source-unjustified") == [], item


def test_minutes_without_item_heads_are_read_as_one_item():
    """Minutes written as plain paragraphs (no 议题/一、 heads): the decision's own sentence gives the amount."""
    minutes = doc("主任办公会会议记录.docx", "主任办公会会议记录", "时间：2024年12月18日；主持：黄某",
                  "会议研究了游客中心改造工程，预算95万元，与会人员一致同意采用询价方式确定施工单位。", doc_type="minutes")
    flags = by_rule(run([_TENDER_RULES, minutes], "jingqu"), "method-vs-amount")
    assert len(flags) == 1 and "95万元" in flags[0].message


def test_a_stated_limit_written_with_a_thousands_comma():
    """"单笔5，000元以上经会长办公会研究" is a 5,000元 limit, not "000元"; "10万元以下可直接采购" after a comma is still read."""
    from pipeline.flags.limits import stated_limits
    rules = doc("财务管理办法.pdf", "商会财务管理办法", "单笔5，000元以上经会长办公会研究；5万元以上须三家比价，10万元以下可直接采购。",
                doc_type="rules")
    assert [(s.amount, s.tier) for s in stated_limits([rules])] == [(5000, "collective"), (50000, "compare"), (100000, "compare")]


# ----------------------------------------------------------------- behaviours added for dev23-dev26

def test_single_source_reason_in_other_words_is_a_reason():
    """"须原厂授权…均不能提供", "专利产品，市场上无通用替代件": the sole supplier explained in prose, with expert
    opinion or publicity, is justified; a reason that names no sole supplier and has neither is not."""
    vendor = doc("CT维保单一来源论证.pdf", "设备科CT设备维保服务单一来源采购论证意见", "设备：64排CT",
                 "情况：设备软件加密，故障诊断须原厂授权，经向3家第三方维保公司询问，均不能提供",
                 "论证专家：外院设备科2人、本院工程师1人", "意见：仅原厂能满足，同意采用单一来源方式",
                 "公示：2025年2月20日至26日在省政府采购网公示，无异议")
    patent = doc("配件单一来源采购说明.pdf", "关于专用配件单一来源采购的说明",
                 "需更换主轴6套，金额2.8万元。该配件为某茶机厂专利产品，市场上无通用替代件。",
                 "拟采用单一来源方式向原厂采购的信息已于5月16日至19日在公示栏公示，无异议；总经理办公会研究同意。")
    assert by_rule(run([vendor], "yiyuan"), "single-source-unjustified") == []
    assert by_rule(run([patent], "qiye"), "single-source-unjustified") == []


def test_single_source_with_a_habit_for_a_reason_and_only_a_signature():
    """"该公司近年服务及时" is no sole-supplier reason; with no expert opinion and no publicity, the head's
    "同意" does not justify the single source. The same form with a sole-supplier reason is clean."""
    def form(reason):
        return doc("维保服务采购审批表.pdf", "卫生院服务采购审批表", "项目名称：DR设备年度维保服务", "金额：46,000元",
                   "采购方式：单一来源", "供应商：某医疗科技有限公司", f"采用单一来源的理由：{reason}",
                   "审批意见：同意。某某 2025年6月10日")
    flags = by_rule(run([form("该公司近年服务及时，经院务会研究同意。")], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "唯一性" in flags[0].message
    clean = form("设备为该公司独家代理品牌，原厂授权维保仅此一家。")
    assert by_rule(run([clean], "yiyuan"), "single-source-unjustified") == []


def _paged(name, pages, title):
    ps = [Passage(name, pg + 1, t, index=i) for pg, lines in enumerate(pages) for i, t in enumerate([title, *lines])]
    return Document(file=name, passages=ps, pages=len(pages), doc_type="procurement", doc_kind="record")


def test_split_copies_of_one_form_scanned_into_one_file():
    """Three payment slips to one supplier for one job, a slip a page, each under the unit's own 3万 limit: every
    copy is a purchase of its own. The same slips a few months apart are not a split."""
    rules = doc("制度汇编.pdf", "景区内部管理制度汇编", "第四条 单项3万元以上的采购，须三家以上比价，经主任办公会研究。",
                doc_type="rules")

    def slips(dates):
        return _paged("付款审批单.pdf", [[f"日期：2025年{d}", f"收款单位：某木材经营部事由：栈道防腐木更换（{n}期）金额：人民币{a}元",
                                           "主任：同意"] for d, n, a in zip(dates, "一二三", ("28,600", "29,200", "27,900"))],
                      "付款审批单")
    flags = by_rule(run([rules, slips(["6月3日", "6月10日", "6月17日"])], "jingqu"), "split-purchase")
    assert flags and {f.file for f in flags} == {"付款审批单.pdf"}
    assert by_rule(run([rules, slips(["1月3日", "5月10日", "9月17日"])], "jingqu"), "split-purchase") == []


def test_a_contracts_running_header_does_not_make_pages_purchases():
    pages = [["甲方：某村民委员会", "乙方：某建材有限公司", "合同金额：2.9万元", "签订日期：2025年6月3日"],
             ["付款：验收后支付2.8万元", "日期：2025年6月20日"]]
    from pipeline.flags.purchases import form_copies
    assert form_copies(_paged("合同.pdf", pages, "村部修缮采购合同")) == []


def test_equipment_including_installation_is_goods():
    """"录播教室设备1套（含安装）" is goods: the unit's 10万 goods rule applies to a direct purchase of 26.8万."""
    rules = doc("内部控制制度.docx", "学校内部控制制度",
                "第五条 单项10万元以上的货物、服务，须经校长办公会集体研究，并通过政府采购电子卖场或委托代理机构采购。",
                doc_type="rules")

    def form(amount):
        return doc("物资采购审批单.pdf", "物资采购审批单", "申请日期：2025-06-16", "采购内容：录播教室设备1套（含安装）",
                   f"金额：{amount}", "采购方式：直接采购", "供应商：某教育科技有限公司", "校长：同意")
    assert len(by_rule(run([rules, form("268,000.00元")], "xuexiao"), "method-vs-amount")) == 1
    assert by_rule(run([rules, form("46,500.00元")], "xuexiao"), "method-vs-amount") == []


def test_minutes_amount_in_the_report_before_the_decision():
    """The item's report gives the cost ("经测算维修费用约28.6万元"), members speak, the chair decides 询价: the
    report's amount is the decision's. Under the unit's tender limit nothing is flagged."""
    rules = doc("制度汇编.pdf", "景区内部管理制度汇编", "20万元以上的工程，须公开招标。", doc_type="rules")

    def minutes(cost):
        return _minutes("主任办公会纪要.pdf", "议题一：游步道及观景平台维修", f"工程部汇报：经测算维修费用约{cost}。",
                        "某某：走招标来不及。", "主任（最后）：同意采取三家询价方式确定施工单位，4月5日前进场。")
    flags = by_rule(run([rules, minutes("28.6万元")], "jingqu"), "method-vs-amount")
    assert len(flags) == 1 and "28.6万元" in flags[0].message
    assert by_rule(run([rules, minutes("8.6万元")], "jingqu"), "method-vs-amount") == []


def test_a_rule_set_from_above_is_not_waived_by_the_units_own_meeting():
    """A village form notes the district's rule ("20万元以上的村级工程须进入镇公共资源交易分中心公开交易") and records a
    43.8万 直接发包 "by 村民代表会议决议": the note is the rule, not the trading done, and the village meeting cannot waive
    it — flagged. Trading that was done on the platform is clean (and a school's own meeting may still approve a
    method under a rule that only asks for 政府采购程序: test_method_vs_amount_form_clean_twins)."""
    def form(note, unit_words="村民代表会议决议（2025-05-12）"):
        return doc("村级工程项目审批单.pdf", "村级工程项目审批单", "项目名称：文化礼堂改造提升；项目类别：房屋修缮",
                   "估算金额：438,000.00元；资金来源：村集体经济收入", "发包方式：直接发包；施工单位：杭州余杭溪畔建筑工程有限公司",
                   f"决策依据：{unit_words}；计划工期：2025-05-20至2025-07-31", note, doc_date="2025-05-19")
    rule = "说明：按管理办法，估算价20万元以上的村级工程须进入镇公共资源交易分中心公开交易。"
    flags = by_rule(run([form(rule)], "cunju"), "method-vs-amount")
    assert len(flags) == 1 and "会议决议不能替代" in flags[0].message
    done = rule + "本项目已于2025年5月16日在镇公共资源交易分中心公开交易。"
    assert by_rule(run([form(done)], "cunju"), "method-vs-amount") == []


def test_a_scanned_rule_broken_across_lines_is_still_the_rule():
    """A scan breaks "单项50万元以上 … 服务须公开招标" over two lines (and a stamp's characters into it): an OCR line is
    not a paragraph, so the rule is read whole — 86万 直接委托 flagged. Typed text keeps its lines."""
    lines = ["侨星中学采购呈批表", "项目名称：2024年秋季至2025年春季学期食堂食材配送服务", "预算金额：人民币捌拾陆万元（860.000元）",
             "采购方式：直接委托（续签）", "拟选供应商：晋江市鲜丰源食品配送有限公司", "经办（总务处）：蔡志强2024年8月5日",
             "财务室意见：按学校内控手册，单项50万元以上 晋 学", "服务须公开招标。请领导定。林素珍8月6日", "校长意见：同意续签。 施建国2024年8月6日"]
    scan = Document(file="食堂食材配送服务采购呈批表.pdf", pages=1, doc_type="procurement", doc_kind="record",
                    passages=[Passage("食堂食材配送服务采购呈批表.pdf", 1, t, source="ocr", index=i) for i, t in enumerate(lines)])
    flags = by_rule(run([scan], "xuexiao"), "method-vs-amount")
    assert len(flags) == 1 and "50万元" in flags[0].message
    typed = doc("食堂食材配送服务采购呈批表.docx", *lines)
    assert by_rule(run([typed], "xuexiao"), "method-vs-amount") == []


# ----------------------------------------------------------------- low stated limits, numbered forms, rule notes

_LOW_RULE = "第二条 单项或同类物资累计1万元以上的采购，须三家以上询价，经校务会研究。"


def _slips(dates, amounts=("9,600", "9,800", "9,750"), items=("棉被", "棉褥", "床单被罩")):
    """Receipts filed one a page, each with its own serial number after the title."""
    pages = [[f"日期：2024年{d}", f"供货单位：某某商贸有限公司品名：{it}（学生宿舍用）", f"金额：{a}元", "审批：某副校长"]
             for d, a, it in zip(dates, amounts, items)]
    ps = [Passage("入库单.pdf", pg + 1, t, index=10 * pg + i)
          for pg, lines in enumerate(pages) for i, t in enumerate([f"采购入库单No.{915 + pg * 3:04d}", *lines])]
    return Document(file="入库单.pdf", passages=ps, pages=3, doc_type="procurement", doc_kind="record")


def test_split_numbered_receipts_under_the_units_own_low_limit():
    """Three receipts from one supplier in three weeks, each just under the unit's own 1万 comparison limit: the
    serial number after each title does not make them different forms, and a 1万 limit counts."""
    rules = doc("采购管理办法.docx", "物资采购管理办法", _LOW_RULE, doc_type="rules")
    flags = by_rule(run([rules, _slips(["9月3日", "9月10日", "9月19日"])], "xuexiao"), "split-purchase")
    assert flags and {f.file for f in flags} == {"入库单.pdf"} and "1万元" in flags[0].message
    # clean twins: months apart, or small receipts that do not add up to the limit
    assert by_rule(run([rules, _slips(["3月3日", "6月10日", "11月19日"])], "xuexiao"), "split-purchase") == []
    small = _slips(["9月3日", "9月10日", "9月19日"], amounts=("1,200", "980", "1,050"))
    assert by_rule(run([rules, small], "xuexiao"), "split-purchase") == []


def test_split_ledger_rows_under_a_low_comparison_limit():
    rows = [("2025-08-05", "不锈钢导视牌", 9600, "某广告标识有限公司", "直接采购"),
            ("2025-08-11", "不锈钢导视牌", 9800, "某广告标识有限公司", "直接采购"),
            ("2025-08-19", "不锈钢导视牌", 9400, "某广告标识有限公司", "直接采购"),
            ("2025-08-26", "安全警示贴", 600, "某五金店", "直接采购")]
    note = "注：单项1万元以上须三家比价"
    flags = by_rule(run([_ledger("导视牌采购明细.xlsx", note, rows)], "jingqu"), "split-purchase")
    assert [f.file for f in flags] == ["导视牌采购明细.xlsx"] and "2.88万元" in flags[0].message
    spaced = [(f"2025-{m:02d}-05", it, a, s, w) for m, (_d, it, a, s, w) in zip((1, 5, 9, 12), rows)]
    assert by_rule(run([_ledger("导视牌采购明细.xlsx", note, spaced)], "jingqu"), "split-purchase") == []


def _car_form(decision):
    return doc("观光车采购审批表.pdf", "某某旅游发展有限公司采购审批表", "申请日期：2024年9月3日",
               "采购内容：14座电动观光车4台", "采购金额：人民币368,000元", "采购方式：询价（三家报价，选最低价）",
               f"运营部意见：急需，建议询价采购。{decision}",
               "注：依《公司采购管理办法》，单项20万元以上须公开招标，并经总经理办公会研究。")


def test_method_vs_amount_a_forms_rule_note_is_not_the_approval():
    """The note that quotes the rule ("20万元以上须公开招标，并经总经理办公会研究") names the meeting the rule
    requires; it is not a record that the meeting approved another method."""
    flags = by_rule(run([_car_form("总经理审批：同意。")], "jingqu"), "method-vs-amount")
    assert [f.file for f in flags] == ["观光车采购审批表.pdf"] and "20万元" in flags[0].message
    approved = _car_form("经2024年9月4日总经理办公会集体研究，同意采用询价方式。")
    assert by_rule(run([approved], "jingqu"), "method-vs-amount") == []


def _rice_form(*opinions):
    return doc("食堂大米采购审批表.pdf", "某某中学物资采购审批表", "项目：学生食堂大米、食用油预算金额：13.8万元",
               "采购方式：单一来源", "供应商：某粮油商行", "单一来源理由：该商行多年为学校供货，配送及时，价格公道。",
               *opinions, "校长：同意 2024.8.31",
               # an OCR line broken after a comma: the rule goes on on the next line
               "注：依据学校《物资采购管理办法》，采用单一来源的须说明法定理由，", "经3名专家论证并公示5个工作日。")


def test_single_source_a_forms_rule_note_is_not_an_expert_opinion_or_publicity():
    flags = by_rule(run([_rice_form()], "xuexiao"), "single-source-unjustified")
    assert [f.file for f in flags] == ["食堂大米采购审批表.pdf"] and "专家论证意见未见" in flags[0].message
    done = _rice_form("专家论证意见：经3名专家论证，该商行为本镇唯一具备配送资质的粮油供应商。",
                      "公示情况：已于2024年8月20日至26日在校务公开栏公示，无异议。")
    assert by_rule(run([done], "xuexiao"), "single-source-unjustified") == []


# ----------------------------------------------------------------- approval-flow logs, ERP exports, scanned forms

_RULES = doc("制度汇编.pdf", "采购管理制度", "五、货物采购5万元以上20万元以下，三家询价；20万元以上，委托代理机构公开招标。",
             doc_type="rules")


def _quotes_form(chosen="丙公司36.8万元"):
    """A scanned form that lists three quotes and names the one taken, with no amount label."""
    return doc("观光车采购审批表.pdf", "某景区管委会采购审批表日期：2024年5月6日", "项目：观光车6辆 采购方式：询价",
               "询价：甲公司37.5万元", f"乙公司38.2万元丙公司36.8万元拟定：{chosen}经办：张三主任意见：同意。李四")


def test_method_vs_amount_the_offer_a_quotes_form_takes():
    flags = by_rule(run([_RULES, _quotes_form()], "jingqu"), "method-vs-amount")
    assert [f.file for f in flags] == ["观光车采购审批表.pdf"] and "36.8万元" in flags[0].message


def test_method_vs_amount_quotes_form_clean_twin():
    small = doc("观光车采购审批表.pdf", "某景区管委会采购审批表日期：2024年5月6日", "项目：观光车座套 采购方式：询价",
                "询价：甲公司1.75万元", "乙公司1.82万元丙公司1.68万元拟定：丙公司1.68万元经办：张三主任意见：同意。李四")
    assert by_rule(run([_RULES, small], "jingqu"), "method-vs-amount") == []


def _flow_form(note):
    return doc("审批流_栈道维修工程采购.pdf", "工程采购申请：栈道维修改造", "预算金额：685,000.00元；采购方式：询价（三家）",
               "序号: 1；节点: 发起申请；处理人: 王某；处理时间: 2025-04-0808:40；操作: 提交",
               f"序号: 2；节点: 财务审核；处理人: 金某；处理时间: 2025-04-0815:30；操作: 同意；意见: {note}",
               "序号: 3；节点: 主任审批；处理人: 于某；处理时间: 2025-04-0911:48；操作: 同意；意见: 工期紧，按询价执行。")


def test_method_vs_amount_a_flows_note_of_the_rule_is_no_platform_purchase():
    """"40万元以上应进县公共资源交易中心公开招标" written by the finance reviewer states the rule, it does not say
    the purchase went through the platform."""
    flags = by_rule(run([_flow_form("按办法，工程类40万元以上应进县公共资源交易中心公开招标，请领导定夺。")], "jingqu"),
                    "method-vs-amount")
    assert len(flags) == 1 and "40万元" in flags[0].message


def test_method_vs_amount_flow_through_the_platform_clean():
    done = _flow_form("按办法40万元以上须公开招标，本项目已在县公共资源交易中心完成公开招标。")
    assert by_rule(run([done], "jingqu"), "method-vs-amount") == []


def _po_export(amounts):
    rows = [f"PO号: CG-{i}；日期: 2024-08-{day:02d}；物料编码: WL-{code}；物料: {item}；供应商: {sup}；金额（元）: {amt}"
            for i, (day, code, item, sup, amt) in enumerate(amounts)]
    return doc("采购订单明细（ERP导出）.xlsx", "采购订单明细（ERP导出，2024年8月）", "PO号；日期；物料编码；物料；供应商；金额（元）",
               *rows, "备注: 公司《采购管理SOP》：单笔≥50,000元须三家比价并经总经理审批")


def test_split_erp_rows_under_a_limit_written_with_a_sign():
    flags = by_rule(run([_po_export([(5, "01", "不锈钢带", "佛山某钢材有限公司", 49800),
                                     (9, "01", "不锈钢带", "佛山某钢材有限公司", 49560),
                                     (12, "02", "纸箱", "某包装厂", 12600)])], "qiye"), "split-purchase")
    assert len(flags) == 1 and "5万元" in flags[0].message and "不锈钢带" in flags[0].message
    assert "WL-" not in flags[0].message      # the code column names no item


def test_split_erp_rows_clean_twin():
    clean = _po_export([(5, "01", "不锈钢带", "佛山某钢材有限公司", 49800),
                        (9, "02", "纸箱", "某包装厂", 12600), (26, "03", "模具维修", "某模具厂", 8500)])
    assert by_rule(run([clean], "qiye"), "split-purchase") == []


def _ss_flow(reason, review):
    return doc("审批流_设备维保（单一来源）.pdf", "采购申请：CT原厂维保服务", "预算金额：380,000.00元；采购方式：单一来源",
               "单一来源理由", reason, "论证及公示", review, "审批记录",
               "序号: 1；节点: 发起申请；处理人: 姜某；处理时间: 2025-02-2410:05；操作: 提交",
               "序号: 2；节点: 院长审批；处理人: 宋某；处理时间: 2025-03-1311:26；操作: 同意")


def test_single_source_unnumbered_headings_over_written_sections_clean():
    justified = _ss_flow("设备软件由原厂加密授权，第三方维修机构无法取得维修授权和原厂备件。",
                         "2025年3月3日，院外专家3人论证，结论：只能由原厂提供。2025年3月5日至11日公示5个工作日，无异议。")
    assert by_rule(run([justified], "yiyuan"), "single-source-unjustified") == []


def test_single_source_unnumbered_heading_over_the_next_field_is_blank():
    blank = doc("单一来源申请表.pdf", "单一来源采购申请表", "项目名称：CT原厂维保服务", "采购方式：单一来源",
                "单一来源理由", "专家论证意见 同意采用单一来源方式。", "公示情况", "注：采用单一来源的须说明理由并公示。")
    flags = by_rule(run([blank], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "理由栏为空" in flags[0].message


def test_a_stack_of_reimbursement_forms_under_a_phone_scan_name_is_read_for_splits():
    """"扫描全能王 2024-07-22 10.15.pdf" holds three 报销单 for the same street lamps from one shop, 9,600 / 9,800 / 9,500
    within two weeks, under the unit's own rule "1万元以上须3家比价": a payment form for goods bought is a purchase
    record whatever its file name, and the three split the purchase."""
    pages = []
    for page, (day, amount) in enumerate((("2024.7.2", "9.600"), ("2024.7.9", "9，800"), ("2024.7.16", "9,500")), 1):
        pages += [Passage("扫描全能王 2024-07-22 10.15.pdf", page, t, index=len(pages) + i) for i, t in enumerate(
            ["阳坡村报销单", f"日期：{day}", f"事由：购太阳能路灯10盏（含灯杆）金额：{amount}元", "收款单位：通渭县光明灯具经销部",
             "经手人：赵有福", "审批：张国荣"])]
    stack = Document(file="扫描全能王 2024-07-22 10.15.pdf", passages=pages, pages=3, doc_type="other", doc_kind="other")
    rule = doc("村财务管理制度.docx", "第五条 单笔或同一事项1万元以上的物资采购，须3家以上询价比价。", doc_type="rules")
    flags = by_rule(run([stack, rule]), "split-purchase")
    assert flags and {f.file for f in flags} == {"扫描全能王 2024-07-22 10.15.pdf"}, [f.message for f in flags]


def test_a_works_commission_form_without_purchase_words_is_read_by_its_method_field():
    """"工程维修委托审批单 … 委托方式：直接委托" names no 采购 or 合同, yet its method field records how the work was given
    out: 186,500元 given directly against the unit's own "10万元以上的工程维修项目须公开招标或竞争性比选" is flagged; a
    form below the limit, or one that was put out to 比选, is not."""
    rules = doc("采购与工程管理办法.docx", "景区采购与工程管理办法",
                "第五条　10万元以上的工程维修项目，须公开招标或竞争性比选，不得直接委托。", doc_type="rules")

    def form(amount, method="直接委托"):
        return doc("栈道维修委托审批单.pdf", "某景区管理中心", "工程维修委托审批单",
                   "申请日期：2026.6.2申请部门：工程部项目名称：北线木栈道维修，更换面板及护栏", f"金额：人民币{amount}",
                   f"委托方式：{method}", "施工单位：某木业工程队", "主任：同意。乌力吉2026年6月4日", doc_type="other")
    assert [f.file for f in by_rule(run([rules, form("壹拾捌万陆仟伍佰元整")], "jingqu"), "method-vs-amount")] == \
        ["栈道维修委托审批单.pdf"]
    assert by_rule(run([rules, form("捌万陆仟伍佰元整")], "jingqu"), "method-vs-amount") == []
    assert by_rule(run([rules, form("壹拾捌万陆仟伍佰元整", "公开招标")], "jingqu"), "method-vs-amount") == []


def test_single_source_agreement_naming_a_provider_no_other_can_replace_is_clean():
    """A service agreement whose method note says why only this provider will do ("唯一提供者", "别处乐队不能代替"),
    decided by an office meeting and put up for objections, states its reasons; the twin that only says the
    provider was good to work with does not."""
    def agreement(reason):
        return doc("舞龙表演协议.docx", "元宵舞龙表演服务协议", "甲方：某某景区管理处", "乙方：某某村舞龙队",
                   "费用：每年36,000元，按月支付。",
                   f"采购方式说明：{reason}经2024年2月1日主任办公会研究，采用单一来源方式，"
                   "已于2月2日至6日在公示栏公示，无异议。", "2024年2月8日", doc_type="contract")
    justified = agreement("舞龙须由本村舞龙队表演（村规民俗，别处队伍不能代替），乙方为本地唯一的提供方。")
    weak = agreement("乙方合作多年、配合良好。")
    assert not by_rule(run([justified], "jingqu"), "single-source-unjustified")
    assert len(by_rule(run([weak], "jingqu"), "single-source-unjustified")) == 1


def test_single_source_reason_required_but_not_given_is_still_flagged():
    """"须说明供应商为唯一供应商" asks for the reason; it does not give it."""
    d = doc("单一来源申请.pdf", "单一来源采购申请", "项目名称：档案数字化服务", "采购方式：单一来源",
            "申请单位须说明供应商为唯一供应商。经局长办公会研究同意，已于5月6日至10日公示。", "2024年5月12日")
    assert len(by_rule(run([d], "jiguan"), "single-source-unjustified")) == 1


# ----------------------------------------------------------------- check boxes, venues and alternatives

def _boxed_form(name, amount, methods, note=""):
    """An approval form whose 采购方式 row prints every option with a check box, one of them ticked."""
    return doc(name, "医疗设备采购审批表", "申请科室：急诊科；申请日期：2024年6月3日", "设备名称：床旁监护仪；数量：2台",
               f"金额：{amount}；资金来源：自筹", f"采购方式：{methods}", "供应商：某医疗器械有限公司",
               "院长审批：同意。 王某 6月7日", *([note] if note else []))


_BOX_NOTE = "注：单项10万元以上的设备须进县公共资源交易中心公开招标。"


def test_method_vs_amount_reads_the_ticked_box_not_the_printed_options():
    """"☑院内议价（直接采购） □询价 □公开招标": the ticked option is the method; 公开招标 is only printed on the form."""
    for methods in ("☑院内议价（直接采购）　□询价　□竞争性磋商　□公开招标", "口询价 口公开招标 √直接采购",
                    "公开招标（ ） 询价（ ） 直接采购（√）"):
        flags = by_rule(run([_boxed_form("审批表.docx", "¥148,000.00", methods, _BOX_NOTE)], "yiyuan"),
                        "method-vs-amount")
        assert len(flags) == 1 and "直接采购" in flags[0].message, methods


def test_method_vs_amount_ticked_box_clean_twins():
    ticked_tender = _boxed_form("审批表1.docx", "¥148,000.00", "□直接采购　□询价　☑公开招标", _BOX_NOTE)
    small = _boxed_form("审批表2.docx", "¥48,000.00", "☑直接采购　□询价　□公开招标", _BOX_NOTE)
    assert by_rule(run([ticked_tender, small], "yiyuan"), "method-vs-amount") == []


def test_single_source_printed_but_unticked_is_no_single_source():
    """A form printing "□单一来源" beside the ticked option is not a single-source purchase; ticked, it is one."""
    unticked = _boxed_form("审批表.docx", "¥48,000.00", "□单一来源　☑询价（三家报价）")
    assert by_rule(run([unticked], "yiyuan"), "single-source-unjustified") == []
    ticked = _boxed_form("审批表.docx", "¥48,000.00", "☑单一来源　□询价")
    assert len(by_rule(run([ticked], "yiyuan"), "single-source-unjustified")) == 1


_VENUE_RULES = doc("村级财务管理制度.docx", "村级财务管理制度",
                   "第三条　单项5万元以上的工程，须按“四议两公开”程序决策，并由镇公共资源交易站组织比选，不得拆分。",
                   doc_type="rules")


def test_a_trading_station_running_a_comparison_requires_a_comparison_not_a_tender():
    """"由镇公共资源交易站组织比选": the station is where the 比选 is run, so a meeting deciding "镇里比选" keeps the
    rule; under "须进县公共资源交易中心公开招标" the same meeting does not."""
    from pipeline.flags.limits import stated_limits
    assert [s.tier for s in stated_limits([_VENUE_RULES])] == ["collective", "compare"]
    meeting = ["议题：产业路硬化2.1公里（预算28.4万元）", "代表：施工单位要镇里比选，不要村里指定。",
               "表决：同意23人。决议：通过，同意采用比选方式确定施工单位。"]
    assert by_rule(run([_VENUE_RULES, _minutes("村民代表大会记录.pdf", *meeting)]), "method-vs-amount") == []
    tender = doc("制度.docx", "第三条　单项5万元以上的工程，须进县公共资源交易中心公开招标。", doc_type="rules")
    assert len(by_rule(run([tender, _minutes("村民代表大会记录.pdf", *meeting)]), "method-vs-amount")) == 1
    bare = doc("制度.docx", "第三条　单项5万元以上的工程，须进入县公共资源交易中心交易。", doc_type="rules")
    assert [s.tier for s in stated_limits([tender])] == ["tender"] == [s.tier for s in stated_limits([bare])]


def test_a_comparison_at_the_trading_station_is_not_waived_by_the_units_own_collective_decision():
    """"3万元以上项目须进镇公共资源交易站比选；3万元以下可由村两委集体研究直接委托": a 68,000元 job given out directly is
    flagged — the form's note of what the 两委 may do below the limit is no approval, and the route is fixed."""
    form = doc("清淤工程审批单.pdf", "村级小额工程项目审批单（3万元以上项目须进镇公共资源交易站比选；3万元以下可由村两委集体研究直接委托）",
               "填表日期：2025年3月14日；项目名称：山塘清淤及塘坝加固", "预算金额：68,000元；实施方式：直接委托",
               "施工单位：某挖机施工队", "村党支部书记意见：汛期前要完工，直接委托。")
    flags = by_rule(run([form]), "method-vs-amount")
    assert len(flags) == 1 and "6.8万元" in flags[0].message
    small = doc("清淤工程审批单.pdf", *[t.replace("68,000", "18,000") for t in (p.text for p in form.passages)])
    assert by_rule(run([small]), "method-vs-amount") == []


def test_procedures_offered_as_alternatives_are_all_that_is_allowed():
    """"公开招标或竞争性磋商": a direct purchase or an inquiry (询价) is neither."""
    note = "注：单项（批）10万元以上的设备须进县公共资源交易中心公开招标或竞争性磋商。"
    for methods in ("☑直接采购　□询价　□公开招标", "□直接采购　☑询价　□公开招标"):
        flags = by_rule(run([_boxed_form("审批表.docx", "¥148,000.00", methods, note)], "yiyuan"), "method-vs-amount")
        assert len(flags) == 1, methods


def test_a_member_who_refuses_a_direct_award_does_not_make_one():
    """"设计、施工都走公开招标，不能因为工期紧就直接委托" forbids the direct award: the meeting decided a tender, no single
    source. The same words without the refusal ("工期紧，直接委托给…") hand the work over."""
    def minutes(said: str):
        return doc("党组会议纪要（2024年第11次）.pdf", "党组会议纪要", "时间：2024年6月18日",
                   "议题一：老旧小区改造工程（补助资金2,380万元）", "城建科汇报：分两批实施。", said,
                   "黄某（最后表态）：同意，设计、施工公开招标。", doc_type="minutes")

    refused = minutes("王某：同意。设计、施工都走公开招标，不能因为工期紧就直接委托。")
    assert by_rule(run([refused], "jiguan"), "single-source-unjustified") == []
    assert by_rule(run([minutes("王某：同意。严禁以工期紧为由直接交给熟悉的施工队。")], "jiguan"),
                   "single-source-unjustified") == []
    handed = minutes("王某：同意。工期紧，设计、施工直接委托给原来的设计院和施工队。")
    assert len(by_rule(run([handed], "jiguan"), "single-source-unjustified")) == 1


# ----------------------------------------------------------------- small village limits, a form's rule note, rule text

def _village_payments(note, rows):
    lines = [f"日期: {d}；摘要: {item}；收款人: {who}；金额（元）: {amt}；审批人: 村主任" for d, item, who, amt in rows]
    return doc("支出明细.xlsx", "村级零星支出报账明细", "日期；摘要；收款人；金额（元）；审批人", *lines, note,
               doc_type="ledger")


_PARTS = [("2025-04-02", "村部屋面防水维修（一）", "某某防水施工队", 4800),
          ("2025-04-09", "村部屋面防水维修（二）", "某某防水施工队", 4900),
          ("2025-04-15", "村部屋面防水维修（三）", "某某防水施工队", 4750)]


def test_split_under_a_village_committees_small_limit_stated_on_its_register():
    """A register's own note sets a small 两委 limit ("单笔5,000元以上支出须经两委会研究"); the village's 财务制度 in another
    file may state the same limit first. Parts just under it from one seller within days are a split; the same
    parts months apart are not."""
    note = "注：按村财务制度，单笔5,000元以上支出须经两委会研究、村监委审核后报销"
    rules_doc = doc("财务制度.docx", "某村财务管理制度", "第五条 单笔5,000元以上支出须经两委会研究，村监委审核。",
                    doc_type="rules")
    flags = by_rule(run([rules_doc, _village_payments(note, _PARTS)]), "split-purchase")
    assert [f.file for f in flags] == ["支出明细.xlsx"] and "5000元" in flags[0].message
    apart = [("2025-01-02", *_PARTS[0][1:]), ("2025-04-09", *_PARTS[1][1:]), ("2025-08-15", *_PARTS[2][1:])]
    assert by_rule(run([rules_doc, _village_payments(note, apart)]), "split-purchase") == []


def test_method_vs_amount_under_the_tier_a_form_quotes_from_the_units_rule():
    """A form's note quoting the unit's rule tier by tier ("20万元以上公开招标，并经院党委会研究") states the rule: the
    党委会 it names is required, not a decision recorded. A purchase over the tier by 院内询价 is flagged; one under it
    is not."""
    def form(amount):
        return doc("设备采购审批单.pdf", "某医院医疗设备采购审批单", "设备名称：全自动煎药机2台", f"预算金额：{amount}元",
                   "采购方式：院内询价（三家报价）", "院长：同意 2024年7月10日",
                   "注：依据本院《采购管理办法》，5万元以下科室比价；5万—20万元院内询价；20万元以上公开招标，并经院党委会研究。")
    flags = by_rule(run([form("236,000")], "yiyuan"), "method-vs-amount")
    assert len(flags) == 1 and "23.6万元" in flags[0].message and "询价" in flags[0].message
    assert by_rule(run([form("186,000")], "yiyuan"), "method-vs-amount") == []


def test_single_source_in_a_binders_rule_articles_is_no_purchase():
    """A binder that files the unit's 采购办法 ("第六条 …确需单一来源采购的，须书面说明唯一性理由…") speaks of single source
    only as a rule: no purchase to justify. A form bound into it that buys by single source without reasons is still
    flagged."""
    binder = ("某小学清廉学校建设资料汇编", "二、权力运行规范", "2-1 学校物资采购管理办法（节选）",
              "第六条 单项5万元以上的物资采购，须三家以上询价比选，经校务会研究；确需单一来源采购的，须书面说明唯一性理由，"
              "经校务会论证并在校务公开栏公示3天。", "第七条 采购结果每学期在校务公开栏公示。",
              "第八条 单一来源采购由校务会论证，在校务公开栏公示3天后实施。")
    assert by_rule(run([doc("汇编.pdf", *binder, doc_type="report")], "xuexiao"), "single-source-unjustified") == []
    assert by_rule(run([doc("汇编.pdf", *binder, doc_type="other")], "xuexiao"), "single-source-unjustified") == []
    # … and so does the rule's condition outside a numbered article ("采用单一来源方式的，应…")
    prose = ("某小学采购工作要求", "采用单一来源方式的，应当说明供应商的唯一性，经校务会论证并公示。")
    assert by_rule(run([doc("要求.pdf", *prose, doc_type="other")], "xuexiao"), "single-source-unjustified") == []
    form = ("食堂大米采购审批表", "采购方式：单一来源", "金额：128,000元", "理由：长期合作，价格稳定", "校长：同意")
    flags = by_rule(run([doc("汇编.pdf", *binder, *form, doc_type="other")], "xuexiao"), "single-source-unjustified")
    assert len(flags) == 1


def test_method_vs_amount_a_units_own_price_comparison_is_its_method():
    """"采购方式：校内比价" is the method, whatever procedure the rule quoted on the same sheet names ("30万元以上须
    委托招标代理机构公开招标"): a 68万 purchase by the school's own comparison of prices is below its rule."""
    def sheet(amount):
        return doc("食堂设备采购比价表.xlsx", "某中学食堂设备采购比价表", "项目名称：食堂蒸饭柜及冷库", "采购方式：校内比价",
                   f"成交金额：{amount}元", "附：本校采购办法第六条：30万元以上须委托招标代理机构公开招标。")
    flags = by_rule(run([sheet("680,000")], "xuexiao"), "method-vs-amount")
    assert len(flags) == 1 and "“比价”" in flags[0].message and "68万元" in flags[0].message
    assert by_rule(run([sheet("280,000")], "xuexiao"), "method-vs-amount") == []


def test_an_ocr_amount_with_one_separator_read_as_a_point():
    """OCR may read one thousands comma of two as a point ("1.196，500元", "3，260.000元"): three digits after each
    separator before 元 are thousands, and the purchase is over its rule's limit."""
    from classifiers.text_utils import parse_amounts
    assert [v for v, _ in parse_amounts("成交价：1.196，500元；报价3，260.000元；合计12,345.50元")] == [1196500, 3260000, 12345.5]
    form = doc("设备采购审批表.pdf", "某医院设备采购审批表", "设备名称：麻醉工作站2台", "采购方式：院内询价",
               "合同金额：1.196，500元", "注：依据本院采购办法，50万元以上委托采购代理机构公开招标。")
    flags = by_rule(run([form], "yiyuan"), "method-vs-amount")
    assert len(flags) == 1 and "119.65万元" in flags[0].message


def _quote_bundle(total, method="采购方式：三家询价"):
    each = [int(total * r) for r in (1, 1.03, 1.06)]
    return doc("办公家具采购资料.pdf", "办公家具采购资料", "一、比价记录（2024年5月8日）", "供应商；报价（元/张）；总价（元）",
               *[f"供应商: {s}；报价（元/张）: {v // 300}；总价（元）: {v:,}"
                 for s, v in zip(("某家具有限公司", "某办公设备商行", "某木业有限公司"), each)],
               "比价小组确定报价最低的某家具有限公司为供应商。", "二、合同摘要",
               f"合同于2024年5月12日签订，合同金额{total:,}元。", *([method] if method else []))


def test_method_vs_amount_a_files_quote_table_is_the_offers_not_purchases():
    """The rows of a quote table (three bidders, each with a unit price and a total, none dated) are the offers compared
    for one purchase: the purchase is the file's contract amount, 36万 by 询价 over the unit's 20万 tender limit."""
    rules = doc("采购管理办法.docx", "某局采购管理办法", "第五条 单项20万元以上的货物，须公开招标。", doc_type="rules")
    flags = by_rule(run([rules, _quote_bundle(360000)], "jiguan"), "method-vs-amount")
    assert len(flags) == 1 and "36万元" in flags[0].message
    assert by_rule(run([rules, _quote_bundle(150000)], "jiguan"), "method-vs-amount") == []
    # a file that names no method bought by comparing the quotes it holds
    flags = by_rule(run([rules, _quote_bundle(360000, method="")], "jiguan"), "method-vs-amount")
    assert len(flags) == 1 and "“比价”" in flags[0].message


def test_a_remark_on_price_comparisons_names_no_method():
    """"比价" names a method in a method field; a report's remark "比价记录不完整" buys nothing by it."""
    report = doc("年度工作总结.pdf", "某景区管理处年度工作总结", "全年门票收入2,874万元，采购工作总体规范。",
                 "存在问题：部分采购仍沿用旧规定，比价记录不完整。", doc_type="report")
    assert by_rule(run([report], "jingqu"), "method-vs-amount") == []


def test_a_purchase_the_rule_sends_to_a_procurement_agency_is_a_tender_tier():
    """"10万元以上的，报县教育局批准后委托采购代理机构采购": an agency runs the government procedure, so a 15万 purchase by
    the school's own 询价 is below the rule; "委托代理机构组织询价" sends the agency to run a comparison, which 询价 meets."""
    form = doc("教学设备采购审批表.pdf", "某小学教学设备采购审批表", "项目名称：录播教室设备", "预算金额：150,000元",
               "采购方式：询价（三家）", "校长：同意 2024年6月3日")

    def rules(clause):
        return doc("学校采购制度.docx", "某小学采购管理制度", f"第四条 单项10万元以上的，{clause}。", doc_type="rules")
    flags = by_rule(run([rules("报县教育局批准后委托采购代理机构采购，学校不得自行询价"), form], "xuexiao"), "method-vs-amount")
    assert len(flags) == 1 and "10万元" in flags[0].message
    assert by_rule(run([rules("委托采购代理机构组织询价"), form], "xuexiao"), "method-vs-amount") == []


def test_single_source_fields_written_on_the_lines_under_their_labels_are_filled():
    """"申请理由：" / "专家意见：" ending their lines, with the numbered reasons and the opinion written on the lines
    below: the cells are filled, not blank. Labels followed straight by the next field are blank."""
    filled = doc("单一来源采购申请表.pdf", "单一来源采购申请表", "项目名称：手术机器人原厂维保服务", "预算金额：52万元",
                 "采购方式：单一来源", "申请理由：", "1.设备控制系统由原厂加密，其他服务商无法取得维修授权；",
                 "2.原厂出具唯一服务承诺函。", "专家意见：", "（1）经院外3名专家论证，一致认为符合单一来源情形。",
                 "公示情况：2025年5月6日至12日在单位网站公示，无异议。")
    assert by_rule(run([filled], "yiyuan"), "single-source-unjustified") == []
    blank = doc("单一来源采购申请表.pdf", "单一来源采购申请表", "项目名称：手术机器人原厂维保服务", "预算金额：52万元",
                "采购方式：单一来源", "申请理由：", "专家意见：", "公示情况：")
    flags = by_rule(run([blank], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "理由栏为空" in flags[0].message
    # … and so are cells left empty along one line, with written text only on the next
    row = doc("单一来源采购申请表.pdf", "单一来源采购申请表", "项目名称：手术机器人原厂维保服务", "预算金额：52万元",
              "采购方式：单一来源", "申请理由：；专家意见：；公示情况：", "申请科室负责人签字确认后报院办公室。")
    flags = by_rule(run([row], "yiyuan"), "single-source-unjustified")
    assert len(flags) == 1 and "理由栏为空" in flags[0].message


def test_single_source_a_sign_off_block_under_its_heading_is_the_approval():
    """A company's single-source note with its reasons (a patented part only the maker supplies) and a "审批：" block of
    sign-offs on the lines below is approved and justified; the same note whose 审批 cell is left empty is not."""
    def note(*approval):
        return doc("包装机配件单一来源采购说明.pdf", "单一来源采购说明", "采购内容：全自动包装机主控板1块", "金额：48,000元",
                   "单一来源理由：", "1.该机型为进口专利设备，主控板为原厂专用件；", "2.生产旺季，停机影响交货。", *approval)
    assert by_rule(run([note("审批：", "设备部经理王某5月6日", "总经理李某5月7日")], "qiye"), "single-source-unjustified") == []
    flags = by_rule(run([note("审批：", "附件：原厂报价单")], "qiye"), "single-source-unjustified")
    assert len(flags) == 1 and "审批意见栏为空" in flags[0].message


def test_a_four_column_quote_table_is_not_unrolled_as_a_label_value_form():
    """"供应商；品牌型号；报价（万元）；参数响应" over three bidders' rows is a data table, not a label/value form: a
    number ("126.8") is never a label, so the supplier is the one the record names, not "品牌型号"."""
    record = doc("监护仪询价采购记录.pdf", "某医院设备询价采购记录", "项目名称：中央监护系统1套", "采购方式：院内询价（三家）",
                 "供应商；品牌型号；报价（万元）；参数响应",
                 "供应商: 湖北某医疗器械有限公司；品牌型号: M-80；报价（万元）: 86.5；参数响应: 满足",
                 "供应商: 十堰某医疗设备有限公司；品牌型号: M-80；报价（万元）: 88.0；参数响应: 满足",
                 "供应商: 武汉某医疗科技有限公司；品牌型号: M-80；报价（万元）: 89.2；参数响应: 满足",
                 "询价结论：确定湖北某医疗器械有限公司为成交供应商，成交金额86.5万元。",
                 "注：本院采购办法规定50万元以上委托采购代理机构公开招标。")
    flags = by_rule(run([record], "yiyuan"), "method-vs-amount")
    assert len(flags) == 1 and "86.5万元，湖北某医疗器械有限公司" in flags[0].message and "品牌型号" not in flags[0].message


def test_split_under_a_small_limit_whose_rule_forbids_splitting():
    """The association's 财务制度 sets a small limit in another file and forbids splitting in the same article
    ("单笔5000元以上（含）须经会长办公会集体研究……不得将一项支出拆分报销"): parts just under it within days are a split.
    The same limit without the ban stays too small to count when the register does not state it."""
    def rules_doc(ban):
        return doc("财务管理制度.docx", "某商会财务管理制度",
                   "第三条 支出实行审批制度：单笔5000元以下由秘书长审批；单笔5000元以上（含）须经会长办公会集体研究，"
                   f"会长签批。{'不得将一项支出拆分报销。' if ban else ''}", doc_type="rules")
    flags = by_rule(run([rules_doc(True), _village_payments("", _PARTS)], "shanghui"), "split-purchase")
    assert [f.file for f in flags] == ["支出明细.xlsx"] and "5000元" in flags[0].message
    assert by_rule(run([rules_doc(False), _village_payments("", _PARTS)], "shanghui"), "split-purchase") == []


def test_method_vs_amount_reads_a_direct_purchase_worded_as_buying():
    """"采购方式: 直接购买" is 直接采购: 86,400元 of desks bought so, above the register's own 3万元 comparison limit, is
    flagged; 2,100元 bought so is not."""
    note = "备注：按《某小学物资采购管理办法》，单项3万元以上须经校务会集体研究，并采用比选或竞争性谈判方式。"
    rows = [("2024-08-20", "学生课桌椅", 86400, "某家具厂", "直接购买"),
            ("2024-09-03", "新生作业本", 2100, "某文具店", "直接购买")]
    flags = by_rule(run([_ledger("物资采购台账.xlsx", note, rows)], "xuexiao"), "method-vs-amount")
    assert len(flags) == 1 and "8.64万元" in flags[0].message and "直接采购" in flags[0].message
