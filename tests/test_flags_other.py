"""extraction, out-of-period, near-duplicate, thresholds from YAML and the run_flags API."""
import random

from pipeline.flags import load_thresholds, run_flags
from pipeline.models import Document, PageError, Passage, Unit

TH = load_thresholds()


def unit(folder, start=None, end=None, unit_type="jiguan"):
    return Unit(folder=folder, path=f"/x/{folder}", name=folder, unit_type=unit_type, type_source="manifest",
                period_start=start, period_end=end)


def doc(name, *paras, **kw):
    ps = [Passage(name, kw.pop("page", 1), t, index=i) for i, t in enumerate(paras)]
    kw.setdefault("doc_kind", "record")
    return Document(file=name, passages=ps, pages=1, **kw)


def rules(out, folder):
    return [(f.file, f.rule) for f in out[folder]]


# ----------------------------------------------------------------- extraction

def test_extraction_flags():
    docs = [Document(file="坏.pdf", status="failed", error="PDF 文件结构损坏", error_code="corrupt"),
            Document(file="密.pdf", status="failed", error="文件已加密", error_code="encrypted"),
            Document(file="空.jpg", status="empty"),
            doc("扫描.pdf", "模糊的识别文字", page_ocr_confidence={1: 0.93, 2: 0.52}),
            doc("清晰.pdf", "清晰的识别文字", page_ocr_confidence={1: 0.95})]
    out = run_flags([(unit("u"), docs)], TH)
    got = rules(out, "u")
    assert ("坏.pdf", "unreadable") in got and ("密.pdf", "encrypted") in got and ("空.jpg", "empty") in got
    low = [f for f in out["u"] if f.rule == "low-ocr-confidence"]
    assert len(low) == 1 and low[0].file == "扫描.pdf" and low[0].page == 2 and "第2页" in low[0].message
    assert not any(f.file == "清晰.pdf" for f in out["u"])
    sev = {f.rule: f.severity for f in out["u"]}
    assert sev["unreadable"] == "high" and sev["encrypted"] == "high" and sev["empty"] == "low"
    assert "损坏" in next(f.message for f in out["u"] if f.rule == "unreadable")


def test_page_error_reported():
    d = doc("长.pdf", "正文", page_errors=[PageError(3, "timeout", "第3页识别超时")])
    out = run_flags([(unit("u"), [d])], TH)
    assert [(f.rule, f.page) for f in out["u"]] == [("unreadable", 3)]


# ----------------------------------------------------------------- period

def test_out_of_period():
    docs = [doc("旧纪要.pdf", "2021年3月5日 党组会议", doc_date="2021-03-05"),
            doc("新纪要.pdf", "2022年9月5日 党组会议，学习2019年印发的条例", doc_date="2022-09-05"),
            doc("无日期.pdf", "会议记录"),
            # a 章程 adopted before the period is in force during it: no flag
            doc("商会章程.pdf", "某商会章程", "2021年3月5日会员大会通过", doc_date="2021-03-05", doc_kind="rule"),
            # a ledger titled for the period whose first row falls before it is the period's ledger
            doc("2022年党风廉政建设工作台账.xlsx", "2022年党风廉政建设工作台账", "日期: 2021-12-28；事项: 年终检查",
                doc_date="2021-12-28", doc_type="ledger"),
            # … and so is a register whose rows run on into the period
            doc("联审联批登记表.xlsx", "村级财务支出联审联批登记表", "日期: 2021-12-06；事项: 路灯电费",
                "日期: 2022-09-12；事项: 椰林路硬化首付款", doc_date="2021-12-06", doc_type="ledger"),
            # a register with no entry in the period is flagged
            doc("旧登记表.xlsx", "村级财务支出登记表", "日期: 2021-05-06；事项: 路灯电费", doc_date="2021-05-06",
                doc_type="ledger")]
    out = run_flags([(unit("u", "2022-08-01", "2022-12-31"), docs)], TH)
    flags = [f for f in out["u"] if f.rule == "out-of-period"]
    assert sorted(f.file for f in flags) == sorted(["旧纪要.pdf", "旧登记表.xlsx"])
    old = next(f for f in flags if f.file == "旧纪要.pdf")
    assert "2021-03-05" in old.message and "2022-08-01" in old.message
    # no period: no flag
    assert not [f for f in run_flags([(unit("v"), docs)], TH)["v"] if f.rule == "out-of-period"]


# ----------------------------------------------------------------- near duplicate

_rng = random.Random(7)
_WORDS = ("会议", "学习", "传达", "党风廉政建设", "部署", "落实", "整改", "问题", "清单", "责任", "支部", "党员", "干部",
          "廉洁", "警示教育", "案例", "讨论", "发言", "制度", "监督", "基层", "群众", "走访", "台账", "检查", "通报")


def _text(seed, n=150):
    r = random.Random(seed)
    return "".join(r.choice(_WORDS) + r.choice("，。；") for _ in range(n))


def test_near_duplicate_across_units_and_template_lines():
    body = _text(1)
    header = "本单位高度重视清廉建设工作，成立了以主要负责人为组长的领导小组。"
    changed = body[:-8] + "二〇二二年十月"
    units = [
        (unit("a"), [doc("学习记录.docx", header, body, sha256="1")]),
        (unit("b"), [doc("学习记录(1).docx", header, changed, sha256="2")]),
        (unit("c"), [doc("自查报告.docx", header, _text(2), sha256="3")]),
        (unit("d"), [doc("总结.docx", header, _text(3), sha256="4")]),
    ]
    out = run_flags(units, TH)
    dup = {u: [f for f in out[u] if f.rule == "near-duplicate"] for u in out}
    assert len(dup["a"]) == 1 and len(dup["b"]) == 1 and not dup["c"] and not dup["d"]
    f = dup["a"][0]
    assert f.related[0]["unit"] == "b" and f.related[0]["file"] == "学习记录(1).docx"
    assert f.related[0]["similarity"] >= 0.8 and "学习记录(1).docx" in f.message and "相似度" in f.message


