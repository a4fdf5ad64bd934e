"""Negated/deferred activities vs. outcome statements; clause scope."""
from __future__ import annotations

import pytest

from classifiers.negation import affirmed_text, clause_split, negation_status


@pytest.mark.parametrize("text,cue_part", [
    ("家里记账一直没坚持下来", "没坚持"),
    ("本年度尚未开展警示教育", "尚未"),
    ("未开展廉政风险排查", "未开展"),
    ("暂未建立三资台账", "暂未"),
    ("没有开展廉洁教育活动", "没有开展"),
    ("未能按时召开组织生活会", "未能"),
    ("支部未组织集中学习", "未组织"),
    ("村务监督委员会未召开会议", "未召开"),
    ("我校未建立师德档案", "未建立"),
    ("为加强廉洁教育，我局未组织专题学习", "未组织"),
    ("收受红包、回扣问题的长效治理机制有待建立", "有待建立"),
    ("文旅融合产品单一，缺少有吸引力的特色品牌", "单一"),
    ("企业文化长廊 状态：未开始", "未开始"),
    ("首期稿件未审定，总经理退回", "未审定"),
    ("目前暂不单独开展", "暂不单独开展"),
    ("今年起不再组织集体外出考察", "不再组织"),
    ("依法经营自查暂不安排", "暂不安排"),
    ("这个事今天先不讨论", "先不讨论"),
    ("未见针对中高层管理人员的廉洁从业专题教育", "未见"),
])
def test_negated(text, cue_part):
    r = negation_status(text)
    assert r.negated and not r.deferred and cue_part in r.cue


@pytest.mark.parametrize("text", [
    "拟于2023年开展廉政讲座",
    "拟开设“清风丰禾”专栏，欢迎员工投稿。",
    "计划于明年建立医药代表备案制度",
    "下一步将组织参观警示教育基地",
    "待疫情结束后开展参观活动",
    "原定的廉政培训推迟",
    "因疫情取消本次讲座",
    "9月底前完成“四风”问题自查，建立公务用车台账",
    "年底前完成村务监督委员会换届",
    "2025年打算：一季度上线预约系统",
    "今年准备把家训写出来挂在堂屋",
    "“四个不合理”专项整治待市级方案下发后部署",
    "待市卫健委实施方案下发后再行研究部署",
    "清廉主题班会：下学年每班每学期不少于1次",
    "我景区计划将周边纪念馆串联，打造一日游线路",
    "拟串联振成楼楹联等内容，打造研学线路",
    "线路点位未确定，待明年再议",
    "红白理事会等年底换届后再说",
    "清廉文化长廊待区教育局专项经费下达后施工",
    "制度牌也等装修完一起上墙，预计下半年吧",
    "有会员问新会址的廉洁文化墙什么时候弄好",
    "女儿婚礼原打算从简",
    "准备从明年开始记家庭账",
    "全家商量好到时候从简办理",
    "今天下午的片子放不成了，时间另行通知",
    "潘主任，上次那个片子还放不放",
    "等我下周从县里开会回来再开个会调解一下",
    "请各商会组织会员企业签订承诺书，于5月31日前将签订名单报市工商联会员部",
    "请公司于年底前组织中高层廉洁从业专题教育",
    "清廉主题班会、升旗仪式廉洁主题教育拟纳入2025年春季学期德育工作计划",
    "廉洁文化墙制作方案待经费落实后再议",
    "专项整治自查下次两委会再研究",
    "厂区廉洁文化宣传栏因道路改造，延至2026年实施",
    "《华盛人》内刊2025年暂停出版",
    "县医保局已通知全县统一调整到2026年一季度",
])
def test_deferred(text):
    r = negation_status(text)
    assert r.deferred and not r.negated and r.cue


@pytest.mark.parametrize("text", [
    "未发生违纪违法行为",
    "没有发生侵占集体资产资源资金等现象",
    "未出现机关干部职工违纪违法问题",
    "无“四个不合理”行为投诉",
    "全年零投诉",
    "全年未收到游客投诉",
])
def test_outcome_statements_are_not_negations(text):
    r = negation_status(text)
    assert not r.negated and not r.deferred and r.outcome_negation


@pytest.mark.parametrize("text", [
    "已组织学习，未发现问题",
    "2022年9月5日，局党组召开会议研究三重一大事项",
    "未成年人保护讲座已开展",
    "组织全体党员参观廉政教育基地。",
    "已于9月底前完成“四风”问题自查",
    "经集体研究，采用单一来源方式采购",
    "2023年下学期开展清廉主题班会12次",     # a past term named by its year
    "按计划组织党员参观纪念馆，并将参观心得汇编成册",
])
def test_not_negated(text):
    assert not negation_status(text).negated and not negation_status(text).deferred


