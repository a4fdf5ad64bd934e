"""dates-out-of-order read from a form's or log's own steps, and out-of-period for an undated form of another year."""
from pipeline.flags import form_order, load_thresholds, procurement, run_flags
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def doc(name, *paras, doc_type="procurement", doc_date=None, source="text", kind="record"):
    ps = [Passage(name, 1, t, source=source, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind=kind, doc_date=doc_date)


def unit(unit_type="yiyuan", start=None, end=None):
    return Unit(folder="u1", path="/x/u1", name="某单位", unit_type=unit_type, type_source="manifest",
                period_start=start, period_end=end)


def dates_flags(flags):
    return [f for f in flags if f.rule == "dates-out-of-order"]


# ----------------------------------------------------------------- a purchase's acceptance form with its own steps

def _acceptance_form(accepted):
    """Goods accepted on a form that also records the quotes, the meeting and the signing, each "step：date"."""
    return doc("办公桌采购验收单.pdf", "某中学物资采购审批及验收单", "采购项目：办公桌40张 金额：24,000元",
               "比价：2025年6月10日 三家报价，某家具厂最低", "行政会研究：2025年6月12日同意",
               "合同签订：2025年6月15日", f"到货验收：{accepted}", "验收人：甲某 乙某",
               "验收意见：数量、规格与合同一致，合格。校长：丙某 2025年6月30日")


def test_goods_accepted_before_the_quotes_meeting_and_contract_on_its_own_form():
    flags = dates_flags(form_order.check([_acceptance_form("2025年6月5日")]))
    assert len(flags) == 1 and "2025年6月5日" in flags[0].message


def test_goods_accepted_before_the_supplier_was_chosen_on_a_form_without_a_contract_line():
    form = doc("采购验收单.pdf", "物资采购验收单", "询价：2025年6月10日 三家报价", "行政会研究：2025年6月12日同意",
               "到货验收：2025年6月5日")
    assert len(dates_flags(form_order.check([form]))) == 1
    form.passages[-1].text = "到货验收：2025年6月20日"
    assert dates_flags(form_order.check([form])) == []


def test_goods_accepted_after_the_contract_on_its_own_form_is_clean():
    assert dates_flags(form_order.check([_acceptance_form("2025年6月25日")])) == []


# ----------------------------------------------------------------- a "四议两公开" log in a notebook, whatever its title

def _notebook(first, second, third, fourth, title="某村两委会记录（便民桥项目）"):
    """A photographed notebook: each line opens with its date (no year) and names its step."""
    return doc("两委会记录本（拍照）.jpg", title, f"{first}支部委员会提议：修建便民桥一座。",
               f"{second}两委联席会商议：同意，预算3.6万元。", f"{third}党员大会审议：同意。",
               f"{fourth}村民代表会议表决：到会21人，同意20人。", "记录：某某", doc_type="minutes", source="ocr")


def test_a_notebooks_vote_dated_before_the_proposal_it_decides():
    flags = dates_flags(form_order.check([_notebook("6月12日", "6月15日", "6月18日", "6月3日")]))
    assert len(flags) == 1 and "6月3日" in flags[0].message and "四议两公开" in flags[0].message


def test_a_notebook_with_its_steps_in_order_is_clean():
    assert dates_flags(form_order.check([_notebook("6月3日", "6月12日", "6月15日", "6月18日")])) == []


def test_two_matters_logged_one_after_the_other_are_two_chains():
    """The second matter's proposal comes after the first matter's vote: no inversion."""
    two = doc("两委会记录本（拍照）.jpg", "某村两委会记录", "3月2日支部提议：硬化村道。", "3月5日两委商议：同意。",
              "3月9日党员大会审议：同意。", "3月12日村民代表会议决议：通过。", "2月20日支部提议：修水渠。",
              "2月25日两委商议：同意。", "2月28日党员大会审议：同意。", "3月1日村民代表会议决议：通过。",
              doc_type="minutes", source="ocr")
    assert dates_flags(form_order.check([two])) == []


# ----------------------------------------------------------------- a contract citing a basis on a scan's wrapped line

def _scanned_contract(meeting_day):
    return doc("耗材采购合同（扫描）.pdf", "医用耗材采购合同", "甲方：某某镇卫生院", "乙方：某某医疗器械有限公司",
               f"根据甲方2025年{meeting_day}院长办公", "会遴选结果，双方就注射器等8个品种签订本合同。",
               "合同金额：人民币96，500元", "签订日期：2025年4月8日", source="ocr")


def test_a_scanned_contract_signed_before_the_selection_it_cites_across_a_line_break():
    flags = dates_flags(procurement.check(unit(), [_scanned_contract("4月20日")], TH))
    assert len(flags) == 1 and "2025-04-20" in flags[0].message


def test_a_scanned_contract_signed_after_the_selection_it_cites_is_clean():
    assert dates_flags(procurement.check(unit(), [_scanned_contract("4月2日")], TH)) == []


# ----------------------------------------------------------------- an undated form of another year

def _period_flags(*docs, start="2025-01-01", end="2025-12-31"):
    u = unit("jiating", start, end)
    return sorted(f.file for f in run_flags([(u, list(docs))], TH)["u1"] if f.rule == "out-of-period")


def _recommendation(year, signed):
    return doc("推荐表.docx", f"{year}年度某县“文明家庭”推荐表", "家庭户主；王某；推荐单位；某社区",
               f"主要事迹 {year}年，一家人参加社区志愿服务8次。", f"社区意见：同意推荐。 {signed}",
               f"镇妇联意见：同意推荐。 {signed}", doc_type="other", kind="other")


def test_an_undated_form_of_the_year_before_the_period():
    assert _period_flags(_recommendation(2024, "2024年11月20日")) == ["推荐表.docx"]


def test_an_undated_form_of_the_period_or_signed_in_it_is_clean():
    assert _period_flags(_recommendation(2025, "2025年11月20日")) == []
    assert _period_flags(_recommendation(2024, "2025年1月10日")) == []


def test_an_undated_rule_adopted_before_the_period_is_clean():
    rule = doc("2023年家庭公约.docx", "2023年王氏家庭公约", "一、勤俭持家。", "全家商定 2023年2月1日",
               doc_type="rules", kind="rule")
    assert _period_flags(rule) == []


def test_a_contract_citing_a_meeting_body_held_after_its_signing():
    """"根据…党委会意见": the body that met (党委会, 院务会, 办公会) names the basis as well as 决议 or 纪要 would."""
    def typed(day):
        return doc("设备采购合同.docx", "设备采购合同", "甲方：某某医院", "乙方：某某医疗器械有限公司",
                   f"根据甲方2025年{day}党委会意见，双方签订本合同。", "合同金额：人民币32万元", "签订日期：2025年4月8日")
    assert len(dates_flags(procurement.check(unit(), [typed("4月20日")], TH))) == 1
    assert dates_flags(procurement.check(unit(), [typed("4月2日")], TH)) == []
