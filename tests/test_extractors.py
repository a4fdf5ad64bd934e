"""Extractors without real OCR (NoOp/Static engines): formats, errors, archives, API."""
from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path

import pytest

import extractors
from extractors import ExtractContext, ExtractOptions, extract_file, extractor_fingerprint
from extractors.ocr import NoOpOcrEngine, OcrLine, StaticOcrEngine, lines_to_passages
from extractors.pdf import garble_score, is_garbled
from extractors.text import decode_text
from pipeline.models import Document

F = Path(__file__).resolve().parent / "fixtures" / "extractors"


def ctx(engine=None, **opts) -> ExtractContext:
    eng = engine or NoOpOcrEngine()
    return ExtractContext(options=ExtractOptions(**opts), ocr_factory=lambda: eng)


def one(name: str, c: ExtractContext | None = None, rel: str | None = None) -> Document:
    docs = extract_file(F / name, rel or name, c or ctx())
    assert len(docs) == 1
    return docs[0]


# ------------------------------------------------------------------ PDF


def test_text_pdf_paragraphs_bbox_and_metadata():
    d = one("text.pdf")
    assert d.status == "ok" and d.error is None and d.error_code is None
    assert d.pages == 2 and d.ocr_pages == 0 and d.render_dpi is None
    assert d.extractor == "pdf@5"
    assert d.size == (F / "text.pdf").stat().st_size
    assert d.sha256 == hashlib.sha256((F / "text.pdf").read_bytes()).hexdigest()
    texts = [p.text for p in d.passages]
    assert texts[0] == "党风廉政建设责任制考核会议记录"
    assert "会议传达学习了上级关于廉洁从业的文件精神，要求全体干部签订廉洁承诺书。" in texts  # wrapped lines joined
    assert [p.index for p in d.passages] == list(range(len(d.passages)))
    assert {p.page for p in d.passages} == {1, 2}
    p0 = d.passages[0]
    assert p0.source == "text" and p0.bbox is not None and 0 < p0.bbox[0] < p0.bbox[2] < 595
    assert all(p.file == "text.pdf" for p in d.passages)


def test_pdf_table_rows():
    d = one("table.pdf")
    assert "序号: 1；风险点: 资金审批；防控措施: 集体决策" in [p.text for p in d.passages]
    assert d.passages[0].text == "廉政风险点登记表"


def test_pdf_form_table_reads_label_value_pairs():
    """A printed approval form (label | value | label | value) is read pair by pair, not as a header row over
    records: "估算金额：438,000.00元", not "项目编号: 估算金额；CJGC-…: 438,000.00元"."""
    texts = [p.text for p in one("form.pdf").passages]
    assert "项目编号：CJGC-2025-0142；村社：前溪村" in texts
    assert "估算金额：438,000.00元；资金来源：村集体" in texts
    assert "发包方式：直接发包；施工单位：溪畔建筑公司" in texts


def test_encrypted_pdf():
    d = one("encrypted.pdf")
    assert (d.status, d.error_code) == ("failed", "encrypted")
    assert "加密" in d.error and "未加密" in d.error


def test_truncated_pdf():
    d = one("truncated.pdf")
    assert (d.status, d.error_code) == ("failed", "corrupt")
    assert "损坏" in d.error


def test_scanned_pdf_without_ocr_is_empty_with_page_error():
    d = one("scanned.pdf", ctx(ocr=False))
    assert d.status == "empty" and d.ocr_pages == 0
    assert [e.code for e in d.page_errors] == ["ocr_disabled"]
    assert "未启用文字识别" in d.error


def test_scanned_pdf_goes_to_ocr():
    eng = StaticOcrEngine([OcrLine("会议纪要", (100, 100, 400, 140), 0.95)])
    d = one("scanned.pdf", ctx(eng))
    assert d.ocr_pages == 1 and d.render_dpi == 200 and eng.calls == 1
    assert d.passages[0].source == "ocr" and d.page_ocr_confidence == {1: 0.95}


def test_text_pdf_is_not_ocrd():
    eng = StaticOcrEngine([OcrLine("不应出现", (0, 0, 10, 10), 0.9)])
    d = one("text.pdf", ctx(eng))
    assert eng.calls == 0 and d.ocr_pages == 0


