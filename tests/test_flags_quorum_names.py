"""quorum from minutes that list those present and those absent by name, with no head-count."""
from pipeline.flags import load_thresholds, meetings
from pipeline.models import Document, Passage

TH = load_thresholds()


def doc(name, *paras):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type="minutes", doc_kind="record")


def quorum(*paras):
    return [f for f in meetings.check([doc("纪要.docx", "院长办公会会议纪要", *paras)], TH) if f.rule == "quorum"]


def test_quorum_counted_from_the_lists_of_names():
    flags = quorum("参会人员：周立新、韩梅、陈志；未到会人员：孙浩（培训）、郑一鸣（出差）、冯涛、何静（休假）",
                   "议题：门诊楼电梯维保项目。")
    assert len(flags) == 1 and "应到 7 人、实到 3 人" in flags[0].message


def test_quorum_name_lists_clean_twins():
    # a majority present; a list that names a group, not people; no one absent
    assert quorum("出席：周立新、韩梅、陈志、王平；缺席：孙浩（培训）、郑一鸣") == []
    assert quorum("出席：全体班子成员；缺席：孙浩（培训）") == []
    assert quorum("出席：周立新、韩梅；缺席：无") == []


def test_quorum_counts_absentees_named_with_their_posts_before_them():
    """"缺席：副总经理胡立军、程建华（培训），工程部经理兼班子成员俞新民、…": each item is one person, his post first."""
    flags = quorum("出席：俞志成、江国华（副总经理）、汪晓燕（财务总监）。缺席：副总经理胡立军、程建华（参加培训），"
                   "工程部经理兼班子成员俞新民、综合部经理兼班子成员詹丽（请假）。", "会议研究了游步道改造工程，概算136万元。")
    assert len(flags) == 1 and "应到 7 人、实到 3 人" in flags[0].message
    # four of seven present, the posts before the names alike: a majority
    assert quorum("出席：俞志成、江国华、汪晓燕、程建华。缺席：副总经理胡立军，工程部经理兼班子成员俞新民、"
                  "综合部经理詹丽（请假）。") == []
