"""Matching rules on small in-memory units (keyword mode: no classifier, so each rule is seen alone)."""
from __future__ import annotations

import pytest

from checklists import load_checklists
from pipeline.analysis import annotate
from pipeline.matching import Matcher, MatchConfig
from pipeline.models import Document, Passage
from pipeline.status import decide


def _doc(name: str, *lines: str) -> Document:
    doc = Document(file=name, pages=1, passages=[
        Passage(file=name, page=1, text=t, source="text", index=i) for i, t in enumerate(lines)])
    return annotate(doc)


def _status(unit_type: str, cid: str, docs: list[Document]) -> tuple[str, str]:
    standards = load_checklists()
    config = MatchConfig.load()
    matched = Matcher(standards[unit_type], standards, config, None, "keyword").match(docs)
    criterion = next(c for c in standards[unit_type].criteria if c.id == cid)
    result = decide(criterion, [m for m in matched.matches if m.criterion == cid], matched.set_aside, config, [])
    return result.status, result.reason


def test_plan_future_tense_is_paper_not_a_deferral():
    plan = _doc("2025年度党建工作计划.docx", "2025年度党建工作计划",
                "商会党支部拟于2025年3月开展主题党日活动，计划每季度上一次党课，组织党员集中学习。",
                "拟于2025年6月配备纪律委员，开展廉洁教育。")
    status, reason = _status("shanghui", "shanghui.1", [plan])
    assert status == "partial", reason


@pytest.mark.parametrize("name,lines", [
    # a notice whose own supplement puts the training off: the notice's plan fell through
    ("关于举办讲解员综合服务能力培训的通知.doc",
     ["关于举办2025年讲解员综合服务能力培训的通知",
      "为提升讲解员服务品质，公司定于2025年11月18日举办讲解员综合服务能力培训，培训结束后开展“优秀讲解员”评选。",
      "【补充通知】因客流高峰人员无法抽调，原定培训延期至2026年3月举行，“优秀讲解员”评选同步顺延。"]),
    # a plan adjusted item by item: put off to next year, suspended
    ("2025年企业文化建设工作安排.docx",
     ["2025年企业文化建设工作安排（调整）", "根据年初计划，现将调整情况说明如下：",
      "一、厂区廉洁文化宣传栏：原计划增设宣传栏6块，因厂区道路改造，延至2026年实施。",
      "二、《华盛人》内刊：因编辑人员离职，2025年暂停出版，待人员到位后恢复。"]),
])
def test_a_plan_that_puts_itself_off_is_a_deferral_not_paper(name, lines):
    cid = "jingqu.4" if "讲解员" in name else "qiye.4"
    status, reason = _status(cid.split(".")[0], cid, [_doc(name, *lines)])
    assert status == "missing" and "推迟" in reason, reason


@pytest.mark.parametrize("lines,expected", [
    # a board about safety and quality: the board is named, nothing of integrity is on it
    (["厂区宣传栏", "安全生产 质量第一"], "missing"),
    # the same board carrying integrity content
    (["厂区宣传栏", "崇廉尚洁 廉洁从业 清风华盛"], "evidenced"),
])
def test_a_channel_is_evidence_of_culture_only_with_integrity_content(lines, expected):
    status, reason = _status("qiye", "qiye.4", [_doc("企业文化/厂区宣传栏.jpg", *lines)])
    assert status == expected, reason


def test_a_flag_raising_on_another_theme_is_no_integrity_lesson():
    report = _doc("2025年10月德育工作月报.txt", "松鹤实验中学2025年10月德育工作月报",
                  "1. 升旗仪式4次：10/8 国庆主题“我和我的祖国”；10/13 秋季运动会动员；10/20 消防安全。",
                  "2. 10/20 各班召开“安全伴我行”主题班会，共32节。")
    assert _status("xuexiao", "xuexiao.5", [report])[0] == "missing"
    lesson = _doc("2025年10月德育工作月报.txt", "松鹤实验中学2025年10月德育工作月报",
                  "1. 升旗仪式4次：10/13 国旗下讲话“清廉伴我成长”，全校1,240名师生参加。",
                  "2. 10/20 各班召开“清廉伴我成长”主题班会，共32节。")
    assert _status("xuexiao", "xuexiao.5", [lesson])[0] != "missing"


def test_a_photographed_case_file_dealt_with_is_no_education_photo():
    """A conduct criterion (jiguan.6: 未出现违纪违法) is not shown by photos of education, but a photographed 督办单 whose
    办理情况 records the case dealt with (诫勉, 追缴) is the record of 四风纠治."""
    photo = _doc("督查/区纪委监委节日纠治“四风”督办单.jpg", "天津市河西区纪委监委督办单", "编号：西纪督（2025）第23号",
                 "督办事项：中秋国庆节日期间，区纪委监委明察暗访组发现公务用车停放，经核实系副所长私自驾驶公务用车办理私事。",
                 "办理情况（被督办单位填写）：10月9日局党组会研究给予诫勉处理，追缴油费、通行费386元；对全局14辆公务用车开展专项检查。",
                 "河西区市场监督管理局党组（盖章）2025年10月20日")
    status, reason = _status("jiguan", "jiguan.6", [photo])
    assert status == "evidenced", reason


def test_a_superiors_proposal_answered_by_not_now_is_denied():
    minutes = _doc("景区管理处主任办公会议纪要（2025-06-12）.docx", "景区管理处主任办公会议纪要",
                   "时间：2025年6月12日；地点：管理处会议室；出席：王海、陈丽、林峰",
                   "县文旅局去年提出结合闽东红色资源和廉政文化设计清廉主题线路。因县里整体规划尚未下达，"
                   "景区暂不单独设计，拟于2026年结合规划推出。")
    status, reason = _status("jingqu", "jingqu.3", [minutes])
    assert status == "missing", reason


def test_a_family_meeting_on_caring_for_a_parent_shows_filial_care():
    minutes = _doc("家庭会议决定事项（父亲住院后的照料安排）.txt", "家庭会议决定事项", "时间：2024年10月6日晚", "地点：旧州老家",
                   "参加：黄德仁、黄绍明、农丽华、大姐黄秀梅、二哥黄绍光", "事由：父亲9月27日住院，出院后怎么照料。", "决定：",
                   "1. 父亲出院后每周三去镇卫生院复查血压，轮流陪同：第一周大姐，第二周二哥。",
                   "2. 父亲每月生活费三兄妹各出500元，每月5日前转入父亲存折。", "记录：农丽华")
    status, reason = _status("jiating", "jiating.2", [minutes])
    assert status == "evidenced" and "孝老爱亲" in reason, reason


def test_a_project_approval_citing_its_dated_management_meeting_shows_collective_decision():
    form = _doc("游船码头改造工程审批及合同.pdf", "泉林文化旅游开发有限公司项目立项审批表", "项目名称：游船码头改造工程",
                "预算金额：46.8万元；资金来源：公司自有资金", "实施方式：邀请3家单位比选",
                "比选结果：济宁市泓源建筑工程有限公司45.2万元（最低）",
                "总经理办公会意见：经2024年3月18日总经理办公会（2024年第4次）研究，同意立项实施。总经理：吴海涛2024年3月18日")
    _status_, reason = _status("jingqu", "jingqu.5", [form])
    assert "条款“三重一大集体决策”有记录佐证" in reason, reason


def test_deferred_in_a_report_does_not_count():
    report = _doc("2024年工作总结.txt", "2024年工作总结",
                  "三、2025年打算：一季度开展主题党日活动，年底前完成党课和集中学习安排。")
    status, reason = _status("shanghui", "shanghui.1", [report])
    assert status == "missing", reason


def test_admitted_shortcoming_is_not_evidence():
    report = _doc("2022年度医院工作总结.docx", "2022年度医院工作总结",
                  "存在问题：收受红包、回扣问题的长效治理机制有待建立。")
    status, _ = _status("yiyuan", "yiyuan.4", [report])
    assert status == "missing"


@pytest.mark.parametrize("name,lines,expected", [
    # a lecture about 亲清政商 is education, not proof of clean business conduct
    ("活动/廉洁文化讲座签到表.xlsx", ["“亲清”政商关系与廉洁经营专题讲座 签到表",
                                "序号；姓名；单位；签名", "1；王立新；温州商会；王立新", "2；赵刚；温州商会；赵刚"], "missing"),
    # the conduct itself on record: a credit rating and a 政企座谈会
    ("合规/2024年纳税信用及政企座谈情况.pdf",
     ["2024年纳税信用及政企座谈情况", "2024年5月，会员企业纳税信用等级评价结果公布，12家会员企业纳税信用为A级。",
      "2024年6月12日召开政企座谈会，18家会员企业参加，签订亲清政商交往承诺。"], "evidenced"),
])
def test_conduct_criteria_need_conduct_records(name, lines, expected):
    status, reason = _status("shanghui", "shanghui.5", [_doc(name, *lines)])
    assert status == expected, reason


def test_forwarded_notice_is_paper_and_says_so():
    notice = _doc("转发关于严禁中小学在职教师有偿补课的通知.pdf",
                  "关于转发《关于严禁中小学在职教师有偿补课的通知》的通知",
                  "现将上级《关于严禁中小学在职教师有偿补课的通知》转发给你们，请认真贯彻落实。",
                  "严禁在职教师组织、推荐和诱导学生参加有偿补课，严禁违规收费。")
    status, reason = _status("xuexiao", "xuexiao.3", [notice])
    assert status == "partial", reason
    assert "系转发上级文件" in reason


def test_report_sections_shortcomings_and_plans_do_not_count():
    report = _doc("2024年下半年工作总结.txt", "杨坪社区2024年下半年工作总结",
                  "一、主要工作", "完成文化活动中心改造，开展防汛巡查12次。",
                  "二、存在不足", "1.移风易俗宣传工作方法简单，大操大办现象仍有发生。",
                  "三、2025年打算", "上半年完成居民公约修订，开展“零彩礼”“婚事新办”宣传。",
                  "杨坪社区居委会 2025年1月6日")
    status, reason = _status("cunju", "cunju.5", [report])
    assert status == "missing", reason


def test_a_bare_heading_is_not_evidence():
    plan = _doc("2025年度工作计划.docx", "永定区温州商会2025年度工作计划", "一、党的建设", "二、阵地建设",
                "三、会员服务", "全年走访会员企业不少于30家。")
    status, reason = _status("shanghui", "shanghui.2", [plan])
    assert status == "missing", reason


def test_titled_report_whose_body_denies_it_is_missing():
    note = _doc("文旅融合工作情况说明.docx", "关于文旅融合工作的情况说明",
                "我景区清廉主题旅游线路尚在谋划中，暂未形成；红色资源和廉政文化资源的挖掘工作拟于2023年开展。",
                "索溪湖景区综合办公室 2022年12月1日")
    status, reason = _status("jingqu", "jingqu.3", [note])
    assert status == "missing", reason


def test_one_sentence_in_a_general_plan_is_a_passing_mention():
    plan = _doc("清廉建设工作方案.pdf", "溪峰旅游开发有限公司清廉建设工作方案",
                "一、总体要求", "坚持党的领导，落实全面从严治党主体责任。",
                "二、重点任务", "（一）完善内控制度。修订财务报销、采购管理等制度。",
                "（二）营造清廉氛围。利用宣传栏、微信公众号等平台宣传清廉文化。")
    status, reason = _status("qiye", "qiye.4", [plan])
    assert status == "missing", reason
    assert "零星提及" in reason and "未找到任何" not in reason



def test_ledger_row_whose_status_says_not_done_is_set_aside():
    sheet = Document(file="清廉家风主题活动开展情况.xlsx", pages=1, passages=[
        Passage(file="清廉家风主题活动开展情况.xlsx", page=1, sheet="Sheet1", source="text", index=i, text=t)
        for i, t in enumerate(["清廉家风主题活动开展情况",
                               "序号: 1；活动: “晒家训、讲家风”故事会；原计划时间: 2023年5月；完成情况: 未开展（场地改造）",
                               "序号: 2；活动: 家风家训征集；原计划时间: 2023年9月；完成情况: 推迟到明年"])])
    status, reason = _status("cunju", "cunju.5", [annotate(sheet)])
    assert status == "missing", reason


def test_integrity_posters_do_not_evidence_a_can_do_climate():
    photo = _doc("清廉文化长廊.jpg", "公生明，廉生威。", "清廉医保守护群众“看病钱”“救命钱”")
    status, reason = _status("jiguan", "jiguan.5", [photo])
    assert status == "missing", reason


def test_own_plan_restating_the_standard_is_paper_but_a_filed_copy_of_the_standard_is_not():
    text = "严格执行“三重一大”集体决策制度和“一把手”末位表态制度，“三公”经费使用规范，廉政风险防控机制健全。"
    plan = _doc("清廉机关建设工作方案.docx", "清廉机关建设工作方案", "一、工作目标", text,
                "二、重点任务", "健全廉政风险防控机制，规范“三公”经费使用，落实“三重一大”集体决策。")
    status, reason = _status("jiguan", "jiguan.2", [plan])
    assert status == "partial", reason
    standards = load_checklists()
    copy = _doc("清廉机关创建标准.txt", *[c.text for c in standards["jiguan"].criteria])
    status, reason = _status("jiguan", "jiguan.2", [copy])
    assert status == "missing", reason


def test_photo_of_a_dated_notice_is_a_record():
    photo = _doc("实干之星评选结果公示.jpg", "“实干之星”评选结果公示",
                 "经股室推荐、干部职工测评、中心支委会研究，第二季度“实干之星”评选结果如下：",
                 "郝娟（项目管理股）：牵头完成衔接资金项目验收", "公示期：2024年7月3日至7月9日。")
    status, reason = _status("jiguan", "jiguan.5", [photo])
    assert status != "missing", reason
    assert "记录" in reason and "仅见于方案" not in reason


def test_photo_of_a_board_reproducing_the_standard_is_not_evidence():
    standards = load_checklists()
    lines = ["清廉机关创建标准"] + [c.text[:26] for c in standards["jiguan"].criteria] + ["（摘自区委清廉办印发文件）"]
    photo = _doc("05_走廊展板.jpg", *lines)
    status, reason = _status("jiguan", "jiguan.4", [photo])
    assert status == "missing", reason


def test_a_contact_line_is_not_evidence():
    photo = _doc("公开栏照片.jpg", "村务公开栏", "监督电话：0743-4xxxxx8（村务监督委员会）")
    standards = load_checklists()
    matched = Matcher(standards["cunju"], standards, MatchConfig.load(), None, "keyword").match([photo])
    assert not [m for m in matched.matches if "监督电话" in m.passage.text]


def test_a_poster_announcing_a_coming_event_is_not_evidence_of_it():
    standards = load_checklists()
    photo = _doc("公众号推送截图.png", "预告“亲清同行”廉洁文化讲座暨守法诚信承诺宣誓活动即将举办")
    matched = Matcher(standards["shanghui"], standards, MatchConfig.load(), None, "keyword").match([photo])
    assert not [m for m in matched.matches if "即将举办" in m.passage.text and m.counts_as == "record"]


class _LowScoreClassifier:
    """Scores every criterion 0.02: below the veto line for each passage."""

    def predict(self, texts, criterion_ids):
        from types import SimpleNamespace

        return [SimpleNamespace(criteria={c: 0.02 for c in criterion_ids}, kind=None) for _ in texts]


@pytest.mark.parametrize("strong_veto,expected", [(0.0, True), (0.1, False)])
def test_classifier_veto_spares_pattern_hits(strong_veto, expected):
    """"石磊…依次发表意见…杨光明最后发言" is the checklist's own pattern for 末位表态: with the veto scoped to
    synonyms a classifier that has not seen this voice cannot throw it away."""
    standards = load_checklists()
    config = MatchConfig.load()
    config.thresholds["classifier_veto_strong"] = strong_veto
    minutes = _doc("院党委会议纪要.pdf", "院党委会议纪要", "时间：2023年6月26日上午",
                   "粟海涛、吴晓兰、龙建平依次发表意见，均同意公开招标。杨光明最后发言：同意公开招标。")
    matched = Matcher(standards["yiyuan"], standards, config, _LowScoreClassifier(), "full").match([minutes])
    hit = any(m.criterion == "yiyuan.1" and "yiyuan.1.2" in m.indicators for m in matched.matches)
    assert hit is expected


def test_numbered_pledge_items_are_not_bare_headings():
    """"二、不欠薪：按时足额支付农民工工资；" is an item with content; "二、阵地建设" alone is a heading."""
    pledge = _doc("守法经营承诺书.pdf", "守法经营承诺书", "本人郑重承诺：一、不行贿：不向公职人员输送利益；",
                  "二、不欠薪：按时足额支付农民工工资；", "三、不逃税：依法纳税，不虚开发票；", "承诺人：刘正清 2023年3月15日")
    status, reason = _status("qiye", "qiye.5", [pledge])
    assert status == "partial", reason


