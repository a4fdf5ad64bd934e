"""Run extraction jobs: in this process, in a pool of worker processes, or on a Dask cluster.

Only the caller (the main process) touches the store: workers return
documents, the caller writes each one as it arrives (one writer, per-document
commits). Results are keyed by content hash, so the output does not depend on
the order in which workers finish.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from extractors import extract_file
from extractors.base import ExtractContext, ExtractOptions
from pipeline.models import Document

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_THREAD_LIMIT")


@dataclass(frozen=True)
class Job:
    """One file to extract; `rel` is the path used inside the returned documents."""
    sha256: str
    path: str
    rel: str


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def limit_threads(n: int = 1) -> None:
    """Keep each worker to n threads so N workers do not oversubscribe the cores."""
    for var in THREAD_VARS:
        os.environ[var] = str(n)
    os.environ["QINGLIAN_OCR_THREADS"] = str(n)


_worker_ctx: Optional[ExtractContext] = None   # one per worker process, built by _init_worker


def _init_worker(options: ExtractOptions, threads: int) -> None:
    global _worker_ctx
    limit_threads(threads)
    _worker_ctx = ExtractContext(options=options)


def _run_in_worker(job: Job) -> tuple[Job, list[Document]]:
    assert _worker_ctx is not None, "worker not initialised"
    return job, extract_file(Path(job.path), job.rel, _worker_ctx)


def run_dask_job(job: Job, options: ExtractOptions) -> tuple[Job, list[Document]]:
    """Entry point for Dask workers: one context per worker process, kept between tasks."""
    if _worker_ctx is None or _worker_ctx.options != options:
        _init_worker(options, 1)
    return _run_in_worker(job)


class Executor:
    """Yields (job, documents) as jobs finish."""

    def __init__(self, options: ExtractOptions, jobs: int = 1, scheduler: Optional[str] = None,
                 ctx: Optional[ExtractContext] = None):
        self.options = options
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.ctx = ctx

    def run(self, jobs: list[Job]) -> Iterator[tuple[Job, list[Document]]]:
        if not jobs:
            return iter(())
        if self.scheduler:
            return self._run_dask(jobs)
        if self.jobs == 1:
            return self._run_serial(jobs)
        return self._run_pool(jobs)

    def _run_serial(self, jobs: list[Job]) -> Iterator[tuple[Job, list[Document]]]:
        ctx = self.ctx or ExtractContext(options=self.options)
        for job in jobs:
            yield job, extract_file(Path(job.path), job.rel, ctx)

    def _run_pool(self, jobs: list[Job]) -> Iterator[tuple[Job, list[Document]]]:
        # biggest files first, so one slow scan does not finish last alone
        ordered = sorted(jobs, key=lambda j: -_size(j.path))
        with ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker,
                                 initargs=(self.options, 1)) as pool:
            pending: set[Future] = set()
            queue = iter(ordered)
            for job in _take(queue, self.jobs * 2):
                pending.add(pool.submit(_run_in_worker, job))
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
                    for job in _take(queue, 1):
                        pending.add(pool.submit(_run_in_worker, job))

    def _run_dask(self, jobs: list[Job]) -> Iterator[tuple[Job, list[Document]]]:
        from distributed import Client, as_completed

        with Client(self.scheduler) as client:
            futures = [client.submit(run_dask_job, job, self.options, key=f"extract-{job.sha256}-{i}", pure=False)
                       for i, job in enumerate(jobs)]
            for fut in as_completed(futures):
                yield fut.result()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _take(it: Iterator[Job], n: int) -> Iterable[Job]:
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return
