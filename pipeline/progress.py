"""Where a long run stands: a rich progress bar on a terminal, plain log lines with --quiet or in CI."""
from __future__ import annotations

import sys
import time
from typing import Optional

from pipeline.models import Document


class Progress:
    def __init__(self, quiet: bool = False, stream=None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = not quiet and self.stream.isatty()
        self.t0 = time.monotonic()
        self.files = self.pages = self.ocr_pages = self.failures = 0
        self.to_extract = 0
        self._bar = None
        self._task = None

    def _log(self, msg: str) -> None:
        print(msg, file=self.stream, flush=True)

    def start_extraction(self, total_files: int, to_extract: int, units: int) -> None:
        self.to_extract = to_extract
        msg = f"[qinglian] {units} 个单位，{total_files} 个文件；需提取 {to_extract} 个，其余取自缓存"
        if self.live and to_extract:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[stats]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                                     transient=False)
            self._bar.start()
            self._task = self._bar.add_task("提取", total=to_extract, stats="")
            self._bar.console.print(msg)
        elif not self.quiet or to_extract:
            self._log(msg)

    def file_done(self, docs: list[Document]) -> None:
        self.files += 1
        for d in docs:
            self.pages += d.pages
            self.ocr_pages += d.ocr_pages
            self.failures += d.status == "failed"
        stats = f"页 {self.pages} · OCR页 {self.ocr_pages} · 失败 {self.failures}"
        if self._bar is not None:
            self._bar.update(self._task, advance=1, stats=stats)
        elif self.quiet and (self.files % 50 == 0 or self.files == self.to_extract):
            self._log(f"[qinglian] 已提取 {self.files}/{self.to_extract} 个文件，{stats}")

    def unit_done(self, folder: str) -> None:
        if not self.quiet and self._bar is None:
            self._log(f"[qinglian] 已生成报告：{folder}")

    def finish(self, units: int, extracted: int, cached: int) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        secs = time.monotonic() - self.t0
        self._log(f"[qinglian] 完成：{units} 个单位，提取 {extracted} 个文件（缓存 {cached}），"
                  f"{self.pages} 页，其中 OCR {self.ocr_pages} 页，失败 {self.failures} 个，用时 {secs:.1f} 秒")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