def test_max_pages():
    d = one("text.pdf", ctx(max_pages=1))
    assert d.pages == 2 and {p.page for p in d.passages} == {1}
    assert d.page_errors[0].code == "page_limit"


@pytest.mark.parametrize(
    "text, bad",
    [
        ("(cid:12)(cid:45)(cid:77)(cid:3)会议", True),
        ("ä¼šè®®çºªè¦ï¼šå»‰æ´", True),
        ("\ufffd\ufffd\ufffd记录", True),
        ("党风廉政建设会议记录（2023年5月8日），共23人。①②", False),
        ("Meeting minutes – 2023 · page 1", False),
        ("", False),
    ],
)
def test_garble_detection(text, bad):
    assert is_garbled(text) is bad, garble_score(text)


# ------------------------------------------------------------------ wrong extension, errors


def test_pdf_named_docx_is_read_as_pdf_with_warning():
    d = one("really_pdf.docx")
    assert d.status == "ok" and d.extractor == "pdf@5"
    assert d.error == "扩展名与实际格式不符（实际为 PDF）" and d.error_code is None
    assert d.passages


def test_jpeg_named_pdf_is_read_as_image():
    eng = StaticOcrEngine([OcrLine("承诺书", (0, 0, 50, 20), 0.95)])
    d = one("photo_named.pdf", ctx(eng))
    assert d.status == "ok" and d.extractor == "image@4"
    assert "实际为 图片" in d.error and d.passages[0].text == "承诺书"


def test_empty_file():
    d = one("empty.txt")
    assert (d.status, d.error_code) == ("empty", "empty")
    assert "空文件（0 字节）" in d.error


def test_unknown_extension():
    d = one("unknown.xyz")
    assert (d.status, d.error_code) == ("failed", "unsupported")
    assert ".xyz" in d.error


def test_too_large():
    d = one("text.pdf", ctx(max_file_bytes=100))
    assert (d.status, d.error_code) == ("failed", "too_large")


def test_missing_file_does_not_raise(tmp_path):
    d = extract_file(tmp_path / "nope.pdf", "nope.pdf", ctx())[0]
    assert d.status == "failed" and d.error


def test_blank_image_is_empty():
    d = one("blank.png")
    assert d.status == "empty" and d.error_code == "empty" and "未识别到文字" in d.error


# ------------------------------------------------------------------ text & spreadsheets


@pytest.mark.parametrize("name", ["gbk.txt", "utf16.txt"])
def test_text_encodings(name):
    d = one(name)
    assert [p.text for p in d.passages] == ["清廉家庭建设倡议书", "家风正则民风淳。", "倡导勤俭持家、廉洁齐家。"]


def test_decode_never_latin1():
    text, enc = decode_text("廉洁从业，风清气正".encode("gbk"))
    assert (text, enc) == ("廉洁从业，风清气正", "gb18030")
    assert decode_text("\ufeff党建".encode("utf-8"))[0] == "党建"


def test_bom_csv():
    d = one("bom.csv")
    texts = [p.text for p in d.passages]
    assert texts == ["姓名；职务；签订日期", "姓名: 王五；职务: 书记；签订日期: 2023-01-05", "姓名: 赵六；职务: 主任"]


@pytest.mark.parametrize("name", ["ledger.xlsx", "ledger.xls"])
def test_workbook_title_row_header_and_sheets(name):
    d = one(name)
    assert d.pages == 2
    by_page = {}
    for p in d.passages:
        by_page.setdefault(p.page, []).append(p)
    first = [p.text for p in by_page[1]]
    assert first[0] == "2023年度廉政风险点排查台账"
    assert "序号: 1；科室: 财务科；风险点: 资金支付；防控措施: 双人复核" in first
    assert "序号: 2；科室: 办公室；风险点: 公车使用" in first   # empty cell skipped
    assert {p.sheet for p in by_page[1]} == {"风险台账"} and by_page[2][0].sheet == "说明"


# ------------------------------------------------------------------ Word


