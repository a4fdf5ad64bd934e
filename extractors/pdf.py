"""PDF: pdfplumber text layer per page, OCR for scanned, thin or garbled pages.

Text passages have bboxes in PDF points; OCR passages in pixels of the page
rendered at ``Document.render_dpi``. A broken page becomes a page error and the
rest of the document is kept.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFException
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extractors.base import ExtractContext, Extractor, add_page_error, form_row_text, is_form_table, row_text
from extractors.errors import CorruptError, EncryptedError
from extractors.layout import lines_to_passages
from extractors.ocr import OcrFailedError, OcrLine, ocr_image
from pipeline.models import Document, Passage

# pdfminer raises plain ValueError/KeyError/TypeError/AssertionError deep inside
# its parser on malformed page content; only the per-page text call is guarded by them.
_PAGE_ERRORS = (PdfminerException, MalformedPDFException, PDFException, PSException, ValueError, KeyError, TypeError, AssertionError)

_CID = re.compile(r"\(cid:\d+\)")


def _is_common(ch: str) -> bool:
    o = ord(ch)
    return (
        o < 0x80
        or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF   # CJK ideographs
        or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF                             # CJK punct, full-width
        or 0x2000 <= o <= 0x206F or 0x2100 <= o <= 0x22FF or 0x2460 <= o <= 0x27BF   # punct, symbols, ①, ■
        or o in (0xB7, 0xD7, 0xF7, 0xB0, 0xA7, 0xB1)                                  # ·×÷°§±
        or 0x0391 <= o <= 0x03C9 or 0x0410 <= o <= 0x044F                             # Greek, Cyrillic
    )


def garble_score(text: str) -> float:
    """Share of characters that indicate a broken text layer (0 = clean, 1 = all garbage).

    Counts ``(cid:N)`` runs, U+FFFD, private-use code points and characters a
    Chinese office document practically never contains (Latin-1 letters such
    as 'Ã', 'â', '€' from UTF-8 read as cp1252), relative to non-space chars.
    """
    cid_chars = sum(len(m) for m in _CID.findall(text))
    rest = _CID.sub("", text)
    chars = [c for c in rest if not c.isspace()]
    total = len(chars) + cid_chars
    if total == 0:
        return 0.0
    bad = cid_chars + sum(1 for c in chars if c == "\ufffd" or not _is_common(c))
    return bad / total


def is_garbled(text: str) -> bool:
    return garble_score(text) > 0.15


class PdfExtractor(Extractor):
    name = "pdf"
    version = "5"   # 2: chat screenshots read bubble by bubble (extractors/ocr.py); 3: form tables as label：value pairs; 4: turned pages read turned; 5: two-column pages column by column

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        opts = ctx.options
        try:
            pdf = pdfplumber.open(path)
        except PdfminerException as e:
            inner = e.args[0] if e.args else e
            if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise EncryptedError(detail=repr(inner)) from e
            # pdfminer is strict about xref tables; PDFium repairs many broken files.
            self._extract_with_pdfium(path, rel, doc, ctx, cause=repr(inner))
            return
        broken: str | None = None
        try:
            try:
                pages = pdf.pages   # parses every page dict; a malformed one fails here
            except _PAGE_ERRORS as e:
                broken = repr(e)
            else:
                self._extract_pages(pages, rel, doc, ctx, _Renderer(path))
        finally:
            _close(pdf)
        if broken is not None:
            self._extract_with_pdfium(path, rel, doc, ctx, cause=broken)

    def _extract_pages(self, pages: list, rel: str, doc: Document, ctx: ExtractContext, renderer: "_Renderer") -> None:
        opts = ctx.options
        n = len(pages)
        doc.pages = n
        try:
            for i, page in enumerate(pages[: opts.max_pages], start=1):
                try:
                    passages = _page_passages(page, rel, i)
                except _PAGE_ERRORS as e:
                    add_page_error(doc, i, "text_failed", f"第 {i} 页文字层读取失败（{type(e).__name__}），已尝试文字识别")
                    passages = []
                self._finish_page(doc, rel, i, passages, renderer, ctx)
        finally:
            renderer.close()
        _note_page_limit(doc, n, opts.max_pages)

    def _extract_with_pdfium(self, path: Path, rel: str, doc: Document, ctx: ExtractContext, cause: str) -> None:
        try:
            pdoc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            if "password" in str(e).lower():
                raise EncryptedError(detail=str(e)) from e
            raise CorruptError(detail=f"{cause}; {e}") from e
        renderer = _Renderer(path, pdoc)
        try:
            n = len(pdoc)
            doc.pages = n
            for i in range(1, min(n, ctx.options.max_pages) + 1):
                try:
                    tp = pdoc[i - 1].get_textpage()
                    text = tp.get_text_bounded()
                except pdfium.PdfiumError:
                    text = ""
                passages = [Passage(file=rel, page=i, text=t.strip()) for t in text.splitlines() if t.strip()]
                self._finish_page(doc, rel, i, passages, renderer, ctx)
        finally:
            renderer.close()
        _note_page_limit(doc, n, ctx.options.max_pages)

    def _finish_page(
        self, doc: Document, rel: str, page: int, passages: list[Passage], renderer: "_Renderer", ctx: ExtractContext
    ) -> None:
        opts = ctx.options
        text = "".join(p.text for p in passages)
        chars = len(re.sub(r"\s", "", text))
        garbled = is_garbled(text)
        if chars >= opts.min_text_chars_per_page and not garbled:
            doc.passages.extend(passages)
            return
        if not opts.ocr:
            if passages and not garbled:
                doc.passages.extend(passages)
            add_page_error(doc, page, "ocr_disabled", f"第 {page} 页无可用文字层（扫描页），未启用文字识别")
            return
        try:
            image = renderer.render(page - 1, opts.dpi)
        except pdfium.PdfiumError as e:
            add_page_error(doc, page, "render_failed", f"第 {page} 页无法渲染为图片（{e}），该页未识别")
            if not garbled:
                doc.passages.extend(passages)
            return
        doc.render_dpi = opts.dpi
        doc.ocr_pages += 1
        try:
            ocr_passages, conf = ocr_image(ctx.ocr, image, rel, page, opts.max_image_side)
        except OcrFailedError as e:
            add_page_error(doc, page, e.code, f"第 {page} 页{e.message}")
            ocr_passages, conf = [], None
        if conf is not None:
            doc.page_ocr_confidence[page] = round(conf, 4)
        ocr_chars = sum(len(p.text) for p in ocr_passages)
        if ocr_passages and (garbled or ocr_chars >= chars):
            doc.passages.extend(ocr_passages)
        elif not garbled:
            doc.passages.extend(passages)


class _Renderer:
    """Opens the PDF in PDFium only when a page needs OCR."""

    def __init__(self, path: Path, pdoc: Optional[pdfium.PdfDocument] = None) -> None:
        self.path = path
        self.pdoc = pdoc

    def render(self, index: int, dpi: int):
        if self.pdoc is None:
            self.pdoc = pdfium.PdfDocument(str(self.path))
        page = self.pdoc[index]
        try:
            return page.render(scale=dpi / 72, grayscale=True).to_pil()
        finally:
            page.close()

    def close(self) -> None:
        if self.pdoc is not None:
            self.pdoc.close()


def _close(pdf: pdfplumber.PDF) -> None:
    """pdfplumber's close() re-walks the page list, which raises again on a broken file."""
    try:
        pdf.close()
    except _PAGE_ERRORS:
        pdf.stream.close()


