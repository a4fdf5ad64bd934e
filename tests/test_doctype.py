"""Document-type classification: ≥2 cases per type, including the traps."""
from __future__ import annotations

from pathlib import Path

import pytest

from classifiers.doctype import classify_document

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_406d525027f223a7.txt"

CASES = [
    # the unit's own brochure: what it says of itself, read as a report
    ("红色狼牙山清风景区行宣传册.pdf", "狼牙山风景区文旅融合宣传册\n景区深挖红色资源，打造两条清廉主题游线，年接待研学团队300余批次。", False, "brochure"),
    ("华鸢动力企业画册（2024版）.pdf", "潍坊华鸢动力机械有限公司\n公司秉持“干干净净做企业”的理念，建成廉洁文化长廊。", False, "brochure"),
    # a party group's appraisal of a cadre's year ("关于…现实表现的评价意见"): a record of him, not a plan's 意见
    ("县自然资源局党组关于胡卫民同志2024年度现实表现的评价意见.pdf", "关于胡卫民同志2024年度现实表现的评价意见\n"
     "一、工作实绩。全年化解信访件126件。\n二、年度考核确定为“优秀”等次。\n中共某县自然资源局党组 2025年1月20日", False, "commendation"),
    # a list of risk points and their control measures sets controls: rules, though it is a table
    ("关键岗位廉政风险点及防控措施一览表.xlsx", "关键岗位廉政风险点及防控措施一览表\n序号 部门 关键岗位 风险点 风险等级 防控措施 责任人\n"
     "1 采购部 鲜叶收购员 压级压价 高 鲜叶过磅双人签字，收购价每日公示 汪建平", False, "rules"),
    # an issue of the unit's own newsletter, whatever its articles mention (招标, 供应商): a periodical
    ("《皖东电缆人》2024年第3期（节选）.pdf", "皖东电缆人\n2024年第3期（总第41期） 内部资料 2024年10月15日\n"
     "【要闻】公司举办中层以上管理人员专题培训\n光伏电缆新生产线7月完成设备招标，供应商报价三家，中标价126万元。\n"
     "【清风苑】廉洁小故事：退回的一箱酒\n主办：公司党支部 综合办公室", False, "periodical"),
    ("资料2.pdf", "院报\n2024年第2期（总第57期）\n主办：县第三人民医院\n【院务动态】上半年门诊量12.6万人次。", False, "periodical"),
    # a camera's file name says only that it is a photo: a photographed sign-in sheet is a sign-in sheet
    ("IMG_20240627_1532.jpg", "岢岚县市场监督管理局\n党纪学习教育警示教育会签到表时间：2024年6月27日下午3:00地点：局四楼会议室\n"
     "内容：1.通报系统内违纪违法案例2起\n应到46人实到43人 张文斌 李秀英 高志强", True, "signin"),
    # a works approval form printed by a village platform, with an 审批记录 of 节点/处理人: the purchase's record
    ("村级工程项目审批单_文化礼堂改造提升.pdf", "村级工程项目审批单\n项目名称：文化礼堂改造提升\n估算金额：438,000.00元\n"
     "发包方式：直接发包\n审批记录\n节点: 村社申报；处理人: 潘丽娟；处理结果: 已提交", False, "procurement"),
    # minutes
    ("党组会议纪要.docx", "局党组会议纪要\n会议时间：2022年9月5日\n主持人：王局长\n参会人员：张三、李四\n记录人：赵六\n会议强调……", False, "minutes"),
    ("scan_003.pdf", "支部委员会会议记录\n时间：2022年10月8日 地点：三楼会议室\n出席人员：支委5人\n缺席：无\n会议研究了主题党日安排。", False, "minutes"),
    # collective decision
    ("scan001.pdf", "XX局党组会议纪要\n时间：2022年9月5日\n主持人：王某\n参会人员：班子成员\n议题一：三重一大事项大额资金使用\n班子成员逐一发表意见，王某最后表态，表决结果：同意5票", False, "collective_decision"),
    ("三重一大决策记录.pdf", "三重一大事项集体决策记录\n会议时间：2022年11月2日\n参会人员：村两委成员\n议题：村集体资产发包\n表决：一致同意", False, "collective_decision"),
    # procurement
    ("合同.pdf", "办公设备采购合同\n甲方：XX局\n乙方：XX公司\n合同金额：人民币伍万捌仟元整（￥58000.00）", False, "procurement"),
    ("询价记录.docx", "食材询价记录表\n供应商：甲公司 报价：3.2万元\n供应商：乙公司 报价：3.5万元\n经比价确定成交供应商为甲公司", False, "procurement"),
    # training
    ("c.docx", "警示教育活动记录\n活动时间：2022年9月5日\n活动地点：XX警示教育基地\n参加人员：全体党员\n活动内容：参观警示教育基地，观看警示教育片", False, "training"),
    ("学习记录.docx", "集中学习记录\n学习时间：2022年8月20日\n主讲：李书记\n参学人员：全体干部\n学习内容：《中国共产党纪律处分条例》", False, "training"),
    # signin
    ("签到表.xlsx", "序号 姓名 单位 签名\n1 张三 办公室\n2 李四 财务股", False, "signin"),
    ("001.pdf", "廉政党课签到表\n序号 姓名 职务 签到\n1 王五 局长", False, "signin"),
    # ledger
    ("三资台账.xlsx", "村集体资产台账\n序号 资产名称 登记日期 金额\n合计", False, "ledger"),
    ("x.xlsx", "2022年村级资金收支明细表\n日期 摘要 收入 支出 余额\n小计", False, "ledger"),
    # rules
    ("x.docx", "XX局三重一大集体决策制度\n第一条 为规范……\n第二条 本制度所称三重一大……\n第三条", False, "rules"),
    ("村规民约.docx", "XX村村规民约\n第一条 爱党爱国……\n第二条 移风易俗……", False, "rules"),
    # plan (traps: a 方案 mentioning meetings; a 转发 notice carrying a regulation)
    ("a.pdf", "XX局清廉机关建设工作方案\n为深入推进清廉机关建设，结合我局实际，特制定本方案。\n一、指导思想\n每季度召开一次会议，会议由主要负责人主持，参会人员为班子成员。\n各科室要认真贯彻落实。", False, "plan"),
    ("b.pdf", "关于转发《XX县三重一大集体决策制度实施办法》的通知\n各乡镇、各单位：\n现将……转发给你们，请结合实际认真贯彻执行。\n第一条 为……\n第二条 ……\n第三条……\n第四条", False, "plan"),
    # pledge
    ("y.docx", "廉洁从业承诺书\n本人郑重承诺：……\n承诺人：", False, "pledge"),
    ("家庭助廉.docx", "家庭助廉承诺书\n作为领导干部家属，我郑重承诺……", False, "pledge"),
    # report
    ("z.docx", "XX局2022年清廉机关建设工作总结\n今年以来，我局……现将有关情况报告如下\n一、主要成效\n二、存在问题\n三、下一步工作打算", False, "report"),
    ("情况汇报.docx", "关于清廉学校建设情况的汇报\n一年来，我校……\n特此报告。", False, "report"),
    # photo (trap: image of a 宣传栏 with a few words)
    ("IMG_2033.jpg", "廉洁文化宣传栏\n清风廉韵", True, "photo"),
    ("p.png", "村务公开栏\n2022年第三季度财务收支公示", True, "photo"),
    ("公示.pdf", "关于2022年度评优评先结果的公示\n公示期：2022年12月1日至12月7日\n监督电话：1234567", False, "photo"),
    # a reflection after an education activity, even when it talks of 采购比价 and 付款
    ("董事长廉洁从业心得体会.docx", "参观廉政教育馆后的几点体会\n7月1日，我随商会党支部到廉政教育馆参观学习。\n"
     "采购比价、大额付款双签这些做法要落到实处。", False, "training"),
    # a filled-in filing form records what was reported
    ("婚事简办报备表.pdf", "领导干部操办婚丧喜庆事宜报告表\n报告人：刘建平\n事由：女儿婚礼\n规模：6桌", False, "ledger"),
    # … also when the file is named a 报告 and the form's 报告人 field sits under its title
    ("父亲丧事从简办理情况报告.pdf", "领导干部操办丧事情况报告表\n报告人：黄志勇单位：某县农业农村局\n"
     "事由：父亲于2024年5月6日病故\n办理情况：丧宴共9桌，未大操大办", False, "ledger"),
    # a compiled rules book whose chapters name 三重一大 and 采购
    ("学校内部管理制度汇编（2023年修订）.pdf", "学校内部管理制度汇编\n第一章 三重一大集体决策制度\n"
     "第十二条 人事任免、大宗物资采购等事项，在校务会集体研究决定。", False, "rules"),
    # a photographed poster announcing a lecture
    ("廉洁从医专题讲座海报.jpg", "廉洁从医 守护初心\n专题讲座\n主讲：派驻纪检监察组\n将于11月16日下午举办", True, "photo"),
    # a list of duties with deadlines assigns work to do, though laid out as a table
    ("2025年度全面从严治党主体责任清单.pdf", "龙沙区农业农村局党组2025年度全面从严治党主体责任清单\n"
     "责任主体；主要任务；完成时限\n责任主体: 党组；主要任务: 召开年度民主生活会；完成时限: 按区委通知", False, "plan"),
    # a scheme with its quote: a purchase still to be made, though it names the culture wall
    ("会所廉洁文化墙制作方案及报价.xlsx", "会所二楼廉洁文化墙及制度牌制作方案（报价）\n序号；位置；内容；金额(元)\n"
     "序号: 1；位置: 二楼会议室东墙；内容: 主题文化墙；金额(元): 9800", False, "plan"),
    # rules named as rules, whatever they regulate
    ("学校大宗物资采购管理办法.docx", "柳溪小学大宗物资采购及食堂管理办法\n第一条　单笔1万元以上物资、服务采购，由总务处提出，"
     "校长办公会集体研究。\n第二条　食堂食材配送单位每学年通过比价或公开招标确定，不少于三家报价。", False, "rules"),
    ("内部控制与廉洁风险防控手册（2024版）.pdf", "恒瓷公司内部控制与廉洁风险防控手册（2024版）\n"
     "付款实行经办、部门经理、财务经理、总经理四级审批；5万元以上付款须附验收单。\n建立供应商黑名单，公开招标。", False, "rules"),
    # … but a binder of evidence named for its topics holds minutes and records too
    ("2024年清廉医院建设佐证材料汇编（一）党建和制度.pdf", "院党委会会议记录\n时间：2024年3月12日\n出席：党委委员7人\n"
     "会议研究决定：同意采购CT一台。", False, "minutes"),
    # an application for a title is the family's own claims, however tabular; a relative's-business 申报表 is a register
    ("2026年清廉家庭创建申报表.docx", "清廉家庭创建申报表\n户主：向德林\n家庭成员：张桂英（妻）\n"
     "家庭简介：我家五口同住，婆媳和睦，家里生活简朴，不讲排场。", False, "report"),
    ("亲属经商办企业情况申报表.pdf", "领导干部配偶、子女及其配偶经商办企业情况申报表\n申报人：刘建平\n"
     "亲属姓名：刘晓；经营项目：建材零售；是否与本单位有业务往来：否", False, "ledger"),
    # a named body's meeting record, though its agenda names a 方案
    ("总经理办公会记录（2023年8月7日）.pdf", "大溪竹海景区总经理办公会记录\n议题：2023年度员工奖金分配方案\n"
     "参加：总经理、副总经理、财务部经理", False, "minutes"),
    # a meeting's transcript, whatever it discussed
    ("村两委会议录音整理（2024年5月14日）.docx", "村两委会议录音整理\n书记：今天主要说一下饮水管道的事，\n"
     "主任：那个报价我问了三家，最便宜的是县里那家，3万8。", False, "minutes"),
    # a unit's own work bulletin
    ("工作简报（2025年第7期）.docx", "北辰区城市管理委员会工作简报\n锐意进取　比学赶超", False, "report"),
    # a pledge photographed is still a pledge; a photo of an oath-taking is an event
    ("勤俭节约绿色家庭承诺书（拍照）.jpg", "“勤俭节约绿色家庭”承诺书我家承诺：\n一、婚丧嫁娶不铺张，不比排场；二、光盘行动",
     True, "pledge"),
    ("赵一曼纪念馆守法诚信承诺宣誓.jpg", "守法诚信承诺宣誓仪式 2024年6月21日", True, "photo"),
    ("2月26日全面从严治党工作会议暨责任书签订（签到）.jpg", "签到表会议：2025年全面从严治党暨党风廉政建设工作会议时间：2025年2月26日"
     "下午2：30\n3.局长与各股室、站所负责人签订责任书\n股室/站所 负责人签到\n办公室 刘晓燕刘晓燕", True, "signin"),
    # a book of entries photographed is a register, not a plan (意见) nor a poster
    ("患者意见簿（拍照）.jpg", "忠诚镇卫生院患者意见簿\n2月9日家属：塞200块给他不要，硬退回来了。院办回复：已表扬。", True, "ledger"),
    ("寨老理事会记事本（拍照）.jpg", "寨老理事会记事\n3月6日五组两家争田水口，按了手印。", True, "ledger"),
    # other
    ("d.docx", "随便一些文字", False, "other"),
    ("e.jpg", "", True, "photo"),
]


