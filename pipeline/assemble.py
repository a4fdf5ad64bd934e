"""Build the report.json dict (CONTRACT fields plus ours, see ARCHITECTURE.md) for one unit."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from checklists import Standard
from pipeline.matching import PassageMatch
from pipeline.models import Document, Flag, Unit
from pipeline.status import CriterionResult

VERSION = "0.1.0"


def _evidence_item(m: PassageMatch, doctype_names: dict[str, str]) -> dict:
    p = m.passage
    return {
        "file": m.doc.file, "page": p.page, "text": p.text, "score": round(m.score, 3), "method": m.method,
        "bbox": list(p.bbox) if p.bbox else None, "source": p.source, "indicators": m.indicators,
        "doc_type": m.doc.doc_type, "doc_type_name": doctype_names.get(m.doc.doc_type or "", "其他"),
        "doc_kind": m.doc.doc_kind, "counts_as": m.counts_as, "flawed_by": m.flawed, "keywords": m.terms,
        "keyword_score": m.kw_score, "classifier_score": m.clf_score, "passage_index": p.index,
    }


def document_entry(d: Document, doctype_names: dict[str, str]) -> dict:
    conf = d.ocr_confidence
    return {
        "file": d.file, "status": d.status, "pages": d.pages, "ocr_pages": d.ocr_pages, "error": d.error,
        "error_code": d.error_code, "doc_type": d.doc_type,
        "doc_type_name": doctype_names.get(d.doc_type or "", "其他") if d.status == "ok" else None,
        "doc_kind": d.doc_kind, "doc_date": d.doc_date, "blank_form": d.blank_form, "size": d.size, "sha256": d.sha256,
        "ocr_confidence": round(conf, 3) if conf is not None else None, "n_passages": len(d.passages),
        "container": d.container, "extractor": d.extractor,
        "page_errors": [{"page": e.page, "code": e.code, "message": e.message} for e in d.page_errors],
    }


def build_report(unit: Unit, standard: Standard, docs: list[Document], results: list[CriterionResult],
                 flags: list[Flag], doctype_names: dict[str, str], warnings: Optional[list[str]] = None) -> dict:
    criteria = [{
        "id": r.criterion.id, "title": r.criterion.title, "status": r.status, "reason": r.reason,
        "text": r.criterion.text, "indicators": r.indicators,
        "evidence": [_evidence_item(m, doctype_names) for m in r.evidence],
    } for r in results]
    counts = {s: sum(1 for r in results if r.status == s) for s in ("evidenced", "partial", "missing")}
    return {
        "unit": unit.folder, "unit_name": unit.name, "unit_type": unit.unit_type,
        "unit_type_name": standard.name, "standard": standard.standard, "type_source": unit.type_source,
        "period": ({"start": unit.period_start, "end": unit.period_end}
                   if unit.period_start or unit.period_end else None),
        "generated_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "qinglian_version": VERSION,
        "warnings": list(unit.warnings) + list(warnings or []),
        "summary": {**counts, "flags": len(flags), "documents": len(docs),
                    "failed": sum(d.status == "failed" for d in docs),
                    "empty": sum(d.status == "empty" for d in docs)},
        "criteria": criteria,
        "flags": [f.to_dict() for f in flags],
        "documents": [document_entry(d, doctype_names) for d in docs],
    }
