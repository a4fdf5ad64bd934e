"""dates-out-of-order: contract approval forms, bundled files (合同 + 比价/会议/审批 in one file), cited bases."""
from pipeline.flags import form_order, load_thresholds, procurement
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def unit(unit_type="qiye"):
    return Unit(folder="u1", path="/x/u1", name="某单位", unit_type=unit_type, type_source="manifest")


def doc(name, *paras, doc_type="procurement", doc_date=None):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind="record", doc_date=doc_date)


def dates_flags(flags):
    return [f for f in flags if f.rule == "dates-out-of-order"]


# ----------------------------------------------------------------- a contract's own approval form

def _contract_form(title, signed, applied="2024年8月12日", name="设备维保合同审批单.pdf"):
    return doc(name, title, "合同名称：空压机年度维保服务合同 对方单位：某某机电设备有限公司",
               "合同金额：12.6万元", f"签订日期：{signed}", "经办部门：设备科 经办人：刘洋",
               f"申请日期：{applied}", "部门负责人审核：同意。陈方 2024年8月13日", "总经理审批：同意。吴涛 2024年8月15日")


def test_contract_form_signed_before_it_was_applied_for():
    flags = dates_flags(form_order.check([_contract_form("某某公司合同审批单", "2024年7月30日")]))
    assert len(flags) == 1 and flags[0].file == "设备维保合同审批单.pdf"
    assert "2024年7月30日" in flags[0].message


def test_contract_form_signed_after_the_last_sign_off_is_clean():
    assert dates_flags(form_order.check([_contract_form("某某公司合同审批单", "2024年8月16日")])) == []


def test_payment_form_cites_an_earlier_signing_clean():
    pay = _contract_form("某某公司合同付款审批单", "2024年7月30日", name="维保合同付款审批单.pdf")
    assert dates_flags(form_order.check([pay])) == []


# ----------------------------------------------------------------- a bundle: contract and its procedure in one file

def _bundle(signed, minutes_day="2024年4月9日", approved="2024年4月12日", extra=()):
    return doc("水渠修复项目资料.pdf", "东岭村水渠修复工程施工合同", "甲方：东岭村民委员会", "乙方：某某水利工程有限公司",
               "工程名称：东岭村水渠修复", "合同价款：人民币7.5万元", f"签订日期：{signed}",
               "东岭村村民代表会议记录", f"时间：{minutes_day} 地点：村委会", "议题：水渠修复（预算7.5万元）",
               "表决：同意28人。决议：通过。", "镇项目审核意见表", f"镇农业服务中心意见：同意实施。审核日期：{approved}",
               *extra)


def test_bundle_contract_signed_before_its_minutes_and_approval():
    flags = dates_flags(procurement.check(unit("cunju"), [_bundle("2024年4月2日")], TH))
    assert len(flags) == 1 and flags[0].file == "水渠修复项目资料.pdf"
    assert "2024-04-02" in flags[0].message and "本文件" in flags[0].message and flags[0].related == []


def test_bundle_in_order_is_clean():
    acceptance = ("工程竣工验收审核表", "验收日期：2024年6月20日")   # acceptance after signing by nature
    assert dates_flags(procurement.check(unit("cunju"), [_bundle("2024年4月15日", extra=acceptance)], TH)) == []


def test_bundle_selection_record_after_signing():
    d = doc("配件采购合同及比价资料.pdf", "配件采购合同及比价资料", "一、采购合同", "甲方：某某机械有限公司 乙方：某某铸造厂",
            "标的：铸件80件，合同金额24万元。签订日期：2024年9月3日", "二、比价记录",
            "报价单位: 某某铸造厂；总价（万元）: 24", "比价日期：2024年9月10日 比价人：张三、李四")
    flags = dates_flags(procurement.check(unit(), [d], TH))
    assert len(flags) == 1 and "2024-09-10" in flags[0].message


# ----------------------------------------------------------------- a basis the contract cites

def _lease(signed, basis):
    return doc("厂房租赁合同.pdf", "西庄村集体资产租赁合同", "出租方（甲方）：西庄村股份经济合作社 承租方（乙方）：某某制衣有限公司",
               f"{basis}甲乙双方协商一致，订立本合同：", "一、租赁标的：2号仓库。二、租期：2024年9月1日至2027年8月31日。",
               "三、租金：每年15.2万元。", f"乙方：某某制衣有限公司 签订日期：{signed}")


def test_contract_cites_a_later_decision_as_its_basis():
    flags = dates_flags(procurement.check(unit("cunju"), [_lease("2024年8月2日", "依据2024年8月16日村民代表会议决议，")], TH))
    assert len(flags) == 1 and "2024-08-16" in flags[0].message and "依据2024年8月16日" in flags[0].message
    after_law = _lease("2024年8月2日", "根据《民法典》及2024年8月9日公开招租结果，")
    assert len(dates_flags(procurement.check(unit("cunju"), [after_law], TH))) == 1


def test_contract_cites_an_earlier_basis_or_a_deadline_clean():
    for basis in ("依据2024年7月26日村民代表会议决议，", "根据2024年8月16日前完成的公示结果，", "根据《2024年8月16日村民代表会议决议执行办法》，",
                  "根据双方约定，乙方于2024年8月16日前腾空仓库，"):
        assert dates_flags(procurement.check(unit("cunju"), [_lease("2024年8月2日", basis)], TH)) == [], basis


def _school_contract(signed):
    return doc("食堂设备采购合同.pdf", "食堂设备采购合同", "甲方：某某镇中心小学", "乙方：某某厨房设备有限公司",
               "根据某某县教育局《关于某某镇中心小学食堂设备采购计划的批复》（某教计财（2023】41号，二O二三年九月二十日），"
               "经询价比选，甲乙双方就食堂设备采购事宜签订本合同。", "一、货物：冷藏柜2台，合计人民币67,800.00元。",
               f"签订日期：{signed}")


