"""Run extraction jobs: in a small pool of worker processes, on a Dask cluster, or in this process.

Only the caller (the main process) touches the store: workers return
documents, the caller writes each one as it arrives (one writer, per-document
commits). Results are keyed by content hash, so the output does not depend on
the order in which workers finish, nor on the number of workers.

The local pool is our own (a few ``multiprocessing`` processes, one pipe each)
rather than ``ProcessPoolExecutor``, because the main process must know which
file each worker holds: a worker that exceeds the per-file time limit, or
makes no progress for the per-page limit, is killed and its file reported as
failed (``timeout``); a worker that dies (segfault, out of memory) has its file
reported as failed (``crashed``); in both cases a fresh worker takes over and
the rest of the batch continues. Workers send a heartbeat per OCR page.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait as wait_ready
from pathlib import Path
from typing import Callable, Iterator, Optional

from extractors import extract_file
from extractors.base import ExtractContext, ExtractOptions, OcrFactory, default_ocr_factory
from pipeline.models import Document

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_THREAD_LIMIT")
FILE_TIMEOUT = 1800.0   # seconds one file may take in total
PAGE_TIMEOUT = 180.0    # seconds a worker may go without progress (start of the file, or an OCR page)

Result = tuple["Job", list[Document]]
TaskFn = Callable[["Job", ExtractContext], list[Document]]


@dataclass(frozen=True)
class Job:
    """One file to extract; `rel` is the path used inside the returned documents."""
    sha256: str
    path: str
    rel: str


class WorkerError(RuntimeError):
    """A worker raised an unexpected exception (a bug, not a bad file): re-raised in the main process."""


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_threads(jobs: int) -> int:
    """ONNX Runtime threads per worker so that jobs × threads ≈ the cores."""
    return max(1, (os.cpu_count() or 1) // max(1, jobs))


def limit_threads(n: int = 1) -> None:
    """Keep each worker to n threads so N workers do not oversubscribe the cores."""
    for var in THREAD_VARS:
        os.environ[var] = str(n)
    os.environ["QINGLIAN_OCR_THREADS"] = str(n)


def extract_job(job: Job, ctx: ExtractContext) -> list[Document]:
    return extract_file(Path(job.path), job.rel, ctx)


def failed_result(job: Job, code: str, message: str) -> list[Document]:
    """The document reported for a file whose worker timed out or crashed."""
    return [Document(file=job.rel, status="failed", error=message, error_code=code,
                     sha256=job.sha256, size=_size(job.path))]


def timeout_message(seconds: float, stalled: bool) -> str:
    if stalled:
        return f"处理超时（超过 {seconds:.0f} 秒无进展），已跳过，请检查文件或单独处理"
    return f"处理超时（超过 {seconds:.0f} 秒），已跳过，请检查文件或单独处理"


CRASH_MESSAGE = "处理该文件时程序异常退出（文件可能损坏或过大导致内存不足），已跳过，请检查文件或单独处理"


# ------------------------------------------------------------------ worker side

class _BeatingEngine:
    """Wraps the OCR engine of a worker: tells the main process about every OCR page."""

    def __init__(self, inner, beat: Callable[[], None]):
        self.inner = inner
        self.name = inner.name
        self.beat = beat

    def recognize(self, image):
        lines = self.inner.recognize(image)
        self.beat()
        return lines


def _worker_main(conn: Connection, options: ExtractOptions, threads: int, task: TaskFn,
                 ocr_factory: Optional[OcrFactory]) -> None:
    limit_threads(threads)
    make = ocr_factory or default_ocr_factory
    ctx = ExtractContext(options=options, ocr_factory=lambda: _BeatingEngine(make(), lambda: conn.send(("beat",))))
    while True:
        try:
            job = conn.recv()
        except EOFError:        # the main process went away
            return
        if job is None:
            return
        conn.send(("start",))   # the clocks start now, not while the worker was still importing
        try:
            docs = task(job, ctx)
        except Exception:       # a bug: report it with its traceback; the main process re-raises it
            conn.send(("error", traceback.format_exc()))
            continue
        conn.send(("done", docs))


# ------------------------------------------------------------------ main side

class _Worker:
    def __init__(self, mpctx, options: ExtractOptions, threads: int, task: TaskFn, ocr_factory: Optional[OcrFactory]):
        self.conn, child = mpctx.Pipe()
        self.proc = mpctx.Process(target=_worker_main, args=(child, options, threads, task, ocr_factory), daemon=True)
        self.proc.start()
        child.close()
        self.job: Optional[Job] = None
        self.started = self.last_beat = 0.0
        self.retired = False

    def give(self, job: Job) -> None:
        self.job = job
        self.started = self.last_beat = time.monotonic()
        self.conn.send(job)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()

    def retire(self) -> None:
        """Ask the worker to exit once idle, without waiting for it (``stop`` reaps it)."""
        self.retired = True
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass

    def stop(self) -> None:
        """Retire the worker and close its pipe, without sitting through its own shutdown (~0.2 s of unloading
        the OCR runtime): the daemon process exits by itself and multiprocessing reaps it."""
        if not self.retired:
            self.retire()
        self.conn.close()


class WorkerPool:
    """`jobs` worker processes, one file at a time each, with per-file time limits and crash recovery."""

    def __init__(self, options: ExtractOptions, jobs: int, threads: int, file_timeout: float,
                 page_timeout: float, task: TaskFn = extract_job, on_ocr_page: Optional[Callable[[], None]] = None,
                 ocr_factory: Optional[OcrFactory] = None):
        self.options, self.jobs, self.threads, self.task = options, jobs, threads, task
        self.ocr_factory = ocr_factory
        self.file_timeout, self.page_timeout = file_timeout, page_timeout
        self.on_ocr_page = on_ocr_page
        self.mpctx = mp.get_context("spawn")   # no fork: the parent may run a progress thread
        self.restarts = 0
        self.retired = 0     # workers that exited early because no file was left for them
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        return _Worker(self.mpctx, self.options, self.threads, self.task, self.ocr_factory)

    def run(self, jobs: list[Job]) -> Iterator[Result]:
        queue = list(reversed(jobs))
        self.workers = workers = [self._spawn() for _ in range(min(self.jobs, len(jobs)))]
        try:
            for w in workers:
                w.give(queue.pop())
            while any(w.job is not None for w in workers):
                for w, result in self._poll(workers):
                    if w.job is None and queue:     # the worker is free (or fresh): next file
                        w.give(queue.pop())
                    elif w.job is None and not w.retired:
                        # nothing left to give: let it exit now, so that its memory and its core are free
                        # for the caller while the other workers finish their last files
                        w.retire()
                        self.retired += 1
                    yield result
        finally:
            for w in workers:
                if w.job is None:
                    w.stop()
                else:
                    w.kill()

    def _poll(self, workers: list[_Worker]) -> list[tuple[_Worker, Result]]:
        busy = [w for w in workers if w.job is not None]
        now = time.monotonic()
        deadline = min(min(w.started + self.file_timeout, w.last_beat + self.page_timeout) for w in busy)
        ready = wait_ready([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=max(0.0, deadline - now))
        out: list[tuple[_Worker, Result]] = []
        for i, w in enumerate(workers):
            if w.job is None:
                continue
            job = w.job
            if w.conn in ready or w.conn.poll():
                try:
                    msg = w.conn.recv()
                except EOFError:    # the worker died (its pipe closed): a crash
                    msg = None
                if msg is not None:
                    result = self._handle(w, msg)
                    if result is not None:
                        out.append((w, result))
                    continue
            if not w.proc.is_alive() or w.proc.sentinel in ready or w.conn.closed:
                out.append((self._replace(workers, i), (job, failed_result(job, "crashed", CRASH_MESSAGE))))
                continue
            now = time.monotonic()
            if now >= w.started + self.file_timeout:
                msg = timeout_message(self.file_timeout, stalled=False)
            elif now >= w.last_beat + self.page_timeout:
                msg = timeout_message(self.page_timeout, stalled=True)
            else:
                continue
            out.append((self._replace(workers, i), (job, failed_result(job, "timeout", msg))))
        return out

    def _handle(self, w: _Worker, msg: tuple) -> Optional[Result]:
        if msg[0] == "start":
            w.started = w.last_beat = time.monotonic()
            return None
        if msg[0] == "beat":
            w.last_beat = time.monotonic()
            if self.on_ocr_page is not None:
                self.on_ocr_page()
            return None
        if msg[0] == "error":
            raise WorkerError(f"worker failed on {w.job.rel}:\n{msg[1]}")
        job, w.job = w.job, None
        return job, msg[1]

    def _replace(self, workers: list[_Worker], i: int) -> _Worker:
        workers[i].kill()
        self.restarts += 1
        workers[i] = self._spawn()
        return workers[i]


# ------------------------------------------------------------------ Dask

_worker_ctx: Optional[ExtractContext] = None   # one per Dask worker process, kept between tasks


def run_dask_job(job: Job, options: ExtractOptions) -> Result:
    """Entry point for Dask workers: one context (one OCR engine) per worker process, kept between tasks."""
    global _worker_ctx
    if _worker_ctx is None or _worker_ctx.options != options:
        limit_threads(1)
        _worker_ctx = ExtractContext(options=options)
    return job, extract_job(job, _worker_ctx)


def run_on_dask(address: str, options: ExtractOptions, jobs: list[Job], file_timeout: float) -> Iterator[Result]:
    """Per-document work on an existing Dask cluster. At most one task per worker thread is in flight, so a
    task starts about when it is submitted; one that exceeds the file time limit is cancelled and the worker
    holding it restarted (a thread cannot be killed). A task whose workers keep dying is reported `crashed`."""
    from distributed import Client, wait as dask_wait
    from distributed.scheduler import KilledWorker

    with Client(address) as client:
        slots = max(1, sum(client.nthreads().values()))
        queue = list(reversed(jobs))
        running: dict = {}          # future -> (job, submitted at)
        while queue or running:
            while queue and len(running) < slots:
                job = queue.pop()
                fut = client.submit(run_dask_job, job, options, key=f"extract-{job.sha256}", pure=False)
                running[fut] = (job, time.monotonic())
            deadline = min(t for _, t in running.values()) + file_timeout
            try:
                dask_wait(list(running), timeout=max(0.1, deadline - time.monotonic()), return_when="FIRST_COMPLETED")
            except TimeoutError:
                pass
            now = time.monotonic()
            for fut, (job, t) in list(running.items()):
                if fut.done():
                    del running[fut]
                    try:
                        yield fut.result()
                    except KilledWorker:
                        yield job, failed_result(job, "crashed", CRASH_MESSAGE)
                elif now - t >= file_timeout:
                    del running[fut]
                    holders = [w for w, keys in client.processing().items() if fut.key in keys]
                    fut.cancel()
                    if holders:
                        client.restart_workers(holders, raise_for_error=False)
                    yield job, failed_result(job, "timeout", timeout_message(file_timeout, stalled=False))


# ------------------------------------------------------------------ facade

class Executor:
    """Yields (job, documents) as jobs finish: a local worker pool, a Dask cluster, or (with `ctx`) in-process."""

    def __init__(self, options: ExtractOptions, jobs: int = 1, scheduler: Optional[str] = None,
                 ctx: Optional[ExtractContext] = None, threads: Optional[int] = None,
                 file_timeout: float = FILE_TIMEOUT, page_timeout: float = PAGE_TIMEOUT,
                 task: TaskFn = extract_job, on_ocr_page: Optional[Callable[[], None]] = None,
                 ocr_factory: Optional[OcrFactory] = None):
        self.options = options
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.ctx = ctx
        self.threads = threads or int(os.environ.get("QINGLIAN_OCR_THREADS", 0)) or default_threads(self.jobs)
        self.file_timeout = file_timeout
        self.page_timeout = page_timeout
        self.task = task
        self.on_ocr_page = on_ocr_page
        self.ocr_factory = ocr_factory   # picklable (a module-level function); default: RapidOCR
        self.pool: Optional[WorkerPool] = None

    @property
    def spare_cores(self) -> int:
        """Local workers that have exited with nothing left to do: cores the caller may use meanwhile."""
        return self.pool.retired if self.pool is not None else 0

    def run(self, jobs: list[Job]) -> Iterator[Result]:
        if not jobs:
            return iter(())
        # biggest files first, so one slow scan does not finish last alone
        ordered = sorted(jobs, key=lambda j: (-_size(j.path), j.sha256))
        if self.scheduler:
            return run_on_dask(self.scheduler, self.options, ordered, self.file_timeout)
        if self.ctx is not None:
            return ((job, self.task(job, self.ctx)) for job in ordered)
        self.pool = WorkerPool(self.options, self.jobs, self.threads, self.file_timeout, self.page_timeout,
                               self.task, self.on_ocr_page, self.ocr_factory)
        return self.pool.run(ordered)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
