"""Report writing: report.json / report.html / summary.csv / summary.xlsx / index.html.

Regenerate the golden page with ``QINGLIAN_UPDATE_GOLDEN=1 pytest tests/test_report.py``.
"""
from __future__ import annotations

import copy
import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipeline import report as rp
from pipeline.report import render_unit_html, write_summary, write_unit_report

GOLDEN = Path(__file__).parent / "golden" / "report" / "unit.html"
CONTRACT_TOP = {"unit", "unit_name", "unit_type", "type_source", "criteria", "flags", "documents"}
CONTRACT_CRITERION = {"id", "title", "status", "evidence"}
CONTRACT_EVIDENCE = {"file", "page", "text", "score", "method"}
CONTRACT_FLAG = {"file", "page", "rule", "severity", "message"}
CONTRACT_DOCUMENT = {"file", "status", "pages", "ocr_pages", "error"}

XSS = "<script>alert(1)</script>"

JIGUAN = [
    ("政治建设过硬", "全面从严治党主体责任和“一岗双责”压实压紧，政治判断力、政治领悟力、政治执行力不断提升。"),
    ("权力运行规范", "“三重一大”“一把手末位表态”等集体议事制度执行到位，“三公”经费使用合理规范。"),
    ("用人导向鲜明", "选人用人导向正确、程序规范，标准严格，不以地域划线，不搞任人唯亲。"),
    ("廉洁教育经常", "开展党章党规党纪和宪法法律法规教育，党的优良传统和作风教育深入经常。"),
    ("干部担当作为", "干部精气神全面提振，争先创优、比学赶超意识较强，干事创业氛围浓厚。"),
    ("纪律作风严明", "中央八项规定精神、省委“约法三章”等纪律规定执行到位，“四风”纠治扎实推进。"),
]
XUEXIAO = [
    ("政治建设过硬", "坚持党组织领导的校长负责制，全面从严治党主体责任压实压紧。"),
    ("内部管理规范", "招生、采购、基建、财务等重点领域管理规范，内控制度健全。"),
    ("办学规范公正", "依法依规办学，招生公平公正，收费规范透明。"),
    ("师德师风优良", "师德师风建设常态化，无有偿补课、收受礼品礼金等行为。"),
    ("清廉氛围浓厚", "清廉文化进校园，家校共育廉洁风尚。"),
]


def _ev(file, page, text, *, score=0.8, method="keyword", source="text", bbox=None, indicators=(),
        doc_type="minutes", doc_type_name="会议纪要", counts_as="record", keywords=()):
    return {"file": file, "page": page, "text": text, "score": score, "method": method, "bbox": bbox,
            "source": source, "indicators": list(indicators), "doc_type": doc_type,
            "doc_type_name": doc_type_name, "doc_kind": "record" if counts_as == "record" else "plan",
            "counts_as": counts_as, "keywords": list(keywords)}


def _doc(file, status="ok", pages=1, ocr_pages=0, error=None, error_code=None, doc_type=None,
         doc_type_name=None, doc_kind=None, doc_date=None, ocr_confidence=None, page_errors=()):
    return {"file": file, "status": status, "pages": pages, "ocr_pages": ocr_pages, "error": error,
            "error_code": error_code, "doc_type": doc_type, "doc_type_name": doc_type_name,
            "doc_kind": doc_kind, "doc_date": doc_date, "size": 20480, "sha256": "0" * 64,
            "ocr_confidence": ocr_confidence, "n_passages": 4, "container": None,
            "page_errors": list(page_errors)}


def _summary(criteria, flags, documents):
    return {"evidenced": sum(c["status"] == "evidenced" for c in criteria),
            "partial": sum(c["status"] == "partial" for c in criteria),
            "missing": sum(c["status"] == "missing" for c in criteria),
            "flags": len(flags), "documents": len(documents),
            "failed": sum(d["status"] == "failed" for d in documents),
            "empty": sum(d["status"] == "empty" for d in documents)}


