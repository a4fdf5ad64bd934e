"""Date mentions and the document's own date (not cited dates)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from classifiers.dates import date_range, document_date, find_dates
from pipeline.models import Passage

D = dt.date
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_406d525027f223a7.txt"


@pytest.mark.parametrize("text,date,kind", [
    ("2022年8月9日", D(2022, 8, 9), "day"),
    ("2022 年 8 月 9 日", D(2022, 8, 9), "day"),
    ("２０２２年８月９日", D(2022, 8, 9), "day"),
    ("2022.8.9", D(2022, 8, 9), "day"),
    ("2022-08-09", D(2022, 8, 9), "day"),
    ("2022/8/9", D(2022, 8, 9), "day"),
    ("二〇二二年八月九日", D(2022, 8, 9), "day"),
    ("二○二二年十二月三十一日", D(2022, 12, 31), "day"),
    ("二零二三年十一月二十日", D(2023, 11, 20), "day"),
    ("2022年8月", D(2022, 8, 1), "month"),
    ("2022年8月上旬", D(2022, 8, 1), "month"),
    ("24年4月4号清明节", D(2024, 4, 4), "day"),      # a hand-typed note's short year
])
def test_find_dates_formats(text, date, kind):
    found = find_dates(text)
    assert len(found) == 1 and found[0].date == date and found[0].kind == kind
    assert found[0].span[0] == 0


def test_find_dates_rejects_non_dates():
    assert find_dates("张武纪发〔2022〕5号") == []
    assert find_dates("2019年修订") == []
    assert find_dates("2022年2月30日") == []
    assert find_dates("电话 13812345678") == []
    assert find_dates("工作24年3月") == [] and find_dates("编号124年3月5日") == []
    spans = [m.span for m in find_dates("会议于2022年9月5日召开，2022年8月部署")]
    assert spans == [(3, 12), (15, 22)]


def test_seed_own_date_is_issue_date_not_cited():
    if not SEED.is_file():
        pytest.skip("seed not available")
    d = document_date(SEED.read_text(encoding="utf-8"))
    assert d is not None and d.date == D(2022, 8, 9)


def test_labelled_meeting_date_beats_cited_date():
    text = ("党组会议纪要\n根据区委2021年5月10日的通知精神\n会议时间：2022年9月5日上午\n"
            "地点：三楼会议室\n会议传达了《关于推进清廉湖南建设的意见》（湘发〔2021〕19号）")
    d = document_date(text, doc_type="minutes")
    assert d.date == D(2022, 9, 5) and "会议时间" in d.source_text and d.reason


def test_signature_block_date_and_deadline_ignored():
    text = ("关于开展廉政教育的通知\n各科室：\n请于2023年3月31日前完成报送。\n"
            "本办法自2022年1月1日起施行。\n\n某某局办公室\n2022年10月8日")
    assert document_date(text).date == D(2022, 10, 8)


def test_signing_date_of_contract():
    text = "采购合同\n甲方：某局\n乙方：某公司\n依据2021年3月1日发布的管理办法\n签订日期：2022年11月3日\n付款于2022年12月31日前完成"
    assert document_date(text).date == D(2022, 11, 3)


def test_chinese_numeral_signature_date():
    text = "廉洁承诺书\n本人郑重承诺……\n\n承诺人：张三\n二〇二二年九月一日"
    assert document_date(text).date == D(2022, 9, 1)


def test_only_cited_dates_gives_none():
    assert document_date("根据2021年5月10日印发的通知，现转发") is None
    assert document_date("花名册\n张三 男 1975年3月12日 汉族\n李四 女 1980年5月1日出生") is None
    assert document_date("《条例》2019年修订，湘发〔2021〕19号") is None
    assert document_date("截至2022年12月31日，共计三项") is None


def test_yearless_labelled_date_takes_year_from_document():
    d = document_date("会议纪要\n会议时间：9月5日上午\n\n某局\n2022年9月6日")
    assert d.date == D(2022, 9, 5)


def test_page_from_passages():
    ps = [Passage(file="a.pdf", page=1, text="学习记录"), Passage(file="a.pdf", page=2, text="学习时间：2022年8月20日")]
    d = document_date(None, ps, "training")
    assert d.date == D(2022, 8, 20) and d.page == 2


def test_date_range():
    assert date_range("2022年9月5日至2022年10月1日，2022年8月") == (D(2022, 9, 5), D(2022, 10, 1))
    assert date_range("无日期") is None


# --- classifiers.text_utils (numerals used by dates; amounts used by the red-flag rules)

from classifiers.text_utils import cn_number_to_int, normalize, parse_amounts, to_halfwidth  # noqa: E402


@pytest.mark.parametrize("s,n", [("二〇二二", 2022), ("二○二二", 2022), ("十", 10), ("十一", 11), ("三十一", 31),
                                 ("一百零五", 105), ("伍万捌仟", 58000), ("两千", 2000), ("12", 12), ("abc", None)])
def test_cn_number_to_int(s, n):
    assert cn_number_to_int(s) == n


def test_normalize():
    assert normalize("会 议 纪 要 ２０２２年「通知」") == "会议纪要2022年“通知”"
    assert len(to_halfwidth("ＡＢ１２：")) == 5 and to_halfwidth("ＡＢ１２：") == "AB12:"


def test_parse_amounts():
    text = "合同金额5.8万元，即58000元（￥58,000.00），大写人民币伍万捌仟元整；另9.6万采购款，游客9.6万人次，金额：12000，2022年"
    values = [v for v, _ in parse_amounts(text)]
    assert values == [58000.0, 58000.0, 58000.0, 58000.0, 96000.0, 12000.0]
    (v, (a, b)), = parse_amounts("共计人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分")
    assert v == 123456.78 and "壹拾贰万" in "共计人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分"[a:b]
    assert parse_amounts("2022年9月5日，参会12人") == []


def test_bulletin_masthead_date_is_the_issue_date():
    from classifiers.dates import document_date

    d = document_date("会同县第二人民医院院务简报\n2021年第4期 院办公室 2021年11月22日\n我院召开警示教育大会\n"
                      "11月19日下午，医院召开警示教育大会，180余人参加。")
    assert d is not None and d.date.isoformat() == "2021-11-22"


@pytest.mark.parametrize("text,iso", [
    # OCR reads the colon after 时间 as a semicolon
    ("桃花溪社区居民代表会议记录\n时间；2024年11月20日晚7:00；地点；社区活动室\n议题：加装电梯补贴", "2024-11-20"),
    # a speech: the date heads the text beside the occasion
    ("国旗下讲话：做清清白白的育才人\n2025年9月8日（第二周周一）升旗仪式　讲话人：缪卫东\n亲爱的老师们、同学们：", "2025-09-08"),
    # a bulletin's masthead with its running number and editor
    ("某某商会工作简报\n第6期（总第31期） 商会秘书处编 2022年11月25日\n我会组织会员企业参观廉政教育基地\n"
     "11月23日上午，商会党支部书记带领23名会员企业负责人参观。", "2022-11-25"),
    # a periodical's masthead gives only the month
    ("《渝丰人》2024年第4期（总第38期） 清风专栏\n重庆渝丰建工集团有限公司 主办 2024年12月\n清风专栏｜一张购物卡", "2024-12-01"),
    # a post's dateline: the date and its source under the title
    ("亚运保障 我们在一线！｜食品安全保障工作简报（第12期）\n2023-10-09 临平市场监管\n杭州亚运会已圆满闭幕。", "2023-10-09"),
    # a family's pledge signed by all of them, with the festival in brackets
    ("家庭廉洁承诺\n新年我们一家承诺：\n一、过年不收礼，不送礼；\n杨家全体2025年1月28日（除夕）", "2025-01-28"),
    # a signer named by role, the date run on after the name
    ("关于配偶经营便利店有关情况的报告\n本人配偶在城关镇开设便利店一家。\n报告人：陈建华　2025年3月6日", "2025-03-06"),
    # … also when OCR ran the sign-off into the superior's note above it
    ("关于亲属从事煤炭运输经营情况的报告\n局党组：\n现将亲属经商情况报告如下：我妻弟于2025年2月成立车队。\n"
     "5.3:14批示：已阅。同意回避。，局长韩雪峰202报告人：高志刚2025年3月12日", "2025-03-12"),
    # the rule followed is in the clause before; the date is the unit's own act
    ("教辅资料征订情况\n按照“一科一辅、自愿征订”的要求，2024年9月2日向家长发放征订告知书，家长自愿勾选。", "2024-09-02"),
])
def test_own_date_in_other_voices(text, iso):
    d = document_date(text)
    assert d is not None and d.iso == iso


def test_a_cited_month_is_not_the_documents_date():
    assert document_date("关于开展自查的通知\n根据2023年5月区纪委文件精神，各科室开展自查。") is None


def test_the_approval_a_notice_rests_on_is_cited_not_its_date():
    """"经2024年8月2日商会理事会审议通过，现将…公示如下" cites the meeting; it is not the notice's own date."""
    text = ("江津区花椒商会2024年上半年财务收支公示经2024年8月2日商会四届理事会第六次会议审议通过，现将情况公示如下：\n"
            "一、收入40.7万元。")
    found = document_date(text)
    assert found is None or found.date != D(2024, 8, 2)