@pytest.mark.parametrize("name,text,is_image,expected", CASES, ids=[c[0] + "-" + c[3] for c in CASES])
def test_doctype(name, text, is_image, expected):
    r = classify_document(name, text, "ocr" if is_image else "text", is_image)
    assert r.doc_type == expected, (r.doc_type, r.raw_scores, r.reasons)
    assert 0.0 <= r.score <= 1.0 and r.name_zh and r.kind
    if expected != "other":
        assert r.reasons


def test_scanned_minutes_photo_is_minutes():
    text = "会议纪要\n会议时间：2022年9月5日\n主持人：张三\n参会人员：全体班子成员\n记录人：李四\n" + "会议研究了清廉机关建设工作。" * 20
    assert classify_document("IMG_1.jpg", text, "ocr", True).doc_type == "minutes"


def test_name_beats_weak_text_and_is_deterministic():
    r1 = classify_document("签到表.pdf", "廉洁教育 学习", "text", False)
    r2 = classify_document("签到表.pdf", "廉洁教育 学习", "text", False)
    assert r1 == r2 and r1.doc_type == "signin"


def test_kind_of_types():
    assert classify_document("合同.pdf", "采购合同\n甲方：\n乙方：", "text", False).kind == "record"
    assert classify_document("x.docx", "XX制度\n第一条\n第二条", "text", False).kind == "rule"


