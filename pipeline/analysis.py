"""Document-level analysis after extraction: document type, kind (record/plan/…) and own date."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Optional

from checklists import load_doctypes
from classifiers.dates import document_date
from classifiers.doctype import classify_document, is_blank_form
from classifiers.text_utils import TABLE_TITLE_MAX, is_header_row
from extractors.chat import HEADER_RE, SCREEN_TIME_RE
from pipeline.models import Document

# a spreadsheet typed as one of these prose types is a table of entries (排查表, 统计表 …): a ledger, unless
# named as a self-assessment (doctypes.yaml settings.sheet_not_ledger_name)
SHEET_AS_LEDGER = {"other", "minutes", "collective_decision", "training", "report"}
# a screenshot named or headed as a chat ("微信图片_20250602.jpg", "加榜乡纪委工作群(6)")
_CHAT_NAME_RE = re.compile(r"微信|聊天|群|截图")


def _source_of(doc: Document) -> str:
    sources = {p.source for p in doc.passages}
    return sources.pop() if len(sources) == 1 else "mixed"


def annotate(doc: Document, name: Optional[str] = None) -> Document:
    """Fill doc_type, doc_kind, doc_date in place (readable documents only). ``name``: what the document is called
    when not its file's name (a binder's part is called by its own title)."""
    if doc.status != "ok" or not doc.passages:
        return doc
    name = name or PurePosixPath(doc.file).name
    text = doc.text
    result = classify_document(name, text, _source_of(doc), doc.is_image)
    doc.doc_type, doc.doc_kind = result.doc_type, result.kind
    if doc.doc_type in SHEET_AS_LEDGER and any(p.sheet for p in doc.passages) \
            and not re.search(load_doctypes()[0]["sheet_not_ledger_name"], name):
        doc.doc_type, doc.doc_kind = "ledger", "record"     # rows of entries: a 台账 whatever its title
    if _chat_export(doc):
        doc.doc_type, doc.doc_kind = "other", "record"    # a group's dated talk, whatever it talks about (党课, 讲解员 …)
    doc.blank_form = is_blank_form(name, text) or _unfilled_workbook(doc) or _unfilled_form(doc)
    found = document_date(text, doc.passages, doc.doc_type)
    doc.doc_date = found.date.isoformat() if found else None
    return doc


def _unfilled_workbook(doc: Document) -> bool:
    """A workbook whose sheets hold only titles and column names — a 台账 template with no entry in it (a sheet
    of entries without a header row has many rows of short cells, not one)."""
    if not all(p.sheet for p in doc.passages):
        return False
    headers: dict[str, int] = {}
    for p in doc.passages:
        if is_header_row(p.text):
            headers[p.sheet] = headers.get(p.sheet, 0) + 1
        elif len(p.text) > TABLE_TITLE_MAX or "；" in p.text:
            return False
    return bool(headers) and max(headers.values()) == 1


_FIELD_RE = re.compile(r"^([^：:，。；]{2,8})[：:]\s*(.*)$")
_COLUMN_NAMES_RE = re.compile(r"([^\d\s]{1,6}\s+){2,}[^\d\s]{1,6}")     # "序号 姓名 岗位 签名" (OCR'd, no cells)
_PLACEHOLDER_RE = re.compile(r"^[\s—\-_－―年月日时分□口/（）()]*$")


def _unfilled_form(doc: Document) -> bool:
    """A form whose fields are all empty ("培训时间：—年月日", "培训地点：", "授课人：") and whose table holds only its
    column names and row numbers — a sign-in sheet or register photographed before anyone filled it in."""
    fields = 0
    for p in doc.passages[1:]:
        text = p.text.strip()
        field = _FIELD_RE.match(text)
        if field:
            if not _PLACEHOLDER_RE.match(field.group(2)):
                return False
            fields += 1
        elif not (is_header_row(text) or _COLUMN_NAMES_RE.fullmatch(text) or re.fullmatch(r"[\d\s.]*", text)):
            return False
    return fields >= 3


def _chat_export(doc: Document) -> bool:
    """A chat export read as day threads (extractors/chat.py): most passages open with a message header; or a
    screenshot of a chat (微信图片, 群聊截图) with its time lines ("5月30日晚上21:12")."""
    if doc.is_image:
        named = _CHAT_NAME_RE.search(doc.file + " " + " ".join(p.text for p in doc.passages[:3]))
        return bool(named) and any(SCREEN_TIME_RE.match(p.text) for p in doc.passages)
    heads = sum(bool(HEADER_RE.match(p.text)) for p in doc.passages)
    return heads >= 2 and heads >= 0.6 * len(doc.passages)