def _note_page_limit(doc: Document, n: int, max_pages: int) -> None:
    if n > max_pages:
        add_page_error(doc, max_pages + 1, "page_limit", f"文件共 {n} 页，超出上限，仅处理前 {max_pages} 页")


_GAP_CHARS = 2.5     # a gap wider than this many characters splits a text-layer line (two columns, a form's fields)


def _segments(line: dict) -> list[OcrLine]:
    """A text-layer line cut at its wide gaps: pdfplumber runs the lines of two columns together; rows put
    side-by-side pieces back together, columns keep them apart (``extractors.layout.lines_to_passages``)."""
    chars = [c for c in line["chars"] if c["text"].strip()]
    if not chars:
        return []
    widths = sorted(c["x1"] - c["x0"] for c in chars)
    limit = _GAP_CHARS * max(widths[len(widths) // 2], 1.0)
    pieces, cur = [], [chars[0]]
    for a, b in zip(chars, chars[1:]):
        if b["x0"] - a["x1"] > limit:
            pieces.append(cur)
            cur = []
        cur.append(b)
    pieces.append(cur)
    if len(pieces) == 1:
        return [OcrLine(line["text"], (line["x0"], line["top"], line["x1"], line["bottom"]), 1.0)]
    return [OcrLine("".join(c["text"] for c in p), (p[0]["x0"], min(c["top"] for c in p), p[-1]["x1"],
                                                   max(c["bottom"] for c in p)), 1.0) for p in pieces]


def _page_passages(page, rel: str, pageno: int) -> list[Passage]:
    """Paragraphs from the text layer and table rows, in top-to-bottom order."""
    tables = page.find_tables()
    out: list[tuple[float, Passage]] = []
    if tables:
        boxes = [t.bbox for t in tables]

        def outside(obj) -> bool:
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

        text_page = page.filter(outside)
        for t in tables:
            rows = [[(c or "").replace("\n", "") for c in cells] for cells in t.extract()]
            header = rows[0] if rows else []
            form = is_form_table([r for r in rows if any(c.strip() for c in r)])
            for k, (vals, row) in enumerate(zip(rows, t.rows)):
                if form:        # an approval form: 估算金额 | 438,000.00元 | 资金来源 | 村集体
                    txt = form_row_text(vals)
                else:
                    txt = row_text(header, vals) if k else "；".join(v for v in vals if v.strip())
                if txt:
                    out.append((row.bbox[1], Passage(file=rel, page=pageno, text=txt, bbox=tuple(row.bbox))))
    else:
        text_page = page
    lines = [seg for ln in text_page.extract_text_lines(return_chars=True) if ln["text"].strip()
             for seg in _segments(ln)]
    for p in lines_to_passages(lines, rel, pageno):
        p.source, p.confidence = "text", None
        out.append((p.bbox[1] if p.bbox else 0.0, p))
    if tables:      # table rows go in among the text by height; text alone keeps its reading order (columns)
        out.sort(key=lambda tp: tp[0])
    return [p for _, p in out]