def test_clause_scope_mixed_passage():
    text = "已召开专题会议，但尚未建立台账"
    r = negation_status(text)
    assert not r.negated
    assert [c.negated for c in r.clauses] == [False, True]
    assert affirmed_text(text) == "已召开专题会议"
    assert affirmed_text("未开展警示教育，未发生违纪行为") == "未发生违纪行为"


def test_clause_split_spans():
    text = "已组织学习，未发现问题。下一步；继续"
    parts = clause_split(text)
    assert [p for p, _ in parts] == ["已组织学习", "未发现问题", "下一步", "继续"]
    for clause, (a, b) in parts:
        assert text[a:b] == clause


def test_not_done_separately_is_negated():
    """"未单独组织" / "未专门开展": the activity was not held, whatever the adverb."""
    assert negation_status("本年度未单独组织讲解员培训").negated
    assert negation_status("今年未专门开展廉洁家访").negated


def test_a_requirement_is_no_deed_so_the_passage_that_goes_on_to_deny_it_is_denied():
    text = ("按要求我院应于上半年开展处方点评和医保基金使用专项自查。因药剂科仅有药师2名，处方点评专项工作尚未开展，"
            "拟于11月进修人员返院后集中开展。")
    assert negation_status(text).negated
    assert not negation_status("我院已于上半年开展处方点评专项自查，点评处方1200张").negated


@pytest.mark.parametrize("text", ["已于5月31日前将签订名单报送市工商联", "会议开成了，到会32人", "观后感已交办公室",
                                  "已于年底前组织完成培训", "抽查报销凭证20份，未见异常"])
def test_done_before_a_deadline_or_held_is_not_deferred(text):
    r = negation_status(text)
    assert not r.deferred and not r.negated


def test_a_relayed_request_answered_as_not_done_is_no_record():
    """"镇纪委要求各村开展…自查" answered in the next sentence "等春耕忙完再搞" (or "方案还在起草"): the request shares
    the answer. Answered "已于3月完成自查", or with nothing after it, the request stays as it is."""
    put_off = "三、镇纪委要求各村开展群众身边“吃拿卡要”问题自查。钟建平讲：等春耕忙完再搞，拟五月底前开。四、今年村干部都签了廉洁承诺。"
    assert "吃拿卡要" not in affirmed_text(put_off) and "廉洁承诺" in affirmed_text(put_off)
    drafting = "县委办的通知五月份下的，要求开展“比学赶超、争先创优”，搞股室季度评比。我们的方案还在起草，初稿还没拿出来。"
    assert negation_status(drafting).negated
    done = "镇纪委要求各村开展群众身边“吃拿卡要”问题自查。我村已于3月完成自查，未发现问题。"
    assert "吃拿卡要" in affirmed_text(done)
    alone = "镇纪委要求各村开展群众身边“吃拿卡要”问题自查。"
    assert not negation_status(alone).negated and "吃拿卡要" in affirmed_text(alone)


def test_a_request_answered_in_its_own_sentence_shares_the_answer():
    """A diary line "5月16日 党委通知报送台账，本支部记录未成册，待补": the request is answered by the clauses after it (its
    date does not mark it done); answered "已报送", it stays."""
    owed = "5月16日 镇中心校党委通知报送“三会一课”台账，本支部支委会记录未成册，待补。"
    assert negation_status(owed).negated and "三会一课" not in affirmed_text(owed)
    sent = "5月16日 镇中心校党委通知报送“三会一课”台账，本支部已按时报送。"
    assert "三会一课" in affirmed_text(sent)


@pytest.mark.parametrize("text,kept", [
    ("2. 图书室“清廉书架”布置：方案已报总务处，尚未实施。", ""),
    ("廉洁文化宣传栏设计稿已完成，尚未制作安装。全年组织员工篮球赛1次。", "全年组织员工篮球赛1次"),
    # the thing itself done, a later step still open: done
    ("廉洁文化墙已于5月完成安装，尚未组织验收。", "廉洁文化墙已于5月完成安装"),
])
def test_a_step_towards_it_done_is_no_deed_when_the_thing_is_not(text, kept):
    assert affirmed_text(text) == kept


@pytest.mark.parametrize("text", ["全面从严治党工作本年度未列入校务会议题", "支委会记录未成册"])
def test_not_put_on_the_agenda_or_filed_is_negated(text):
    assert negation_status(text).negated, text


@pytest.mark.parametrize("text", ["文化墙暂不制作", "等二期完工后再建", "家训的事过年前一定要定下来"])
def test_put_off_until_something_still_to_come(text):
    r = negation_status(text)
    assert r.negated or r.deferred, text
