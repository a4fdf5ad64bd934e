"""The worker pool: results whatever the worker count, per-file time limits, crash recovery, bugs surface."""
from __future__ import annotations

import os
import signal
import time

import pytest

from extractors.base import ExtractContext, ExtractOptions
from extractors.ocr import NoOpOcrEngine
from pipeline.execute import Executor, Job, WorkerError
from pipeline.models import Document, Passage

OPTS = ExtractOptions(ocr=True)


def _noop_engine():
    return NoOpOcrEngine()


def fake_task(job: Job, ctx: ExtractContext) -> list[Document]:
    """Behaves according to the file name: hang, crash, slow-but-progressing OCR, bug, or fine."""
    name = os.path.basename(job.rel)
    if name.startswith("hang"):
        time.sleep(600)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("bug"):
        raise ValueError("a bug in an extractor")
    if name.startswith("pages"):
        for _ in range(5):              # 5 OCR pages of 0.4 s: 2 s in all, never 1 s without progress
            time.sleep(0.4)
            ctx.ocr.recognize(None)
    return [Document(file=job.rel, pages=1, passages=[Passage(file=job.rel, page=1, text=f"{name} {os.getpid()}")])]


def _jobs(names: list[str]) -> list[Job]:
    return [Job(sha256=f"{i:064d}", path=f"/nonexistent/{n}", rel=n) for i, n in enumerate(names)]


def _run(names, **kw) -> dict[str, list[Document]]:
    ex = Executor(OPTS, task=fake_task, ocr_factory=_noop_engine, **kw)
    out = {}
    for job, docs in ex.run(_jobs(names)):
        assert job.rel not in out, "a file reported twice"
        out[job.rel] = docs
    return out


def test_every_job_once_any_worker_count():
    names = [f"f{i}.pdf" for i in range(9)]
    for n in (1, 2, 3):
        out = _run(names, jobs=n)
        assert sorted(out) == sorted(names)
        assert all(docs[0].status == "ok" for docs in out.values())


def test_hung_file_times_out_and_the_rest_continues():
    t0 = time.monotonic()
    # limits leave room for a worker's start-up on a busy machine (1.5 s timed out the fine files under load)
    out = _run(["a.pdf", "hang.pdf", "b.pdf", "c.pdf"], jobs=2, file_timeout=3.5, page_timeout=60)
    assert time.monotonic() - t0 < 30
    hung = out["hang.pdf"][0]
    assert hung.status == "failed" and hung.error_code == "timeout"
    assert "处理超时" in hung.error and "3.5" not in hung.error  # whole seconds in the message
    assert all(out[n][0].status == "ok" for n in ("a.pdf", "b.pdf", "c.pdf"))


def test_stall_limit_resets_on_every_ocr_page():
    out = _run(["pages.pdf", "hang.pdf", "x.pdf"], jobs=1, file_timeout=60, page_timeout=1.5)
    assert out["pages.pdf"][0].status == "ok"        # 2 s in all, but progress every 0.4 s
    assert out["hang.pdf"][0].error_code == "timeout"
    assert "无进展" in out["hang.pdf"][0].error
    assert out["x.pdf"][0].status == "ok"


def test_crashed_worker_is_replaced():
    out = _run(["a.pdf", "crash1.pdf", "b.pdf", "crash2.pdf", "c.pdf", "d.pdf"], jobs=2)
    for n in ("crash1.pdf", "crash2.pdf"):
        doc = out[n][0]
        assert doc.status == "failed" and doc.error_code == "crashed" and "异常退出" in doc.error
    assert all(out[n][0].status == "ok" for n in ("a.pdf", "b.pdf", "c.pdf", "d.pdf"))


def test_crash_with_a_single_worker():
    out = _run(["crash.pdf", "a.pdf"], jobs=1)
    assert out["crash.pdf"][0].error_code == "crashed"
    assert out["a.pdf"][0].status == "ok"


def test_a_bug_in_a_worker_is_not_hidden():
    with pytest.raises(WorkerError, match="a bug in an extractor"):
        _run(["a.pdf", "bug.pdf"], jobs=1)


def test_real_extraction_in_workers(tmp_path):
    from pipeline.execute import file_sha256

    files = []
    for i in range(4):
        p = tmp_path / f"t{i}.txt"
        p.write_text(f"第{i}份材料：召开党风廉政建设专题会议。\n", encoding="utf-8")
        files.append(p)
    jobs = [Job(sha256=file_sha256(p), path=str(p), rel=p.name) for p in files]
    results = {job.rel: docs for job, docs in Executor(ExtractOptions(ocr=False), jobs=2).run(jobs)}
    assert sorted(results) == [p.name for p in files]
    assert all(d[0].status == "ok" and "党风廉政" in d[0].text for d in results.values())


def test_an_idle_worker_retires_while_the_last_file_runs():
    """With no file left for it, a worker exits at once (its memory and core go back to the caller, which
    scores passages meanwhile) instead of idling until the slowest file is done; every file still once."""
    ex = Executor(OPTS, task=fake_task, ocr_factory=_noop_engine, jobs=2, page_timeout=5)
    seen, spare_at = [], []
    for job, _docs in ex.run(_jobs(["pages_slow.pdf", "quick.pdf"])):
        seen.append(job.rel)
        spare_at.append(ex.spare_cores)
        if job.rel == "quick.pdf":
            # the worker that read quick.pdf has been told to go: it exits while pages_slow.pdf still runs
            idle = [w for w in ex.pool.workers if w.retired]
            assert len(idle) == 1
            idle[0].proc.join(timeout=5)
            assert not idle[0].proc.is_alive()
    assert seen == ["quick.pdf", "pages_slow.pdf"] and spare_at == [1, 2]