def test_contract_cites_a_document_dated_after_it_by_title_and_date():
    """The basis is cited by its title, with its number and date in the bracket after it: a reply of 9-20 cannot be the
    basis of a contract signed on 9-8. Signed on 9-25 it is clean, and so is a law cited with its revision year."""
    flags = dates_flags(procurement.check(unit("xuexiao"), [_school_contract("二〇二三年九月八日")], TH))
    assert len(flags) == 1 and "2023-09-20" in flags[0].message and "2023-09-08" in flags[0].message
    assert dates_flags(procurement.check(unit("xuexiao"), [_school_contract("二〇二三年九月二十五日")], TH)) == []
    law = _lease("2024年8月2日", "根据《中华人民共和国招标投标法》（2024年8月16日修订），")
    assert dates_flags(procurement.check(unit("cunju"), [law], TH)) == []


def _vehicle_bundle(meeting_day):
    return doc("观光车采购审批及合同.pdf", "景区观光车采购有关资料", "一、总经理办公会暨党支部会议纪要（摘录）",
               f"{meeting_day}，张三主持召开总经理办公会，班子成员5人参加，研究购置电动观光车4辆事项，预算46.8万元。"
               "各成员发表意见后，张三最后表态：同意采购，由综合部组织竞争性比选。",
               "二、竞争性比选记录", "2024年7月30日，综合部组织3家供应商比选，某某新能源车辆有限公司报价45.6万元最低。",
               "三、采购合同（首页及签署页摘录）", "合同编号；甲方；乙方；金额（元）；签订日期",
               "合同编号: LGS-2024-016；甲方: 某某旅游开发有限公司；乙方: 某某新能源车辆有限公司；金额（元）: 456,000；"
               "签订日期: 2024年8月2日", "四、验收", "2024年8月21日4辆车到货，验收合格。")


def test_bundle_minutes_dated_by_the_sentence_that_holds_the_meeting():
    """A bundle's minutes with no date label, dated by "2024年8月9日，…主持召开…", and a contract given as a table whose
    header also says 签订日期: the contract (8-2) was signed before the meeting (8-9) that approved the purchase."""
    flags = dates_flags(procurement.check(unit("jingqu"), [_vehicle_bundle("2024年8月9日")], TH))
    assert len(flags) == 1 and "2024-08-09" in flags[0].message and "集体决策会议" in flags[0].message
    assert dates_flags(procurement.check(unit("jingqu"), [_vehicle_bundle("2024年7月20日")], TH)) == []


def _works_payment(approved):
    return doc("外立面维修工程付款审批单.pdf", "某某建设投资有限公司付款审批单", "编号：FK-2025-0612",
               "项目名称：办公楼外立面维修及防水工程", "合同编号：CF-HT-2025-008合同金额：386,500.00元",
               "施工单位：某某装饰工程有限公司", "采购方式：比选（三家）", "合同签订日期：2025年3月5日",
               f"采购立项审批（总经理办公会）日期：{approved}", f"比选结果确认日期：{approved}",
               "开工日期：2025年3月20日峻工验收日期：2025年6月10日", "本次付款：结算款（合同价的95%）367,175.00元",
               "经办人：黄伟工程部经理：黄伟", "分管领导：陈海涛总经理：吴国强", "2025年6月20日")


def test_payment_form_whose_contract_was_signed_before_the_project_was_approved():
    """A payment form restating the project's history: signed 3-5, approved and its contractor chosen on 3-18."""
    flags = dates_flags(form_order.check([_works_payment("2025年3月18日")]))
    assert len(flags) == 1 and "2025年3月5日" in flags[0].message and "立项审批" in flags[0].message
    assert dates_flags(form_order.check([_works_payment("2025年3月1日")])) == []


def test_a_notice_dated_only_by_the_incident_it_tells_of_is_not_put_up_before_its_approval():
    """Its date read beside an activity in the body (the fault on 3-4) is not when the notice was written: citing
    "经2025年3月17日院务会研究同意" it is clean. Signed off 3-10, it was put up before that approval."""
    def notice(*tail):
        return doc("CT球管更换单一来源论证及公示.pdf",
                   "关于CT球管更换采用单一来源采购方式的论证意见及公示我院的CT球管于2025年3月4日出现打火报警，经厂家检测需更换。",
                   "专家论证（2025年3月7日）：3人论证，认为符合单一来源条件。", "经2025年3月17日院务会研究同意。", *tail,
                   doc_type="photo", doc_date="2025-03-04")
    assert dates_flags(form_order.check([notice()])) == []
    assert len(dates_flags(form_order.check([notice("某某卫生院", "2025年3月10日")]))) == 1


# ----------------------------------------------------------------- a bundle paid or accepted before its contract

def _settled_bundle(paid, accepted, signed, contract_title="三、购销合同"):
    return doc("烘干机采购资料.pdf", "烘干机采购资料（付款单、验收单、合同）", "一、付款申请单",
               f"申请日期：{paid} 收款单位：某某农机有限公司 金额：54,000元", "二、设备验收单",
               f"验收日期：{accepted} 设备：5H-3型烘干机2台 验收结论：合格", contract_title,
               "甲方：某某茶叶合作社 乙方：某某农机有限公司", "标的：5H-3型烘干机2台，合同总价54,000元；验收合格后付款。",
               f"签订日期：{signed}")


def test_bundle_paid_and_accepted_before_its_contract_was_signed():
    """A file holding the payment form, the acceptance and the contract: goods paid for and accepted before the
    contract was signed. In order (signed, accepted, paid) it is clean; so is a supplementary contract."""
    flags = dates_flags(procurement.check(unit(), [_settled_bundle("2025年3月2日", "2025年3月9日", "2025年3月20日")], TH))
    assert len(flags) == 1 and "2025-03-02" in flags[0].message and "2025-03-20" in flags[0].message
    in_order = _settled_bundle("2025年3月30日", "2025年3月25日", "2025年3月10日")
    assert dates_flags(procurement.check(unit(), [in_order], TH)) == []
    supplement = _settled_bundle("2025年3月2日", "2025年3月9日", "2025年3月20日", contract_title="三、补充协议")
    assert dates_flags(procurement.check(unit(), [supplement], TH)) == []