def jiguan_report() -> dict:
    minutes = "01_党组会/2022年第5次党组会议纪要.pdf"
    scan = "02_三重一大/采购审批表（扫描件）.pdf"
    plan = "03_廉洁教育/2022年廉洁教育工作计划.docx"
    evidence = {
        1: [_ev(minutes, 1, "会议传达学习中央、省委关于全面从严治党的决策部署，党组书记履行第一责任人职责，"
                            "班子成员落实“一岗双责”。", score=0.91, method="both", indicators=["jiguan.1.1"],
                keywords=["全面从严治党", "一岗双责"])],
        2: [_ev(minutes, 2, "议题三：办公楼维修改造项目（“三重一大”事项）。局长王某首先表态同意，"
                            "其余班子成员依次发表意见。", score=0.87, method="both",
                indicators=["jiguan.2.1"], keywords=["三重一大"]),
            _ev(scan, 1, "经办人：李某 & 审核：张某\n" + XSS + "\n采购金额 48,000 元，采购方式：单一来源",
                score=0.64, method="classifier", source="ocr", bbox=[102.4, 880.0, 1460.6, 1012.9],
                indicators=["jiguan.2.2"], doc_type="approval", doc_type_name="审批表",
                keywords=["采购", "单一来源"])],
        4: [_ev(plan, 1, "全年组织党章党规党纪专题学习不少于4次，每季度开展一次警示教育。", score=0.72,
                indicators=["jiguan.4.1"], doc_type="plan", doc_type_name="工作计划", counts_as="paper",
                keywords=["党章党规党纪", "警示教育"])],
    }
    status = {1: "evidenced", 2: "evidenced", 3: "missing", 4: "partial", 5: "missing", 6: "missing"}
    reasons = {
        1: "党组会议纪要记载了传达学习和“一岗双责”落实情况，已有执行记录。",
        2: "“三重一大”集体决策有会议纪要和采购审批表为证；“三公”经费使用未见材料。",
        3: "未见选人用人相关材料。",
        4: "仅有2022年廉洁教育工作计划，未见开展教育的记录（签到表、照片、总结）。",
        5: "未见相关材料。",
        6: "未见相关材料。",
    }
    criteria = []
    for n, (title, text) in enumerate(JIGUAN, start=1):
        ev = evidence.get(n, [])
        indicators = [{"id": f"jiguan.{n}.1", "label": title[:2] + "要求", "clause": text.split("，")[0],
                       "status": {"evidenced": "record", "partial": "paper", "missing": "none"}[status[n]],
                       "files": sorted({e["file"] for e in ev})}]
        if n == 2:
            indicators.append({"id": "jiguan.2.2", "label": "三公经费", "clause": "“三公”经费使用合理规范",
                               "status": "none", "files": []})
        criteria.append({"id": f"jiguan.{n}", "title": title, "status": status[n], "reason": reasons[n],
                         "text": text, "indicators": indicators, "evidence": ev})
    flags = [
        {"file": minutes, "page": 2, "rule": "leader-speaks-first", "severity": "high",
         "message": "“三重一大”事项讨论中，主要负责人首先表态，不符合“一把手末位表态”要求。",
         "text": "局长王某首先表态同意，其余班子成员依次发表意见。", "bbox": None, "related": []},
        {"file": scan, "page": 1, "rule": "low-ocr-confidence", "severity": "low",
         "message": "本页识别置信度为 58%，文字可能有误，请人工核对原件。", "text": "", "bbox": None,
         "related": []},
        {"file": scan, "page": 1, "rule": "single-source-unjustified", "severity": "medium",
         "message": "采用单一来源采购，但未见论证或说明理由。", "text": "采购方式：单一来源 & <b>未附说明</b>",
         "bbox": [102.4, 980.0, 900.0, 1012.9], "related": []},
        {"file": plan, "page": None, "rule": "near-duplicate", "severity": "medium",
         "message": "与其他单位提交的材料高度相似，疑似套用模板。", "text": "全年组织党章党规党纪专题学习不少于4次",
         "bbox": None, "related": [{"unit": "05_区教育局", "file": "计划/廉洁教育计划.docx", "similarity": 0.93}]},
    ]
    documents = [
        _doc(minutes, pages=3, doc_type="minutes", doc_type_name="会议纪要", doc_kind="record",
             doc_date="2022-09-05"),
        _doc(scan, pages=1, ocr_pages=1, doc_type="approval", doc_type_name="审批表", doc_kind="record",
             doc_date="2022-10-12", ocr_confidence=0.58),
        _doc(plan, pages=2, doc_type="plan", doc_type_name="工作计划", doc_kind="plan", doc_date="2022-08-15"),
        _doc("04_其他/加密的台账.xlsx", status="failed", pages=0, error="加密文件，无法读取，请提交未加密版本",
             error_code="encrypted"),
        _doc("04_其他/空白.txt", status="empty", pages=0, error="空文件或无可识别文字，请确认提交的是正确文件",
             error_code="empty"),
        _doc("05_照片/警示教育现场.zip/IMG_0012.jpg", pages=1, ocr_pages=1, ocr_confidence=0.91,
             doc_type="photo", doc_type_name="照片", doc_kind="record",
             page_errors=[{"page": 1, "code": "timeout", "message": "识别超时，已跳过"}]),
    ]
    return {
        "unit": "03_区财政局（清廉机关）", "unit_name": "武陵源区财政局", "unit_type": "jiguan",
        "unit_type_name": "机关", "standard": "清廉机关创建标准", "type_source": "folder-name",
        "period": {"start": "2022-08-01", "end": "2022-12-31"},
        "generated_at": "2024-05-20T10:30:00+08:00", "qinglian_version": "0.1.0",
        "warnings": ["未找到 unit.yaml，单位类型按文件夹名称判定"],
        "summary": _summary(criteria, flags, documents),
        "criteria": criteria, "flags": flags, "documents": documents,
    }