def test_seed_is_a_plan():
    if not SEED.is_file():
        pytest.skip("seed not available")
    r = classify_document("000_406d525027f223a7.txt", SEED.read_text(encoding="utf-8"), "text", False)
    assert r.doc_type == "plan" and r.kind == "plan"


def test_blank_form_template_is_not_a_record():
    r = classify_document("村级会议记录表（样表）.docx", "村级会议记录表\n会议时间：\n主持人：\n记录人：\n参会人员：")
    assert r.doc_type == "rules" and r.kind == "rule"
    assert "样表" in r.reasons[0]
    assert classify_document("会议记录.docx", "会议记录\n会议时间：2024年3月5日\n主持人：张三").doc_type == "minutes"


def test_a_plan_table_is_a_plan():
    r = classify_document("支部2023年“三会一课”及主题党日计划表.docx",
                          "支部2023年“三会一课”及主题党日计划表\n月份；形式；主题；责任人\n2月；组织生活会；民主评议党员；支部书记")
    assert r.doc_type == "plan"


def test_self_assessment_sheet_stays_a_report():
    """A spreadsheet typed as prose becomes a ledger of entries — but a 自查评分表 holds the unit's own claims."""
    from pipeline.analysis import annotate
    from pipeline.models import Document, Passage

    def sheet(name, *rows):
        return Document(file=name, pages=1, passages=[
            Passage(file=name, page=1, text=t, source="text", index=i, sheet="Sheet1") for i, t in enumerate(rows)])

    claims = annotate(sheet("“双减”工作自查评分表.xlsx", "“双减”工作自查评分表", "项目；分值；自评分；自查情况",
                            "项目: 课后服务；分值: 20；自评分: 20；自查情况: 全覆盖"))
    assert (claims.doc_type, claims.doc_kind) == ("report", "report")
    entries = annotate(sheet("廉洁风险排查情况.xlsx", "2023年廉洁风险排查情况", "岗位；风险点；防控措施",
                             "岗位: 财务；风险点: 虚报冒领；防控措施: 双人复核"))
    assert entries.doc_type == "ledger"