def test_near_duplicate_skips_templates_short_and_notices():
    tpl = _text(5)
    units = [(unit(x), [doc("承诺书.docx", "姓名：" + x * 3, tpl, sha256=x)]) for x in "abcd"]
    notice = ("关于转发《深化清廉建设工作方案》的通知", _text(9))
    units[0][1].append(doc("通知.docx", *notice, doc_kind="plan", doc_type="plan"))
    units[1][1].append(doc("通知.docx", *notice, doc_kind="plan", doc_type="plan"))
    units[2][1].append(doc("短.docx", "会议记录：同意。"))
    units[3][1].append(doc("短.docx", "会议记录：同意。"))
    out = run_flags(units, TH)
    assert not any(f.rule == "near-duplicate" for fl in out.values() for f in fl)


def test_near_duplicate_within_unit():
    body = _text(11)
    u = (unit("a"), [doc("9月纪要.docx", "2022年9月5日", body, sha256="1"),
                     doc("10月纪要.docx", "2022年10月8日", body, sha256="2"),
                     doc("11月纪要.docx", "2022年11月8日", _text(12), sha256="3")])
    flags = [f for f in run_flags([u], TH)["a"] if f.rule == "near-duplicate"]
    assert sorted(f.file for f in flags) == ["10月纪要.docx", "9月纪要.docx"]
    assert "本单位" in flags[0].message


# ----------------------------------------------------------------- thresholds & API

YAML = """
defaults:
  village_project_limit: 100000
  split_limits: {default: 100000}
  split_window_days: 60
  split_band: 0.8
  open_tender: {goods: 2000000, services: 2000000, works: 4000000}
  quorum:
    default: {min_ratio: 0.5, inclusive: false}
    personnel: {min_ratio: 2/3, inclusive: true}
    village_representatives: {min_ratio: 2/3, inclusive: true}
  near_duplicate: {jaccard: 0.8, num_perm: 128, shingle: 5, min_chars: 200}
  low_ocr_confidence: 0.75
province_aliases: {湖南省: hunan}
overrides:
  hunan:
    2025: {split_limits: {default: 50000}, split_window_days: 30, low_ocr_confidence: 0.9}
"""


def test_thresholds_override_changes_outcome(tmp_path):
    p = tmp_path / "thresholds.yaml"
    p.write_text(YAML, encoding="utf-8")
    base = load_thresholds(p)
    hn = load_thresholds(p, province="湖南省", year=2025)
    old = load_thresholds(p, province="hunan", year=2024)
    assert base.split_limit("jiguan") == 100000 and hn.split_limit("jiguan") == 50000
    assert old.split_limit("jiguan") == 100000 and hn.split_window_days == 30
    ledger = doc("台账.xlsx", "日期: 2025-04-01；供应商: 某印务公司；项目: 宣传册印刷；金额: 42000",
                 "日期: 2025-04-15；供应商: 某印务公司；项目: 宣传展板印刷；金额: 45000", doc_type="ledger")
    u = unit("u")
    assert not any(f.rule == "split-purchase" for f in run_flags([(u, [ledger])], base)["u"])
    assert any(f.rule == "split-purchase" for f in run_flags([(u, [ledger])], hn)["u"])
    scan = doc("扫描.pdf", "文字", page_ocr_confidence={1: 0.85})
    assert not run_flags([(u, [scan])], base)["u"] and run_flags([(u, [scan])], hn)["u"]


def test_shipped_yaml_loads():
    t = load_thresholds(province="湖南", year=2025)
    assert t.village_project_limit == 100000 and t.open_tender["works"] == 4000000
    assert t.quorum_personnel.passes(30, 45) and not t.quorum_personnel.passes(29, 45)
    assert not t.quorum_default.passes(5, 10) and t.quorum_default.passes(6, 10)


def test_run_flags_order_and_keys():
    docs = [Document(file="b.pdf", status="empty"), Document(file="a.pdf", status="failed", error_code="timeout")]
    out = run_flags([(unit("u"), docs), (unit("v"), [])])
    assert set(out) == {"u", "v"} and out["v"] == []
    assert [f.file for f in out["u"]] == ["a.pdf", "b.pdf"]


_REFLECTION = [
    "观看警示教育片《围猎之害》心得体会",
    "{who}",
    "{date}，我参加了{org}组织的警示教育片集中观看活动。片中几名落马干部从最初收受一条烟、一顿饭开始，"
    "一步步滑向违纪违法的深渊，令人警醒。他们在镜头前痛哭流涕、追悔莫及，但为时已晚。",
    "我深刻体会到：一是廉洁是立身之本，小节不守，大节难保；二是要正确看待与公职人员的交往，做到亲而有度、"
    "清而有为，不搞请客送礼那一套；三是要守住家门，管好身边人。",
    "作为一名{role}，今后我将把这次受到的教育转化为实际行动，依法经营、诚信做事，自觉接受监督，"
    "坚决不拉拢、不围猎干部，为营造风清气正的营商环境贡献自己的力量。",
]


def _reflection(**kw):
    return [p.format(**kw) for p in _REFLECTION]


def test_near_duplicate_names_and_words_swapped():
    a = _reflection(who="温州商会会员 王立新", date="2025年3月20日", org="商会", role="民营企业经营者")
    b = _reflection(who="集团工程部 赵志刚", date="2023年6月28日", org="集团纪委", role="国有企业中层管理人员")
    units = [(unit("商会"), [doc("心得/心得体会（王立新）.txt", *a, doc_type="training", sha256="1")]),
             (unit("集团"), [doc("心得/心得体会（赵志刚）.txt", *b, doc_type="training", sha256="2")]),
             (unit("学校"), [doc("心得/学习体会.txt", _text(21), doc_type="training", sha256="3")])]
    out = run_flags(units, TH)
    dup = {u: [f.file for f in out[u] if f.rule == "near-duplicate"] for u in out}
    assert dup == {"商会": ["心得/心得体会（王立新）.txt"], "集团": ["心得/心得体会（赵志刚）.txt"], "学校": []}


