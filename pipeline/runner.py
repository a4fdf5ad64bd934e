"""Orchestration of one review run: discover → extract (cached) → analyse → match → flag → report."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from checklists import Standard, load_checklists, load_doctypes
from extractors import extractor_fingerprint
from extractors.base import ExtractOptions
from pipeline.analysis import annotate
from pipeline.assemble import build_report
from pipeline.discovery import UnitFile, discover_units, infer_type_from_text, list_unit_files
from pipeline.execute import FILE_TIMEOUT, PAGE_TIMEOUT, Executor, Job, file_sha256
from pipeline.flags import load_thresholds, run_flags
from pipeline import binders
from pipeline.matching import Matcher, MatchConfig, period_years
from pipeline.models import Document, Unit
from pipeline.progress import Progress
from pipeline.report import write_summary, write_unit_report
from pipeline.status import decide
from pipeline.store import Store

if TYPE_CHECKING:
    from pipeline.predictions import CachedClassifier

DEFAULT_TYPE = "jiguan"


class OutputError(Exception):
    """The output folder cannot be created or written."""


@dataclass
class ReviewOptions:
    out_dir: Path
    db: Optional[Path] = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    mode: str = "full"                      # full | keyword
    scheduler: Optional[str] = None         # Dask scheduler address
    quiet: bool = False
    province: Optional[str] = None
    year: Optional[int] = None
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    model_dir: Optional[Path] = None
    file_timeout: float = FILE_TIMEOUT      # seconds one file may take
    page_timeout: float = PAGE_TIMEOUT      # seconds a worker may go without progress


@dataclass
class RunResult:
    reports: list[dict]
    warnings: list[str]
    extracted: int          # files extracted in this run (cache misses)
    cached: int             # files taken from the cache


def _relabel(docs: list[Document], rel: str) -> list[Document]:
    """Cached documents carry the path of the file they were first extracted from."""
    old = docs[0].file
    for d in docs:
        if d.file.startswith(old):
            d.file = rel + d.file[len(old):]
        if d.container and d.container.startswith(old):
            d.container = rel + d.container[len(old):]
        for p in d.passages:
            p.file = d.file
    return docs


def _unreadable(rel: str, message: str, code: str) -> Document:
    return Document(file=rel, status="failed", error=message, error_code=code)


def _check_output(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".qinglian-write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"cannot write to output folder {out_dir}: {exc.strerror or exc}") from exc


def _load_classifier(opts: ReviewOptions, store: Store, warnings: list[str]):
    if opts.mode != "full":
        return None
    from classifiers.textcat import ClassifierUnavailable
    from pipeline.predictions import CachedClassifier

    try:
        return CachedClassifier(store, opts.model_dir)
    except ClassifierUnavailable as exc:
        warnings.append(f"未找到已训练的分类模型，仅使用关键词匹配（{exc}）")
        return None


def review(root: Path, opts: ReviewOptions) -> RunResult:
    standards = load_checklists()
    doctype_names = {tid: dt.name for tid, dt in load_doctypes()[1].items()}
    units, warnings = discover_units(Path(root), standards)
    _check_output(opts.out_dir)
    store = Store(opts.db or opts.out_dir / "qinglian.sqlite")
    progress = Progress(quiet=opts.quiet)
    try:
        classifier = _load_classifier(opts, store, warnings)
        config = MatchConfig.load()
        unit_docs, extracted, cached = _extract_all(units, store, opts, progress, config, classifier)
        for unit in units:
            for doc in unit_docs[unit.folder]:
                annotate(doc)
            if unit.unit_type is None:
                text = "\n".join(d.text for d in unit_docs[unit.folder])
                unit.unit_type = infer_type_from_text(text, standards)
                unit.type_source = "content"
                if unit.unit_type is None:
                    unit.unit_type = DEFAULT_TYPE
                    unit.warnings.append("无法从文件夹名称或内容判断单位类型，暂按“机关”审查，请在 unit.yaml 中注明 type")
        thresholds = load_thresholds(province=opts.province, year=opts.year)
        flags = run_flags([(u, unit_docs[u.folder]) for u in units], thresholds)
        reports = []
        for unit in units:
            docs = unit_docs[unit.folder]
            standard: Standard = standards[unit.unit_type]
            matcher = Matcher(standard, standards, config, classifier, opts.mode, period_years(unit))
            matched = matcher.match([part for doc in docs for part in binders.parts(doc, config.binders)])
            unit_flags = flags.get(unit.folder, [])
            results = [decide(c, [m for m in matched.matches if m.criterion == c.id], matched.set_aside, config,
                              unit_flags) for c in standard.criteria]
            report = build_report(unit, standard, docs, results, unit_flags, doctype_names)
            write_unit_report(opts.out_dir / unit.folder, report)
            store.save_unit(unit, docs, _match_rows(results), unit_flags)
            reports.append(report)
            progress.unit_done(unit.folder)
        write_summary(opts.out_dir, reports)
        progress.finish(len(units), extracted, cached)
        return RunResult(reports, warnings, extracted, cached)
    finally:
        progress.close()
        store.close()


def _match_rows(results) -> list[dict]:
    return [{"criterion": r.criterion.id, "file": m.doc.file, "page": m.passage.page, "index": m.passage.index,
             "indicators": m.indicators, "score": m.score, "method": m.method, "counts_as": m.counts_as}
            for r in results for m in r.evidence]


def _extract_all(units: list[Unit], store: Store, opts: ReviewOptions, progress: Progress, config: MatchConfig,
                 classifier: Optional[CachedClassifier] = None):
    """Documents per unit, from the cache or freshly extracted; every file exactly once.

    Once a worker has retired (no file left for it) its core is free: the classifier then scores the
    passages already extracted, and each later document as it arrives, while the last files are still being
    read, instead of all of it after the extraction on one core."""
    fingerprint = extractor_fingerprint(opts.extract)
    plan: dict[str, list[tuple[UnitFile, Optional[str], Optional[Document]]]] = {}
    jobs: dict[str, Job] = {}
    cached_docs: dict[str, list[Document]] = {}
    for unit in units:
        rows = []
        for uf in list_unit_files(unit):
            if uf.symlink:
                rows.append((uf, None, _unreadable(uf.rel, "符号链接，出于安全考虑未读取，请提交文件本身", "unsupported")))
                continue
            try:
                sha = file_sha256(uf.path)
            except OSError as exc:
                rows.append((uf, None, _unreadable(uf.rel, f"无法读取文件（{exc.strerror}），请检查文件权限", "unreadable")))
                continue
            rows.append((uf, sha, None))
            if sha not in cached_docs and sha not in jobs:
                hit = store.cached(sha, fingerprint)
                if hit is not None:
                    cached_docs[sha] = hit
                else:
                    jobs[sha] = Job(sha256=sha, path=str(uf.path), rel=uf.rel)
        plan[unit.folder] = rows
    progress.start_extraction(total_files=sum(len(r) for r in plan.values()), to_extract=len(jobs),
                              units=len(units))
    executor = Executor(opts.extract, jobs=opts.jobs, scheduler=opts.scheduler,
                        file_timeout=opts.file_timeout, page_timeout=opts.page_timeout,
                        on_ocr_page=progress.ocr_page)
    fresh: dict[str, list[Document]] = {}
    unscored: list[Document] = []
    for job, docs in executor.run(list(jobs.values())):
        store.put_extraction(job.sha256, fingerprint, docs)
        fresh[job.sha256] = docs
        progress.file_done(docs)
        if classifier is not None:
            unscored.extend(docs)
            if executor.spare_cores:
                classifier.score_ahead([t for d in unscored for part in binders.parts(d, config.binders)
                                        for t in Matcher.classifier_texts(part, config)])
                unscored = []
    unit_docs: dict[str, list[Document]] = {}
    for folder, rows in plan.items():
        out = []
        for uf, sha, failed in rows:
            if failed is not None:
                out.append(failed)
                continue
            source = fresh.get(sha) or cached_docs[sha]
            copies = [Document.from_dict(d.to_dict()) for d in source]   # units never share objects
            out.extend(_relabel(copies, uf.rel))
        unit_docs[folder] = out
    return unit_docs, len(jobs), len(cached_docs)