def _decide_with_flag(unit_type: str, cid: str, doc: Document, rule: str) -> tuple[str, str]:
    from pipeline.models import Flag

    standards = load_checklists()
    config = MatchConfig.load()
    matched = Matcher(standards[unit_type], standards, config, None, "keyword").match([doc])
    criterion = next(c for c in standards[unit_type].criteria if c.id == cid)
    flag = Flag(rule=rule, severity="medium", file=doc.file, page=1, text="", message=rule)
    result = decide(criterion, [m for m in matched.matches if m.criterion == cid], matched.set_aside, config, [flag])
    return result.status, result.reason


VISITS = ["群众来访接待登记簿", "日期；来访人；事由；接待人；处理结果",
          "日期: 2023-03-14；来访人: 马某某（四组）；事由: 林地边界纠纷；接待人: 马新华；处理结果: 组织双方现场调解，签订协议",
          "日期: 2023-06-08；来访人: 杨某（二组）；事由: 邻里矛盾纠纷；接待人: 马新华；处理结果: 入户调处化解",
          "日期: 2023-10-19；来访人: 马某（六组）；事由: 群众诉求自来水停水；接待人: 杨立；处理结果: 当日办结"]


def test_another_units_register_counts_for_nothing():
    own = _doc("群众来访接待登记.docx", *VISITS)
    assert _status("cunju", "cunju.6", [own])[0] == "evidenced"
    status, reason = _decide_with_flag("cunju", "cunju.6", _doc("群众来访接待登记.docx", *VISITS), "other-unit")
    assert status == "missing" and "疑似其他单位材料" in reason


def test_out_of_period_record_counts_for_nothing_but_an_older_rule_stays_paper():
    status, reason = _decide_with_flag("cunju", "cunju.6", _doc("群众来访接待登记.docx", *VISITS), "out-of-period")
    assert status == "missing" and "超出考核期" in reason
    rule = _doc("村级信访接待工作制度.docx", "村级信访接待工作制度", "一、村两委成员轮流坐班接待来访群众，群众诉求有人管。",
                "二、矛盾纠纷由调解委员会及时调处化解，初信初访当场登记、限期办结。")
    assert rule.doc_kind == "rule"
    assert _decide_with_flag("cunju", "cunju.6", rule, "out-of-period")[0] == "partial"


def test_a_notice_calling_an_event_is_paper_even_when_the_sentence_goes_on():
    notice = _doc("关于组织会员企业参观古田会议纪念馆的通知.pdf", "关于组织会员企业参观古田会议纪念馆开展廉洁教育的通知",
                  "各会员企业：",
                  "为深入开展清廉商会建设，商会定于2024年12月20日组织会员企业负责人赴古田会议纪念馆参观学习，并观看警示教育片。现将有关事项通知如下：",
                  "一、参加人员：理事以上会员企业负责人，名额40人。")
    assert notice.doc_kind == "plan"
    status, reason = _status("shanghui", "shanghui.3", [notice])
    assert status == "partial", reason
    assert "不计为佐证" not in reason


def test_a_photographed_poster_of_a_coming_lecture_is_an_announcement():
    poster = _doc("廉洁从医专题讲座海报.jpg", "廉洁从医守护初心专题讲座主讲：县纪委监委派驻第三纪检监察组",
                  "时间：将于2023年11月16日（星期四）下午3:00举办", "地点：门诊六楼学术厅", "对象：全院医护人员")
    status, reason = _status("yiyuan", "yiyuan.5", [poster])
    assert status == "partial", reason
    held = _doc("廉洁从医专题讲座现场.jpg", "廉洁从医守护初心专题讲座主讲：县纪委监委派驻第三纪检监察组",
                "2023年11月16日 门诊六楼学术厅 全院医护人员86人参加")
    standards = load_checklists()
    matched = Matcher(standards["yiyuan"], standards, MatchConfig.load(), None, "keyword").match([held])
    assert {m.counts_as for m in matched.matches if m.criterion == "yiyuan.5"} == {"record"}


def test_a_posts_byline_is_not_evidence_but_a_column_it_runs_is():
    standards = load_checklists()
    post = _doc("中高层廉洁从业培训.txt", "【梅山建工】以案为鉴守底线 廉洁从业促发展", "（“梅山建工”公众号 2023年9月15日推送）",
                "公司在公众号开设“清廉梅山”专栏，全年推送廉洁文化文章36篇。")
    matched = Matcher(standards["qiye"], standards, MatchConfig.load(), None, "keyword").match([post])
    texts = {m.passage.text for m in matched.matches if m.criterion == "qiye.4"}
    assert "（“梅山建工”公众号 2023年9月15日推送）" not in texts
    assert "公司在公众号开设“清廉梅山”专栏，全年推送廉洁文化文章36篇。" in texts


def test_an_honour_from_another_year_is_set_aside_for_this_period():
    standards = load_checklists()
    form = _doc("清廉家庭申报表.docx", "清廉家庭申报表", "4．工作表现。徐建平2022年被评为衢江区“优秀公务员”。")
    m23 = Matcher(standards["jiating"], standards, MatchConfig.load(), None, "keyword", (2023, 2023)).match([form])
    assert not [m for m in m23.matches if "优秀公务员" in m.passage.text]
    assert any(s.why == "out-of-period" for s in m23.set_aside)
    m22 = Matcher(standards["jiating"], standards, MatchConfig.load(), None, "keyword", (2022, 2022)).match([form])
    assert [m for m in m22.matches if "优秀公务员" in m.passage.text]


class _WordClassifier:
    """Scores a criterion 0.95 for any text containing `word`, else 0.01: stands in for a model that learned
    "培训" means training done."""

    def __init__(self, criterion: str, word: str) -> None:
        self.criterion, self.word = criterion, word
        self.seen: list[str] = []

    def predict(self, texts, criterion_ids):
        from types import SimpleNamespace

        self.seen.extend(texts)
        return [SimpleNamespace(criteria={c: 0.95 if c == self.criterion and self.word in t else 0.01
                                          for c in criterion_ids}, kind=None) for t in texts]


def test_classifier_scores_only_what_a_passage_affirms():
    """"讲解员队伍流动较大，本年度未单独组织讲解员培训": the classifier sees the affirmed clause alone, so the
    negated training cannot make the passage a training record; the passage is set aside as negated."""
    standards = load_checklists()
    config = MatchConfig.load()
    clf = _WordClassifier("jingqu.4", "培训")
    report = _doc("2024年景区工作总结.txt", "2024年景区工作总结", "四、队伍建设。景区现有员工46人，本年度未单独组织员工培训。")
    matched = Matcher(standards["jingqu"], standards, config, clf, "full").match([report])
    assert any(t.endswith("景区现有员工46人") for t in clf.seen)     # the remainder was scored on its own
    assert not [m for m in matched.matches if m.criterion == "jingqu.4"]
    assert any(s.criterion == "jingqu.4" and s.why == "negated" for s in matched.set_aside)


def test_signing_pledges_is_a_pledge_not_a_record_of_the_conduct():
    """"组织会员企业签订承诺书86份" shows pledges, however well counted; a decision list that also sets up a
    system keeps its record, and a clause asking for the signing itself is shown by it."""
    summary = _doc("2024年商会工作总结.docx", "2024年商会工作总结", "（三）诚信守法。2024年3月组织会员企业签订《诚信守法经营承诺书》86份。")
    standards = load_checklists()
    config = MatchConfig.load()
    matched = Matcher(standards["shanghui"], standards, config, None, "keyword").match([summary])
    kinds = {m.counts_as for m in matched.matches if m.criterion == "shanghui.5" and "承诺书" in m.passage.text}
    assert kinds == {"paper"}
    minutes = _doc("党支部会议记录（2024年2月）.docx", "党支部会议记录（2024年2月）", "时间：2024年2月20日；参加：支委5人",
                   "1．建立“支委会前置研究重大经营事项”制度；2．设立党员先锋岗5个；3．采购部门负责人3月底前签订廉洁责任书。")
    matched = Matcher(standards["qiye"], standards, config, None, "keyword").match([minutes])
    assert any(m.criterion == "qiye.1" and m.counts_as == "record" and "先锋岗" in m.passage.text
               for m in matched.matches)
    agreement = _doc("供应商廉洁协议签订台账.xlsx", "供应商廉洁协议签订台账",
                     "日期: 2024-03-02；供应商: 龙岩某某医药公司；事项: 签订廉洁购销协议书；经办: 药剂科")
    matched = Matcher(standards["yiyuan"], standards, config, None, "keyword").match([agreement])
    assert any(m.criterion == "yiyuan.2" and m.counts_as == "record" for m in matched.matches)


def test_a_notice_board_is_村规民约_publicity_only_next_to_the_村规民约():
    board = _doc("路灯改造四议两公开记录.pdf", "路灯改造四议两公开记录",
                 "步骤: 决议公开；时间: 2024-04-15至04-21；地点: 社区公示栏；结果: 无异议")
    status, reason = _status("cunju", "cunju.5", [board])
    assert status == "missing", reason
    posted = _doc("村规民约公示.jpg", "2024年3月5日，修订后的村规民约在村委会公示栏张贴公示，并通过“村村响”广播三次。")
    standards = load_checklists()
    matched = Matcher(standards["cunju"], standards, MatchConfig.load(), None, "keyword").match([posted])
    assert any(m.criterion == "cunju.5" and "cunju.5.2" in m.indicators for m in matched.matches)


def test_a_plans_heading_run_into_its_first_sentence_still_heads_the_section():
    report = _doc("2024年干部选任及交流工作情况报告.txt", "2024年干部选任及交流工作情况报告",
                  "一、基本情况。今年未开展科级干部选拔任用。",
                  "四、下步打算。严格执行干部选拔任用工作条例，坚持好干部标准，2025年完成空缺职位选任和基层所长交流。")
    status, reason = _status("jiguan", "jiguan.3", [report])
    assert status == "missing", reason


def test_a_design_rendering_is_not_the_gallery():
    from classifiers.negation import negation_status

    assert negation_status("区域一：廉洁从医誓言墙（拟设于门诊大厅东侧）").deferred
    rendering = _doc("“清风妇幼”廉洁文化长廊（设计效果图）.jpg", "“清风妇幼”廉洁文化长廊设计效果图",
                     "区域二：医疗卫生行业典型案例警示区", "区域三：廉洁从医誓言墙")
    assert rendering.doc_kind == "plan"


class _ZeroClassifier:
    def predict(self, texts, criterion_ids):
        from types import SimpleNamespace

        return [SimpleNamespace(criteria={c: 0.0 for c in criterion_ids}, kind=None) for _ in texts]


def test_a_passage_hitting_several_clauses_is_not_vetoed_by_the_classifier():
    """A village summary's 群众工作 paragraph names visits, disputes and their settlement: terms of three clauses
    of cunju.6 cannot be another sense of the words, whatever the classifier says of the long passage."""
    standards = load_checklists()
    summary = _doc("2024年村工作总结.txt", "2024年村工作总结",
                   "二、群众工作。每周一上午支书、主任轮流接待，全年接待群众来访52人次，均已回复。"
                   "调处矛盾纠纷6起：3月9日宅基地界址纠纷，现场丈量后签调解协议。")
    matched = Matcher(standards["cunju"], standards, MatchConfig.load(), _ZeroClassifier(), "full").match([summary])
    assert any(m.criterion == "cunju.6" for m in matched.matches)


def test_synonyms_of_several_clauses_are_not_vetoed_either():
    """A 红色走读 ledger row names 入党积极分子, 重温入党誓词 — synonyms of three of jingqu.1's clauses, none of its
    keywords: still no other sense of the words. One clause's synonym alone stays open to the veto."""
    standards = load_checklists()
    row = _doc("党员“红色走读”活动记录.docx", "翠微岭景区党支部“红色走读”活动记录",
               "时间: 2024-03-22；地点: 瑞金叶坪、沙洲坝；参加: 党员14人、入党积极分子3人；"
               "内容: 重走“红井”路，学习苏区干部“自带干粮去办公”；在沙洲坝重温入党誓词")
    one = _doc("景区志愿服务登记.docx", "景区志愿服务登记", "时间: 2024-05-01；内容: 黄金周保障，游客咨询3200人次")
    matcher = Matcher(standards["jingqu"], standards, MatchConfig.load(), _ZeroClassifier(), "full")
    assert any(m.criterion == "jingqu.1" for m in matcher.match([row]).matches)
    assert not any(m.criterion == "jingqu.1" for m in matcher.match([one]).matches)


def test_one_claim_in_a_summary_is_a_passing_mention_not_a_partial_showing():
    """A 总结's single sentence on a topic ("依托…设计的清廉主题游览线路方案已报县文旅局") is a claim: missing, however
    strongly keywords and classifier agree; a plan titled for it would be a partial showing."""
    report = _doc("2024年景区工作总结.txt", "2024年景区工作总结", "一、基本情况。全年接待游客32万人次。",
                  "三、文旅融合。依托抗战文化设计的2条清廉主题游览线路方案已报县文旅广电局，8月完成线路踏勘。")
    standards = load_checklists()
    config = MatchConfig.load()
    matched = Matcher(standards["jingqu"], standards, config, _WordClassifier("jingqu.3", "文旅"), "full").match([report])
    assert any(m.method == "both" and m.score >= 0.9 for m in matched.matches if m.criterion == "jingqu.3")
    criterion = next(c for c in standards["jingqu"].criteria if c.id == "jingqu.3")
    result = decide(criterion, [m for m in matched.matches if m.criterion == "jingqu.3"], matched.set_aside, config, [])
    assert result.status == "missing", result.reason


def test_a_bulletin_titled_for_a_quarter_records_its_counted_facts():
    """"2024年第三季度…简报" has no 落款 date, but its period is in the title: "退还红包2起（1,000元、500元）" is a
    record of what was done that quarter."""
    bulletin = _doc("2024年第三季度患者满意度及投诉处理情况简报.txt", "【简报】2024年第三季度患者满意度及投诉处理情况",
                    "▲ 红包：三季度医务人员主动登记退还红包2起（产科1起1,000元、儿科1起500元），已在“拒收红包”登记系统备案。",
                    "▲ 医保：配合区医保局自查，发现串换项目收费1项（金额3,480元），已全额退回医保基金并扣罚科室绩效。")
    standards = load_checklists()
    matched = Matcher(standards["yiyuan"], standards, MatchConfig.load(), None, "keyword").match([bulletin])
    assert any(m.criterion == "yiyuan.4" and m.counts_as == "record" for m in matched.matches)


def _sheet_doc(name: str, sheet: str, *lines: str) -> Document:
    doc = Document(file=name, pages=1, passages=[
        Passage(file=name, page=1, text=t, source="text", index=i, sheet=sheet) for i, t in enumerate(lines)])
    return annotate(doc)


def test_a_ledger_row_is_read_under_its_table_title():
    """A row of 医药代表来访备案登记 names only 代表姓名/备案号; its table's title says what it records. A note
    under the title ("（按来访时间登记）") is no title, and rows of an untitled table stay as they are."""
    rows = ["日期: 2024-03-14；代表姓名: 王某；所属企业: 四川某药业有限公司；接待人: 药剂科 周红；备案号: BA2024-007",
            "日期: 2024-08-22；代表姓名: 张某；所属企业: 重庆某医疗器械有限公司；接待人: 设备科 吴斌；备案号: BA2024-031"]
    titled = _sheet_doc("2024年登记表.xlsx", "Sheet2", "医药代表来访备案登记（2024年）", "（按来访时间登记）",
                        "日期；代表姓名；所属企业；接待人；备案号", *rows)
    standards = load_checklists()
    matched = Matcher(standards["yiyuan"], standards, MatchConfig.load(), None, "keyword").match([titled])
    row_hits = [m for m in matched.matches if m.criterion == "yiyuan.2" and m.passage.text in rows]
    assert len(row_hits) == 2 and all("yiyuan.2.4" in m.indicators for m in row_hits)
    untitled = _sheet_doc("2024年登记表.xlsx", "Sheet2", "日期；代表姓名；所属企业；接待人；备案号", *rows)
    matched = Matcher(standards["yiyuan"], standards, MatchConfig.load(), None, "keyword").match([untitled])
    assert not any("yiyuan.2.4" in m.indicators for m in matched.matches if m.passage.text in rows)


class _OneTopicClassifier:
    """Every passage about one criterion (0.9, every other 0.0), of the given kind probabilities."""

    def __init__(self, criterion: str, kind: dict):
        self.criterion, self.kind = criterion, kind

    def predict(self, texts, criterion_ids):
        from types import SimpleNamespace

        return [SimpleNamespace(criteria={c: 0.9 if c == self.criterion else 0.0 for c in criterion_ids}, kind=self.kind)
                for _ in texts]