def test_blank_forms_by_name_or_by_empty_answer_boxes():
    from classifiers.doctype import is_blank_form
    survey = ("春雷小学课后服务家长满意度调查表\n学生姓名： 班级：\n1.您的孩子是否参加学校课后服务？口是口否\n"
              "2.课后服务收费是否按公示标准收取？口是口否\n3.是否有教师组织有偿补课？口没有口有\n家长签字： 年月日")
    assert is_blank_form("课后服务家长满意度调查表.jpg", survey)
    assert not is_blank_form("课后服务家长满意度调查表.jpg", survey.replace("口是口否", "☑是口否", 1))   # filled in
    assert is_blank_form("公务员年度考核登记表（空白）.docx", "姓名：\n个人总结（廉洁自律、勤勉尽责）：")
    assert not is_blank_form("公务员年度考核登记表.docx", "姓名：张振华\n个人总结：全年完成项目评审42件")


def test_a_workbook_of_titles_and_column_names_only_is_a_blank_form():
    """Every sheet a title and a header row, no entry: a 台账 template (dev17: labelled missing)."""
    from pipeline.analysis import annotate
    from pipeline.models import Document, Passage

    def workbook(*sheets):
        passages = [Passage(file="投诉处理台账.xlsx", page=i + 1, text=t, source="text", index=n, sheet=name)
                    for i, (name, rows) in enumerate(sheets) for n, t in enumerate(rows)]
        return annotate(Document(file="投诉处理台账.xlsx", pages=len(sheets), passages=passages))

    template = workbook(("投诉登记", ["医院医疗服务投诉登记台账（2025年）", "序号；受理日期；投诉人；投诉科室；投诉内容；处理结果"]),
                        ("汇总", ["投诉汇总", "月份；受理；办结；满意"]))
    assert template.blank_form
    filled = workbook(("投诉登记", ["医院医疗服务投诉登记台账（2025年）", "序号；受理日期；投诉人；投诉科室；投诉内容；处理结果",
                                    "序号: 1；受理日期: 2025-03-02；投诉人: 王某；投诉科室: 骨科；投诉内容: 候诊久；处理结果: 已答复"]))
    assert not filled.blank_form
    headerless = workbook(("登记", ["2025-03-02；王某；骨科；候诊久；已答复", "2025-03-09；李某；儿科；收费疑问；已退费"]))
    assert not headerless.blank_form