_PLAN = ["{name}清廉建设工作方案",
         "为深入贯彻区纪委《深入推进清廉建设工作方案》精神，扎实推进{name}清廉建设，结合实际，制定本方案。",
         "一、工作目标", "以清廉单元建设为载体，党组织建设规范，廉洁从业意识明显增强，“三重一大”事项集体决策制度执行到位，"
         "项目建设、采购、财务等工作管理规范，力争年底前达到区级清廉单元创建标准。",
         "二、主要任务", "（一）加强组织建设。定期开展党性教育、廉洁从业教育，每季度至少一次。",
         "（二）健全内控制度。梳理采购、票务、财务、工程项目等环节廉洁风险点，完善内部管理制度。",
         "三、组织领导", "成立{name}清廉建设工作领导小组，由主要负责人任组长，办公室负责日常工作。", "{name}", "{date}"]


def test_near_duplicate_plan_copied_between_two_units():
    units = []
    for folder, name, date in (("武陵源区甲公司", "武陵源区甲公司", "2022年9月2日"), ("乙景区", "乙景区", "2022年9月5日")):
        u = Unit(folder=folder, path=f"/x/{folder}", name=name, unit_type="qiye", type_source="manifest")
        units.append((u, [doc("清廉建设工作方案.pdf", *[p.format(name=name, date=date) for p in _PLAN],
                              doc_type="plan", doc_kind="plan", sha256=folder)]))
    out = run_flags(units, TH)
    assert all(any(f.rule == "near-duplicate" for f in out[u.folder]) for u, _ in units)


def test_near_duplicate_shared_forms_clean():
    pledge = ["村“两委”干部廉洁履职承诺书", "本人作为{v}村“两委”成员，郑重承诺：",
              "一、不利用职务便利吃拿卡要，不在低保评定、危房改造、项目实施中优亲厚友；二、不违规插手工程项目，不与民争利；"
              "三、不接受可能影响公正履职的宴请和礼品礼金；四、主动接受党员群众监督，自觉遵守廉洁自律各项规定。",
              "承诺人签名：{names}", "{date}"]
    form = ["村（社区）会议记录表（样表）", "说明：本样表由乡镇统一印发，供各村召开“两委”会议、村民代表会议时使用。",
            "会议名称: 时间", "会议名称: 地点", "会议名称: 主持人", "会议名称: 应到人数", "会议名称: 实到人数",
            "会议名称: 议题", "会议名称: 讨论情况", "会议名称: 表决结果（同意/反对/弃权）", "会议名称: 形成决议"]
    units = []
    for v, names, date in (("龙尾巴", "邹翠兰、董浩然", "2022年3月1日"), ("杨坪", "赵艳、毛明、顾勇", "2024年2月8日")):
        units.append((unit(v, unit_type="cunju"), [
            doc("承诺书.pdf", *[p.format(v=v, names=names, date=date) for p in pledge], doc_type="pledge",
                doc_kind="pledge", sha256=v + "1"),
            doc("模板/会议记录表（样表）.docx", *form, doc_type="minutes", sha256=v + "2")]))
    out = run_flags(units, TH)
    assert not any(f.rule == "near-duplicate" for fl in out.values() for f in fl)


# ----------------------------------------------------------------- other-unit

def village(name="辰溪县火马冲镇桥头村"):
    return Unit(folder="桥头村", path="/x/桥头村", name=name, unit_type="cunju", type_source="manifest")


def test_other_unit_names_the_neighbours_register_only():
    docs = [doc("来访登记.docx", "火马冲镇马鞍村群众来访接待登记簿", "2023-03-14 马某某 林地纠纷 已调解", "马鞍村村民委员会"),
            doc("两委会议记录.pdf", "桥头村两委会议记录", "2023年5月8日，研究村道硬化项目。"),
            doc("村务记录.pdf", "村两委会议记录", "2023年5月8日，本村研究村道硬化项目。"),   # names no village at all
            doc("培训签到.docx", "火马冲镇2023年村干部廉政培训签到表", "姓名；单位", "姓名: 杨立；单位: 桥头村"),
            doc("考察记录.docx", "赴花园镇花园村考察学习记录", "2023年6月2日，两委成员一行5人参观花园村村史馆。"),
            doc("故事会海报.jpg", "莲花社区党委莲花社区“清廉家风”故事分享会"),
            # the campaign's standard ("郸城县清廉村居建设评价细则") names no village
            doc("转发评价细则.pdf", "转发《辰溪县清廉村居建设评价细则》的通知", "各村：现将评价细则转发给你们。"),
            # addressed to every village of the township: no village's name ("全镇广大村民" is not a 广大村)
            doc("移风易俗倡议书.jpg", "移风易俗倡议书", "全镇广大村民朋友：红事新办、白事简办，婚宴不超过15桌。",
                "火马冲镇党委　火马冲镇人民政府")]
    out = run_flags([(village(), docs)], TH)
    flagged = [(f.file, f.rule) for f in out["桥头村"] if f.rule == "other-unit"]
    assert flagged == [("来访登记.docx", "other-unit")]
    f = next(f for f in out["桥头村"] if f.rule == "other-unit")
    assert "火马冲镇马鞍村" in f.message and f.severity == "medium"


def test_other_unit_reads_school_and_scenic_names():
    school = Unit(folder="s", path="/x/s", name="新宁县崀山镇中心小学", unit_type="xuexiao", type_source="manifest")
    docs = [doc("a.pdf", "新宁县金石镇中心小学教职工大会记录", "2023年9月1日"),
            doc("b.pdf", "崀山镇中心小学校务会记录", "2023年9月5日"),
            doc("c.pdf", "关于加强农村学校食堂管理的通知", "各中心小学：")]
    assert [f.file for f in run_flags([(school, docs)], TH)["s"] if f.rule == "other-unit"] == ["a.pdf"]
    park = Unit(folder="p", path="/x/p", name="洞口县罗溪国家森林公园景区", unit_type="jingqu", type_source="manifest")
    docs = [doc("签到.docx", "新宁县崀山风景名胜区管理局2023年讲解员业务培训签到表", "单位: 崀山景区八角寨分站"),
            doc("签到2.docx", "邵阳市文旅局讲解员培训签到表", "单位: 罗溪景区")]
    assert [f.file for f in run_flags([(park, docs)], TH)["p"] if f.rule == "other-unit"] == ["签到.docx"]