# every passage about jiguan.1; its kind split between record and the rest, record below one half
_KIND_UNSURE = {"record": 0.45, "plan": 0.2, "rule": 0.1, "pledge": 0.05, "negated": 0.05, "other": 0.15}


def test_a_dated_report_of_a_meeting_records_it_unless_the_passage_reads_as_a_plan_or_rule():
    """A 民主生活会情况报告 (dated by its 落款) telling what was done at the meeting, with counts ("批评意见31条"),
    is a record: a passage-kind model unsure between record and the rest does not make it paper; a count of
    articles ("第3条") is no specific."""
    lines = ["中共某局委员会关于2024年度民主生活会召开情况的报告",
             "会上，班子成员逐一作个人对照检查，相互开展批评与自我批评，共提出批评意见31条。",
             "会议重申了《民主生活会规定》第3条关于批评与自我批评的要求。",
             "中共某局委员会", "2025年1月27日"]
    report = _doc("2024年度民主生活会情况报告.pdf", *lines)
    standards = load_checklists()
    clf = _OneTopicClassifier("jiguan.1", _KIND_UNSURE)
    matched = Matcher(standards["jiguan"], standards, MatchConfig.load(), clf, "full").match([report])
    counts = {m.passage.text: m.counts_as for m in matched.matches if m.criterion == "jiguan.1"}
    assert counts.get(lines[1]) == "record"
    assert counts.get(lines[2], "paper") == "paper"


def test_an_agenda_item_followed_by_its_deferral_records_nothing():
    """Minutes list "议题三：…专项整治" and go on to put it off: the topic line names the item, the next passage
    decides it — not done. The item the meeting did decide still counts."""
    minutes = _doc("党委会会议纪要（2023年第4次）.docx", "中共某县中医医院委员会会议纪要",
                   "时间：2023年4月18日下午3:00　应到委员7人，实到7人",
                   "议题三：医疗服务“四个不合理”专项整治",
                   "会议认为，专项整治需与全市统一部署衔接，待市卫健委实施方案下发后再行研究部署，目前暂不单独开展。")
    status, reason = _status("yiyuan", "yiyuan.4", [minutes])
    assert status == "missing" and "党委会会议纪要（2023年第4次）.docx》称未开展" in reason, reason
    done = _doc("党委会会议纪要（2023年第5次）.docx", "中共某县中医医院委员会会议纪要",
                "时间：2023年5月18日下午3:00　应到委员7人，实到7人",
                "议题一：医疗服务“四个不合理”专项整治",
                "会议听取医务科汇报：4月抽查处方1200张，不合理用药、不合理检查各3例已约谈整改，会议同意按月通报。")
    assert _status("yiyuan", "yiyuan.4", [done])[0] != "missing"


@pytest.mark.parametrize("following,denied", [
    ("方志远介绍：更换2台中频炉及除尘系统，设备拟年内采购。", False),       # when the thing discussed happens
    ("拟于下半年开展，今天先不讨论。", True),                                # the topic itself put off
    ("依法经营自查暂不安排，拟于下半年视情况开展。", True)])
def test_a_plan_stated_after_an_agenda_line_does_not_deny_it(following, denied):
    """An enterprise branch's minutes list "议题：技改项目前置研究" and describe the project ("设备拟年内采购"): the
    schedule is the project's, and the 前置研究 held is a record of the party organisation's work; a schedule with no
    subject of its own ("拟于下半年开展") or a refusal ("暂不安排") puts the topic itself off."""
    minutes = _doc("党支部委员会会议记录（2024年第5次）.docx", "某精密铸造有限公司党支部委员会会议记录",
                   "时间：2024年6月20日下午；地点：办公楼二楼会议室",
                   "出席：吴卫东（书记） 陶红 俞晓军；列席：董事长汪国庆、总经理方志远",
                   "议题：中频炉熔炼线技改项目（投资约860万元）前置研究", following, "记录：陶红")
    standards = load_checklists()
    matched = Matcher(standards["qiye"], standards, MatchConfig.load(), None, "keyword").match([minutes])
    topic = minutes.passages[3]
    assert any(m.criterion == "qiye.1" and m.passage is topic for m in matched.matches) is not denied
    assert any(s.criterion == "qiye.1" and s.passage is topic for s in matched.set_aside) is denied


@pytest.mark.parametrize("clause_kind,expected", [("conduct", "missing"), ("signing", "evidenced")])
def test_a_contract_is_no_evidence_of_conduct_but_is_the_signing(clause_kind, expected):
    """An integrity agreement binds the parties to a purchase ("乙方不得…给予回扣", "甲方工作人员不得收受…", or a
    line cut from its subject): for 收受红包回扣…得到有效治理 (conduct) it is no evidence, and the reason says why;
    for 与供应商签订清廉协议 it is the signing itself, a record."""
    contract = _doc("廉洁购销协议（2024年签订）.pdf", "廉洁购销协议",
                    "甲方：某县第二医院　乙方：某医药有限公司　签订日期：2024年1月12日",
                    "一、乙方不得以任何名义向甲方工作人员给予回扣、红包、礼品、购物卡，不得宴请、安排旅游。",
                    "乙方医药代表不得以任何名义向甲方医务人员",
                    "给予回扣、红包、礼品或报销费用；",
                    "二、甲方工作人员不得收受乙方回扣、红包，违者按规定严肃处理。",
                    "三、甲方工作人员不得收受乙方红包、购物卡，违者调离采购岗位。")
    cid = "yiyuan.4" if clause_kind == "conduct" else "yiyuan.2"
    status, reason = _status("yiyuan", cid, [contract])
    assert status == expected, reason
    if clause_kind == "conduct":
        assert "是合同条款，只约定双方义务" in reason, reason
        # the same lines in the unit's own rules are its rule on paper
        rules = _doc("医药购销廉洁管理规定.docx", "医药购销廉洁管理规定",
                     "第三条　本院工作人员不得收受医药企业回扣、红包、购物卡。",
                     "第四条　医务人员不得收受患者红包、回扣，违者调离岗位。")
        assert _status("yiyuan", "yiyuan.4", [rules])[0] == "partial"


def test_a_decision_meeting_where_the_leader_spoke_first_shows_the_criterion_partly():
    """Minutes that never say 三重一大 or 集体决策 still show a decision meeting held; the leader-speaks-first flag
    keeps them from proving 末位表态 but makes the criterion partial, not missing — and says why."""
    minutes = _doc("2024年第3次支部委员会议记录.pdf", "中共某县服务中心支部委员会会议记录",
                   "时间：2024年4月9日下午3:00  参加：贺德胜、李永红、龚世平（应到3人，实到3人）",
                   "议题：研究购置下乡工作用车事宜",
                   "贺德胜同志首先发言：这个车必须买，按18万元左右的标准。李永红同志：同意主任意见。龚世平同志：同意。",
                   "会议决定：购置工作用车1台，预算不超过18万元，由办公室按程序报批后实施。")
    assert _status("jiguan", "jiguan.2", [minutes])[0] == "missing"      # the words alone find nothing
    status, reason = _decide_with_flag("jiguan", "jiguan.2", minutes, "leader-speaks-first")
    assert status == "partial" and "存在问题线索" in reason and "2024年第3次支部委员会议记录.pdf" in reason, reason
    # a flag whose rule has no floor (near-duplicate) breaks records but shows nothing attempted
    assert _decide_with_flag("jiguan", "jiguan.2", minutes, "near-duplicate")[0] == "missing"


class _FlatClassifier:
    """Every passage: ``prob`` for one criterion, a little for the rest (a classifier reading them all as it)."""

    def __init__(self, cid: str, prob: float):
        self.cid, self.prob = cid, prob

    def predict(self, texts, criterion_ids):
        from types import SimpleNamespace

        return [SimpleNamespace(criteria={c: self.prob if c == self.cid else 0.05 for c in criterion_ids}, kind=None)
                for _ in texts]


@pytest.mark.parametrize("prob,expected", [(0.4, "evidenced"), (0.2, "missing")])
def test_a_record_the_classifier_reads_as_about_the_criterion_carries_its_one_keyword(prob, expected):
    """Management minutes that never name 党组织建设: each passage alone scores low, one names 党员示范岗. When the
    classifier ranks qiye.1 first for most passages, the document is about it and the one match is a record of
    it; when it barely leans that way, one passing keyword stays a passing mention."""
    standards = load_checklists()
    config = MatchConfig.load()
    minutes = _doc("经营班子会议记录.docx", "某机械有限公司经营班子会议记录", "时间：2023年2月24日",
                   "出席：刘振宇（支部书记、董事长）、贺敏、邓伟、钟丽",
                   "一、刘振宇领学党的二十大报告关于民营经济发展的论述，贺敏、邓伟交流体会。",
                   "二、研究2023年党建工作要点，确定党员示范岗6个，生产车间设党员先锋岗。",
                   "三、刘振宇讲：公司重大经营事项先经支部委员会研究，管理层带头执行。")
    matched = Matcher(standards["qiye"], standards, config, _FlatClassifier("qiye.1", prob), "full").match([minutes])
    criterion = next(c for c in standards["qiye"].criteria if c.id == "qiye.1")
    result = decide(criterion, [m for m in matched.matches if m.criterion == "qiye.1"], matched.set_aside, config, [])
    assert result.status == expected, result.reason


@pytest.mark.parametrize("name,date,status", [
    ("党支部委员会会议记录.docx", "时间：2023年2月24日", "evidenced"),
    ("会议记录.docx", "时间：2023年2月24日", "evidenced"),          # "中共…支部委员会" in the title
    ("党支部委员会会议记录.docx", "时间：待定", "missing")])       # no date: no record of a meeting held
def test_a_party_branch_record_is_itself_the_record_of_the_party_organisation(name, date, status):
    """A company's dated 支委会 minutes show its party organisation at work whatever the agenda (checklist
    ``record_documents``), though the classifier barely leans to qiye.1 and only one passage names a term."""
    standards = load_checklists()
    config = MatchConfig.load()
    minutes = _doc(name, "中共某机械有限公司支部委员会会议记录", date,
                   "出席：刘振宇（支部书记、董事长）、贺敏、邓伟、钟丽",
                   "一、研究2023年党建工作要点，确定党员示范岗6个。",
                   "二、刘振宇讲：新厂房项目先经支部委员会研究，提交董事会。")
    matched = Matcher(standards["qiye"], standards, config, _FlatClassifier("qiye.1", 0.2), "full").match([minutes])
    criterion = next(c for c in standards["qiye"].criteria if c.id == "qiye.1")
    result = decide(criterion, [m for m in matched.matches if m.criterion == "qiye.1"], matched.set_aside, config, [])
    assert result.status == status, result.reason


def test_a_document_naming_several_clauses_is_no_other_sense_of_its_words():
    """A 百日攻坚 report names 现场办公 by the leadership in one paragraph and a 攻坚先锋 award in another: terms of two
    of jiguan.5's clauses in one document are its topic, whatever the classifier says of each paragraph. The
    first paragraph alone stays open to the veto."""
    standards = load_checklists()
    lead = ("（一）班子带头“一人一片”。局班子7名成员每人包干一个片区，遇到难题当天在现场协调，"
            "5月至8月班子成员累计下沉一线现场办公186次。")
    award = "8月12日，局党委对在攻坚中表现突出的12名同志授予“攻坚先锋”称号，并在局内网公示。"
    matcher = Matcher(standards["jiguan"], standards, MatchConfig.load(), _ZeroClassifier(), "full")
    both = matcher.match([_doc("关于“百日攻坚”推进情况的汇报.docx", "关于“百日攻坚”推进情况的汇报", lead, award)])
    assert {m.passage.text for m in both.matches if m.criterion == "jiguan.5"} >= {lead}
    alone = matcher.match([_doc("关于“百日攻坚”推进情况的汇报.docx", "关于“百日攻坚”推进情况的汇报", lead)])
    assert not any(m.criterion == "jiguan.5" for m in alone.matches)


def test_a_reports_sentence_listing_its_work_with_semicolons_is_no_header_row():
    """"…修订村规民约…；…全年播放40期；…故事会3场…；评出清廉家庭5户" is what a dated summary reports done, not a
    sheet's column names ("日期；摘要；收入；支出"), which stay paper."""
    from classifiers.text_utils import is_header_row

    done = ("2．移风易俗。年初召开村民代表会议修订村规民约，新增“红白喜事简办”条款（婚宴不超过20桌）；修订后的村规民约在"
            "公开栏公示，并通过“村村响”广播每周五晚播放，全年播放40期；在文化礼堂举办“清廉家风故事会”3场，260人次参加；"
            "评出“清廉家庭”5户。")
    assert is_header_row("日期；摘要；收入（元）；支出（元）；经手人") and not is_header_row(done)
    summary = _doc("2023年溪东村工作总结.txt", "溪东村2023年工作总结", "一、主要工作", done,
                   "中共某镇溪东村支部委员会", "2023年12月20日")
    status, reason = _status("cunju", "cunju.5", [summary])
    assert status == "evidenced", reason


def test_a_statement_titled_for_a_topic_whose_body_denies_it_is_no_showing():
    """"社区集体资产情况说明" whose body says the ledger was never set up: its title is not a second passage that
    makes the one remaining mention a partial showing — the criterion is missing, and the reason says why."""
    note = _doc("社区集体资产情况说明.txt", "桃花溪社区集体资产情况说明",
                "本社区无经营性集体资产。社区办公和服务用房由街道统一调配管理，社区工作经费由街道财政所代管核算。",
                "社区未单独建立集体资产台账，资产清查工作尚未开展。")
    status, reason = _status("cunju", "cunju.3", [note])
    assert status == "missing" and "社区集体资产情况说明.txt》称未开展" in reason, reason


def test_a_photographed_certificate_is_the_honour_not_a_poster():
    """A phone photo of an 优秀共产党员 certificate has no date to read ("2025年度“七一”表彰"), but it is the honour
    itself — a record, unlike a photographed poster of rules (paper unless the criterion is about the poster)."""
    cert = _doc("优秀共产党员荣誉证书.jpg", "荣誉证书", "王秀英同志：",
                "在2025年度“七一”表彰中，被评为全镇优秀共产党员。特发此证，以资鼓励。")
    assert cert.doc_type == "commendation"
    standards = load_checklists()
    config = MatchConfig.load()
    matched = Matcher(standards["jiating"], standards, config, None, "keyword").match([cert])
    assert any(m.criterion == "jiating.4" and m.counts_as == "record" for m in matched.matches)


def test_a_summarys_bare_claims_are_no_evidence_but_its_facts_are():
    """"群众诉求件件有回音、事事有着落" with no date, count or number is a claim, not even paper: the criterion stays
    missing and the reason names the file. The same summary with its figures is something to go on."""
    claims = _doc("2024年村工作总结.docx", "2024年村工作总结",
                  "我村始终把群众的事放在心上，群众诉求件件有回音、事事有着落，群众满意度不断提升。",
                  "村干部带头化解矛盾纠纷，邻里和睦，村风民风持续向好，做到了小事不出村、大事不出镇。")
    status, reason = _status("cunju", "cunju.6", [claims])
    assert status == "missing" and "《2024年村工作总结.docx》只有笼统表述" in reason, reason
    facts = _doc("2024年村工作总结.docx", "2024年村工作总结",
                 "全年村便民服务室接待群众来访诉求46件，当场办结31件，转镇相关部门办理15件，均已回复。",
                 "村调委会调处邻里矛盾纠纷12起，调解成功11起，1起引导至镇司法所。")
    assert _status("cunju", "cunju.6", [facts])[0] != "missing"


def test_an_unfilled_form_is_no_evidence_and_the_reason_says_so():
    form = _doc("课后服务家长满意度调查表.jpg", "春雷小学课后服务家长满意度调查表", "学生姓名： 班级：",
                "1.您的孩子是否参加学校课后服务？口是口否", "2.课后服务收费是否按公示标准收取？口是口否",
                "3.是否有教师组织或推荐学生参加有偿补课？口没有口有", "家长签字： 年月日")
    status, reason = _status("xuexiao", "xuexiao.3", [form])
    assert status == "missing" and "未填写的空白表格" in reason, reason


def test_an_education_activity_told_in_a_caption_sheet_is_not_the_conduct():
    """"警示教育大会通报2起收受回扣案例" in a photo-caption sheet shows the education, not that 红包回扣 were curbed;
    cases dealt with ("查处…退还") are the conduct."""
    captions = _doc("照片说明.docx", "廉洁从医教育月照片说明",
                    "图1：6月13日警示教育大会，院纪委书记通报本市2起医务人员收受回扣案例。",
                    "图3：6月27日，护理部举办“廉洁护理”故事分享会，8名护士讲述拒收红包的经历。")
    assert _status("yiyuan", "yiyuan.4", [captions])[0] == "missing"
    dealt = _doc("照片说明.docx", "廉洁从医教育月照片说明",
                 "图1：6月13日警示教育大会上，院纪委通报上半年查处收受红包问题2起，当事医生已退还红包。",
                 "图2：6月20日警示教育后，院纪委对收受回扣线索约谈3名医生，追回回扣1.2万元。")
    assert _status("yiyuan", "yiyuan.4", [dealt])[0] != "missing"