def test_ocr_zero_lookalikes_in_a_chinese_numeral_year():
    """OCR reads 〇 as a Latin O or a digit 0: "二O二四年三月九日" is 2024-03-09; other O's stay letters."""
    assert [m.iso for m in find_dates("付款日期：二O二四年三月九日")] == ["2024-03-09"]
    assert [m.iso for m in find_dates("二0二四年3月")] == ["2024-03-01"]
    assert [m.iso for m in find_dates("二OO五年十月一日建成")] == ["2005-10-01"]
    assert find_dates("型号O二三年款") == [] and find_dates("共一二O人") == []


def test_an_export_or_print_time_is_not_the_documents_date():
    """A system export made after the period ("导出时间：2026/9/2") of work orders inside it: the copy's time is no date
    of the document's own."""
    text = ("扎赉特旗12345接诉即办平台 工单导出　承办单位：好力保镇永兴嘎查　导出时间：2026/9/2 8:47\n"
            "工单号\t来电时间\t诉求内容\n"
            "ZLT2601090031\t2026/1/9 9:12\t三组独居老人家中取暖煤不够\n"
            "打印时间：2026-10-20 11:40")
    d = document_date(text)
    assert d is None or d.date < D(2026, 9, 1)


def test_a_date_read_next_to_an_activity_is_marked_as_from_the_body():
    """With no label, sign-off or heading date, a body date beside an activity word is what the text tells of."""
    body = document_date("关于设备更换的说明我院的设备于2025年3月4日出现故障报警，经检查需更换。")
    assert body is not None and body.from_body
    signed = document_date("关于设备更换的说明\n设备于2025年3月4日出现故障，经检测需更换。\n某某卫生院\n2025年3月20日")
    assert signed is not None and signed.iso == "2025-03-20" and not signed.from_body
