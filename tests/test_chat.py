"""Chat exports are read as day threads (extractors/chat.py)."""
from pathlib import Path

from extractors.base import split_paragraphs
from extractors.chat import MAX_CHARS, chat_threads

GROUP = """委机关工作群聊天记录（2025年9-10月）
2025-09-28 08:12 办公室于婷婷：国庆中秋双节明天开始，公车今天下午5点前全部回院入库。
2025-09-28 08:13 环卫科老赵：收到
2025-10-02 21:36 纪检组张淑芳：今晚暗访了三个中队值班，西堤头中队值班人员不在岗。
2025-10-02 21:38 执法三中队刘刚：张组长我们马上核实
2025-10-03 09:05 办公室于婷婷：【通报】10月2日晚1名值班人员脱岗，全委通报批评，扣发当月绩效。
"""


def test_a_group_chat_becomes_one_passage_per_day_after_its_title():
    threads = chat_threads(split_paragraphs(GROUP))
    assert threads is not None and len(threads) == 4, threads
    assert threads[0] == "委机关工作群聊天记录（2025年9-10月）"
    assert threads[1].split("\n") == ["2025-09-28 08:12 办公室于婷婷：国庆中秋双节明天开始，公车今天下午5点前全部回院入库。",
                                      "2025-09-28 08:13 环卫科老赵：收到"]
    assert threads[2].count("\n") == 1 and threads[3].startswith("2025-10-03 09:05")


def test_a_pc_export_with_sender_and_time_on_their_own_line_and_day_separators():
    text = "—— 2025年6月3日 ——\n村会计田小红 2025-06-03 09:30\n银行卡号登记错了一位，今天已报镇里更正\n" \
           "六组麻阿婆孙女 2025-06-03 09:41\n好的谢谢\n—— 2025年7月8日 ——\n村会计田小红 2025-07-08 20:11\n" \
           "高龄补贴两个月一起到账了，请查收\n"
    threads = chat_threads(split_paragraphs(text))
    assert threads is not None and len(threads) == 2, threads
    assert "村会计田小红 2025-06-03 09:30 银行卡号登记错了一位" in threads[0]
    assert threads[1].endswith("高龄补贴两个月一起到账了，请查收")


def test_a_long_day_is_cut_into_bounded_passages():
    lines = [f"2025-06-03 09:{i:02d} 网格员{i}：" + "今天走访了四组的农户，登记了诉求。" * 4 for i in range(20)]
    threads = chat_threads(lines)
    assert len(threads) > 2 and all(len(t) <= MAX_CHARS + 120 for t in threads)
    assert sum(t.count("\n") + 1 for t in threads) == 20       # no message lost


def test_ordinary_text_and_minutes_with_times_are_left_alone():
    minutes = ["局长办公会议纪要", "时间：2025年3月4日 9:30", "地点：三楼会议室", "主持：杨文斌",
               "会议研究了以下事项：", "一、同意采购执法记录仪6台。"]
    assert chat_threads(minutes) is None
    assert chat_threads(["2025-06-03 09:30 张三：好的", "2025-06-03 09:31 李四：收到"]) is None   # too few to tell


def test_the_text_extractor_reads_a_gbk_chat_export_as_threads(tmp_path: Path):
    from extractors.base import ExtractContext
    from extractors.text import TextExtractor
    from pipeline.models import Document
    path = tmp_path / "工作群聊天记录.txt"
    path.write_bytes(GROUP.encode("gbk"))
    doc = Document(file=path.name)
    TextExtractor().extract(path, path.name, doc, ExtractContext())
    assert [p.text.count("\n") for p in doc.passages] == [0, 1, 1, 0]