@pytest.mark.parametrize("line", ["局机关6个包保组37名干部本周全部下沉到村屯。",
                                  "中心12名干部分成4个服务小组，每天早上6点半到枸杞园区和收购点驻点服务。"])
def test_front_line_work_is_named_in_the_clerks_words(line):
    bulletin = _doc("工作简报.docx", "一线服务工作简报", "第4期　2025年7月21日", line,
                    "中心对二组、三组通报表扬。")
    assert _status("jiguan", "jiguan.5", [bulletin])[0] != "missing"


def test_cadres_on_the_front_line_in_a_weekly_bulletin_show_the_criterion():
    """A 包保 bulletin never says 担当作为: 37 cadres in the villages all week, two groups praised for living there."""
    bulletin = _doc("秋收包保工作周报（第3期）.docx", "龙沙区农业农村局秋收包保工作周报",
                    "第3期（2025年10月13日—10月19日）",
                    "本周全区玉米收获进度达到87%。局机关6个包保组37名干部本周全部下沉到村屯。",
                    "局党组对连续一周吃住在屯的一组、三组提出表扬，下周推送两组干部事迹。",
                    "局秋收包保工作专班　2025年10月20日")
    assert _status("jiguan", "jiguan.5", [bulletin])[0] == "evidenced"


def test_one_decision_meeting_with_the_principal_speaking_last_evidences_the_collective_decision():
    """The minutes never say 三重一大; the members speak in turn and the 总经理 last: the procedure carried out."""
    minutes = _doc("景区经理办公会纪要（2025年第4次）.pdf", "浑河源枫叶谷景区经理办公会纪要",
                   "时间：2025年4月9日上午9:00　主持：刘晓光（总经理、支部书记）",
                   "议题一：观光索道年度检修（预算21.6万元）",
                   "工程部说明：北京某索道公司为唯一授权单位。张铁军、王秀丽和各部门负责人依次发言同意。刘晓光最后表态：同意。")
    minutes.doc_type, minutes.doc_kind = "collective_decision", "record"
    status, reason = _status("jingqu", "jingqu.5", [minutes])
    assert status == "evidenced", reason


def test_a_claims_only_statement_lends_no_title_and_a_year_is_no_fact():
    """"我公司2024年严格遵纪守法…做到了不行贿、不欠薪…" under the title 关于“五不”情况的说明: a year alone is no fact,
    and a statement whose body is bare claims does not make the criterion partial by its title."""
    statement = _doc("关于“五不”情况的说明.txt", "关于“五不”情况的说明",
                     "我公司2024年严格遵纪守法，合法合规经营，做到了不行贿、不欠薪、不逃税、不侵权、不逃废债，未发生任何违法违规行为。",
                     "津港鑫海冷链物流有限公司　2024年12月20日")
    status, reason = _status("qiye", "qiye.5", [statement])
    assert status == "missing" and "只有笼统表述" in reason, reason


def test_an_article_of_rules_filed_in_minutes_or_a_binder_is_paper():
    """A binder puts the rules next to the minutes: "第四条 收受红包、回扣经查实的…" is a rule wherever it is filed."""
    binder = _doc("2024年清廉医院建设佐证材料汇编.pdf", "院党委会会议记录",
                  "时间：2024年3月12日　出席：党委委员7人",
                  "第四条 收受红包、回扣经查实的，考评直接定为较差。",
                  "第五条 医务人员收受患者红包的，一律调离临床岗位。")
    binder.doc_type, binder.doc_kind = "collective_decision", "record"
    standards = load_checklists()
    matched = Matcher(standards["yiyuan"], standards, MatchConfig.load(), None, "keyword").match([binder])
    kinds = {m.passage.text[:3]: m.counts_as for m in matched.matches if m.criterion == "yiyuan.4"}
    assert kinds and set(kinds.values()) == {"paper"}, kinds


def test_the_classifier_reads_a_chat_message_without_its_header():
    from pipeline.classifier_view import classifier_view
    assert classifier_view("2025-10-08 10:20 纪检组张淑芳：节日期间公车封存点检了两次") == "节日期间公车封存点检了两次"
    assert classifier_view("18:02 讲解员田慧：钟姐，今年还评不评？") == "钟姐，今年还评不评？"
    assert classifier_view("时间：2025年5月13日下午3:00") == "时间：2025年5月13日下午3:00"     # no chat header


def test_a_question_answered_by_putting_it_off_is_denied():
    chat = _doc("景区员工群聊天记录（2025年8-9月）.txt",
                "2025-09-20 18:02 讲解员田慧：钟姐，今年“金牌讲解员”还评不评？",
                "2025-09-20 18:30 综合部钟平：今年旺季人手太紧，评选暂时不搞了，等明年再讲",
                "2025-09-20 18:31 讲解员田慧：好的")
    status, reason = _status("jingqu", "jingqu.4", [chat])
    assert status == "missing", reason


def test_a_familys_gift_register_with_gifts_returned_shows_the_conduct():
    register = _doc("2024年家庭收支记账本.xlsx", "人情往来登记", "日期；事由；对方；金额(元)；处理",
                    "日期: 2024-10-02；事由: 志远婚礼；对方: 某窑厂老板（中心服务对象）；金额(元): 2000；处理: 已退回",
                    "日期: 2024-10-03；事由: 志远婚礼；对方: 某陶瓷企业办公室主任；金额(元): 1000；处理: 已退回")
    assert _status("jiating", "jiating.3", [register])[0] == "evidenced"


def test_an_indirect_question_answered_by_not_yet_is_denied():
    chat = _doc("村干部工作群聊天记录（2025年6-8月）.txt",
                "2025-08-12 09:30 村主任徐峰：镇里问我们红白理事会成立了没有，村村响什么时候装",
                "2025-08-12 09:41 村书记周长海：红白理事会还没成立，等年底换届后再说，村村响镇里设备还没到，先不弄",
                "2025-08-12 09:42 村主任徐峰：好的")
    status, reason = _status("cunju", "cunju.5", [chat])
    assert status == "missing", reason


def test_an_oath_of_honest_business_is_a_pledge_not_the_conduct():
    bulletin = _doc("商会工作简报（2024年第3期）.docx", "商会工作简报",
                    "6月18日下午，在商会会议室举行诚信经营承诺宣誓，由会长马春来领誓，32家会员企业负责人承诺“不掺假、不偷税、"
                    "不向公职人员送礼”。")
    standards = load_checklists()
    matched = Matcher(standards["shanghui"], standards, MatchConfig.load(), None, "keyword").match([bulletin])
    kinds = {m.counts_as for m in matched.matches if m.criterion == "shanghui.5"}
    assert kinds == {"paper"}, kinds


def test_a_factory_papers_integrity_column_is_the_culture_platform():
    paper = _doc("厂报《绿垛人》2024年第3期.pdf", "《绿垛人》 2024年第3期（总第27期）", "某食品有限公司党支部主办 2024年9月30日",
                 "【清风绿垛】专栏", "采购部员工徐晓峰7月拒收供应商送的1,000元红包，上交公司纪检委员，公司在职工大会上通报表扬。",
                 "公司今年提出“菜要干、人要净”的廉洁理念，印在烘干车间门口和员工手册首页。")
    assert _status("qiye", "qiye.4", [paper])[0] == "evidenced"


def test_a_family_members_village_posting_diary_shows_his_work():
    diary = _doc("驻村工作日志（2024年摘录）.docx", "王建国驻村工作日志（摘录）", "城南庄镇政府 驻后庄村工作队　王建国",
                 "3月14日　入户走访后庄村二组12户，了解到脱贫户大枣滞销约800斤，联系县电商中心上架。",
                 "8月5日　大枣电商卖出760斤，收入5,320元。")
    assert _status("jiating", "jiating.4", [diary])[0] != "missing"


def test_a_sentence_naming_what_was_done_is_no_bare_claim():
    """"组织全体党员观看警示教育片《零容忍》" has no number but names the act and the film: a claim with a fact."""
    report = _doc("2024年工作总结.docx", "2024年工作总结", "全年组织全体党员观看警示教育片《零容忍》，撰写观后感。")
    status, reason = _status("shanghui", "shanghui.3", [report])
    assert "只有笼统表述" not in reason, reason


def test_a_photographed_visitors_register_is_a_record_not_a_poster():
    photo = _doc("村民来访接待登记簿（拍照）.jpg", "周圈村村民来访接待登记", "日期来访人事由 处理 结果",
                 "2.11周大勇花木苗圃地界纠纷书记、网格员现场量签调解协议",
                 "3.06孙秀英低保卡号错误 会计到镇民政办更正补发")
    photo.doc_type, photo.doc_kind = "ledger", "record"
    standards = load_checklists()
    matched = Matcher(standards["cunju"], standards, MatchConfig.load(), None, "keyword").match([photo])
    assert {m.counts_as for m in matched.matches if m.criterion == "cunju.6"} == {"record"}


def test_a_question_in_a_chat_thread_is_not_evidence_its_answer_decides():
    """A day's thread is one passage: the question ("红白理事会成立了没有") asks, the answer tells."""
    thread = ("2025-08-12 09:30 村主任徐峰：镇里问我们红白理事会成立了没有，村村响什么时候装\n"
              "2025-08-12 09:41 村书记周长海：红白理事会还没成立，等年底换届后再说，村村响镇里设备还没到，先不弄\n"
              "2025-08-12 09:42 村主任徐峰：好的")
    chat = _doc("村干部工作群聊天记录（2025年6-8月）.txt", "村干部工作群聊天记录", thread)
    status, reason = _status("cunju", "cunju.5", [chat])
    assert status == "missing", reason
    from pipeline.classifier_view import classifier_view
    assert classifier_view(thread).split("\n")[1].startswith("红白理事会还没成立")



def test_a_minutes_table_row_whose_discussion_puts_the_item_off_is_deferred():
    minutes = _doc("总经理办公会会议纪要（2025年第6期）.docx", "总经理办公会会议纪要", "时间：2025年8月12日 出席：班子成员5人",
                   "序号: 2；议题: 讲解员和一线员工培训；汇报人: 孙丽娜；讨论意见: 年初计划的讲解员集中轮训因暑期客流高峰未组织，"
                   "拟于11月淡季开展；优秀讲解员评选同步推迟")
    minutes.doc_type, minutes.doc_kind = "collective_decision", "record"
    standards = load_checklists()
    matched = Matcher(standards["jingqu"], standards, MatchConfig.load(), None, "keyword").match([minutes])
    assert not [m.passage.text for m in matched.matches if m.criterion == "jingqu.4"]
    assert {s.why for s in matched.set_aside if s.criterion == "jingqu.4"} in ({"negated"}, {"deferred"})


def test_a_tally_row_with_nothing_done_and_a_section_row_are_no_record():
    ledger = _doc("2025年党风廉政建设责任清单及落实台账.xlsx", "责任清单及落实台账",
                  "序号: 三、选人用人",
                  "类别: 选人用人；任务数: 2；已完成: 0；推进中: 0；未开展: 2")
    ledger.doc_type, ledger.doc_kind = "ledger", "record"
    standards = load_checklists()
    matched = Matcher(standards["jiguan"], standards, MatchConfig.load(), None, "keyword").match([ledger])
    assert not [m.passage.text for m in matched.matches if m.criterion == "jiguan.3"]


def _kinds(unit_type: str, cid: str, doc: Document) -> dict[str, str]:
    standards = load_checklists()
    matched = Matcher(standards[unit_type], standards, MatchConfig.load(), None, "keyword").match([doc])
    return {m.passage.text[:12]: m.counts_as for m in matched.matches if m.criterion == cid}


def test_a_plans_row_whose_execution_column_reports_it_done_is_a_record():
    """工作计划（附执行情况）: a row done with its date and count is a record; a row pointing elsewhere, a row still
    to come and a row that made a rule stay paper."""
    plan = _doc("2024—2025学年党支部工作计划（附执行情况）.docx", "党支部工作计划（附执行情况）",
                "月份: 10月；工作内容: 主题党日：赴古田会议旧址开展党性教育；责任人: 李秀云；执行情况: 10月26日开展，党员19人参加",
                "月份: 5月；工作内容: 主题党日：参观革命纪念馆；责任人: 德育处；执行情况: 见5月20日通知",
                "月份: 6月；工作内容: 主题党日：重温入党誓词；责任人: 李秀云",
                "月份: 3月；工作内容: 修订党支部“三会一课”制度；责任人: 江永红；执行情况: 3月18日支委会审议通过并印发")
    plan.doc_type, plan.doc_kind = "plan", "plan"
    kinds = _kinds("xuexiao", "xuexiao.1", plan)
    assert kinds.get("月份: 10月；工作内容") == "record", kinds
    assert set(v for k, v in kinds.items() if not k.startswith("月份: 10月")) == {"paper"}, kinds


def test_a_task_rows_progress_column_with_a_note_in_its_name_governs_the_row():
    tasks = _doc("村2025年清廉村居建设任务分解表.xlsx", "任务分解表",
                 "序号: 5；工作任务: 修订村规民约并上墙，“村村响”每周播放；责任人: 林明光；完成时限: 2025年11月30日；进度（9月底）: 未启动")
    tasks.doc_type, tasks.doc_kind = "plan", "plan"
    assert _kinds("cunju", "cunju.5", tasks) == {}


def test_a_notebook_of_dated_entries_is_a_record_without_a_date_of_its_own():
    book = _doc("书记接访记录本（扫描）.pdf", "书记接访记录本",
                "2月12日 二组肖长庚反映水渠堵塞，当天组织清淤。",
                "4月3日 三组两户宅基地纠纷，现场丈量，当场签了调解协议。回访：没再吵。",
                "7月18日 老信访户补偿款3200元打到他卡上，本人签字息访。")
    book.doc_type, book.doc_kind = "minutes", "record"
    book.doc_date = None
    assert set(_kinds("cunju", "cunju.6", book).values()) == {"record"}


def test_a_family_chat_about_a_birthday_without_a_banquet_shows_frugality():
    thread = ("2024-04-06 19:20 王建国：下个月爹七十大寿，我想的是不摆酒席，就咱自家人在家吃顿饭\n"
              "2024-04-06 19:32 王建国：都跟人家说不办，礼一分不收")
    chat = _doc("家庭群聊天记录.txt", "家庭群聊天记录", thread)
    assert set(_kinds("jiating", "jiating.3", chat).values()) == {"record"}


def test_a_row_left_blank_in_a_ledger_whose_other_rows_report_execution_is_a_plan():
    ledger = _doc("2025年党风廉政建设责任清单及落实台账.xlsx", "党风廉政建设责任清单及落实台账",
                  "序号: 1；工作任务: 党组理论学习中心组集中学习，每季度不少于2次；计划: 全年",
                  "序号: 13；工作任务: 开展“比学赶超、争先创优”主题实践活动；计划: 全年；完成情况: 3月10日召开动员会，干部职工46人参加")
    ledger.doc_type, ledger.doc_kind = "ledger", "record"
    kinds = _kinds("jiguan", "jiguan.1", ledger)
    assert kinds.get("序号: 1；工作任务: ") == "paper", kinds
    assert _kinds("jiguan", "jiguan.5", ledger).get("序号: 13；工作任务:") == "record"


def test_a_summarys_claim_whose_only_facts_are_in_what_did_not_happen_is_bare():
    summary = _doc("2024—2025年度工作总结.txt", "商会2024—2025年度工作总结",
                   "原计划在5月16日主题活动中组织会员企业集中签订守法诚信承诺书并宣誓，因报名企业太少，活动延期至下半年，"
                   "承诺书签订工作尚未开展。会员企业总体守法经营，诚信经营意识不断增强。")
    summary.doc_type, summary.doc_kind = "report", "report"
    standards = load_checklists()
    matched = Matcher(standards["shanghui"], standards, MatchConfig.load(), None, "keyword").match([summary])
    assert not [m for m in matched.matches if m.criterion == "shanghui.5" and not m.is_title]
    assert "bare-claim" in {s.why for s in matched.set_aside if s.criterion == "shanghui.5"}


def _decided(unit_type: str, cid: str, docs: list[Document], flags) -> str:
    standards = load_checklists()
    config = MatchConfig.load()
    matched = Matcher(standards[unit_type], standards, config, None, "keyword").match(docs)
    criterion = next(c for c in standards[unit_type].criteria if c.id == cid)
    return decide(criterion, [m for m in matched.matches if m.criterion == cid], matched.set_aside, config, flags).status


