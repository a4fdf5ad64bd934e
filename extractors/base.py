"""Shared pieces of all extractors: options, context, the extractor base class.

A format module subclasses :class:`Extractor`, sets ``name``/``version`` and
implements :meth:`Extractor.extract`, which fills ``doc`` (pages, passages,
page errors) or raises an :class:`~extractors.errors.ExtractionError`.
Hashing, size checks, status mapping and passage numbering happen once, in
:func:`extractors.extract_file`.
"""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, Optional

from pipeline.models import Document, PageError, Passage

if TYPE_CHECKING:  # pragma: no cover
    from extractors.ocr import OcrEngine

MB = 1024 * 1024


@dataclass(frozen=True)
class ExtractOptions:
    """Knobs of extraction. Every field is part of :func:`extractor_fingerprint`."""

    dpi: int = 200
    max_file_bytes: int = 300 * MB
    max_pages: int = 300
    max_image_side: int = 4000
    min_text_chars_per_page: int = 20
    soffice_timeout: float = 120.0
    zip_max_members: int = 2000
    zip_max_total_bytes: int = 1024 * MB
    zip_max_ratio: float = 100.0
    zip_max_depth: int = 1          # nested zips allowed this many levels below the top one
    ocr: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


OcrFactory = Callable[[], "OcrEngine"]


def default_ocr_factory() -> "OcrEngine":
    """The process-wide RapidOCR engine, one intra-op thread by default (workers run in parallel).

    ``QINGLIAN_OCR_RUNTIME`` (auto | openvino-int8 | openvino | onnxruntime) picks the inference runtime."""
    from extractors.ocr import shared_rapid_engine

    return shared_rapid_engine(
        threads=int(os.environ.get("QINGLIAN_OCR_THREADS", "1")),
        runtime=os.environ.get("QINGLIAN_OCR_RUNTIME", "auto"),
    )


@dataclass
class ExtractContext:
    """Options plus a lazily built OCR engine.

    The engine itself is never pickled: a context shipped to a worker process
    rebuilds its own engine from ``ocr_factory`` on first use.
    """

    options: ExtractOptions = field(default_factory=ExtractOptions)
    ocr_factory: Optional[OcrFactory] = None
    _engine: Optional["OcrEngine"] = field(default=None, repr=False, compare=False)

    @property
    def ocr(self) -> "OcrEngine":
        if self._engine is None:
            if not self.options.ocr:
                from extractors.ocr import NoOpOcrEngine

                self._engine = NoOpOcrEngine()
            else:
                self._engine = (self.ocr_factory or default_ocr_factory)()
        return self._engine

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_engine"] = None
        return state


class Extractor:
    """Base class of the per-format extractors."""

    name: ClassVar[str] = "base"
    version: ClassVar[str] = "1"

    @classmethod
    def tag(cls) -> str:
        return f"{cls.name}@{cls.version}"

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        raise NotImplementedError


_BLANK_LINES = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs.

    Blank lines always separate paragraphs; inside a block, each non-empty
    line is its own paragraph (Chinese documents rarely hard-wrap prose).
    """
    out: list[str] = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        for line in block.split("\n"):
            line = line.strip().replace("\u3000", " ").strip()
            if line:
                out.append(line)
    return out


def row_text(header: list[str], values: list[str]) -> str:
    """'表头1: 值1；表头2: 值2', skipping empty cells; header-less cells stand alone."""
    parts: list[str] = []
    for i, v in enumerate(values):
        v = v.strip()
        if not v:
            continue
        h = header[i].strip() if i < len(header) else ""
        parts.append(f"{h}: {v}" if h and h != v else v)
    return "；".join(parts)


_LABEL = re.compile(r"^[\u4e00-\u9fff（）()/、]{1,8}[:：]?$")


def _is_label(cell: str) -> bool:
    return bool(_LABEL.match(cell.strip()))


def is_form_table(rows: list[list[str]]) -> bool:
    """A form (会议记录表, 审批表): label/value pairs across each row — 时间 | 2023年5月16日 | 地点 | 会议室 —
    rather than a header row over records. Its first row is then a pair too, not a header."""
    pair_rows = [r for r in rows if len(r) in (2, 4) and all(_is_label(r[i]) for i in range(0, len(r), 2))]
    if len(pair_rows) < max(2, 2 * len(rows) // 3) or rows[0] not in pair_rows:
        return False
    return any(c and not _is_label(c) for c in rows[0][1::2])


def form_row_text(row: list[str]) -> str:
    if len(row) not in (2, 4):
        return "；".join(c for c in row if c)
    pairs = [(row[i].strip().rstrip(":："), row[i + 1].strip()) for i in range(0, len(row), 2)]
    return "；".join(f"{k}：{v}" if v else k for k, v in pairs if k or v)


def add_page_error(doc: Document, page: int, code: str, message: str) -> None:
    doc.page_errors.append(PageError(page=page, code=code, message=message))


def text_passages(rel: str, page: int, paragraphs: list[str]) -> list[Passage]:
    return [Passage(file=rel, page=page, text=t, source="text") for t in paragraphs]