def xuexiao_report() -> dict:
    f1 = "师德师风/师德承诺书汇总.pdf"
    criteria = []
    for n, (title, text) in enumerate(XUEXIAO, start=1):
        ev = [_ev(f1, 2, "全体教师签订《师德师风承诺书》，承诺不从事有偿补课。", score=0.81,
                  doc_type="pledge", doc_type_name="承诺书", counts_as="paper", keywords=["有偿补课"])] if n == 4 else []
        st = "partial" if n == 4 else "missing"
        criteria.append({"id": f"xuexiao.{n}", "title": title, "status": st,
                         "reason": "仅有承诺书。" if n == 4 else "未见相关材料。", "text": text,
                         "indicators": [], "evidence": ev})
    documents = [_doc(f1, pages=4, doc_type="pledge", doc_type_name="承诺书", doc_kind="pledge")]
    flags = [{"file": f1, "page": 2, "rule": "out-of-period", "severity": "low",
              "message": "文件日期 2021-06-01 早于考核期开始日 2022-08-01。", "text": "2021年6月1日",
              "bbox": None, "related": []}]
    return {
        "unit": "武陵源区第一中学", "unit_name": "武陵源区第一中学", "unit_type": "xuexiao",
        "unit_type_name": "学校", "standard": "清廉学校创建标准", "type_source": "manifest",
        "period": None, "generated_at": "2024-05-20T10:31:00+08:00", "qinglian_version": "0.1.0",
        "warnings": [], "summary": _summary(criteria, flags, documents),
        "criteria": criteria, "flags": flags, "documents": documents,
    }


@pytest.fixture
def reports() -> list[dict]:
    return [jiguan_report(), xuexiao_report()]


@pytest.fixture
def out(tmp_path, reports) -> Path:
    for r in reports:
        write_unit_report(tmp_path / r["unit"], r)
    write_summary(tmp_path, reports)
    return tmp_path