def test_a_purchase_or_contract_out_of_procedure_is_no_record_of_the_controls_it_breaks():
    """A company's split purchases are no showing of its 关键环节监控; a village's lease signed before its own vote and
    tender is no showing of its 三资 management (it stays in the report, flagged)."""
    from pipeline.models import Flag

    ledger = _doc("竹材采购明细（2025年4月）.xlsx", "竹材采购明细",
                  "日期: 2025-04-03；品名: 毛竹；供应商: 歙县竹源林场；金额(元): 48600；比价: 无；审批: 采购部",
                  "日期: 2025-04-09；品名: 毛竹；供应商: 歙县竹源林场；金额(元): 49200；比价: 无；审批: 采购部")
    ledger.doc_type, ledger.doc_kind = "procurement", "record"
    split = Flag(rule="split-purchase", severity="high", file=ledger.file, page=1, message="疑似拆分采购")
    assert _decided("qiye", "qiye.3", [ledger], []) == "evidenced"
    assert _decided("qiye", "qiye.3", [ledger], [split]) == "partial"
    lease = _doc("3号厂房租赁合同.pdf", "东泖村集体资产租赁合同",
                 "出租方：东泖村股份经济合作社；承租方：上海某物流公司；租金每年36万元，集体资产租赁收入纳入三资台账",
                 "签订日期：2025年5月6日；经村民代表会议决议，资产租赁收入按季度公开")
    lease.doc_type, lease.doc_kind = "procurement", "record"
    out_of_order = Flag(rule="dates-out-of-order", severity="high", file=lease.file, page=1, message="日期倒置")
    assert _decided("cunju", "cunju.3", [lease], []) == "evidenced"
    assert _decided("cunju", "cunju.3", [lease], [out_of_order]) != "evidenced"


def test_a_flagged_purchase_does_not_void_a_health_inspectors_record_of_bribes_refused():
    """The hospital's flagged single source says nothing of an inspector's 暗访 record of 红包 refused: yiyuan.4 is a
    clause of conduct whose "骗取医保资金" is fraud on the insurance fund, not the unit's own money or purchases."""
    from pipeline.models import Flag

    visit = _doc("市卫健委行风暗访记录.pdf", "市卫生健康委员会医疗机构行风暗访记录",
                 "暗访对象：某县医院；暗访时间：2024年9月24日8:10—15:40",
                 "在骨科、外科病区随机交谈住院患者及家属15名，均表示未送红包、未被暗示送红包。一名患者家属介绍，术前想给"
                 "主刀医生送红包，医生当场拒收，并告诉她“收了要交到纪检办”。",
                 "抽查在院患者费用一日清单5份，未发现串换项目、重复收费，无骗取医保资金行为。")
    visit.doc_type, visit.doc_kind = "ledger", "record"     # a table-form record, as the classifier may take it
    flag = Flag(rule="single-source-unjustified", severity="high", file="单一来源采购审批表.pdf", page=1, message="单一来源")
    assert _decided("yiyuan", "yiyuan.4", [visit], [flag]) == "evidenced"
    # a purchase ledger of the same hospital, beside the flagged form, no longer shows its purchases under control
    ledger = _doc("2024年耗材采购台账.xlsx", "2024年耗材采购台账",
                  "日期: 2024-03-04；品名: 留置针；供应商: 某医疗器械公司；金额: 38600；采购方式: 省平台挂网采购")
    ledger.doc_type, ledger.doc_kind = "ledger", "record"
    assert _decided("yiyuan", "yiyuan.2", [ledger], [flag]) != "evidenced"


def test_a_work_group_reporting_a_night_check_and_a_penalty_for_leaving_post_shows_conduct_enforced():
    thread = ("2025-10-03 09:05 办公室于婷婷：【通报】10月2日晚西堤头中队1名值班人员脱岗，按规定全委通报批评，扣发当月绩效。\n"
              "2025-10-03 09:06 执法三中队刘刚：我们中队认罚，检查今天交")
    checks = "2025-10-02 21:36 纪检组张淑芳：今晚暗访了三个中队值班，西堤头中队值班表上的人不在岗"
    chat = _doc("委机关工作群聊天记录.txt", checks, thread)
    kinds = _kinds("jiguan", "jiguan.6", chat)
    assert [v for k, v in kinds.items() if k.startswith("2025-10-0")] == ["record", "record"], kinds


def test_a_booklet_of_signed_pledges_is_no_oath_taking_ceremony():
    """商会 pledges of 诚信经营 are paper for shanghui.5; for the oath-taking activity of shanghui.3 they are nothing."""
    booklet = _doc("2024年会员企业诚信经营承诺书（汇编）.pdf", "会员企业诚信经营承诺书（汇编）",
                   "序号: 2；会员企业: 感德镇雅韵茶叶专业合作社；负责人: 苏雅琴；签署日期: 2024-03-12",
                   "序号: 3；会员企业: 安溪县兰香茶厂；负责人: 陈文杰；签署日期: 2024-03-12")
    booklet.doc_type, booklet.doc_kind = "pledge", "pledge"
    assert _status("shanghui", "shanghui.3", [booklet])[0] == "missing"
    assert _status("shanghui", "shanghui.5", [booklet])[0] == "partial"


def test_a_poster_announcing_a_lecture_is_a_plan_of_it():
    poster = _doc("公众号推送截图.png", "“亲清同行”廉洁文化讲座预告",
                  "商会定于12月26日下午在会员之家举办廉洁文化讲座，邀请区纪委监委同志授课，欢迎各会员企业报名参加。")
    poster.doc_type, poster.doc_kind = "photo", "record"
    standards = load_checklists()
    matched = Matcher(standards["shanghui"], standards, MatchConfig.load(), None, "keyword").match([poster])
    kinds = {m.counts_as for m in matched.matches if m.criterion == "shanghui.3"}
    assert kinds == {"paper"}, kinds


def test_a_counted_signing_of_pledges_is_a_partial_showing_on_its_own():
    summary = _doc("2023年商会工作总结.docx", "2023年商会工作总结", "（三）诚信守法。组织会员企业签订《诚信守法经营承诺书》86份。")
    summary.doc_type, summary.doc_kind = "report", "report"
    assert _status("shanghui", "shanghui.5", [summary])[0] == "partial"
    vague = _doc("2023年商会工作总结.docx", "2023年商会工作总结", "（三）诚信守法。组织会员企业签订《诚信守法经营承诺书》。")
    vague.doc_type, vague.doc_kind = "report", "report"
    assert _status("shanghui", "shanghui.5", [vague])[0] == "missing"


def test_a_design_rendering_of_an_integrity_corridor_is_a_plan_of_the_culture():
    rendering = _doc("清廉文化长廊效果图.jpg", "恒昌清风长廊（设计效果图）",
                     "第一板块：恒昌的“廉”—创始人“做机器先做人”的故事", "设计：某广告有限公司 2025年8月 计划12月底前施工完成")
    rendering.doc_type, rendering.doc_kind = "plan", "plan"
    assert _status("qiye", "qiye.4", [rendering])[0] == "partial"


def test_a_village_notebook_of_quarrels_settled_and_complaints_taken_up_shows_responsiveness():
    book = _doc("寨老理事会记事本（拍照）.jpg", "寨老理事会记事",
                "3月6日五组梁家和贾家争田水口，寨老到田边看，按老规矩上丘田先放水两天，两家同意，按了手印。",
                "9月12日三组潘××来村部讲低保评得不公平，支书当天接待，监委查了名单，9月20日在组里重新评议，结果公示。")
    book.doc_type, book.doc_kind = "ledger", "record"
    assert _status("cunju", "cunju.6", [book])[0] == "evidenced"


def test_a_chambers_group_telling_of_an_integrity_class_held_shows_the_activity():
    chat = _doc("商会会员群聊天记录.txt", "商会会员群 聊天记录（导出）",
                "2025-06-19 20:31 王丽芬（秘书长）：通知：6月21日下午3点，县纪委监委的同志来商会讲“亲清”廉洁课，每家至少来一个人。",
                "2025-06-21 17:48 王丽芬（秘书长）：今天到了32个老板，照片发群里了。\n2025-06-21 17:50 黄德贵（会长）：讲得好，"
                "今天讲的那几个案子大家记住。")
    assert _kinds("shanghui", "shanghui.3", chat)


def test_a_relatives_request_refused_and_reported_shows_the_family_kept_in_check():
    shot = _doc("微信图片_20250611.jpg", "6月11日晚上20:05", "哥，乡里今年有茶叶初制所补助，你帮我跟中心主任讲一声嘛",
                "这个我不能讲。评审我是经办人之一，已经跟主任报告了你是我弟，我回避。",
                "还有莫拿东西去送评审的人，送了就是害我也害你")
    shot.doc_type, shot.doc_kind = "other", "record"
    assert set(_kinds("jiating", "jiating.1", shot).values()) == {"record"}


def test_every_line_of_a_forwarded_standard_is_the_standard_however_reworded():
    notice = _doc("练塘镇关于转发清廉村居建设标准的通知.pdf", "练塘镇关于转发《清廉村居建设标准》的通知",
                  "各村（居）：现将区纪委监委《清廉村居建设标准》转发给你们，请认真贯彻落实。",
                  "六、群众来访有人接、诉求有人理、办事有人管，矛盾纠纷和初信初访及时化解。")
    notice.doc_type, notice.doc_kind = "plan", "plan"
    status, reason = _status("cunju", "cunju.6", [notice])
    assert status == "missing", reason
    assert not _kinds("cunju", "cunju.6", notice), "a forwarded standard's line is no paper showing either"
    own = _doc("村2025年清廉村居建设工作方案.docx", "村2025年清廉村居建设工作方案",
               "六、群众来访有人接、诉求有人理、办事有人管，矛盾纠纷和初信初访及时化解。",
               "由村监委主任负责来访登记，每月汇总。")
    own.doc_type, own.doc_kind = "plan", "plan"
    assert _status("cunju", "cunju.6", [own])[0] == "partial"


def test_a_rule_on_the_wall_is_a_rule_but_a_dated_disclosure_on_it_is_a_record():
    """A photographed line of a rule ("单笔支出3,000元以上须会长办公会研究") is paper for every criterion, as the
    rule book is; a photographed 公开栏 that discloses dated figures is a record of the disclosure."""
    rules = _doc("会议室制度牌（拍照）.jpg", "【财务规定】单笔支出3,000元以上须会长办公会研究，收支每半年向会员公开一次。",
                 "【议事规则】重大事项须经理事会集体研究，会长末位表态。")
    status, reason = _status("shanghui", "shanghui.4", [rules])
    assert status == "partial", reason
    board = _doc("财务收支公开表（拍照）.jpg", "商会财务收支公开表", "2024年上半年会费收入12.6万元，支出8.3万元，明细见下表。",
                 "经2024年7月2日会长办公会研究，2024年7月5日公开，接受会员监督。")
    status, reason = _status("shanghui", "shanghui.4", [rules, board])
    # a record of the disclosure (五公开); the criterion's main work, the 理事会 deciding by its rules, is not shown
    assert "条款“五公开”有记录佐证" in reason and status == "partial", reason
    minutes = _doc("第三届理事会第四次会议纪要.pdf", "第三届理事会第四次会议纪要", "时间：2024年6月28日　应到理事21人，实到17人",
                   "会议按《商会章程》和《财务管理办法》审议2024年上半年财务收支，表决通过，收支在财务公开栏公开。")
    status, reason = _status("shanghui", "shanghui.4", [rules, board, minutes])
    assert status == "evidenced", reason


def test_boards_alone_show_what_was_put_up_not_the_criterion_carried_out():
    """A family motto on the wall, photographed, is the motto: for 家风 in practice (孝老爱亲, 移风易俗) it is partial.
    A board a 阵地 criterion asks for (a 商会's 宣传栏) is the thing itself; a board that discloses counted results
    ("参加课后服务486人，23人免收") records them; a photographed register is no board."""
    motto = _doc("家训（客厅）.jpg", "刘家家训", "孝敬老人，夫妻和睦，兄弟姊妹互相帮衬。", "婚丧从简，不攀比，不大操大办。")
    status, reason = _status("jiating", "jiating.2", [motto])
    assert status == "partial" and "上墙" in reason, reason
    wall = _doc("会议室廉洁文化宣传栏.jpg", "商会会议室廉洁文化宣传栏", "【会员十不准】不行贿送礼，不围猎干部，不偷税漏税。",
                "【制度牌】商会财务管理制度上墙公示。", "【宣传标语】亲而有度，清而有为。")
    assert _status("shanghui", "shanghui.2", [wall])[0] == "evidenced"
    counted = _doc("课后服务及收费公示栏（2025年春季学期）.jpg", "湖坑中心小学2025年春季学期课后服务公示",
                   "参加课后服务486人，开设社团11个，23人免收课后服务费。", "收费标准：每生每学期300元，严禁有偿补课。",
                   "本学期开展有偿补课专项排查1次，走访教师56人。")
    assert _status("xuexiao", "xuexiao.3", [counted])[0] == "evidenced"
    register = _doc("家庭会议记录本（拍照）.jpg", "2025年2月2日家庭会议", "商定家规：孝敬老人，婚丧从简。",
                    "三兄妹排班陪护住院的父亲，每人每周两天。")
    assert _status("jiating", "jiating.2", [register])[0] == "evidenced"
    # a wall in the meeting room (会议室) is still a wall, not a meeting photographed
    room = _doc("会议室廉洁文化墙.jpg", "商会会议室廉洁文化墙", "【议事规则】重大事项由会长办公会集体研究，不搞个人说了算。",
                "【财务制度】收支两条线；支出凭审批单；年度收支向会员公开。", "【监督】纪律委员陆志强 监督电话0510-8xxxxxxx")
    room.doc_type, room.doc_kind = "photo", "record"
    status, reason = _status("shanghui", "shanghui.4", [room])
    assert status == "partial" and "上墙" in reason, reason


def test_a_rectification_ledgers_status_column_governs_its_row():
    """An inspection's 整改台账: "整改情况: 未整改" (or a row left 整改中 with nothing done) shows nothing; the finding in
    the 问题 column is what was wrong, not what was done."""
    def ledger(state):
        return annotate(Document(file="巡察反馈问题整改台账.xlsx", pages=1, passages=[
            Passage(file="巡察反馈问题整改台账.xlsx", page=1, sheet="Sheet1", source="text", index=i, text=t)
            for i, t in enumerate(["巡察反馈问题整改台账",
                                   "序号: 1；问题: 景区售票未实行预约，高峰期游客滞留；整改措施: 上线分时预约购票；"
                                   f"责任人: 黄志；完成时限: 2025-06-30；整改情况: {state}",
                                   "序号: 2；问题: 游客投诉未登记；整改措施: 建立投诉登记台账；责任人: 黄志；"
                                   f"完成时限: 2025-06-30；整改情况: {state}"])]))
    status, reason = _status("jingqu", "jingqu.2", [ledger("未整改")])
    assert status == "missing", reason


def test_an_index_of_the_evidence_points_elsewhere_and_shows_nothing_itself():
    index = _doc("创建工作佐证材料索引.docx", "霍山县黄芽茶商会清廉商会创建工作佐证材料索引",
                 "序号: 2；创建内容: 阵地建设好；佐证材料: 会议室、办公场所廉洁文化宣传栏、制度牌照片；所在位置: 合订本第8页")
    status, reason = _status("shanghui", "shanghui.2", [index])
    assert status == "missing" and "索引" in reason, reason


def test_purchase_records_beside_a_flagged_purchase_do_not_show_procurement_supervised():
    """A school's routine purchase ledger shows its procurement supervised — unless another purchase of the same
    school is flagged: then the ledger sits beside the breach and counts as paper. Minutes that decided a tender
    still show the decision procedure carried out."""
    from pipeline.models import Flag

    ledger = _doc("办公用品定点采购登记.xlsx", "办公用品定点采购登记（2024—2025学年）",
                  "日期: 2024-10-12；品名: 化学实验器材；金额(元): 47800；采购方式: 三家询价比价；验收: 王志刚、李红双人验收；审批: 校务会研究",
                  "日期: 办公用品经校务会确定在新华文具店定点采购，每学期结算一次，结算单在校务公开栏公示。")
    ledger.doc_type, ledger.doc_kind = "procurement", "record"
    split_sheet = _doc("食堂设备采购明细.xlsx", "食堂设备采购明细",
                       "日期: 2025-03-03；品名: 商用消毒柜；供应商: 恒泰厨具商行；金额(元): 19800；采购方式: 直接采购")
    split_sheet.doc_type, split_sheet.doc_kind = "procurement", "record"
    split = Flag(rule="split-purchase", severity="high", file=split_sheet.file, page=1, message="疑似拆分采购")
    assert _decided("xuexiao", "xuexiao.2", [ledger, split_sheet], []) == "evidenced"
    assert _decided("xuexiao", "xuexiao.2", [ledger, split_sheet], [split]) == "partial"
    minutes = _doc("校务会议纪要（第11次）.pdf", "校务会议纪要",
                   "时间：2024年9月11日 出席：校长张志勇、副校长刘军锋、总务主任屈小平等7人",
                   "议题：学生食堂食材配送服务（约82万元/年）。屈小平：拟委托县公共资源交易中心公开招标。",
                   "刘军锋：同意。张志勇（最后表态）：同意，按程序公开招标，结果在校务公开栏公示。")
    minutes.doc_type, minutes.doc_kind = "minutes", "record"
    assert _decided("xuexiao", "xuexiao.2", [ledger, split_sheet, minutes], [split]) == "evidenced"


