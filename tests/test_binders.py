"""A binder scanned as one file is read part by part for matching (pipeline/binders.py)."""
from __future__ import annotations

from pipeline.analysis import annotate
from pipeline.binders import parts
from pipeline.matching import MatchConfig
from pipeline.models import Document, Passage

PAGES = [
    ["泾县琴溪镇初级中学", "2024年清廉学校创建", "佐证材料合订本"],
    ["琴溪中学校务会记录", "时间：2024年8月19日上午地点：学校会议室", "出席：朱明远汪敏查志刚吴春生",
     "议题一：更新七年级课桌椅120套，三家询价。朱明远（最后）：同意。"],
    ["会议决定：结果公示5天。"],
    ["琴溪中学落实“双减”工作实施方案", "一、指导思想：全面贯彻落实“双减”政策。", "四、保障措施：成立工作领导小组。"],
    ["琴溪中学师德师风考核办法", "第一条师德考核每学年一次。", "第二条有偿补课的，师德考核实行一票否决。"],
    ["教师拒绝有偿补课承诺书（签名页）", "我自愿承诺：不组织、不参与有偿补课。", "签名：朱明远汪敏查志刚"],
]


def _binder(name: str = "琴溪中学2024年清廉学校创建资料合订本.pdf") -> Document:
    passages, i = [], 0
    for page, lines in enumerate(PAGES, 1):
        for line in lines:
            passages.append(Passage(file=name, page=page, text=line, source="ocr", index=i))
            i += 1
    return annotate(Document(file=name, pages=len(PAGES), passages=passages))


def test_each_part_of_a_binder_is_typed_by_its_own_title():
    got = [(p.part, p.doc_kind) for p in parts(_binder(), MatchConfig.load().binders)]
    assert got == [("第1页", "other"), ("第2-3页", "record"), ("第4页", "plan"), ("第5页", "rule"), ("第6页", "pledge")]
    assert {p.file for p in parts(_binder(), MatchConfig.load().binders)} == {"琴溪中学2024年清廉学校创建资料合订本.pdf"}


def test_a_stack_scanned_under_any_name_is_split_only_into_different_kinds():
    """扫描件1.pdf holding minutes, a 方案 and a 制度 is read part by part like a binder; a file whose pages are all of
    one kind (minutes continued over pages: "会议记录（续）") stays one document, so its later pages keep the first
    page's date and attendees."""
    doc = _binder("扫描件1.pdf")
    doc.passages[0] = Passage(file=doc.file, page=1, text="琴溪中学", source="ocr", index=0)
    doc.passages[2] = Passage(file=doc.file, page=1, text="2024年工作材料", source="ocr", index=2)
    kinds = [p.doc_kind for p in parts(doc, MatchConfig.load().binders)]
    assert "plan" in kinds and "rule" in kinds and "record" in kinds
    minutes = [["琴溪中学校务会记录", "时间：2024年8月19日上午地点：学校会议室", "出席：朱明远汪敏查志刚吴春生",
                "议题一：更新七年级课桌椅120套，三家询价。"],
               ["校务会记录（续）", "朱明远（最后）：同意。会议决定：结果公示5天。"]]
    passages = [Passage(file="扫描件2.pdf", page=n, text=t, source="ocr", index=10 * n + i)
                for n, lines in enumerate(minutes, 1) for i, t in enumerate(lines)]
    one = annotate(Document(file="扫描件2.pdf", pages=2, passages=passages))
    assert parts(one, MatchConfig.load().binders) == [one]


def test_a_binders_parts_are_scored_ahead_with_their_own_titles(tmp_path):
    """What the runner scores ahead for a binder covers what matching asks about its parts (their title lines)."""
    from checklists import load_checklists
    from classifiers.textcat import default_model_dir
    from pipeline.matching import Matcher
    from pipeline.predictions import CachedClassifier
    from pipeline.store import Store

    config = MatchConfig.load()
    doc = _binder()
    store = Store(tmp_path / "s.sqlite")
    ahead = CachedClassifier(store, default_model_dir())
    ahead.score_ahead([t for part in parts(doc, config.binders) for t in Matcher.classifier_texts(part, config)])
    later = CachedClassifier(store, default_model_dir())
    standards = load_checklists()
    Matcher(standards["xuexiao"], standards, config, later, "full").match(parts(doc, config.binders))
    assert not later.loaded, "match() asked about a binder part's text that was not scored ahead"
    store.close()


def test_a_slide_decks_numbered_sections_are_not_new_documents():
    """A 汇报 deck titles each slide ("三、管好集体三资", "二、廉洁从业 … 台账"): its sections stay one report; an
    attached sign-in sheet after it is a document of its own."""
    slides = ["于都县梓山镇新屋村2024年清廉村居建设工作汇报", "一、组织建设 ■ 全年召开支委会12次",
              "二、三资管理台账 ■ 建立集体资产台账，清查资产126项", "三、矛盾纠纷调处记录 ■ 全年调处纠纷37件",
              "附件 3月5日警示教育活动签到表 时间：2024年3月5日 应到18人 实到17人"]
    passages = [Passage(file="新屋村2024年清廉村居建设汇报.pdf", page=i, text=t, source="text", index=i - 1)
                for i, t in enumerate(slides, 1)]
    doc = annotate(Document(file="新屋村2024年清廉村居建设汇报.pdf", pages=len(slides), passages=passages))
    got = parts(doc, MatchConfig.load().binders)
    assert [p.doc_type for p in got] == ["report", "signin"], [(p.part, p.doc_type) for p in got]


def test_a_binder_section_heading_over_a_document_opens_a_part_but_its_contents_note_does_not():
    """A binder filed by criterion: "三、医德医风建设实" over "…考评实施办法（2024年修订）" files rules, typed as rules,
    though the previous section held records; "5-1 …实施方案（隆交党组〔2024〕7号）" is the section's plan; a section
    with only its contents note ("（干部选拔任用工作台账、…材料）") opens nothing."""
    pages = [["郧西县第二人民医院清廉医院建设台账（2024年度）", "合订本", "目 录"],
             ["一、党建引领示范强", "院党委会议纪要（2024年第3次）", "时间：2024年3月14日下午3:00；出席：党委委员7人",
              "议题一：清廉医院建设与医共体建设一体推进。"],
             ["三、医德医风建设实", "郧西县第二人民医院医德医风考评实施办法（2024年修订）", "第五条 医德考评每年一次。",
              "第八条 考评结果与晋升晋级、岗位聘用挂钩。"],
             ["四、选人用人", "（干部选拔任用工作台账、“一报告两评议”材料）"],
             ["五、干部担当作为", "5-1 隆回县交通运输局激励干部担当作为实施方案（隆交党组〔2024〕7号）",
              "一、目标任务：通过实施本方案，使全局干部精气神全面提振。"]]
    name, passages = "清廉医院建设台账合订本（2024年度）.pdf", []
    for page, lines in enumerate(pages, 1):
        passages += [Passage(file=name, page=page, text=t, source="text", index=len(passages)) for t in lines]
    doc = annotate(Document(file=name, pages=len(pages), passages=passages))
    got = [(p.part, p.doc_kind) for p in parts(doc, MatchConfig.load().binders)]
    assert got[1:] == [("第2页", "record"), ("第3-4页", "rule"), ("第5页", "plan")], got