def test_four_deliberations_record_with_a_resolution_dated_before_its_review():
    """"四议两公开": 提议 → 商议 → 审议 → 决议. A scan runs the numbered steps into one line; a 决议 dated before the
    党员大会审议 was written up afterwards. The same record in order is clean."""
    def record(review, resolution):
        return doc("村道硬化项目四议两公开记录表.pdf", "某村“四议两公开”工作记录表", "项目：村道硬化（9.2万元）",
                   "一、村党支部提议2025年3月3日 到会支委5人，同意5人", "二、村两委会商议2025年3月6日 到会9人，同意9人",
                   f"三、党员大会审议{review}应到党员52人，实到41人，同意40人四、村民代表会议决议{resolution}"
                   "应到40人，实到31人，同意30人", doc_type="other")
    flags = dates_flags(form_order.check([record("2025年3月12日", "2025年3月10日")]))
    assert len(flags) == 1 and "决议2025年3月10日" in flags[0].message
    assert dates_flags(form_order.check([record("2025年3月10日", "2025年3月12日")])) == []


# ----------------------------------------------------------------- payments and notices

def _payment(paid, accepted="2024年8月20日", signed="2024年8月26日", kind="（全款）"):
    return doc("工程款支付审批单.pdf", "某某公司", "工程款支付审批单", "工程名称：原料库房屋面防水维修工程",
               f"合同金额：38.6万元本次支付：38.6万元{kind}付款申请日期：2024年8月15日", f"竣工验收日期：{accepted}",
               f"合同签订日期：{signed}", "财务总监：同意陈晓红2024.8.15", f"付款日期：{paid}（银行转账）")


def test_a_payment_made_before_the_contract_or_the_acceptance_it_pays_for():
    """Paid 8-16 on a contract signed 8-26: paid first, papers made to fit. A full payment after the contract but
    before the acceptance is out of order too; an advance (预付款) before the acceptance is not."""
    flags = dates_flags(form_order.check([_payment("2024年8月16日")]))
    assert len(flags) == 1 and "付款早于合同签订" in flags[0].message
    late = _payment("2024年8月28日", accepted="2024年9月5日", signed="2024年8月10日")
    assert "付款早于验收" in dates_flags(form_order.check([late]))[0].message
    advance = _payment("2024年8月28日", accepted="2024年9月5日", signed="2024年8月10日", kind="（预付款30%）")
    assert dates_flags(form_order.check([advance])) == []
    assert dates_flags(form_order.check([_payment("2024年9月8日", accepted="2024年9月5日",
                                                  signed="2024年8月10日")])) == []


def test_a_notice_put_up_before_the_approval_it_cites():
    """"经2024年8月2日…理事会…审议通过，现将…公示" signed off 7-24: the approval came after the notice. Signed off 8-5,
    or citing an approval before its own date, it is clean."""
    def notice(signed):
        return doc("2024年上半年财务收支公示.jpg",
                   "江津区花椒商会2024年上半年财务收支公示经2024年8月2日商会四届理事会第六次会议审议通过，现将情况公示如下：",
                   "一、收入40.7万元。", "公示时间：2024年7月25日至7月31日", f"江津区花椒商会秘书处{signed}",
                   doc_type="photo")
    flags = dates_flags(form_order.check([notice("2024年7月24日")]))
    assert len(flags) == 1 and "2024-07-24" in flags[0].message
    assert dates_flags(form_order.check([notice("2024年8月5日")])) == []


def test_a_purchase_file_whose_selection_comes_first_and_contract_second():
    """"采购资料": 一、比选记录 (6-18) / 二、合同（摘要）签订日期 6-9 / 三、验收单 — the file holds the contract, signed before
    the selection that chose its supplier. With the contract signed after the selection it is clean."""
    def bundle_file(signed):
        return doc("观光车维修服务采购资料.pdf", "福兴土楼景区观光电瓶车维修服务采购资料", "一、比选记录", "比选日期：2025年6月18日",
                   "项目：12辆观光电瓶车电池更换及年度维修", "预算：75,000元",
                   "比选小组：运营部 卢志成、财务部 江美华、纪检委员 胡秀英",
                   "参与单位: 龙岩市闽西新能源车辆服务有限公司；报价（元）: 68,000；结果: 中选",
                   "参与单位: 永定区湖坑镇顺达电动车行；报价（元）: 72,000",
                   "参与单位: 龙岩市新罗区绿动车辆维修中心；报价（元）: 75,000", "二、合同（摘要）",
                   f"甲方：某景区管理有限公司；乙方：龙岩市闽西新能源车辆服务有限公司。合同金额68,000元。签订日期：{signed}。",
                   "三、验收单", "2025年7月2日，12辆电瓶车更换电池完毕，验收人：卢志成。")
    flags = dates_flags(procurement.check(unit("jingqu"), [bundle_file("2025年6月9日")], TH))
    assert len(flags) == 1 and "比价/比选" in flags[0].message
    assert dates_flags(procurement.check(unit("jingqu"), [bundle_file("2025年6月20日")], TH)) == []


def test_a_contract_form_whose_title_follows_the_letterhead():
    """A form that opens with the company's name and has "合同审批单" on the next line is still the contract's own
    approval form: signed 3-5, applied for 3-18. Signed after the last sign-off it is clean."""
    def form(signed):
        return doc("扫描件003.pdf", "某某食品有限公司", "合同审批单",
                   f"合同名称：原料仓储服务合同 合同相对方：某某仓储有限公司 合同金额：约12万元 合同签订日期：{signed}",
                   "申请部门：采购部 经办人：王强 申请日期：2024年4月8日",
                   "财务审核：同意。李娜 2024年4月9日 总经理：同意。赵刚 2024年4月10日")
    flags = dates_flags(form_order.check([form("2024年3月22日")]))
    assert len(flags) == 1 and "2024年3月22日" in flags[0].message
    assert dates_flags(form_order.check([form("2024年4月12日")])) == []