def test_a_photographed_minutes_book_dated_in_chinese_numerals_is_a_record():
    """Hand-kept books and formal documents write dates in Chinese numerals ("二〇二四年四月十八日"): a photographed
    page so dated is a dated record, as one dated 2024年4月18日 is."""
    for date in ("二〇二四年四月十八日", "2024年4月18日"):
        book = _doc("党支部会议记录本（拍照）.jpg", f"党支部会议记录{date}支委会（前置研究）", "出席：朱建华王芳李春生",
                    "议题：马铃薯全粉生产线技改（约680万元）")
        book.doc_type, book.doc_kind = "minutes", "record"
        assert set(_kinds("qiye", "qiye.1", book).values()) == {"record"}, date


def test_a_self_assessment_row_is_a_claim_its_scores_are_no_facts():
    """A self-scoring sheet (自评打分表) restates the standard and scores it: "标准分: 20；自评分: 19；自评情况说明: 师德考核与
    评先评优挂钩" is the unit's claim, not even paper; a row reporting what was done, with its facts, still counts."""
    def sheet(note):
        rows = ["和乐镇中心学校清廉学校建设自评打分表（2024—2025学年）", "序号；评价项目；评价要点；标准分；自评分；自评情况说明",
                "序号: 3；评价项目: 办学规范公正；评价要点: 全面落实“双减”政策，整治乱收费、违规补课；标准分: 20；自评分: 20；"
                "自评情况说明: 全面落实“双减”，无乱收费、无违规补课",
                f"序号: 4；评价项目: 师德师风优良；评价要点: 师德考核与评先评优、绩效考核挂钩；开展师德标兵评选；标准分: 20；"
                f"自评分: 19；自评情况说明: {note}"]
        doc = annotate(Document(file="清廉学校建设自评打分表.xlsx", pages=1, passages=[
            Passage(file="清廉学校建设自评打分表.xlsx", page=1, sheet="Sheet1", source="text", index=i, text=t)
            for i, t in enumerate(rows)]))
        doc.doc_type, doc.doc_kind = "report", "report"
        return doc
    status, reason = _status("xuexiao", "xuexiao.4", [sheet("师德考核与评先评优挂钩，开展师德标兵评选")])
    assert status == "missing", reason
    status, reason = _status("xuexiao", "xuexiao.4", [sheet("2025年1月师德考核36人，2人不合格取消评优；评选师德标兵3名")])
    assert status != "missing", reason


def test_a_company_ledger_beside_a_payment_made_before_its_approval_does_not_show_its_money_safe():
    """A payment flagged as made before it was approved (dates-out-of-order) shows the company's controls on money
    and projects not working: its purchase ledger, beside it, no longer shows them working."""
    from pipeline.models import Flag

    ledger = _doc("竹材采购明细（2025年4月）.xlsx", "竹材采购明细",
                  "日期: 2025-04-03；品名: 毛竹；供应商: 歙县竹源林场；金额(元): 48600；比价: 无；审批: 采购部",
                  "日期: 2025-04-09；品名: 毛竹；供应商: 歙县竹源林场；金额(元): 49200；比价: 无；审批: 采购部")
    ledger.doc_type, ledger.doc_kind = "procurement", "record"
    form = _doc("采购付款审批单（种薯）.pdf", "采购付款审批单", "付款日期：2025年3月12日；总经理审批：2025年3月20日")
    form.doc_type, form.doc_kind = "procurement", "record"
    late = Flag(rule="dates-out-of-order", severity="high", file=form.file, page=1, message="日期倒置")
    assert _decided("qiye", "qiye.3", [ledger, form], []) == "evidenced"
    assert _decided("qiye", "qiye.3", [ledger, form], [late]) == "partial"


def test_a_meeting_that_adopts_a_rule_shows_the_rule_not_the_rule_applied():
    """"会议审议通过《医德医风考评实施办法》，考评结果与绩效挂钩" records a rule being made: paper, as the rule book is.
    A row that made a rule and counts what was done with it ("备案43人，接待登记216人次") is a record."""
    minutes = _doc("院党委会议纪要（2024年第6次）.pdf", "院党委会议纪要", "时间：2024年6月12日 出席：院党委委员7人",
                   "会议审议通过《医德医风考评实施办法》，考评结果与绩效考核、评先评优挂钩。")
    minutes.doc_type, minutes.doc_kind = "minutes", "record"
    assert _kinds("yiyuan", "yiyuan.3", minutes).get("会议审议通过《医德医风考") == "paper"
    counted = _doc("院党委会议纪要（2024年第7次）.pdf", "院党委会议纪要", "时间：2024年7月10日 出席：院党委委员7人",
                   "会议审议通过《医德医风考评实施办法》，上半年考评医务人员212人，2人不合格，取消评优。")
    counted.doc_type, counted.doc_kind = "minutes", "record"
    assert _kinds("yiyuan", "yiyuan.3", counted).get("会议审议通过《医德医风考") == "record"


def test_a_year_in_chinese_numerals_is_no_fact_in_a_claim():
    statement = _doc("关于依法纳税和按时发放工资的情况说明.txt", "关于依法纳税和按时发放工资的情况说明",
                     "我公司二〇二四年依法经营，按时足额纳税，按月发放职工工资，做到了不行贿、不欠薪、不逃税、不侵权、不逃废债。")
    statement.doc_type, statement.doc_kind = "report", "report"
    status, reason = _status("qiye", "qiye.5", [statement])
    assert status == "missing" and "只有笼统表述" in reason, reason


def test_a_rectification_rows_combined_measures_and_progress_column_governs_the_row():
    """"整改措施及进展: …正在修订；…拟于四季度实行" names its status column by its end (进展)."""
    ledger = _doc("督导反馈意见及整改清单.docx", "督导反馈意见及整改清单",
                  "序号: 3；督导发现问题: 大宗药材采购无比价记录，采购员长期不轮岗；整改措施及进展: 《采购管理制度》正在修订；"
                  "采购员轮岗拟于四季度实行；责任人: 熊海平")
    ledger.doc_type, ledger.doc_kind = "ledger", "record"
    assert _kinds("qiye", "qiye.3", ledger) == {}


def test_a_board_listing_powers_by_category_is_a_board_not_counted_results():
    """"日常管理类（13项）" is the size of a list on the wall, not a count of things done; a 权力清单 is no form."""
    wall = _doc("村级小微权力清单及运行流程图（上墙照片）.jpg", "村级小微权力清单",
                "二、日常管理类（13项）：村级财务报账、低保和特困初审、宅基地申请初审、土地确权纠纷调处",
                "三、便民服务类（18项）：代办社保医保、开具证明、群众来访接待、残疾人证申请")
    wall.doc_type, wall.doc_kind = "photo", "record"
    status, reason = _status("cunju", "cunju.6", [wall])
    assert status == "partial" and "上墙" in reason, reason


def test_a_screenshots_title_is_no_record_when_its_body_calls_the_showing_off():
    notice = _doc("工作群通知截图（8月党纪学习教育暨警示教育片）.jpg", "工作群通知截图（8月党纪学习教育暨警示教育片） 16:05 4G78%",
                  "【通知】各股室：定于8月15日下午3：00在局四楼会议室组织观看警示教育片《迷途》，各股室负责人参加，不得无故缺席。",
                  "各位：四楼投影仪坏了，今天下午的片子放不成了，时间另行通知。")
    notice.doc_type, notice.doc_kind = "other", "record"
    status, reason = _status("jiguan", "jiguan.4", [notice])
    assert status == "missing" and "推迟" in reason, reason


@pytest.mark.parametrize("unit_type,cid", [("yiyuan", "yiyuan.5"), ("qiye", "qiye.2"), ("jiguan", "jiguan.4")])
def test_a_lecture_on_cases_is_warning_education(unit_type, cid):
    line = "今天下午的讲座结束了，县纪委监委李主任讲了本省的6个案例，全体到场126人。"
    doc = _doc("工作群聊天记录.txt", "工作群聊天记录（8月）", line)
    doc.doc_type, doc.doc_kind = "other", "record"
    assert _kinds(unit_type, cid, doc).get(line[:12]) == "record", _kinds(unit_type, cid, doc)


def test_a_register_of_signed_pledges_is_pledges_not_the_conduct():
    """Rows of a 承诺书签订台账 are pledges signed: for "无行贿逃税" they are paper, not a record of the conduct."""
    register = _doc("会员企业守法诚信承诺书签订台账.xlsx", "会员企业守法诚信承诺书签订台账",
                    "序号: 8；会员企业: 龙泉镇鑫源农资店；法定代表人: 王德顺；签订日期: 2024-04-19；承诺内容: 守法经营、依法纳税、不行贿",
                    "序号: 10；会员企业: 鸦鹊岭镇柑橘服务部；法定代表人: 刘庆；签订日期: 2024-03-21；承诺内容: 守法经营、依法纳税、不行贿")
    register.doc_type, register.doc_kind = "ledger", "record"
    kinds = _kinds("shanghui", "shanghui.5", register)
    assert kinds and set(kinds.values()) == {"paper"}, kinds


def test_pledges_signed_on_the_spot_are_a_pledge():
    book = _doc("村两委工作记录本（摘抄）.pdf", "村两委工作记录本", "2025年1月8日 两委会", "两委5人当场签廉洁履职承诺书。")
    book.doc_type, book.doc_kind = "minutes", "record"
    assert _kinds("cunju", "cunju.4", book).get("两委5人当场签廉洁履职承") == "paper", _kinds("cunju", "cunju.4", book)


def test_a_newsletters_integrity_column_is_the_periodical_platform():
    """An issue of the company's 内刊 with a 【清风苑】 column is the 期刊 the culture criterion asks for: the issue itself."""
    issue = _doc("《皖东电缆人》2024年第3期（节选）.pdf", "皖东电缆人", "2024年第3期（总第41期） 内部资料 2024年10月15日",
                 "【清风苑】“铜价”与“人价”", "车间里天天看铜价。班长老魏说，做人也有个“价”，供应商请吃饭、塞烟卡，收了，这个“价”就跌了。",
                 "【清风苑】廉洁小故事：退回的一箱酒", "主办：公司党支部 综合办公室")
    assert issue.doc_type == "periodical"
    assert _status("qiye", "qiye.4", [issue])[0] == "evidenced"


def test_a_sheets_title_is_no_record_when_its_rows_say_not_done():
    """A workbook sheet "从业人员培训及评选推进表" whose rows say 未开展 / 拟于年底: its title is no record of training."""
    book = Document(file="紫柏山景区2025年综合工作台账.xlsx", pages=2, passages=[
        Passage(file="紫柏山景区2025年综合工作台账.xlsx", page=1, sheet="会议台账", index=0, source="text",
                text="紫柏山景区2025年会议台账"),
        Passage(file="紫柏山景区2025年综合工作台账.xlsx", page=1, sheet="会议台账", index=1, source="text",
                text="日期: 2025-03-05；会议: 安全生产例会；参加: 12人；内容: 春季防火"),
        Passage(file="紫柏山景区2025年综合工作台账.xlsx", page=2, sheet="培训评选", index=2, source="text",
                text="讲解员和从业人员培训及优秀讲解员评选推进表"),
        Passage(file="紫柏山景区2025年综合工作台账.xlsx", page=2, sheet="培训评选", index=3, source="text",
                text="序号: 1；事项: 讲解员和从业人员服务礼仪培训；计划时间: 2025年5月；完成情况: 未开展，推迟至11月"),
        Passage(file="紫柏山景区2025年综合工作台账.xlsx", page=2, sheet="培训评选", index=4, source="text",
                text="序号: 2；事项: 服务标兵评选；计划时间: 2025年9月；完成情况: 未开展，拟于年底闭园后评选")])
    book = annotate(book)
    assert _status("jingqu", "jingqu.4", [book])[0] != "evidenced"


def test_a_ledger_row_whose_status_only_says_the_work_goes_on_is_paper():
    ledger = _doc("商会2024年工作台账.xlsx", "廉洁教育活动台账",
                  "序号: 5；计划时间: 全年；活动内容: 深入开展廉洁文化讲座，增强会员廉洁意识；完成情况: 持续推进",
                  "序号: 6；日期: 2024-06-12；活动内容: 廉洁文化讲座，会员企业负责人32人参加；完成情况: 已完成")
    ledger.doc_type, ledger.doc_kind = "ledger", "record"
    kinds = _kinds("shanghui", "shanghui.3", ledger)
    assert kinds.get("序号: 5；计划时间: ") == "paper" and kinds.get("序号: 6；日期: 20") == "record", kinds


def test_a_family_notes_dates_written_with_号_and_a_short_year_are_dates():
    """"24年4月4号清明节，全家到邓恩铭故居参观" in an undated 家庭情况说明 is a dated record, not a claim."""
    note = _doc("家庭情况说明.txt", "家庭情况说明", "一、红色教育。24年4月4号清明节，全家到荔波县邓恩铭故居参观，给两个孩子讲烈士的事迹。")
    note.doc_type, note.doc_kind = "report", "report"
    assert _kinds("jiating", "jiating.1", note).get("一、红色教育。24年4月") == "record", _kinds("jiating", "jiating.1", note)


def test_a_brochures_claims_are_the_units_own_account_not_records():
    """A 宣传册 says what the unit says of itself: "打造两条清廉主题游线，年接待研学团队300余批次" is no record of a route."""
    leaflet = _doc("红色狼牙山清风景区行宣传册.pdf", "狼牙山风景区文旅融合宣传册",
                   "景区深挖五勇士英雄文化和太行红色资源，精心打造“五勇士足迹”“清风狼牙”两条清廉主题游线，年接待清廉研学团队300余批次。")
    assert leaflet.doc_type == "brochure"
    assert set(_kinds("jingqu", "jingqu.3", leaflet).values()) == {"paper"}


def test_one_persons_honour_is_a_minor_part_of_a_units_criterion_but_a_familys_own():
    """A cadre's 先进个人 certificate in a 局's folder shows his work, not the 局's cadres as a whole: paper (partial).
    In a family's folder the same honour is the family member's own record."""
    def cert(name, doc_type):
        doc = _doc(name, "荣誉证书", "王立新同志：", "在2024年度全市河长制湖长制工作中表现突出，被评为北京市河长制湖长制工作先进个人。",
                   "北京市总河长办公室 2025年1月20日")
        doc.doc_type, doc.doc_kind = doc_type, "record"
        return doc
    status, reason = _status("jiguan", "jiguan.5", [cert("王立新同志获市河长制工作先进个人（证书照片）.jpg", "photo")])
    assert status == "partial", reason
    both = _doc("关于表彰2024年度河长制工作先进集体和先进个人的决定.pdf", "关于表彰2024年度河长制工作先进集体和先进个人的决定",
                "一、先进集体：怀柔区水务局", "二、先进个人：王立新", "北京市总河长办公室 2025年1月20日")
    both.doc_type, both.doc_kind = "commendation", "record"
    assert "record" in _kinds("jiguan", "jiguan.5", both).values(), _kinds("jiguan", "jiguan.5", both)
    kinds = _kinds("jiating", "jiating.4", cert("关于表彰2024年度河长制工作先进个人的通报.pdf", "commendation"))
    assert "record" in kinds.values(), kinds


def test_a_photographed_tax_rating_shows_the_conduct_a_lecture_photo_does_not():
    """"经评定，你单位为2023年度纳税信用A级纳税人" photographed shows 不逃税 (one of the 五不): partial for qiye.5. A photo of
    a lecture on the 五不 shows the education, not the conduct."""
    rating = _doc("纳税信用A级纳税人（拍照）.jpg", "2023年度纳税信用A级纳税人", "重庆市涪陵区某食品有限公司",
                  "经评定，你单位为2023年度纳税信用A级纳税人。", "国家税务总局重庆市涪陵区税务局", "2024年4月")
    rating.doc_type, rating.doc_kind = "photo", "record"
    assert _status("qiye", "qiye.5", [rating])[0] == "partial"
    lecture = _doc("五不专题讲座（照片）.jpg", "“五不”守法经营专题讲座", "主讲：区税务局 讲授不逃税、不欠薪典型案例",
                   "2024年6月12日")
    lecture.doc_type, lecture.doc_kind = "photo", "record"
    assert _status("qiye", "qiye.5", [lecture])[0] == "missing"


