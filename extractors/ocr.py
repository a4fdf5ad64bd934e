"""OCR engines, and a page read again when it lies turned (layout: ``extractors.layout``).

``RapidOcrEngine`` wraps ``rapidocr_onnxruntime.RapidOCR``; its PP-OCRv4 ONNX
models ship inside the wheel, so nothing is downloaded. Engines are built
lazily (the ONNX sessions take ~1 s and ~100 MB), once per process.
"""
from __future__ import annotations

import os
import re
import statistics
import threading
from dataclasses import dataclass
from typing import Optional, Protocol, Sequence

from PIL import Image

from extractors.errors import ExtractionError
from extractors.layout import lines_to_passages
from pipeline.models import BBox, Passage


class OcrFailedError(ExtractionError):
    """A page could not be OCR'd (kept as a page error, not a document failure)."""

    code = "ocr_failed"
    default_message = "该页文字识别失败，请提交更清晰的扫描件"


@dataclass
class OcrLine:
    text: str
    bbox: BBox          # (x0, top, x1, bottom) in pixels of the image given to the engine
    confidence: float   # 0..1


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: Image.Image) -> list[OcrLine]:
        ...


class NoOpOcrEngine:
    """Recognises nothing: for tests and ``--no-ocr``."""

    name = "noop"

    def recognize(self, image: Image.Image) -> list[OcrLine]:
        return []


class StaticOcrEngine:
    """Returns canned lines (tests): the same lines for every image."""

    name = "static"

    def __init__(self, lines: Sequence[OcrLine]) -> None:
        self.lines = list(lines)
        self.calls = 0

    def recognize(self, image: Image.Image) -> list[OcrLine]:
        self.calls += 1
        return list(self.lines)


RUNTIMES = ("auto", "openvino-int8", "openvino", "onnxruntime")


