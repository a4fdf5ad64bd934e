"""Write what a run produces: per-unit report.json / report.html, and the
run-wide summary.csv / summary.xlsx / index.html.

The report dict is the one described in ARCHITECTURE.md ("report.json"); this
module only presents it. Every file is written atomically (temp file in the same
directory, fsync, ``os.replace``) so a killed run never leaves half a file.
Document text is untrusted: the HTML templates autoescape everything, and the
one place that emits markup (keyword highlighting) escapes each piece itself.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from pipeline.flags.common import RULE_NAMES

TEMPLATES_DIR = Path(__file__).parent / "templates"

CONTRACT_KEYS = ("unit", "unit_name", "unit_type", "type_source", "criteria", "flags", "documents")
SUMMARY_COLUMNS = ["unit", "unit_type", "criterion_id", "status", "n_evidence"]
SUMMARY_EXTRA_COLUMNS = ["unit_name", "unit_type_name", "title", "status_name", "n_flags", "reason"]

# ---- display names (Chinese) ------------------------------------------------

TYPE_NAMES = {
    "jiguan": "机关", "shanghui": "商会", "cunju": "村居", "xuexiao": "学校",
    "yiyuan": "医院", "jiating": "家庭", "jingqu": "景区", "qiye": "企业",
}
TYPE_SOURCE_NAMES = {"manifest": "单位清单(unit.yaml)", "folder-name": "文件夹名称", "content": "文件内容"}
STATUS_NAMES = {"evidenced": "已佐证", "partial": "部分佐证", "missing": "缺失"}
STATUS_ORDER = ("evidenced", "partial", "missing")
INDICATOR_STATUS_NAMES = {"record": "有执行记录", "paper": "仅有书面材料", "mention": "仅零星提及", "none": "未覆盖"}
DOC_STATUS_NAMES = {"ok": "正常", "failed": "失败", "empty": "空"}
DOC_KIND_NAMES = {"record": "执行记录", "plan": "计划/方案", "rule": "制度", "pledge": "承诺书",
                  "notice": "通知", "other": "其他"}
COUNTS_AS_NAMES = {"record": "执行记录", "paper": "书面材料"}
METHOD_NAMES = {"keyword": "关键词", "classifier": "分类器", "both": "两者"}
SOURCE_NAMES = {"text": "文字层", "ocr": "OCR"}
SEVERITY_NAMES = {"high": "高", "medium": "中", "low": "低"}
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
_CN_DIGITS = "零一二三四五六七八九十"
FLAG_TEXT_MAX = 400          # characters of a flag's triggering text shown in HTML


def type_name(code: Optional[str]) -> str:
    return TYPE_NAMES.get(code or "", code or "未识别")


def standard_name(code: Optional[str]) -> str:
    return f"清廉{TYPE_NAMES[code]}创建标准" if code in TYPE_NAMES else "未确定标准"


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule, rule)


def cn_number(criterion_id: str) -> str:
    """'jiguan.2' -> '二' (criteria number 1..99)."""
    tail = criterion_id.rsplit(".", 1)[-1]
    if not tail.isdigit():
        return tail
    n = int(tail)
    if n <= 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def highlight(text: Optional[str], keywords: Optional[Iterable[str]]) -> Markup:
    """HTML-escape ``text`` and wrap occurrences of ``keywords`` in <mark>.

    Matches are found on the raw text and every piece is escaped on its own, so a
    keyword can never match inside an entity such as ``&amp;`` and untrusted text
    can never produce markup.
    """
    text = text or ""
    words = sorted({k for k in (keywords or []) if k and k.strip()}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(Markup("<mark>%s</mark>") % m.group(0))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _format_time(value: Optional[str]) -> str:
    if not value:
        return "—"
    try:
        return dt.datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def _percent(value: Optional[float]) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _page(value: Optional[int]) -> str:
    return "全文" if value is None else f"第 {value} 页"


def _url_path(*parts: str) -> str:
    return "/".join(quote(p, safe="") for p in parts)


# ---- atomic file writing ----------------------------------------------------

def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is either the old or the new file, never half."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    done = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        done = True
    finally:
        if not done:
            Path(tmp_name).unlink(missing_ok=True)
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"report value of type {type(value).__name__} is not JSON serialisable: {value!r}")


# ---- view models ------------------------------------------------------------

def unit_counts(report: dict) -> dict:
    """Counts shown in headers and index (computed from the lists, not trusted from 'summary')."""
    criteria = report.get("criteria") or []
    flags = report.get("flags") or []
    docs = report.get("documents") or []
    counts = {s: sum(1 for c in criteria if c.get("status") == s) for s in STATUS_ORDER}
    counts.update(
        criteria=len(criteria),
        flags=len(flags),
        flags_high=sum(1 for f in flags if f.get("severity") == "high"),
        documents=len(docs),
        failed=sum(1 for d in docs if d.get("status") == "failed"),
        empty=sum(1 for d in docs if d.get("status") == "empty"),
    )
    return counts


def _flag_key(flag: dict) -> tuple:
    page = flag.get("page")
    return (SEVERITY_RANK.get(flag.get("severity"), 9), flag.get("file") or "",
            page if page is not None else 0, flag.get("rule") or "")


def sorted_flags(flags: Iterable[dict]) -> list[dict]:
    return sorted(flags, key=_flag_key)


def _flags_by_file(flags: Iterable[dict]) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    for f in flags:
        by_file.setdefault(f.get("file"), []).append(f)
    return by_file


def _flags_for(by_file: dict[str, list[dict]], file: str, page: Optional[int]) -> list[dict]:
    """Flags on the same file and page; a flag without a page concerns the whole file."""
    return [f for f in by_file.get(file, ()) if f.get("page") is None or f.get("page") == page]


def _criterion_flags(criterion: dict, by_file: dict[str, list[dict]]) -> list[dict]:
    seen, out = set(), []
    for ev in criterion.get("evidence") or []:
        for f in _flags_for(by_file, ev.get("file"), ev.get("page")):
            if id(f) not in seen:
                seen.add(id(f))
                out.append(f)
    return out


def _unit_view(report: dict) -> dict:
    flags = sorted_flags(report.get("flags") or [])
    by_file = _flags_by_file(flags)
    criteria = []
    for c in report.get("criteria") or []:
        evidence = [dict(ev, flags=_flags_for(by_file, ev.get("file"), ev.get("page")))
                    for ev in c.get("evidence") or []]
        criteria.append(dict(c, evidence=evidence, number=cn_number(c.get("id", "")),
                             n_flags=len(_criterion_flags(c, by_file))))
    documents = sorted(report.get("documents") or [], key=lambda d: d.get("file") or "")
    code = report.get("unit_type")
    return {
        "r": report,
        "type_name": report.get("unit_type_name") or type_name(code),
        "standard": report.get("standard") or standard_name(code),
        "counts": unit_counts(report),
        "criteria": criteria,
        "flags": flags,
        "documents": documents,
        "low_conf_files": {f.get("file") for f in flags if f.get("rule") == "low-ocr-confidence"},
    }


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        highlight=highlight, time=_format_time, percent=_percent, page=_page, url=_url_path,
        rule_name=rule_name, type_name=type_name,
    )
    env.globals.update(
        STATUS_NAMES=STATUS_NAMES, INDICATOR_STATUS_NAMES=INDICATOR_STATUS_NAMES,
        DOC_STATUS_NAMES=DOC_STATUS_NAMES, DOC_KIND_NAMES=DOC_KIND_NAMES, COUNTS_AS_NAMES=COUNTS_AS_NAMES,
        METHOD_NAMES=METHOD_NAMES, SOURCE_NAMES=SOURCE_NAMES, SEVERITY_NAMES=SEVERITY_NAMES,
        TYPE_SOURCE_NAMES=TYPE_SOURCE_NAMES, FLAG_TEXT_MAX=FLAG_TEXT_MAX,
    )
    return env


# ---- public API -------------------------------------------------------------

def render_unit_html(report: dict) -> str:
    """The reviewer's page for one unit (a complete HTML document, no external assets)."""
    return _env().get_template("unit.html").render(**_unit_view(report))