def test_other_unit_reads_a_gacha_of_a_banner():
    """内蒙古: a village is a 嘎查, under a 旗 and a 镇 or 苏木."""
    gacha = Unit(folder="g", path="/x/g", name="克什克腾旗同兴镇塔拉嘎查", unit_type="cunju", type_source="manifest")
    docs = [doc("监督记录.docx", "同兴镇巴彦嘎查村务监督委员会2025年工作记录", "2025年2月26日 列席两委会。"),
            doc("公开栏.jpg", "塔拉嘎查“三务”公开栏（2025年第三季度）", "【党务】7月9日支委会")]
    assert [f.file for f in run_flags([(gacha, docs)], TH)["g"] if f.rule == "other-unit"] == ["监督记录.docx"]


def test_a_zip_with_members_is_not_empty():
    z = Document(file="资料.zip", passages=[], pages=0, status="ok")
    member = doc("资料.zip/1_决议.pdf", "村民代表会议决议", container="资料.zip")
    empty_zip = Document(file="空.zip", passages=[], pages=0, status="empty")
    out = run_flags([(unit("u"), [z, member, empty_zip])], TH)
    assert rules(out, "u") == [("空.zip", "empty")]


_RULES = ["{name}医德医风考评办法", "第一章 总则",
          "第一条 为加强{name}医德医风建设，规范医务人员执业行为，根据《医疗机构工作人员廉洁从业九项准则》和上级卫生健康行政部门有关规定，结合本院实际，制定本办法。",
          "第二条 考评对象为本院在职在岗的医师、护士、药剂、医技人员及行政后勤人员，实行季度考评、年度总评，考评结果与绩效、评优、晋升挂钩。",
          "第三条 考评内容包括救死扶伤、尊重患者、文明行医、廉洁自律、因病施治、严谨求实、团结协作等七个方面，每方面按权重计分。",
          "第四条 对收受红包回扣、开单提成、违规接受宴请的，当期考评直接定为较差，并移交院纪委处理。"]


def test_near_duplicate_own_rules_copied_between_two_units_but_not_a_model_many_adopt():
    """Two hospitals' own 考评办法 (each titled with its own name) identical but for the names: a copy. The same
    text in three or more units is a model text they all adopted: its lines are template lines, no flag."""
    def hospitals(names):
        out = []
        for name in names:
            u = Unit(folder=name, path=f"/x/{name}", name=name, unit_type="yiyuan", type_source="manifest")
            out.append((u, [doc("医德医风考评办法.docx", *[p.format(name=name) for p in _RULES], doc_type="rules",
                                doc_kind="rule", sha256=name)]))
        return out
    pair = hospitals(["祥云县第二人民医院", "颍东区人民医院"])
    out = run_flags(pair, TH)
    assert all(any(f.rule == "near-duplicate" for f in out[u.folder]) for u, _ in pair)
    many = hospitals(["祥云县第二人民医院", "颍东区人民医院", "会同县第三人民医院"])
    out = run_flags(many, TH)
    assert not any(f.rule == "near-duplicate" for fl in out.values() for f in fl)


def test_other_unit_reads_a_company_whose_name_has_a_department_word():
    firm = Unit(folder="f", path="/x/f", name="瑞安市汇达汽摩配件有限公司", unit_type="qiye", type_source="manifest")
    docs = [doc("简报.pdf", "宏顺公司“廉洁文化月”活动简报", "瑞安市宏顺汽车部件有限公司 2024年第2期",
                "9月，公司开展“廉洁文化月”活动。", "宏顺公司党支部 2024年9月30日"),
            doc("谈话.docx", "瑞安市汇达汽摩配件有限公司廉洁提醒谈话记录表", "2024年3月5日")]
    assert [f.file for f in run_flags([(firm, docs)], TH)["f"] if f.rule == "other-unit"] == ["简报.pdf"]


def test_other_unit_skips_the_payees_in_a_registers_rows():
    """A company's payment register names its payees in its rows ("收款单位: 保康县楚源矿业有限公司"): entries, not
    the heading or sign-off of another company's document."""
    firm = Unit(folder="f", path="/x/f", name="宜昌楚峡磷化有限公司", unit_type="qiye", type_source="manifest")
    rows = ["日期: 2025-02-14；用途: 磷矿石采购款；收款单位: 保康县楚源矿业有限公司；金额(万元): 386",
            "日期: 2025-05-09；用途: 硫酸采购款；收款单位: 宜都市瑞丰化工有限公司；金额(万元): 128.5"]
    docs = [doc("台账.xlsx", "2025年上半年大额资金支付复核台账（50万元以上）", *rows),
            doc("简报.pdf", "保康县楚源矿业有限公司廉洁文化月简报", "9月，公司开展廉洁文化月活动。")]
    assert [f.file for f in run_flags([(firm, docs)], TH)["f"] if f.rule == "other-unit"] == ["简报.pdf"]


def test_two_short_class_records_copied_but_for_class_and_teacher_are_near_duplicates():
    body = ["一、看杨柳青年画《一团和气》，说说画里的人为什么开心。", "二、讲故事《悬鱼太守》：羊续把别人送的鱼挂在门口，不收礼。",
            "三、同学们讨论：捡到东西怎么办？考试能不能偷看？", "四、每人写一句“清廉小格言”，贴在班级文化墙上。",
            "小结：同学们都表示要做诚实守信的好孩子。"]
    a = doc("主题班会记录（二年级2班）.docx", "“清廉伴我成长”主题班会记录", "班级：二年级2班", "时间：2025年4月18日下午第三节",
            "班主任：孙静", *body, "记录：孙静", doc_type="minutes", doc_kind="record")
    b = doc("主题班会记录（四年级1班）.docx", "“清廉伴我成长”主题班会记录", "班级：四年级1班", "时间：2025年4月18日下午第三节",
            "班主任：何婷婷", *body, "记录：何婷婷", doc_type="minutes", doc_kind="record")
    out = run_flags([(unit("s", unit_type="xuexiao"), [a, b])], TH)
    assert sorted(f.file for f in out["s"] if f.rule == "near-duplicate") == [a.file, b.file]