class RapidOcrEngine:
    """PP-OCRv4 via RapidOCR on the CPU, run by OpenVINO when installed, else ONNX Runtime.

    ``threads`` sets the runtime's inference threads (1 when many worker processes
    run side by side). The angle classifier is off by default: pages are
    upright after EXIF transpose and it costs ~15 % time for no CER gain here.
    Detection runs on the page shrunk to ``max_side_len`` 1440 (recognition
    still reads crops of the full image). On OpenVINO, 12 A4 pages at 200 dpi:
    1600 px 1.09 s/page CER 0.85 %, 1536 px 1.03 s 0.78 %, 1440 px 0.97 s 0.71 %,
    1280 px 0.86 s 0.89 % (text lines stay ~18 px high at 1440). ``runtime`` "auto" takes OpenVINO with
    the int8 models ("openvino-int8", 1.3x faster again), else OpenVINO with the wheel's float models
    ("openvino", 2-3x faster than ONNX Runtime here, see extractors.ocr_openvino), else ONNX Runtime;
    ``self.runtime`` says which one runs once built.
    """

    name = "rapidocr"

    def __init__(
        self, threads: int = 1, use_cls: bool = False, max_side_len: int = 1440, runtime: str = "auto"
    ) -> None:
        if runtime not in RUNTIMES:
            raise ValueError(f"unknown OCR runtime {runtime!r}")
        self.threads = threads
        self.use_cls = use_cls
        self.max_side_len = max_side_len
        self.runtime = runtime
        self._ocr = None
        self._lock = threading.Lock()

    def _engine(self):
        if self._ocr is None:
            with self._lock:
                if self._ocr is None:
                    from rapidocr_onnxruntime import RapidOCR

                    self._ocr = RapidOCR(
                        intra_op_num_threads=self.threads,
                        inter_op_num_threads=1,
                        use_cls=self.use_cls,
                        rec_batch_num=1,      # one line at a time: faster than batches of 6 on both runtimes, and less memory
                        max_side_len=self.max_side_len,
                        print_verbose=False,
                    )
                    self.runtime = self._install_runtime(self._ocr)
        return self._ocr

    def _install_runtime(self, rapid) -> str:
        if self.runtime == "onnxruntime":
            return "onnxruntime"
        from extractors.ocr_openvino import OpenVinoUnavailable, install

        tries = ["openvino-int8", "openvino"] if self.runtime == "auto" else [self.runtime]
        for runtime in tries:
            try:
                install(rapid, self.threads, int8=runtime == "openvino-int8", use_cls=self.use_cls)
                return runtime
            except OpenVinoUnavailable:
                if self.runtime != "auto":
                    raise
        return "onnxruntime"

    def recognize(self, image: Image.Image) -> list[OcrLine]:
        from onnxruntime.capi.onnxruntime_pybind11_state import Fail, RuntimeException
        from rapidocr_onnxruntime.utils.infer_engine import ONNXRuntimeError
        from rapidocr_onnxruntime.utils.load_image import LoadImageError

        from extractors.ocr_openvino import OpenVinoInferError

        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        try:
            result, _elapse = self._engine()(image, use_cls=self.use_cls)
        except (ONNXRuntimeError, OpenVinoInferError, LoadImageError, Fail, RuntimeException) as e:
            raise OcrFailedError(detail=f"{type(e).__name__}: {e}") from e
        finally:
            rec = getattr(self._ocr.text_rec, "session", None) if self._ocr is not None else None
            if hasattr(rec, "release"):
                rec.release()     # a page's line-width buffers (OpenVINO): memory stays flat across pages
            release_memory()
        lines: list[OcrLine] = []
        for box, text, score in result or []:
            xs = [float(p[0]) for p in box]
            ys = [float(p[1]) for p in box]
            text = str(text).strip()
            if text:
                lines.append(OcrLine(text, (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return lines


def _load_malloc_trim():
    """glibc's malloc_trim, or None (macOS, musl). ONNX Runtime frees a page's detection buffers (~400 MB at
    1600 px) to malloc, which keeps them mapped; trimming after each page keeps a worker at its ~200 MB base."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None


_MALLOC_TRIM = _load_malloc_trim()


def release_memory() -> None:
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def configured_runtime() -> str:
    """The OCR runtime this process will use (part of the cache key): QINGLIAN_OCR_RUNTIME, else
    OpenVINO with the int8 models when it is installed, else ONNX Runtime. Cheap: nothing is loaded."""
    import importlib.util

    from extractors.ocr_openvino import int8_available

    wanted = os.environ.get("QINGLIAN_OCR_RUNTIME", "auto")
    if wanted != "auto":
        return wanted
    if importlib.util.find_spec("openvino") is None:
        return "onnxruntime"
    return "openvino-int8" if int8_available() else "openvino"


_PROCESS_ENGINES: dict[tuple[int, int, bool, str], RapidOcrEngine] = {}


def shared_rapid_engine(threads: int = 1, use_cls: bool = False, runtime: str = "auto") -> RapidOcrEngine:
    """One RapidOCR engine per process and setting (safe to call from any worker)."""
    key = (os.getpid(), threads, use_cls, runtime)
    if key not in _PROCESS_ENGINES:
        _PROCESS_ENGINES[key] = RapidOcrEngine(threads=threads, use_cls=use_cls, runtime=runtime)
    return _PROCESS_ENGINES[key]


def downscale(image: Image.Image, max_side: int) -> tuple[Image.Image, float]:
    """Shrink so the longest side ≤ max_side; returns (image, factor original/new)."""
    w, h = image.size
    side = max(w, h)
    if side <= max_side:
        return image, 1.0
    f = max_side / side
    return image.resize((max(1, round(w * f)), max(1, round(h * f))), Image.Resampling.LANCZOS), side / max_side


# a page may be turned (a scan fed sideways, a photo upside down): most of its lines run down the page, or it reads
# as little text in short fragments with low confidence. It is read again turned 90°, 270° and 180°, and a turn is
# kept when it reads this many times more text
TURNS = (90, 270, 180)
TURN_GAIN = 1.5
_TALL_SHARE = 0.5        # share of lines read across boxes taller than wide
_FEW_CHARS = 20          # fewer recognised characters than this on a page: little text
_FRAGMENT_CHARS = 4      # … or at least _FRAGMENT_LINES lines averaging fewer characters than this
_FRAGMENT_LINES = 5
_SURE = 0.93             # … unless read with at least this mean confidence (a slogan board, a sign-in sheet's names)
_WORD_RE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def _text_yield(lines: Sequence[OcrLine]) -> float:
    """Characters read, weighted by confidence; a line read across a tall box (vertical text — the page is on its
    side, though the engine reads it) counts half, so that the turn that makes lines run across wins."""
    return sum(ln.confidence * len(_WORD_RE.findall(ln.text))
               * (1.0 if ln.bbox[2] - ln.bbox[0] >= ln.bbox[3] - ln.bbox[1] else 0.5) for ln in lines)


def _maybe_turned(lines: Sequence[OcrLine]) -> bool:
    """Most lines run down the page, or a few fragments read unsurely. A page with no text found at all is blank,
    whichever way it lies."""
    if not lines:
        return False
    if sum(ln.bbox[3] - ln.bbox[1] > ln.bbox[2] - ln.bbox[0] for ln in lines) >= _TALL_SHARE * len(lines):
        return True
    chars = [len(_WORD_RE.findall(ln.text)) for ln in lines]
    fragments = sum(chars) < _FEW_CHARS or (len(chars) >= _FRAGMENT_LINES and statistics.fmean(chars) < _FRAGMENT_CHARS)
    return fragments and statistics.fmean(ln.confidence for ln in lines) < _SURE


def _unturn(box: BBox, angle: int, size: tuple[int, int]) -> BBox:
    """A box read on the image turned ``angle``° counter-clockwise (PIL ``rotate(expand=True)``), in the frame of
    the image as given (width, height = ``size``)."""
    w, h = size
    x0, top, x1, bottom = box
    if angle == 90:
        return (w - bottom, x0, w - top, x1)
    if angle == 270:
        return (top, h - x1, bottom, h - x0)
    if angle == 180:
        return (w - x1, h - bottom, w - x0, h - top)
    return box


def ocr_image(
    engine: OcrEngine, image: Image.Image, file: str, page: int, max_side: int
) -> tuple[list[Passage], Optional[float]]:
    """OCR one page image; bboxes are returned in pixels of ``image`` (before downscaling). A page that may be
    turned (``_maybe_turned``: a scan fed sideways, a photo upside down) is read again turned; reading order is that
    of the turn kept, boxes are in the page's own frame."""
    small, factor = downscale(image, max_side)
    lines, angle = engine.recognize(small), 0
    if _maybe_turned(lines):
        floor = max(_text_yield(lines) * TURN_GAIN, _FEW_CHARS / 2)
        reads = [(turn, engine.recognize(small.rotate(turn, expand=True))) for turn in TURNS]
        turn, alt = max(reads, key=lambda r: _text_yield(r[1]))
        if _text_yield(alt) > floor:
            lines, angle = alt, turn
    passages = lines_to_passages(lines, file, page)
    for p in passages:
        if p.bbox is not None:
            p.bbox = tuple(v * factor for v in _unturn(p.bbox, angle, small.size))  # type: ignore[assignment]
    conf = statistics.fmean(ln.confidence for ln in lines) if lines else None
    return passages, conf
