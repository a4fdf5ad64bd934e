"""Spot-check flags read from handwritten and photographed papers: an opener who settles the matter before members
who only assent (leader-speaks-first), a record re-dated or relabelled (near-duplicate), a single source decided in a
meeting (single-source-unjustified), and an old family motto still on the wall (out-of-period)."""
from pipeline.flags import load_thresholds, meetings, run_flags
from pipeline.flags import procurement
from pipeline.models import Document, Passage, Unit

TH = load_thresholds()


def unit(folder="u", unit_type="jiguan", start=None, end=None):
    return Unit(folder=folder, path=f"/x/{folder}", name=folder, unit_type=unit_type, type_source="manifest",
                period_start=start, period_end=end)


def doc(name, *paras, doc_type="minutes", doc_kind="record", doc_date=None):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind=doc_kind, doc_date=doc_date)


def flagged(out, folder, rule):
    return sorted(f.file for f in out[folder] if f.rule == rule)


# ----------------------------------------------------------------- leader-speaks-first

def test_an_opener_who_settles_it_is_flagged_though_a_sitting_in_officer_objects_and_he_speaks_again():
    """A scanned 局务会 book: the chair opens "我先说…就交给X公司…就按这个来", the members only assent (one adds "抓紧，
    月底要完工"), the 派驻纪检组 officer sitting in (列席) warns about the procedure, and the chair closes "就这么定" —
    his second word restates what he settled, and the officer has no vote: flagged. Members who discuss are not."""
    head = ["2025年3月4日上午9:00局二楼会议室", "局务会（2025年第3次）", "主持：韦国平记录：蒙丽",
            "出席：韦国平覃建华黄秋菊陆志明（4人全到）",
            "列席：县纪委监委派驻第二纪检监察组莫小燕；办公室卢强议题一：乡村道路养护服务（预算38.5万元）"]
    turns = ["卢强汇报：养护服务拟竞争性磋商，已有两家咨询。韦国平：我先说一下。养护这块就交给河池路通养护公司，"
             "前年做过，情况熟，程序走一下，结果就按这个来。大家看看。覃建华：同意局长意见。",
             "黄秋菊：同意。", "陆志明：同意，抓紧，月底要完工。", "莫小燕：提醒一下，磋商要公开进行，不能事先定结果。",
             "韦国平：程序肯定要走，方向就这么定。", "决定：养护服务按会上意见办。"]
    out = meetings.check([doc("局务会记录本（第3次）.jpg", *head, *turns)], TH)
    assert [f.rule for f in out] == ["leader-speaks-first"] and "韦国平" in out[0].message
    talked = [t.replace("同意，抓紧，月底要完工。", "同意，但养护要公开磋商，不能先定公司。") for t in turns]
    assert meetings.check([doc("局务会记录本（第3次）.jpg", *head, *talked)], TH) == []


# ----------------------------------------------------------------- near-duplicate

_CLASS_BODY = ["过程：", "1.班主任讲“悬鱼太守”羊续的故事，同学们说说他为什么把鱼挂在门口。",
               "2.讲村里老人立下的规矩：不拿别人东西，借了要还，捡到东西交给老师。",
               "3.讨论：考试能不能偷看？同学的橡皮捡到了怎么办？", "4.每人写一句清廉小格言，贴在教室后墙。",
               "效果：学生发言积极，王××、李××等6名同学上台分享，大家表示要做诚实守信的好少年。"]


def _class_photo(cls, teacher):
    return doc(f"班会记录/{cls}主题班会记录.jpg", "主题班会记录", f"班级：{cls}班主任：{teacher}",
               "时间：2025年4月9日下午第二节", "主题：清清白白做人", "参加学生：38人", *_CLASS_BODY,
               f"班主任签名：{teacher}", doc_type="photo", doc_date="2025-04-09")


_MEMBERS = ["1周立新昆明市立新商贸有限公司 周立新", "2何丽华盘龙区丽华茶庄 何丽华", "3孙志强官渡区志强汽修厂 孙志强",
            "4钱玉梅呈贡区玉梅花卉种植园 钱玉梅", "5冯德才西山区德才建材店 冯德才", "6郑海波五华区海波物流有限公司 郑海波",
            "7陈小燕安宁市小燕餐饮店 陈小燕", "8褚卫东嵩明县卫东农机销售部 褚卫东"]


def _sign_in(month, day, content, leave, rows=tuple(_MEMBERS)):
    return doc(f"党支部/主题党日签到表（{month}月{day}日）.jpg",
               f"商会党支部主题党日活动签到表日期：2025年{month}月{day}日地点：商会会议室", f"内容：{content}",
               "序号姓名 会员企业 签到", *rows, f"（{leave}请假）", doc_type="signin",
               doc_date=f"2025-{month:02d}-{day:02d}")