def test_a_chat_export_is_a_record_of_other_type_whatever_it_talks_about():
    """A work group's talk of 党课 and 讲解员 is no training record: its type is 其他, its passages dated records —
    so a conduct criterion (jingqu.2) still reads it."""
    from pipeline.analysis import annotate
    from pipeline.models import Document, Passage
    threads = ["景区工作群 聊天记录（导出）",
               "2025-03-28 21:10 潘福宁（主任）：这个月主题党日又没搞成，拖到淡季再说。",
               "2025-05-02 14:36 潘妹珍（游客中心）：有个游客投诉拍照被收了20块。\n2025-05-02 15:20 粟秀兰：已经退给游客了。",
               "2025-06-22 18:40 潘福宁（主任）：七一党课还是排不出时间，讲解员培训等9月份。"]
    doc = annotate(Document(file="景区工作群聊天记录.txt", pages=1, passages=[
        Passage(file="景区工作群聊天记录.txt", page=1, text=t, source="text", index=i) for i, t in enumerate(threads)]))
    assert (doc.doc_type, doc.doc_kind) == ("other", "record")
    minutes = annotate(Document(file="党课记录.docx", pages=1, passages=[
        Passage(file="党课记录.docx", page=1, text=t, source="text", index=i)
        for i, t in enumerate(["党课记录", "时间：2025年7月1日 参加：党员23人", "书记讲党课《守好纪律底线》"])]))
    assert minutes.doc_type != "other"