def write_unit_report(unit_out_dir: Path, report: dict) -> None:
    """Write ``report.json`` and ``report.html`` into ``unit_out_dir``, each atomically."""
    missing = [k for k in CONTRACT_KEYS if k not in report]
    if missing:
        raise ValueError(f"report for {report.get('unit')!r} lacks contract keys: {', '.join(missing)}")
    unit_out_dir = Path(unit_out_dir)
    unit_out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, ensure_ascii=False, indent=2, default=_json_default)
    atomic_write_text(unit_out_dir / "report.json", text + "\n")
    atomic_write_text(unit_out_dir / "report.html", render_unit_html(report))


def _index_view(reports: list[dict]) -> dict:
    units, groups = [], {}
    for r in sorted(reports, key=lambda r: r["unit"]):
        units.append({"r": r, "counts": unit_counts(r),
                      "type_name": r.get("unit_type_name") or type_name(r.get("unit_type"))})
        groups.setdefault(r.get("unit_type") or "", []).append(r)
    grid = []
    for code in [c for c in TYPE_NAMES if c in groups] + [c for c in groups if c not in TYPE_NAMES]:
        rs = groups[code]
        columns = max(rs, key=lambda r: len(r.get("criteria") or [])).get("criteria") or []
        rows = []
        for r in rs:
            by_id = {c.get("id"): c for c in r.get("criteria") or []}
            rows.append({"r": r, "cells": [by_id.get(col.get("id")) for col in columns]})
        grid.append({"code": code, "type_name": type_name(code) if code else "未识别",
                     "standard": standard_name(code), "columns": columns, "rows": rows})
    total = {k: sum(u["counts"][k] for u in units) for k in
             ("evidenced", "partial", "missing", "flags", "flags_high", "documents", "failed", "empty")}
    return {"units": units, "grid": grid, "total": total,
            "generated_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}


def render_index_html(reports: list[dict]) -> str:
    return _env().get_template("index.html").render(**_index_view(reports))


def write_summary(out_dir: Path, reports: list[dict]) -> None:
    """Write summary.csv (UTF-8 with BOM), summary.xlsx and index.html into ``out_dir``, atomically."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    from pipeline.report_tables import summary_rows, summary_xlsx     # pandas: loaded only to write these

    summary = summary_rows(reports)
    atomic_write_text(out_dir / "summary.csv", summary.to_csv(index=False, lineterminator="\n"),
                      encoding="utf-8-sig")
    atomic_write_bytes(out_dir / "summary.xlsx", summary_xlsx(reports, summary))
    atomic_write_text(out_dir / "index.html", render_index_html(reports))