def test_out_of_period_reads_an_undated_photos_title_and_spares_the_periods_own_review():
    """A photo titled "2025年春节家庭会商定家训" in a 2024 folder shows 2025; "2024年度清廉家庭创建自查报告" dated
    2025-01-08 is the review of 2024 — but a report on a meeting held in 2025 ("2024年度组织生活会情况报告") is not."""
    photo = doc("2025年春节家庭会商定家训.jpg", "蒋家家训", "孝敬老人，夫妻和睦。", doc_type="photo")
    review = doc("2024年度清廉家庭创建自查报告.docx", "2024年度清廉家庭创建自查报告", "一、基本情况",
                 doc_type="report", doc_kind="report", doc_date="2025-01-08")
    meeting = doc("2024年度组织生活会情况报告.pdf", "2024年度组织生活会情况报告", "2025年1月15日召开组织生活会。",
                  doc_type="report", doc_kind="report", doc_date="2025-01-20")
    out = run_flags([(unit("u", "2024-01-01", "2024-12-31", unit_type="jiating"), [photo, review, meeting])], TH)
    assert sorted(f.file for f in out["u"] if f.rule == "out-of-period") == [meeting.file, photo.file]



def test_out_of_period_spares_a_half_years_小结_and_a_story_told_just_after_the_period():
    """"2024年度家庭清廉建设小结" dated 2025-01-06 reviews 2024; a 融媒 story dated 2025-01-10 that tells only of
    2024 events is about the period — but one telling of a 2025 event is not, nor are minutes of a 2025 meeting."""
    summary = doc("2024年度家庭清廉建设小结.docx", "沈国良家庭2024年度家庭清廉建设小结", "2025年1月6日",
                  doc_type="report", doc_kind="report", doc_date="2025-01-06")
    story = doc("南川融媒：清廉家庭故事.docx", "南川区融媒体中心　2025年1月10日",
                "2024年3月18日晚，一位种植大户托人送来红包，当即退回。", "2024年6月1日，劝阻弟弟参与镇里项目。",
                doc_type="other", doc_kind="other", doc_date="2025-01-10")
    later = doc("融媒：新春走访.docx", "融媒体中心　2025年2月12日", "2025年2月10日，镇妇联走访了陈家。",
                "2024年3月18日曾退回红包。", doc_type="other", doc_kind="other", doc_date="2025-02-12")
    minutes = doc("家庭会议记录.docx", "2025年1月12日家庭会议", "回顾2024年6月1日的约定。",
                  doc_type="minutes", doc_kind="record", doc_date="2025-01-12")
    out = run_flags([(unit("u", "2024-01-01", "2024-12-31", unit_type="jiating"), [summary, story, later, minutes])],
                    TH)
    assert sorted(f.file for f in out["u"] if f.rule == "out-of-period") == sorted([later.file, minutes.file])


def test_out_of_period_spares_a_photographed_result_of_the_year_before_published_in_the_period():
    """A photo titled "2024年度纳税信用评价结果" in a 2025 folder is the year's result, published the next year; a
    photographed page whose own text is dated inside the period is not of another period. A photo of an event
    titled with the year before ("2024年清明节…祭扫") and dated only then still is."""
    rating = doc("2024年度纳税信用A级评价结果（翻拍）.jpg", "纳税信用评价结果查询", "评价年度：2024年 信用级别：A",
                 doc_type="photo")
    certificate = doc("2024年守合同重信用证书（翻拍）.jpg", "守合同重信用企业", "颁发日期：2025年3月18日",
                      doc_type="photo")
    visit = doc("2024年清明节烈士陵园祭扫.jpg", "烈士陵园", "（2024年4月4日清明节全家祭扫）", doc_type="photo")
    out = run_flags([(unit("u", "2025-01-01", "2025-12-31", unit_type="qiye"), [rating, certificate, visit])], TH)
    assert [f.file for f in out["u"] if f.rule == "out-of-period"] == [visit.file]


_SELF_CHECK = ["{who}同志深入贯彻中央八项规定精神学习教育个人查摆问题清单", "一、学习情况",
               "2025年4月以来，本人按照镇党委统一部署，认真学习《应知应会》和关于加强作风建设的重要论述，参加集中学习4次。",
               "二、查摆出的问题", "1．理论学习不够深入，学用结合不够，用党的创新理论指导分管工作的能力还有差距。",
               "2．深入基层调研不够，到分管的3个村调研次数偏少，了解群众诉求主要靠听汇报。",
               "3．勤俭节约意识有所松懈，分管领域组织的会议存在会场布置摆放鲜花、桌签过度的现象。",
               "三、整改措施", "一是每月至少自学2次，结合{work}工作写出学习体会；二是每月到分管村调研不少于2次；三是会议一律从简。",
               "{who}　{date}"]


def test_two_officials_personal_problem_lists_copied_are_near_duplicates_but_two_ledgers_are_not():
    """A 个人查摆问题清单 is typed as a ledger by its name (清单) but written in sentences: two officials' lists that
    differ only in names, one word and dates are a copy. Two registers of entries (table rows) stay record forms."""
    a = doc("副镇长汪立新查摆问题清单.docx", *[t.format(who="汪立新", work="规划建设", date="2025年5月26日")
                                            for t in _SELF_CHECK], doc_type="ledger", sha256="1")
    b = doc("副镇长程海波查摆问题清单.docx", *[t.format(who="程海波", work="社会事务", date="2025年5月27日")
                                            for t in _SELF_CHECK], doc_type="ledger", sha256="2")
    row = "序号: {n}；日期: 2025年{n}月3日；事由: 县局检查组来镇督查清廉建设工作，工作餐一次；人数: 6；金额: 360元；经办人: 李{n}"
    ledgers = [doc(f"公务接待台账（{m}）.docx", "序号；日期；事由；人数；金额；经办人",
                   *[row.format(n=n) for n in range(1, 9)], doc_type="ledger", sha256=m) for m in ("上半年", "下半年")]
    out = run_flags([(unit("镇"), [a, b, *ledgers])], TH)
    assert sorted(f.file for f in out["镇"] if f.rule == "near-duplicate") == [a.file, b.file]