def test_a_result_notice_put_up_before_the_bidding_it_announces():
    """A 成交结果公示 signed off 6-3 that says the 竞价 was held on 6-10 announces a result before the event. Signed off
    after the event it is clean, though it names a later date as a deadline (…前提出异议)."""
    def notice(signed, event="2024年6月10日", tail="对竞拍结果有异议的请于2024年6月17日前向村务监督委员会反映。"):
        return doc("门面租赁结果公布（拍照）.jpg", "东湖村集体门面租赁成交结果公示",
                   f"东湖村集体门面2间于{event}经公开竞拍，由李某以年租金36,000元竞得。", tail,
                   f"东湖村股份经济合作社{signed}", doc_type="photo")
    flags = dates_flags(form_order.check([notice("2024年6月3日")]))
    assert len(flags) == 1 and "2024-06-03" in flags[0].message and "竞拍" in flags[0].message
    assert dates_flags(form_order.check([notice("2024年6月11日")])) == []
    assert dates_flags(form_order.check([notice("2024年6月11日", tail="")])) == []


def test_a_lease_bundled_with_a_procedure_record_dated_after_it():
    """"鱼塘承包资料": the lease (承包费 per year, an amount the purchase rules do not read) signed 3-10, then a
    "发包程序记录" whose steps leave out the year (3月15日 两委商议, 3月20日 代表会议决议, 公示, 镇审核). With every step
    before the signing it is clean."""
    def bundle_file(signed, steps=("3月15日两委会商议发包方案", "3月20日村民代表会议决议", "3月21日—3月27日村务公开栏公示",
                                   "3月28日镇农经站审核：同意")):
        return doc("鱼塘承包资料.pdf", "集体鱼塘承包合同", "发包方：西湾村民委员会", "承包方：陈某",
                   "期限：2025年4月1日至2030年3月31日，承包费：每年12，500元，履约保证金2，000元。",
                   f"签订日期：{signed}", "发包程序记录", *[f"{i}.{s}" for i, s in enumerate(steps, 1)], "经办人：张某")
    flags = dates_flags(procurement.check(unit("cunju"), [bundle_file("2025年3月10日")], TH))
    assert len(flags) == 1 and "2025-03-15" in flags[0].message and "本文件" in flags[0].message
    assert dates_flags(procurement.check(unit("cunju"), [bundle_file("2025年3月30日")], TH)) == []


# ----------------------------------------------------------------- forms: cells run together, payment, table rows

def _purchase_form(signed, accepted="2025年6月20日"):
    """A purchase approval form whose scan runs the cells of one row together."""
    return doc("观光车采购审批单.pdf", "某某文旅有限公司", "采购审批单", "项目：观光车座椅更换（12辆）", "金额：16.5万元",
               f"申请部门：运营部申请日期：2025年6月2日比价记录：3家（附后）比价日期：2025年6月4日合同签订日期：{signed}",
               f"验收日期：{accepted}", "部门经理审核：同意2025年6月5日", "总经理审批：同意2025年6月6日",
               "财务付款：2025年6月25日")


def test_a_purchase_form_whose_contract_was_signed_before_it_was_applied_for():
    flags = dates_flags(form_order.check([_purchase_form("2025年5月20日")]))
    assert len(flags) == 1 and "合同签订日期：2025年5月20日" in flags[0].message


def test_a_purchase_form_accepted_before_it_was_approved():
    flags = dates_flags(form_order.check([_purchase_form("2025年6月10日", accepted="2025年6月3日")]))
    assert len(flags) == 1 and "验收日期：2025年6月3日" in flags[0].message


def test_a_purchase_form_signed_and_accepted_after_its_approval_is_clean():
    assert dates_flags(form_order.check([_purchase_form("2025年6月10日")])) == []


def _paid_form(paid, requested="二〇二四年五月六日"):
    return doc("饲料采购付款审批单.pdf", "某某牧业采购付款审批单", "采购物资 育肥饲料 40吨", "金额 12.8万元",
               f"付款申请日期 {requested} 经办 刘某（签字）", f"付款 {paid} 出纳张某（签字）网银付讫",
               "部门负责人审核 同意。赵某 二〇二四年五月七日", "总经理审批 同意。钱某（签字）二〇二四年五月九日")


def test_a_payment_made_before_the_form_approving_it_was_signed():
    flags = dates_flags(form_order.check([_paid_form("二〇二四年五月三日")]))
    assert len(flags) == 1 and "付款 二〇二四年五月三日" in flags[0].message


def test_a_payment_made_after_the_approval_is_clean_and_a_payment_request_is_no_payment():
    assert dates_flags(form_order.check([_paid_form("二〇二四年五月十日")])) == []
    # the request for payment is the first step, not the payment: dated before the approval, it is in order
    assert dates_flags(form_order.check([_paid_form("二〇二四年五月十日", requested="二〇二四年五月二日")])) == []


def _deliberation_table(proposed):
    rows = [("党支部提议", proposed), ("“两委”会商议", "2025年4月3日"), ("党员大会审议", "2025年4月8日"),
            ("村民代表会议决议", "2025年4月10日")]
    return doc("村道修缮“四议两公开”程序记录.pdf", "某村村道修缮项目“四议两公开”程序记录", "程序；时间；参加人员；主要内容；结果",
               *[f"程序: {step}；时间: {day}；参加人员: 若干；主要内容: 村道修缮；结果: 同意" for step, day in rows], doc_type="minutes")


def test_a_deliberation_table_whose_proposal_is_dated_after_the_other_steps():
    flags = dates_flags(form_order.check([_deliberation_table("2025年4月12日")]))
    assert len(flags) == 1 and "提议" in flags[0].message and "2025年4月12日" in flags[0].message


def test_a_deliberation_table_in_order_is_clean():
    assert dates_flags(form_order.check([_deliberation_table("2025年4月1日")])) == []