_FLOW = ["讲解员及一线从业人员服务能力培训申请", "松岭峡谷景区管理中心OA · 事项审批",
         "流程编号：SX-2026-0087；发起人：王丹（游客服务部）", "发起时间：2026-06-10 14:05；当前状态：{state}",
         "拟于6月20日邀请兴安盟导游协会讲师，对讲解员20名、售检票及观光车司机30名开展为期2天的服务能力培训，评选优秀讲解员3名。",
         "节点: 财务；处理人: 高娃；操作: 同意；时间: 2026-06-11 09:20；意见: 经费可列支",
         "节点: 主任；处理人: 乌力吉；操作: {step}；时间: 2026-06-12 08:15；意见: {opinion}"]


def test_a_rejected_approval_flow_shows_nothing_done():
    """An OA flow that ended rejected ("当前状态：已驳回", its last step 驳回) asked for a training that was not
    held: its lines count for nothing. The same flow approved is not set aside as rejected."""
    rejected = _doc("OA流程_讲解员服务能力培训申请.pdf", *[
        t.format(state="已驳回", step="驳回", opinion="旺季人手紧，培训放到11月淡季") for t in _FLOW])
    status, reason = _status("jingqu", "jingqu.4", [rejected])
    assert status == "missing" and "驳回" in reason, reason
    # no status line: the last step decides
    last_step = _doc("OA流程_讲解员服务能力培训申请.pdf", *[
        t.format(state="", step="驳回", opinion="放到淡季") for t in _FLOW if "当前状态" not in t])
    assert _status("jingqu", "jingqu.4", [last_step])[0] == "missing"
    approved = _doc("OA流程_讲解员服务能力培训申请.pdf", *[
        t.format(state="已通过", step="同意", opinion="同意，注意安全") for t in _FLOW])
    assert "驳回" not in _status("jingqu", "jingqu.4", [approved])[1]     # (an approved request is still a plan)


def test_records_of_an_outcome_clause_alone_show_no_work_done():
    """A ledger saying no one broke the rules ("未发生违纪违法行为", a ``core: false`` clause) records an outcome, not
    the 八项规定 work or the 四风 campaign: partial, with the reason saying so. With a record of the work itself it is
    evidenced."""
    clean = _doc("2025年干部职工违纪违法情况统计台账.xlsx", "2025年干部职工违纪违法情况统计台账",
                 "月份: 1月；违纪违法人数: 0；备注: 全局干部职工未发生违纪违法行为",
                 "月份: 2月；违纪违法人数: 0；备注: 全局干部职工未发生违纪违法行为")
    status, reason = _status("jiguan", "jiguan.6", [clean])
    assert status == "partial" and "只涉及“无干部职工违纪违法”等结果或氛围" in reason, reason
    checks = _doc("节前作风纪律检查记录.docx", "2025年春节前作风纪律检查记录", "检查时间：2025年1月20日　检查人：纪检组长王强、李明",
                  "检查公务用车停放情况，3辆公车全部按规定封存停放，未发现公车私用。",
                  "抽查2024年12月公务接待清单5份，均有公函、接待清单，未发现超标准接待。")
    assert _status("jiguan", "jiguan.6", [clean, checks])[0] == "evidenced"


def _main_work_shown(unit_type: str, cid: str, other: Document, missing_note: str, main: Document) -> None:
    """``main_records``: ``other`` alone is partial and the reason names the main work not seen; with ``main`` the
    criterion is evidenced."""
    status, reason = _status(unit_type, cid, [other])
    assert status == "partial" and missing_note in reason, reason
    assert _status(unit_type, cid, [other, main])[0] == "evidenced"


def test_a_meeting_that_talks_of_the_assessment_is_no_assessment_done():
    """For 医德医风 (yiyuan.3) the main work is the 考评 and its results; a 党委会 that discussed them shows it
    arranged, partial. The results table shows it done. (Checklist ``main_records``.)"""
    meeting = _doc("院党委会议纪要（2025年第5次）.pdf", "院党委会议纪要", "时间：2025年5月20日　主持：党委书记王强　出席：班子成员7人",
                   "会议研究医德医风考评工作，考评结果与绩效、评先评优、职称晋升挂钩，每季度考评一次。",
                   "会议要求药剂科每月开展处方点评，对超常使用的药品耗材预警。")
    results = _doc("2025年上半年医德医风考评结果运用表.xlsx", "2025年上半年医德医风考评结果运用表",
                   "科室: 内科；姓名: 李明；考评等次: 优秀；结果运用: 绩效加2分，优先评先",
                   "科室: 外科；姓名: 张华；考评等次: 较差；结果运用: 扣绩效500元，取消当年评优资格")
    _main_work_shown("yiyuan", "yiyuan.3", meeting, "未见医德医风考评结果", results)
    # the 超常预警 clause alone is a minor part of it (``main_records.clauses``)
    warnings = _doc("2025年第二季度处方点评及超常预警通报.docx", "2025年第二季度处方点评及超常预警通报",
                    "2025年7月5日，药剂科对二季度门诊处方1200张进行点评，不合理处方23张，已反馈科室整改。",
                    "对超常使用的药品3种、耗材2种发出预警，暂停采购1种，约谈科主任2人。")
    _main_work_shown("yiyuan", "yiyuan.3", warnings, "未见医德医风考评结果", results)


def test_a_relatives_business_and_a_recusal_asked_for_are_named_in_any_words():
    """"我申请在…验收中回避" and "我妻子的弟弟…经营一家…合作社" name the 亲属经商 clause (jiating.1.2) without its words."""
    diary = _doc("家庭记事本（拍照）.jpg", "家庭记事本",
                 "2025年3月12日 妻弟在镇上经营一家建材店，要参加村道硬化工程投标。",
                 "2025年3月14日 我申请在该工程的验收中回避。")
    status, reason = _status("jiating", "jiating.1", [diary])
    assert "条款“管好亲属子女和家属经商办企业规定”有记录佐证" in reason, reason


def test_a_household_account_book_shows_the_family_living_within_its_means():
    """A family's 收支账本 (rows "日期；项目；支出") records 勤俭持家 (jiating.3.1) without the word; a 家训 on the
    wall alone does not."""
    book = _doc("2024年家庭收支账本.xlsx", "2024年家庭收支账本", "日期；项目；收入；支出；备注",
                "日期: 2024-02-10；项目: 春节年货；收入: 0；支出: 860；备注: 不放烟花",
                "日期: 2024-04-04；项目: 清明祭扫花圈；收入: 0；支出: 80；备注: 县烈士陵园",
                "日期: 2024-06-30；项目: 上半年工资；收入: 52000；支出: 0；备注: —")
    status, reason = _status("jiating", "jiating.3", [book])
    assert status == "evidenced" and "条款“勤俭节约简约适度”有记录佐证" in reason, reason


def test_power_runs_by_rule_only_when_the_collective_decision_is_shown():
    """jiguan.2's main work is the collective decision (三重一大, 末位表态; ``main_records.clauses``): a 三公经费
    ledger alone is a minor part, partial."""
    ledger = _doc("“三公”经费及公务接待台账（2026年1-8月）.xlsx", "“三公”经费及公务接待台账",
                  "日期: 2026-03-12；类别: 公务接待；事由: 市局检查；人数: 3；金额: 420；附件: 公函、接待清单",
                  "日期: 2026-05-20；类别: 公务用车运行；事由: 加油；金额: 380；附件: 派车单")
    status, reason = _status("jiguan", "jiguan.2", [ledger])
    assert status == "partial" and "未见“三重一大”集体决策" in reason, reason


def test_a_report_its_superior_answered_is_a_record_of_the_reporting():
    """A cadre's report on a relative's business, answered "局党委意见：同意回避申请", was filed and acted on: a
    record (``endorsed_report``). The same report under a vague title and with no answer is the family's own claim;
    titled as a report of a relative's business, it is the record itself (``record_documents``)."""
    lines = ["关于有关情况的汇报", "局党委：",
             "本人弟弟孙海军注册成立扬州顺达货运有限公司，其车辆年审等事项由我科办理。",
             "为避免利益冲突，特此报告，并申请：今后凡涉及该公司的事项，本人一律回避，由副科长负责办理。",
             "报告人：孙海林2024年4月15日"]
    answered = _doc("情况汇报.pdf", *lines, "局党委意见", "同意回避申请。涉及该公司的事项由副科长办理。",
                    "局党委书记：（签字） 2024年4月17日")
    assert answered.doc_kind == "report"
    status, reason = _status("jiating", "jiating.1", [answered])
    assert "条款“管好亲属子女和家属经商办企业规定”有记录佐证" in reason, reason
    unanswered = _doc("情况汇报.pdf", *lines)
    assert "条款“管好亲属子女和家属经商办企业规定”有记录佐证" not in _status("jiating", "jiating.1", [unanswered])[1]
    # titled as what it is (关于本人亲属从业情况的报告), the filed report is itself the record (``record_documents``)
    titled = _doc("关于本人亲属从业情况的报告.pdf", "关于本人亲属从业情况的报告", *lines[1:])
    assert _status("jiating", "jiating.1", [titled])[0] == "evidenced"


def test_an_agenda_topic_whose_decision_puts_it_off_shows_nothing_done():
    """"议题：厂区清廉文化墙" answered "设计稿已出，预算3.2万元。决定：…文化墙暂不制作，等二期完工后再建": the decision
    puts it off, whatever was said before it."""
    minutes = _doc("党支部委员会会议记录.pdf", "巴山牧业公司党支部委员会会议记录",
                   "时间：2025年4月9日下午地点：公司会议室出席：向国富（书记）李春燕王明", "议题：肉牛育肥场二期项目前置研究",
                   "李春燕：二期土建要公开招标，不能给熟人。王明：补助资金要专户管理，按进度付。",
                   "向国富（最后）：形成意见：1.土建公开招标；2.补助资金专户管理；3.工地设廉洁监督员。",
                   "时间：2025年7月17日支委会", "出席：向国富李春燕王明", "议题：厂区清廉文化墙",
                   "李春燕汇报：设计稿已出，预算3.2万元。决定：二期施工期间厂区要改道，文化墙暂不制作，等二期完工后再建。")
    status, reason = _status("qiye", "qiye.4", [minutes])
    assert status == "missing" and "称未开展" in reason and "零星提及" not in reason, reason


def test_village_rules_on_the_wall_alone_are_no_customs_changed():
    """cunju.5 (移风易俗效果优): a photo of the 村规民约 board shows the rules posted, not customs changed: partial
    (checklist ``main_records``)."""
    board = _doc("村规民约公示栏.jpg", "后屯村村规民约 (摘要）", "婚事新办：彩礼不超过5万元，婚宴不超过15桌。",
                 "丧事简办：不搭灵棚过夜，不雇吹鼓手，丧期不超过3天。", "红白理事会会长：王德明", "后屯村民委员会2025年1月")
    assert _status("cunju", "cunju.5", [board])[0] == "partial"


def test_a_schools_self_assessment_alone_is_no_internal_management_shown():
    """xuexiao.2's main work is the school deciding and buying by its procedures (meetings, decision and purchase
    registers; ``main_records``): a dated self-assessment report alone is partial."""
    report = _doc("西关初中2024—2025学年清廉学校建设自查报告.pdf", "西关初中2024—2025学年清廉学校建设自查报告",
                  "2025年3月12日，学校对食堂、基建、采购等重点领域开展自查，发现问题3个，已整改2个。",
                  "全年“三重一大”事项均经校务会集体研究，共研究12项，结果在校务公开栏公示。",
                  "2025年4月，学校人事、财务、采购信息在校务公开栏公开4次。")
    status, reason = _status("xuexiao", "xuexiao.2", [report])
    assert status == "partial" and "未见校务会" in reason, reason


def test_a_scenic_areas_purchase_form_alone_is_no_rule_kept_in_its_decisions():
    """jingqu.5's main work is management deciding by its rules (经理办公会 minutes; ``main_records``): one purchase's
    quotation record alone is a minor part, partial."""
    quotes = _doc("电子讲解器采购询价记录.pdf", "电子讲解器采购询价记录", "采购项目：电子讲解器40台 预算：3.6万元",
                  "询价日期：2025年5月12日 询价人：综合部王某、财务部李某",
                  "报价单位：甲公司3.4万元；乙公司3.55万元；丙公司3.7万元。按最低价确定甲公司，采购管理办法第八条执行。")
    status, reason = _status("jingqu", "jingqu.5", [quotes])
    assert status == "partial" and "未见经理办公会" in reason, reason


def test_a_pledge_naming_the_criterion_is_a_partial_showing():
    """A cadre's signed pledge (承诺书) that names the criterion in one sentence is the pledge the issue counts as
    partial, not a passing mention; the same sentence in an unrelated notice stays a passing mention."""
    line = "本人承诺：廉洁自律、勤勉尽责，管好家属子女，不利用职务便利为亲属谋取利益。"
    pledge = _doc("领导干部廉洁承诺书（李国栋）.docx", "领导干部廉洁承诺书", line, "承诺人：李国栋　2025年3月2日")
    doc = pledge.doc_type
    status, reason = _status("jiating", "jiating.4", [pledge])
    assert doc == "pledge" and status == "partial", (doc, reason)
    notice = _doc("关于做好春节期间有关工作的通知.docx", "关于做好春节期间有关工作的通知",
                  "各村要做好春节期间值班值守和安全生产工作。", line)
    assert _status("jiating", "jiating.4", [notice])[0] == "missing"


def test_a_disclosure_board_alone_is_no_major_matter_decided_by_procedure():
    """cunju.2's main work is major matters decided by the 四议两公开 procedure (``main_records``): a dated 三务公开
    board shows the minor clause, partial; the 村民代表会议 record of a decision shows the main work."""
    board = _doc("村务公开栏（2025年第二季度）.jpg", "东岙村三务公开栏（2025年第二季度）",
                 "财务公开：二季度收入38.6万元，支出21.4万元，明细见附表。",
                 "村务公开：村道修缮工程经“四议两公开”程序决定，由村民代表会议表决通过，造价12.8万元。",
                 "党务公开：发展党员1名，公示期2025年6月1日至7日。", "东岙村村务监督委员会　2025年7月5日")
    minutes = _doc("村民代表会议记录（村道修缮）.pdf", "东岙村村民代表会议记录", "时间：2025年4月18日　应到代表31人，实到27人",
                   "议题：村道修缮工程（预算12.8万元），经村党支部提议、村两委商议、党员大会审议。",
                   "表决：同意25人，反对1人，弃权1人，决议通过，结果在三务公开栏公示7天。")
    _main_work_shown("cunju", "cunju.2", board, "未见重大事项按“四议两公开”程序决策实施的记录", minutes)


def test_a_chamber_party_branchs_own_study_is_no_theme_activity_for_members():
    """shanghui.3's main work is theme activities for the member firms (``main_records``): the 商会党支部's own
    records (重温入党誓词, 烈士陵园祭扫 by its members) are the branch's party life, criterion 1, so partial; a 讲座
    for the member firms shows the main work."""
    branch = _doc("商会党支部工作记录本（扫描）.pdf", "商会党支部工作记录本", "2024年4月3日　主题党日",
                  "到市革命烈士陵园祭扫，重温入党誓词，党员7人参加。",
                  "2024年7月1日　组织党员观看警示教育片《零容忍》，交流观后感，党员7人参加。")
    lecture = _doc("廉洁文化讲座签到表（2024年10月18日）.pdf", "清廉商会廉洁文化讲座签到表",
                   "时间：2024年10月18日下午　地点：商会会议室　主讲：市纪委宣传部李明",
                   "会员企业负责人46人参加廉洁文化讲座，讲解民营企业行贿受贿典型案例5个，现场签订守法诚信承诺书。")
    _main_work_shown("shanghui", "shanghui.3", branch, "面向会员企业的主题活动记录", lecture)


