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
        self.to_extract = self.units = self.units_done = 0
        self.live_ocr = 0               # OCR pages reported by workers for files not finished yet
        self.last_log = self.t0
        self._bar = None
        self._task = None

    def _log(self, msg: str) -> None:
        print(msg, file=self.stream, flush=True)

    def start_extraction(self, total_files: int, to_extract: int, units: int) -> None:
        self.to_extract = to_extract
        self.units = units
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

    def _stats(self) -> str:
        ocr = self.ocr_pages + self.live_ocr
        return f"{self.units} 个单位 · 页 {self.pages} · OCR页 {ocr} · 失败 {self.failures}"

    def ocr_page(self) -> None:
        """A worker finished OCR of one page (live count, before its file is done)."""
        self.live_ocr += 1
        if self._bar is not None:
            self._bar.update(self._task, stats=self._stats())

    def file_done(self, docs: list[Document]) -> None:
        self.files += 1
        for d in docs:
            self.pages += d.pages
            self.ocr_pages += d.ocr_pages
            self.live_ocr = max(0, self.live_ocr - d.ocr_pages)
            self.failures += d.status == "failed"
        now = time.monotonic()
        if self._bar is not None:
            self._bar.update(self._task, advance=1, stats=self._stats())
        elif self.quiet and (self.files % 50 == 0 or self.files == self.to_extract or now - self.last_log >= 30):
            self.last_log = now
            eta = ""
            if self.files < self.to_extract:
                left = (now - self.t0) / self.files * (self.to_extract - self.files)
                eta = f"，预计还需 {_duration(left)}"
            self._log(f"[qinglian] 已提取 {self.files}/{self.to_extract} 个文件，{self._stats()}{eta}")

    def unit_done(self, folder: str) -> None:
        self.units_done += 1
        if not self.quiet and self._bar is None:
            self._log(f"[qinglian] 已生成报告：{folder}")

    def finish(self, units: int, extracted: int, cached: int) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        secs = time.monotonic() - self.t0
        rate = f"，OCR {self.ocr_pages / secs:.2f} 页/秒" if self.ocr_pages and secs > 0 else ""
        self._log(f"[qinglian] 完成：{units} 个单位，提取 {extracted} 个文件（缓存 {cached}），"
                  f"{self.pages} 页，其中 OCR {self.ocr_pages} 页，失败 {self.failures} 个，用时 {secs:.1f} 秒{rate}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _duration(secs: float) -> str:
    secs = int(secs)
    if secs < 60:
        return f"{secs} 秒"
    if secs < 3600:
        return f"{secs // 60} 分 {secs % 60} 秒"
    return f"{secs // 3600} 小时 {secs % 3600 // 60} 分"