def _flow_register(second_discussed):
    head = "流程编号；事项名称；党组织提议；两委商议；党员大会审议；村民代表会议决议"
    rows = [f"流程编号: SYLG-2025-003；事项名称: 道路硬化；党组织提议: 2025-02-18；两委商议: 2025-02-21；党员大会审议: 2025-02-27；"
            f"村民代表会议决议: 2025-03-06",
            f"流程编号: SYLG-2025-005；事项名称: 食堂设备；党组织提议: 2025-03-20；两委商议: {second_discussed}；党员大会审议: 2025-04-01；"
            f"村民代表会议决议: 2025-04-08"]
    return doc("四议两公开流程（系统导出）.xlsx", "前溪村四议两公开流程", head, *rows, doc_type="ledger")


def test_a_register_of_deliberation_flows_compares_each_matter_with_itself():
    """Each row of a system export is one matter's chain: the first matter's 商议 (2-21) is not out of order
    against the second matter's 提议 (3-20); a matter discussed before it was proposed is."""
    assert dates_flags(form_order.check([_flow_register("2025-03-24")])) == []
    flags = dates_flags(form_order.check([_flow_register("2025-03-12")]))
    assert len(flags) == 1 and "2025-03-12" in flags[0].message


def test_a_workflow_table_of_village_and_town_sign_offs_is_clean():
    """Rows are read for event steps only: the village's 书记 signs before the town's 分管领导."""
    form = doc("村级工程项目审批单.pdf", "村级工程项目审批单", "项目名称：村委会屋面修缮", "审批记录",
               "节点: 村社申报；处理人: 某某；处理时间: 2025-05-14 09:20",
               "节点: 村党组织书记；处理人: 某某；处理时间: 2025-05-14 09:41",
               "节点: 镇分管领导；处理人: 某某；处理时间: 2025-05-19 11:35")
    assert dates_flags(form_order.check([form])) == []


# ----------------------------------------------------------------- an approval-flow log (审批流 / OA 流程打印)

def _flow(rows, title="费用支付审批：年中会员大会会务费用"):
    lines = [f"序号: {n}；节点: {node}；处理人: 某人；处理时间: {when}；操作: {op}" for n, node, when, op in rows]
    return doc("审批流_会务费用支付.pdf", title, "商会OA 流程打印 打印时间：2024-06-20 10:05", "支付金额：38,600.00元",
               "审批记录", "序号；节点；处理人；处理时间；操作；意见", *lines, doc_type="ledger")


_STEPS = [(1, "发起申请", "2024-06-0309:12", "提交"), (2, "秘书长审核", "2024-06-1016:45", "同意"),
          (3, "会长审批", "2024-06-1208:57", "同意")]


def test_flow_log_paid_before_it_was_approved():
    flags = dates_flags(form_order.check([_flow(_STEPS + [(4, "出纳支付", "2024-06-0514:20", "已支付")])]))
    assert len(flags) == 1 and "出纳支付" in flags[0].message and "2024-06-05" in flags[0].message


def test_flow_log_in_order_clean_also_printed_newest_first_and_with_countersigns():
    in_order = _flow(_STEPS + [(4, "出纳支付", "2024-06-1310:00", "已支付")])
    newest_first = _flow(list(reversed(_STEPS + [(4, "出纳支付", "2024-06-1310:00", "已支付")])))
    countersign = _flow([(1, "拟稿", "2025-03-14 08:52", "提交"), (2, "班子成员会签", "2025-03-21 15:40", "同意"),
                         (3, "班子成员会签", "2025-03-20 15:52", "同意"), (4, "主要负责人审批", "2025-03-21 16:35", "同意")])
    assert dates_flags(form_order.check([in_order, newest_first, countersign])) == []


def test_flow_export_of_several_flows_goes_flow_by_flow():
    rows = [("CG-01", "发起", "2025-03-04 09:12"), ("CG-01", "分管局领导", "2025-03-04 16:30"),
            ("CG-02", "发起", "2025-03-03 08:58"), ("CG-02", "分管局领导", "2025-03-03 15:47"),
            ("CG-02", "出纳支付", "2025-03-05 10:00")]
    lines = [f"流程编号: {f}；节点: {n}；处理人: 某人；处理时间: {t}；处理意见: 同意" for f, n, t in rows]
    export = doc("OA流程导出_物资采购审批.xlsx", "OA流程导出", *lines, doc_type="ledger")
    assert dates_flags(form_order.check([export])) == []
    late = doc("OA流程导出_物资采购审批.xlsx", "OA流程导出", *lines,
               "流程编号: CG-02；节点: 归档；处理人: 某人；处理时间: 2025-03-01 10:00；处理意见: 归档", doc_type="ledger")
    assert len(dates_flags(form_order.check([late]))) == 1


# ----------------------------------------------------------------- out-of-period

def _period_flags(*docs, start="2024-01-01", end="2024-12-31"):
    from pipeline.flags import run_flags
    u = Unit(folder="u1", path="/x/u1", name="某家庭", unit_type="jiating", type_source="manifest",
             period_start=start, period_end=end)
    return sorted(f.file for f in run_flags([(u, list(docs))], TH)["u1"] if f.rule == "out-of-period")


def test_a_form_signed_by_a_residents_committee_is_dated_by_that_signature():
    """"桃花路社区居委会2023年11月20日": a 居委会 (as a 村委会, 理事会 …) signs like any other body, so the form is dated
    2023-11-20 and lies outside a 2025 period; the same form signed in the period does not."""
    from pipeline.analysis import annotate

    def form(signed):
        return annotate(doc("资料1.pdf", "2023年度桃源县“最美家庭”推荐表", "家庭户主 黄立新 家庭人口 4人",
                            "主要事迹 照顾患病母亲，主动为社区老旧小区改造协调资金。", "社区意见：同意推荐。",
                            f"桃花路社区居委会{signed}", doc_type=None))
    assert form("2023年11月20日").doc_date == "2023-11-20"
    assert _period_flags(form("2023年11月20日"), start="2025-01-01", end="2025-10-31") == ["资料1.pdf"]
    assert _period_flags(form("2025年3月20日"), start="2025-01-01", end="2025-10-31") == []