def test_out_of_period_spares_a_years_work_report_and_application_filed_just_after_it():
    """A 村监委 "2024年度工作报告" given 2025-01-09 and a "2024年度清廉家庭申报表" filed 2025-01-10 are about 2024; an
    application for 2025 filed then is not, nor minutes of a review meeting held then."""
    report = doc("新建 Microsoft Word 文档.docx", "某村务监督委员会2024年度工作报告", "（2025年1月9日在村民代表会议上）",
                 "一、日常监督", doc_type="report", doc_kind="report", doc_date="2025-01-09")
    form = doc("申报表.docx", "2024年度清廉家庭申报表", "户主：张某", "申报日期：2025年1月10日",
               doc_type="ledger", doc_kind="record", doc_date="2025-01-10")
    later = doc("下年申报表.docx", "2025年度清廉家庭申报表", "户主：李某", "申报日期：2025年1月10日",
                doc_type="ledger", doc_kind="record", doc_date="2025-01-10")
    meeting = doc("述职会议记录.docx", "2024年度述职评议会议记录", "时间：2025年1月15日", doc_type="minutes",
                  doc_kind="record", doc_date="2025-01-15")
    out = run_flags([(unit("u", "2024-01-01", "2024-12-31", unit_type="jiating"), [report, form, later, meeting])], TH)
    assert sorted(f.file for f in out["u"] if f.rule == "out-of-period") == sorted([later.file, meeting.file])


def _monthly(month, checks, faults):
    return doc(f"{month}月消防检查情况报告.docx", f"{month}月份消防安全检查情况报告",
               f"一、本月对办公楼、食堂、仓库开展检查{checks}次，检查消防栓{checks + 6}个。",
               f"二、发现问题{faults}处：应急灯损坏、安全出口堆放杂物，已督促整改到位。",
               "三、下一步继续做好日常检查。", f"办公室　2025年{month}月28日", doc_type="report", doc_kind="report",
               sha256=f"m{month}{checks}")


def test_two_short_monthly_reports_with_the_same_figures_are_near_duplicates_but_not_with_their_own():
    """A short report is mostly its figures: re-dated with the same figures it is a copy; the same wording with
    each month's own figures is the unit's routine report, filled in again."""
    copied = [_monthly(5, 14, 2), _monthly(6, 14, 2)]
    routine = [_monthly(8, 12, 1), _monthly(9, 9, 4)]
    out = run_flags([(unit("a"), copied), (unit("b"), routine)], TH)
    assert sorted(f.file for f in out["a"] if f.rule == "near-duplicate") == sorted(d.file for d in copied)
    assert not [f for f in out["b"] if f.rule == "near-duplicate"]


def test_out_of_period_reads_an_undated_photos_camera_stamp():
    """A watermark "2023/11/05 星期日 09:41" on a photo in a 2024 folder dates the photo to 2023; a stamp inside
    the period, or a date line that is not a stamp, does not."""
    old = doc("支部参观革命旧址.jpg", "革命旧址陈列馆", "2023/11/05 星期日 09:41", "支部党员参观学习", doc_type="photo")
    new = doc("支部参观纪念馆.jpg", "纪念馆", "2024-05-20 15:30", "支部党员参观学习", doc_type="photo")
    board = doc("宣传栏.jpg", "廉洁文化宣传栏", "2023年版制度汇编摘录", doc_type="photo")
    out = run_flags([(unit("u", "2024-01-01", "2024-12-31"), [old, new, board])], TH)
    flags = [f for f in out["u"] if f.rule == "out-of-period"]
    assert [f.file for f in flags] == [old.file] and "2023-11-05" in flags[0].message


def test_out_of_period_spares_a_review_titled_in_chinese_numerals_and_a_commendation_of_the_year():
    """"二〇二四年度工作总结" dated 二〇二五年一月 and a commendation "表彰2024年度…先进" issued in January review 2024;
    a plan for 2025 filed then, or a commendation of a 2025 event, does not."""
    summary = doc("二〇二四年度工作总结.docx", "某商会二〇二四年度工作总结", "二〇二五年一月八日", "一、党建",
                  doc_type="report", doc_kind="report", doc_date="2025-01-08")
    praise = doc("表彰通报.pdf", "县安委会关于表彰2024年度安全生产先进个人的通报", "2025年1月15日",
                 doc_type="commendation", doc_kind="record", doc_date="2025-01-15")
    plan = doc("二〇二五年度工作计划.docx", "某商会二〇二五年度工作计划", "二〇二五年一月八日",
               doc_type="plan", doc_kind="plan", doc_date="2025-01-08")
    later = doc("春运表彰.pdf", "关于表彰2025年春运工作先进个人的通报", "2025年3月2日",
                doc_type="commendation", doc_kind="record", doc_date="2025-03-02")
    appraisal = doc("县自然资源局党组关于胡卫民同志2024年度现实表现的评价意见.pdf",
                    "关于胡卫民同志2024年度现实表现的评价意见", "2025年1月20日",
                    doc_type="other", doc_kind="other", doc_date="2025-01-20")
    out = run_flags([(unit("u", "2024-01-01", "2024-12-31"), [summary, praise, plan, later, appraisal])], TH)
    assert sorted(f.file for f in out["u"] if f.rule == "out-of-period") == sorted([plan.file, later.file])


def test_other_unit_reads_a_township_health_centre_and_a_surname_village():
    """A township's health centre is named by the place alone ("冯官屯镇卫生院"); a hospital's generic middle
    ("中医") and a surname village's "家庄" tell nothing apart, so 中医馆 in a table or 王家庄村 does not name
    茌平区中医医院 or 杨家庄村."""
    hospital = Unit(folder="h", path="/x/h", name="山东省聊城市茌平区中医医院", unit_type="yiyuan", type_source="manifest")
    docs = [doc("考评.xlsx", "冯官屯镇卫生院2025年上半年医德医风考评结果", "科室: 中医馆；人数: 5；优秀: 1",
                "冯官屯镇卫生院考评小组 2025年7月8日"),
            doc("纪要.pdf", "茌平区中医医院院党委会议纪要", "2025年3月4日")]
    assert [f.file for f in run_flags([(hospital, docs)], TH)["h"] if f.rule == "other-unit"] == ["考评.xlsx"]
    # a scenic area's register that mentions sending a tourist to a health centre is still its own
    park = Unit(folder="p", path="/x/p", name="泾源县老龙潭景区管理处", unit_type="jingqu", type_source="manifest")
    docs = [doc("登记.jpg", "游客投诉求助登记（五至七月）", "栈道扭伤，巡查员背下山送泾河源镇卫生院")]
    assert not [f for f in run_flags([(park, docs)], TH)["p"] if f.rule == "other-unit"]
    farm = village("沂南县依汶镇杨家庄村")
    docs = [doc("四议两公开.pdf", "依汶镇王家庄村四议两公开会议记录", "2025年4月2日，研究汪塘清淤工程。"),
            doc("公开栏.jpg", "杨家庄村三务公开栏（2025年第二季度）")]
    assert [f.file for f in run_flags([(farm, docs)], TH)["桥头村"] if f.rule == "other-unit"] == ["四议两公开.pdf"]