def test_docx_body_order_table_and_image():
    eng = StaticOcrEngine([OcrLine("廉政教育基地", (0, 0, 100, 30), 0.97)])
    d = one("interview.docx", ctx(eng))
    texts = [p.text for p in d.passages]
    assert texts[:6] == [
        "廉政谈话记录",
        "谈话时间：2023年6月1日",
        "姓名；职务；谈话内容",
        "姓名: 张三；职务: 科长；谈话内容: 廉洁提醒",
        "姓名: 李四；职务: 副科长；谈话内容: 岗位风险",
        "谈话结束后双方签字确认。",
    ]
    assert d.passages[-1].source == "ocr" and d.passages[-1].text == "廉政教育基地"
    assert all(p.page == 1 for p in d.passages) and d.pages == 1


def test_docx_form_table_reads_label_value_pairs(tmp_path):
    """A minutes form (时间 | 2023年5月16日 / 主持 | 彭丽华) has no header row: each row is label：value."""
    import docx

    d = docx.Document()
    d.add_paragraph("两委联席会议记录")
    t = d.add_table(rows=0, cols=2)
    for k, v in [("时间", "2023年5月16日下午"), ("地点", "社区二楼会议室"), ("主持", "彭丽华（社区党委书记）"),
                 ("出席", "彭丽华、刘芳、李文（共3人）"), ("记录", "")]:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = k, v
    form = d.add_table(rows=2, cols=4)
    for row, texts in zip(form.rows, [["项目名称", "路灯维修", "金额", "8600元"], ["经办人", "刘芳", "审批人", "彭丽华"]]):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    d.save(tmp_path / "form.docx")
    texts = [p.text for p in extract_file(tmp_path / "form.docx", "form.docx", ctx())[0].passages]
    assert texts == ["两委联席会议记录", "时间：2023年5月16日下午", "地点：社区二楼会议室", "主持：彭丽华（社区党委书记）",
                     "出席：彭丽华、刘芳、李文（共3人）", "记录", "项目名称：路灯维修；金额：8600元",
                     "经办人：刘芳；审批人：彭丽华"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_doc_via_soffice():
    d = one("interview.doc")
    assert d.status == "ok" and d.extractor == "legacy@1"
    assert "姓名: 张三；职务: 科长；谈话内容: 廉洁提醒" in [p.text for p in d.passages]


def test_doc_without_soffice(monkeypatch):
    monkeypatch.setattr("extractors.legacy.shutil.which", lambda name: None)
    d = one("interview.doc")
    assert (d.status, d.error_code) == ("failed", "missing_tool")
    assert "LibreOffice" in d.error


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_doc_timeout():
    d = one("interview.doc", ctx(soffice_timeout=0.05))
    assert (d.status, d.error_code) == ("failed", "timeout")


# ------------------------------------------------------------------ ZIP


def test_zip_gbk_names_and_container():
    docs = extract_file(F / "gbk_names.zip", "材料.zip", ctx())
    z, *members = docs
    assert z.status == "ok" and z.pages == 0 and z.error == "压缩包，含 2 个文件"
    assert [m.file for m in members] == ["材料.zip/会议记录/廉政会议纪要.txt", "材料.zip/承诺书.pdf"]
    assert all(m.container == "材料.zip" and m.status == "ok" for m in members)
    assert members[0].passages[0].file == "材料.zip/会议记录/廉政会议纪要.txt"
    assert members[1].sha256 == hashlib.sha256((F / "text.pdf").read_bytes()).hexdigest()


def test_zip_traversal_refused_per_member():
    z, *members = extract_file(F / "traversal.zip", "traversal.zip", ctx())
    codes = {m.file: (m.status, m.error_code) for m in members}
    assert codes["traversal.zip/../evil.txt"] == ("failed", "unsafe_archive")
    assert codes["traversal.zip/abs/evil2.txt"] == ("failed", "unsafe_archive")
    assert codes["traversal.zip/ok.txt"] == ("ok", None)


def test_zip_bomb_member_refused():
    z, *members = extract_file(F / "bomb.zip", "bomb.zip", ctx())
    by = {m.file: m for m in members}
    assert by["bomb.zip/zeros.txt"].error_code == "unsafe_archive" and "压缩" in by["bomb.zip/zeros.txt"].error
    assert by["bomb.zip/fine.txt"].status == "ok"


def test_zip_total_size_and_member_limits():
    z = extract_file(F / "bomb.zip", "bomb.zip", ctx(zip_max_total_bytes=1024))[0]
    assert (z.status, z.error_code) == ("failed", "unsafe_archive")
    z = extract_file(F / "traversal.zip", "t.zip", ctx(zip_max_members=2))[0]
    assert (z.status, z.error_code) == ("failed", "unsafe_archive")


def test_zip_nested_one_level():
    docs = extract_file(F / "nested.zip", "nested.zip", ctx())
    by = {d.file: d for d in docs}
    assert by["nested.zip/inner.zip/inner.txt"].passages[0].text == "内层文件内容"
    assert by["nested.zip/inner.zip/inner.txt"].container == "nested.zip/inner.zip"
    assert by["nested.zip/inner.zip/deeper.zip"].error_code == "unsafe_archive"
    assert by["nested.zip/top.txt"].status == "ok"


def test_zip_encrypted_member():
    z, *members = extract_file(F / "encrypted_member.zip", "e.zip", ctx())
    by = {m.file: m for m in members}
    assert by["e.zip/secret.txt"].error_code == "encrypted"
    assert by["e.zip/open.txt"].passages[0].text == "公开内容"


def test_corrupt_zip(tmp_path):
    p = tmp_path / "bad.zip"
    p.write_bytes((F / "gbk_names.zip").read_bytes()[:300])
    d = extract_file(p, "bad.zip", ctx())[0]
    assert (d.status, d.error_code) == ("failed", "corrupt")


# ------------------------------------------------------------------ OCR layout (no engine)


def test_lines_to_passages_reading_order_and_paragraphs():
    h = 40
    lines = [
        OcrLine("第二段首行", (180, 300, 1400, 300 + h), 0.8),   # indented → new paragraph
        OcrLine("标题", (600, 100, 900, 100 + h), 1.0),
        OcrLine("正文第一行很长很长", (100, 180, 1400, 180 + h), 0.9),
        OcrLine("续行", (100, 240, 1400, 240 + h), 0.9),
        OcrLine("右侧", (1000, 402, 1400, 402 + h), 0.9),         # same height as "左侧"
        OcrLine("左侧", (100, 400, 400, 400 + h), 0.9),
    ]
    ps = lines_to_passages(lines, "a.jpg", 3)
    assert [p.text for p in ps] == ["标题", "正文第一行很长很长续行", "第二段首行", "左侧 右侧"]
    assert ps[1].bbox == (100, 180, 1400, 240 + h) and ps[1].confidence == 0.9
    assert all(p.source == "ocr" and p.page == 3 for p in ps)


def test_a_page_in_two_columns_is_read_column_by_column_and_a_table_row_by_row():
    """A 简报 set in two columns: the masthead, then the left column top to bottom, then the right. A sign-in sheet's
    cells side by side are short against their half of the page: read row by row as before."""
    h, gap = 20, 30
    left = ["我院召开廉洁从医警示教育大会", "7月12日下午在门诊五楼学术厅召开大会", "全院中层干部和医务人员286人参加",
            "会上通报了典型案例5起并观看警示片"]
    right = ["院务简讯", "8月医院新增血液透析机6台透析中心", "日接诊能力提高到40人次9月医院与县", "人民医院签订医联体帮扶协议"]
    lines = [OcrLine("郸城三院报 2024年第3期", (150, 20, 450, 20 + h), 0.99)]
    for i, (a, b) in enumerate(zip(left, right)):
        y = 80 + i * gap
        lines += [OcrLine(a, (50, y, 280 - (i == 3) * 60, y + h), 0.99), OcrLine(b, (320, y, 550, y + h), 0.99)]
    texts = [p.text for p in lines_to_passages(lines, "院报.jpg", 1)]
    assert texts[0] == "郸城三院报 2024年第3期"
    assert "".join(texts).index("典型案例5起") < "".join(texts).index("院务简讯")
    assert not any("大会" in t and "简讯" in t for t in texts)
    sheet = [OcrLine(t, (x, 100 + r * gap, x + 60, 100 + r * gap + h), 0.99)
             for r, row in enumerate([["序号", "姓名", "职务", "签名"], ["1", "张明", "科长", "张明"],
                                      ["2", "李华", "干事", "李华"], ["3", "王强", "干事", "王强"]])
             for x, t in zip((50, 200, 350, 500), row)]
    assert [p.text for p in lines_to_passages(sheet, "签到表.jpg", 1)][:2] == ["序号 姓名 职务 签名", "1 张明 科长 张明"]


def test_a_text_layer_line_is_cut_at_a_wide_gap():
    """pdfplumber runs the lines of two columns together: the line is cut where the gap is many characters wide,
    not between words of one column."""
    from extractors.pdf import _segments

    def chars(text, x):
        return [{"text": c, "x0": x + 12 * i, "x1": x + 12 * i + 12, "top": 100, "bottom": 112} for i, c in enumerate(text)]
    row = chars("召开警示教育大会", 50) + chars("院务简讯", 320)
    line = {"text": "召开警示教育大会 院务简讯", "x0": 50, "x1": 368, "top": 100, "bottom": 112, "chars": row}
    assert [seg.text for seg in _segments(line)] == ["召开警示教育大会", "院务简讯"]
    near = chars("召开警示教育大会", 50) + chars("全体参加", 160)
    one = {"text": "召开警示教育大会 全体参加", "x0": 50, "x1": 208, "top": 100, "bottom": 112, "chars": near}
    assert [seg.text for seg in _segments(one)] == ["召开警示教育大会 全体参加"]


# ------------------------------------------------------------------ API


def test_fingerprint_and_context_pickle():
    fp = extractor_fingerprint()
    assert fp == extractor_fingerprint() and len(fp) == 16
    assert extractor_fingerprint(ExtractOptions(dpi=300)) != fp
    c = ExtractContext()
    c._engine = NoOpOcrEngine()
    c2 = pickle.loads(pickle.dumps(c))
    assert c2._engine is None and c2.options == c.options


def test_fingerprint_changes_with_extractor_version(monkeypatch):
    fp = extractor_fingerprint()
    monkeypatch.setattr(extractors.PdfExtractor, "version", "999")
    assert extractor_fingerprint() != fp


def test_documents_roundtrip_through_dict():
    d = one("table.pdf")
    assert Document.from_dict(d.to_dict()) == d


def test_rapidocr_models_ship_in_wheel():
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    names = {p.name for p in models.glob("*.onnx")}
    assert {"ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx"} <= names


# ------------------------------------------------------------------ robustness


@pytest.mark.parametrize("name", ["text.pdf", "interview.docx", "ledger.xlsx", "ledger.xls", "multipage.tif",
                                  "rotated_exif.jpg", "gbk_names.zip", "bom.csv"])
def test_damaged_files_never_raise(name, tmp_path):
    data = (F / name).read_bytes()
    for k, cut in enumerate((len(data) // 5, len(data) // 2, len(data) - 7)):
        p = tmp_path / f"{k}{Path(name).suffix}"
        flipped = bytearray(data[:cut])
        flipped[len(flipped) // 3] ^= 0xFF
        p.write_bytes(bytes(flipped))
        for d in extract_file(p, p.name, ctx()):
            assert d.status in ("ok", "failed", "empty")
            assert d.status == "ok" or d.error


def test_a_chat_screenshots_bubble_is_one_passage_though_narrower_than_the_screen():
    """Bubbles end well short of the screen's right edge (the status bar's): a wrapped bubble is one paragraph."""
    def ln(text, y, x1):
        return OcrLine(text, (40.0, y, x1, y + 30.0), 0.95)
    screen = [ln("17:52 4G76%", 10, 1000), ln("6月2日下午17:40", 80, 600),
              ln("林业站吴xx今天中午在加车村农户", 140, 700), ln("家吃饭喝了酒，下午去量林地。已", 175, 700),
              ln("经找他谈了话，写了检讨。", 210, 450), ln("收到。", 300, 200)]
    texts = [p.text for p in lines_to_passages(screen, "微信图片.jpg", 1)]
    assert "林业站吴xx今天中午在加车村农户家吃饭喝了酒，下午去量林地。已经找他谈了话，写了检讨。" in texts, texts
    # the same lines under a full-width heading and no time line: a page, whose short lines end paragraphs
    page = [ln("某某乡纪委工作情况通报（第三期）全文如下请各单位认真学习", 10, 1000)] + screen[2:]
    assert len(lines_to_passages(page, "a.jpg", 1)) > 3