def test_the_years_audit_and_a_cadres_annual_filing_made_just_after_it_are_about_the_period():
    """"2024年度审计管理建议书" dated 2025-01-24 and "领导干部个人有关事项报告表（2024年度）" filed 2025-01-13 are the
    year-end accounts of 2024, made after it as they must be; a 2024 廉政责任书 signed in 2025 is not, nor is an audit
    letter dated half a year on."""
    audit = doc("2024年度审计管理建议书.pdf", "管理建议书", "我们接受委托审计了贵公司2024年度财务报表。", "2025年1月24日",
                doc_date="2025-01-24")
    filing = doc("领导干部个人有关事项报告（2024年度）系统打印件.pdf", "领导干部个人有关事项报告表（2024年度）",
                 "报告类型：年度集中报告；填报日期：2025-01-13", doc_type="report", doc_date="2025-01-13")
    pledge = doc("2024年度党风廉政建设责任书.pdf", "2024年度党风廉政建设责任书", "2025年1月20日", doc_type="pledge",
                 doc_date="2025-01-20")
    late = doc("2024年度审计管理建议书（复函）.pdf", "管理建议书", "2025年7月24日", doc_date="2025-07-24")
    assert _period_flags(audit, filing, pledge, late) == sorted([pledge.file, late.file])


def test_a_notice_dated_on_its_number_line_is_dated_by_it():
    """"县纪办〔2024〕12号 2024年12月18日": a notice's issue line holds its number and its date; a quarter's notice
    issued before the period is out of it, the same issued in the period is not."""
    from pipeline.analysis import annotate

    def notice(issue):
        return annotate(doc("四季度作风督查通报.pdf", "关于2024年第四季度作风建设明察暗访情况的通报", issue,
                            "按照县委部署，县纪委对全县机关作风情况进行了明察暗访，现将有关情况通报如下。",
                            "一、总体情况", "多数单位考勤、公车管理规范。", "县纪委办公室", doc_type=None))
    assert notice("县纪办〔2024〕12号 2024年12月18日").doc_date == "2024-12-18"
    assert _period_flags(notice("县纪办〔2024〕12号 2024年12月18日"), start="2025-01-01", end="2025-10-31") \
        == ["四季度作风督查通报.pdf"]
    assert _period_flags(notice("县纪办〔2025〕2号 2025年1月8日"), start="2025-01-01", end="2025-10-31") == []


def test_a_photo_of_house_rules_agreed_before_the_period():
    """A photographed 家规 carries, under its title, when the family agreed it ("（2023年2月1日全家商定）"), even when OCR
    runs that note into the first rule: a photo of an earlier year's text; agreed in the period it is not."""
    from pipeline.analysis import annotate

    def rules(agreed):
        return annotate(doc("李家家训.jpg", "李家家训", f"（{agreed}除夕夜全家商定）一、尊老爱幼，常回家看看。",
                            "二、不拿公家一针一线。", "三、勤俭持家，不攀比。", "全家签名：李明 王芳 李小雨", doc_type=None))
    assert rules("2023年2月1日").doc_date == "2023-02-01"
    assert _period_flags(rules("2023年2月1日")) == ["李家家训.jpg"]
    assert _period_flags(rules("2024年2月9日")) == []


# ----------------------------------------------------------------- a purchase request that carries its own acceptance

def _request_form(accepted):
    """A request form whose title names its acceptance ("申购验收单"): the acceptance follows the approval."""
    return doc("教学耗材申购验收单.pdf", "某某中学物资申购验收单", "物品：实验试剂一批 金额：8,600元",
               "申购人：李某 申请日期：2024年9月3日", "教务主任审核：同意 2024年9月4日", "校长审批：同意 2024年9月5日",
               "验收情况：数量、规格相符", f"验收人：王某 张某 {accepted}")


def test_a_purchase_request_accepted_before_it_was_applied_for():
    flags = dates_flags(form_order.check([_request_form("2024年8月28日")]))
    assert len(flags) == 1 and "2024年8月28日" in flags[0].message and "申请日期" in flags[0].message


def test_a_purchase_request_accepted_after_its_approval_is_clean():
    assert dates_flags(form_order.check([_request_form("2024年9月12日")])) == []


# ----------------------------------------------------------------- a meeting record that publishes its outcome

def _meeting_record(published, extra=()):
    return doc("村民会议记录（鱼塘发包）.pdf", "某某村村民会议记录", "会议时间：2025年6月18日上午9时 地点：村部",
               "应到户代表86人，实到71人", "议题：村集体鱼塘发包方案", "表决结果：同意65户，不同意6户。",
               f"表决结果于{published}在村务公开栏张贴公布，公示期7天。", *extra, doc_type="minutes")


def test_a_meeting_record_whose_outcome_was_put_up_before_the_meeting():
    flags = dates_flags(form_order.check([_meeting_record("6月10日")]))
    assert len(flags) == 1 and "2025-06-18" in flags[0].message and "6月10日" in flags[0].message


def test_a_meeting_record_published_after_it_or_citing_an_earlier_outcome_is_clean():
    assert dates_flags(form_order.check([_meeting_record("6月19日")])) == []
    # an earlier meeting's outcome and a tender the meeting decides on are no publication of its outcome
    others = ("上次会议决议已于2025年5月20日公示。", "决议：同意2025年6月1日公开招标的结果。")
    record = doc("村民会议记录（鱼塘发包）.pdf", "某某村村民会议记录", "会议时间：2025年6月18日", *others,
                 doc_type="minutes")
    assert dates_flags(form_order.check([record])) == []


# ----------------------------------------------------------------- transfer slips, form numbers, approved events