def test_other_unit_skips_a_partner_hospitals_name_given_as_an_experts_organisation():
    """A health centre's own single-source 论证 names the county hospital only as where an expert works: a person
    signs after it ("…检验科张某（签字）"), or a list of people by role precedes it ("评审专家：…"). The county
    hospital's own form, stamped by it, is still another unit's."""
    centre = Unit(folder="h", path="/x/h", name="青海省海东市乐都区瞿昙镇中心卫生院", unit_type="yiyuan",
                  type_source="manifest")
    signed = doc("论证.jpg", "单一来源采购专家论证意见", "项目：血气分析仪配套试剂", "论证意见：原厂封闭系统，同意单一来源",
                 "论证人 平安区人民医院检验科马某（签字）；本院李某（签字）", "二〇二四年三月十二日")
    listed = doc("论证2.jpg", "单一来源采购专家论证意见", "项目：血气分析仪配套试剂", "论证意见：同意",
                 "评审专家：平安区人民医院 马某、县疾控中心 韩某", "二〇二四年三月十二日")
    theirs = doc("审批.pdf", "单一来源采购审批表", "项目：血气分析仪配套试剂", "经办人：马某（签字）",
                 "平安区人民医院（盖章）", "二〇二四年三月十二日")
    out = run_flags([(centre, [signed, listed, theirs])], TH)["h"]
    assert [f.file for f in out if f.rule == "other-unit"] == ["审批.pdf"]


def _risk_table(workshop, head, risks=("原料领用虚报、多领", "废边料私自变卖", "计件工资虚报产量", "设备维修配件以次充好")):
    rows = [f"序号: {i}；风险点: {r}；风险等级: 中；防控措施: 由班长、{workshop}主任双签，月末盘点并在车间公示栏公示；"
            f"责任人: {head}" for i, r in enumerate(risks, 1)]
    return doc(f"{workshop}廉洁风险点排查表.docx", f"{workshop}廉洁风险点排查表", "序号；风险点；风险等级；防控措施；责任人",
               *rows, f"{workshop}　车间主任：{head}　2025年4月", doc_type="pledge", doc_kind="pledge", sha256=workshop)


def test_near_duplicate_risk_tables_typed_as_pledges_for_their_owner_column():
    """Two workshops' 风险点排查表 with the same rows: typed pledges for their 责任人 column, but neither titled nor
    worded as a pledge, so a copy. Two staff's pledges of the same text are signed alike by design."""
    copied = (unit("a"), [_risk_table("一车间", "张建军"), _risk_table("二车间", "何志明")])
    flagged = sorted(f.file for f in run_flags([copied], TH)["a"] if f.rule == "near-duplicate")
    assert flagged == ["一车间廉洁风险点排查表.docx", "二车间廉洁风险点排查表.docx"]
    own = (unit("a"), [_risk_table("一车间", "张建军"),
                       _risk_table("二车间", "何志明", ("废料过磅入库不实", "夜班产量无人复核", "外协加工费虚高", "劳保用品超领"))])
    assert not [f for f in run_flags([own], TH)["a"] if f.rule == "near-duplicate"]
    pledge = [doc(f"承诺书（{n}）.docx", "廉洁从业承诺书", _text(5), f"承诺人：{n}", doc_type="pledge", doc_kind="pledge",
                  sha256=n) for n in ("张建军", "何志明")]
    assert not [f for f in run_flags([(unit("a"), pledge)], TH)["a"] if f.rule == "near-duplicate"]


def test_near_duplicate_not_one_record_filed_twice_as_a_photo_and_a_scan():
    """The same minutes as a phone photo and a scan (line breaks apart, names, dates and figures the same) is one
    record filed twice. A copy re-dated, re-signed ("2025年6月10日" → "2025年6月") or renamed is still flagged."""
    body = _text(21)
    lines = ["桃园村村民代表会议记录", "时间：2025年4月18日", "应到代表35人，实到27人", body, "表决：同意25人，弃权2人"]
    photo = doc("IMG_3391.jpg", *lines, sha256="1")
    scan = doc("扫描件003.pdf", *lines[:3], body[:200], body[200:], "表决：同意25人，弃权2人", sha256="2")
    assert not [f for f in run_flags([(unit("a"), [photo, scan])], TH)["a"] if f.rule == "near-duplicate"]
    redated = doc("纪要（报镇）.pdf", *lines[:1], "时间：2025年4月", *lines[2:], sha256="3")
    flagged = [f.file for f in run_flags([(unit("a"), [photo, redated])], TH)["a"] if f.rule == "near-duplicate"]
    assert sorted(flagged) == ["IMG_3391.jpg", "纪要（报镇）.pdf"]
    # one word changed and nothing else (三月 → 四月, 汪春燕 → 黄小丽): a copy too
    renamed = doc("四月纪要.pdf", "柳园村村民代表会议记录", *lines[1:], sha256="4")
    flagged = [f.file for f in run_flags([(unit("a"), [photo, renamed])], TH)["a"] if f.rule == "near-duplicate"]
    assert sorted(flagged) == ["IMG_3391.jpg", "四月纪要.pdf"]


