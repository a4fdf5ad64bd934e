"""Document-level analysis after extraction: document type, kind (record/plan/…) and own date."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from classifiers.dates import document_date
from classifiers.doctype import classify_document
from pipeline.models import Document

# a spreadsheet typed as one of these prose types is a table of entries (排查表, 统计表 …): a ledger
SHEET_AS_LEDGER = {"other", "minutes", "collective_decision", "training", "report"}
# ... except a self-assessment sheet (自查评分表, 自评表): rows of the unit's own scores and claims, not entries
SELF_ASSESSMENT = re.compile(r"自查|自评")
IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}


def _source_of(doc: Document) -> str:
    sources = {p.source for p in doc.passages}
    return sources.pop() if len(sources) == 1 else "mixed"


def annotate(doc: Document) -> Document:
    """Fill doc_type, doc_kind, doc_date in place (readable documents only)."""
    if doc.status != "ok" or not doc.passages:
        return doc
    name = PurePosixPath(doc.file).name
    is_image = PurePosixPath(doc.file).suffix.lower() in IMAGE_EXTS
    text = doc.text
    result = classify_document(name, text, _source_of(doc), is_image)
    doc.doc_type, doc.doc_kind = result.doc_type, result.kind
    if doc.doc_type in SHEET_AS_LEDGER and any(p.sheet for p in doc.passages) and not SELF_ASSESSMENT.search(name):
        doc.doc_type, doc.doc_kind = "ledger", "record"     # rows of entries: a 台账 whatever its title
    found = document_date(text, doc.passages, doc.doc_type)
    doc.doc_date = found.date.isoformat() if found else None
    return doc
