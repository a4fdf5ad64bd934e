"""File → :class:`pipeline.models.Document` extraction.

``extract_file`` never raises for bad input: every failure becomes a document
with ``status`` "failed"/"empty", an ``error_code`` from :mod:`extractors.errors`
and a Chinese ``error`` message saying what to do.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extractors.archive import ArchiveExtractor, extract_zip
from extractors.base import ExtractContext, ExtractOptions, Extractor
from extractors.detect import resolve_kind
from extractors.docx import DocxExtractor
from extractors.errors import EmptyError, EncryptedError, ExtractionError, TooLargeError, UnsupportedError
from extractors.image import ImageExtractor
from extractors.legacy import LegacyExtractor
from extractors.ocr import configured_runtime
from extractors.pdf import PdfExtractor
from extractors.sheet import SheetExtractor
from extractors.text import TextExtractor
from pipeline.models import Document

__all__ = ["ExtractContext", "ExtractOptions", "extract_file", "extractor_fingerprint"]

EXTRACTORS: dict[str, Extractor] = {
    "pdf": PdfExtractor(),
    "image": ImageExtractor(),
    "docx": DocxExtractor(),
    "xlsx": SheetExtractor(),
    "xls": SheetExtractor(),
    "csv": SheetExtractor(),
    "text": TextExtractor(),
    "legacy": LegacyExtractor(),
}
LAYOUT_VERSION = "6"   # bump when extractors.layout or extractors.ocr (engine settings) / detect change behaviour
_OOXML_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def extractor_fingerprint(options: ExtractOptions | None = None) -> str:
    """Cache key part: changes with any extractor version, the layout code or the options."""
    tags = sorted({e.tag() for e in EXTRACTORS.values()} | {ArchiveExtractor.tag()})
    payload = {"extractors": tags, "layout": LAYOUT_VERSION, "options": (options or ExtractOptions()).as_dict(),
               "ocr_runtime": configured_runtime()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def extract_file(path: Path, rel: str, ctx: ExtractContext) -> list[Document]:
    """Extract one submitted file; a zip yields [zip_doc, member_doc, ...]."""
    return _extract(Path(path), rel, ctx, 0, None)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _extract(path: Path, rel: str, ctx: ExtractContext, depth: int, container: str | None) -> list[Document]:
    doc = Document(file=rel, container=container)
    warning: str | None = None
    try:
        doc.size = path.stat().st_size
        doc.sha256 = _sha256(path)
    except OSError as e:
        return [_fail(doc, ExtractionError(f"文件无法读取（{e.strerror}），请检查文件权限后重新提交"))]
    try:
        if doc.size == 0:
            raise EmptyError("空文件（0 字节），请提交有内容的文件")
        if doc.size > ctx.options.max_file_bytes:
            raise TooLargeError(
                f"文件过大（{doc.size / 2**20:.0f} MB，上限 {ctx.options.max_file_bytes / 2**20:.0f} MB），请拆分或压缩后提交"
            )
        kind, warning = resolve_kind(path, rel)
        if kind is None:
            ext = Path(rel).suffix.lower()
            raise UnsupportedError(f"格式不支持（{ext or '无扩展名'}），请转换为 PDF、Word、Excel 或图片后提交")
        if kind == "zip":
            docs = extract_zip(path, rel, doc, ctx, depth, _extract)
            if warning:
                doc.error = f"{warning}；{doc.error}"
            return docs
        if kind in ("legacy", "xls") and _is_encrypted_ooxml(path):
            raise EncryptedError()
        extractor = EXTRACTORS[kind]
        doc.extractor = extractor.tag()
        extractor.extract(path, rel, doc, ctx)
    except ExtractionError as e:
        _fail(doc, e, warning)
        return [doc]
    _finish(doc, warning)
    return [doc]


def _is_encrypted_ooxml(path: Path) -> bool:
    """Password-protected DOCX/XLSX are OLE containers holding an 'EncryptedPackage' stream."""
    with path.open("rb") as f:
        data = f.read(64 << 20)
    return _OOXML_ENCRYPTED in data


def _fail(doc: Document, err: ExtractionError, warning: str | None = None) -> Document:
    doc.status = "empty" if err.code == EmptyError.code else "failed"
    doc.error = f"{warning}；{err.message}" if warning else err.message
    doc.error_code = err.code
    if doc.status == "failed":
        doc.passages = []
    _number(doc)
    return doc


def _finish(doc: Document, warning: str | None) -> None:
    _number(doc)
    if not doc.passages:
        doc.status = "empty"
        doc.error_code = EmptyError.code
        reason = "未识别到任何文字"
        if any(e.code == "ocr_disabled" for e in doc.page_errors):
            reason += "（扫描件，未启用文字识别）"
        doc.error = f"{warning}；{reason}" if warning else reason
    elif warning:
        doc.error = warning


def _number(doc: Document) -> None:
    for i, p in enumerate(doc.passages):
        p.index = i
        p.file = doc.file
