"""leader-speaks-first and quorum on small in-memory minutes."""
import pytest

from pipeline.flags import load_thresholds, meetings
from pipeline.flags.meeting_people import read_people
from pipeline.models import Document, Passage

TH = load_thresholds()


def doc(name, *paras, doc_type="minutes", page_break=None):
    ps = [Passage(name, 1 if page_break is None or i < page_break else 2, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=2, doc_type=doc_type, doc_kind="record")


def rules(d):
    return [f.rule for f in meetings.check([d], TH)]


LEADER_FIRST = [
    ("局党组会议纪要", "主持人：王明（党组书记、局长）",
     "会议研究了办公楼维修项目。王明局长首先发言，认为该项目十分必要，同意实施。随后其他班子成员依次发言，均表示同意。"),
    ("局务会会议记录", "议题一：关于采购执法车辆的事项。", "张书记开宗明义表示支持该方案。",
     "李副局长、赵副局长表示赞同张书记意见。"),
    ("校长办公会纪要", "刘校长率先表态：同意按计划推进食堂改造。", "与会人员一致同意。"),
    ("三重一大事项集体决策记录", "出席：陈刚（院长）、周丽（副院长）、吴军（副院长）",
     "发言顺序：陈刚院长、周丽副院长、吴军副院长。"),
    ("村两委联席会议记录", "主持人：李建国（村党支部书记）",
     "李建国同志提出：村部修缮项目由本村施工队承建，造价控制在9万元以内。", "两委成员均表示同意李建国同志的意见。"),
    ("董事会会议纪要", "董事长周平就年度投资计划开门见山地表明态度，要求尽快实施；", "其他董事随后发言，一致赞成。"),
]

LEADER_LAST = [
    ("局党组会议纪要", "主持人：王明（党组书记、局长）",
     "王明主持会议并介绍议题。副局长张三汇报了项目情况，李四、赵五等班子成员分别发表意见。最后，王明局长作总结表态，同意实施。"),
    ("党委会会议记录", "在其他成员充分发表意见后，书记最后表态，同意该方案。会议一致同意书记意见。"),
    ("三重一大事项集体决策记录", "出席：陈刚（院长）、周丽（副院长）、吴军（副院长）",
     "发言顺序：周丽副院长、吴军副院长、陈刚院长。"),
    ("支委会记录", "一、关于发展党员的议题", "支委委员依次发表意见，均同意。支部书记最后表态同意。",
     "二、关于经费使用", "各委员讨论后一致同意，书记末位表态。"),
    ("院长办公会纪要", "会议由院长主持并通报了议题。", "分管副院长说明了设备采购情况，各位参会人员逐一发表了意见。",
     "院长在听取大家意见后表态：同意按程序采购。"),
]


@pytest.mark.parametrize("paras", LEADER_FIRST)
def test_leader_first_flagged(paras):
    d = doc("纪要.pdf", *paras)
    flags = [f for f in meetings.check([d], TH) if f.rule == "leader-speaks-first"]
    assert len(flags) == 1
    f = flags[0]
    assert f.severity == "high" and "末位表态" in f.message and f.text


@pytest.mark.parametrize("paras", LEADER_LAST)
def test_leader_last_clean(paras):
    assert "leader-speaks-first" not in rules(doc("纪要.pdf", *paras))


def test_leader_first_across_pages():
    d = doc("纪要.pdf", "党组会议纪要", "局长首先表态，同意该项目立项。", "随后，各班子成员发表意见，均表示赞同。",
            page_break=2)
    flags = meetings.check([d], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"]
    assert flags[0].page == 1 and "局长首先表态" in flags[0].message


def test_rules_document_not_checked():
    d = doc("议事规则.pdf", "党组会议议事规则", "讨论时主要负责人首先发言的，应当纠正；书记应末位表态。", doc_type="rules")
    d.doc_kind = "rule"
    assert meetings.check([d], TH) == []


QUORUM_BAD = [
    ("村民代表会议记录", "应到村民代表45人，实到28人。", "会议按照四议两公开程序表决通过村道硬化项目。"),
    ("党组会议纪要", "应到会7人，缺席4人。", "研究年度预算。"),
    ("党委会议记录", "应出席委员九人，实际出席四人。"),
    ("党组会议纪要", "本次会议应到会9人，实到5人。", "研究干部任免事项，推荐2名科级干部人选。"),
    # other wordings: who is counted between 应到 and the number, OCR blanks, full-width digits, lists, tables
    ("会长办公会议纪要", "应到会长、副会长15人，实到6人（名单略），其余9人在外地未能参会。", "会议议定会费标准调整。"),
    ("理事会会议纪要", "应 到 理 事 ９ 人 ， 实 到 ４ 人 ， ５ 人 请 假 。", "审议会费使用计划。"),
    ("支委会会议记录", "应出席支委7人，到会3人。", "研究发展党员工作。"),
    ("党员大会会议记录", "全体党员共11人，4人参加会议。", "讨论支部工作计划。"),
    ("董事会会议记录", "应到董事9人。出席人员：张三、李四、王五、赵六，共4人。", "审议年度预算。"),
    ("会议记录", "会议名称；两委会", "会议名称: 应到人数；两委会: 9", "会议名称: 实到人数；两委会: 4"),
    # an urban community's 居民代表会议 also needs two-thirds (17/30 passes a simple majority only)
    ("社区居民代表会议记录", "应到居民代表30人，实到17人。", "审议老旧小区改造居民自筹资金使用方案。"),
    ("居 民 代 表 大 会 记 录", "应到代表２０人，实到１２人。", "表决通过停车位管理办法。"),
]
QUORUM_OK = [
    ("村民代表会议记录", "应到村民代表45人，实到30人。", "按照四议两公开程序表决。"),
    ("党组会议纪要", "应到会7人，实到会6人。", "研究干部任免事项。"),
    ("党委会议记录", "应出席委员九人，实际出席七人，缺席二人。"),
    ("党组会议纪要", "应到会7人，实到会4人。", "研究年度预算。"),
    # clean twins of the wordings above
    ("会长办公会议纪要", "应到会长、副会长15人，实到12人，其余3人在外地未能参会。", "会议议定会费标准调整。"),
    ("理事会会议纪要", "应 到 理 事 ９ 人 ， 实 到 ７ 人 ， ２ 人 请 假 。", "审议会费使用计划。"),
    ("党员大会会议记录", "全体党员共32人，其中正式党员30人。", "讨论支部工作计划。"),
    ("会议记录表（样表）", "会议名称: 应到人数", "会议名称: 实到人数", "会议名称: 缺席人员及原因"),
    # clean twins: the community meeting at two-thirds; an ordinary meeting at 17/30 is a majority
    ("社区居民代表会议记录", "应到居民代表30人，实到20人。", "审议老旧小区改造居民自筹资金使用方案。"),
    ("社区居委会会议记录", "应到30人，实到17人。", "研究网格员工作安排。"),
]


@pytest.mark.parametrize("paras", QUORUM_BAD)
def test_quorum_flagged(paras):
    flags = [f for f in meetings.check([doc("记录.docx", *paras)], TH) if f.rule == "quorum"]
    assert len(flags) == 1 and flags[0].severity == "medium" and "实到" in flags[0].message


def test_quorum_message_names_counts_and_evidence():
    d = doc("纪要.pdf", "理事会会议纪要", "应到理事9人，实到4人（陈光明、向春燕、李国华、周丹），5人请假。")
    f = [f for f in meetings.check([d], TH) if f.rule == "quorum"][0]
    assert "应到 9 人、实到 4 人" in f.message and "应到理事9人，实到4人" in f.message and f.file == "纪要.pdf"


@pytest.mark.parametrize("paras", QUORUM_OK)
def test_quorum_clean(paras):
    assert "quorum" not in rules(doc("记录.docx", *paras))


SPEECH_LAST = ("局党组会议记录", "主持：王建国（党组书记、局长） 记录：叶敏", "议题一：研究老旧小区改造资金分配方案",
               "王建国：今天一个议题，材料会前都发了，请各位结合分管工作先谈，我最后讲。",
               "徐卫东：方案我看过，按因素法分，比较公平。", "祝红英：同意，建议拨付跟进度挂钩。",
               "刘海涛：同意。", "王建国：其他同志都发表了意见，我最后表个态：同意分配方案。")
SPEECH_FIRST = ("局党组会议记录", "主持：王建国（党组书记、局长） 记录：叶敏", "议题一：研究老旧小区改造资金分配方案",
                "王建国：这个方案我看可以，就按因素法分，今年必须拨完。",
                "徐卫东：同意王局长意见。", "祝红英：同意。", "刘海涛：没有补充，同意。")


def test_speech_minutes_leader_closing_is_clean():
    """Verbatim minutes: the principal opens the item only to invite the others and has the last word."""
    assert rules(doc(*SPEECH_LAST, doc_type="collective_decision")) == []


def test_speech_minutes_leader_view_first_is_flagged():
    flags = meetings.check([doc(*SPEECH_FIRST, doc_type="collective_decision")], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"]
    assert "王建国：这个方案我看可以" in flags[0].message and "徐卫东" in flags[0].message


def test_leader_named_after_his_title():
    """'局长肖志雄在…主持' names the principal without a 主持： line or (title) pair."""
    d = doc("局务会议纪要", "2023年6月15日下午，局长肖志雄在四楼会议室主持召开局务会议。出席：曾庆华、阳建军。",
            "会议开始，肖志雄先定调：执法记录仪今年必须配到一线。随后班子成员逐一表态，均无不同意见。")
    assert rules(d) == ["leader-speaks-first"]
    d2 = doc("局务会议纪要", "2023年6月15日下午，局长肖志雄在四楼会议室主持召开局务会议。",
             "班子成员逐一发表意见后，肖志雄最后表态同意。")
    assert rules(d2) == []


SPEAKING_TABLE = ["中共某区行政审批服务局党组会议记录（2024年第11次）", "主持：王振东；记录：刘晓琳",
                  "议题一：研究2024年部门预算调整方案（调增专项经费92万元）", "发言顺序；发言人；意见"]


def test_speaking_order_table_leader_last_is_shown_and_first_is_flagged():
    last = doc("党组会议记录（第11次）.docx", *SPEAKING_TABLE,
               "发言顺序: 1；发言人: 张立新；意见: 同意调整，建议先试行三个月。",
               "发言顺序: 2；发言人: 李秀梅；意见: 同意，劳务费据实结算。",
               "发言顺序: 3；发言人: 赵庆国；意见: 同意，专项经费单独核算。",
               "发言顺序: 4；发言人: 王振东；意见: 听了大家的意见，我同意调整方案。")
    assert rules(last) == []
    shown = meetings.leader_spoke_last(last)
    assert [p.index for p in shown] == [4, 7]
    first = doc("党组会议记录（第7次）.docx", *SPEAKING_TABLE,
                "发言顺序: 1；发言人: 王振东；意见: 我先表明意见，同意调整方案。",
                "发言顺序: 2；发言人: 张立新；意见: 同意。",
                "发言顺序: 3；发言人: 李秀梅；意见: 同意局长意见。",
                "发言顺序: 4；发言人: 赵庆国；意见: 同意。")
    assert rules(first) == ["leader-speaks-first"]
    assert meetings.leader_spoke_last(first) == []


def test_verbatim_turn_with_a_bracketed_note_is_a_turn():
    d = doc("局党组会议记录.pdf", "局党组会议记录", "主持：张国庆（党组书记、局长）记录：吴艳", "议题：专项资金分配（1260万元）",
            "刘建设：同意方案。", "杨秀云：同意。建议每个项目都要有绩效目标。", "郭振华：同意。",
            "马丽（列席）：资金拨付要跟进度。", "张国庆（最后）：大家说得都对。同意分配方案。")
    assert rules(d) == []
    assert meetings.leader_spoke_last(d)[-1].text.startswith("张国庆（最后）")


def test_question_and_answer_minutes_leader_answers_first():
    """问/答 records: the presenter's question is no member's view; the principal's "我先表个态" before the
    members' answers is a breach."""
    d = doc("党组会议记录（第5次）.pdf", "中共某区市场监督管理局党组会议记录", "主持：沈建国 记录：俞晓燕",
            "议题：食品快检车运维服务项目采购方式",
            "问（食品安全协调科 汪立群）：项目预算486万元，采购方式请党组定。",
            "答（沈建国）：我先表个态。就用竞争性磋商，不要走公开招标。大家有没有意见？",
            "问（主持人）：请各位党组成员发表意见。", "答（朱卫华）：同意沈局意见。", "答（钱海燕）：同意。",
            "答（孙浩）：同意沈局意见，抓紧办。", "答（陆晓东）：没意见。")
    assert rules(d) == ["leader-speaks-first"]


def test_stated_last_with_the_subject_in_the_clause_before_and_a_dean_who_is_a_member():
    """In a 党委会 the 院长 is a member; "书记首先说明了议题背景，在其他委员发言后最后表明意见" is 末位表态."""
    d = doc("院党委会会议纪要.pdf", "中共某区妇幼保健院委员会会议纪要",
            "2024年5月16日，院党委书记杨文清主持召开党委会，党委委员应到7人、实到7人。",
            "一、研究彩色多普勒超声诊断仪购置事项",
            "委员依次发表意见：副院长何静认为参数要共同论证；总会计师刘洋同意；院长张明辉同意，建议邀请院外专家。",
            "杨文清书记首先说明了议题背景，在其他委员发言后最后表明意见：同意按公开招标购置。")
    assert rules(d) == []


def test_a_diary_entry_of_an_administrative_meeting():
    d = doc("校务工作日志（节选）.docx", "岭背中学校务工作日志（2024年3月，节选）", "3月12日（星期二）阴",
            "下午4点，校长室开行政会，议学生校服采购（预算约18.9万元）。钟校长开门见山：“校服还是定兴旺服饰，大家没意见吧？”"
            "肖副校长说“同意校长意见”，刘副校长、总务处曾主任也都表示同意。会议确定由兴旺服饰供货。", doc_type="other")
    assert rules(d) == ["leader-speaks-first"]


def test_quorum_in_words_and_from_a_list_of_absentees_against_the_stated_rule():
    """"到会：村民代表十九名（全村村民代表三十二名）" is 59 % of a 村民代表会议 (⅔ needed); 21 理事 less 9 named
    absentees is 12 (57 %): enough for a plain majority, not for the ⅔ the minutes quote from the 章程 (nor for the
    model charter's ⅔ when they quote none)."""
    village = doc("院坝会记录.pdf", "青龙村村民代表院坝会记录", "到会：村民代表十九名（全村村民代表三十二名），村“两委”成员5名。",
                  "到会代表举手表决，十七人同意，二人弃权。")
    assert rules(village) == ["quorum"]
    council = doc("理事会会议纪要.docx", "某商会第三届理事会第四次会议纪要",
                  "本届理事：21人（章程第二十二条：理事会须有三分之二以上理事出席方能召开）",
                  "请假：赵国庆、钱文斌、李红、周建、吴海涛、郑丽、冯晓东、陈晨、褚明共9人（外出参展）")
    assert rules(council) == ["quorum"]
    no_rule = doc("理事会会议纪要.docx", "某商会第三届理事会第四次会议纪要", "本届理事：21人",
                  "请假：赵国庆、钱文斌、李红、周建、吴海涛、郑丽、冯晓东、陈晨、褚明共9人（外出参展）")
    assert rules(no_rule) == ["quorum"]


def test_the_principal_named_by_title_alone_still_speaks_first():
    d = doc("院长办公会议纪要.pdf", "某区人民医院院长办公会议纪要", "出席：院长唐志勇，副院长冯涛、蒋丽、邓宏",
            "议题：门诊楼改造（预算260万元）", "院长首先提出，门诊楼改造由原施工单位继续承建，不再招标。", "其余班子成员表示同意。")
    assert rules(d) == ["leader-speaks-first"]


def test_the_flag_names_the_principal_without_the_verb_before_the_title():
    d = doc("局务会议记录（三重一大）.pdf", "局务会议记录（三重一大）", "议题：办公楼维修（预算120万元）",
            "向红梅：同意覃局长意见。", "李建：同意覃局长意见。")
    flags = meetings.check([d], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"]
    assert "主要负责人（覃局长）" in flags[0].message


def test_of_two_principals_the_meeting_kind_says_who_chairs():
    """"马文军（书记）、张海鹏（院长）": in the 院党委会 the 院长 speaking first is a member's view and the 书记's
    "马文军书记最后发言" is 末位表态; in the 院长办公会 of the same two, the 院长 opening with his view is a breach."""
    party = doc("院党委会议记录本（2024）.pdf", "2024年3月12日　院党委会（第3次）",
                "出席：马文军（书记）、张海鹏（院长）、杨淑芬、牛建国、王志强", "议题：采购64排CT一台，预算468万元",
                "张海鹏：同意公开招标，参数不能“量身定做”。", "杨淑芬：同意，论证专家要从专家库抽。",
                "牛建国：同意。", "王志强：同意，验收时要请县卫健局参加。",
                "马文军书记最后发言：同意公开招标，参数公示7天，谁也不准打招呼。", "决定：通过，4月上旬挂网。")
    assert rules(party) == []
    assert [p.text[:6] for p in meetings.leader_spoke_last(party)] == ["张海鹏：同意", "马文军书记最"]   # 末位表态 shown
    admin = doc("院长办公会议记录（2024）.pdf", "2024年3月5日　院长办公会（第4次）",
                "出席：马文军（书记）、张海鹏（院长）、杨淑芬、牛建国、王志强", "议题：采购64排CT一台，预算468万元",
                "张海鹏：这个CT必须买，就按468万元报，参数我已经定了。", "杨淑芬：同意院长意见。",
                "牛建国：同意。", "王志强：同意。", "马文军：同意。", "决定：通过。")
    assert rules(admin) == ["leader-speaks-first"]


def test_a_dean_named_before_his_name_is_a_member_of_the_party_committee_and_department_heads_are_members():
    """"院长吕红：同意…" in a 党委会 chaired by 党委书记高振江, who speaks last: no breach. In a 校务会 chaired by the
    校长, 总务主任/教导主任 and the 党支部书记 are members; the 校长's "最后表态" closes it."""
    party = doc("院党委会会议记录（2025年第4次）.pdf", "通化市二道江区第二人民医院党委会会议记录",
                "时间: 主持；2025年3月26日下午3:00: 高振江（党委书记）", "议题一：64排CT原厂维保服务（预算138万元）",
                "院长吕红：同意按单一来源报区财政局审批。", "副院长姜明：同意。", "纪委书记苗秀芝：同意，论证和公示材料要归档。",
                "高振江书记最后发言：同意单一来源报批。")
    assert rules(party) == []
    school = doc("校务会议纪要（2024年第7次）.pdf", "虹古路第三小学校务会议纪要",
                 "时间: 主持；2024年5月14日: 顾文静（校长）", "出席：党支部书记陆志明，副校长邵敏，总务主任严国平，教导主任沈琳",
                 "一、课后服务项目", "三、发言与决定",
                 "邵敏：同意比选结果。蒋晓东：同意。严国平：同意。陆志明书记：同意，结果在校园网公示5天。",
                 "顾文静校长最后表态：同意以上意见，按比选结果签约。")
    assert rules(school) == []


def test_prose_minutes_where_the_members_speak_in_turn_and_the_principal_last_show_it():
    minutes = doc("景区经理办公会纪要（2025年第4次）.pdf", "浑河源枫叶谷景区经理办公会纪要",
                  "主持：刘晓光（总经理、支部书记）", "议题一：观光索道年度检修（预算21.6万元）",
                  "工程部说明：北京某索道公司为唯一授权单位。张铁军、王秀丽和各部门负责人依次发言同意。刘晓光最后表态：同意。",
                  doc_type="collective_decision")
    shown = meetings.leader_spoke_last(minutes)
    assert [p.text[:5] for p in shown] == ["工程部说明"] and rules(minutes) == []
    first = doc("经理办公会纪要.pdf", "经理办公会纪要", "主持：刘晓光（总经理）", "议题一：观光索道年度检修",
                "刘晓光首先表态：就交给北京某索道公司检修。张铁军、王秀丽依次发言同意。刘晓光最后表态：同意。",
                doc_type="collective_decision")
    assert meetings.leader_spoke_last(first) == [] and rules(first) == ["leader-speaks-first"]


def test_a_speaking_table_row_with_the_chair_last_shows_it_and_a_stop_character_inside_a_name():
    """"主持：黄志坚" (志 is no stop word) and a row "发言意见: 陈家荣：… 梁小军：… 黄志坚（最后发言）：…"."""
    minutes = doc("党组会议纪要（2025年第9次）.docx", "化州市农业农村局党组会议纪要", "主持：黄志坚",
                  "应到/实到：7人/6人（吴振华请假，在省里培训）", "议题；汇报；发言意见；表决",
                  "议题: 一、产业园资金安排（1,480万元）；汇报: 邓国强：拟安排种苗基地320万。；发言意见: 陈家荣：要走公开招标。"
                  " 梁小军：同意以上意见。 黄志坚（最后发言）：同意大家意见。；表决: 6人同意", doc_type="collective_decision")
    assert read_people(minutes.text).leader_names == {"黄志坚"}
    assert meetings.leader_spoke_last(minutes) and rules(minutes) == []     # 6 of 7 is a quorum


def test_a_street_committee_meeting_with_the_secretarys_last_word_inside_another_turn():
    """党工委 minutes: members' turns, then the 书记's last word embedded after a guest's turn ("…有问题直接找我。
    韩立新书记最后讲：…"); "最后讲" is no name."""
    minutes = doc("街道党工委会议记录（2025年第11次）.pdf", "中共某区鼓楼西街道工作委员会会议记录",
                  "时间: 主持；2025年5月20日: 韩立新（工委书记）", "议题一：背街小巷整治项目资金安排（326万元）",
                  "委员逐一发言：", "侯建军：同意。施工期间要留出消防通道。", "范丽娜：同意。建议每天公示作业内容。",
                  "魏东升：同意。文物院落先报审批。", "贺敏：同意以上意见。",
                  "曹文博（列席）：纪工委将全程监督。韩立新书记最后讲：听了大家的意见，我同意方案。")
    assert read_people(minutes.text).leader_names == {"韩立新"}
    assert meetings.leader_spoke_last(minutes) and rules(minutes) == []


def test_quorum_of_member_units_against_the_charters_two_thirds():
    minutes = doc("2024年度会员大会会议纪要.pdf", "格尔木市盐湖产业商会2024年度会员大会会议纪要",
                  "时间: 出席；2024年12月26日下午3:00: 会员单位64家，出席29家（章程第二十一条：须三分之二以上会员出席）",
                  "会议审议通过：一、2024年度工作报告；二、2025年会费调整。")
    flags = meetings.check([minutes], TH)
    assert [f.rule for f in flags] == ["quorum"] and "三分之二" in flags[0].message, flags
    enough = doc("2024年度会员大会会议纪要.pdf", "商会会员大会会议纪要",
                 "出席：会员单位64家，出席45家（章程：须三分之二以上会员出席）", "会议审议通过2024年度工作报告。")
    assert rules(enough) == []


def test_quorum_stated_as_members_then_present():
    minutes = doc("理事会会议纪要（会费标准调整）.pdf", "清河县羊绒商会理事会会议纪要",
                  "时间: 出席；2024年9月5日下午: 理事21人，出席9人（其余理事在外地收绒、参展）", "议题：2025年度会费标准调整。")
    assert rules(minutes) == ["quorum"]
    assert rules(doc("理事会会议纪要.pdf", "商会理事会会议纪要", "出席：理事21人，出席17人", "议题：会费标准调整。")) == []


def test_a_scanned_office_meeting_where_the_first_speaker_settles_it_and_the_rest_assent():
    """No titles anywhere ("参加：罗正勇袁小平王秀琴陈刚"), lines broken mid-turn by the scan: the first speaker opens with
    "我先说，这个事就这么定了" and every other turn is "同意" — flagged. Assents after a real discussion are not."""
    minutes = doc("管理处主任办公会记录（2025年5月19日）.pdf", "管理处主任办公会记录", "2025年5月19日主任办公室",
                  "参加：罗正勇袁小平王秀琴陈刚议题：4台观光车大修（约4.6万元）罗正勇：我先说，这个事就这么定了，交给城东修理厂，",
                  "一直是他修的，熟悉，不用再比价了。袁小平：同意。", "王秀琴：同意。", "陈刚：同意。", "决定：交城东修理厂大修。",
                  doc_type="procurement")
    flags = meetings.check([minutes], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "罗正勇" in flags[0].message
    talked = doc("管理处主任办公会记录.pdf", "管理处主任办公会记录", "参加：罗正勇袁小平王秀琴陈刚",
                 "袁小平：观光车大修先比三家价。", "王秀琴：同意比价。", "陈刚：同意。", "罗正勇：同意大家意见，就这么定了。")
    assert rules(talked) == []


def test_a_first_speaker_who_names_the_contractor_and_members_who_only_say_get_on_with_it():
    """"我先表个态…就交给县城鑫鼎建筑" names the choice; "同意，抓紧签合同。" only assents — flagged. A member who
    assents but asks for a procedure ("同意，但要三家比价。") holds a view of his own: not flagged when nothing says
    who the opener is — but when the minutes name him the chair ("主持：孙建国"), his view first is flagged anyway."""
    lines = ["党组会议记录时间：2025年5月14日上午8:30", "主持：孙建国记录：刘晓燕", "出席：孙建国李文涛王凤霞张立新赵明",
             "议题：机关办公楼外墙及屋面维修", "（预算48.6万元）", "孙建国：我先表个态，这个活时间紧",
             "汛期前必须干完，就交给县城鑫鼎建筑，", "前年食品站改造就是他们干的，放心。", "大家看看还有啥意见。",
             "李文涛：同意。", "王凤霞：同意，抓紧签合同。", "张立新：没意见。", "赵明：同意。"]
    flags = meetings.check([doc("党组会议记录（2025年第6次）.pdf", *lines)], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "孙建国" in flags[0].message
    asked = [("王凤霞：同意，但要三家比价。" if line.startswith("王凤霞") else line) for line in lines]
    assert rules(doc("党组会议记录（2025年第6次）.pdf", *asked)) == ["leader-speaks-first"]
    unchaired = [line for line in asked if not line.startswith("主持")]
    assert rules(doc("党组会议记录（2025年第6次）.pdf", *unchaired)) == []


def _council(present):
    """A 理事会 minutes whose attendance sits in a label/value form table with a clock time in its first row."""
    return doc("第五届理事会第三次会议纪要.pdf", "某某商会第五届理事会第三次会议纪要",
               "时间；2025年7月9日下午3:00；地点；商会会议室",
               f"时间: 应到理事；2025年7月9日下午3:00: 21人；地点: 实到理事；商会会议室: {present}人",
               f"时间: 请假；2025年7月9日下午3:00: {21 - present}人；地点: 记录；商会会议室: 朱丽",
               "议题：秘书处办公场所续租，到会理事一致同意。")


def test_quorum_read_from_a_form_table_whose_first_row_holds_a_clock_time():
    assert rules(_council(9)) == ["quorum"]
    assert rules(_council(15)) == []


def test_quorum_against_the_two_thirds_rule_in_the_units_own_charter():
    """The charter in another file requires two-thirds of the 理事 for a 理事会: 11 of 21 (a bare majority) fails,
    citing that file; 15 of 21 passes. Without it the model charter's two thirds still binds the 理事会 and the
    会员大会."""
    charter = doc("商会制度汇编.zip/商会章程.pdf", "某某商会章程",
                  "第二十三条 理事会须有三分之二以上理事出席方能召开，其决议须经到会理事三分之二以上表决通过。",
                  doc_type="rules")
    panel = doc("会议室廉洁文化墙.jpg", "【议事规则】理事会三分之二以上理事到会方可召开", doc_type="photo")
    assert rules(doc("x.pdf", "理事会纪要", "应到理事21人，实到11人。")) == ["quorum"]
    flags = [f for f in meetings.check([panel, charter, _council(11)], TH) if f.rule == "quorum"]
    assert len(flags) == 1 and "商会章程" in flags[0].message and "三分之二" in flags[0].message
    assert [f.rule for f in meetings.check([charter, _council(15)], TH)] == []
    assembly = doc("会员大会纪要.pdf", "某某商会会员大会纪要", "应到会员21人，实到11人。", "议题：会费标准。")
    assert [f.rule for f in meetings.check([charter, assembly], TH)] == ["quorum"]
    flags = meetings.check([_council(11)], TH)
    assert [f.rule for f in flags] == ["quorum"] and "示范文本" in flags[0].message


def test_the_named_principal_opens_with_his_view_across_a_scans_line_breaks_and_the_rest_assent():
    """"段家和：我先表个态，车就买城东" / "那家的，…不用再搞比选了。": the principal (named with his title) gives his
    view first, his turn broken by the scan's lines, then every member only assents ("没有意见", "同意"). When the
    members speak first and he closes, it is 末位表态."""
    head = ("总经理办公会记录", "2025年4月8日公司办公室", "参加：段家和（总经理）李春燕杨华尹光荣")
    first = doc("总经理办公会记录.pdf", *head, "议题：购置电动观光车6台（约38.4万元）段家和：我先表个态，车就买城东",
                "那家的，去年我去看过，价格合适，五一前要用。", "大家看有没有意见。", "李春燕：没有意见。", "杨华：同意。",
                "尹光荣：同意。", "决定：向城东公司购买。", doc_type="other")
    flags = meetings.check([first], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "段家和" in flags[0].message
    last = doc("总经理办公会记录.pdf", *head, "议题：购置电动观光车6台（约38.4万元）李春燕：我先说，建议三家比价，",
               "价格合适的买。", "杨华：同意。", "尹光荣：同意。", "段家和：听了大家的意见，我同意三家比价。", doc_type="other")
    assert rules(last) == []


def _school_photo(title, opening):
    return doc("校务会记录（拍照）.jpg", title, "2025年2月14日下午校长室",
               f"参加：饶建国许文华程晓燕吴丽萍议题：食堂食材配送（全年约46万元）饶建国：{opening}",
               "许文华：同意。", "程晓燕：同意。", "吴丽萍：同意。", "决定：与配送公司续签一年。", doc_type="photo")


def test_a_photographed_minutes_page_where_the_first_speaker_settles_it_and_the_rest_assent():
    """A phone photo of the minutes (typed photo) is read as minutes when its heading is a minutes title; "不用再换了"
    settles the matter as "就这么定了" does. A proposal left open, or a photo that is no minutes, is not flagged."""
    settled = "我先讲个意见，还是续签原来那家配送公司，用得顺手，不用再换了，大家看看。"
    assert rules(_school_photo("校务会记录", settled)) == ["leader-speaks-first"]
    assert rules(_school_photo("校务会记录", "我先讲个意见，今年请三家公司报价比选后再定，大家看看。")) == []
    assert rules(_school_photo("校园清廉文化宣传栏", settled)) == []


def test_a_settling_turn_read_on_across_the_scans_line_break_up_to_its_sentence_end():
    """No titles: "我先说，这台车" / "交给城东修理厂，不用再比价了。" is one turn; the unlabelled line after the last
    "同意。" is the record's own, not part of that assent."""
    minutes = doc("主任办公会记录.pdf", "管理处主任办公会记录", "参加：罗正勇袁小平王秀琴陈刚",
                  "议题：观光车大修（约4.6万元）罗正勇：我先说，这台车", "交给城东修理厂，不用再比价了。",
                  "袁小平：同意。", "王秀琴：同意。", "陈刚：同意。", "会议决定交城东修理厂大修。")
    assert rules(minutes) == ["leader-speaks-first"]


def _dean_meeting(*turns):
    """A scan's lines: the first turn runs on from the 议题 line, and its sentence over the next line."""
    return doc("院长办公会记录.pdf", "院长办公会记录", "2025年3月12日上午院办会议室",
               "出席：杜明远（院长）林芳邹立新（副院长）", "韩振东（党总支书记）",
               f"议题：食堂托管服务（一年约42万元）{turns[0]}", *turns[1:], "决定：按会议意见办理。")


def test_a_principal_who_sets_the_tone_first_in_other_words_while_the_rest_assent():
    """"我先定个调子" is "我先定调" in other words: the named 院长 opens with his view and three members only assent
    (the 党总支书记 is a member of an 院长办公会). An opening that only lays out the matter is not flagged."""
    opened = _dean_meeting("杜明远：我先定个调子，还是交给原来那家托管，", "合作多年了，续签一年。林芳：同意。",
                           "邹立新：同意。", "韩振东：同意。")
    assert rules(opened) == ["leader-speaks-first"]
    briefed = _dean_meeting("杜明远：先介绍一下情况，托管合同", "今年6月到期，请大家议一议。林芳：同意。",
                            "邹立新：同意。", "韩振东：同意。")
    assert rules(briefed) == []


def _party_committee(*turns):
    """A party committee's minutes under its formal heading ("中共…委员会会议纪要"), which names no 党委会."""
    return doc("院党委会议纪要（第9次）.pdf", "中共某某县人民医院委员会会议纪要", "2025年第9次",
               "主持：林志刚（党委书记）；记录：党委办 周敏", "出席：韩立军（院长） 罗春华 邱文斌 宋佳；列席：设备科负责人",
               "议题一：DR设备购置（预算210万元）", "设备科汇报：现有DR已使用12年，拟购置一台。", *turns,
               "决定：按会议意见办理。")


def test_a_party_committee_minutes_under_its_formal_heading_is_a_decision_meeting():
    """"中共某某医院委员会会议纪要" is a 党委会's minutes: the 书记 opening with his view while the rest (the 院长
    among them, a member there) only assent is flagged; the 书记 closing after the members is not."""
    first = _party_committee("林志刚：我先表个态，就按设备科推荐的型号挂网招标，不要再论证了。", "韩立军：同意书记意见。",
                             "罗春华：同意。", "邱文斌：同意。", "宋佳：同意。")
    flags = meetings.check([first], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "林志刚" in flags[0].message
    last = _party_committee("韩立军：建议先做市场调研，三家以上参数比对后挂网。", "罗春华：同意院长意见。", "邱文斌：同意。",
                            "宋佳：同意。", "林志刚：听了大家的意见，我同意先调研比对再挂网。")
    assert rules(last) == []
    dean = _party_committee("韩立军：我先说，就按设备科推荐的型号挂网，不用再论证了。", "罗春华：同意。", "邱文斌：同意。",
                            "宋佳：同意。", "林志刚：同意。")
    assert rules(dean) == []


def test_a_title_in_brackets_after_a_members_name_is_his_not_the_principals():
    """In a town party committee's minutes the 镇长 ("胡建国（镇长）：") speaks first as a member; the 书记 who
    chairs has the last word — not flagged."""
    minutes = doc("镇党委会议纪要.pdf", "中共某某县某某镇委员会会议纪要", "主持：王志远（镇党委书记）；记录：徐婷",
                  "议题一：集镇污水管网改造工程（概算1,260万元）", "规划办汇报：项目已获批复。",
                  "胡建国（镇长）：同意进县公共资源交易中心公开招标，镇里不指定施工单位。",
                  "汪立新（副镇长）：招标文件里写明文明施工措施。", "余晓峰、程海波等委员：同意。",
                  "最后，王志远同志表态：同意大家意见，项目公开招标。")
    assert rules(minutes) == []


def _minutes_book_photo(heading, opening):
    """A phone photo of a handwritten minutes book: long (Mongolian) names run together in the attendance line, and
    the first turn runs on from the 议题 line."""
    return doc("记录本.jpg", heading, "2025年6月12日下午嘎查部参加：巴特尔朝鲁其其格王振军",
               "乌日娜斯琴图雅赵志刚",
               f"议题：嘎查道路维修（旗下达资金32万元）施工方巴特尔朝鲁：{opening}其其格：同意。",
               "王振军：同意。", "赵志刚：没意见。", "乌日娜斯琴图雅：同意，合同要签规范。", "决定：6月20日开工。",
               doc_type="photo")


def test_a_minutes_book_photo_headed_by_the_meeting_with_long_names_where_the_first_speaker_settles_it():
    """A photo headed only "党委会" is the minutes; "巴特尔朝鲁" (a name the attendance list gives, longer than
    three characters) opens with "我先说…就定某某那一班人" and every other turn only assents — flagged. Left open, or
    a photo that is no minutes, it is not."""
    settled = "我先说，雨季前必须完工，就定宝音图那一班人，去年他们修过。大家看呢？"
    assert rules(_minutes_book_photo("党委会", settled)) == ["leader-speaks-first"]
    assert rules(_minutes_book_photo("党委会", "我先说，雨季前必须完工，请三家报价后再比选。大家看呢？")) == []
    assert rules(_minutes_book_photo("主题党日活动", settled)) == []


def _bureau_book(opening, second="马文俊：同意。"):
    """A photographed page of a hand-kept minutes book: no titles in the heading or the attendance, the date in
    Chinese numerals, the first turn broken over the page's lines."""
    return doc("党组会记录（二〇二五年三月四日）.jpg", "党组会议记录二〇二五年三月四日上午党组会", "参加：苏建明马文俊杨玉霞何永福",
               "记录：魏晓东", "议题：灌区渠道维修（约86万元）采购方式", f"苏建明：{opening[0]}", *opening[1:],
               second, "杨玉霞：同意。", "何永福：没意见。", "决定：按会议意见办理。")


def test_a_first_speaker_who_names_the_procurement_method_while_the_rest_assent():
    """"我先讲…就用邀请招标" settles how it is bought as "就这么定了" settles the matter: flagged. An opener who leaves
    the method to the meeting is not."""
    settled = ("我先讲。工期紧，汛前要完工，", "就用邀请招标，叫去年干过的那几家来，", "大家看有没有意见。")
    assert rules(_bureau_book(settled)) == ["leader-speaks-first"]
    photo = _bureau_book(settled)
    photo.doc_type = "photo"        # a phone photo of the page: its heading is the minutes title, then the date
    assert rules(photo) == ["leader-speaks-first"]
    assert rules(_bureau_book(("我先讲。工期紧，汛前要完工，", "采购方式请大家议一议。"))) == []


def test_members_who_call_the_first_speaker_by_his_title_show_the_principal_spoke_first():
    """No titles in the heading, but a member agrees "同意苏局意见": the opener is the principal, and his "我先讲" view
    before the others' assent is flagged. A member agreeing with a deputy ("同意苏副局长意见") names no principal."""
    opening = ("我先讲。工期紧，汛前要完工，", "还是请去年干过的那几家来报价。")
    flags = meetings.check([_bureau_book(opening, "马文俊：同意苏局意见。")], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "苏建明" in flags[0].message
    assert rules(_bureau_book(opening, "马文俊：同意苏局长的意见。")) == ["leader-speaks-first"]
    assert rules(_bureau_book(opening)) == []
    assert rules(_bureau_book(opening, "马文俊：同意苏副局长意见。")) == []


def _headless_minutes(chair, turns, heading=(), decided="议定：由办公室按程序报县财政局审批。"):
    """A scanned page of minutes: at most a heading, the date and place run together, the agenda and the turns."""
    return doc("扫描件1.pdf", *heading, "时间：2025年3月12日下午3:00地点：局三楼会议室", chair, "出席：吴振华钱立新孙雅琴郑国平",
               "列席：驻局纪检组李敏", "议题：执法记录仪采购（预算26.4万元）", *turns, *([decided] if decided else []))


_OPENS = ("吴振华：这个事我先表个态，还是买原来那个牌子，型号一致，我看就这么定。", "钱立新：同意吴局意见。", "孙雅琴：同意。",
          "郑国平：没有意见。", "李敏（列席）：提醒一下，超过限额要走政府采购。", "吴振华：程序按规定走，牌子就按刚才说的。")
_CLOSES = ("钱立新：建议先做市场调查，三家比价。", "孙雅琴：同意比价，型号要和执法终端兼容。", "郑国平：同意。",
           "吴振华：听了大家的意见，我最后表个态，同意三家比价后报批。")


def test_minutes_without_a_meeting_name_that_decide_an_agenda_item_are_a_decision_meeting():
    """A scan whose heading is lost ("时间：…地点：…", 出席, 议题, 议定): a collective decision all the same, so the
    chair's "我先表个态…就这么定" before the members' assent is flagged; his last word after their views is not, nor is
    such a page that decides nothing."""
    chair = "主持：吴振华 记录：何丽"
    assert rules(_headless_minutes(chair, _OPENS)) == ["leader-speaks-first"]
    assert rules(_headless_minutes(chair, _CLOSES)) == []
    assert rules(_headless_minutes(chair, _OPENS, decided=None)) == []
    # no chair named: the opener who settles it while the rest only assent; the closing "议定：" is a label, no turn
    assert rules(_headless_minutes("记录：何丽", _OPENS[:4])) == ["leader-speaks-first"]


def test_a_chair_whose_name_runs_on_into_the_next_label_is_the_principal():
    """"主持：吴振华记录：何丽" (the scan lost the space): 吴振华 chairs, and his opening view is flagged even though he
    speaks again after the members; his closing word after their views is not."""
    heading = ("局务会议记录",)
    minutes = _headless_minutes("主持：吴振华记录：何丽", _OPENS, heading=heading)
    assert read_people(minutes.text).leader_names == {"吴振华"}
    assert rules(minutes) == ["leader-speaks-first"]
    assert rules(_headless_minutes("主持：吴振华记录：何丽", _CLOSES, heading=heading)) == []


def test_headless_minutes_counting_a_bodys_members_fall_under_that_bodys_stated_two_thirds():
    """The charter says "理事会须有三分之二以上理事出席方能召开"; minutes with no heading that count "应到理事21人，实到理事
    11人" are the council's: 11 of 21 is short of two thirds (though a majority). 15 of 21 is enough; without the
    charter the model charter's two thirds applies all the same."""
    charter = doc("商会章程.docx", "第十九条 理事会须有三分之二以上理事出席方能召开，其决议须经到会理事三分之二以上表决通过。",
                  doc_type="rules")
    charter.doc_kind = "rule"

    def minutes(present):
        return doc("资料3.pdf", "时间：2024年11月26日上午9:30地点：商会会议室", "主持：孙立军（会长）记录：刘春燕",
                   f"应到理事21人，实到理事{present}人（另有6人委托他人代为表决）", "议题一：年会经费（8.6万元）",
                   "决议：经费从商会结余资金中列支。")
    flags = meetings.check([charter, minutes(11)], TH)
    assert [(f.file, f.rule) for f in flags] == [("资料3.pdf", "quorum")] and "商会章程.docx" in flags[0].message
    assert meetings.check([charter, minutes(15)], TH) == []
    flags = meetings.check([minutes(11)], TH)
    assert [f.rule for f in flags] == ["quorum"] and "示范文本" in flags[0].message


def test_an_associations_council_needs_two_thirds_without_its_charter_in_the_folder():
    """社会团体 (商会, 协会) follow the model charter: 理事会 and 会员（代表）大会 need two thirds present. 11 of 21 理事
    is a majority but no quorum; 14 of 21 is; an office meeting of 11 of 21 needs only a majority."""
    def council(present, heading="某某建材商会第三届理事会第五次会议纪要"):
        return doc("理事会纪要.pdf", heading, "2024年6月18日 商会会议室",
                   f"本届理事会共有理事21人，本次会议到会理事{present}人，会长白某主持。", "审议2024年度收支预算，举手表决通过。")
    flags = meetings.check([council(11)], TH)
    assert [f.rule for f in flags] == ["quorum"] and "三分之二" in flags[0].message
    assert rules(council(14)) == []
    # minutes that record their own majority rule met under it; a charter in the folder still binds them
    majority = doc("理事会纪要.pdf", "某某商会第三届理事会第三次会议纪要", "应到理事19人，实到10人，经清点人数超过半数，会议有效。",
                   "议题：审议财务收支，表决通过。")
    assert rules(majority) == []
    charter = doc("商会章程.pdf", "某某商会章程", "第十六条 理事会须有三分之二以上理事出席方能召开。", doc_type="rules")
    assert [f.rule for f in meetings.check([charter, majority], TH)] == ["quorum"]
    short = doc("理事会纪要.pdf", "某某商会理事会纪要", "应到理事19人，实到9人，未超过半数，会议有效性存疑。", "议题：会费。")
    assert rules(short) == ["quorum"]
    office = doc("办公会纪要.pdf", "某某公司总经理办公会纪要", "应到班子成员21人，实到11人。", "议题：年度预算，会议同意。")
    assert rules(office) == []


def test_a_sign_in_sheet_that_records_the_decision_is_minutes():
    """"理事会会议签到表及记录": the names, then 议题 and 决定 — the meeting's minutes, so its quorum is read. A sign-in
    sheet that only lists names is not."""
    head = ("某某商会理事会会议签到表及记录时间：2024年8月16日下午地点：商会会议室", "应到理事：27人实到理事：11人",
            "（签到：洪某 黄某 傅某 王某 潘某 戴某 苏某 林某 陈某 许某 吕某）")
    sheet = doc("理事会签到表.pdf", *head, "议题：支出18万元参加石材展。", "表决：同意10人，弃权1人。", "决定：通过。",
                doc_type="signin")
    assert rules(sheet) == ["quorum"]
    assert rules(doc("理事会签到表.pdf", *head, doc_type="signin")) == []


def test_in_a_party_branch_meeting_the_dean_who_speaks_first_is_a_member():
    """A 党总支会议 is its 书记's: the 院长 who speaks first ("那某院长：同意") sits as a member, and the 书记 who
    speaks last closes it. The same minutes with the 书记 opening are flagged."""
    head = ("某医院党总支会议纪要", "主持：佟某宇（党总支书记）；记录：关某", "出席：支委5人；列席：院长那春明、设备科",
            "议题：CT购置（预算420万元）")
    last = doc("党总支会议纪要.pdf", *head, "那春明院长：同意公开招标。", "副书记肇某：同意。", "佟某宇最后发言：同意公开招标。",
               doc_type="collective_decision")
    assert rules(last) == []
    first = doc("党总支会议纪要.pdf", *head, "佟某宇首先表态：同意公开招标。", "那春明院长：同意。", "副书记肇某：同意。",
                doc_type="collective_decision")
    assert rules(first) == ["leader-speaks-first"]


# ----------------------------------------------------------------- who the principal is, from the turns' labels

def _office_meeting(first_turn, *rest):
    return doc("主任办公会记录本.pdf", "某景区管理中心会议记录2025年6月10日主任办公会", "出席：叶建华江春生肖红英邓丽",
               "记录：肖红英", "一、竹筏更新（大额支出）", first_turn, *rest)


def test_a_principal_named_only_by_his_turns_label_speaks_first():
    """"叶主任：这个事我先讲…就这么办" in a 主任办公会 whose heading names no titles: the label calls him by the title
    whose meeting it is, so he is the principal; the same meeting with his word after the others' is clean, and a
    主任 of an office ("叶主任（工程部）") is no principal."""
    first = _office_meeting("叶主任：这个事我先讲，今年30张竹筏要换，总共9.6万，就这么办。",
                            "江春生：主任定了就按主任的办。", "邓丽：钱从维护费里出，够。", "肖红英：同意。")
    assert rules(first) == ["leader-speaks-first"]
    last = _office_meeting("江春生：今年30张竹筏要换，总共9.6万，建议三家比价。", "邓丽：同意，钱从维护费里出。",
                           "肖红英：同意。", "叶主任：大家都讲了，我最后说：同意比价后定。")
    assert rules(last) == []
    office = _office_meeting("叶主任（工程部）：这个事我先讲，今年30张竹筏要换，总共9.6万。",
                             "江春生：同意。", "邓丽：钱从维护费里出，够。", "肖红英：同意。")
    assert rules(office) == []


def test_agreeing_with_another_titled_person_is_no_deferring_to_the_principal():
    """"鲍主席：同意汪主任意见" where 汪主任（总务） is a department head and the chair 方立新 (方校长) speaks last, and
    "徐副院长：同意院长意见" in a 党委会 its 党委书记 chairs and closes: the members agree with a member. Agreeing with
    the principal himself before he has spoken last is still flagged."""
    school = doc("校务会议录音整理.pdf", "某初级中学校务会议录音整理", "主持：方立新 记录：江敏",
                 "方校长：今天议食堂食材供货。每个事先请分管的同志说情况，大家议，我最后说。汪主任先来。",
                 "汪主任（总务）：今年我建议肉禽换成入围的另一家。", "程副校长：我同意换。",
                 "鲍主席（工会）：同意汪主任意见。", "方校长：好，我最后说：同意肉禽改由入围的本地企业供货。")
    assert rules(school) == []
    party = doc("院党委会议录音整理.docx", "某医院党委会议（2025年第6次）录音整理", "主持：吴建新（党委书记）",
                "吴书记：今天的议题，每个议题先请分管领导讲，委员逐个发表意见，我最后表态。郑院长先讲。",
                "郑院长：我的意见，医保结算情况每月通报。", "祝副院长：同意。", "徐副院长：同意院长意见。",
                "吴书记：大家讲完了，我最后表态：同意。")
    assert rules(party) == []
    deferring = doc("院党委会议录音整理.docx", "某医院党委会议（2025年第6次）录音整理", "主持：吴建新（党委书记）",
                    "吴建新：这个事我先说，就按DR设备公开招标办。", "郑院长：同意书记意见。", "祝副院长：同意书记意见。")
    assert rules(deferring) == ["leader-speaks-first"]


def test_those_who_sit_in_do_not_chair_and_a_villages_two_committees_are_the_party_secretarys():
    """A 财政所所长 listed under 列席 is no principal; in a township's 党政联席会议 the chair's last word after the members
    is 末位表态 carried out. In a village's 支两委 meeting the 支书 is the principal: the 村主任 speaking first is a
    member speaking."""
    township = doc("镇党政联席会议纪要.docx", "火马冲镇党政联席会议纪要", "主持：舒建国；记录：米红梅",
                   "出席：舒建国 向东升 田海波 彭丽；列席：镇纪委副书记瞿晓燕；财政所所长符小军",
                   "一、2025年村级公益事业一事一议财政奖补项目安排",
                   "符小军汇报：今年县里下达我镇奖补资金46万元，排在前6位的项目合计需奖补45.2万元。",
                   "向东升：同意按打分排。", "田海波：同意。建议项目验收时请村监委会一起去。", "彭丽：同意，名单贴出来。",
                   "舒建国最后讲：同意大家的意见，按打分结果安排6个项目，公示7天没有异议再下达。")
    assert "符小军" not in read_people(township.text).leader_names
    assert meetings.leader_spoke_last(township) and not rules(township)
    village = doc("村支两委会议记录本.pdf", "青石村支两委会议记录", "到会：谭建国（支书）刘小平（主任）谭美玲周国强",
                  "列席：村监委主任彭德胜", "事由：机耕道硬化，预算8.6万元。",
                  "刘小平：路基先请乡农办来量一下，钱不够的部分村里出。", "谭美玲：同意，这笔钱单独记账。",
                  "谭建国最后讲：大家的意见都听了，我同意，施工队公开找。")
    assert read_people(village.text).leader_names == {"谭建国"} and not rules(village)



def _party_group(*turns):
    """A scanned 党组会 page with no chair and no titles: the first item's turns run on from the heading line, a
    "结论：" closes it and the next item ("…站长人选") starts on the same line; 龙建军 speaks again there."""
    return doc("党组会议记录（2025年第5次）.pdf", "党组会议记录2025年3月6日上午", "地点：局三楼会议室",
               "出席：龙建军石慧芳彭春来田小勇列席：办公室财务股", "议题一：乡村公路养护站改建",
               f"（概算380万元）施工单位确定方式{turns[0]}", *turns[1:],
               "结论：按会议意见办理。议题二：城北养护站站长人选（推荐）", "龙建军：我看唐文可以。其他同志同意。")


def test_the_first_speaker_called_by_his_bare_title_gives_his_view_first_in_one_item_and_the_rest_assent():
    """"同意书记意见" says whose view it was: the first speaker is the 书记, and his "我先表个态…我的意见是…" before
    bare assents breaches 末位表态 in that item, though he speaks again in the next one (an appointee's "人选" is no
    principal's name, "结论：" no speaker). When no one calls his view the 书记's, nothing says who he is; when the
    members speak first and he closes, it is 末位表态."""
    view = "龙建军：我先表个态，工期紧，我的意见是邀请招标，请两三家熟悉的单位，大家看有没有意见。"
    flags = meetings.check([_party_group(view, "石慧芳：同意书记意见。", "彭春来：同意。", "田小勇：同意。")], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "龙建军" in flags[0].message
    assert rules(_party_group(view, "石慧芳：同意。", "彭春来：同意。", "田小勇：同意。")) == []
    assert rules(_party_group("石慧芳：我先说，建议公开招标。", "彭春来：同意公开招标。", "田小勇：同意。",
                              "龙建军：听了大家的意见，我同意公开招标。")) == []


_COUNCILLORS = ["马建华", "韩有福", "才让多杰", "巴图", "马福海", "李秀英", "张志明", "卓玛", "马海林", "祁生兰", "韩国强",
                "王永贵", "多吉", "赵得福", "冶成林", "马玉兰", "陈国栋", "杨春花", "何永明"]


def _council_minutes(present: int, members="本届理事会共有理事27名。"):
    names = "、".join(_COUNCILLORS[:present])
    return doc("理事会会议纪要（四届二次）.docx", "某某县特产商会四届二次理事会会议纪要", "时间：2025年8月12日上午",
               f"{members}出席本次会议的理事：{names}，共{present}名。其余理事因采收季在外，请假。",
               "一、审议会费标准调整方案", "以上事项经与会理事举手表决，一致通过。")


def test_quorum_read_from_a_long_list_of_the_councillors_present():
    """"共有理事27名。出席本次会议的理事：<fifteen names>，共15名": the count closes a list some sixty characters long —
    15 of 27 is below the model charter's two thirds. 19 of 27 is a quorum; the members counted after 共有 ("本会共有理事
    27名") are the same total."""
    assert rules(_council_minutes(15)) == ["quorum"]
    assert rules(_council_minutes(15, members="本会共有理事27名。")) == ["quorum"]
    assert rules(_council_minutes(19)) == []
    assert rules(_council_minutes(19, members="本会共有理事27名。")) == []


def _cadre_meeting(present: int, matter: str):
    return doc("党组会议记录.docx", "中共某区农业农村局党组会议记录", "时间：2025年7月22日下午",
               f"应到：党组成员7人；实到：{present}人", f"议题：{matter}",
               "与会党组成员进行了讨论，均表示同意。", "会议决定：按讨论意见办理。")


def test_quorum_of_a_cadre_recommendation_is_two_thirds():
    """A cadre's nomination (民主推荐, 拟任人选, 任前公示) is a personnel matter: 4 of 7 党组成员 is a majority but not
    the two thirds it needs. 5 of 7 is enough; 4 of 7 is enough for an ordinary matter."""
    nominee = "研究农技站副站长拟任人选（民主推荐得票集中，考察后进行任前公示）"
    assert rules(_cadre_meeting(4, nominee)) == ["quorum"]
    assert rules(_cadre_meeting(4, "研究农业干部推荐事项")) == ["quorum"]
    assert rules(_cadre_meeting(5, nominee)) == []
    assert rules(_cadre_meeting(4, "研究秋粮收购期间值班安排")) == []


def _bonus_meeting(opening: str, doc_type="plan"):
    """A short handwritten office meeting whose only agenda item is a scheme ("…分配方案"): typed as a plan by its
    body, but headed as a decision meeting's minutes."""
    return doc("总经理办公会记录（2024年7月9日）.pdf", "总经理办公会记录", "2024年7月9日公司二楼会议室",
               "参加：吴建平周丽张海李芳", "议题：2024年上半年员工奖金分配方案", "（奖金总额64万元）",
               f"吴建平：{opening}", "周丽：同意。", "张海：同意。", "李芳：同意。", "决定：按上述方案发放。",
               doc_type=doc_type)


def test_a_first_speaker_who_settles_his_own_scheme_in_minutes_typed_as_a_plan():
    """"我先讲，方案就按我跟财务商量的来…今天定下来" and three bare assents: the opener settled the matter first. The
    record is read as minutes though its agenda item made it look like a plan. An opener who only lays the scheme
    before the meeting, or members who give views of their own, are no breach."""
    settled = "我先讲，方案就按我跟财务商量的来，管理层系数2.5，一线员工系数1.0，今天定下来，下周发。"
    flags = meetings.check([_bonus_meeting(settled)], TH)
    assert [f.rule for f in flags] == ["leader-speaks-first"] and "吴建平" in flags[0].message
    assert rules(_bonus_meeting("我先讲，方案就按我跟财务商量的来，管理层系数2.5，一线员工系数1.0。")) \
        == ["leader-speaks-first"]
    assert rules(_bonus_meeting("我先讲，管理层系数2.5，一线员工系数1.0，今天定下来，下周发。")) == ["leader-speaks-first"]
    assert rules(_bonus_meeting("我先讲一下，方案由财务拟了初稿，系数怎么定请大家提意见。")) == []
    discussed = doc("总经理办公会记录.pdf", "总经理办公会记录", "参加：吴建平周丽张海李芳", "议题：员工奖金分配方案",
                    f"吴建平：{settled}", "周丽：一线员工系数偏低，建议提高到1.2。", "张海：同意周丽意见。", "李芳：同意。",
                    doc_type="plan")
    assert rules(discussed) == []


def test_criticism_round_of_a_democratic_life_meeting_is_no_speaking_order():
    """In a 民主生活会's 相互批评 the principal and the members criticise one another, example after example to the end of
    the sentence: that is no stand taken on a matter to decide. A decision item after it is still read."""
    head = ("局党组2023年度民主生活会及党组会议记录", "主持人：唐国庆（党组书记、局长）")
    criticism = ("会上，唐国庆同志代表班子作对照检查，班子成员逐一发言。相互批评环节共提出意见24条，如副局长罗志刚指出唐国庆同志"
                 "“调度会开得多，现场看得少”；唐国庆同志指出罗志刚同志“对养护站经费使用过问不够”；纪检组长钟慧指出副局长曾凡林"
                 "“安全检查问题跟踪不到底”。会后形成整改清单11条。")
    assert "leader-speaks-first" not in rules(doc("记录.pdf", *head, criticism))
    decision = "二、关于县道养护工程发包的议题", "唐国庆局长首先表态，同意邀请三家施工单位。", "其他班子成员随后发言，均表示同意。"
    assert "leader-speaks-first" in rules(doc("记录.pdf", *head, criticism, *decision))
    # the round ends with its sentence: the same paragraph goes on to a decision the principal settles first
    assert "leader-speaks-first" in rules(doc("记录.pdf", *head, criticism + "会议还研究了县道养护工程发包，唐国庆局长首先表态，"
                                              "同意邀请三家施工单位，其他班子成员随后发言，均表示同意。"))


def test_a_chair_named_after_his_title_chairs_his_party_committee():
    """"主持：党委书记 谭永平" in a hospital 党委会: the 书记 chairs, the 院长 (马德华) is a member who may speak first."""
    minutes = doc("2024年第6次党委会议纪要.pdf", "中共某县第二人民医院委员会会议纪要", "2024年第6次",
                  "时间：2024年6月18日下午 地点：行政楼三楼会议室 主持：党委书记 谭永平",
                  "出席：谭永平、马德华（院长）、秦晓丽、向东、冉建（应到9人，实到8人）",
                  "一、研究落实国家组织高值医用耗材集中带量采购", "秦晓丽：骨科的关节用量要每月通报。",
                  "马德华：同意，医务科每月通报前十名用量。", "谭永平（最后表态）：同意以上意见，由设备科牵头。",
                  doc_type="collective_decision")
    assert read_people(minutes.text).leader_names == {"谭永平"}
    assert "leader-speaks-first" not in rules(minutes)


def test_a_chair_holding_two_titles_chairs_the_party_committees_prior_study():
    """"主持：党委书记、董事长 杨树林出席：…" heading a 党委前置研究讨论 record: the 书记 chairs (both titles are his, the
    next label runs on), and the 总经理 giving his view first is a member there."""
    minutes = doc("党委前置研究讨论重大经营管理事项记录.pdf", "中共某集团有限公司委员会 前置研究讨论重大", "经营管理事项会议记录",
                  "时间：2025年3月27日下午 地点：集团8楼会议室 主持：党委书记、董事长 杨树林出席：党委委员9人应到9人实到9人",
                  "议题：停车设施特许经营项目投资方案",
                  "委员讨论：总经理刘海东同志认为收益测算偏乐观，建议重新测算；副总经理宋佳同志建议征求城管委意见。",
                  "杨树林同志最后发言：同意将项目提交董事会。", doc_type="collective_decision")
    people = read_people(minutes.text)
    assert people.leader_names == {"杨树林"} and "刘海东" in people.member_names
    assert "leader-speaks-first" not in rules(minutes)