def _transfer_slip(signed):
    return doc("合同流转单.pdf", "某某公司合同流转单", "合同名称：厂房屋面防水维修合同", "合同金额：8.2万元",
               "1.申请：行政部 张强 2024年6月3日", "2.法务审核：刘敏 2024年6月4日", "3.总经理审批：陈伟 2024年6月5日",
               f"4.合同签订日期：{signed}")


def test_transfer_slip_is_a_sign_off_chain():
    """A 流转单 passes a contract from signer to signer: signed before it was reviewed, it was approved afterwards."""
    flags = dates_flags(form_order.check([_transfer_slip("2024年5月20日")]))
    assert len(flags) == 1 and "2024年5月20日" in flags[0].message
    assert dates_flags(form_order.check([_transfer_slip("2024年6月6日")])) == []


def test_a_date_inside_the_form_number_is_no_step():
    """"编号：CG-20240203" in the heading is a serial number, not the day the form was approved."""
    for number in ("编号：CG-20240203", "单号：20240203"):
        d = doc("采购审批单.pdf", f"某某公司采购审批单{number}", "申请部门：综合部申请日期：2024年9月2日",
                "品名：劳保鞋", "金额：4,800元", "部门负责人：任红 9月2日", "总经理：温华 2024年9月3日")
        assert dates_flags(form_order.check([d])) == []
    late = doc("采购审批单.pdf", "某某公司采购审批单编号：CG-20240903", "申请部门：综合部申请日期：2024年9月5日",
               "总经理审批：温华 2024年9月3日")
    assert len(dates_flags(form_order.check([late]))) == 1


def _event_form(title, event, applied="2025年3月12日"):
    return doc("接待审批单.jpg", title, f"申请日期：{applied}",
               f"来访单位：某县林业局 接待日期：{event} 人数：5人 陪同人数：2人 预算：450元",
               "分管领导意见：同意 王平 2025年3月13日", doc_type="photo")


def test_an_event_held_before_its_approval_form():
    """A 公务接待审批单 applied for on 3-12 for a reception held on 3-06: approved after the fact."""
    flags = dates_flags(form_order.check([_event_form("公务接待审批单", "2025年3月6日")]))
    assert len(flags) == 1 and "接待日期" in flags[0].message
    assert dates_flags(form_order.check([_event_form("公务接待审批单", "2025年3月18日")])) == []
    # a reimbursement settles the reception afterwards
    assert dates_flags(form_order.check([_event_form("公务接待费报销审批单", "2025年3月6日")])) == []


def test_a_years_work_report_to_the_body_above_written_just_after_it_is_about_the_period():
    """"2024年度工作情况汇报" dated 2025-01-10 reports to the 工商联 on 2024; a 汇报 of a later year, or one sent half a
    year on, is not."""
    def report(title, dated):
        return doc(f"{title}.docx", title, dated, "县工商联：", "2024年，商会坚持党建引领，各项工作取得了新进展。",
                   "一、党建引领方面", "3月8日换届增设纪律委员。", doc_type="report", doc_date=dated)
    on_time = report("某商会2024年度工作情况汇报", "2025-01-10")
    late = report("某商会2024年度工作汇报", "2025-07-10")
    other = report("某商会2025年一季度工作情况汇报", "2025-04-10")
    assert _period_flags(on_time, late, other) == sorted([late.file, other.file])


def test_an_undated_register_of_last_year_is_out_of_the_period():
    """An undated 调解登记 whose entries all fall in 2024, in a 2025 folder, is last year's book; the same book with an
    entry inside the period, or titled for it, is this period's."""
    def book(name, title, *entries):
        return doc(name, title, *entries, "登记人：张永福", doc_type="ledger")
    old = book("2024年矛盾纠纷调解登记本.pdf", "桃园村矛盾纠纷调解登记（2024年）",
               "2024.3.12四组田埂水沟纠纷", "调解员到现场量边界，已签字。", "2024.9.20外嫁女征地补偿分配", "已兑付。")
    untitled = book("调解登记本.pdf", "矛盾纠纷调解登记", "2024.6.5赡养老人纠纷", "2024.11.8宅基地滴水纠纷")
    running = book("调解登记本（续）.pdf", "矛盾纠纷调解登记", "2024.11.8宅基地滴水纠纷", "2025.3.2邻里噪音纠纷")
    titled = book("2025年调解登记本.pdf", "矛盾纠纷调解登记（2025年）", "2024.12.28宅基地纠纷", "2024.12.30噪音纠纷")
    assert _period_flags(old, untitled, running, titled, start="2025-01-01", end="2025-10-31") == \
        sorted([old.file, untitled.file])


def test_a_statement_signed_by_name_and_date_on_its_last_line_is_dated_by_it():
    """"赖志鸿2023年10月30日": a person's statement ends with his name and the date run together; a wedding explained in
    2023 is out of a 2024 period, the same statement signed in 2024 is in it. A last line that only bounds a span
    ("截至2023年10月30日") is no signature."""
    from pipeline.analysis import annotate

    def statement(last):
        return annotate(doc("关于婚事从简办理的情况说明.pdf", "关于女儿婚事从简办理的情况说明", "局机关党委：",
                            "本人女儿于2023年10月28日结婚。婚礼从简办理，仅宴请双方亲属10桌，未收受亲属以外人员礼金。特此说明。",
                            last, doc_type=None))
    assert statement("赖志鸿2023年10月30日").doc_date == "2023-10-30"
    assert statement("截至2023年10月30日").doc_date != "2023-10-30"
    assert _period_flags(statement("赖志鸿2023年10月30日")) == ["关于婚事从简办理的情况说明.pdf"]
    assert _period_flags(statement("赖志鸿2024年1月5日")) == []


# ----------------------------------------------------------------- a register of collective decisions