def test_out_of_period_spares_a_familys_own_account_of_the_year_written_just_after_it():
    """"2023年度家庭情况自述" dated 2024-01-10 (its body tells "3月" and "今年" without full dates) is the family's
    account of 2023; the same account of 2024 written then is not about the period."""
    def account(year):
        return doc(f"{year}年度家庭情况自述.docx", f"李家{year}年度情况自述", "2024年1月10日", "一、一年来的情况",
                   "3月母亲住院，全家轮流照顾；今年秋收按时完成。", "李某", doc_type="other", doc_kind="other",
                   doc_date="2024-01-10")
    out = run_flags([(unit("u", "2023-01-01", "2023-12-31", unit_type="jiating"), [account(2023), account(2024)])],
                    TH)
    assert [f.file for f in out["u"] if f.rule == "out-of-period"] == ["2024年度家庭情况自述.docx"]


def _dept_risk_table(dept, head, risks=("供应商选择：利用职权指定关系户", "价格谈判：私下收取回扣、好处费",
                                        "合同签订：合同条款有利于对方", "对账结算：虚增或少计金额")):
    rows = [f"岗位: 业务员；风险点: {r.split('：')[0]}；表现形式: {r.split('：')[1]}；等级: 高；"
            f"防控措施: 集体研究，三家比价，签订廉洁协议，结果公示" for r in risks]
    return doc(f"{dept}廉洁风险点排查表.docx", "廉洁风险点排查表", f"部门；{dept}；负责人；{head}", "岗位；风险点；表现形式；等级；防控措施",
               *rows, "本部门已组织全体人员逐岗排查，防控措施落实到人。", f"{dept}（签字）：{head}",
               doc_type="procurement", sha256=dept)


def test_near_duplicate_risk_tables_typed_as_procurement_records_for_their_supplier_words():
    """Two departments' 风险点排查表 with the same rows, typed procurement records for their 供应商/比价 words but
    recording no purchase: a copy. Two contracts on one template (each with its own amount) are alike by design."""
    copied = (unit("a", unit_type="qiye"), [_dept_risk_table("销售部", "李志强"), _dept_risk_table("采购部", "杜卫东")])
    flagged = sorted(f.file for f in run_flags([copied], TH)["a"] if f.rule == "near-duplicate")
    assert flagged == ["采购部廉洁风险点排查表.docx", "销售部廉洁风险点排查表.docx"]
    own = (unit("a", unit_type="qiye"), [_dept_risk_table("销售部", "李志强"), _dept_risk_table("采购部", "杜卫东", (
        "询价比价：只询熟悉的商家", "验收入库：以次充好照单全收", "仓储保管：废料私自变卖", "付款申请：虚开发票套取"))])
    assert not [f for f in run_flags([own], TH)["a"] if f.rule == "near-duplicate"]
    body = _text(9)
    contracts = [doc(f"合同{i}.pdf", "铝锭采购合同", "甲方：某铝业有限公司", f"乙方：{sup}", body,
                     f"合同金额：{amt}元", "签订日期：2024年3月1日", doc_type="procurement", sha256=str(i))
                 for i, (sup, amt) in enumerate((("某金属材料有限公司", "386,000"), ("某物资贸易有限公司", "412,500")))]
    assert not [f for f in run_flags([(unit("a", unit_type="qiye"), contracts)], TH)["a"] if f.rule == "near-duplicate"]
    # an integrity agreement signed with each supplier names no amount, and is alike by design all the same
    agreements = [doc(f"廉洁购销协议（{sup}）.docx", "廉洁购销协议", "甲方：某铝业有限公司", f"乙方：{sup}", body,
                      f"乙方代表：{rep}", doc_type="procurement", sha256=sup)
                  for sup, rep in (("某金属材料有限公司", "王某"), ("某物资贸易有限公司", "李某"))]
    assert not [f for f in run_flags([(unit("a", unit_type="qiye"), agreements)], TH)["a"] if f.rule == "near-duplicate"]


def test_other_unit_skips_hospitals_whose_people_are_counted():
    """A health centre's own notice names the county hospital only as where the counted experts or doctors work
    ("县人民医院设备科等3名专家论证同意", "县人民医院派2名医师来院坐诊"): no neighbour's misfiled record. A notice headed by
    the county hospital with no people counted after it still is."""
    centre = Unit(folder="h", path="/x/h", name="益阳市桃江县灰山港镇中心卫生院", unit_type="yiyuan",
                  type_source="manifest")
    experts = doc("公示.jpg", "单一来源采购公示", "项目：DR维保服务 金额：6.8万元",
                  "论证：县人民医院设备科、县妇幼保健院影像科等3名专家论证同意（7月10日）", "院务公开栏")
    doctors = doc("坐诊.jpg", "专家坐诊安排", "每周三由县人民医院派2名医师来院坐诊，请相互转告。", "院办")
    theirs = doc("通报.pdf", "县人民医院关于2025年上半年医德医风考评结果的通报", "各科室：",
                 "经考评，内科、外科等3个科室为优秀科室。", "县人民医院 2025年7月1日")
    out = run_flags([(centre, [experts, doctors, theirs])], TH)["h"]
    assert [f.file for f in out if f.rule == "other-unit"] == ["通报.pdf"]


def test_out_of_period_reads_an_undated_form_typed_a_register_with_one_date():
    """"公务员年度考核登记表（2023年度）", signed off 2024-01-12 by both, in a 2025 folder: last year's appraisal form,
    though typed a register (one date only, no run of entries); the same form for 2025 is clean."""
    def appraisal(year, signed):
        return doc(f"公务员年度考核登记表（{year}年度）.pdf", "公务员年度考核登记表", "姓名：王某 单位及职务：某委科长",
                   f"考核年度：{year}年度", "个人总结：牵头完成背街小巷整治127条。", "考核等次：优秀",
                   f"单位负责人签字：刘某{signed}", f"本人签字：王某{signed}", doc_type="ledger")
    out = run_flags([(unit("u", "2025-01-01", "2025-12-31", unit_type="jiating"),
                      [appraisal(2023, "2024年1月12日"), appraisal(2025, "2025年12月20日")])], TH)
    flagged = [f for f in out["u"] if f.rule == "out-of-period"]
    assert [f.file for f in flagged] == ["公务员年度考核登记表（2023年度）.pdf"]
    assert "2024-01-12）" in flagged[0].message