def test_one_units_photographed_class_records_and_sign_in_sheets_copied_but_for_a_label_or_the_date():
    """Photos and sign-in sheets are alike across units by design, but within one unit two class records the same but
    for the class and teacher, or two sign-in sheets the same but for the date (same topic, same absentee), are one
    record relabelled or re-dated. Another meeting's sheet (its own topic, who was absent) is not a copy."""
    a, b = _class_photo("三（2）班", "覃美兰"), _class_photo("六（1）班", "黄志红")
    out = run_flags([(unit("s", "xuexiao"), [a, b])], TH)
    assert flagged(out, "s", "near-duplicate") == sorted([a.file, b.file])
    july = _sign_in(7, 1, "重温入党誓词，学习《中国共产党章程》总纲", "卫国强")
    august = _sign_in(8, 1, "重温入党誓词，学习《中国共产党章程》总纲", "卫国强")
    out = run_flags([(unit("c", "shanghui"), [july, august])], TH)
    assert flagged(out, "c", "near-duplicate") == sorted([july.file, august.file])
    may = _sign_in(5, 7, "观看警示教育片《零容忍》，交流心得体会", "蒋春花", tuple(_MEMBERS[:6] + _MEMBERS[7:]))
    out = run_flags([(unit("c", "shanghui"), [july, may])], TH)
    assert flagged(out, "c", "near-duplicate") == []


def test_sign_in_sheets_of_two_units_are_not_compared():
    a = _sign_in(7, 1, "重温入党誓词，学习《中国共产党章程》总纲", "卫国强")
    b = _sign_in(8, 1, "重温入党誓词，学习《中国共产党章程》总纲", "卫国强")
    out = run_flags([(unit("c1", "shanghui"), [a]), (unit("c2", "shanghui"), [b])], TH)
    assert flagged(out, "c1", "near-duplicate") == [] and flagged(out, "c2", "near-duplicate") == []


# ----------------------------------------------------------------- single-source-unjustified

def _single_source_flags(*paras, unit_type="yiyuan"):
    minutes = doc("院务会记录本（5月8日）.jpg", *paras)
    return [f for f in procurement.check(unit("h", unit_type), [minutes], TH) if f.rule == "single-source-unjustified"]


def test_a_meeting_that_names_a_single_source_just_under_the_competition_limit_gives_no_reason():
    """"彩超维保用单一来源，由某公司做" at 8.8万 — below the 10万 from which the unit must compete, but the meeting
    chose 单一来源 by name and gave only urgency: flagged. A 3,000-yuan single source is too small to matter."""
    item = ["一、彩超全年维保服务，报价8.8万元", "王建军：彩超上半年坏了三次，维保要尽快定。李红梅：同意。", "赵刚：同意。",
            "周德明：同意，维保用单一来源，由南宁康达医疗设备有限公司做，合同一年。决定：彩超维保采用单一来源方式。"]
    flags = _single_source_flags(*item)
    assert len(flags) == 1 and "8.8万元" in flags[0].message
    small = [line.replace("8.8万元", "0.3万元") for line in item]
    assert _single_source_flags(*small) == []


def test_a_meeting_that_gives_the_sole_suppliers_reason_and_sends_it_for_expert_opinion_and_publicity():
    """"封闭系统，只能使用原厂配套耗材，原厂…仅授权一家经销商" is the sole-supplier reason; "要先请…组织专家论证" and
    "论证、公示后签订合同" put the opinion and the publicity before the contract: not flagged."""
    item = ["议题一：化学发光仪配套耗材年度采购（约31万元）",
            "检验科汇报：我院化学发光仪为封闭系统，只能使用原厂配套耗材，原厂在广西仅授权一家经销商，拟采用单一来源方式采购。",
            "覃丽（副院长）：同意走单一来源，但要先请县卫健局组织专家论证，论证意见和公示材料存档。",
            "韦强：同意，合同一年一签。", "最后，黄文表态：同意以上意见，论证、公示后签订合同。"]
    assert _single_source_flags(*item) == []
    reason_only = [line for line in item if not line.startswith(("覃丽", "最后"))]
    reason_only.append("最后，黄文表态：同意以上意见，由检验科签订合同。")
    assert len(_single_source_flags(*reason_only)) == 1


# ----------------------------------------------------------------- out-of-period

def test_a_family_motto_written_before_the_period_still_stands_in_it():
    """A photo of the family motto titled "（2018年手书）" in a 2024–25 folder: written then, on the wall since — not
    out of period. A photo of an event of that year is."""
    motto = doc("家风家训/王家家训（2018年手书）.jpg", "王氏家训", "勤俭持家，清白做人", "公家的钱一分不拿",
                doc_type="photo")
    event = doc("家庭活动/2018年家训诵读活动.jpg", "王氏家训", "勤俭持家，清白做人", doc_type="photo")
    out = run_flags([(unit("f", "jiating", "2024-07-01", "2025-06-30"), [motto, event])], TH)
    assert flagged(out, "f", "out-of-period") == [event.file]