def test_report_json_round_trips_with_contract_keys(out, reports):
    for r in reports:
        raw = (out / r["unit"] / "report.json").read_text(encoding="utf-8")
        assert "\\u" not in raw  # ensure_ascii=False: Chinese stays readable
        data = json.loads(raw)
        assert data == json.loads(json.dumps(r, ensure_ascii=False))
        assert CONTRACT_TOP <= data.keys()
        for c in data["criteria"]:
            assert CONTRACT_CRITERION <= c.keys()
            for e in c["evidence"]:
                assert CONTRACT_EVIDENCE <= e.keys()
        for f in data["flags"]:
            assert CONTRACT_FLAG <= f.keys()
        for d in data["documents"]:
            assert CONTRACT_DOCUMENT <= d.keys()
    ocr = json.loads((out / reports[0]["unit"] / "report.json").read_text("utf-8"))["criteria"][1]["evidence"][1]
    assert ocr["source"] == "ocr" and ocr["bbox"] == [102.4, 880.0, 1460.6, 1012.9]


def test_write_unit_report_rejects_missing_contract_keys(tmp_path):
    r = jiguan_report()
    del r["documents"]
    with pytest.raises(ValueError, match="documents"):
        write_unit_report(tmp_path / "u", r)


def test_summary_csv_header_and_rows(out, reports):
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["unit", "unit_type", "criterion_id", "status", "n_evidence"]
    body = rows[1:]
    assert len(body) == 6 + 5
    keys = [(r[0], r[2]) for r in body]
    assert len(set(keys)) == len(keys)
    by_key = {(r[0], r[2]): r for r in body}
    assert by_key[("03_区财政局（清廉机关）", "jiguan.2")][1:5] == ["jiguan", "jiguan.2", "evidenced", "2"]
    assert by_key[("武陵源区第一中学", "xuexiao.4")][3:5] == ["partial", "1"]
    header = rows[0]
    assert by_key[("03_区财政局（清廉机关）", "jiguan.2")][header.index("n_flags")] == "3"


def test_summary_xlsx_sheets(out):
    sheets = pd.read_excel(out / "summary.xlsx", sheet_name=None)
    assert list(sheets) == ["汇总", "问题线索", "文件清单"]
    assert len(sheets["汇总"]) == 11
    assert len(sheets["问题线索"]) == 5
    assert sheets["问题线索"]["严重程度"].iloc[0] == "高"
    docs = sheets["文件清单"]
    assert len(docs) == 7
    failed = docs[docs["状态"] == "失败"]
    assert list(failed["错误信息"]) == ["加密文件，无法读取，请提交未加密版本"]


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook
    r = jiguan_report()
    r["flags"][0]["text"] = "=HYPERLINK(\"http://x\",\"点我\")\x07"
    write_summary(tmp_path, [r])
    ws = load_workbook(tmp_path / "summary.xlsx")["问题线索"]
    cell = ws.cell(row=2, column=9)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_index_links_and_grid(out, reports):
    html = (out / "index.html").read_text(encoding="utf-8")
    for r in reports:
        assert (out / r["unit"] / "report.html").is_file()
    # Chinese folder names are percent-encoded, and the link resolves to the written file
    hrefs = set(re.findall(r'href="([^"#]+)"', html))
    assert hrefs == {"03_%E5%8C%BA%E8%B4%A2%E6%94%BF%E5%B1%80%EF%BC%88%E6%B8%85%E5%BB%89%E6%9C%BA%E5%85%B3%EF%BC%89/report.html",
                     "%E6%AD%A6%E9%99%B5%E6%BA%90%E5%8C%BA%E7%AC%AC%E4%B8%80%E4%B8%AD%E5%AD%A6/report.html"}
    from urllib.parse import unquote
    for h in hrefs:
        assert (out / unquote(h)).is_file()
    assert "report.html#jiguan.2" in html
    assert html.count('class="cell st-') == 11
    assert "文件夹名称" in html and "单位清单(unit.yaml)" in html
    assert "高 1" in html