def test_a_binder_sections_contents_note_is_no_evidence():
    """A binder's section cover ("三、选人用人" over "（干部选拔任用工作台账、“一报告两评议”材料）") lists what the section
    should hold; with nothing behind it, it shows nothing. A record in the section still counts."""
    note = "（干部选拔任用工作台账、“一报告两评议”材料）"
    cover = _doc("2024年度清廉机关建设台账资料（合订本）.pdf", "某县自然资源局2024年度清廉机关建设台账资料汇编",
                 "三、选人用人", note, "四、廉洁教育与清廉文化")
    standards = load_checklists()
    matched = Matcher(standards["jiguan"], standards, MatchConfig.load(), None, "keyword").match([cover])
    assert not any(m.passage.text == note for m in matched.matches)
    topics = _doc("清廉企业建设资料（合订本）.pdf", "某公司2024年清廉企业建设资料", "四、廉洁文化建设",
                  "（宣传栏、内刊清廉专栏）", "五、依法合规经营")
    matched = Matcher(standards["qiye"], standards, MatchConfig.load(), None, "keyword").match([topics])
    assert not any(m.passage.text == "（宣传栏、内刊清廉专栏）" for m in matched.matches)
    row = "2024年6月12日，局党组会研究干部选拔任用，民主推荐、考察、公示5个工作日，任用股室负责人2名。"
    kept = Matcher(standards["jiguan"], standards, MatchConfig.load(), None, "keyword").match(
        [_doc("选人用人台账.pdf", "选人用人工作台账", row)])
    assert any(m.passage.text == row and m.criterion == "jiguan.3" for m in kept.matches)


def test_a_notice_putting_the_thing_off_shows_nothing():
    """A notice titled to put the thing off (关于推迟开展…师德标兵评选的通知) is no plan of it either: its lines are
    set aside as deferred, and the reason says so; the same notice announcing the selection is a plan (partial)."""
    body = ["各班级、各教研组：", "原定于5月开展的2025年度师德标兵评选，因上级考核办法调整，推迟至下学期进行，具体时间另行通知。",
            "评选将坚持师德第一标准，实行一票否决，评选结果与绩效考核挂钩。", "某镇中心小学　2025年4月28日"]
    put_off = _doc("关于推迟开展2025年度师德标兵评选的通知.pdf", "关于推迟开展2025年度师德标兵评选的通知", *body)
    status, reason = _status("xuexiao", "xuexiao.4", [put_off])
    assert status == "missing" and "称尚待开展或推迟" in reason, reason
    notice = _doc("关于开展2025年度师德标兵评选的通知.pdf", "关于开展2025年度师德标兵评选的通知", body[0],
                  "学校定于5月开展2025年度师德标兵评选，各教研组推荐1至2名候选人。", *body[2:])
    assert _status("xuexiao", "xuexiao.4", [notice])[0] == "partial"
    # a notice suspending a supplier is a deed, not an event put off
    standards = load_checklists()
    facts = Matcher(standards["yiyuan"], standards, MatchConfig.load(), None, "keyword").facts
    suspended = _doc("关于暂停某医疗器械公司供货资格的通知.pdf", "关于暂停某医疗器械公司供货资格的通知",
                     "经查，该公司医药代表向我院人员赠送购物卡，自2025年6月1日起暂停其供货资格一年，列入黑名单。")
    assert suspended.doc_kind in MatchConfig.load().paper_kinds and not facts.postpones(suspended)
    assert facts.postpones(put_off)


def test_a_households_account_book_is_the_record_of_its_thrift():
    """A family's own account book (家里收支, dated by the year it covers) is by itself the record of 勤俭持家
    (checklist ``record_documents``), though no row names thrift; an undated list of prices is not."""
    rows = ["1.28文斌学费补差 2,300", "2.08年货（腊肉自家熏，只买鱼和水果）680", "10.03同事儿子结婚随礼 200",
            "12.30全年结余存定期 31,000"]
    book = _doc("家庭收支流水本（拍照）.xlsx", "2024年家里收支（秋香记）", *rows)
    assert book.doc_type in ("ledger", "other"), book.doc_type
    assert _status("jiating", "jiating.3", [book])[0] == "evidenced"
    undated = _doc("家庭收支流水本（拍照）.xlsx", "家里收支（秋香记）", *rows)
    assert _status("jiating", "jiating.3", [undated])[0] != "evidenced"


def test_a_dispute_register_with_dated_entries_is_the_record_of_mediation():
    """A village's 矛盾纠纷调解登记本 whose entries date themselves (3月5日…, 5月17日…) is the record of its
    mediation (``record_documents``), though the classifier may read each chatty entry as about something else."""
    book = _doc("矛盾纠纷调解登记本（拍照）.xlsx", "某村人民调解委员会调解登记",
                "3月5日二组方家与詹家宅基地边界到现场量了，按老证的界桩定，两家签了协议。调解人：詹国强",
                "5月17日四组12户茶园流转租金没到账，联系承包老板，5月25日打到各户卡上。调解人：余德胜",
                "8月2日三组排水沟堵了淹了邻居菜地，组织两家清沟，赔了200块菜钱。调解人：方明亮")
    standards = load_checklists()
    matched = Matcher(standards["cunju"], standards, MatchConfig.load(), _ZeroClassifier(),
                      "full").match([book])
    criterion = next(c for c in standards["cunju"].criteria if c.id == "cunju.6")
    result = decide(criterion, [m for m in matched.matches if m.criterion == "cunju.6"], matched.set_aside,
                    MatchConfig.load(), [])
    assert result.status == "evidenced", result.reason


def test_a_village_ledger_with_a_split_purchase_does_not_show_its_funds_controlled():
    """A village's expense ledger shows 联审联批 on every row (监委审核, 农经站审批); flagged for a purchase split
    under the line, it no longer shows the 三资 under control: cunju.3 is partial, and the reason names the flag."""
    ledger = _doc("2024年村级支出台账（1-10月）.xlsx", "2024年村级支出台账（1-10月）",
                  "日期；事项；金额（元）；经办人；监委审核；镇农经站审批",
                  "日期: 2024-03-05；事项: 村道路灯维修（一）；金额（元）: 9,600；经办人: 王立；监委审核: 同意 李明；镇农经站审批: 同意",
                  "日期: 2024-03-12；事项: 村道路灯维修（二）；金额（元）: 9,800；经办人: 王立；监委审核: 同意 李明；镇农经站审批: 同意",
                  "日期: 2024-05-20；事项: 村集体资产（仓库）出租收入入账；金额（元）: 12,000；经办人: 王立；监委审核: 同意 李明；镇农经站审批: 同意")
    assert _status("cunju", "cunju.3", [ledger])[0] == "evidenced"
    status, reason = _decide_with_flag("cunju", "cunju.3", ledger, "split-purchase")
    assert status == "partial" and "疑似拆分采购" in reason, reason


def test_a_cadres_report_of_a_relatives_business_keeps_the_rule():
    """A cadre's dated report of his spouse's shop (关于配偶经营便利店有关情况的报告) is itself the keeping of the rule
    on relatives' business (jiating.1, ``record_documents``), though it reads like a statement."""
    report = _doc("关于配偶经营便利店有关情况的报告.pdf", "关于配偶经营便利店有关情况的报告", "县委组织部：",
                  "本人配偶王丽在城关镇开设便利店一家，经营日用百货，与本人所在单位无业务往来。",
                  "本人将严格遵守有关规定，如有变化及时报告。", "报告人：陈建华", "2025年3月6日")
    assert _status("jiating", "jiating.1", [report])[0] == "evidenced"


def test_a_photo_of_a_selection_result_is_no_education_photo():
    """For a conduct criterion a photo of a lecture shows the education, not the conduct; a photographed 评选结果公示
    is a rating of the conduct, like a certificate: xuexiao.4's 师德标兵 chosen on the 师德考核 results."""
    board = _doc("2025年师德标兵评选结果公示.jpg", "2025年度校级师德标兵评选结果公示",
                 "经教师个人申报、教研组推荐、家长代表评议、校务会研究，评选以下5名教师为2025年度校级师德标兵：",
                 "评选以2024—2025学年师德考核结果为依据，考核“基本合格”及以下者不得参评；师德标兵当年绩效考核加2分。",
                 "公示时间：2025年9月3日—9月9日", "都江镇中心校　2025年9月3日")
    assert board.doc_type == "photo", board.doc_type
    assert _status("xuexiao", "xuexiao.4", [board])[0] == "evidenced"


def test_a_meetings_venue_line_is_no_evidence():
    """"地点：村便民服务中心会议室" names the room the 村民代表大会 met in, not 便民服务 given."""
    venue = "地点：村便民服务中心会议室"
    minutes = _doc("产业路硬化项目村民代表大会记录.pdf", "某村产业路硬化项目村民代表大会记录", "时间：2025年4月12日", venue,
                   "议题：产业路硬化项目（预算28.4万元）")
    standards = load_checklists()
    matched = Matcher(standards["cunju"], standards, MatchConfig.load(), None, "keyword").match([minutes])
    assert not any(m.passage.text == venue for m in matched.matches)


def test_a_record_document_of_plain_statements_is_still_its_own_record():
    """A cadre's written report of his brother-in-law's contract states facts without dates or counts — bare claims
    in a report — yet filing it is the keeping of the rule (``record_documents``); only its body saying it was not
    done would deny it."""
    body = ["县纪委监委、县委组织部：", "本人妻弟雷志强经营的建筑队承揽了镇里的村道硬化工程。",
            "本人未参与该工程的任何环节，也未打过招呼。", "特此报告。", "报告人：武建平", "2025年4月16日"]
    report = _doc("关于妻弟雷志强承揽工程情况的书面报告.txt", "关于妻弟雷志强承揽工程情况的书面报告", *body)
    standards = load_checklists()
    matched = Matcher(standards["jiating"], standards, MatchConfig.load(), None, "keyword").match([report])
    criterion = next(c for c in standards["jiating"].criteria if c.id == "jiating.1")
    assert any(s.criterion == "jiating.1" and s.why == "bare-claim" for s in matched.set_aside)
    result = decide(criterion, [m for m in matched.matches if m.criterion == "jiating.1"], matched.set_aside,
                    MatchConfig.load(), [])
    assert result.status == "evidenced", result.reason


def test_the_units_own_claims_alone_are_missing_not_partial():
    """A summary that says the company keeps the 五不 line, with no date or count, is the unit's own claim: neither a
    record nor a plan, rule or pledge, so the criterion is missing and the reason says it rests on the unit's account.
    A count in it ("签订承诺书86份") is something to go on."""
    claims = _doc("星江茶业2024年清廉企业建设汇报.docx", "星江茶业2024年清廉企业建设汇报",
                  "公司组织管理人员学习《民营企业合规经营指引》，坚决做到“五不”，不搞利益输送，不搞权钱交易。",
                  "公司召开合规经营专题会，管理层带头守法合规，坚守亲清政商关系底线，不向公职人员输送利益。")
    status, reason = _status("qiye", "qiye.5", [claims])
    assert status == "missing" and "自述材料" in reason and "《星江茶业2024年清廉企业建设汇报.docx》" in reason, reason
    counted = _doc("星江茶业2024年清廉企业建设汇报.docx", "星江茶业2024年清廉企业建设汇报",
                   "公司坚持依法经营、诚信经营，坚决做到“五不”，组织中层以上管理人员签订廉洁从业承诺书32份。",
                   "公司管理层带头守法合规，坚守亲清政商关系底线，企业合规经营意识不断增强。")
    assert _status("qiye", "qiye.5", [counted])[0] == "partial"


def test_a_ledger_row_that_copies_a_clause_as_its_work_is_the_standard_restated():
    """A one-workbook unit's sheet whose 工作内容 cells are the standard's clauses ("完成时间: 全年") shows nothing
    done; a row of real work beside it does."""
    copied = _doc("清廉机关创建工作总台账（2025年）.xlsx", "清廉机关创建工作台账——三 用人导向鲜明",
                  "工作内容: 坚持选人用人导向正确、程序规范，标准严格；完成时间: 全年；责任人: 人事股",
                  "工作内容: 不以地域划线，不搞任人唯亲，不搞小圈子；完成时间: 全年；责任人: 人事股",
                  "工作内容: 选人用人风清气正；完成时间: 全年；责任人: 人事股")
    status, reason = _status("jiguan", "jiguan.3", [copied])
    assert status == "missing" and "仅转述创建标准原文" in reason, reason
    done = _doc("清廉机关创建工作总台账（2025年）.xlsx", "清廉机关创建工作台账——三 用人导向鲜明",
                "工作内容: 提拔副科级干部2名，经民主推荐、考察、党组会讨论决定，任前公示5个工作日；完成时间: 2025-06-12；"
                "责任人: 人事股",
                "工作内容: 开展选人用人工作“一报告两评议”，发放评议票46张；完成时间: 2025-03-20；责任人: 人事股")
    assert _status("jiguan", "jiguan.3", [done])[0] != "missing"


def test_a_pledge_naming_a_criterions_own_words_is_not_vetoed():
    """A cadre's pledge ("三、勤勉尽责，不庸懒散拖") lists several commitments; the classifier, reading the list as one
    topic, may score the others at nothing. A pledge is paper whatever it names, so its keyword hits stand: jiating.4 is
    partial, as pledges alone are. A synonym-only hit is still vetoed."""
    pledge = _doc("梁文华廉洁承诺书.jpg", "领导干部廉洁从政承诺书", "本人郑重承诺：",
                  "一、严格遵守中央八项规定精神；二、不利用职权为亲属经商办企业谋利；三、勤勉尽责，不庸懒散拖；",
                  "承诺人：梁文华", "2024年3月1日")
    pledge.doc_type, pledge.doc_kind = "pledge", "pledge"
    standards = load_checklists()
    config = MatchConfig.load()
    # every passage about jiating.1 and nothing else: it would veto any other criterion's keyword
    clf = _OneTopicClassifier("jiating.1", {"record": 0.1, "plan": 0.1, "rule": 0.1, "pledge": 0.6, "negated": 0.0,
                                            "other": 0.1})
    matched = Matcher(standards["jiating"], standards, config, clf, "full").match([pledge])
    criterion = next(c for c in standards["jiating"].criteria if c.id == "jiating.4")
    result = decide(criterion, [m for m in matched.matches if m.criterion == "jiating.4"], matched.set_aside, config, [])
    assert result.status == "partial", result.reason


def test_a_reposted_article_is_another_units_news_not_evidence():
    """"转载｜江津区白酒商会组织会员企业参观廉政教育基地" tells what another chamber did; filed by this one, it is
    nothing of its own — not a record, not even paper — and the reason says so. The same article as its own news counts."""
    lines = ("2024年5月16日，商会组织32家会员企业负责人赴区廉政教育基地参观学习，观看警示教育片《围猎》。",
             "参观结束后，会员企业代表现场签订守法诚信承诺书，并集体宣誓。")
    reposted = _doc("转载｜江津区白酒商会组织会员企业参观廉政教育基地.pdf", "江津区白酒商会组织会员企业参观廉政教育基地", *lines)
    status, reason = _status("shanghui", "shanghui.3", [reposted])
    assert status == "missing" and "系转载的其他单位或媒体信息" in reason, reason
    own = _doc("商会组织会员企业参观廉政教育基地.pdf", "商会组织会员企业参观廉政教育基地", *lines)
    assert _status("shanghui", "shanghui.3", [own])[0] != "missing"


def test_a_photographed_account_book_is_the_record_of_its_thrift_too():
    """The same book photographed (typed as a photo) is still the family's account book."""
    book = _doc("家庭记账本（拍照）.jpg", "2024年家庭记账（李琴）", "2/9年货：自家熏腊肉，只买了糖果320",
                "3/16同事娶媳妇礼200", "12/31全年结余3.2万存定期")
    book.doc_type, book.doc_kind = "photo", "record"
    assert _status("jiating", "jiating.3", [book])[0] == "evidenced"


def test_a_register_row_still_in_progress_with_its_event_put_off_is_not_done():
    """"完成情况: 推进中：方案已印发，初赛延期至12月" says the work goes on and its event was put off: no record of the
    contest; "拟结合…民主生活会一并开展" is still to come. A row reporting the contest held is a record."""
    def register(*rows):
        return _doc("2025年清廉机关建设任务推进台账.xlsx", "2025年清廉机关建设任务推进台账", *rows)
    put_off = register("序号: 14；类别: 担当作为；工作任务: “比学赶超”业务技能比武；牵头科室/责任人: 人事科；时间节点: 9月；"
                       "完成情况: 推进中：方案已印发，初赛延期至12月",
                       "序号: 8；类别: 选人用人；工作任务: 选人用人工作“一报告两评议”；牵头科室/责任人: 人事科；时间节点: 年底；"
                       "完成情况: 拟结合2025年度民主生活会一并开展")
    assert _status("jiguan", "jiguan.5", [put_off])[0] != "evidenced"
    assert _status("jiguan", "jiguan.3", [put_off])[0] != "evidenced"
    held = register("序号: 14；类别: 担当作为；工作任务: “比学赶超”业务技能比武；牵头科室/责任人: 人事科；时间节点: 9月；"
                    "完成情况: 9月26日举行初赛，42人参加，评出一等奖3名",
                    "序号: 15；类别: 担当作为；工作任务: 季度“红黑榜”评选；完成情况: 7月8日公布二季度红榜5人")
    assert _status("jiguan", "jiguan.5", [held])[0] == "evidenced"
