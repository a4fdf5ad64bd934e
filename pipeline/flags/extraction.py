"""Extraction problems: unreadable, encrypted, empty files and low OCR confidence."""
from __future__ import annotations

from pipeline.flags.common import make_flag
from pipeline.flags.thresholds import Thresholds
from pipeline.models import Document, Flag

_REASON = {
    "corrupt": "文件已损坏", "unsupported": "格式不受支持", "timeout": "解析超时",
    "missing_tool": "缺少解析工具", "unsafe_archive": "压缩包不安全（路径穿越或解压炸弹）",
}


def check(docs: list[Document], th: Thresholds) -> list[Flag]:
    flags: list[Flag] = []
    containers = {d.container for d in docs if d.container}   # a zip's text is in its members
    for doc in docs:
        if doc.error_code == "encrypted":
            flags.append(make_flag(doc, "encrypted", f"文件已加密，无法读取内容，请要求单位提供未加密版本"
                                   f"{'（' + doc.error + '）' if doc.error else ''}。", page=None))
            continue
        if doc.status == "failed":
            why = _REASON.get(doc.error_code or "", "无法读取")
            flags.append(make_flag(doc, "unreadable", f"文件无法读取：{why}"
                                   f"{'（' + doc.error + '）' if doc.error else ''}，请人工打开核对或要求重新提交。",
                                   page=None))
            continue
        if doc.status == "empty" or (doc.status == "ok" and not doc.text.strip() and doc.file not in containers):
            flags.append(make_flag(doc, "empty", "文件未提取到任何文字内容（空白文件或空白扫描件），"
                                   "请人工确认是否提交了正确的材料。", page=None))
            continue
        low = sorted((p, c) for p, c in doc.page_ocr_confidence.items() if c < th.low_ocr_confidence)
        if low:
            pages = "、".join(f"第{p}页（{c:.2f}）" for p, c in low)
            worst = min(low, key=lambda pc: pc[1])[0]
            psg = next((x for x in doc.passages if x.page == worst), None)
            flags.append(make_flag(
                doc, "low-ocr-confidence",
                f"OCR 识别置信度低于 {th.low_ocr_confidence:.2f}：{pages}，自动识别的文字可能有误，请人工核对原件。",
                passage=psg, page=worst))
        for err in doc.page_errors:
            psg = next((x for x in doc.passages if x.page == err.page), None)
            flags.append(make_flag(doc, "unreadable", f"第{err.page}页无法读取（{err.code}）：{err.message}",
                                   passage=psg, page=err.page, severity="low"))
    return flags
