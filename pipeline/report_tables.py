"""The run-wide tables (summary.csv, summary.xlsx) as pandas frames.

Kept apart from pipeline.report so that pandas and openpyxl (~70 MB) are loaded only when the tables are
written, not in the coordinating process for the whole run.
"""
from __future__ import annotations

import io
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from pipeline.report import (DOC_STATUS_NAMES, SEVERITY_NAMES, STATUS_NAMES, SUMMARY_COLUMNS,
                             SUMMARY_EXTRA_COLUMNS, _criterion_flags, _flags_by_file, rule_name, sorted_flags,
                             type_name)

XLSX_CELL_MAX = 32000        # Excel's hard limit is 32767 characters per cell


def summary_rows(reports: list[dict]) -> pd.DataFrame:
    """One row per unit × criterion: the CONTRACT columns first, then extras."""
    rows = []
    for r in reports:
        by_file = _flags_by_file(r.get("flags") or [])
        for c in r.get("criteria") or []:
            rows.append({
                "unit": r["unit"], "unit_type": r.get("unit_type"), "criterion_id": c["id"],
                "status": c.get("status"), "n_evidence": len(c.get("evidence") or []),
                "unit_name": r.get("unit_name"),
                "unit_type_name": r.get("unit_type_name") or type_name(r.get("unit_type")),
                "title": c.get("title"), "status_name": STATUS_NAMES.get(c.get("status"), c.get("status")),
                "n_flags": len(_criterion_flags(c, by_file)),
                "reason": c.get("reason") or "",
            })
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS + SUMMARY_EXTRA_COLUMNS)


_SHEET_SUMMARY_HEADERS = {
    "unit": "单位文件夹", "unit_type": "类型代码", "criterion_id": "条目编号", "status": "状态代码",
    "n_evidence": "佐证条数", "unit_name": "单位名称", "unit_type_name": "单位类型", "title": "条目",
    "status_name": "状态", "n_flags": "佐证涉及问题线索数", "reason": "判定说明",
}


def _flags_frame(reports: list[dict]) -> pd.DataFrame:
    rows = []
    for r in reports:
        for f in sorted_flags(r.get("flags") or []):
            rows.append({
                "单位文件夹": r["unit"], "单位名称": r.get("unit_name"), "文件": f.get("file"),
                "页码": f.get("page"), "规则": f.get("rule"), "规则名称": rule_name(f.get("rule") or ""),
                "严重程度": SEVERITY_NAMES.get(f.get("severity"), f.get("severity")),
                "说明": f.get("message"), "触发文字": f.get("text") or "",
            })
    return pd.DataFrame(rows, columns=["单位文件夹", "单位名称", "文件", "页码", "规则", "规则名称",
                                       "严重程度", "说明", "触发文字"])


def _documents_frame(reports: list[dict]) -> pd.DataFrame:
    rows = []
    for r in reports:
        for d in sorted(r.get("documents") or [], key=lambda d: d.get("file") or ""):
            rows.append({
                "单位文件夹": r["unit"], "单位名称": r.get("unit_name"), "文件": d.get("file"),
                "状态": DOC_STATUS_NAMES.get(d.get("status"), d.get("status")),
                "文件类型": d.get("doc_type_name") or d.get("doc_type") or "",
                "日期": d.get("doc_date") or "", "页数": d.get("pages"), "OCR页数": d.get("ocr_pages"),
                "OCR置信度": d.get("ocr_confidence"), "错误信息": d.get("error") or "",
            })
    return pd.DataFrame(rows, columns=["单位文件夹", "单位名称", "文件", "状态", "文件类型", "日期",
                                       "页数", "OCR页数", "OCR置信度", "错误信息"])


def _xlsx_safe(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]
    return value


def summary_xlsx(reports: list[dict], summary: pd.DataFrame) -> bytes:
    sheets = {
        "汇总": summary.rename(columns=_SHEET_SUMMARY_HEADERS),
        "问题线索": _flags_frame(reports),
        "文件清单": _documents_frame(reports),
    }
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.astype(object).apply(lambda col: col.map(_xlsx_safe)).to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            ws.freeze_panes = "A2"
            if len(frame.columns):
                ws.auto_filter.ref = ws.dimensions
            for i, col in enumerate(frame.columns, start=1):
                longest = max([len(str(col))] + [len(str(v)) for v in frame[col].head(500)])
                ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.6 + 2))
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f":   # untrusted text starting with '=' stays text
                        cell.data_type = "s"
    return buf.getvalue()