def _decision_register(signed):
    """A 三重一大 register: one matter per row, its deciding meeting, its contract, its acceptance. Another matter's
    later meeting is no step of this one's."""
    return doc("重大事项集体决策台账（2024年）.xlsx", "某公司重大事项集体决策台账（2024年）",
               "序号；决策事项；金额（万元）；上会时间；签约日期；验收",
               "序号: 1；决策事项: 办公楼外墙维修；金额（万元）: 36；上会时间: 党委会 2024年4月2日；"
               "签约日期: 2024年4月15日；验收: 2024年6月30日",
               f"序号: 2；决策事项: 巡逻车购置；金额（万元）: 41；上会时间: 办公会 2024年7月10日；签约日期: {signed}；"
               "验收: 2024年8月20日", "序号: 3；决策事项: 食堂外包；上会时间: 计划", doc_type="ledger")


def test_a_decision_register_whose_matter_was_contracted_before_the_meeting():
    flags = dates_flags(form_order.check([_decision_register("2024年6月28日")]))
    assert len(flags) == 1 and "2024年6月28日" in flags[0].message


def test_a_decision_register_in_order_is_clean():
    assert dates_flags(form_order.check([_decision_register("2024年7月18日")])) == []


# ----------------------------------------------------------------- a subcontract and the meeting that chose its firm

def _subcontract(signed):
    return doc("钢结构安装分包合同.pdf", "建设工程专业分包合同", "承包人：湘平建工集团有限公司",
               "分包人：长沙市恒力钢构安装有限公司", "工程名称：物流园三号仓库钢结构安装", "合同价款：人民币148万元",
               f"签订日期：{signed}")


def test_a_subcontract_signed_before_the_meeting_that_chose_its_firm():
    """In a subcontract the 承包人 is the unit itself and the 分包人 is the firm it pays: the minutes that chose that firm
    (matched by its name) dated after the signing show the contract came first. Signed after the meeting: clean."""
    minutes = doc("经理办公会纪要（2025年第9次）.pdf", "湘平建工经理办公会纪要", "时间：2025年7月8日上午",
                  "议题：物流园仓库钢结构分包", "会议同意按比选结果确定分包单位。", "单位；报价（万元）；结果",
                  "单位: 长沙市恒力钢构安装有限公司；报价（万元）: 148；结果: 第一",
                  "单位: 株洲市宏图钢结构有限公司；报价（万元）: 156；结果: 第二", doc_type="minutes", doc_date="2025-07-08")
    flags = dates_flags(procurement.check(unit(), [_subcontract("2025年6月30日"), minutes], TH))
    assert len(flags) == 1 and flags[0].file == "钢结构安装分包合同.pdf" and "集体决策会议" in flags[0].message
    assert flags[0].related == [{"file": minutes.file, "date": "2025-07-08"}]
    assert dates_flags(procurement.check(unit(), [_subcontract("2025年7月10日"), minutes], TH)) == []


def _procurement_log(signed):
    return doc("家风馆展陈提升项目采购资料汇总.pdf", "家风馆展陈提升项目采购资料汇总", "项目名称：珠玑古巷家风馆展陈提升 预算：28万元",
               "序号；环节；日期；内容；经办",
               f"序号: 1；环节: 签订合同；日期: {signed}；内容: 与墨韵展览工程有限公司签订，合同金额26.8万元；经办: 邓某",
               "序号: 2；环节: 三家比选；日期: 2025-04-15；内容: 墨韵26.8万元、粤北文创27.5万元，墨韵最低；经办: 叶某",
               "序号: 3；环节: 主任办公会；日期: 2025-04-22；内容: 研究同意由墨韵公司承接；经办: 钟某",
               "序号: 4；环节: 验收；日期: 2025-06-10；内容: 三方验收合格；经办: 叶某")


def test_a_purchase_log_whose_contract_came_before_the_comparison():
    """A purchase's log of its steps, one row each: the contract signed (4-08) before the 比选 (4-15) and the 办公会
    (4-22) that chose the supplier is out of order; signed after them (4-25), it is clean."""
    flags = dates_flags(form_order.check([_procurement_log("2025-04-08")]))
    assert len(flags) == 1 and "2025-04-08" in flags[0].message
    assert dates_flags(form_order.check([_procurement_log("2025-04-25")])) == []


# ----------------------------------------------------------------- a reply dated before the request it answers

def _reply(signed, cited="（某环保〔2024〕7号，2024年5月20日报送）"):
    return doc("区财政局批复（扫描）.pdf", "某区财政局", "关于同意购置环境监测设备的批复", "区环保局：",
               f"你局《关于购置环境监测设备的请示》{cited}收悉。经研究，现批复如下：",
               "一、同意购置环境监测设备1套，预算不超过30万元。", "此复。", f"某区财政局 {signed}",
               doc_type="other")


def test_a_reply_dated_before_the_request_it_cites():
    flags = dates_flags(form_order.check([_reply("2024年5月14日")]))
    assert len(flags) == 1 and "2024-05-14" in flags[0].message and "2024-05-20" in flags[0].message
    assert dates_flags(form_order.check([_reply("2024年5月27日")])) == []


def test_a_reply_dated_before_the_request_in_the_folder_it_answers_by_number():
    """The citation gives the request's number, not its date; the request itself, in the folder, is dated later.
    A request citing an old regulation's year is not a reply, and a month without a day is not a later date."""
    request = doc("购置监测设备的请示.docx", "某区环保局关于购置环境监测设备的请示", "某环保〔2024〕7号", "区财政局：",
                  "根据《环境监测管理办法》（2007年印发），拟购置监测设备1套。", "妥否，请批示。", "某区环保局",
                  "2024年5月20日", doc_type="other", doc_date="2024-05-20")
    early = _reply("2024年5月14日", cited="（某环保（2024）7号）")
    flags = dates_flags(form_order.check([early, request]))
    assert [f.file for f in flags] == [early.file] and flags[0].related == [{"file": request.file}]
    assert dates_flags(form_order.check([_reply("2024年5月24日", cited="（某环保（2024）7号）"), request])) == []
    assert dates_flags(form_order.check([_reply("2024年5月14日", cited="（2024年5月报送）")])) == []
