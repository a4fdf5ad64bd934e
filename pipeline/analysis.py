"""Document-level analysis after extraction: document type, kind (record/plan/…) and own date."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from checklists import load_doctypes
from classifiers.dates import document_date
from classifiers.doctype import classify_document, is_blank_form
from pipeline.models import Document

# a spreadsheet typed as one of these prose types is a table of entries (排查表, 统计表 …): a ledger, unless
# named as a self-assessment (doctypes.yaml settings.sheet_not_ledger_name)
SHEET_AS_LEDGER = {"other", "minutes", "collective_decision", "training", "report"}


def _source_of(doc: Document) -> str:
    sources = {p.source for p in doc.passages}
    return sources.pop() if len(sources) == 1 else "mixed"


def annotate(doc: Document) -> Document:
    """Fill doc_type, doc_kind, doc_date in place (readable documents only)."""
    if doc.status != "ok" or not doc.passages:
        return doc
    name = PurePosixPath(doc.file).name
    text = doc.text
    result = classify_document(name, text, _source_of(doc), doc.is_image)
    doc.doc_type, doc.doc_kind = result.doc_type, result.kind
    if doc.doc_type in SHEET_AS_LEDGER and any(p.sheet for p in doc.passages) \
            and not re.search(load_doctypes()[0]["sheet_not_ledger_name"], name):
        doc.doc_type, doc.doc_kind = "ledger", "record"     # rows of entries: a 台账 whatever its title
    doc.blank_form = is_blank_form(name, text)
    found = document_date(text, doc.passages, doc.doc_type)
    doc.doc_date = found.date.isoformat() if found else None
    return doc