def test_html_escapes_untrusted_text(out, reports):
    html = (out / reports[0]["unit"] / "report.html").read_text(encoding="utf-8")
    assert XSS not in html and "<b>未附说明</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "经办人：李某 &amp; 审核：张某" in html
    assert "<mark>单一来源</mark>" in html and "<mark>三重一大</mark>" in html
    assert "<script" not in html.lower()


def test_highlight_escapes_before_marking():
    out = str(rp.highlight("a&b <x> amp 采购&采购", ["amp", "采购", "<x>", ""]))
    assert out == "a&amp;b <mark>&lt;x&gt;</mark> <mark>amp</mark> <mark>采购</mark>&amp;<mark>采购</mark>"


def test_unit_html_content(reports):
    html = render_unit_html(reports[0])
    # flags shown beside the evidence of the same file+page, and in the flags section sorted by severity
    assert "一把手未末位表态" in html and "leader-speaks-first" in html
    section = html[html.index('id="flags"'):html.index('id="documents"')]
    assert section.index("sev-high") < section.index("sev-medium") < section.index("sev-low")
    docs = html[html.index('id="documents"'):]
    for d in reports[0]["documents"]:
        assert docs.count(f'<td class="file">{d["file"]}</td>') == 1
    assert 'class="doc-failed"' in docs and "加密文件，无法读取" in docs
    assert "识别超时，已跳过" in docs
    assert "文件夹名称" in html and "2022-08-01 至 2022-12-31" in html
    assert "两者" in html and "分类器" in html and "OCR" in html and "仅有书面材料" in html


def test_atomic_write_leaves_no_temp_files(out, reports):
    names = [p.name for p in out.rglob("*")]
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")]
    assert sorted(p.name for p in (out / reports[0]["unit"]).iterdir()) == ["report.html", "report.json"]


def test_failed_write_keeps_old_file_and_no_temp(tmp_path, reports):
    write_unit_report(tmp_path, reports[0])
    before = (tmp_path / "report.json").read_bytes()
    bad = copy.deepcopy(reports[0])
    bad["warnings"] = [object()]
    with pytest.raises(TypeError):
        write_unit_report(tmp_path, bad)
    assert (tmp_path / "report.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.json"]


def test_empty_run(tmp_path):
    write_summary(tmp_path, [])
    assert (tmp_path / "summary.csv").read_text("utf-8-sig").strip() == \
        "unit,unit_type,criterion_id,status,n_evidence,unit_name,unit_type_name,title,status_name,n_flags,reason"
    assert "没有找到任何单位" in (tmp_path / "index.html").read_text("utf-8")
    assert list(pd.read_excel(tmp_path / "summary.xlsx", sheet_name=None)) == ["汇总", "问题线索", "文件清单"]


def _normalise(html: str) -> str:
    return re.sub(r'<time class="generated" datetime="[^"]*">[^<]*</time>', '<time class="generated"></time>', html)


def test_golden_unit_html(reports):
    html = _normalise(render_unit_html(reports[0]))
    if os.environ.get("QINGLIAN_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert GOLDEN.is_file(), "golden missing: run with QINGLIAN_UPDATE_GOLDEN=1"
    assert html == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_unit_html_renders_in_headless_chromium(out, reports, tmp_path_factory):
    png = tmp_path_factory.mktemp("shot") / "unit.png"
    page = (out / reports[0]["unit"] / "report.html").resolve()
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--screenshot={png}",
                    "--window-size=1280,1000", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert png.stat().st_size > 10_000


def test_atomic_write_cleans_temp_file_when_replace_fails(tmp_path, monkeypatch):
    target = tmp_path / "summary.csv"
    target.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(rp.os, "replace", boom)
    with pytest.raises(OSError):
        rp.atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.csv"]