def test_a_chat_screenshot_is_a_chat_record_not_a_poster():
    from pipeline.analysis import annotate
    from pipeline.models import Document, Passage
    texts = ["17:52 4G76%", "加榜乡纪委工作群(6)", "5月30日晚上21:12", "端午节前查公车，8台公务用车都在，已经封存。"]
    shot = annotate(Document(file="微信图片_20250602.jpg", pages=1, passages=[
        Passage(file="微信图片_20250602.jpg", page=1, text=t, source="ocr", index=i) for i, t in enumerate(texts)]))
    assert (shot.doc_type, shot.doc_kind) == ("other", "record")
    board = annotate(Document(file="廉洁文化墙.jpg", pages=1, passages=[
        Passage(file="廉洁文化墙.jpg", page=1, text=t, source="ocr", index=i) for i, t in enumerate(["清风廉韵", "廉洁自律 守住底线"])]))
    assert board.doc_type == "photo"


def test_a_list_of_duties_is_a_plan_whatever_the_file_is_called():
    """A 主体责任清单 assigns duties and deadlines: work still to do, even under a meaningless file name."""
    text = ("中共某县市场监督管理局党组2024年全面从严治党主体责任清单\n（2024年3月8日党组会议通过）\n责任主体；责任内容；完成时限\n"
            "责任主体: 党组书记；责任内容: 召开年度民主生活会，开展批评和自我批评；完成时限: 年底前\n"
            "责任主体: 班子成员；责任内容: 落实“一岗双责”，每半年开展1次廉政谈话；完成时限: 6月、12月")
    assert classify_document("新建 Microsoft Word 文档.docx", text).doc_type == "plan"


def test_a_titles_trailing_note_does_not_hide_its_kind():
    """"医药代表接待登记（2024年）" is a 登记 as "医药代表接待登记" is: a note in brackets at the end is no part of the kind."""
    text = "医药代表接待登记（2024年）\n日期；代表姓名；备案号；接待人\n日期: 2024-03-05；代表姓名: 王某；备案号: B-0031；接待人: 药剂科李某"
    assert classify_document("扫描件1.pdf", text).doc_type == "ledger"


def test_a_photographed_form_with_every_field_empty_is_a_blank_form():
    """A sign-in sheet photographed before anyone filled it in: "培训时间：—年月日", "培训地点：", only its column names and
    row numbers. One filled field, or one signed row, makes it a record."""
    from pipeline.analysis import annotate
    from pipeline.models import Document, Passage

    def sheet(*lines):
        name = "讲解员服务能力培训签到表.jpg"
        return annotate(Document(file=name, pages=1, passages=[
            Passage(file=name, page=1, text=t, source="ocr", index=i) for i, t in enumerate(lines)]))

    head = ["2025年讲解员及一线员工服务能力培训签到表", "培训时间：—年月日", "培训地点：", "培训内容：", "授课人：", "序号 姓名 岗位 签名"]
    assert sheet(*head, "1", "2", "3").blank_form
    assert not sheet(*head[:2], "培训地点：游客中心二楼", *head[3:], "1", "2").blank_form
    assert not sheet(*head, "1 王芳 讲解员 王芳", "2").blank_form


def test_the_title_area_ends_at_the_first_numbered_item():
    """"…财务管理制度" whose third rule says "比价记录附在报销单后" is rules: the numbered items are its body, not a
    title that names a 比价记录."""
    text = ("阳坡村村级财务管理制度\n一、村级财务实行“村帐乡代管”，报账员每月到镇经管站报帐。\n"
            "二、村级开支实行联审联批：经手人签字、监委会审核、村主任审批；5000元以上须经两委会研究。\n"
            "三、单笔1万元以上的物资采购须3家以上比价，比价记录附在报销单后。\n阳坡村两委　2024年2月修订")
    assert classify_document("财务制度2024.docx", text).doc_type == "rules"
